// The task life cycle and the status colour (亮灯): pure rules, no I/O, no clock reads.
import { addCalendarDays, diffCalendarDays } from '../../calendar/rules.js';
import { STATUS_LABELS, type StatusColour, type TaskAction, type TaskStatus } from '../../shared/labels.js';
import type { ReportCadence } from './schema.js';

// The task enums and their labels live in the shared module, used by the web app too.
export {
  COLOUR_LABELS,
  LEVEL_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  TASK_ACTIONS,
  TASK_LEVELS,
  TASK_SOURCES,
  TASK_STATUSES,
  type StatusColour,
  type TaskAction,
  type TaskLevel,
  type TaskSource,
  type TaskStatus,
} from '../../shared/labels.js';

// Who acts: the supervision office (督查室) or the responsible (lead) unit.
export type TaskActorKind = 'office' | 'lead_unit';

interface Transition {
  from: readonly TaskStatus[];
  // `null`: back to the status the task was suspended from.
  to: TaskStatus | null;
  by: TaskActorKind;
  label: string;
  needsReason?: boolean;
}

const OPEN_STATES = ['assigned', 'signed', 'in_progress', 'returned'] as const;
// The states in which the lead unit reports progress (进度反馈); a request to close ends reporting until it is decided.
export const REPORTING_STATUSES: readonly TaskStatus[] = ['signed', 'in_progress', 'returned'];

export const TRANSITIONS: Record<TaskAction, Transition> = {
  assign: { from: ['draft', 'declined'], to: 'assigned', by: 'office', label: '交办' },
  sign: { from: ['assigned'], to: 'signed', by: 'lead_unit', label: '签收' },
  decline: { from: ['assigned'], to: 'declined', by: 'lead_unit', label: '退回交办', needsReason: true },
  start: { from: ['signed', 'returned'], to: 'in_progress', by: 'lead_unit', label: '开始推进' },
  request_closing: { from: ['in_progress', 'returned'], to: 'closing_requested', by: 'lead_unit', label: '申请销号' },
  close: { from: ['closing_requested'], to: 'closed', by: 'office', label: '销号' },
  return: { from: ['closing_requested'], to: 'returned', by: 'office', label: '退回整改', needsReason: true },
  suspend: { from: OPEN_STATES, to: 'suspended', by: 'office', label: '暂缓', needsReason: true },
  resume: { from: ['suspended'], to: null, by: 'office', label: '恢复' },
  cancel: {
    from: ['draft', 'assigned', 'declined', 'signed', 'in_progress', 'closing_requested', 'returned', 'suspended'],
    to: 'cancelled',
    by: 'office',
    label: '撤销',
    needsReason: true,
  },
};

// Moves made only through a closing request and its joint review (closing module), never through the generic action route.
export const CLOSING_ACTIONS: readonly TaskAction[] = ['request_closing', 'close', 'return'];

export type TransitionCheck = { ok: true; to: TaskStatus } | { ok: false; message: string };

export function checkTransition(action: TaskAction, from: TaskStatus, suspendedFrom: TaskStatus | null): TransitionCheck {
  const t = TRANSITIONS[action];
  if (!t.from.includes(from)) {
    return { ok: false, message: `事项当前为“${STATUS_LABELS[from]}”，不能${t.label}` };
  }
  const to = t.to ?? suspendedFrom;
  if (!to) return { ok: false, message: '无法确定暂缓前的状态，不能恢复' };
  return { ok: true, to };
}

// Status colour (亮灯). Green closed; red overdue; yellow due soon or a milestone late; blue on schedule.
// Grey for what is not being chased: drafts, declined, suspended and cancelled items.

export interface ColourInput {
  status: TaskStatus;
  deadline: string; // YYYY-MM-DD, Asia/Shanghai
  closedOn: string | null;
  milestones: { dueDate: string; doneDate: string | null }[];
  // The earliest due day of the parts cooperating units still owe (part-rules.ts partsDue): counted as a deadline.
  partsDue?: string | null;
}

export const DEFAULT_DUE_SOON_DAYS = 3;

