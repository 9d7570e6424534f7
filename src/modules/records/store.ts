import { and, asc, count, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { leaders, people, units } from '../org/read.js';
import { DEFAULT_RECORDS_SETTINGS } from './rules.js';
import { frontlineDays, monthlyAssessments, quarterConfirmations, recordsSettings, workLogs } from './schema.js';

export type WorkLogRow = typeof workLogs.$inferSelect;
export type FrontlineDayRow = typeof frontlineDays.$inferSelect;
export type AssessmentRow = typeof monthlyAssessments.$inferSelect;
export type ConfirmationRow = typeof quarterConfirmations.$inferSelect;

// The settings row, or the defaults at version 0 while the assessment office has never saved them.
export async function getSettings(db: Db) {
  const [row] = await db.select().from(recordsSettings).where(eq(recordsSettings.id, 1));
  return row ?? { id: 1, ...DEFAULT_RECORDS_SETTINGS, version: 0, updatedAt: null };
}

// ---- People as the records see them (names and units from the org module's read model)

const personColumns = {
  id: people.id,
  name: people.name,
  title: people.title,
  unitId: people.unitId,
  unitName: units.name,
  active: people.active,
};

export async function findPerson(db: Db, id: number) {
  const [row] = await db.select(personColumns).from(people).leftJoin(units, eq(units.id, people.unitId)).where(eq(people.id, id));
  return row;
}

// Active people of the given units, in the organisation's order.
export function peopleOfUnits(db: Db, unitIds: number[]) {
  if (!unitIds.length) return Promise.resolve([]);
  return db
    .select(personColumns)
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(inArray(people.unitId, unitIds), eq(people.active, true)))
    .orderBy(asc(units.sortOrder), asc(units.id), asc(people.id));
}

export function peopleByIds(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.select(personColumns).from(people).leftJoin(units, eq(units.id, people.unitId)).where(inArray(people.id, ids));
}

// Everyone a frontline target applies to: leaders in office and the heads of units in use, with what they are.
export async function frontlineCandidates(db: Db) {
  const leaderRows = await db
    .select({ personId: people.id, name: people.name, title: leaders.position, unitId: people.unitId, sortOrder: leaders.sortOrder })
    .from(leaders)
    .innerJoin(people, eq(people.id, leaders.personId))
    .where(and(eq(leaders.active, true), eq(people.active, true)))
    .orderBy(asc(leaders.sortOrder), asc(leaders.id));
  const headRows = await db
    .select({ personId: people.id, name: people.name, title: people.title, unitId: units.id, unitName: units.name, kind: units.kind })
    .from(units)
    .innerJoin(people, eq(people.id, units.headPersonId))
    .where(and(eq(units.active, true), eq(people.active, true)))
    .orderBy(asc(units.sortOrder), asc(units.id));
  return { leaderRows, headRows };
}

// ---- Work logs

export async function findWorkLog(db: Db, personId: number, week: string) {
  const [row] = await db
    .select()
    .from(workLogs)
    .where(and(eq(workLogs.personId, personId), eq(workLogs.week, week)));
  return row;
}

// A person's logs of the weeks between two ISO weeks (both included), newest first.
export const workLogsOf = (db: Db, personId: number, fromWeek: string, toWeek: string) =>
  db
    .select()
    .from(workLogs)
    .where(and(eq(workLogs.personId, personId), gte(workLogs.week, fromWeek), lte(workLogs.week, toWeek)))
    .orderBy(desc(workLogs.week));

// Which of the people wrote a log for the week.
export async function wroteWeek(db: Db, personIds: number[], week: string) {
  if (!personIds.length) return new Set<number>();
  const rows = await db
    .select({ personId: workLogs.personId })
    .from(workLogs)
    .where(and(inArray(workLogs.personId, personIds), eq(workLogs.week, week)));
  return new Set(rows.map((r) => r.personId));
}

// ---- Frontline days

export const frontlineDaysOf = (db: Db, personId: number, from: string, to: string) =>
  db
    .select()
    .from(frontlineDays)
    .where(and(eq(frontlineDays.personId, personId), gte(frontlineDays.day, from), lte(frontlineDays.day, to)))
    .orderBy(desc(frontlineDays.day));

// Frontline days per person between two days (both included).
export async function frontlineCounts(db: Db, from: string, to: string) {
  const rows = await db
    .select({ personId: frontlineDays.personId, n: count() })
    .from(frontlineDays)
    .where(and(gte(frontlineDays.day, from), lte(frontlineDays.day, to)))
    .groupBy(frontlineDays.personId);
  return new Map(rows.map((r) => [r.personId, r.n]));
}

// ---- Assessments and confirmations

export async function findAssessment(db: Db, personId: number, month: string) {
  const [row] = await db
    .select()
    .from(monthlyAssessments)
    .where(and(eq(monthlyAssessments.personId, personId), eq(monthlyAssessments.month, month)));
  return row;
}

export function assessmentsIn(db: Db, months: string[], personIds?: number[]) {
  if (!months.length || (personIds && !personIds.length)) return Promise.resolve([] as AssessmentRow[]);
  return db
    .select()
    .from(monthlyAssessments)
    .where(and(inArray(monthlyAssessments.month, months), personIds ? inArray(monthlyAssessments.personId, personIds) : undefined))
    .orderBy(asc(monthlyAssessments.month));
}

export async function findConfirmation(db: Db, personId: number, quarter: string) {
  const [row] = await db
    .select()
    .from(quarterConfirmations)
    .where(and(eq(quarterConfirmations.personId, personId), eq(quarterConfirmations.quarter, quarter)));
  return row;
}

export function confirmationsIn(db: Db, quarters: string[], personIds?: number[]) {
  if (!quarters.length || (personIds && !personIds.length)) return Promise.resolve([] as ConfirmationRow[]);
  return db
    .select()
    .from(quarterConfirmations)
    .where(and(inArray(quarterConfirmations.quarter, quarters), personIds ? inArray(quarterConfirmations.personId, personIds) : undefined))
    .orderBy(asc(quarterConfirmations.quarter));
}
