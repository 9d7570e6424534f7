// The monthly (预安) and weekly (10+N) plan: units propose, the leader in charge reviews, the office consolidates,
// the meeting decides item by item, and issuing turns the plan into assigned tasks.
import { and, eq, inArray } from 'drizzle-orm';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict, forbidden, notFound } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize, can, inScope, type Scope } from '../../permissions.js';
import { loadScope } from '../org/scope.js';
import { notify, roleAccounts, unitAccounts } from '../notify/service.js';
import { leaders, units } from '../org/read.js';
import { chineseDay } from '../../format.js';
import { planProblems, type TaskSource } from '../tasks/rules.js';
import { taskCategories } from '../tasks/read.js';
import { recordEvent } from '../tasks/timeline.js';
import { createAssignedTask, type TaskInput } from '../tasks/service.js';
import {
  changedFields,
  checkAdvance,
  checkProposalTransition,
  DECISION_LABELS,
  defaultPlanTitle,
  FIELD_LABELS,
  isLate,
  isPlanPeriod,
  ITEM_FIELDS,
  itemsEditable,
  type ItemDecision,
  PLAN_STATUS_LABELS,
  planDays,
  planLabel,
  planMonth,
  planSchedule,
  type PlanField,
  type PlanKind,
  PROPOSAL_FIELDS,
  PROPOSAL_STATUS_LABELS,
  proposalsClosedMessage,
  proposalsOpen,
  type ProposalStatus,
  reviewerEditable,
  undecided,
  unitEditable,
} from './rules.js';
import { planItems, planPeriods, planProposals, planRevisions, type PlanMilestone } from './schema.js';
import * as store from './store.js';

type Acting = Who & { actor: Actor };

export const planNotFound = () => notFound('PLAN_NOT_FOUND', '计划不存在');
const proposalNotFound = () => notFound('PROPOSAL_NOT_FOUND', '申报不存在');
const itemNotFound = () => notFound('PLAN_ITEM_NOT_FOUND', '计划事项不存在');
const stale = () => conflict('STALE_VERSION', '该记录已被他人修改，请刷新后重试');

// ---- Scope

// The office, the all-seeing roles and the county leaders see the whole plan; units see their own proposals and sheet.
async function planScope(deps: Deps, actor: Actor) {
  const scope = await loadScope(deps.db, actor);
  const wholePlan = scope.all || can(actor, 'plan.review');
  return { scope, wholePlan, filter: scope.all ? undefined : { unitIds: [...scope.unitIds], leaderId: actor.leaderId } };
}

const seesProposal = (scope: Scope, actor: Actor, p: store.ProposalRow) =>
  scope.all || inScope(scope, p.unitId) || (actor.leaderId !== null && p.leadLeaderId === actor.leaderId);

// The leader in charge (分管) of the unit: the unit lies in the leader's portfolio.
const inCharge = (actor: Actor, scope: Scope, unitId: number) => can(actor, 'plan.review') && actor.leaderId !== null && !scope.all && inScope(scope, unitId);

// A unit acts for itself (or a unit below it), never through an all-seeing role.
const ownUnit = (actor: Actor, scope: Scope, unitId: number) => actor.unitId !== null && !scope.all && inScope(scope, unitId);

async function loadPeriod(db: Db, id: number) {
  const period = await store.findPeriod(db, id);
  if (!period) throw planNotFound();
  return period;
}

// Taken in every write that depends on the plan's step, so a proposal never slips in while the plan is being issued.
async function lockPeriod(tx: Db, id: number, mode: 'share' | 'update') {
  const [row] = await tx.select().from(planPeriods).where(eq(planPeriods.id, id)).for(mode);
  if (!row) throw planNotFound();
  return row;
}

// ---- Periods

export async function createPeriod(deps: Deps, who: Acting, input: { kind: PlanKind; period: string; title?: string }) {
  authorize(who.actor, 'plan.manage');
  if (!isPlanPeriod(input.kind, input.period)) {
    throw badRequest('BAD_PERIOD', input.kind === 'monthly' ? '月份格式应为 YYYY-MM，如 2026-04' : '周的格式应为 YYYY-Www，如 2026-W15');
  }
  const schedule = planSchedule(input.kind, input.period);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(planPeriods)
      .values({
        kind: input.kind,
        period: input.period,
        title: input.title || `${deps.config.countyName}${defaultPlanTitle(input.kind, input.period)}`,
        ...schedule,
        createdBy: who.actor.accountId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: [planPeriods.kind, planPeriods.period] })
      .returning();
    if (!row) throw conflict('PLAN_EXISTS', `${planLabel(input.kind, input.period)}的计划已经建立`);
    // Tasks carried over into the month (挂单) stand as drafts of their lead units, to be confirmed with a new timetable.
    const carried = input.kind === 'monthly' ? await store.tasksCarriedInto(tx, input.period) : [];
    for (const { task } of carried) {
      await tx.insert(planProposals).values({
        periodId: row.id,
        unitId: task.leadUnitId,
        title: task.title,
        measures: task.description,
        milestones: await store.openMilestonesOf(tx, task.id),
        standard: task.standard,
        deadline: task.deadline,
        categoryId: task.categoryId,
        leadLeaderId: task.leadLeaderId,
        cooperatingUnitIds: await store.cooperatingUnitIdsOf(tx, task.id),
        carriedTaskId: task.id,
        createdBy: who.actor.accountId,
        createdAt: now,
        updatedAt: now,
      });
    }
    await recordAudit(tx, deps, who, {
      action: 'plan.create',
      targetType: 'plan',
      targetId: row.id,
      after: { ...row, prefilled: carried.map((c) => c.task.id) },
    });
    const unitIds = (await store.proposingUnits(tx)).map((u) => u.id);
    await notify(tx, now, await unitAccounts(tx, unitIds, ['unit_head', 'unit_liaison']), {
      kind: 'plan.collecting',
      title: `${row.title}开始申报`,
      body: `请于${chineseDay(row.proposeBy)}前申报${planLabel(row.kind, row.period)}重点工作，列明时间表、路线图，经单位主要负责人审定后提交。`,
      link: `/plans/${row.id}`,
    });
    return row;
  });
}

