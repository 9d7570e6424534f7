// Chasing (督办): shapes returned by /api/v1/chasing…, /tasks/{id}/chasing, /sheets/{id}/sign and the time-limit rules,
// plus the one way every page signs a sheet or urges a task.
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { api, call, isApiError, type Schemas } from './api';
import { useShowError } from './components/feedback';
import type { SheetKind } from './labels';
import { taskKey, TASKS_KEY } from './tasks';

export { DUE_KIND_LABELS } from './labels';

// The chasing sheets, mildest first: urge before it falls due, warn once overdue, then the months-overdue ladder and referral.
export const CHASING_SHEET_KINDS: SheetKind[] = ['urge', 'warning', 'rectify', 'admonish', 'referral'];

// Colours by severity, for tags and the left edge of a sheet.
export const SHEET_KIND_COLORS: Record<SheetKind, string> = {
  assignment: 'blue',
  urge: 'gold',
  warning: 'orange',
  rectify: 'volcano',
  admonish: 'red',
  referral: 'magenta',
};
export const SHEET_KIND_HEX: Record<SheetKind, string> = {
  assignment: '#1d4fa3',
  urge: '#d4b106',
  warning: '#fa8c16',
  rectify: '#fa541c',
  admonish: '#cf1322',
  referral: '#9e1068',
};
export const SHEET_KIND_NOTES: Record<SheetKind, string> = {
  assignment: '明确责任单位、事项和时限',
  urge: '即将到期，要求加快进度',
  warning: '已超期，逾期未办将移交问责',
  rectify: '月度任务逾期，责令整改并扣分',
  admonish: '连续两月逾期，诫勉谈话并通报',
  referral: '移交纪委监委启动问责程序',
};

export type BoardSheet = Schemas['BoardItem'];
export type Today = Schemas['Today'];
export type TodaySheet = Today['toSign'][number];
export type TodayDue = Today['due'][number];
export type TaskChasing = Schemas['TaskChasing'];
export type TaskDueDate = TaskChasing['dueDates'][number];
export type TimeLimitRule = Schemas['TimeLimitRule'];
export type ChasingSettings = Schemas['ChasingSettings'];

export const CHASING_KEY = ['chasing'];
export const BOARD_KEY = [...CHASING_KEY, 'board'];
export const TODAY_KEY = [...CHASING_KEY, 'today'];
export const taskChasingKey = (id: number) => [...CHASING_KEY, 'task', id];
export const RULES_KEY = [...CHASING_KEY, 'rules'];
export const SETTINGS_KEY = [...CHASING_KEY, 'settings'];

// After a sheet is signed or issued: the board, the to-do list, the task, its history and the ledger all change.
function useChasingChanged() {
  const queryClient = useQueryClient();
  return (taskId: number) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: CHASING_KEY }),
      queryClient.invalidateQueries({ queryKey: taskKey(taskId) }),
      queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
    ]);
}

// 签收 a chasing sheet (not the assignment sheet, which is signed on the task page). Resolves true when signed.
export function useSignSheet() {
  const { message } = App.useApp();
  const showError = useShowError();
  const changed = useChasingChanged();
  return async (sheet: { id: number; kind: string; number: string; taskId: number }): Promise<boolean> => {
    try {
      await call(api.POST('/api/v1/sheets/{id}/sign', { params: { path: { id: sheet.id } } }));
      void message.success(`已签收 ${sheet.number}`);
      await changed(sheet.taskId);
      return true;
    } catch (err) {
      showError(err);
      return false;
    }
  };
}

// 催办 by hand (督查室): at most once a task a day; the second try the same day is told so plainly, not as a failure.
export function useUrge() {
  const { message } = App.useApp();
  const changed = useChasingChanged();
  return async (taskId: number, note: string): Promise<void> => {
    try {
      await call(api.POST('/api/v1/tasks/{id}/urge', { params: { path: { id: taskId } }, body: { note: note.trim() } }));
      void message.success('已签发催办单，承办单位将收到提醒');
    } catch (err) {
      if (isApiError(err, 409) && err.code === 'ALREADY_URGED') {
        void message.info('今天已催办过该事项（每个事项每天人工催办一次），承办单位已收到催办单');
        return;
      }
      throw err;
    } finally {
      await changed(taskId);
    }
  };
}
