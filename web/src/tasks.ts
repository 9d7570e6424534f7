// The task ledger (工作台账): shapes returned by /api/v1/tasks…, shared look-ups, and date arithmetic on the server's day.
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type Leader } from './api';
import type { Role, StatusColour, TaskAction, TaskLevel, TaskSource, TaskStatus } from './labels';
import { useServerNow } from './session';
import { ZONE } from './time';

export type ReportCadence = { kind: 'none' } | { kind: 'weekly'; weekday: number } | { kind: 'every_n_days'; days: number } | { kind: 'monthly'; day: number };

export interface Cooperator {
  unitId: number;
  unitName: string;
  part: string;
}

export interface LedgerItem {
  id: number;
  parentId: number | null;
  title: string;
  source: TaskSource;
  categoryName: string | null;
  level: TaskLevel;
  leadLeaderName: string | null;
  leadUnitId: number;
  leadUnitName: string;
  cooperators: Cooperator[];
  responsibleName: string;
  responsiblePhone: string;
  startDate: string;
  deadline: string;
  period: string;
  status: TaskStatus;
  percent: number;
  colour: StatusColour;
  reportMissing: boolean;
  lastReportAt: string | null;
  nextMilestone: { name: string; dueDate: string } | null;
  childCount: number;
  tags: string[];
  updatedAt: string;
  version: number;
}

export interface Ledger {
  total: number;
  counts: Partial<Record<StatusColour, number>>;
  items: LedgerItem[];
}

export interface Milestone {
  id: number;
  name: string;
  dueDate: string;
  doneDate: string | null;
  evidence: string;
}

export interface Indicator {
  id: number;
  name: string;
  target: number;
  unitOfMeasure: string;
  actual: number | null;
}

export interface TaskFile {
  id: number;
  reportId: number | null;
  fileName: string;
  mime: string;
  size: number;
  hasThumbnail: boolean;
  uploadedAt: string;
}

export interface TaskReport {
  id: number;
  reportedBy: number;
  reportedAt: string;
  text: string;
  percent: number | null;
  problems: string;
  coordination: string;
  indicatorActuals: { indicatorId: number; actual: number }[];
  milestonesDone: { milestoneId: number; doneDate: string; evidence: string }[];
  attachments: TaskFile[];
}

export interface TaskSheet {
  id: number;
  kind: string;
  number: string;
  unitId: number;
  content: Record<string, string>;
  issuedAt: string;
  signedAt: string | null;
  declinedAt: string | null;
  declineReason: string | null;
}

export interface TaskDetail {
  id: number;
  parentId: number | null;
  title: string;
  description: string;
  source: TaskSource;
  categoryId: number | null;
  categoryName: string | null;
  level: TaskLevel;
  leadLeaderId: number | null;
  leadLeaderName: string | null;
  leadUnitId: number;
  leadUnitName: string;
  responsiblePersonId: number | null;
  responsibleName: string;
  responsiblePhone: string;
  startDate: string;
  deadline: string;
  period: string;
  status: TaskStatus;
  suspendedFrom: TaskStatus | null;
  percent: number;
  closedOn: string | null;
  reportCadence: ReportCadence;
  tags: string[];
  standard: string;
  // 销号 needs evidence files (照单验收); closed after the deadline (逾期完成).
  evidenceRequired: boolean;
  closedLate: boolean;
  colour: StatusColour;
  cooperators: Cooperator[];
  milestones: Milestone[];
  indicators: Indicator[];
  reports: TaskReport[];
  attachments: TaskFile[];
  sheets: TaskSheet[];
  children: { id: number; title: string; leadUnitName: string; status: TaskStatus; percent: number; deadline: string }[];
  actions: TaskAction[];
  canEdit: boolean;
  canReport: boolean;
  canDecompose: boolean;
  // The lead unit may file a closing request (POST /tasks/{id}/closing-requests).
  canRequestClosing: boolean;
  version: number;
  updatedAt: string;
}

