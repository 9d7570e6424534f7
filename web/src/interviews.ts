// 领导约谈: shapes returned by /api/v1/interviews…, and their labels.
import type { InterviewLevel, InterviewStatus, TaskStatus } from './labels';

export type InterviewAction = 'approve' | 'reject' | 'record';

export const INTERVIEW_STATUS_COLORS: Record<InterviewStatus, string> = { proposed: 'processing', approved: 'cyan', rejected: 'default', held: 'success' };

export interface Interview {
  id: number;
  unitId: number;
  unitName: string;
  intervieweePersonId: number;
  intervieweeName: string;
  level: InterviewLevel;
  reason: string;
  taskIds: number[];
  status: InterviewStatus;
  proposedByName: string;
  proposedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string;
  heldOn: string | null;
  interviewer: string;
  findings: string;
  version: number;
  // 建议调整岗位: the interviewee has been interviewed twice within a year.
  flagged: boolean;
}

export interface InterviewDetail extends Interview {
  tasks: { id: number; title: string; status: TaskStatus; deadline: string }[];
  commitments: { id: number; content: string; dueDate: string; taskId: number | null; taskStatus: TaskStatus | null }[];
  actions: InterviewAction[];
}

export interface InterviewFlag {
  personId: number;
  name: string;
  title: string;
  // False once the person no longer heads a unit: the adjustment has been made.
  stillHead: boolean;
  interviews: { id: number; unitId: number; unitName: string; level: InterviewLevel; heldOn: string }[];
}

export interface InterviewSuggestion {
  unitId: number;
  unitName: string;
  headPersonId: number;
  headName: string;
  suggestedLevel: InterviewLevel;
  lastInterview: { id: number; level: InterviewLevel; heldOn: string } | null;
  flagged: boolean;
}

export const INTERVIEWS_KEY = ['interviews'];
export const interviewKey = (id: number) => [...INTERVIEWS_KEY, id];
