// Chasing (督办): the 13710 time limits, the three-sheet chain (催办 → 预警 → 移交问责) and the months-overdue ladder.
// Pure: the calendar and "today" are parameters.
import {
  addCalendarDays,
  type Calendar,
  type Day,
  isWorkingDay,
  limitEnd,
  type LimitKind,
  monthEnd,
  monthOf,
  subtractWorkingDays,
  workingDaysBetween,
} from '../../calendar/rules.js';
import { type CadenceInput, lastDueDay, REPORTING_STATUSES, type TaskStatus } from '../tasks/rules.js';
import type { SheetKind } from '../tasks/read.js';

export type DueKind = 'sign' | 'first_report' | 'resolve' | 'deadline' | 'report';

export { DUE_KIND_LABELS, SHEET_KIND_LABELS } from '../../shared/labels.js';

export const SHEET_NUMBER_PREFIX: Record<SheetKind, string> = {
  assignment: '督',
  urge: '督催',
  warning: '督警',
  referral: '督移',
  rectify: '督改',
  admonish: '督诫',
};

export interface TimeLimitRule {
  code: string;
  name: string;
  target: 'sign' | 'first_report' | 'resolve';
  days: number;
  // month: calendar months (重大事项 1 个月), day for day.
  dayKind: LimitKind;
  levels: string[];
  sources: string[];
  active: boolean;
}

export interface ChasingSettings {
  // Working days: an urge never falls on a day off.
  urgeDaysBefore: number;
  referralGraceWorkingDays: number;
  deductionPoints: number;
}

export function ruleProblems(r: Pick<TimeLimitRule, 'name' | 'days' | 'dayKind' | 'target'>): string[] {
  const problems: string[] = [];
  if (!r.name.trim()) problems.push('请填写规则名称');
  if (!Number.isInteger(r.days) || r.days < 0) problems.push('天数必须是不小于 0 的整数');
  else if (r.days > 366) problems.push('天数不能超过 366 天');
  else if (r.dayKind === 'month' && r.days > 12) problems.push('按月计的时限不能超过 12 个月');
  if (!['calendar', 'working', 'month'].includes(r.dayKind)) problems.push('计日方式只能是自然日、工作日或自然月');
  return problems;
}

export function settingsProblems(s: ChasingSettings): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(s.urgeDaysBefore) || s.urgeDaysBefore < 1 || s.urgeDaysBefore > 30) problems.push('催办提前工作日数须在 1 到 30 之间');
  if (!Number.isInteger(s.referralGraceWorkingDays) || s.referralGraceWorkingDays < 1 || s.referralGraceWorkingDays > 60) {
    problems.push('预警后移交问责的宽限期须在 1 到 60 个工作日之间');
  }
  if (!(s.deductionPoints >= 0 && s.deductionPoints <= 100)) problems.push('扣分须在 0 到 100 之间');
  return problems;
}

const applies = (rule: TimeLimitRule, task: { level: string; source: string }) =>
  rule.active && (rule.levels.length === 0 || rule.levels.includes(task.level)) && (rule.sources.length === 0 || rule.sources.includes(task.source));

export interface ChaseTask {
  status: TaskStatus;
  level: string;
  source: string;
  deadline: Day;
  period: string;
  assignedOn: Day | null; // the day the current assignment sheet was issued
  signedOn: Day | null;
  firstReportOn: Day | null;
  hasMilestones: boolean;
  reportDueMissed: Day | null; // the last cadence due day that passed without a report
  importedHistory: boolean; // imported from the old ledger with its deadline past: never chased
}

export interface DueDate {
  kind: DueKind;
  day: Day;
  provisional: boolean;
  met: boolean;
  rule?: string;
}

const FINISHED: readonly TaskStatus[] = ['closed', 'cancelled', 'draft', 'declined', 'suspended'];
const isChased = (status: TaskStatus) => !FINISHED.includes(status);
const resolvedStates: readonly TaskStatus[] = ['closing_requested', 'closed'];

// Every due date of a task under the time-limit classes, and whether it has been met.
export function dueDates(task: ChaseTask, rules: TimeLimitRule[], cal: Calendar): DueDate[] {
  const out: DueDate[] = [];
  if (task.assignedOn) {
    for (const rule of rules.filter((r) => applies(r, task))) {
      const { day, provisional } = limitEnd(cal, task.assignedOn, rule.days, rule.dayKind);
      const met =
        rule.target === 'sign'
          ? task.signedOn !== null
          : rule.target === 'first_report'
            ? task.firstReportOn !== null
            : resolvedStates.includes(task.status) || (task.level === 'major' && task.hasMilestones);
      out.push({ kind: rule.target, day, provisional, met, rule: rule.name });
    }
  }
  out.push({ kind: 'deadline', day: task.deadline, provisional: false, met: resolvedStates.includes(task.status) });
  // A task waiting for its closing review cannot report: a missed report day is no longer chased.
  if (task.reportDueMissed && REPORTING_STATUSES.includes(task.status)) out.push({ kind: 'report', day: task.reportDueMissed, provisional: false, met: false });
  return out;
}

