// Issuing (自上而下安): the plan becomes assigned tasks; what units and the document show afterwards.
import { and, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.js';
import { conflict, notFound } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize, inScope } from '../../permissions.js';
import { loadScope } from '../org/scope.js';
import { notify, unitAccounts } from '../notify/service.js';
import { type TaskSource } from '../tasks/rules.js';
import { applyPlanToTask } from '../tasks/replan.js';
import { createAssignedTask, type TaskInput } from '../tasks/service.js';
import { carriedTaskFinishedNote, PLAN_STATUS_LABELS, planDays, planMonth, undecided } from './rules.js';
import { planItems, planPeriods } from './schema.js';
import * as store from './store.js';
import { type Acting, loadPeriod, lockPeriod, planScope } from './access.js';
import { failpoint } from '../../failpoint.js';

function taskInputOf(period: store.PeriodRow, item: store.ItemRow): TaskInput {
  const source: TaskSource = period.kind === 'weekly' ? 'weekly_10n' : 'meeting';
  return {
    title: item.title,
    description: item.measures,
    source,
    categoryId: item.categoryId,
    level: item.level,
    leadLeaderId: item.leadLeaderId,
    leadUnitId: item.leadUnitId,
    cooperators: item.cooperatingUnitIds.map((unitId) => ({ unitId, part: '' })),
    responsiblePersonId: item.responsiblePersonId,
    responsibleName: item.responsibleName,
    responsiblePhone: item.responsiblePhone,
    startDate: planDays(period.kind, period.period).start,
    deadline: item.deadline,
    standard: item.standard,
    period: planMonth(period.kind, period.period),
    milestones: item.milestones,
    indicators: item.indicators,
    tags: [],
    reportCadence: item.reportCadence,
    evidenceRequired: item.evidenceRequired,
  };
}

// An item the meeting kept whose carried task finished before issue, and why it is not in the issued plan.
export interface LeftOutItem {
  itemId: number;
  taskId: number;
  title: string;
  note: string;
}

// In one transaction: every approved item becomes an assigned task (its numbered sheet); a carried task takes the
// plan's deadline, milestones and standard, or, when it closed meanwhile, is left out with a note; the plan is
// marked issued and the units are told.
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
    const leftOut: LeftOutItem[] = [];
    const kept: store.ItemRow[] = [];
    for (const item of items.filter((i) => i.decision === 'approved' || i.decision === 'amended')) {
      let taskId = item.carriedTaskId;
      if (taskId === null) {
        taskId = (await createAssignedTask(tx, deps, who, taskInputOf(period, item))).id;
      } else {
        const outcome = await applyPlanToTask(tx, deps, who, taskId, {
          deadline: item.deadline,
          milestones: item.milestones,
          standard: item.standard,
          planTitle: period.title,
          documentNumber,
        });
        if (!outcome.applied) {
          // The meeting's decision stays as it was; the item simply gets no task, so no document lists it.
          leftOut.push({ itemId: item.id, taskId, title: item.title, note: `${carriedTaskFinishedNote(outcome)}，未列入印发` });
          continue;
        }
      }
      await tx.update(planItems).set({ taskId, updatedAt: now }).where(eq(planItems.id, item.id));
      taskIds.push(taskId);
      failpoint(deps.config, 'plan.issue');
      kept.push(item);
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
      after: { status: 'issued', documentNumber, taskIds, leftOut },
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
    return { period: after, leftOut };
  });
}

// ---- What units and the document show: the items the meeting kept, and their tasks.

// The document's leaders, and its items in batches of `size` in the document's order (leader, category, item): after
// issuing those the meeting kept; before, all not dropped (送审稿). The batches are read as the file is written, after
// the answer has started, so the checks are made here first.
export async function documentOf(deps: Deps, actor: Actor, periodId: number, size: number) {
  authorize(actor, 'plan.read');
  const period = await loadPeriod(deps.db, periodId);
  const { wholePlan } = await planScope(deps, actor);
  const issued = period.status === 'issued';
  if (!issued && !wholePlan) throw conflict('PLAN_NOT_ISSUED', '计划尚未印发');
  const leaders = await store.documentLeaders(deps.db, periodId, issued);
  async function* batches() {
    let after: store.DocumentKey | null = null;
    for (;;) {
      const items = await store.documentItemBatch(deps.db, periodId, issued, after, size);
      if (items.length) yield items;
      if (items.length < size) return;
      after = items.at(-1)!.key;
    }
  }
  return { period, leaders, batches: batches() };
}

export async function unitSheet(deps: Deps, actor: Actor, periodId: number, unitId: number) {
  authorize(actor, 'plan.read');
  const period = await loadPeriod(deps.db, periodId);
  const scope = await loadScope(deps.db, actor);
  const unit = await store.findUnit(deps.db, unitId);
  if (!unit || !inScope(scope, unitId)) throw notFound('UNIT_NOT_FOUND', '单位不存在');
  if (period.status !== 'issued') throw conflict('PLAN_NOT_ISSUED', '计划尚未印发，预安表在印发后生成');
  const [items, n] = await Promise.all([store.itemsOf(deps.db, periodId), store.names(deps.db)]);
  const involved = items.filter((i) => i.leadUnitId === unitId || i.cooperatingUnitIds.includes(unitId));
  const own = involved.filter((i) => i.taskId !== null);
  // Kept by the meeting but given no task: its carried task finished before issue.
  const notIssued = involved.filter((i) => i.taskId === null && i.carriedTaskId !== null && (i.decision === 'approved' || i.decision === 'amended'));
  const states = await store.taskStates(deps.db, [...own.map((i) => i.taskId!), ...notIssued.map((i) => i.carriedTaskId!)]);
  return {
    period,
    unit: { id: unit.id, name: unit.name },
    leftOut: notIssued.map((i) => {
      const state = states.get(i.carriedTaskId!);
      const finished = state ? carriedTaskFinishedNote(state) : null;
      return { itemId: i.id, taskId: i.carriedTaskId!, title: i.title, note: `${finished ?? '已办结'}，未列入印发` };
    }),
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
