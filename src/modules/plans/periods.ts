// A plan period (月度预安 or weekly 10+N): opening it, moving it step by step, listing and showing it.
import { and, eq } from 'drizzle-orm';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps } from '../../context.js';
import { badRequest, conflict } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize, inScope } from '../../permissions.js';
import { notify, roleAccounts, unitAccounts } from '../notify/service.js';
import { chineseDay } from '../../format.js';
import {
  checkAdvance,
  defaultPlanTitle,
  isPlanPeriod,
  planLabel,
  planSchedule,
  type PlanKind,
  PLAN_STATUS_LABELS,
  type PlanSchedule,
  type ProposalStatus,
  scheduleEditable,
  scheduleFrom,
  scheduleProblems,
  undecided,
} from './rules.js';
import { planPeriods } from './schema.js';
import * as store from './store.js';
import { type Acting, loadPeriod, planScope, stale } from './access.js';
import { prefillCarriedProposal } from './carried.js';

function checkSchedule(before: PlanSchedule, after: PlanSchedule, today: string) {
  const problems = scheduleProblems(before, after, today);
  if (problems.length) throw badRequest('BAD_PLAN_DATES', problems.join('；'), problems);
}

// The step dates default from the period, moved on from today when those have passed; the office may set its own.
export async function createPeriod(deps: Deps, who: Acting, input: { kind: PlanKind; period: string; title?: string } & Partial<PlanSchedule>) {
  authorize(who.actor, 'plan.manage');
  if (!isPlanPeriod(input.kind, input.period)) {
    throw badRequest('BAD_PERIOD', input.kind === 'monthly' ? '月份格式应为 YYYY-MM，如 2026-04' : '周的格式应为 YYYY-Www，如 2026-W15');
  }
  const now = deps.clock.now();
  const defaults = scheduleFrom(planSchedule(input.kind, input.period), dayOf(now));
  const schedule: PlanSchedule = {
    proposeBy: input.proposeBy ?? defaults.proposeBy,
    reviewBy: input.reviewBy ?? defaults.reviewBy,
    consolidateBy: input.consolidateBy ?? defaults.consolidateBy,
    meetingOn: input.meetingOn ?? defaults.meetingOn,
  };
  checkSchedule(defaults, schedule, dayOf(now));
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
    for (const { task } of carried) await prefillCarriedProposal(tx, row.id, task, who.actor.accountId, now);
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

// The office moves the step dates until the plan is issued: in order, and none onto a day already past.
export async function updateSchedule(deps: Deps, who: Acting, id: number, input: Partial<PlanSchedule> & { version: number; reason?: string }) {
  authorize(who.actor, 'plan.manage');
  const period = await loadPeriod(deps.db, id);
  if (!scheduleEditable(period.status)) throw conflict('PLAN_STEP', `计划已${PLAN_STATUS_LABELS[period.status]}，不能再修改各环节时限`);
  const before: PlanSchedule = { proposeBy: period.proposeBy, reviewBy: period.reviewBy, consolidateBy: period.consolidateBy, meetingOn: period.meetingOn };
  const after: PlanSchedule = {
    proposeBy: input.proposeBy ?? before.proposeBy,
    reviewBy: input.reviewBy ?? before.reviewBy,
    consolidateBy: input.consolidateBy ?? before.consolidateBy,
    meetingOn: input.meetingOn ?? before.meetingOn,
  };
  const now = deps.clock.now();
  checkSchedule(before, after, dayOf(now));
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(planPeriods)
      .set({ ...after, version: input.version + 1, updatedAt: now })
      .where(and(eq(planPeriods.id, id), eq(planPeriods.version, input.version), eq(planPeriods.status, period.status)))
      .returning();
    if (!row) throw stale();
    await recordAudit(tx, deps, who, { action: 'plan.schedule_update', targetType: 'plan', targetId: id, before, after, reason: input.reason?.trim() ?? '' });
    // Units still proposing are told of a new proposal date, so no one is marked late by surprise.
    if (period.status === 'collecting' && after.proposeBy !== before.proposeBy) {
      const unitIds = (await store.proposingUnits(tx)).map((u) => u.id);
      await notify(tx, now, await unitAccounts(tx, unitIds, ['unit_head', 'unit_liaison']), {
        kind: 'plan.schedule_changed',
        title: `${row.title}申报截止日调整`,
        body: `申报截止日由${chineseDay(before.proposeBy)}调整为${chineseDay(after.proposeBy)}。`,
        link: `/plans/${id}`,
      });
    }
    return row;
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
  const byStatus = { draft: 0, submitted: 0, returned: 0, approved: 0, withdrawn: 0 } satisfies Record<ProposalStatus, number>;
  for (const p of proposals) byStatus[p.status] += 1;
  const proposed = new Set(proposals.filter((p) => p.status !== 'draft' && p.status !== 'withdrawn').map((p) => p.unitId));
  return {
    period,
    proposals: { total: proposals.length, byStatus, late: proposals.filter((p) => p.late).length },
    notProposed: unitsExpected.filter((u) => inScope(scope, u.id) && !proposed.has(u.id)),
    items: wholePlan ? { total: items.length, undecided: undecided(items), taskCount: items.filter((i) => i.taskId !== null).length } : null,
  };
}