export function statusColour(task: ColourInput, today: string, dueSoonDays = DEFAULT_DUE_SOON_DAYS): StatusColour {
  switch (task.status) {
    case 'closed':
      return 'green';
    case 'draft':
    case 'declined':
    case 'suspended':
    case 'cancelled':
      return 'grey';
    case 'assigned':
    case 'signed':
    case 'in_progress':
    case 'closing_requested':
    case 'returned': {
      const deadline = task.partsDue && task.partsDue < task.deadline ? task.partsDue : task.deadline;
      const left = diffCalendarDays(today, deadline);
      if (left < 0) return 'red';
      const milestoneLate = task.milestones.some((m) => !m.doneDate && m.dueDate < today);
      if (left <= dueSoonDays || milestoneLate) return 'yellow';
      return 'blue';
    }
    default: {
      const never: never = task.status;
      throw new Error(`unknown status ${String(never)}`);
    }
  }
}

export interface TaskPlan {
  startDate: string;
  deadline: string;
  leadUnitId: number;
  cooperatingUnitIds: number[];
  milestones: { name: string; dueDate: string }[];
}

// Bad-input rules for a task's owner and schedule (三定). Chinese messages; empty when fine.
export function planProblems(p: TaskPlan): string[] {
  const problems: string[] = [];
  if (p.deadline < p.startDate) problems.push('完成时限不能早于开始日期');
  if (p.cooperatingUnitIds.includes(p.leadUnitId)) problems.push('配合单位不能与牵头单位相同');
  if (new Set(p.cooperatingUnitIds).size !== p.cooperatingUnitIds.length) problems.push('配合单位有重复');
  for (const m of p.milestones) {
    if (m.dueDate > p.deadline) problems.push(`关键节点“${m.name}”的时间晚于完成时限`);
    if (m.dueDate < p.startDate) problems.push(`关键节点“${m.name}”的时间早于开始日期`);
  }
  return problems;
}

/**
 * A deadline before the day the task is handed over (交办) would be overdue at once and chased within the minute.
 * Refused, except for imported history: tasks taken over from the old ledger with their deadline already past.
 */
export function handoverProblems(t: { deadline: string; importedHistory: boolean }, handoverDay: string): string[] {
  if (t.importedHistory || t.deadline >= handoverDay) return [];
  return [`完成时限（${t.deadline}）不能早于交办日期（${handoverDay}）`];
}

// A parent's progress is derived from its children (分解): the mean of their percentages, closed counting 100.
export function derivedProgress(children: { status: TaskStatus; percent: number }[]): number | null {
  const counted = children.filter((c) => c.status !== 'cancelled');
  if (counted.length === 0) return null;
  const sum = counted.reduce((s, c) => s + (c.status === 'closed' ? 100 : c.percent), 0);
  return Math.round(sum / counted.length);
}

export interface CadenceInput {
  cadence: ReportCadence;
  since: string; // the day reporting became due (signing day)
  lastReport: string | null;
}

// The latest day a report was due by, on or before `today`; null when nothing is due yet.
export function lastDueDay(c: CadenceInput, today: string): string | null {
  const { cadence, since } = c;
  let due: string | null = null;
  switch (cadence.kind) {
    case 'none':
      return null;
    case 'every_n_days': {
      const elapsed = diffCalendarDays(since, today);
      if (elapsed >= cadence.days) due = addCalendarDays(since, Math.floor(elapsed / cadence.days) * cadence.days);
      break;
    }
    case 'weekly': {
      const weekday = ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
      const candidate = addCalendarDays(today, -((weekday - cadence.weekday + 7) % 7));
      if (candidate > since) due = candidate;
      break;
    }
    case 'monthly': {
      const [y, m, d] = today.split('-').map(Number) as [number, number, number];
      const dayIn = (year: number, month: number) => {
        const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
        return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(cadence.day, last)).padStart(2, '0')}`;
      };
      const thisMonth = dayIn(y, m);
      const candidate = d >= Number(thisMonth.slice(8)) ? thisMonth : m === 1 ? dayIn(y - 1, 12) : dayIn(y, m - 1);
      if (candidate > since) due = candidate;
      break;
    }
    default: {
      const never: never = cadence;
      throw new Error(`unknown cadence ${JSON.stringify(never)}`);
    }
  }
  return due;
}

// A report is missing once a due day has ended with no report on or after it; on the due day itself it is only due.
export function reportMissing(c: CadenceInput, today: string): boolean {
  const yesterday = addCalendarDays(today, -1);
  const due = lastDueDay(c, yesterday);
  return due !== null && (c.lastReport === null || c.lastReport < due);
}
