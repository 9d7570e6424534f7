// Month-end roll-over (挂单): a task still open when its month ends stays on the ledger, carried into the next month,
// and its lead unit states why. Safe to run twice or in several processes at once.
import { desc, eq, sql } from 'drizzle-orm';
import { dayOf, monthOf, startOfDay } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { badRequest, conflict, forbidden } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from '../../permissions.js';
import { loadScope } from '../org/scope.js';
import { notify, unitAccounts } from '../notify/service.js';
import { insertCarryOver, writeCarryOverReason } from '../tasks/carry-overs.js';
import { taskCarryOvers } from '../tasks/read.js';
import { hasEventSince, recordEvent } from '../tasks/timeline.js';
import { loadVisibleTask, respondsFor } from '../tasks/service.js';
import { carriedTaskFinished, carryOvers, planLabel, proposalsOpen, reasonOverdue } from './rules.js';
import { lockPeriod } from './access.js';
import { prefillCarriedProposal } from './carried.js';
import type { Db } from '../../db/client.js';
import * as store from './store.js';
import { failpoint } from '../../failpoint.js';

type Acting = Who & { actor: Actor };

// Any constant will do; with the task id it serialises reminders for one task across processes.
const REMINDER_LOCK = 7_202_605;
export const REASON_MAX = 500;

const monthLabel = (month: string) => planLabel('monthly', month);

async function unitMembers(tx: Deps['db'], unitId: number) {
  return unitAccounts(tx, [unitId], ['unit_head', 'unit_liaison']);
}

/**
 * Carries every open task whose month has ended into the next month (one row per task and month: the unique key
 * (task_id, from_period) with ON CONFLICT DO NOTHING makes a second run, or a second process, a no-op), then reminds
 * units that left a reason missing for more than two days, once a day.
 */
export async function rollOver(deps: Deps, who: Who, batchSize = 200): Promise<{ carried: number; reminded: number }> {
  const now = deps.clock.now();
  const month = monthOf(dayOf(now));
  let carried = 0;
  let afterId = 0;
  for (;;) {
    const rows = await store.tasksToCarry(deps.db, month, afterId, batchSize);
    if (!rows.length) break;
    afterId = rows.at(-1)!.id;
    for (const task of rows) {
      for (const step of carryOvers(task.current, month)) {
        const inserted = await deps.db.transaction(async (tx) => {
          const row = await insertCarryOver(tx, { taskId: task.id, ...step, createdAt: now });
          if (!row) return false;
          failpoint(deps.config, 'plan.rollover');
          const note = `挂单：${monthLabel(step.fromPeriod)}未完成，转入${monthLabel(step.toPeriod)}`;
          await recordEvent(tx, {
            taskId: task.id,
            at: now,
            actorId: who.actor?.accountId ?? null,
            actorName: who.actor?.displayName ?? '系统',
            kind: 'carry_over',
            note,
          });
          await recordAudit(tx, deps, who, { action: 'task.carry_over', targetType: 'task', targetId: task.id, after: row });
          await prefillIntoOpenPlan(tx, deps, who, task.id, step.toPeriod);
          await notify(tx, now, await unitMembers(tx, task.leadUnitId), {
            kind: 'task.carry_over',
            title: '事项挂单，请说明原因',
            body: `事项“${task.title}”${monthLabel(step.fromPeriod)}未完成，已挂单转入${monthLabel(step.toPeriod)}，请说明未完成的原因。`,
            link: `/tasks/${task.id}`,
          });
          return true;
        });
        if (inserted) carried += 1;
      }
    }
  }
  return { carried, reminded: await remindMissingReasons(deps, who) };
}

// A task carried into a month whose plan is still taking proposals gets its pre-filled draft now, as it would have
// had the plan been opened after the roll-over; so no carried task misses the plan.
async function prefillIntoOpenPlan(tx: Db, deps: Deps, who: Who, taskId: number, month: string) {
  const period = await store.monthlyPeriod(tx, month);
  // Read before locking: a plan past collecting never needs the lock (and issuing holds it while it locks tasks).
  if (!period || !proposalsOpen(period.status) || !proposalsOpen((await lockPeriod(tx, period.id, 'share')).status)) return;
  if (await store.hasProposalFor(tx, period.id, taskId)) return;
  // The carry-over just written references the task, so it exists.
  const task = (await store.findTaskRow(tx, taskId))!;
  const row = await prefillCarriedProposal(tx, period.id, task, who.actor?.accountId ?? null, deps.clock.now());
  await recordAudit(tx, deps, who, { action: 'plan.proposal_prefill', targetType: 'plan_proposal', targetId: row.id, after: row });
}

