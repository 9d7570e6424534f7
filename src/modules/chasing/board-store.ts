// Queries of the board (督办看板) and of today's list (今日待办): filtered, counted and paged in the database.
import { and, asc, count, eq, gt, gte, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { units } from '../org/read.js';
import { taskCategories, tasks, taskSheets, type SheetKind } from '../tasks/read.js';
import { CHASED_STATUSES } from './store.js';

export interface BoardFilter {
  unitIds?: number[];
  kind?: SheetKind;
  unsignedOnly?: boolean;
  // Only the tasks of the categories this unit owns (归口单位).
  ownerUnitId?: number;
  // With unitIds: the sheets of the categories this unit owns count as in scope too (the owning office's own view).
  alsoOwnedBy?: number;
}

export interface Page {
  limit: number;
  offset: number;
}

const inUnits = (column: typeof taskSheets.unitId | typeof tasks.leadUnitId, unitIds: number[]) => (unitIds.length ? inArray(column, unitIds) : sql`false`);

const ownedBy = (unitId: number) => sql`${tasks.categoryId} in (select oc.id from ${taskCategories} oc where oc.owner_unit_id = ${unitId})`;

// Chasing sheets (not assignment sheets) of tasks still being chased.
function boardConditions(f: BoardFilter): SQL | undefined {
  const conds = [ne(taskSheets.kind, 'assignment'), inArray(tasks.status, [...CHASED_STATUSES])];
  if (f.unitIds) conds.push(f.alsoOwnedBy ? or(inUnits(taskSheets.unitId, f.unitIds), ownedBy(f.alsoOwnedBy))! : inUnits(taskSheets.unitId, f.unitIds));
  if (f.ownerUnitId) conds.push(ownedBy(f.ownerUnitId));
  if (f.kind) conds.push(eq(taskSheets.kind, f.kind));
  if (f.unsignedOnly) conds.push(isNull(taskSheets.signedAt));
  return and(...conds);
}

/** How many open chasing sheets of each kind match the filter. */
export async function boardCounts(db: Db, f: BoardFilter): Promise<Record<string, number>> {
  const rows = await db
    .select({ kind: taskSheets.kind, n: count() })
    .from(taskSheets)
    .innerJoin(tasks, eq(tasks.id, taskSheets.taskId))
    .where(boardConditions(f))
    .groupBy(taskSheets.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

export function boardPage(db: Db, f: BoardFilter, page: Page) {
  return db
    .select({
      sheet: taskSheets,
      taskTitle: tasks.title,
      taskStatus: tasks.status,
      taskDeadline: tasks.deadline,
      unitName: units.name,
    })
    .from(taskSheets)
    .innerJoin(tasks, eq(tasks.id, taskSheets.taskId))
    .innerJoin(units, eq(units.id, taskSheets.unitId))
    .where(boardConditions(f))
    .orderBy(asc(taskSheets.issuedAt), asc(taskSheets.id))
    .limit(page.limit)
    .offset(page.offset);
}

// Sheets of chased tasks led by the given units (all when undefined) that are neither signed nor declined.
function toSignConditions(unitIds: number[] | undefined): SQL | undefined {
  const conds = [inArray(tasks.status, [...CHASED_STATUSES]), isNull(taskSheets.signedAt), isNull(taskSheets.declinedAt)];
  if (unitIds) conds.push(inUnits(tasks.leadUnitId, unitIds));
  return and(...conds);
}

export async function countSheetsToSign(db: Db, unitIds: number[] | undefined) {
  const [row] = await db.select({ n: count() }).from(taskSheets).innerJoin(tasks, eq(tasks.id, taskSheets.taskId)).where(toSignConditions(unitIds));
  return Number(row!.n);
}

/** A page of sheets waiting for a signature, by task (deadline, id), then in the order they were issued. */
export function sheetsToSign(db: Db, unitIds: number[] | undefined, page: Page) {
  return db
    .select({ sheet: taskSheets, taskTitle: tasks.title })
    .from(taskSheets)
    .innerJoin(tasks, eq(tasks.id, taskSheets.taskId))
    .where(toSignConditions(unitIds))
    .orderBy(asc(tasks.deadline), asc(tasks.id), asc(taskSheets.issuedAt), asc(taskSheets.id))
    .limit(page.limit)
    .offset(page.offset);
}

/** The next batch of chased tasks led by the given units (all when undefined), in (deadline, id) order after `after`. */
export function chasedTasksInUnits(db: Db, unitIds: number[] | undefined, after: { deadline: string; id: number } | null, limit: number) {
  const conds = [inArray(tasks.status, [...CHASED_STATUSES])];
  if (unitIds) conds.push(inUnits(tasks.leadUnitId, unitIds));
  if (after) conds.push(or(gt(tasks.deadline, after.deadline), and(eq(tasks.deadline, after.deadline), gt(tasks.id, after.id)))!);
  return db
    .select()
    .from(tasks)
    .where(and(...conds))
    .orderBy(asc(tasks.deadline), asc(tasks.id))
    .limit(limit);
}

// Chasing sheets (not assignment sheets) issued in [from, to), by kind, whatever became of their tasks since.
export async function issuedCounts(db: Db, f: { unitIds?: number[]; from: Date; to: Date }): Promise<Record<string, number>> {
  const conds = [ne(taskSheets.kind, 'assignment'), gte(taskSheets.issuedAt, f.from), lt(taskSheets.issuedAt, f.to)];
  if (f.unitIds) conds.push(inUnits(taskSheets.unitId, f.unitIds));
  const rows = await db
    .select({ kind: taskSheets.kind, n: count() })
    .from(taskSheets)
    .where(and(...conds))
    .groupBy(taskSheets.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}