export async function advancePeriod(deps: Deps, who: Acting, id: number) {
  authorize(who.actor, 'plan.manage');
  const period = await loadPeriod(deps.db, id);
  const check = checkAdvance(period.status);
  if (!check.ok) throw conflict('ILLEGAL_TRANSITION', check.message);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(planPeriods)
      .set({ status: check.to, version: period.version + 1, updatedAt: now })
      .where(and(eq(planPeriods.id, id), eq(planPeriods.status, period.status)))
      .returning();
    if (!after) throw conflict('ILLEGAL_TRANSITION', '计划状态已被他人改变，请刷新后重试');
    await recordAudit(tx, deps, who, {
      action: 'plan.advance',
      targetType: 'plan',
      targetId: id,
      before: { status: period.status },
      after: { status: check.to },
    });
    if (check.to === 'reviewing') {
      await notify(tx, now, await roleAccounts(tx, ['leader']), {
        kind: 'plan.reviewing',
        title: `${period.title}请审核`,
        body: `请于${chineseDay(period.reviewBy)}前审核分管单位申报的重点工作。`,
        link: `/plans/${id}/proposals`,
      });
    }
    return after;
  });
}

export async function listPeriods(deps: Deps, actor: Actor) {
  authorize(actor, 'plan.read');
  return store.listPeriods(deps.db);
}

// The plan with its steps, and the proposals the actor may see counted by status; which units have not proposed.
export async function getPeriod(deps: Deps, actor: Actor, id: number) {
  authorize(actor, 'plan.read');
  const period = await loadPeriod(deps.db, id);
  const { scope, filter, wholePlan } = await planScope(deps, actor);
  const [proposals, unitsExpected, items] = await Promise.all([
    store.proposalsOf(deps.db, id, filter),
    store.proposingUnits(deps.db),
    wholePlan ? store.itemsOf(deps.db, id) : [],
  ]);
  const byStatus = { draft: 0, submitted: 0, returned: 0, approved: 0 } satisfies Record<ProposalStatus, number>;
  for (const p of proposals) byStatus[p.status] += 1;
  const proposed = new Set(proposals.filter((p) => p.status !== 'draft').map((p) => p.unitId));
  return {
    period,
    proposals: { total: proposals.length, byStatus, late: proposals.filter((p) => p.late).length },
    notProposed: unitsExpected.filter((u) => inScope(scope, u.id) && !proposed.has(u.id)),
    items: wholePlan ? { total: items.length, undecided: undecided(items), taskCount: items.filter((i) => i.taskId !== null).length } : null,
  };
}

// ---- Proposals (自下而上预)

export interface ProposalInput {
  title: string;
  measures: string;
  timetable: string;
  milestones: PlanMilestone[];
  standard: string;
  deadline: string;
  categoryId: number | null;
  leadLeaderId: number | null;
  cooperatingUnitIds: number[];
}

export interface ItemInput {
  title: string;
  measures: string;
  milestones: PlanMilestone[];
  standard: string;
  deadline: string;
  categoryId: number | null;
  leadLeaderId: number | null;
  leadUnitId: number;
  cooperatingUnitIds: number[];
}

const pick = <T extends object, K extends keyof T>(row: T, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<T, K>;
const proposalFields = (p: store.ProposalRow): ProposalInput => pick(p, PROPOSAL_FIELDS);
const itemFields = (i: store.ItemRow): ItemInput => pick(i, ITEM_FIELDS);

// The rules of a task's owner and schedule (三定), from the plan's first day; and every id must name something in use.
async function checkContent(db: Db, period: store.PeriodRow, c: Omit<ItemInput, 'title' | 'measures' | 'standard'>) {
  const problems = planProblems({ startDate: planDays(period.kind, period.period).start, ...c, leadUnitId: c.leadUnitId });
  if (problems.length) throw badRequest('BAD_PLAN_ITEM', problems.join('；'), problems);
  if (c.leadLeaderId !== null) {
    const [leader] = await db.select({ active: leaders.active }).from(leaders).where(eq(leaders.id, c.leadLeaderId));
    if (!leader?.active) throw badRequest('LEADER_NOT_FOUND', '责任领导不存在或已离任');
  }
  const unitIds = [c.leadUnitId, ...c.cooperatingUnitIds];
  const found = await db
    .select({ id: units.id })
    .from(units)
    .where(and(inArray(units.id, unitIds), eq(units.active, true)));
  if (found.length !== new Set(unitIds).size) throw badRequest('UNIT_NOT_FOUND', '责任单位或配合单位中有不存在或已停用的单位');
  if (c.categoryId !== null) {
    const [cat] = await db.select({ id: taskCategories.id }).from(taskCategories).where(eq(taskCategories.id, c.categoryId));
    if (!cat) throw badRequest('CATEGORY_NOT_FOUND', '事项类别不存在');
  }
}

const checkProposal = (db: Db, period: store.PeriodRow, unitId: number, p: ProposalInput) => checkContent(db, period, { ...p, leadUnitId: unitId });

function assertOpen(period: store.PeriodRow) {
  if (!proposalsOpen(period.status)) throw conflict('PLAN_CLOSED', proposalsClosedMessage(period.status));
}

export async function createProposal(deps: Deps, who: Acting, periodId: number, input: ProposalInput) {
  authorize(who.actor, 'plan.propose');
  const unitId = who.actor.unitId;
  if (unitId === null) throw forbidden('只有单位账号可以申报');
  assertOpen(await loadPeriod(deps.db, periodId));
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const period = await lockPeriod(tx, periodId, 'share');
    assertOpen(period);
    await checkProposal(tx, period, unitId, input);
    const [row] = await tx
      .insert(planProposals)
      .values({ ...input, periodId, unitId, createdBy: who.actor.accountId, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, deps, who, { action: 'plan.proposal_create', targetType: 'plan_proposal', targetId: row!.id, after: row });
    return row!;
  });
}

