import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { qualified } from '../../db/columns.js';
import { taskCarryOvers, taskCategories, tasks, taskSheets } from './schema.js';
import { monthMembers } from './store.js';

// The tasks module's read model for other modules: read-only queries, and the table objects other modules join in
// SQL for their own reads (their lists filter and sort by task columns in the database). Joins in reads only: every
// write to these tables goes through the tasks module's functions (timeline.ts, moves.ts, sheets.ts, bulk.ts,
// carry-overs.ts, service.ts); test/architecture.test.ts fails on any other.
export {
  attachments,
  taskCarryOvers,
  taskCategories,
  taskCooperators,
  taskEvents,
  taskMilestones,
  taskMonths,
  taskReports,
  tasks,
  taskSheets,
} from './schema.js';
export { SHEET_KINDS, type ReportCadence, type SheetKind } from './schema.js';
export {
  attachmentsOf,
  filterConditions,
  inMonth,
  indicatorsOf,
  monthMembers,
  lastReportDays,
  listCategories,
  milestonesOf,
  nextSheetSeq,
  type TaskFilter,
} from './store.js';

export { partsOf, type PartRow } from './parts.js';
export { categoriesWithOwners, categoryOwner, ownerUnitOf } from './categories.js';
export { OWED_PART_STATUSES, partDueDay } from './part-rules.js';

export type TaskRow = typeof import('./schema.js').tasks.$inferSelect;
export type SheetRow = typeof import('./schema.js').taskSheets.$inferSelect;

export async function categoryExists(db: Db, id: number) {
  const [row] = await db.select({ id: taskCategories.id }).from(taskCategories).where(eq(taskCategories.id, id));
  return row !== undefined;
}

// Categories in use whose names are among `names`.
export function activeCategoriesByName(db: Db, names: string[]) {
  if (!names.length) return Promise.resolve([]);
  return db
    .select({ id: taskCategories.id, name: taskCategories.name })
    .from(taskCategories)
    .where(and(eq(taskCategories.active, true), inArray(taskCategories.name, names)));
}

/**
 * The top-level tasks belonging to `month` (by the rule itself, monthMembers) with what the monthly review scores them
 * by: status, deadline, closing, and the months they were carried out of. Drafts and cancelled tasks are left to the
 * caller's rule.
 */
export function monthTasks(db: Db, month: string) {
  return db
    .select({
      id: tasks.id,
      title: tasks.title,
      leadUnitId: tasks.leadUnitId,
      leadLeaderId: tasks.leadLeaderId,
      categoryId: tasks.categoryId,
      status: tasks.status,
      deadline: tasks.deadline,
      closedOn: tasks.closedOn,
      closedLate: tasks.closedLate,
      carriedFrom: sql<
        string[]
      >`coalesce((select array_agg(co.from_period order by co.from_period) from ${taskCarryOvers} co where co.task_id = ${qualified(tasks.id)}), '{}')`,
    })
    .from(tasks)
    .where(and(isNull(tasks.parentId), sql`${qualified(tasks.id)} in (${monthMembers(month)})`))
    .orderBy(asc(tasks.id));
}

/** Every sheet issued in [from, to) to any unit, oldest first: what each unit received in a period. */
export function sheetsIssuedBetween(db: Db, from: Date, to: Date) {
  return db
    .select({
      id: taskSheets.id,
      taskId: taskSheets.taskId,
      unitId: taskSheets.unitId,
      kind: taskSheets.kind,
      dueKind: taskSheets.dueKind,
      number: taskSheets.number,
      issuedAt: taskSheets.issuedAt,
    })
    .from(taskSheets)
    .where(and(gte(taskSheets.issuedAt, from), lt(taskSheets.issuedAt, to)))
    .orderBy(asc(taskSheets.issuedAt), asc(taskSheets.id));
}
