// State changes: assign, sign, decline, suspend, resume, cancel …, each guarded on the status it starts from.
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict, forbidden } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from '../../permissions.js';
import { activeLeaderName } from '../org/read.js';
import { checkTransition, CLOSING_ACTIONS, handoverProblems, TRANSITIONS, type TaskAction } from './rules.js';
import { tasks } from './schema.js';
import { type Acting, loadVisibleTask, respondsFor, todayOf } from './access.js';
import { getTask } from './detail.js';
import { writeEvent } from './timeline.js';
import { answerAssignmentSheet, issueAssignmentSheet } from './sheets.js';

export interface TransitionInput {
  reason?: string;
  approverLeaderId?: number;
}

/**
 * `alsoInTransaction` lets a module above this one (closing, when a task under review is cancelled) make its own
 * change in the same transaction as the move.
 */
export async function transition(
  deps: Deps,
  who: Acting,
  id: number,
  action: TaskAction,
  input: TransitionInput,
  alsoInTransaction?: (tx: Db, now: Date) => Promise<void>,
) {
  const { task, scope } = await loadVisibleTask(deps, who.actor, id);
  const rule = TRANSITIONS[action];
  if (rule.by === 'office') authorize(who.actor, 'task.manage');
  else if (!respondsFor(who.actor, scope, task.leadUnitId)) throw forbidden(`只有牵头单位可以${rule.label}`);
  // Closing needs the joint review; these moves happen only there. Told only to a caller who could ask, so the answer
  // does not reveal a task outside the caller's scope or skip the permission check.
  if (CLOSING_ACTIONS.includes(action)) throw conflict('USE_CLOSING_REQUEST', '请通过销号申请办理');
  const check = checkTransition(action, task.status, task.suspendedFrom);
  if (!check.ok) throw conflict('ILLEGAL_TRANSITION', check.message);
  const reason = input.reason?.trim() ?? '';
  if (rule.needsReason && !reason) throw badRequest('REASON_REQUIRED', `${rule.label}须填写原因`);
  if (action === 'assign') {
    // Handed over today: a deadline already past would be chased at once.
    const problems = handoverProblems(task, todayOf(deps));
    if (problems.length) throw badRequest('DEADLINE_BEFORE_HANDOVER', `${problems.join('；')}，请先修改完成时限`, problems);
  }
  let note = reason;
  if (action === 'suspend') {
    if (!input.approverLeaderId) throw badRequest('APPROVER_REQUIRED', '暂缓须注明批准的领导');
    const approver = await activeLeaderName(deps.db, input.approverLeaderId);
    if (!approver) throw badRequest('LEADER_NOT_FOUND', '批准暂缓的领导不存在');
    note = `${reason}（经${approver}批准）`;
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(tasks)
      .set({
        status: check.to,
        suspendedFrom: action === 'suspend' ? task.status : null,
        version: task.version + 1,
        updatedAt: now,
      })
      .where(and(eq(tasks.id, id), eq(tasks.status, task.status)))
      .returning();
    if (!after) throw conflict('ILLEGAL_TRANSITION', '事项状态已被他人改变，请刷新后重试');
    if (action === 'assign') await issueAssignmentSheet(tx, deps, who, after);
    if (action === 'sign' || action === 'decline') await answerAssignmentSheet(tx, who, id, action, reason, now);
    await alsoInTransaction?.(tx, now);
    await writeEvent(tx, deps, who, id, { kind: action, fromStatus: task.status, toStatus: check.to, note });
    await recordAudit(tx, deps, who, {
      action: `task.${action}`,
      targetType: 'task',
      targetId: id,
      before: { status: task.status },
      after: { status: check.to },
      reason: note,
    });
  });
  return getTask(deps, who.actor, id);
}