async function loadVisibleProposal(deps: Deps, actor: Actor, id: number) {
  authorize(actor, 'plan.read');
  const proposal = await store.findProposal(deps.db, id);
  if (!proposal) throw proposalNotFound();
  const scope = await loadScope(deps.db, actor);
  if (!seesProposal(scope, actor, proposal)) throw proposalNotFound();
  return { proposal, scope, period: await loadPeriod(deps.db, proposal.periodId) };
}

// The unit edits its own draft; once submitted, the leader in charge or the office edit it and say why (plan_revisions).
export async function updateProposal(deps: Deps, who: Acting, id: number, patch: Partial<ProposalInput> & { version: number; reason?: string }) {
  const { proposal, scope, period } = await loadVisibleProposal(deps, who.actor, id);
  const reviewer = can(who.actor, 'plan.manage') || inCharge(who.actor, scope, proposal.unitId);
  if (!reviewer && !(can(who.actor, 'plan.propose') && ownUnit(who.actor, scope, proposal.unitId)))
    throw forbidden('只有申报单位、分管领导或督查室可以修改申报');
  assertOpen(period);
  const status = PROPOSAL_STATUS_LABELS[proposal.status];
  const reason = patch.reason?.trim() ?? '';
  if (reviewer) {
    if (!reviewerEditable(proposal.status)) throw conflict('ILLEGAL_TRANSITION', `申报当前为“${status}”，尚未提交，由申报单位修改`);
    if (!reason) throw badRequest('REASON_REQUIRED', '修改单位申报须说明理由');
  } else if (!unitEditable(proposal.status)) {
    throw conflict('ILLEGAL_TRANSITION', `申报当前为“${status}”，不能修改；如需修改请联系分管领导退回`);
  }
  const before = proposalFields(proposal);
  const after: ProposalInput = {
    ...before,
    ...pick(
      patch,
      PROPOSAL_FIELDS.filter((f) => patch[f] !== undefined),
    ),
  };
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    assertOpen(await lockPeriod(tx, period.id, 'share'));
    await checkProposal(tx, period, proposal.unitId, after);
    const [row] = await tx
      .update(planProposals)
      .set({ ...after, version: patch.version + 1, updatedAt: now })
      .where(and(eq(planProposals.id, id), eq(planProposals.version, patch.version), eq(planProposals.status, proposal.status)))
      .returning();
    if (!row) throw stale();
    if (reviewer) await tx.insert(planRevisions).values({ proposalId: id, at: now, by: who.actor.accountId, reason, before, after });
    await recordAudit(tx, deps, who, { action: 'plan.proposal_update', targetType: 'plan_proposal', targetId: id, before, after, reason });
    return row;
  });
}

// The unit's head submits (主要负责人审定); a unit with no head account lets its liaison submit.
export async function submitProposal(deps: Deps, who: Acting, id: number) {
  const { proposal, scope, period } = await loadVisibleProposal(deps, who.actor, id);
  if (!ownUnit(who.actor, scope, proposal.unitId) || !can(who.actor, 'plan.propose')) throw forbidden('只有申报单位可以提交申报');
  if (!can(who.actor, 'plan.submit') && (await store.unitHasHeadAccount(deps.db, proposal.unitId))) throw forbidden('申报须经单位主要负责人审定后由其提交');
  assertOpen(period);
  const check = checkProposalTransition('submit', proposal.status);
  if (!check.ok) throw conflict('ILLEGAL_TRANSITION', check.message);
  // A draft pre-filled from a carried-over task must be given a timetable that fits the new month first.
  await checkProposal(deps.db, period, proposal.unitId, proposalFields(proposal));
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    assertOpen(await lockPeriod(tx, period.id, 'share'));
    const late = isLate(dayOf(now), period.proposeBy);
    const [row] = await tx
      .update(planProposals)
      .set({ status: check.to, late, submittedAt: now, submittedBy: who.actor.accountId, version: proposal.version + 1, updatedAt: now })
      .where(and(eq(planProposals.id, id), eq(planProposals.status, proposal.status)))
      .returning();
    if (!row) throw conflict('ILLEGAL_TRANSITION', '申报状态已被他人改变，请刷新后重试');
    await recordAudit(tx, deps, who, {
      action: 'plan.proposal_submit',
      targetType: 'plan_proposal',
      targetId: id,
      before: { status: proposal.status },
      after: { status: check.to, late },
    });
    const reviewers = await store.leadersInCharge(tx, proposal.unitId);
    const unitName = (await store.findUnit(tx, proposal.unitId))?.name ?? '';
    await notify(
      tx,
      now,
      await roleAccounts(
        tx,
        [],
        reviewers.map((l) => l.personId),
      ),
      {
        kind: 'plan.proposal_submitted',
        title: `${unitName}提交了重点工作申报${late ? '（逾期）' : ''}`,
        body: `${period.title}：“${proposal.title}”，请审核。`,
        link: `/proposals/${id}`,
      },
    );
    return row;
  });
}