// 销号申请, reviewed jointly by the supervision, efficiency-monitoring and assessment offices (三部联审).
export interface ClosingRequestItem {
  id: number;
  taskId: number;
  status: 'pending' | 'approved' | 'rejected';
  finishedOn: string;
  late: boolean;
  filedByName: string;
  filedAt: string;
  decidedAt: string | null;
  offices: { id: number; name: string; decision: 'approve' | 'reject' | null }[];
  canReview: boolean;
}

export interface TaskEvent {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  kind: string;
  fromStatus: TaskStatus | null;
  toStatus: TaskStatus | null;
  note: string;
}

export interface SavedFilter {
  id: number;
  name: string;
  query: Record<string, unknown>;
}

// What POST /tasks, PUT /tasks/{id} and POST /tasks/{id}/subtasks take.
export interface TaskInput {
  title: string;
  description: string;
  source: TaskSource;
  categoryId: number | null;
  level: TaskLevel;
  leadLeaderId: number | null;
  leadUnitId: number;
  cooperators: { unitId: number; part: string }[];
  responsiblePersonId: number | null;
  responsibleName: string;
  responsiblePhone: string;
  startDate: string;
  deadline: string;
  standard: string;
  period: string;
  milestones: { id?: number; name: string; dueDate: string }[];
  indicators: { id?: number; name: string; target: number; unitOfMeasure: string }[];
  tags: string[];
  reportCadence: ReportCadence;
  evidenceRequired: boolean;
}

export const taskKey = (id: number) => ['task', id];
export const TASKS_KEY = ['tasks'];

export function useTask(id: number) {
  return useQuery({ queryKey: taskKey(id), queryFn: () => api.get<TaskDetail>(`/tasks/${id}`), enabled: Number.isInteger(id) && id > 0 });
}

export function useLeaders() {
  return useQuery({ queryKey: ['leaders'], queryFn: () => api.get<{ items: Leader[] }>('/leaders').then((r) => r.items), staleTime: 60_000 });
}

export function useCategories() {
  return useQuery({
    queryKey: ['task-categories'],
    queryFn: () => api.get<{ items: { id: number; name: string }[] }>('/task-categories').then((r) => r.items),
    staleTime: 300_000,
  });
}

export const leaderOptions = (leaders: Leader[]) => leaders.filter((l) => l.active).map((l) => ({ value: l.id, label: `${l.name}（${l.position}）` }));

// Who may export the ledger (task.export on the server).
export const EXPORT_ROLES: Role[] = ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison'];

// ---- The server's day

// Today in Beijing by the server's clock (YYYY-MM-DD).
export const useServerToday = (): string => useServerNow().tz(ZONE).format('YYYY-MM-DD');

// Whole calendar days from `from` to `to` (both YYYY-MM-DD): positive when `to` is later.
export const daysBetween = (from: string, to: string) => dayjs.utc(to).diff(dayjs.utc(from), 'day');

export type Countdown = { kind: 'left' | 'today' | 'overdue'; days: number; text: string };

export function countdown(deadline: string, today: string): Countdown {
  const left = daysBetween(today, deadline);
  if (left > 0) return { kind: 'left', days: left, text: `剩余 ${left} 天` };
  if (left === 0) return { kind: 'today', days: 0, text: '今天到期' };
  return { kind: 'overdue', days: -left, text: `超期 ${-left} 天` };
}

export function cadenceText(c: ReportCadence): string {
  switch (c.kind) {
    case 'none':
      return '不要求定期报送';
    case 'weekly':
      return `每周${'一二三四五六日'[c.weekday - 1] ?? ''}报送`;
    case 'every_n_days':
      return `每 ${c.days} 天报送`;
    case 'monthly':
      return `每月 ${c.day} 日报送`;
  }
}

export const attachmentUrl = (taskId: number, fileId: number, thumbnail = false) =>
  `/api/v1/tasks/${taskId}/attachments/${fileId}${thumbnail ? '?thumbnail=1' : ''}`;

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
