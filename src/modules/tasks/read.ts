// The tasks module's read model for other modules: read-only queries, and the table objects other modules join in
// SQL for their own reads (their lists filter and sort by task columns in the database). Joins in reads only: every
// write to these tables goes through the tasks module's functions (timeline.ts, moves.ts, sheets.ts, bulk.ts,
// carry-overs.ts, service.ts); test/architecture.test.ts fails on any other.
export { taskCarryOvers, taskCategories, taskCooperators, taskEvents, taskMilestones, taskReports, tasks, taskSheets } from './schema.js';
export { SHEET_KINDS, type ReportCadence, type SheetKind } from './schema.js';
export { attachmentsOf, filterConditions, indicatorsOf, lastReportDays, milestonesOf, nextSheetSeq, type TaskFilter } from './store.js';

export type TaskRow = typeof import('./schema.js').tasks.$inferSelect;
export type SheetRow = typeof import('./schema.js').taskSheets.$inferSelect;
