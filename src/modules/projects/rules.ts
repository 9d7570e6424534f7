// Key projects (重点项目): pure rules. A project is coloured by the tasks' own rule (tasks/rules.ts statusColour): the
// project stands for a task whose deadline is its last date node and whose milestones are its steps, so a late step
// turns it yellow and a project past its last date node red; each step is coloured as a task of its own.
import { addCalendarDays, type Day, isValidDay, monthOf } from '../../calendar/rules.js';
import { PROJECT_KINDS, type ProjectKind, type StatusColour } from '../../shared/labels.js';
import { statusColour } from '../tasks/rules.js';

export interface StepPlan {
  plannedStart: string;
  plannedDays: number;
  actualStart: string | null;
  actualEnd: string | null;
}

/** The step's date node (时间节点): the last day of its planned duration, the start day counted. */
export const stepDue = (s: Pick<StepPlan, 'plannedStart' | 'plannedDays'>): Day => addCalendarDays(s.plannedStart, s.plannedDays - 1);

export function stepColour(s: StepPlan, today: Day): StatusColour {
  return statusColour({ status: s.actualEnd ? 'closed' : 'in_progress', deadline: stepDue(s), closedOn: s.actualEnd, milestones: [] }, today);
}

/** Grey without steps; green when every step is done; else the task rule over the steps. */
export function projectColour(steps: readonly StepPlan[], today: Day): StatusColour {
  if (steps.length === 0) return 'grey';
  const dues = steps.map(stepDue);
  const done = steps.every((s) => s.actualEnd);
  return statusColour(
    {
      status: done ? 'closed' : 'in_progress',
      deadline: dues.reduce((a, b) => (a > b ? a : b)),
      closedOn: done ? steps.map((s) => s.actualEnd!).reduce((a, b) => (a > b ? a : b)) : null,
      milestones: steps.map((s, i) => ({ dueDate: dues[i]!, doneDate: s.actualEnd })),
    },
    today,
  );
}

export interface ProjectInput {
  name: string;
  kind: ProjectKind;
  totalInvestment: number;
  investmentBefore: number;
  longitude: number | null;
  latitude: number | null;
}

export function projectProblems(p: ProjectInput): string[] {
  const problems: string[] = [];
  if (!p.name.trim()) problems.push('请填写项目名称');
  if (!PROJECT_KINDS.includes(p.kind)) problems.push('项目类别不正确');
  if (p.totalInvestment < 0 || p.investmentBefore < 0) problems.push('投资额不能为负数');
  if (p.investmentBefore > p.totalInvestment) problems.push('以前年度已完成投资不能超过计划总投资');
  if ((p.longitude === null) !== (p.latitude === null)) problems.push('经度和纬度应同时填写');
  if (p.longitude !== null && (p.longitude < -180 || p.longitude > 180)) problems.push('经度应在 -180 到 180 之间');
  if (p.latitude !== null && (p.latitude < -90 || p.latitude > 90)) problems.push('纬度应在 -90 到 90 之间');
  return problems;
}

export function stepPlanProblems(s: { phase: string; name: string; plannedStart: string; plannedDays: number }): string[] {
  const problems: string[] = [];
  if (!s.phase.trim()) problems.push('请填写工序所属部分');
  if (!s.name.trim()) problems.push('请填写工序名称');
  if (!isValidDay(s.plannedStart)) problems.push('计划开始日期不正确');
  if (!Number.isInteger(s.plannedDays) || s.plannedDays < 1 || s.plannedDays > 3660) problems.push('计划工期应为 1 到 3660 天');
  return problems;
}

/** Actual dates: a start before the end, neither after today, no end without a start. */
export function actualDateProblems(a: { actualStart: string | null; actualEnd: string | null }, today: Day): string[] {
  const problems: string[] = [];
  for (const [day, label] of [
    [a.actualStart, '实际开始日期'],
    [a.actualEnd, '实际完成日期'],
  ] as const) {
    if (day !== null && !isValidDay(day)) problems.push(`${label}不正确`);
    else if (day !== null && day > today) problems.push(`${label}不能晚于今天`);
  }
  if (a.actualEnd && !a.actualStart) problems.push('请先填写实际开始日期');
  if (a.actualStart && a.actualEnd && a.actualEnd < a.actualStart) problems.push('实际完成日期不能早于实际开始日期');
  return problems;
}

export interface MonthInvestment {
  period: string;
  planned: number;
  done: number | null;
}

/** The year's curve: each month's plan and report, and both summed from January (累计计划 / 累计完成). */
export function yearCurve(year: number, rows: readonly MonthInvestment[]) {
  let plannedSum = 0;
  let doneSum = 0;
  return Array.from({ length: 12 }, (_, i) => {
    const period = `${year}-${String(i + 1).padStart(2, '0')}`;
    const row = rows.find((r) => r.period === period);
    plannedSum += row?.planned ?? 0;
    doneSum += row?.done ?? 0;
    return { period, planned: row?.planned ?? 0, done: row?.done ?? null, plannedSum, doneSum };
  });
}

export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month before `period` (YYYY-MM). */
export function previousMonth(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The pair a month's comparison shows: the latest photo taken in the month, beside the latest taken before it (last
 * month's as a rule, an earlier one when last month has none). Photos sorted by day, then id.
 */
export function comparisonPair<T extends { takenOn: string; id: number }>(photos: readonly T[], period: string): { before: T | null; after: T | null } {
  const sorted = [...photos].sort((a, b) => (a.takenOn === b.takenOn ? a.id - b.id : a.takenOn < b.takenOn ? -1 : 1));
  const after = sorted.filter((p) => monthOf(p.takenOn) === period).at(-1) ?? null;
  const before = sorted.filter((p) => monthOf(p.takenOn) < period).at(-1) ?? null;
  return { before, after };
}

/** The day a photo was taken, read from the EXIF date ("YYYY:MM:DD HH:MM:SS", the camera's local time). */
export function exifDay(raw: unknown): Day | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})/.exec(raw);
  if (!m) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  return isValidDay(day) ? day : null;
}
