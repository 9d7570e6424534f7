// 月度预安: shapes returned by /api/v1/plans…, /proposals…, /plan-items… and /carry-overs.
import { PLAN_STATUS_LABELS, type ItemDecision, type ItemOrigin, type PlanStatus, type ProposalStatus, type TaskStatus } from './labels';

const step = (status: PlanStatus, deadline: (p: PlanPeriod) => string | null) => ({ status, label: PLAN_STATUS_LABELS[status], deadline });
export const PLAN_STEPS = [
  step('collecting', (p) => `${p.proposeBy} 前`),
  step('reviewing', (p) => `${p.reviewBy} 前`),
  step('consolidating', (p) => `${p.consolidateBy} 前`),
  step('meeting', (p) => p.meetingOn),
  step('issued', (p) => p.documentNumber),
];

export const stepIndex = (s: PlanStatus) => PLAN_STEPS.findIndex((x) => x.status === s);

export interface PlanMilestone {
  name: string;
  dueDate: string;
}

export interface PlanPeriod {
  id: number;
  kind: 'monthly' | 'weekly';
  period: string;
  label: string;
  title: string;
  status: PlanStatus;
  statusLabel: string;
  proposeBy: string;
  reviewBy: string;
  consolidateBy: string;
  meetingOn: string;
  documentNumber: string | null;
  issuedAt: string | null;
  version: number;
}

export interface PlanDetail {
  period: PlanPeriod;
  proposals: { total: number; byStatus: Record<ProposalStatus, number>; late: number };
  notProposed: { id: number; name: string }[];
  items: { total: number; undecided: number; taskCount: number } | null;
}

export interface Proposal {
  id: number;
  periodId: number;
  unitId: number;
  unitName: string;
  status: ProposalStatus;
  statusLabel: string;
  title: string;
  measures: string;
  timetable: string;
  milestones: PlanMilestone[];
  standard: string;
  deadline: string;
  categoryId: number | null;
  categoryName: string;
  leadLeaderId: number | null;
  leadLeaderName: string;
  cooperatingUnitIds: number[];
  cooperatingUnitNames: string[];
  carriedTaskId: number | null;
  late: boolean;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string;
  version: number;
  updatedAt: string;
}

export interface FieldChange {
  field: string;
  label: string;
  from: string;
  to: string;
}

export interface ProposalDetail {
  proposal: Proposal;
  period: PlanPeriod;
  actions: ('edit' | 'submit' | 'approve' | 'return')[];
  revisions: { id: number; at: string; byName: string; reason: string; changes: FieldChange[] }[];
}

export interface DraftItem {
  id: number;
  periodId: number;
  origin: ItemOrigin;
  sourceProposalIds: number[];
  title: string;
  measures: string;
  milestones: PlanMilestone[];
  standard: string;
  deadline: string;
  categoryId: number | null;
  leadLeaderId: number | null;
  leadUnitId: number;
  cooperatingUnitIds: number[];
  carriedTaskId: number | null;
  decision: ItemDecision | null;
  decisionNote: string;
  taskId: number | null;
  version: number;
  leadLeaderName: string;
  leadUnitName: string;
  cooperatingUnitNames: string[];
  categoryName: string;
  decisionLabel: string;
  sources: { proposalId: number; unitName: string; late: boolean; changes: FieldChange[] }[];
}

export interface PlanDraft {
  period: PlanPeriod;
  groups: {
    leaderId: number | null;
    leaderName: string;
    leaderPosition: string;
    categories: { categoryId: number | null; categoryName: string; items: DraftItem[] }[];
  }[];
}

export interface UnitSheet {
  period: PlanPeriod;
  unit: { id: number; name: string };
  items: {
    seq: number;
    itemId: number;
    taskId: number;
    title: string;
    measures: string;
    milestones: PlanMilestone[];
    deadline: string;
    standard: string;
    role: 'lead' | 'cooperate';
    leadLeaderName: string;
    leadUnitName: string;
    cooperatingUnitNames: string[];
    carriedOver: boolean;
    status: TaskStatus;
    statusLabel: string;
    percent: number;
  }[];
}

export interface CarryOver {
  id: number;
  taskId: number;
  fromPeriod: string;
  toPeriod: string;
  reason: string;
  reasonAt: string | null;
  createdAt: string;
}

export interface CarryOverRow extends CarryOver {
  task: { id: number; title: string; period: string; status: TaskStatus; deadline: string; leadUnitId: number; leadUnitName: string };
}

export const PLANS_KEY = ['plans'];

export const PROPOSAL_STATUS_COLORS: Record<ProposalStatus, string> = { draft: 'default', submitted: 'processing', returned: 'error', approved: 'success' };
export const DECISION_COLORS: Record<ItemDecision, string> = { approved: 'success', amended: 'warning', dropped: 'default' };

// 2026-04 → 2026年4月
export const monthText = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