export async function reviewProposal(deps: Deps, who: Acting, id: number, action: 'approve' | 'return', comment: string) {
  const { proposal, scope, period } = await loadVisibleProposal(deps, who.actor, id);
  if (!can(who.actor, 'plan.review')) throw forbidden('只有分管县领导可以审核单位申报');
  if (!inCharge(who.actor, scope, proposal.unitId)) throw forbidden('只有分管该单位的领导可以审核其申报');
  assertOpen(period);
  const check = checkProposalTransition(action, proposal.status);
  if (!check.ok) throw conflict('ILLEGAL_TRANSITION', check.message);
  const note = comment.trim();
  if (action === 'return' && !note) throw badRequest('COMMENT_REQUIRED', '退回须写明修改意见');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    assertOpen(await lockPeriod(tx, period.id, 'share'));
    const [row] = await tx
      .update(planProposals)
      .set({ status: check.to, reviewedAt: now, reviewedBy: who.actor.accountId, reviewComment: note, version: proposal.version + 1, updatedAt: now })
      .where(and(eq(planProposals.id, id), eq(planProposals.status, proposal.status)))
      .returning();
    if (!row) throw conflict('ILLEGAL_TRANSITION', '申报状态已被他人改变，请刷新后重试');
    await recordAudit(tx, deps, who, {
      action: `plan.proposal_${action}`,
      targetType: 'plan_proposal',
      targetId: id,
      before: { status: proposal.status },
      after: { status: check.to },
      reason: note,
    });
    await notify(tx, now, await unitAccounts(tx, [proposal.unitId], ['unit_head', 'unit_liaison']), {
      kind: `plan.proposal_${action}`,
      title: action === 'approve' ? '重点工作申报已审核通过' : '重点工作申报被退回修改',
      body: `“${proposal.title}”${action === 'approve' ? '已通过分管领导审核' : `被退回：${note}`}`,
      link: `/proposals/${id}`,
    });
    return row;
  });
}

export async function listProposals(deps: Deps, actor: Actor, periodId: number, q: { status?: ProposalStatus }) {
  authorize(actor, 'plan.read');
  await loadPeriod(deps.db, periodId);
  const { filter } = await planScope(deps, actor);
  const rows = await store.proposalsOf(deps.db, periodId, filter);
  return rows.filter((p) => !q.status || p.status === q.status);
}

// What the actor may do with the proposal, so a page shows only working buttons.
async function proposalActions(deps: Deps, actor: Actor, scope: Scope, p: store.ProposalRow, period: store.PeriodRow) {
  if (!proposalsOpen(period.status)) return [];
  const actions: string[] = [];
  const reviewer = can(actor, 'plan.manage') || inCharge(actor, scope, p.unitId);
  const unit = can(actor, 'plan.propose') && ownUnit(actor, scope, p.unitId);
  if ((reviewer && reviewerEditable(p.status)) || (!reviewer && unit && unitEditable(p.status))) actions.push('edit');
  if (unit && unitEditable(p.status) && (can(actor, 'plan.submit') || !(await store.unitHasHeadAccount(deps.db, p.unitId)))) actions.push('submit');
  if (inCharge(actor, scope, p.unitId) && p.status === 'submitted') actions.push('approve', 'return');
  return actions;
}

export async function getProposal(deps: Deps, actor: Actor, id: number) {
  const { proposal, scope, period } = await loadVisibleProposal(deps, actor, id);
  const [revisions, n] = await Promise.all([store.revisionsOf(deps.db, { proposalIds: [id] }), store.names(deps.db)]);
  return {
    proposal,
    period,
    actions: await proposalActions(deps, actor, scope, proposal, period),
    revisions: revisions.map(({ revision: r, byName }) => ({
      id: r.id,
      at: r.at,
      byName,
      reason: r.reason,
      changes: fieldChanges(r.before as Partial<ProposalInput>, r.after as Partial<ProposalInput>, PROPOSAL_FIELDS, n),
    })),
  };
}

// ---- Showing fields: ids as names, lists as text.

function showField(field: PlanField, value: unknown, n: store.Names): string {
  switch (field) {
    case 'milestones':
      return ((value as PlanMilestone[] | undefined) ?? []).map((m) => `${m.name}（${m.dueDate}）`).join('；');
    case 'categoryId':
      return value == null ? '' : (n.categories.get(value as number)?.name ?? '');
    case 'leadLeaderId':
      return value == null ? '' : (n.leaders.get(value as number)?.name ?? '');
    case 'leadUnitId':
      return n.units.get(value as number) ?? '';
    case 'cooperatingUnitIds':
      return ((value as number[] | undefined) ?? []).map((u) => n.units.get(u) ?? '').join('、');
    case 'title':
    case 'measures':
    case 'timetable':
    case 'standard':
    case 'deadline':
      return (value as string | undefined) ?? '';
    default: {
      const never: never = field;
      throw new Error(`unknown field ${String(never)}`);
    }
  }
}

