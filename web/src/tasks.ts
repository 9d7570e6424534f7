// The task ledger (工作台账): shapes returned by /api/v1/tasks…, shared look-ups, and date arithmetic on the server's day.
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, apiUrl, call, type Leader, type Schemas } from './api';
import type { Role } from './labels';
import { useServerNow } from './session';
import { ZONE } from './time';

export type TaskDetail = Schemas['TaskDetail'];
export type LedgerItem = Schemas['LedgerItem'];
export type TaskReport = Schemas['TaskReport'];
export type TaskSheet = Schemas['TaskSheet'];
// 销号申请, reviewed jointly by the supervision, efficiency-monitoring and assessment offices (三部联审).
export type ClosingRequestItem = Schemas['ClosingRequestItem'];
export type TaskEvent = Schemas['TaskEvent'];
export type SavedFilter = Schemas['SavedFilter'];
// What POST /tasks, PUT /tasks/{id} and POST /tasks/{id}/subtasks take.
export type TaskInput = Schemas['TaskInput'];
export type ReportCadence = TaskDetail['reportCadence'];

export const taskKey = (id: number) => ['task', id];
export const TASKS_KEY = ['tasks'];
export const taskHistoryKey = (id: number) => ['task', id, 'history'];
export const taskClosingKey = (id: number) => ['task', id, 'closing-requests'];

export function useTask(id: number) {
  return useQuery({
    queryKey: taskKey(id),
    queryFn: () => call(api.GET('/api/v1/tasks/{id}', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useLeaders() {
  return useQuery({ queryKey: ['leaders'], queryFn: () => call(api.GET('/api/v1/leaders')).then((r) => r.items), staleTime: 60_000 });
}

export function useCategories() {
  return useQuery({
    queryKey: ['task-categories'],
    queryFn: () => call(api.GET('/api/v1/task-categories')).then((r) => r.items),
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

export { cadenceText } from '@shared/labels';

export const attachmentUrl = (taskId: number, fileId: number, thumbnail = false) =>
  apiUrl('/api/v1/tasks/{id}/attachments/{attachmentId}', { id: taskId, attachmentId: fileId }, thumbnail ? { thumbnail: 1 } : undefined);

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
