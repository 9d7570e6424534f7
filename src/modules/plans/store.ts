import { addCalendarDays, monthStart } from '../../calendar/rules.js';
import { and, asc, desc, eq, gt, inArray, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import { qualified } from '../../db/columns.js';
import { TASK_STATUSES } from '../../shared/labels.js';
import { accountRoles, accounts } from '../auth/read.js';
import { leaders, leaderUnits, people, units } from '../org/read.js';
import { taskCarryOvers, taskCategories, taskCooperators, taskMilestones, tasks } from '../tasks/read.js';
import { CARRIED_FINISHED } from './rules.js';
import { planItems, planPeriods, planProposals, planRevisions } from './schema.js';

export type PeriodRow = typeof planPeriods.$inferSelect;
export type ProposalRow = typeof planProposals.$inferSelect;
export type ItemRow = typeof planItems.$inferSelect;

export function listPeriods(db: Db) {
  return db.select().from(planPeriods).orderBy(desc(planPeriods.period), asc(planPeriods.kind));
}

export async function findPeriod(db: Db, id: number) {
  const [row] = await db.select().from(planPeriods).where(eq(planPeriods.id, id));
  return row;
}

export async function findProposal(db: Db, id: number) {
  const [row] = await db.select().from(planProposals).where(eq(planProposals.id, id));
  return row;
}

// Proposals of a period; `unitIds` narrows to a data scope, `leaderId` adds those naming that leader.
export function proposalsOf(db: Db, periodId: number, scope?: { unitIds: number[]; leaderId: number | null }) {
  const conds: SQL[] = [eq(planProposals.periodId, periodId)];
  if (scope) {
    const ors = [scope.unitIds.length ? inArray(planProposals.unitId, scope.unitIds) : sql`false`];
    if (scope.leaderId !== null) ors.push(eq(planProposals.leadLeaderId, scope.leaderId));
    conds.push(sql`(${sql.join(ors, sql` or `)})`);
  }
  return db
    .select()
    .from(planProposals)
    .where(and(...conds))
    .orderBy(asc(planProposals.id));
}

export function revisionsOf(db: Db, by: { proposalIds?: number[]; itemIds?: number[] }) {
  const conds: SQL[] = [];
  if (by.proposalIds?.length) conds.push(inArray(planRevisions.proposalId, by.proposalIds));
  if (by.itemIds?.length) conds.push(inArray(planRevisions.itemId, by.itemIds));
  if (!conds.length) return Promise.resolve([]);
  return db
    .select({ revision: planRevisions, byName: accounts.displayName, byUnitId: people.unitId })
    .from(planRevisions)
    .innerJoin(accounts, eq(accounts.id, planRevisions.by))
    .leftJoin(people, eq(people.id, accounts.personId))
    .where(sql`(${sql.join(conds, sql` or `)})`)
    .orderBy(asc(planRevisions.at), asc(planRevisions.id));
}

export async function findItem(db: Db, id: number) {
  const [row] = await db.select().from(planItems).where(eq(planItems.id, id));
  return row;
}

export function itemsOf(db: Db, periodId: number) {
  return db.select().from(planItems).where(eq(planItems.periodId, periodId)).orderBy(asc(planItems.sortOrder), asc(planItems.id));
}

export async function nextSortOrder(db: Db, periodId: number) {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${planItems.sortOrder}), 0)::int` })
    .from(planItems)
    .where(eq(planItems.periodId, periodId));
  return (row?.n ?? 0) + 10;
}

// Units expected to propose: every active unit above the villages.
export function proposingUnits(db: Db) {
  return db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.active, true), ne(units.kind, 'village')))
    .orderBy(asc(units.sortOrder), asc(units.id));
}

export async function findUnit(db: Db, id: number) {
  const [row] = await db.select({ id: units.id, name: units.name, path: units.path, active: units.active }).from(units).where(eq(units.id, id));
  return row;
}

// The leaders in charge (分管) of a unit: linked to it or to a unit above it, as the leader's data scope reads.
export async function leadersInCharge(db: Db, unitId: number) {
  const unit = await findUnit(db, unitId);
  if (!unit) return [];
  const ancestors = unit.path.split('/').filter(Boolean).map(Number);
  return db
    .selectDistinct({ id: leaders.id, personId: leaders.personId, sortOrder: leaders.sortOrder })
    .from(leaderUnits)
    .innerJoin(leaders, eq(leaders.id, leaderUnits.leaderId))
    .where(and(inArray(leaderUnits.unitId, ancestors), eq(leaders.active, true)))
    .orderBy(asc(leaders.sortOrder), asc(leaders.id));
}

export interface Names {
  units: Map<number, string>;
  leaders: Map<number, { name: string; position: string; sortOrder: number }>;
  categories: Map<number, { name: string; sortOrder: number }>;
  // Only the people named as responsible in some proposal or item.
  people: Map<number, string>;
}

// Names for showing ids: every unit, leader and category (a few hundred rows in a county).
export async function names(db: Db): Promise<Names> {
  const responsible = sql`(select ${planProposals.responsiblePersonId} from ${planProposals} union select ${planItems.responsiblePersonId} from ${planItems})`;
  const [u, l, c, p] = await Promise.all([
    db.select({ id: units.id, name: units.name }).from(units),
    db
      .select({ id: leaders.id, name: people.name, position: leaders.position, sortOrder: leaders.sortOrder })
      .from(leaders)
      .innerJoin(people, eq(people.id, leaders.personId)),
    db.select({ id: taskCategories.id, name: taskCategories.name, sortOrder: taskCategories.sortOrder }).from(taskCategories),
    db
      .select({ id: people.id, name: people.name })
      .from(people)
      .where(sql`${people.id} in ${responsible}`),
  ]);
  return {
    units: new Map(u.map((r) => [r.id, r.name])),
    leaders: new Map(l.map(({ id, ...r }) => [id, r])),
    categories: new Map(c.map(({ id, ...r }) => [id, r])),
    people: new Map(p.map((r) => [r.id, r.name])),
  };
}

// Whether the unit has an active account of its head (主要负责人), who submits its proposals.
export async function unitHasHeadAccount(db: Db, unitId: number) {
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .innerJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
    .where(and(eq(accounts.active, true), eq(people.unitId, unitId), eq(accountRoles.role, 'unit_head')))
    .limit(1);
  return rows.length > 0;
}

// ---- Carry-overs (挂单)

export const OPEN_TASK_EXCLUDED = ['draft', 'closed', 'cancelled'] as const;

// The month a task currently stands in: its latest carry-over's target, else its own month.
const currentMonth = sql<string>`coalesce((select max(${qualified(taskCarryOvers.toPeriod)}) from ${taskCarryOvers} where ${qualified(taskCarryOvers.taskId)} = ${qualified(tasks.id)}), ${qualified(tasks.period)})`;

// One batch of open tasks whose current month ended before `month`, in id order after `afterId`.
export function tasksToCarry(db: Db, month: string, afterId: number, limit: number) {
  return db
    .select({ id: tasks.id, title: tasks.title, leadUnitId: tasks.leadUnitId, period: tasks.period, current: currentMonth })
    .from(tasks)
    .where(and(gt(tasks.id, afterId), notInArray(tasks.status, [...OPEN_TASK_EXCLUDED]), sql`${currentMonth} < ${month}`))
    .orderBy(asc(tasks.id))
    .limit(limit);
}

export function carryOversOf(db: Db, taskIds: number[]) {
  if (!taskIds.length) return Promise.resolve([]);
  return db.select().from(taskCarryOvers).where(inArray(taskCarryOvers.taskId, taskIds)).orderBy(asc(taskCarryOvers.taskId), asc(taskCarryOvers.fromPeriod));
}

export interface CarriedFilter {
  missingReason?: boolean;
  toPeriod?: string;
  scope?: { unitIds: number[]; leaderId: number | null };
}

// The statuses of a task still carried: all but OPEN_TASK_EXCLUDED, as a list, which tasks_carried_idx's condition
// (migration closed_late_index) names, so that the list starts from that index's 114,000 tasks of 2,000,000.
const CARRIED_STATUSES = TASK_STATUSES.filter((s) => !(OPEN_TASK_EXCLUDED as readonly string[]).includes(s));

// Each carried task's latest carry-over (the last month it was carried from), one index probe per task.
const latest = (db: Db) =>
  db.select().from(taskCarryOvers).where(eq(taskCarryOvers.taskId, tasks.id)).orderBy(desc(taskCarryOvers.fromPeriod)).limit(1).as('latest');

function carriedWhere(f: CarriedFilter, c: ReturnType<typeof latest>): SQL | undefined {
  const conds: SQL[] = [inArray(tasks.status, [...CARRIED_STATUSES])];
  if (f.missingReason) conds.push(eq(c.reason, ''));
  if (f.toPeriod) conds.push(eq(c.toPeriod, f.toPeriod));
  if (f.scope) {
    const ors = [
      f.scope.unitIds.length ? inArray(tasks.leadUnitId, f.scope.unitIds) : sql`false`,
      f.scope.unitIds.length
        ? sql`exists (select 1 from ${taskCooperators} where ${taskCooperators.taskId} = ${tasks.id} and ${inArray(taskCooperators.unitId, f.scope.unitIds)})`
        : sql`false`,
    ];
    if (f.scope.leaderId !== null) ors.push(eq(tasks.leadLeaderId, f.scope.leaderId));
    conds.push(sql`(${sql.join(ors, sql` or `)})`);
  }
  return and(...conds);
}

/** How many carried tasks match the filter (each counted at its latest carry-over). */
export async function countLatestCarryOvers(db: Db, f: CarriedFilter) {
  const c = latest(db);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tasks)
    .innerJoinLateral(c, sql`true`)
    .where(carriedWhere(f, c));
  return row!.n;
}

/**
 * Each carried task's latest carry-over, with the task, oldest first: the list of carried tasks (a page of it with
 * `page`); `missingReason` keeps those without a reason. The page is chosen from the carry-overs and
 * tasks_carried_idx alone, and only its rows read their task's title and unit.
 */
export function latestCarryOvers(db: Db, f: CarriedFilter, page?: { limit: number; offset: number }) {
  const c = latest(db);
  const chosen = db
    .select({
      id: c.id,
      taskId: c.taskId,
      fromPeriod: c.fromPeriod,
      toPeriod: c.toPeriod,
      reason: c.reason,
      reasonBy: c.reasonBy,
      reasonAt: c.reasonAt,
      createdAt: c.createdAt,
    })
    .from(tasks)
    .innerJoinLateral(c, sql`true`)
    .where(carriedWhere(f, c))
    .orderBy(asc(c.createdAt), asc(c.taskId))
    .$dynamic();
  const p = (page ? chosen.limit(page.limit).offset(page.offset) : chosen).as('chosen');
  return db
    .select({
      carryOver: {
        id: p.id,
        taskId: p.taskId,
        fromPeriod: p.fromPeriod,
        toPeriod: p.toPeriod,
        reason: p.reason,
        reasonBy: p.reasonBy,
        reasonAt: p.reasonAt,
        createdAt: p.createdAt,
      },
      task: {
        id: tasks.id,
        title: tasks.title,
        period: tasks.period,
        status: tasks.status,
        deadline: tasks.deadline,
        leadUnitId: tasks.leadUnitId,
        leadLeaderId: tasks.leadLeaderId,
      },
      leadUnitName: units.name,
    })
    .from(p)
    .innerJoin(tasks, eq(tasks.id, p.taskId))
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .orderBy(asc(p.createdAt), asc(p.taskId));
}

// The open tasks that stand in `month`'s plan as carried items: those already carried into it, and those of the
// month before that are still open (the plan is drawn up near that month's end, before the roll-over runs).
export function tasksCarriedInto(db: Db, month: string) {
  const previous = addCalendarDays(monthStart(month), -1).slice(0, 7);
  return db
    .select({ task: tasks })
    .from(tasks)
    .where(and(notInArray(tasks.status, [...OPEN_TASK_EXCLUDED]), inArray(currentMonth, [month, previous])))
    .orderBy(asc(tasks.id));
}

export function openMilestonesOf(db: Db, taskId: number) {
  return db
    .select({ name: taskMilestones.name, dueDate: taskMilestones.dueDate })
    .from(taskMilestones)
    .where(and(eq(taskMilestones.taskId, taskId), sql`${taskMilestones.doneDate} is null`))
    .orderBy(asc(taskMilestones.dueDate), asc(taskMilestones.sortOrder));
}

export async function cooperatingUnitIdsOf(db: Db, taskId: number) {
  const rows = await db.select({ unitId: taskCooperators.unitId }).from(taskCooperators).where(eq(taskCooperators.taskId, taskId));
  return rows.map((r) => r.unitId);
}

export async function taskStates(db: Db, taskIds: number[]) {
  if (!taskIds.length) return new Map<number, { status: (typeof tasks.$inferSelect)['status']; percent: number; closedOn: string | null }>();
  const rows = await db
    .select({ id: tasks.id, status: tasks.status, percent: tasks.percent, closedOn: tasks.closedOn })
    .from(tasks)
    .where(inArray(tasks.id, taskIds));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}

export async function findTaskRow(db: Db, id: number) {
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
  return row;
}

export async function monthlyPeriod(db: Db, month: string) {
  const [row] = await db
    .select()
    .from(planPeriods)
    .where(and(eq(planPeriods.kind, 'monthly'), eq(planPeriods.period, month)));
  return row;
}

// Whether the period already has a proposal for the carried task (pre-filled, or the unit's own).
export async function hasProposalFor(db: Db, periodId: number, taskId: number) {
  const rows = await db
    .select({ id: planProposals.id })
    .from(planProposals)
    .where(and(eq(planProposals.periodId, periodId), eq(planProposals.carriedTaskId, taskId)))
    .limit(1);
  return rows.length > 0;
}

// ---- The plan's document (plan-docx.ts), read in batches so that its size does not weigh on memory.

// The items the document lists: after issue those the meeting kept and made tasks; before (送审稿) every item not
// dropped, less those whose carried task finished (rules.ts carriedTaskFinished), as issuing leaves them out.
function documentKept(periodId: number, issued: boolean): SQL {
  return issued
    ? sql`i.period_id = ${periodId} and i.decision in ('approved', 'amended') and i.task_id is not null`
    : sql`i.period_id = ${periodId} and i.decision is distinct from 'dropped'
        and not exists (select 1 from tasks t where t.id = i.carried_task_id and t.status in ${[...CARRIED_FINISHED]})`;
}

// The document's order: by leader, then category (each by its sort order, none last), then the item's own order. The
// key is plain integers so that a batch can start after the last row of the one before (keyset, no OFFSET).
const DOCUMENT_KEY = sql`coalesce(l.sort_order, 2147483647), coalesce(i.lead_leader_id, 0), coalesce(c.sort_order, 2147483647),
  coalesce(i.category_id, 0), i.sort_order, i.id`;
export type DocumentKey = [number, number, number, number, number, number];

export interface DocumentLeader {
  leaderId: number | null;
  name: string | null;
  position: string | null;
  items: number;
}

// The document's leaders (责任领导) in its order, each with how many items its cell spans.
export function documentLeaders(db: Db, periodId: number, issued: boolean) {
  return queryRows<DocumentLeader>(
    db,
    sql`select i.lead_leader_id as "leaderId", p.name, l.position, count(*)::int as items
      from plan_items i left join leaders l on l.id = i.lead_leader_id left join people p on p.id = l.person_id
      where ${documentKept(periodId, issued)}
      group by i.lead_leader_id, l.sort_order, p.name, l.position
      order by coalesce(l.sort_order, 2147483647), coalesce(i.lead_leader_id, 0)`,
  );
}

export interface DocumentItem {
  id: number;
  leaderId: number | null;
  title: string;
  measures: string;
  standard: string;
  deadline: string;
  units: string[]; // the lead unit first, then the cooperating units as the item lists them
  key: DocumentKey;
}

// The next `size` items of the document after `after`, in its order, with their units' names. Each batch sorts the
// plan's items again (no index holds the leaders' and categories' order), so the sort carries the key alone and the
// texts are read for the batch's rows only (at 9,400 items 30 ms a batch, against 50–70 carrying them); each unit's
// name is looked up by its key (joined, PostgreSQL scanned every unit for every item).
export async function documentItemBatch(db: Db, periodId: number, issued: boolean, after: DocumentKey | null, size: number): Promise<DocumentItem[]> {
  const past = after ? sql`and (${DOCUMENT_KEY}) > (${sql.join(after, sql`, `)})` : sql``;
  return queryRows<DocumentItem>(
    db,
    sql`select i.id, i.lead_leader_id as "leaderId", i.title, i.measures, i.standard, i.deadline::text as deadline,
        (select json_agg(coalesce((select u.name from units u where u.id = e.id::int), '') order by e.n)
           from jsonb_array_elements_text(jsonb_build_array(i.lead_unit_id) || i.cooperating_unit_ids) with ordinality e(id, n)) as units,
        b.key
      from (select i.id, array[${DOCUMENT_KEY}] as key
          from plan_items i left join leaders l on l.id = i.lead_leader_id left join task_categories c on c.id = i.category_id
          where ${documentKept(periodId, issued)} ${past}
          order by ${DOCUMENT_KEY}
          limit ${size}) b
      join plan_items i on i.id = b.id
      order by b.key`,
  );
}