function fieldChanges<K extends PlanField>(before: Partial<Record<K, unknown>>, after: Partial<Record<K, unknown>>, fields: readonly K[], n: store.Names) {
  return changedFields(before, after, fields).map((field) => ({
    field,
    label: FIELD_LABELS[field],
    from: showField(field, before[field], n),
    to: showField(field, after[field], n),
  }));
}

// ---- Consolidation (专职汇总)

function assertItemsEditable(period: store.PeriodRow) {
  if (!itemsEditable(period.status)) throw conflict('PLAN_STEP', `计划当前为“${PLAN_STATUS_LABELS[period.status]}”，不能修改汇总稿`);
}

export async function consolidate(deps: Deps, who: Acting, periodId: number) {
  authorize(who.actor, 'plan.manage');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    // Serialises two runs, so each approved proposal and carried task joins the draft once.
    const period = await lockPeriod(tx, periodId, 'update');
    if (period.status !== 'consolidating') throw conflict('PLAN_STEP', `计划当前为“${PLAN_STATUS_LABELS[period.status]}”，只有在“督查室汇总”阶段才能汇总`);
    const existing = await store.itemsOf(tx, periodId);
    const usedProposals = new Set(existing.flatMap((i) => i.sourceProposalIds));
    const usedTasks = new Set(existing.flatMap((i) => (i.carriedTaskId ? [i.carriedTaskId] : [])));
    const approved = (await store.proposalsOf(tx, periodId)).filter((p) => p.status === 'approved' && !usedProposals.has(p.id));
    let sortOrder = await store.nextSortOrder(tx, periodId);
    const created: number[] = [];
    const add = async (values: Omit<typeof planItems.$inferInsert, 'periodId' | 'sortOrder' | 'createdAt' | 'updatedAt'>) => {
      const [row] = await tx
        .insert(planItems)
        .values({ ...values, periodId, sortOrder, createdAt: now, updatedAt: now })
        .returning({ id: planItems.id });
      sortOrder += 10;
      created.push(row!.id);
    };
    for (const p of approved) {
      // Without a named leader, the item goes to the leader in charge of the unit.
      const leadLeaderId = p.leadLeaderId ?? (await store.leadersInCharge(tx, p.unitId))[0]?.id ?? null;
      await add({
        origin: 'proposal',
        sourceProposalIds: [p.id],
        ...pick(p, ['title', 'measures', 'milestones', 'standard', 'deadline', 'categoryId', 'cooperatingUnitIds', 'carriedTaskId']),
        leadLeaderId,
        leadUnitId: p.unitId,
      });
      if (p.carriedTaskId) usedTasks.add(p.carriedTaskId);
    }
    const carried = period.kind === 'monthly' ? await store.tasksCarriedInto(tx, period.period) : [];
    for (const { task } of carried.filter((c) => !usedTasks.has(c.task.id))) {
      await add({
        origin: 'carried_over',
        ...pick(task, ['title', 'standard', 'deadline', 'categoryId', 'leadLeaderId', 'leadUnitId']),
        measures: task.description,
        milestones: await store.openMilestonesOf(tx, task.id),
        cooperatingUnitIds: await store.cooperatingUnitIdsOf(tx, task.id),
        carriedTaskId: task.id,
      });
    }
    await recordAudit(tx, deps, who, { action: 'plan.consolidate', targetType: 'plan', targetId: periodId, after: { created } });
    return created;
  });
}

async function loadItem(db: Db, id: number) {
  const item = await store.findItem(db, id);
  if (!item) throw itemNotFound();
  return { item, period: await loadPeriod(db, item.periodId) };
}

export async function createItem(deps: Deps, who: Acting, periodId: number, input: ItemInput) {
  authorize(who.actor, 'plan.manage');
  const period = await loadPeriod(deps.db, periodId);
  assertItemsEditable(period);
  await checkContent(deps.db, period, input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    assertItemsEditable(await lockPeriod(tx, periodId, 'share'));
    const [row] = await tx
      .insert(planItems)
      .values({ ...input, periodId, origin: 'leader_assigned', sortOrder: await store.nextSortOrder(tx, periodId), createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, deps, who, { action: 'plan.item_create', targetType: 'plan_item', targetId: row!.id, after: row });
    return row!;
  });
}

const patchOf = (patch: Partial<ItemInput>) =>
  pick(
    patch,
    ITEM_FIELDS.filter((f) => patch[f] !== undefined),
  );

export async function updateItem(deps: Deps, who: Acting, id: number, patch: Partial<ItemInput> & { version: number; reason?: string }) {
  authorize(who.actor, 'plan.manage');
  const { item, period } = await loadItem(deps.db, id);
  assertItemsEditable(period);
  const before = itemFields(item);
  const after = { ...before, ...patchOf(patch) };
  await checkContent(deps.db, period, after);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    assertItemsEditable(await lockPeriod(tx, period.id, 'share'));
    const [row] = await tx
      .update(planItems)
      .set({ ...after, version: patch.version + 1, updatedAt: now })
      .where(and(eq(planItems.id, id), eq(planItems.version, patch.version)))
      .returning();
    if (!row) throw stale();
    const reason = patch.reason?.trim() ?? '';
    await tx.insert(planRevisions).values({ itemId: id, at: now, by: who.actor.accountId, reason, before, after });
    await recordAudit(tx, deps, who, { action: 'plan.item_update', targetType: 'plan_item', targetId: id, before, after, reason });
    return row;
  });
}

