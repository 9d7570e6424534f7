// 销号申请 (三部联审): shapes returned by /api/v1/closing-requests…, and how their states are shown.
import type { Json, Schemas } from './api';
import { CLOSING_STATUS_LABELS, REVIEW_DECISION_LABELS, type ClosingStatus, type ReviewDecision } from './labels';

export type ClosingListItem = Json<'/api/v1/closing-requests', 'get'>['items'][number];
export type ClosingDetail = Schemas['ClosingRequest'];

export const CLOSING_KEY = ['closing-requests'];

export const CLOSING_STATUS: Record<ClosingStatus, { label: string; color: string }> = {
  pending: { label: CLOSING_STATUS_LABELS.pending, color: 'processing' },
  approved: { label: CLOSING_STATUS_LABELS.approved, color: 'success' },
  rejected: { label: CLOSING_STATUS_LABELS.rejected, color: 'error' },
};

export const decisionText = (d: ReviewDecision | null) => (d ? REVIEW_DECISION_LABELS[d] : '待审');
export const decisionColor = (d: ReviewDecision | null) => (d === 'approve' ? 'success' : d === 'reject' ? 'error' : 'default');
