import { and, asc, desc, eq, gte, ilike, inArray, lt, lte, max, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { PartStatus } from '../../shared/labels.js';
import type { Db } from '../../db/client.js';
import { qualified } from '../../db/columns.js';
import { escapeLike } from '../audit/service.js';
import { accounts } from '../auth/read.js';
import { leaders, people, units } from '../org/read.js';
import type { TaskLevel, TaskSource, TaskStatus } from './rules.js';
import {
  attachments,
  type SheetKind,
  taskCarryOvers,
  taskCategories,
  taskCooperators,
  taskEvents,
  taskIndicators,
  taskMilestones,
  taskMonths,
  taskReports,
  tasks,
  taskSheets,
} from './schema.js';

const leaderPerson = alias(people, 'leader_person');

export const taskListColumns = {
  id: tasks.id,
  parentId: tasks.parentId,
  title: tasks.title,
  source: tasks.source,
  categoryId: tasks.categoryId,
  categoryName: taskCategories.name,
  level: tasks.level,
  leadLeaderId: tasks.leadLeaderId,
  leadLeaderName: leaderPerson.name,
  leadUnitId: tasks.leadUnitId,
  leadUnitName: units.name,
  responsibleName: tasks.responsibleName,
  responsiblePhone: tasks.responsiblePhone,
  startDate: tasks.startDate,
  deadline: tasks.deadline,
  period: tasks.period,
  status: tasks.status,
  percent: tasks.percent,
  closedOn: tasks.closedOn,
  reportCadence: tasks.reportCadence,
  tags: tasks.tags,
  version: tasks.version,
  updatedAt: tasks.updatedAt,
};

function selectTasks(db: Db) {
  return db
    .select(taskListColumns)
    .from(tasks)
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .leftJoin(taskCategories, eq(taskCategories.id, tasks.categoryId))
    .leftJoin(leaders, eq(leaders.id, tasks.leadLeaderId))
    .leftJoin(leaderPerson, eq(leaderPerson.id, leaders.personId));
}

export interface TaskFilter {
  // Data scope: undefined = everything; otherwise tasks led by or cooperated on by these units, or led by this leader.
  scope?: { unitIds: number[]; leaderId: number | null; ownerUnitId?: number | null };
  // The month the task belongs to (inMonth): planned in or carried into.
  period?: string;
  unitId?: number[];
  // With unitId: only the tasks those units lead, not the ones they cooperate on (the figures count lead units).
  leadOnly?: boolean;
  leaderId?: number;
  source?: TaskSource;
  categoryId?: number;
  // The categories this unit owns (归口单位).
  ownerUnitId?: number;
  level?: TaskLevel;
  status?: TaskStatus[];
  overdueOn?: string;
  // Deadlines within these days, both included (本周到期).
  deadlineFrom?: string;
  deadlineTo?: string;
  keyword?: string;
  parentId?: number | null;
  // Carried over at least once (挂单).
  carriedOver?: boolean;
  // Closed late (逾期销号), as the closing module decided it from the request's filing time.
  closedLate?: boolean;
}

// Led by or cooperated on by these units. A set of ids from two index scans (UNION ALL), not `lead IN … OR EXISTS (…)`,
// which PostgreSQL can only answer by scanning every task (docs/performance.md). The subqueries use their own aliases
// and no outer column, so this holds in a query over tasks alone as in one with joins.
const idsInvolving = (unitIds: number[]) =>
  sql`select l.id from ${tasks} l where ${inArray(sql`l.lead_unit_id`, unitIds)}
      union all select k.task_id from ${taskCooperators} k where ${inArray(sql`k.unit_id`, unitIds)}`;

const involvesUnits = (unitIds: number[]) => (unitIds.length ? sql`${qualified(tasks.id)} in (${idsInvolving(unitIds)})` : sql`false`);

/**
 * Month membership, defined here once: a task belongs to the month it was planned in (its period) and to every month
 * it was carried into (挂单, a task_carry_overs row's to_period). The rule, as SQL over the tasks and carry-overs
 * themselves; task_months stores its answer (inMonth) and task-months.test.ts holds the two equal.
 */
export function monthMembers(month: string): SQL {
  return sql`select m.id from ${tasks} m where m.period = ${month} union all select co.task_id from ${taskCarryOvers} co where co.to_period = ${month}`;
}

/**
 * The ledger's month filter and the monthly figures: the month's tasks from task_months (one index range, the task
 * ids in it), kept equal to monthMembers by the triggers of migration task_months. Written against the table's name,
 * so it holds in a query over tasks alone as in one with joins.
 */
export function inMonth(month: string): SQL {
  return sql`${qualified(tasks.id)} in (select tm.task_id from ${taskMonths} tm where tm.period = ${month})`;
}

const ownedCategories = (unitId: number) => sql`select oc.id from ${taskCategories} oc where oc.owner_unit_id = ${unitId}`;

export type TaskScope = NonNullable<TaskFilter['scope']>;

/**
 * A data scope's tasks in two parts: `led`, the tasks one of its units leads; `others`, those one of its units
 * cooperates on, its leader leads or of a category its unit owns (归口). Each a condition on a column of the task that
 * an index serves, the lists worked out once (array(…), an InitPlan), OR-ed: PostgreSQL reads exactly these tasks (a
 * BitmapOr) and nothing else. As `id IN (…)` the set was joined to a second read of tasks, which under row-level
 * security became a scan of every task (the policy's filter makes each index probe look dear to the planner): at the
 * full size 2,000,000 rows for a county's 12,754. Null: no such part.
 */
export function scopeParts(scope: TaskScope): { led: SQL | null; others: SQL | null } {
  const { unitIds, leaderId, ownerUnitId } = scope;
  const units = sql`${`{${unitIds.join(',')}}`}::int[]`;
  const others: SQL[] = [];
  if (unitIds.length) others.push(sql`${qualified(tasks.id)} = any(array(select k.task_id from ${taskCooperators} k where k.unit_id = any(${units})))`);
  if (leaderId !== null) others.push(sql`${qualified(tasks.leadLeaderId)} = ${leaderId}`);
  // As task ids: `category_id = any(array(…))` would have the planner guess that a list it cannot see holds ten of the
  // dozen categories, and read every task.
  if (ownerUnitId)
    others.push(sql`${qualified(tasks.id)} = any(array(select ow.id from ${tasks} ow where ow.category_id in (${ownedCategories(ownerUnitId)})))`);
  return {
    led: unitIds.length ? sql`${qualified(tasks.leadUnitId)} = any(${units})` : null,
    others: others.length ? sql`(${sql.join(others, sql` or `)})` : null,
  };
}

function inScope(scope: TaskScope): SQL {
  const { led, others } = scopeParts(scope);
  const parts = [led, others].filter((p) => p !== null);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export function filterConditions(f: TaskFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.scope) conds.push(inScope(f.scope));
  if (f.period) conds.push(inMonth(f.period));
  if (f.unitId) conds.push(f.leadOnly ? inArray(tasks.leadUnitId, f.unitId) : involvesUnits(f.unitId));
  if (f.leaderId) conds.push(eq(tasks.leadLeaderId, f.leaderId));
  if (f.source) conds.push(eq(tasks.source, f.source));
  if (f.categoryId) conds.push(eq(tasks.categoryId, f.categoryId));
  if (f.ownerUnitId) conds.push(sql`${qualified(tasks.categoryId)} in (${ownedCategories(f.ownerUnitId)})`);
  if (f.level) conds.push(eq(tasks.level, f.level));
  if (f.status?.length) conds.push(inArray(tasks.status, f.status));
  if (f.overdueOn) {
    conds.push(lt(tasks.deadline, f.overdueOn));
    conds.push(inArray(tasks.status, ['assigned', 'signed', 'in_progress', 'closing_requested', 'returned']));
  }
  if (f.deadlineFrom) conds.push(gte(tasks.deadline, f.deadlineFrom));
  if (f.deadlineTo) conds.push(lte(tasks.deadline, f.deadlineTo));
  if (f.keyword) {
    const k = `%${escapeLike(f.keyword)}%`;
    conds.push(or(ilike(tasks.title, k), ilike(tasks.description, k), ilike(tasks.responsibleName, k), sql`${tasks.tags}::text ilike ${k}`)!);
  }
  if (f.parentId !== undefined) conds.push(f.parentId === null ? sql`${tasks.parentId} is null` : eq(tasks.parentId, f.parentId));
  if (f.closedLate) conds.push(eq(tasks.closedLate, true));
  if (f.carriedOver) conds.push(sql`exists (select 1 from ${taskCarryOvers} co where co.task_id = ${qualified(tasks.id)})`);
  return conds.length ? and(...conds) : undefined;
}

// All of one task's sub-tasks (分解子事项), with no cap: the task page lists every one.
export function childTasksOf(db: Db, parentId: number) {
  return selectTasks(db).where(eq(tasks.parentId, parentId)).orderBy(asc(tasks.deadline), asc(tasks.id));
}

export async function findTask(db: Db, id: number) {
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
  return row;
}

// A task with its cooperating units (unit order), in one statement: every task request starts here. (`tasks.id` is
// written qualified: in a one-table query Drizzle renders it bare, which the subquery would read as `u.id`.)
export async function findTaskWithCooperators(db: Db, id: number) {
  const [row] = await db
    .select({
      task: tasks,
      cooperators: sql<
        { taskId: number; unitId: number; unitName: string; part: string; dueDate: string | null; standard: string; status: PartStatus }[]
      >`coalesce((
        select json_agg(json_build_object('taskId', c.task_id, 'unitId', c.unit_id, 'unitName', u.name, 'part', c.part,
          'dueDate', c.due_date, 'standard', c.standard, 'status', c.status) order by u.sort_order)
        from ${taskCooperators} c join ${units} u on u.id = c.unit_id where c.task_id = "tasks"."id"), '[]')`,
    })
    .from(tasks)
    .where(eq(tasks.id, id));
  return row;
}

export async function findTaskView(db: Db, id: number) {
  const [row] = await selectTasks(db).where(eq(tasks.id, id));
  return row;
}

export function cooperatorsOf(db: Db, taskIds: number[]) {
  if (!taskIds.length) return Promise.resolve([]);
  return db
    .select({ taskId: taskCooperators.taskId, unitId: taskCooperators.unitId, unitName: units.name, part: taskCooperators.part })
    .from(taskCooperators)
    .innerJoin(units, eq(units.id, taskCooperators.unitId))
    .where(inArray(taskCooperators.taskId, taskIds))
    .orderBy(asc(units.sortOrder));
}

export function milestonesOf(db: Db, taskIds: number[]) {
  if (!taskIds.length) return Promise.resolve([]);
  return db.select().from(taskMilestones).where(inArray(taskMilestones.taskId, taskIds)).orderBy(asc(taskMilestones.dueDate), asc(taskMilestones.sortOrder));
}

export function indicatorsOf(db: Db, taskId: number) {
  return db.select().from(taskIndicators).where(eq(taskIndicators.taskId, taskId)).orderBy(asc(taskIndicators.sortOrder), asc(taskIndicators.id));
}

export async function lastReportDays(db: Db, taskIds: number[]): Promise<Map<number, Date>> {
  if (!taskIds.length) return new Map();
  const rows = await db
    .select({ taskId: taskReports.taskId, at: max(taskReports.reportedAt) })
    .from(taskReports)
    .where(inArray(taskReports.taskId, taskIds))
    .groupBy(taskReports.taskId);
  return new Map(rows.filter((r) => r.at).map((r) => [r.taskId, new Date(r.at!)]));
}

export async function reportsOf(db: Db, taskId: number) {
  const rows = await db
    .select({ report: taskReports, reportedByName: accounts.displayName })
    .from(taskReports)
    .innerJoin(accounts, eq(accounts.id, taskReports.reportedBy))
    .where(eq(taskReports.taskId, taskId))
    .orderBy(desc(taskReports.reportedAt), desc(taskReports.id));
  return rows.map((r) => ({ ...r.report, reportedByName: r.reportedByName }));
}

export function attachmentsOf(db: Db, taskId: number) {
  return db.select().from(attachments).where(eq(attachments.taskId, taskId)).orderBy(asc(attachments.id));
}

export function sheetsOf(db: Db, taskId: number) {
  return db.select().from(taskSheets).where(eq(taskSheets.taskId, taskId)).orderBy(asc(taskSheets.issuedAt), asc(taskSheets.id));
}

export function eventsOf(db: Db, taskId: number) {
  return db.select().from(taskEvents).where(eq(taskEvents.taskId, taskId)).orderBy(asc(taskEvents.at), asc(taskEvents.id));
}

export async function nextSheetSeq(db: Db, kind: SheetKind, year: number) {
  // Serialise numbering per year so two sheets never draw the same number; held until the transaction ends.
  await db.execute(sql`SELECT pg_advisory_xact_lock(7202603, ${year})`);
  const [row] = await db
    .select({ seq: max(taskSheets.seq) })
    .from(taskSheets)
    .where(and(eq(taskSheets.kind, kind), eq(taskSheets.year, year)));
  return (row?.seq ?? 0) + 1;
}

export function listCategories(db: Db) {
  return db.select().from(taskCategories).where(eq(taskCategories.active, true)).orderBy(asc(taskCategories.sortOrder), asc(taskCategories.id));
}