// Merging duplicates keeps the first item (its place in the draft) with the given wording; the others are removed.
export async function mergeItems(deps: Deps, who: Acting, input: Partial<ItemInput> & { itemIds: number[]; reason?: string }) {
  authorize(who.actor, 'plan.manage');
  const ids = [...new Set(input.itemIds)];
  if (ids.length < 2) throw badRequest('BAD_MERGE', '请至少选择两项合并');
  const found = await Promise.all(ids.map((id) => store.findItem(deps.db, id)));
  if (found.some((i) => !i)) throw itemNotFound();
  const items = (found as store.ItemRow[]).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const kept = items[0]!;
  if (items.some((i) => i.periodId !== kept.periodId)) throw badRequest('BAD_MERGE', '只能合并同一期计划中的事项');
  const carried = items.filter((i) => i.carriedTaskId !== null);
  if (carried.length > 1) throw badRequest('BAD_MERGE', '两项挂单事项各有台账事项，不能合并');
  const period = await loadPeriod(deps.db, kept.periodId);
  assertItemsEditable(period);
  const leadUnitId = input.leadUnitId ?? kept.leadUnitId;
  // The other items' units stay on as cooperating units unless the office names them.
  const everyUnit = items.flatMap((i) => [i.leadUnitId, ...i.cooperatingUnitIds]);
  const after: ItemInput = {
    ...itemFields(kept),
    ...patchOf(input),
    leadUnitId,
    cooperatingUnitIds: input.cooperatingUnitIds ?? [...new Set(everyUnit)].filter((u) => u !== leadUnitId),
  };
  await checkContent(deps.db, period, after);
  const sourceProposalIds = [...new Set(items.flatMap((i) => i.sourceProposalIds))].sort((a, b) => a - b);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    assertItemsEditable(await lockPeriod(tx, period.id, 'share'));
    const [row] = await tx
      .update(planItems)
      .set({
        ...after,
        sourceProposalIds,
        carriedTaskId: carried[0]?.carriedTaskId ?? null,
        decision: null,
        decisionNote: '',
        version: kept.version + 1,
        updatedAt: now,
      })
      .where(and(eq(planItems.id, kept.id), eq(planItems.version, kept.version)))
      .returning();
    if (!row) throw stale();
    const removed = await tx
      .delete(planItems)
      .where(
        inArray(
          planItems.id,
          items.slice(1).map((i) => i.id),
        ),
      )
      .returning({ id: planItems.id });
    if (removed.length !== items.length - 1) throw stale();
    const reason = input.reason?.trim() || '合并重复事项';
    await tx.insert(planRevisions).values({ itemId: kept.id, at: now, by: who.actor.accountId, reason, before: items, after: row });
    await recordAudit(tx, deps, who, { action: 'plan.item_merge', targetType: 'plan_item', targetId: kept.id, before: items, after: row, reason });
    return row;
  });
}

