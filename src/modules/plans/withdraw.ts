// Withdrawing a proposal (撤回): e.g. a pre-filled draft of a carried task that closes before the meeting.
import { and, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.js';
import { badRequest, conflict, forbidden } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize, can, type Scope } from '../../permissions.js';
import { loadScope } from '../org/scope.js';
import { checkWithdraw } from './rules.js';
import { planProposals } from './schema.js';
import * as store from './store.js';
import { type Acting, loadPeriod, lockPeriod, ownUnit, proposalNotFound, seesProposal, tellReviewers } from './access.js';
import { assertOpen } from './fields.js';

export const WITHDRAW_REASON_MAX = 500;

const withdrawer = (actor: Actor, scope: Scope, p: store.ProposalRow): 'office' | 'unit' | null =>
  can(actor, 'plan.manage') ? 'office' : can(actor, 'plan.propose') && ownUnit(actor, scope, p.unitId) ? 'unit' : null;

// Whether the actor may withdraw the proposal now (the plan's step is checked by the caller).
export function withdrawable(actor: Actor, scope: Scope, p: store.ProposalRow) {
  const by = withdrawer(actor, scope, p);
  return by !== null && checkWithdraw(p.status, by).ok;
}

export async function withdrawProposal(deps: Deps, who: Acting, id: number, input: { reason: string; version: number }) {
  authorize(who.actor, 'plan.read');
  const proposal = await store.findProposal(deps.db, id);
  const scope = await loadScope(deps.db, who.actor);
  if (!proposal || !seesProposal(scope, who.actor, proposal)) throw proposalNotFound();
  const period = await loadPeriod(deps.db, proposal.periodId);
  const by = withdrawer(who.actor, scope, proposal);
  if (!by) throw forbidden('只有申报单位或督查室可以撤回申报');
  assertOpen(period);
  const check = checkWithdraw(proposal.status, by);
  if (!check.ok) throw conflict('ILLEGAL_TRANSITION', check.message);
  const reason = input.reason.trim();
  if (!reason) throw badRequest('REASON_REQUIRED', '请填写撤回理由');
  if (reason.length > WITHDRAW_REASON_MAX) throw badRequest('REASON_TOO_LONG', `撤回理由不能超过 ${WITHDRAW_REASON_MAX} 字`);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    assertOpen(await lockPeriod(tx, period.id, 'share'));
    const [row] = await tx
      .update(planProposals)
      .set({ status: 'withdrawn', withdrawReason: reason, version: input.version + 1, updatedAt: now })
      .where(and(eq(planProposals.id, id), eq(planProposals.version, input.version), eq(planProposals.status, proposal.status)))
      .returning();
    if (!row) throw conflict('STALE_VERSION', '该申报已被他人修改，请刷新后重试');
    await recordAudit(tx, deps, who, {
      action: 'plan.proposal_withdraw',
      targetType: 'plan_proposal',
      targetId: id,
      before: { status: proposal.status },
      after: { status: 'withdrawn', carriedTaskId: proposal.carriedTaskId },
      reason,
    });
    // The leader already holding it for review is told it is gone.
    if (proposal.status === 'submitted' || proposal.status === 'approved')
      await tellReviewers(tx, now, proposal, {
        kind: 'plan.proposal_withdrawn',
        title: '重点工作申报已撤回',
        body: `${period.title}：“${proposal.title}”已撤回。理由：${reason}`,
      });
    return row;
  });
}
