// Proposals (自下而上预): a unit drafts, edits and its head submits its proposal for the plan.
import { and, eq } from 'drizzle-orm';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps } from '../../context.js';
import { badRequest, conflict, forbidden } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize, can, type Scope } from '../../permissions.js';
import { loadScope } from '../org/scope.js';
import {
  checkProposalTransition,
  lateOnSubmit,
  PROPOSAL_FIELDS,
  PROPOSAL_STATUS_LABELS,
  proposalsOpen,
  type ProposalStatus,
  reviewerEditable,
  unitEditable,
} from './rules.js';
import { planProposals, planRevisions } from './schema.js';
import * as store from './store.js';
import { type Acting, inCharge, loadPeriod, lockPeriod, ownUnit, planScope, proposalNotFound, seesProposal, stale, tellReviewers } from './access.js';
import { type ProposalInput, assertOpen, checkProposal, fieldChanges, pick, proposalFields } from './fields.js';
import { withdrawable } from './withdraw.js';

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

export async function loadVisibleProposal(deps: Deps, actor: Actor, id: number) {
  authorize(actor, 'plan.read');
  const proposal = await store.findProposal(deps.db, id);
  if (!proposal) throw proposalNotFound();
  const scope = await loadScope(deps.db, actor);
  if (!seesProposal(scope, actor, proposal)) throw proposalNotFound();
  return { proposal, scope, period: await loadPeriod(deps.db, proposal.periodId) };
}

// The unit edits its own draft; once submitted, the leader in charge or the office edit it and say why (plan_revisions).
// The unit's edits of a returned proposal are kept as revisions too, so the leader sees what changed before approving.
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
    if (reviewer || proposal.status === 'returned')
      await tx.insert(planRevisions).values({ proposalId: id, at: now, by: who.actor.accountId, reason, before, after });
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
    const late = lateOnSubmit(proposal, dayOf(now), period.proposeBy);
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
    const unitName = (await store.findUnit(tx, proposal.unitId))?.name ?? '';
    await tellReviewers(tx, now, proposal, {
      kind: 'plan.proposal_submitted',
      title: `${unitName}提交了重点工作申报${late ? '（逾期）' : ''}`,
      body: `${period.title}：“${proposal.title}”，请审核。`,
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
  if (withdrawable(actor, scope, p)) actions.push('withdraw');
  return actions;
}

// The proposal with every revision; `sinceReturn` sums up what the unit changed after the leader's last return.
export async function getProposal(deps: Deps, actor: Actor, id: number) {
  const { proposal, scope, period } = await loadVisibleProposal(deps, actor, id);
  const [revisions, n] = await Promise.all([store.revisionsOf(deps.db, { proposalIds: [id] }), store.names(deps.db)]);
  const shown = revisions.map(({ revision: r, byName, byUnitId }) => ({
    id: r.id,
    at: r.at,
    byName,
    byUnit: byUnitId === proposal.unitId,
    reason: r.reason,
    before: r.before as Partial<ProposalInput>,
    after: r.after as Partial<ProposalInput>,
  }));
  const returnedAt = proposal.status !== 'approved' ? proposal.reviewedAt : null;
  const afterReturn = returnedAt ? shown.filter((r) => r.byUnit && r.at > returnedAt) : [];
  return {
    proposal,
    period,
    actions: await proposalActions(deps, actor, scope, proposal, period),
    revisions: shown.map(({ before, after, ...r }) => ({ ...r, changes: fieldChanges(before, after, PROPOSAL_FIELDS, n) })),
    sinceReturn: afterReturn.length ? fieldChanges(afterReturn[0]!.before, afterReturn.at(-1)!.after, PROPOSAL_FIELDS, n) : [],
  };
}