export interface SheetToIssue {
  kind: SheetKind;
  dueKind: DueKind | 'month' | 'manual' | PartDueKind;
  dueDay: Day;
  points?: number;
  // Counted over a year without holiday data: the sheet says its dates are provisional (暂定).
  provisional?: boolean;
}

// A cooperating unit's part, as the chasing rules see it (tasks/part-rules.ts holds its states).
export interface ChasePart {
  setOn: Day | null; // the day its terms were last set
  signed: boolean;
  due: Day; // its own due day, or the task's deadline
  owed: boolean; // neither reported, done nor explained
}

export type PartDueKind = 'part_sign' | 'part_deadline';
// A part's sheets name their due kind apart from the lead's, so the two threads never share a sheet.
export const PART_DUE_KINDS: Record<'sign' | 'deadline', PartDueKind> = { sign: 'part_sign', deadline: 'part_deadline' };

/**
 * A part's due dates under the same rules as its task: the sign time limits (13710's "1") counted from the later of
 * the task's handover and the day the part was set, and the part's own due day while the part is owed.
 */
export function partDueDates(task: ChaseTask, part: ChasePart, rules: TimeLimitRule[], cal: Calendar): DueDate[] {
  const out: DueDate[] = [];
  if (task.assignedOn) {
    const from = part.setOn && part.setOn > task.assignedOn ? part.setOn : task.assignedOn;
    for (const rule of rules.filter((r) => r.target === 'sign' && applies(r, task))) {
      const { day, provisional } = limitEnd(cal, from, rule.days, rule.dayKind);
      out.push({ kind: 'sign', day, provisional, met: part.signed || !part.owed, rule: rule.name });
    }
  }
  out.push({ kind: 'deadline', day: part.due, provisional: false, met: !part.owed });
  return out;
}

export interface IssuedWarning {
  dueKind: string;
  dueDay: Day;
  issuedOn: Day;
}

/**
 * The three-sheet chain for one task on one day: an urge sheet on the last N working days before a long-range due date,
 * a warning sheet once any due date has passed unmet, and a referral to the discipline commission when a warned
 * due date is still unmet after the grace period. Returns every sheet that should exist by now; the caller's
 * unique key (task, kind, dueKind, dueDay) makes issuing idempotent.
 */
export function chainSheets(task: ChaseTask, dues: DueDate[], warnings: IssuedWarning[], today: Day, s: ChasingSettings, cal: Calendar): SheetToIssue[] {
  if (!isChased(task.status) || task.importedHistory) return [];
  const out: SheetToIssue[] = [];
  const workday = isWorkingDay(cal, today).working;
  const marked = (sheet: SheetToIssue, provisional: boolean): SheetToIssue => (provisional ? { ...sheet, provisional } : sheet);
  for (const due of dues.filter((d) => !d.met)) {
    const urgeFrom = subtractWorkingDays(cal, due.day, s.urgeDaysBefore);
    if ((due.kind === 'deadline' || due.kind === 'resolve') && workday && today >= urgeFrom.day && today <= due.day) {
      out.push(marked({ kind: 'urge', dueKind: due.kind, dueDay: due.day }, due.provisional || urgeFrom.provisional));
    }
    if (today > due.day) out.push(marked({ kind: 'warning', dueKind: due.kind, dueDay: due.day }, due.provisional));
    const warned = warnings.find((w) => w.dueKind === due.kind && w.dueDay === due.day);
    const grace = warned && workingDaysBetween(cal, warned.issuedOn, today);
    if (grace && grace.count >= s.referralGraceWorkingDays) {
      out.push(marked({ kind: 'referral', dueKind: due.kind, dueDay: due.day }, due.provisional || grace.provisional));
    }
  }
  return out;
}

const laterMonth = (month: string, n: number): string => (n === 0 ? month : laterMonth(monthOf(addCalendarDays(monthEnd(month), 1)), n - 1));

export interface IssuedLadderSheet {
  kind: SheetKind;
  issuedOn: Day;
}

// The ladder's steps, in order, and how many months after the month it counts from each falls due.
const LADDER: readonly { kind: SheetKind; months: number }[] = [
  { kind: 'rectify', months: 0 },
  { kind: 'admonish', months: 1 },
  { kind: 'referral', months: 3 },
];

