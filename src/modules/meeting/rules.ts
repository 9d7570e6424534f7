// The monthly meeting (月点评会): when month M's meeting is held and its pack opens, what the pack holds, and what a
// recorded instruction or commitment must say. Pure: the calendar and today are parameters.
import {
  addCalendarMonths,
  addWorkingDays,
  type Calendar,
  type Day,
  isValidDay,
  monthStart,
  nextWorkingDay,
  subtractWorkingDays,
} from '../../calendar/rules.js';
import { REVIEW_GROUPS, type ReviewGroup, type TaskStatus } from '../../shared/labels.js';

export const PACK_LEAD_WORKING_DAYS = 2;

export const nextPeriod = (period: string) => addCalendarMonths(monthStart(period), 1).slice(0, 7);
export const previousPeriod = (period: string) => addCalendarMonths(monthStart(period), -1).slice(0, 7);

/** Month M's meeting by default: the second working day of M+1. */
export function defaultMeetingDate(cal: Calendar, period: string): Day {
  const first = nextWorkingDay(cal, monthStart(nextPeriod(period))).day;
  return addWorkingDays(cal, first, 1).day;
}

/** The pack opens two working days before the meeting. */
export function packOpensOn(cal: Calendar, meetingDate: Day): Day {
  return subtractWorkingDays(cal, meetingDate, PACK_LEAD_WORKING_DAYS).day;
}

/** Null when the pack may be read today, else the Chinese reason it may not yet. */
export function packClosedReason(period: string, meetingDate: Day, opensOn: Day, today: Day): string | null {
  if (today >= opensOn) return null;
  return `${period} 月点评会定于 ${meetingDate} 召开，会议材料于会前两个工作日（${opensOn}）起生成，现在还不能查看`;
}

export function meetingDateProblem(period: string, meetingDate: string): string | null {
  if (!isValidDay(meetingDate)) return '会议日期格式应为 YYYY-MM-DD';
  if (meetingDate.slice(0, 7) !== nextPeriod(period)) return `${period} 的月点评会应在 ${nextPeriod(period)} 召开`;
  return null;
}

export interface NoteInput {
  kind: 'instruction' | 'commitment';
  content: string;
  leaderName: string;
  unitId: number | null;
  dueDate: string | null;
}

export function noteProblems(input: NoteInput, today: Day): string[] {
  const problems: string[] = [];
  if (!input.content.trim()) problems.push(input.kind === 'instruction' ? '请填写批示内容' : '请填写承诺事项');
  if (input.kind === 'instruction' && !input.leaderName.trim()) problems.push('请填写作出批示的领导');
  if (input.kind === 'commitment') {
    if (input.unitId === null) problems.push('请选择作出承诺的单位');
    if (input.dueDate === null || !isValidDay(input.dueDate)) problems.push('请填写承诺完成时限（YYYY-MM-DD）');
    else if (input.dueDate < today) problems.push('承诺完成时限不能早于今天');
  }
  return problems;
}

// ---- The pack

export interface RankRow {
  unitId: number;
  unitName: string;
  group: ReviewGroup;
  rank: number;
  score: number; // hundredths
}
export interface RedTask {
  id: number;
  title: string;
  unitId: number;
  unitName: string;
  deadline: Day;
}
export interface Drawn {
  unitId: number;
  unitName: string;
  group: ReviewGroup;
  order: number;
}
export interface Bottom {
  group: ReviewGroup;
  units: { unitId: number; unitName: string }[];
  confirmed: boolean;
}
export interface PastCommitment {
  id: number;
  content: string;
  unitName: string;
  dueDate: Day | null;
  task: { id: number; status: TaskStatus; deadline: Day; closedOn: Day | null } | null;
}

export type Outcome = 'done' | 'done_late' | 'overdue' | 'in_progress' | 'not_tracked';
export const OUTCOME_LABELS: Record<Outcome, string> = {
  done: '已按期完成',
  done_late: '已完成（逾期）',
  overdue: '逾期未完成',
  in_progress: '正在推进',
  not_tracked: '未转为任务',
};

/** What became of a commitment: the status of the task it became. */
export function outcomeOf(c: PastCommitment, today: Day): Outcome {
  if (!c.task || c.task.status === 'cancelled') return 'not_tracked';
  if (c.task.status === 'closed') return c.task.closedOn !== null && c.task.closedOn > c.task.deadline ? 'done_late' : 'done';
  return c.task.deadline < today ? 'overdue' : 'in_progress';
}

export interface PackInput {
  ranking: RankRow[];
  red: RedTask[];
  drawn: Drawn[];
  bottom: Bottom[];
  past: PastCommitment[];
}

/** The pack's sections from the read models' answers: ranking per group, red items per unit, what each drawn unit reports. */
export function assemblePack(input: PackInput, today: Day) {
  const redByUnit = new Map<number, { unitId: number; unitName: string; tasks: RedTask[] }>();
  for (const t of [...input.red].sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id - b.id)) {
    const entry = redByUnit.get(t.unitId) ?? { unitId: t.unitId, unitName: t.unitName, tasks: [] };
    entry.tasks.push(t);
    redByUnit.set(t.unitId, entry);
  }
  const red = [...redByUnit.values()].sort((a, b) => b.tasks.length - a.tasks.length || a.unitId - b.unitId);
  return {
    ranking: REVIEW_GROUPS.map((group) => ({ group, rows: input.ranking.filter((r) => r.group === group).sort((a, b) => a.rank - b.rank) })),
    red,
    lottery: input.drawn.map((d) => {
      const own = redByUnit.get(d.unitId)?.tasks ?? [];
      return {
        ...d,
        redCount: own.length,
        mustReport: own.length
          ? `汇报本月重点工作落实情况，并逐项说明 ${own.length} 项逾期事项的原因和整改措施`
          : '汇报本月重点工作落实情况、存在问题和下月打算',
      };
    }),
    bottom: input.bottom.filter((b) => b.units.length > 0),
    past: input.past.map((c) => ({ ...c, outcome: outcomeOf(c, today) })),
  };
}