// Splitting: the first part takes the item's place; each part inherits what it does not restate.
export async function splitItem(deps: Deps, who: Acting, id: number, input: { parts: Partial<ItemInput>[]; reason?: string }) {
  authorize(who.actor, 'plan.manage');
  const { item, period } = await loadItem(deps.db, id);
  assertItemsEditable(period);
  if (input.parts.length < 2) throw badRequest('BAD_SPLIT', '请至少拆分为两项');
  if (item.carriedTaskId !== null) throw badRequest('BAD_SPLIT', '挂单事项已在台账中，不能拆分；可在台账中分解子事项');
  const parts = input.parts.map((p) => ({ ...itemFields(item), ...patchOf(p) }));
  for (const p of parts) await checkContent(deps.db, period, p);
  const reason = input.reason?.trim() || '拆分事项';
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    assertItemsEditable(await lockPeriod(tx, period.id, 'share'));
    const [first] = await tx
      .update(planItems)
      .set({ ...parts[0]!, decision: null, decisionNote: '', version: item.version + 1, updatedAt: now })
      .where(and(eq(planItems.id, id), eq(planItems.version, item.version)))
      .returning();
    if (!first) throw stale();
    const rest = await tx
      .insert(planItems)
      .values(
        parts.slice(1).map((p) => ({
          ...p,
          periodId: item.periodId,
          origin: item.origin,
          sourceProposalIds: item.sourceProposalIds,
          sortOrder: item.sortOrder,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();
    const all = [first, ...rest];
    await tx
      .insert(planRevisions)
      .values(all.map((r) => ({ itemId: r.id, at: now, by: who.actor.accountId, reason, before: itemFields(item), after: itemFields(r) })));
    await recordAudit(tx, deps, who, { action: 'plan.item_split', targetType: 'plan_item', targetId: id, before: item, after: all, reason });
    return all;
  });
}

// ---- The draft, grouped by leader and category, with what changed from the units' own proposals.

// The proposal as its unit submitted it: before the first edit a leader or the office made after the last submission.
function unitsOwnVersion(p: store.ProposalRow, revisions: { revision: typeof planRevisions.$inferSelect }[]): ProposalInput {
  const after = p.submittedAt ? revisions.find((r) => r.revision.proposalId === p.id && r.revision.at >= p.submittedAt!) : undefined;
  return after ? (after.revision.before as ProposalInput) : proposalFields(p);
}

export async function draft(deps: Deps, actor: Actor, periodId: number) {
  authorize(actor, 'plan.read');
  const period = await loadPeriod(deps.db, periodId);
  const { wholePlan } = await planScope(deps, actor);
  if (!wholePlan) throw forbidden('汇总稿只供督查室和县领导查看');
  const [items, proposals, n] = await Promise.all([store.itemsOf(deps.db, periodId), store.proposalsOf(deps.db, periodId), store.names(deps.db)]);
  const revisions = await store.revisionsOf(deps.db, { proposalIds: proposals.map((p) => p.id) });
  const shown = items.map((item) => ({
    ...item,
    leadLeaderName: item.leadLeaderId ? (n.leaders.get(item.leadLeaderId)?.name ?? '') : '',
    leadUnitName: n.units.get(item.leadUnitId) ?? '',
    cooperatingUnitNames: item.cooperatingUnitIds.map((u) => n.units.get(u) ?? ''),
    categoryName: item.categoryId ? (n.categories.get(item.categoryId)?.name ?? '') : '',
    decisionLabel: item.decision ? DECISION_LABELS[item.decision] : '待决定',
    sources: proposals
      .filter((p) => item.sourceProposalIds.includes(p.id))
      .map((p) => {
        const own = { ...unitsOwnVersion(p, revisions), leadUnitId: p.unitId };
        return { proposalId: p.id, unitName: n.units.get(p.unitId) ?? '', late: p.late, changes: fieldChanges(own, itemFields(item), ITEM_FIELDS, n) };
      }),
  }));
  return { period, groups: groupItems(shown, n) };
}

// By 责任领导 in the leaders' order (none last), then by category in its order (none last).
function groupItems<T extends store.ItemRow>(items: T[], n: store.Names) {
  const rank = (order: number | undefined) => order ?? Number.MAX_SAFE_INTEGER;
  const leaderIds = [...new Set(items.map((i) => i.leadLeaderId))].sort(
    (a, b) => rank(a === null ? undefined : n.leaders.get(a)?.sortOrder) - rank(b === null ? undefined : n.leaders.get(b)?.sortOrder) || (a ?? 0) - (b ?? 0),
  );
  return leaderIds.map((leaderId) => {
    const own = items.filter((i) => i.leadLeaderId === leaderId);
    const leader = leaderId === null ? undefined : n.leaders.get(leaderId);
    const categoryIds = [...new Set(own.map((i) => i.categoryId))].sort(
      (a, b) =>
        rank(a === null ? undefined : n.categories.get(a)?.sortOrder) - rank(b === null ? undefined : n.categories.get(b)?.sortOrder) || (a ?? 0) - (b ?? 0),
    );
    return {
      leaderId,
      leaderName: leader?.name ?? '未定责任领导',
      leaderPosition: leader?.position ?? '',
      categories: categoryIds.map((categoryId) => ({
        categoryId,
        categoryName: categoryId === null ? '其他' : (n.categories.get(categoryId)?.name ?? ''),
        items: own.filter((i) => i.categoryId === categoryId),
      })),
    };
  });
}

// ---- The meeting (会议研究) and issuing (自上而下安)

export async function decide(deps: Deps, who: Acting, id: number, input: { decision: ItemDecision; note: string; changes?: Partial<ItemInput> }) {
  authorize(who.actor, 'plan.manage');
  const { item, period } = await loadItem(deps.db, id);
  if (period.status !== 'meeting') throw conflict('PLAN_STEP', `计划当前为“${PLAN_STATUS_LABELS[period.status]}”，只有在“会议研究”阶段才能记录会议决定`);
  const changes = patchOf(input.changes ?? {});
  const changing = Object.keys(changes).length > 0;
  if (input.decision === 'amended' && !changing) throw badRequest('CHANGES_REQUIRED', '“修改后通过”须写明修改的内容');
  if (input.decision !== 'amended' && changing) throw badRequest('BAD_DECISION', '只有“修改后通过”可以附带修改');
  const before = itemFields(item);
  const after = { ...before, ...changes };
  if (changing) await checkContent(deps.db, period, after);
  const note = input.note.trim();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if ((await lockPeriod(tx, period.id, 'share')).status !== 'meeting') throw conflict('PLAN_STEP', '计划已不在会议研究阶段，请刷新后重试');
    const [row] = await tx
      .update(planItems)
      .set({ ...after, decision: input.decision, decisionNote: note, version: item.version + 1, updatedAt: now })
      .where(and(eq(planItems.id, id), eq(planItems.version, item.version)))
      .returning();
    if (!row) throw stale();
    if (changing) await tx.insert(planRevisions).values({ itemId: id, at: now, by: who.actor.accountId, reason: note || '会议研究修改', before, after });
    await recordAudit(tx, deps, who, {
      action: 'plan.item_decision',
      targetType: 'plan_item',
      targetId: id,
      before: { decision: item.decision, ...before },
      after: { decision: input.decision, ...after },
      reason: note,
    });
    return row;
  });
}

function taskInputOf(period: store.PeriodRow, item: store.ItemRow): TaskInput {
  const source: TaskSource = period.kind === 'weekly' ? 'weekly_10n' : 'meeting';
  return {
    title: item.title,
    description: item.measures,
    source,
    categoryId: item.categoryId,
    level: 'general',
    leadLeaderId: item.leadLeaderId,
    leadUnitId: item.leadUnitId,
    cooperators: item.cooperatingUnitIds.map((unitId) => ({ unitId, part: '' })),
    responsiblePersonId: null,
    responsibleName: '',
    responsiblePhone: '',
    startDate: planDays(period.kind, period.period).start,
    deadline: item.deadline,
    standard: item.standard,
    period: planMonth(period.kind, period.period),
    milestones: item.milestones,
    indicators: [],
    tags: [],
    reportCadence: { kind: 'none' },
  };
}

