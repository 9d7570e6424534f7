// 销号申请 (三部联审): shapes returned by /api/v1/closing-requests…, and how their states are shown.
import { CLOSING_STATUS_LABELS, REVIEW_DECISION_LABELS, type ClosingStatus, type ReviewDecision, type TaskStatus } from './labels';

export interface ClosingOffice {
  id: number;
  name: string;
  decision: ReviewDecision | null;
}

export interface ClosingListItem {
  id: number;
  taskId: number;
  taskTitle: string;
  taskStatus: TaskStatus;
  taskDeadline: string;
  leadUnitId: number;
  leadUnitName: string;
  status: ClosingStatus;
  finishedOn: string;
  late: boolean;
  filedByName: string;
  filedAt: string;
  decidedAt: string | null;
  offices: ClosingOffice[];
  canReview: boolean;
}

export interface ClosingFile {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  hasThumbnail: boolean;
}

export interface ClosingDetail extends ClosingListItem {
  summary: string;
  indicatorResults: { indicatorId: number; name: string; target: number | null; unitOfMeasure: string; actual: number }[];
  attachments: ClosingFile[];
  task: { id: number; title: string; standard: string; startDate: string; deadline: string; status: TaskStatus; percent: number; evidenceRequired: boolean };
  reviews: { id: number; officeId: number; officeName: string; reviewerName: string; decision: ReviewDecision; comment: string; at: string }[];
  siteChecks: { id: number; checkedOn: string; checkedByName: string; notes: string; attachments: ClosingFile[]; at: string }[];
  canSiteCheck: boolean;
}

export const CLOSING_KEY = ['closing-requests'];

export const CLOSING_STATUS: Record<ClosingStatus, { label: string; color: string }> = {
  pending: { label: CLOSING_STATUS_LABELS.pending, color: 'processing' },
  approved: { label: CLOSING_STATUS_LABELS.approved, color: 'success' },
  rejected: { label: CLOSING_STATUS_LABELS.rejected, color: 'error' },
};

export const decisionText = (d: ReviewDecision | null) => (d ? REVIEW_DECISION_LABELS[d] : '待审');
export const decisionColor = (d: ReviewDecision | null) => (d === 'approve' ? 'success' : d === 'reject' ? 'error' : 'default');