async function remindMissingReasons(deps: Deps, who: Who) {
  const now = deps.clock.now();
  const today = startOfDay(dayOf(now));
  let reminded = 0;
  for (const { carryOver, task } of await store.latestCarryOvers(deps.db, { missingReason: true })) {
    // A task closed since (e.g. its closing review ended) owes no reason any more.
    if (!reasonOverdue(carryOver.createdAt, now) || carriedTaskFinished(task)) continue;
    const sent = await deps.db.transaction(async (tx) => {
      // The day's reminder is a task event; the lock keeps two processes from both sending it.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${REMINDER_LOCK}, ${task.id})`);
      if (await hasEventSince(tx, task.id, 'carry_over.reminder', today)) return false;
      await recordEvent(tx, {
        taskId: task.id,
        at: now,
        actorId: who.actor?.accountId ?? null,
        actorName: who.actor?.displayName ?? '系统',
        kind: 'carry_over.reminder',
        note: '催报挂单原因',
      });
      await notify(tx, now, await unitMembers(tx, task.leadUnitId), {
        kind: 'task.carry_over_reminder',
        title: '挂单原因逾期未报',
        body: `事项“${task.title}”挂单已超过 2 天仍未说明原因，请尽快填报。`,
        link: `/tasks/${task.id}`,
      });
      return true;
    });
    if (sent) reminded += 1;
  }
  return reminded;
}

// The office runs the roll-over by hand (e.g. after the server was down at month end); the run itself is audited.
export async function rollOverNow(deps: Deps, who: Acting) {
  authorize(who.actor, 'plan.manage');
  const result = await rollOver(deps, who);
  await deps.db.transaction((tx) => recordAudit(tx, deps, who, { action: 'carry_over.run', targetType: 'carry_over', targetId: 'run', after: result }));
  return result;
}

export async function setCarryOverReason(deps: Deps, who: Acting, taskId: number, reason: string) {
  const { task, scope } = await loadVisibleTask(deps, who.actor, taskId);
  if (!respondsFor(who.actor, scope, task.leadUnitId)) throw forbidden('只有牵头单位可以说明挂单原因');
  const text = reason.trim();
  if (!text) throw badRequest('REASON_REQUIRED', '请填写挂单原因');
  if (text.length > REASON_MAX) throw badRequest('REASON_TOO_LONG', `挂单原因不能超过 ${REASON_MAX} 字`);
  if (carriedTaskFinished(task)) throw conflict('TASK_FINISHED', '事项已办结，无需说明挂单原因');
  const [latest] = await deps.db.select().from(taskCarryOvers).where(eq(taskCarryOvers.taskId, taskId)).orderBy(desc(taskCarryOvers.fromPeriod)).limit(1);
  if (!latest) throw conflict('NO_CARRY_OVER', '该事项没有挂单记录');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await writeCarryOverReason(tx, latest.id, { reason: text, reasonBy: who.actor.accountId, reasonAt: now });
    await recordEvent(tx, { taskId, at: now, actorId: who.actor.accountId, actorName: who.actor.displayName, kind: 'carry_over.reason', note: text });
    await recordAudit(tx, deps, who, {
      action: 'task.carry_over_reason',
      targetType: 'task',
      targetId: taskId,
      before: { reason: latest.reason },
      after: { reason: text },
    });
    return row!;
  });
}

// Every month the task was carried, and the month it started in.
export async function carryOversOfTask(deps: Deps, actor: Actor, taskId: number) {
  const { task } = await loadVisibleTask(deps, actor, taskId);
  const items = await store.carryOversOf(deps.db, [taskId]);
  return { originalPeriod: task.period, currentPeriod: items.at(-1)?.toPeriod ?? task.period, items };
}

// Carried tasks still open, at their latest carry-over, within the actor's data scope; the office chases missing reasons here.
// A page of them, oldest first, with the exact total.
export async function listCarryOvers(deps: Deps, actor: Actor, q: { missingReason: boolean; toPeriod?: string; page: number; pageSize: number }) {
  authorize(actor, 'task.read');
  const scope = await loadScope(deps.db, actor);
  const f = { missingReason: q.missingReason, toPeriod: q.toPeriod, scope: scope.all ? undefined : { unitIds: [...scope.unitIds], leaderId: actor.leaderId } };
  const total = await store.countLatestCarryOvers(deps.db, f);
  const items = await store.latestCarryOvers(deps.db, f, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { total, items };
}