// In one transaction: every approved item becomes an assigned task (its numbered sheet), carried tasks are linked,
// the plan is marked issued and the units are told.
export async function issue(deps: Deps, who: Acting, periodId: number, documentNumber: string) {
  authorize(who.actor, 'plan.manage');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const period = await lockPeriod(tx, periodId, 'update');
    if (period.status !== 'meeting') throw conflict('PLAN_STEP', `计划当前为“${PLAN_STATUS_LABELS[period.status]}”，只有经会议研究后才能印发`);
    const items = await store.itemsOf(tx, periodId);
    const open = undecided(items);
    if (open) throw conflict('UNDECIDED_ITEMS', `还有 ${open} 项未经会议决定，不能印发`);
    const taskIds: number[] = [];
    const kept = items.filter((i) => i.decision === 'approved' || i.decision === 'amended');
    for (const item of kept) {
      let taskId = item.carriedTaskId;
      if (taskId === null) {
        taskId = (await createAssignedTask(tx, deps, who, taskInputOf(period, item))).id;
      } else {
        await recordEvent(tx, {
          taskId,
          at: now,
          actorId: who.actor.accountId,
          actorName: who.actor.displayName,
          kind: 'planned',
          note: `挂单事项列入《${period.title}》（${documentNumber}）`,
        });
      }
      await tx.update(planItems).set({ taskId, updatedAt: now }).where(eq(planItems.id, item.id));
      taskIds.push(taskId);
    }
    const [after] = await tx
      .update(planPeriods)
      .set({ status: 'issued', documentNumber, issuedAt: now, version: period.version + 1, updatedAt: now })
      .where(and(eq(planPeriods.id, periodId), eq(planPeriods.status, 'meeting')))
      .returning();
    if (!after) throw conflict('ILLEGAL_TRANSITION', '计划状态已被他人改变，请刷新后重试');
    await recordAudit(tx, deps, who, {
      action: 'plan.issue',
      targetType: 'plan',
      targetId: periodId,
      before: { status: 'meeting' },
      after: { status: 'issued', documentNumber, taskIds },
    });
    const involved = [...new Set(kept.flatMap((i) => [i.leadUnitId, ...i.cooperatingUnitIds]))];
    for (const unitId of involved) {
      const lead = kept.filter((i) => i.leadUnitId === unitId).length;
      const cooperate = kept.filter((i) => i.cooperatingUnitIds.includes(unitId)).length;
      await notify(tx, now, await unitAccounts(tx, [unitId], ['unit_head', 'unit_liaison']), {
        kind: 'plan.issued',
        title: `《${period.title}》已印发`,
        body: `${documentNumber}：本单位牵头 ${lead} 项、配合 ${cooperate} 项，请签收交办单，按预安表推进。`,
        link: `/plans/${periodId}/units/${unitId}/sheet`,
      });
    }
    return after;
  });
}

// ---- What units and the document show: the items the meeting kept, and their tasks.

// The items of the document: after issuing those the meeting kept; before, all not dropped (送审稿).
export async function documentItems(deps: Deps, actor: Actor, periodId: number) {
  authorize(actor, 'plan.read');
  const period = await loadPeriod(deps.db, periodId);
  const { wholePlan } = await planScope(deps, actor);
  if (period.status !== 'issued' && !wholePlan) throw conflict('PLAN_NOT_ISSUED', '计划尚未印发');
  const [items, n] = await Promise.all([store.itemsOf(deps.db, periodId), store.names(deps.db)]);
  const kept = items.filter((i) => (period.status === 'issued' ? i.decision === 'approved' || i.decision === 'amended' : i.decision !== 'dropped'));
  return { period, groups: groupItems(kept, n), names: n };
}

export async function unitSheet(deps: Deps, actor: Actor, periodId: number, unitId: number) {
  authorize(actor, 'plan.read');
  const period = await loadPeriod(deps.db, periodId);
  const scope = await loadScope(deps.db, actor);
  const unit = await store.findUnit(deps.db, unitId);
  if (!unit || !inScope(scope, unitId)) throw notFound('UNIT_NOT_FOUND', '单位不存在');
  if (period.status !== 'issued') throw conflict('PLAN_NOT_ISSUED', '计划尚未印发，预安表在印发后生成');
  const [items, n] = await Promise.all([store.itemsOf(deps.db, periodId), store.names(deps.db)]);
  const own = items.filter((i) => i.taskId !== null && (i.leadUnitId === unitId || i.cooperatingUnitIds.includes(unitId)));
  const states = await store.taskStates(
    deps.db,
    own.map((i) => i.taskId!),
  );
  return {
    period,
    unit: { id: unit.id, name: unit.name },
    items: own.map((i, index) => ({
      seq: index + 1,
      itemId: i.id,
      taskId: i.taskId!,
      title: i.title,
      measures: i.measures,
      milestones: i.milestones,
      deadline: i.deadline,
      standard: i.standard,
      role: i.leadUnitId === unitId ? ('lead' as const) : ('cooperate' as const),
      leadLeaderName: i.leadLeaderId ? (n.leaders.get(i.leadLeaderId)?.name ?? '') : '',
      leadUnitName: n.units.get(i.leadUnitId) ?? '',
      cooperatingUnitNames: i.cooperatingUnitIds.map((u) => n.units.get(u) ?? ''),
      carriedOver: i.carriedTaskId !== null,
      status: states.get(i.taskId!)?.status ?? 'draft',
      percent: states.get(i.taskId!)?.percent ?? 0,
    })),
  };
}

export type UnitSheet = Awaited<ReturnType<typeof unitSheet>>;
