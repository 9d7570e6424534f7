// 月度预安: shapes returned by /api/v1/plans…, /proposals…, /plan-items… and /carry-overs.
import type { Json, Schemas } from './api';
import { PLAN_STATUS_LABELS, type ItemDecision, type PlanStatus, type ProposalStatus } from './labels';

const step = (status: PlanStatus, deadline: (p: PlanPeriod) => string | null) => ({ status, label: PLAN_STATUS_LABELS[status], deadline });
export const PLAN_STEPS = [
  step('collecting', (p) => `${p.proposeBy} 前`),
  step('reviewing', (p) => `${p.reviewBy} 前`),
  step('consolidating', (p) => `${p.consolidateBy} 前`),
  step('meeting', (p) => p.meetingOn),
  step('issued', (p) => p.documentNumber),
];

export const stepIndex = (s: PlanStatus) => PLAN_STEPS.findIndex((x) => x.status === s);

export type PlanPeriod = Schemas['PlanPeriod'];
export type PlanDetail = Schemas['PlanDetail'];
export type Proposal = Schemas['PlanProposal'];
export type ProposalWithTask = Schemas['PlanProposalWithTask'];
// The document names it once, as a nullable field's schema; the task itself is never null.
export type CarriedTask = NonNullable<Schemas['PlanCarriedTask']>;
export type CarriedWithoutProposal = Schemas['PlanCarriedWithoutProposal'];
export type FieldChange = Schemas['PlanFieldChange'];
export type DraftItem = Schemas['PlanDraftItem'];
export type PlanDraft = Schemas['PlanDraft'];
export type CarryOverRow = Json<'/api/v1/carry-overs', 'get'>['items'][number];
export type CarryOver = Json<'/api/v1/tasks/{id}/carry-overs', 'get'>['items'][number];

export const PLANS_KEY = ['plans'];
export const planKey = (id: number) => [...PLANS_KEY, id];
export const proposalKey = (id: number) => ['proposal', id];

export const PROPOSAL_STATUS_COLORS: Record<ProposalStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'error',
  approved: 'success',
  withdrawn: 'default',
};
export const DECISION_COLORS: Record<ItemDecision, string> = { approved: 'success', amended: 'warning', dropped: 'default' };

// 2026-04 → 2026年4月
export const monthText = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
// A plan's period: 2026-04 → 2026年4月, 2026-W15 → 2026年第15周
export const planPeriodText = (period: string) => (period[5] === 'W' ? `${period.slice(0, 4)}年第${Number(period.slice(6))}周` : monthText(period));
