import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { taskCategories } from './schema.js';

// The tasks module's read model for other modules: read-only queries, and the table objects other modules join in
// SQL for their own reads (their lists filter and sort by task columns in the database). Joins in reads only: every
// write to these tables goes through the tasks module's functions (timeline.ts, moves.ts, sheets.ts, bulk.ts,
// carry-overs.ts, service.ts); test/architecture.test.ts fails on any other.
export { taskCarryOvers, taskCategories, taskCooperators, taskEvents, taskMilestones, taskReports, tasks, taskSheets } from './schema.js';
export { SHEET_KINDS, type ReportCadence, type SheetKind } from './schema.js';
export {
  attachmentsOf,
  filterConditions,
  inMonth,
  indicatorsOf,
  lastReportDays,
  listCategories,
  milestonesOf,
  nextSheetSeq,
  type TaskFilter,
} from './store.js';

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
