// 领导约谈: shapes returned by /api/v1/interviews…, and their labels.
import type { Schemas } from './api';
import type { InterviewStatus } from './labels';

export const INTERVIEW_STATUS_COLORS: Record<InterviewStatus, string> = { proposed: 'processing', approved: 'cyan', rejected: 'default', held: 'success' };

export type Interview = Schemas['InterviewSummary'];
export type InterviewDetail = Schemas['Interview'];
export type InterviewFlag = Schemas['InterviewFlag'];
export type InterviewSuggestion = Schemas['InterviewSuggestion'];

export const INTERVIEWS_KEY = ['interviews'];
export const interviewKey = (id: number) => [...INTERVIEWS_KEY, id];
