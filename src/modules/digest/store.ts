import { and, asc, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { startOfDay, addCalendarDays } from '../../calendar/rules.js';
import type { Db } from '../../db/client.js';
import { qualified } from '../../db/columns.js';
import { people, units } from '../org/read.js';
import { colourIs } from '../tasks/ledger-store.js';
import { attachments, filterConditions, taskReports, tasks } from '../tasks/read.js';
import type { DigestLine, Highlight } from './rules.js';
import { digests, workGroupPeople, workGroups, workGroupUnits } from './schema.js';

export type WorkGroupRow = typeof workGroups.$inferSelect;

export const listGroups = (db: Db) => db.select().from(workGroups).orderBy(asc(workGroups.id));

export async function findGroup(db: Db, id: number) {
  const [row] = await db.select().from(workGroups).where(eq(workGroups.id, id));
  return row;
}

/** The members of the groups: units and people, with names, in two statements. */
export async function membersOf(db: Db, groupIds: number[]) {
  if (!groupIds.length) return { units: [], people: [] };
  const [u, p] = await Promise.all([
    db
      .select({ groupId: workGroupUnits.groupId, id: units.id, name: units.name })
      .from(workGroupUnits)
      .innerJoin(units, eq(units.id, workGroupUnits.unitId))
      .where(inArray(workGroupUnits.groupId, groupIds))
      .orderBy(asc(units.sortOrder), asc(units.id)),
    db
      .select({ groupId: workGroupPeople.groupId, id: people.id, name: people.name })
      .from(workGroupPeople)
      .innerJoin(people, eq(people.id, workGroupPeople.personId))
      .where(inArray(workGroupPeople.groupId, groupIds))
      .orderBy(asc(people.id)),
  ]);
  return { units: u, people: p };
}

export async function insertGroup(tx: Db, row: typeof workGroups.$inferInsert) {
  const [created] = await tx.insert(workGroups).values(row).returning();
  return created!;
}

// Guarded by the version read.
export async function updateGroup(tx: Db, id: number, version: number, patch: Partial<typeof workGroups.$inferInsert>) {
  const [row] = await tx
    .update(workGroups)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(workGroups.id, id), eq(workGroups.version, version)))
    .returning();
  return row;
}

export async function replaceMembers(tx: Db, groupId: number, unitIds: number[], personIds: number[]) {
  await tx.delete(workGroupUnits).where(eq(workGroupUnits.groupId, groupId));
  await tx.delete(workGroupPeople).where(eq(workGroupPeople.groupId, groupId));
  if (unitIds.length) await tx.insert(workGroupUnits).values(unitIds.map((unitId) => ({ groupId, unitId })));
  if (personIds.length) await tx.insert(workGroupPeople).values(personIds.map((personId) => ({ groupId, personId })));
}

export async function existingIds(db: Db, table: 'units' | 'people', ids: number[]) {
  if (!ids.length) return [];
  const t = table === 'units' ? units : people;
  return (await db.select({ id: t.id }).from(t).where(inArray(t.id, ids))).map((r) => r.id);
}

// Active groups whose digest for `day` is not written yet.
export function groupsWithoutDigest(db: Db, day: string) {
  return db
    .select()
    .from(workGroups)
    .where(and(eq(workGroups.active, true), sql`not exists (select 1 from ${digests} d where d.group_id = ${qualified(workGroups.id)} and d.day = ${day})`))
    .orderBy(asc(workGroups.id));
}

/** The claim: the day's row for the group, or nothing when another process (or an earlier tick) wrote it. */
export async function claimDigest(tx: Db, row: typeof digests.$inferInsert) {
  const [claimed] = await tx.insert(digests).values(row).onConflictDoNothing().returning({ id: digests.id });
  return claimed;
}

export async function listDigests(db: Db, groupId: number, page: { limit: number; offset: number }) {
  const where = eq(digests.groupId, groupId);
  const [[total], items] = await Promise.all([
    db.select({ n: count() }).from(digests).where(where),
    db.select().from(digests).where(where).orderBy(desc(digests.day)).limit(page.limit).offset(page.offset),
  ]);
  return { total: Number(total?.n ?? 0), items };
}

const OPEN = sql.raw(`('assigned', 'signed', 'in_progress', 'closing_requested', 'returned')`);

/**
 * The group's units' tasks (led or cooperated on) closed on `day`, due after it up to `dueTo`, or red, in one
 * statement; each row says which.
 */
export async function dayLines(db: Db, unitIds: number[], day: string, dueTo: string) {
  const status = qualified(tasks.status);
  const deadline = qualified(tasks.deadline);
  const closedToday = sql<boolean>`(${status} = 'closed' and ${qualified(tasks.closedOn)} = ${day})`;
  const dueSoon = sql<boolean>`(${status} in ${OPEN} and ${deadline} > ${day} and ${deadline} <= ${dueTo})`;
  const red = sql<boolean>`${colourIs('red', day)}`;
  const rows = await db
    .select({ taskId: tasks.id, title: tasks.title, unitName: units.name, deadline: tasks.deadline, closedToday, dueSoon, red })
    .from(tasks)
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .where(and(filterConditions({ unitId: unitIds }), sql`(${closedToday} or ${dueSoon} or ${red})`))
    .orderBy(asc(tasks.deadline), asc(tasks.id));
  const pick = (flag: 'closedToday' | 'dueSoon' | 'red'): DigestLine[] =>
    rows.filter((r) => r[flag]).map((r) => ({ taskId: r.taskId, title: r.title, unitName: r.unitName, deadline: r.deadline }));
  return { closedToday: pick('closedToday'), dueTomorrow: pick('dueSoon'), red: pick('red') };
}

/** The day's progress reports with photos on the group's units' tasks, most photos first: the highlights. */
export async function dayHighlights(db: Db, unitIds: number[], day: string): Promise<Highlight[]> {
  const photos = sql<number>`count(${attachments.id})::int`;
  return db
    .select({ taskId: tasks.id, title: tasks.title, unitName: units.name, text: taskReports.text, photos })
    .from(taskReports)
    .innerJoin(tasks, eq(tasks.id, taskReports.taskId))
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .innerJoin(attachments, and(eq(attachments.reportId, taskReports.id), sql`${attachments.mime} like 'image/%'`))
    .where(
      and(filterConditions({ unitId: unitIds }), gte(taskReports.reportedAt, startOfDay(day)), lt(taskReports.reportedAt, startOfDay(addCalendarDays(day, 1)))),
    )
    .groupBy(taskReports.id, tasks.id, units.name)
    .orderBy(desc(photos), asc(taskReports.id));
}