/**
 * The months-overdue ladder (`001`): still open at the end of the month it counts from → rectification order and a
 * score deduction; a month later → admonishment talk and public notice; three months later → referral.
 * It counts from the latest of the period's end, the deadline in force and the handover (assignedOn), so a task is
 * never laddered while its deadline is ahead or before it was handed over. Steps go in order, at most one a day:
 * the first step not yet issued (by kind, whatever its due day) is the only one returned, and none on a day a ladder
 * sheet was issued already.
 */
export function ladderSheets(
  task: Pick<ChaseTask, 'status' | 'period' | 'deadline' | 'assignedOn' | 'importedHistory'>,
  issued: IssuedLadderSheet[],
  today: Day,
  s: ChasingSettings,
): SheetToIssue[] {
  if (!isChased(task.status) || task.status === 'closing_requested' || task.importedHistory) return [];
  if (issued.some((i) => i.issuedOn === today)) return [];
  const step = ladderStep(task, issued);
  if (!step || today <= step.dueDay) return [];
  return [{ kind: step.kind, dueKind: 'month', dueDay: step.dueDay, ...(step.kind === 'rectify' ? { points: s.deductionPoints } : {}) }];
}

// The ladder's next step not yet issued and the month end it falls due after.
function ladderStep(task: Pick<ChaseTask, 'period' | 'deadline' | 'assignedOn'>, issued: IssuedLadderSheet[]): { kind: SheetKind; dueDay: Day } | undefined {
  const from = [monthEnd(task.period), task.deadline, task.assignedOn ?? ''].reduce((a, b) => (a > b ? a : b));
  const step = LADDER.find((l) => !issued.some((i) => i.kind === l.kind));
  return step && { kind: step.kind, dueDay: monthEnd(laterMonth(monthOf(from), step.months)) };
}

// The first day after today on which a task's report cadence moves its last due day, as seen on the day or the day
// before (a report is missing the day after a due day), at most a month ahead.
export function nextCadenceDay(cadence: CadenceInput, today: Day): Day | null {
  if (cadence.cadence.kind === 'none') return null;
  const seenOn = (day: Day) => `${lastDueDay(cadence, addCalendarDays(day, -1))}|${lastDueDay(cadence, day)}`;
  const now = seenOn(today);
  for (let day = addCalendarDays(today, 1); day <= addCalendarDays(today, QUIET_MAX_DAYS); day = addCalendarDays(day, 1)) {
    if (seenOn(day) !== now) return day;
  }
  return null;
}

// However quiet a task looks, the scanner looks at it again after this many days.
const QUIET_MAX_DAYS = 31;

export interface HeldSheet {
  kind: SheetKind;
  dueKind: string | null;
  dueDay: Day | null;
  issuedOn: Day;
}

/**
 * The first day after today on which chainSheets or ladderSheets could ask for a sheet the task does not hold, as long
 * as the task, the rules, the settings and the calendar stay as they are. `held` includes the sheets issued today.
 * Never later than the real day: each bound is the earliest the rule could fire (calendar days for working days).
 */
export function quietUntil(task: ChaseTask, dues: DueDate[], held: HeldSheet[], today: Day, s: ChasingSettings, cal: Calendar, cadenceDay: Day | null): Day {
  const tomorrow = addCalendarDays(today, 1);
  const days: Day[] = [addCalendarDays(today, QUIET_MAX_DAYS)];
  const at = (day: Day) => days.push(day > today ? day : tomorrow);
  if (!isChased(task.status) || task.importedHistory) return days[0]!;
  for (const due of dues.filter((d) => !d.met)) {
    const holds = (kind: SheetKind) => held.find((h) => h.kind === kind && h.dueKind === due.kind && h.dueDay === due.day);
    if ((due.kind === 'deadline' || due.kind === 'resolve') && today <= due.day && !holds('urge')) {
      at(subtractWorkingDays(cal, due.day, s.urgeDaysBefore).day);
    }
    const warned = holds('warning');
    if (!warned) at(addCalendarDays(due.day, 1));
    else if (!holds('referral')) at(addCalendarDays(warned.issuedOn, s.referralGraceWorkingDays));
  }
  if (task.status !== 'closing_requested') {
    const ladder = held.filter((h) => h.dueKind === 'month');
    const step = ladderStep(task, ladder);
    if (ladder.some((h) => h.issuedOn === today)) at(tomorrow);
    else if (step) at(addCalendarDays(step.dueDay, 1));
  }
  if (cadenceDay) at(cadenceDay);
  return days.reduce((a, b) => (a < b ? a : b));
}
