import { and, asc, count, desc, eq, gte, inArray, isNotNull, lte, ne, notInArray, or, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { interviews } from '../chasing/read.js';
import { leaders, people, units } from '../org/read.js';
import { tasks, taskSheets } from '../tasks/read.js';
import { DEFAULT_BANDING } from './rules.js';
import { annualOpinionChanges, annualOpinions, dossierSettings } from './schema.js';

export type OpinionRow = typeof annualOpinions.$inferSelect;
export type ChangeRow = typeof annualOpinionChanges.$inferSelect;

export async function getSettings(db: Db) {
  const [row] = await db.select().from(dossierSettings).where(eq(dossierSettings.id, 1));
  return row ?? { id: 1, rule: DEFAULT_BANDING, version: 0, updatedAt: null };
}

// ---- What the record reads from the other modules' tables (joins through their read models)

export async function findPerson(db: Db, id: number) {
  const [row] = await db
    .select({ id: people.id, name: people.name, title: people.title, unitId: people.unitId, unitName: units.name, leaderId: leaders.id })
    .from(people)
    .leftJoin(units, eq(units.id, people.unitId))
    .leftJoin(leaders, eq(leaders.personId, people.id))
    .where(eq(people.id, id));
  return row;
}

export const peopleByIds = (db: Db, ids: number[]) =>
  ids.length
    ? db
        .select({ id: people.id, name: people.name, title: people.title, unitId: people.unitId, unitName: units.name })
        .from(people)
        .leftJoin(units, eq(units.id, people.unitId))
        .where(inArray(people.id, ids))
        .orderBy(asc(people.unitId), asc(people.id))
    : Promise.resolve([]);

export const leaderPeople = (db: Db) => db.select({ id: leaders.id, personId: leaders.personId }).from(leaders);

export const unitHeads = (db: Db) =>
  db
    .select({ unitId: units.id, personId: units.headPersonId, name: people.name })
    .from(units)
    .innerJoin(people, eq(people.id, units.headPersonId))
    .where(isNotNull(units.headPersonId));

/** Tasks due in the year (drafts and cancelled ones left out) whose responsible person or lead leader is given (all when omitted). */
export function yearTasks(db: Db, year: number, by?: { personId: number; leaderId: number | null }) {
  const owner = by
    ? by.leaderId === null
      ? eq(tasks.responsiblePersonId, by.personId)
      : or(eq(tasks.responsiblePersonId, by.personId), eq(tasks.leadLeaderId, by.leaderId))
    : or(isNotNull(tasks.responsiblePersonId), isNotNull(tasks.leadLeaderId));
  return db
    .select({
      id: tasks.id,
      title: tasks.title,
      status: tasks.status,
      deadline: tasks.deadline,
      closedOn: tasks.closedOn,
      closedLate: tasks.closedLate,
      responsiblePersonId: tasks.responsiblePersonId,
      leadLeaderId: tasks.leadLeaderId,
      leadUnitName: units.name,
    })
    .from(tasks)
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .where(and(gte(tasks.deadline, `${year}-01-01`), lte(tasks.deadline, `${year}-12-31`), notInArray(tasks.status, ['draft', 'cancelled']), owner))
    .orderBy(asc(tasks.deadline), asc(tasks.id));
}

/**
 * Every owner's facts of the tasks due in the year, counted in the database: a task counts once for its responsible
 * person and once for its lead leader's person (once when they are the same); its state as of `day` (closed on time,
 * closed late or open past the deadline, open); the chasing sheets (all but the assignment) issued on it within
 * [from, to], and the referrals and admonishments among them. With the owner's name, title and unit.
 */
export function yearOwnerFacts(db: Db, year: number, day: string, from: Date, to: Date) {
  const due = and(gte(tasks.deadline, `${year}-01-01`), lte(tasks.deadline, `${year}-12-31`), notInArray(tasks.status, ['draft', 'cancelled']));
  const taskFields = { taskId: sql<number>`${tasks.id}`.as('task_id'), status: tasks.status, deadline: tasks.deadline, closedLate: tasks.closedLate };
  const owned = unionAll(
    db
      .select({ personId: sql<number>`${tasks.responsiblePersonId}`.as('person_id'), ...taskFields })
      .from(tasks)
      .where(and(due, isNotNull(tasks.responsiblePersonId))),
    db
      .select({ personId: sql<number>`${leaders.personId}`.as('person_id'), ...taskFields })
      .from(tasks)
      .innerJoin(leaders, eq(leaders.id, tasks.leadLeaderId))
      .where(and(due, sql`${leaders.personId} IS DISTINCT FROM ${tasks.responsiblePersonId}`)),
  ).as('owned');
  const sheetCounts = db
    .select({
      taskId: sql<number>`${taskSheets.taskId}`.as('sheet_task_id'),
      sheets: count().as('sheets'),
      referrals: sql<number>`count(*) FILTER (WHERE ${taskSheets.kind} IN ('referral', 'admonish'))`.as('referrals'),
    })
    .from(taskSheets)
    .where(and(ne(taskSheets.kind, 'assignment'), gte(taskSheets.issuedAt, from), lte(taskSheets.issuedAt, to)))
    .groupBy(taskSheets.taskId)
    .as('sheet_counts');
  const closed = sql`${owned.status} = 'closed'`;
  return db
    .select({
      personId: owned.personId,
      name: people.name,
      title: people.title,
      unitId: people.unitId,
      unitName: units.name,
      onTime: sql<number>`count(*) FILTER (WHERE ${closed} AND NOT ${owned.closedLate})`.mapWith(Number),
      late: sql<number>`count(*) FILTER (WHERE CASE WHEN ${closed} THEN ${owned.closedLate} ELSE ${owned.deadline} < ${day} END)`.mapWith(Number),
      open: sql<number>`count(*) FILTER (WHERE NOT ${closed})`.mapWith(Number),
      sheets: sql<number>`coalesce(sum(${sheetCounts.sheets}), 0)`.mapWith(Number),
      referrals: sql<number>`coalesce(sum(${sheetCounts.referrals}), 0)`.mapWith(Number),
    })
    .from(owned)
    .innerJoin(people, eq(people.id, owned.personId))
    .leftJoin(units, eq(units.id, people.unitId))
    .leftJoin(sheetCounts, eq(sheetCounts.taskId, owned.taskId))
    .groupBy(owned.personId, people.id, units.id);
}

/** The chasing sheets (all but the assignment) issued on the given tasks within [from, to). */
export function sheetsOn(db: Db, taskIds: number[], from: Date, to: Date) {
  if (!taskIds.length) return Promise.resolve([]);
  return db
    .select({ id: taskSheets.id, taskId: taskSheets.taskId, kind: taskSheets.kind, number: taskSheets.number, issuedAt: taskSheets.issuedAt })
    .from(taskSheets)
    .where(and(inArray(taskSheets.taskId, taskIds), ne(taskSheets.kind, 'assignment'), gte(taskSheets.issuedAt, from), lte(taskSheets.issuedAt, to)))
    .orderBy(asc(taskSheets.issuedAt), asc(taskSheets.id));
}

/** Interviews of people proposed or held in the year, rejected ones left out (all people when omitted). */
export function yearInterviews(db: Db, year: number, personId?: number) {
  return db
    .select({
      id: interviews.id,
      personId: interviews.intervieweePersonId,
      unitId: interviews.unitId,
      level: interviews.level,
      status: interviews.status,
      reason: interviews.reason,
      heldOn: interviews.heldOn,
      proposedAt: interviews.proposedAt,
    })
    .from(interviews)
    .where(
      and(
        isNotNull(interviews.intervieweePersonId),
        ne(interviews.status, 'rejected'),
        personId === undefined ? undefined : eq(interviews.intervieweePersonId, personId),
        or(
          and(gte(interviews.heldOn, `${year}-01-01`), lte(interviews.heldOn, `${year}-12-31`)),
          and(gte(interviews.proposedAt, new Date(`${year}-01-01T00:00:00+08:00`)), lte(interviews.proposedAt, new Date(`${year}-12-31T23:59:59+08:00`))),
        ),
      ),
    )
    .orderBy(asc(interviews.proposedAt), asc(interviews.id));
}

// ---- Opinions

export async function findOpinion(db: Db, id: number) {
  const [row] = await db.select().from(annualOpinions).where(eq(annualOpinions.id, id));
  return row;
}

export const opinionsOf = (db: Db, year: number, subject?: 'unit' | 'person', subjectId?: number) =>
  db
    .select()
    .from(annualOpinions)
    .where(
      and(
        eq(annualOpinions.year, year),
        subject ? eq(annualOpinions.subject, subject) : undefined,
        subjectId === undefined ? undefined : eq(annualOpinions.subjectId, subjectId),
      ),
    )
    // Units first, each list by rank (unranked last), then by name.
    .orderBy(desc(annualOpinions.subject), asc(annualOpinions.rank), asc(annualOpinions.id));

export const changesOf = (db: Db, opinionIds: number[]) =>
  opinionIds.length
    ? db.select().from(annualOpinionChanges).where(inArray(annualOpinionChanges.opinionId, opinionIds)).orderBy(asc(annualOpinionChanges.id))
    : Promise.resolve([] as ChangeRow[]);
