// A cooperating unit's part of a task (配合分工): its states and moves, when a task may go to closing, and the part's
// colour. Pure rules, no I/O, no clock reads; the task's own colour (rules.ts statusColour) reads partsDue.
import {
  PART_ACTION_LABELS,
  PART_STATUS_LABELS,
  type PartAction,
  type PartStatus,
  STATUS_LABELS,
  type StatusColour,
  type TaskStatus,
} from '../../shared/labels.js';
import { DEFAULT_DUE_SOON_DAYS, statusColour } from './rules.js';

export { PART_ACTION_LABELS, PART_ACTIONS, PART_STATUS_LABELS, PART_STATUSES, type PartAction, type PartStatus } from '../../shared/labels.js';

// Who moves a part: the cooperating unit itself, or the lead unit (or the office) that owns the task.
export type PartActorKind = 'cooperator' | 'lead';

interface PartTransition {
  from: readonly PartStatus[];
  to: PartStatus;
  by: PartActorKind;
  needsReason?: boolean;
}

export const PART_TRANSITIONS: Record<PartAction, PartTransition> = {
  sign: { from: ['assigned'], to: 'signed', by: 'cooperator' },
  report: { from: ['signed', 'returned'], to: 'reported', by: 'cooperator' },
  confirm: { from: ['reported'], to: 'done', by: 'lead' },
  return: { from: ['reported'], to: 'returned', by: 'lead', needsReason: true },
  // A part that turned out not to be needed, or cannot be done, is explained by the lead instead of confirmed.
  explain: { from: ['assigned', 'signed', 'reported', 'returned'], to: 'explained', by: 'lead', needsReason: true },
};

// The task states in which parts are worked on: handed over and not yet waiting for (or past) its closing review.
export const PART_WORKING_TASK_STATUSES: readonly TaskStatus[] = ['assigned', 'signed', 'in_progress', 'returned'];
// Still owed by the cooperating unit: chased, and coloured by its due day.
export const OWED_PART_STATUSES: readonly PartStatus[] = ['assigned', 'signed', 'returned'];
// Settled: the task may go to closing.
export const SETTLED_PART_STATUSES: readonly PartStatus[] = ['done', 'explained'];

export type PartCheck = { ok: true; to: PartStatus } | { ok: false; message: string };

export function checkPartTransition(action: PartAction, part: PartStatus, task: TaskStatus, reason = ''): PartCheck {
  const t = PART_TRANSITIONS[action];
  const label = PART_ACTION_LABELS[action];
  if (!PART_WORKING_TASK_STATUSES.includes(task)) return { ok: false, message: `事项当前为“${STATUS_LABELS[task]}”，不能${label}` };
  if (!t.from.includes(part)) return { ok: false, message: `该分工当前为“${PART_STATUS_LABELS[part]}”，不能${label}` };
  if (t.needsReason && !reason.trim()) return { ok: false, message: `${label}须写明理由` };
  return { ok: true, to: t.to };
}

export interface PartTerms {
  unitName: string;
  part: string;
  dueDate: string | null;
  standard: string;
}

// Bad-input rules for a part's terms (what, by when, standard). Chinese messages; empty when fine.
export function partProblems(p: PartTerms, task: { startDate: string; deadline: string }): string[] {
  const problems: string[] = [];
  if (!p.part.trim()) problems.push(`请写明配合单位“${p.unitName}”承担的分工`);
  if (p.dueDate && p.dueDate > task.deadline) problems.push(`配合单位“${p.unitName}”的分工时限不能晚于事项完成时限（${task.deadline}）`);
  if (p.dueDate && p.dueDate < task.startDate) problems.push(`配合单位“${p.unitName}”的分工时限不能早于开始日期`);
  return problems;
}

export interface PartState {
  unitName: string;
  status: PartStatus;
  dueDate: string | null;
}

// The day a part is due: its own, or the task's deadline when it has none.
export const partDueDay = (p: { dueDate: string | null }, taskDeadline: string) => p.dueDate ?? taskDeadline;

// The earliest own due day among the parts still owed; the task's colour counts it as a deadline (tasks.parts_due).
export function partsDue(parts: { status: PartStatus; dueDate: string | null }[]): string | null {
  const days = parts.filter((p) => OWED_PART_STATUSES.includes(p.status) && p.dueDate).map((p) => p.dueDate!);
  return days.length ? days.reduce((a, b) => (a < b ? a : b)) : null;
}

// A part's colour, by the task's colour rule: settled parts are green, owed ones by their own due day, a reported one
// waits on the lead (blue unless the task itself is late). Grey while the task is not being chased.
export function partColour(part: PartState, task: { status: TaskStatus; deadline: string }, today: string, dueSoonDays = DEFAULT_DUE_SOON_DAYS): StatusColour {
  if (SETTLED_PART_STATUSES.includes(part.status)) return 'green';
  const deadline = part.status === 'reported' ? task.deadline : partDueDay(part, task.deadline);
  return statusColour({ status: task.status, deadline, closedOn: null, milestones: [] }, today, dueSoonDays);
}

// The parts past their due day and still owed: the ones the task's red light blames.
export function lateParts<P extends PartState>(parts: P[], taskDeadline: string, today: string): P[] {
  return parts.filter((p) => OWED_PART_STATUSES.includes(p.status) && partDueDay(p, taskDeadline) < today);
}

// A task goes to closing only when every part is done or explained; the refusal names the parts still open.
export function closingBlocker(parts: PartState[]): string | null {
  const open = parts.filter((p) => !SETTLED_PART_STATUSES.includes(p.status));
  if (!open.length) return null;
  const names = open.map((p) => `${p.unitName}（${PART_STATUS_LABELS[p.status]}）`).join('、');
  return `配合单位的分工尚未全部完成：${names}。请先确认其报告或说明情况，再申请销号`;
}
