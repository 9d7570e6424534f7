// Review: the leader in charge approves a submitted proposal or returns it to the unit.
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../context.js';
import { badRequest, conflict, forbidden } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { can } from '../../permissions.js';
import { notify, unitAccounts } from '../notify/service.js';
import { checkProposalTransition } from './rules.js';
import { planProposals } from './schema.js';
import { type Acting, inCharge, lockPeriod } from './access.js';
import { assertOpen } from './fields.js';
import { loadVisibleProposal } from './proposals.js';

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
