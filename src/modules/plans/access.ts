// Who sees which plan, proposal and item, and loading a plan with its row lock.
import { eq } from 'drizzle-orm';
import type { Actor, Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { conflict, notFound } from '../../errors.js';
import { can, inScope, type Scope } from '../../permissions.js';
import { type Message, notify, roleAccounts } from '../notify/service.js';
import { loadScope } from '../org/scope.js';
import { planPeriods } from './schema.js';
import * as store from './store.js';

export type Acting = Who & { actor: Actor };

export const planNotFound = () => notFound('PLAN_NOT_FOUND', '计划不存在');
export const proposalNotFound = () => notFound('PROPOSAL_NOT_FOUND', '申报不存在');
export const itemNotFound = () => notFound('PLAN_ITEM_NOT_FOUND', '计划事项不存在');
export const stale = () => conflict('STALE_VERSION', '该记录已被他人修改，请刷新后重试');

// ---- Scope

// The office, the all-seeing roles and the county leaders see the whole plan; units see their own proposals and sheet.
export const seesWholePlan = (actor: Actor, scope: Scope) => scope.all || can(actor, 'plan.review');

export async function planScope(deps: Deps, actor: Actor) {
  const scope = await loadScope(deps.db, actor);
  const wholePlan = seesWholePlan(actor, scope);
  return { scope, wholePlan, filter: scope.all ? undefined : { unitIds: [...scope.unitIds], leaderId: actor.leaderId } };
}

export const seesProposal = (scope: Scope, actor: Actor, p: store.ProposalRow) =>
  scope.all || inScope(scope, p.unitId) || (actor.leaderId !== null && p.leadLeaderId === actor.leaderId);

// The leader in charge (分管) of the unit: the unit lies in the leader's portfolio.
export const inCharge = (actor: Actor, scope: Scope, unitId: number) =>
  can(actor, 'plan.review') && actor.leaderId !== null && !scope.all && inScope(scope, unitId);

// A unit acts for itself (or a unit below it), never through an all-seeing role.
export const ownUnit = (actor: Actor, scope: Scope, unitId: number) => actor.unitId !== null && !scope.all && inScope(scope, unitId);

export async function loadPeriod(db: Db, id: number) {
  const period = await store.findPeriod(db, id);
  if (!period) throw planNotFound();
  return period;
}

// Taken in every write that depends on the plan's step, so a proposal never slips in while the plan is being issued.
export async function lockPeriod(tx: Db, id: number, mode: 'share' | 'update') {
  const [row] = await tx.select().from(planPeriods).where(eq(planPeriods.id, id)).for(mode);
  if (!row) throw planNotFound();
  return row;
}

// A message to the leaders in charge of the proposal's unit, who review it.
export async function tellReviewers(tx: Db, now: Date, proposal: store.ProposalRow, message: Omit<Message, 'link'>) {
  const reviewers = await store.leadersInCharge(tx, proposal.unitId);
  const accounts = await roleAccounts(
    tx,
    [],
    reviewers.map((l) => l.personId),
  );
  await notify(tx, now, accounts, { ...message, link: `/proposals/${proposal.id}` });
}
