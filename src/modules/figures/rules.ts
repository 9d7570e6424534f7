// Monthly figures (月度指标): the one rule that counts them. docs/figures.md defines each figure; this follows it.
import { addCalendarDays, monthEnd } from '../../calendar/rules.js';
import type { TaskStatus } from '../../shared/labels.js';

/** What the rule needs of one task belonging to the month (tasks/read.ts inMonth). */
export interface TaskFacts {
  unitId: number; // the lead unit
  status: TaskStatus;
  deadline: string; // the deadline in force when the figures are taken
  closedOn: string | null;
  closedLate: boolean; // decided by the closing module (closing/rules.ts closedLate)
  carriedFrom: readonly string[]; // the months it was carried out of (挂单)
}

export interface Counts {
  issued: number;
  closedOnTime: number;
  closedLate: number;
  overdue: number;
  carried: number;
}

export interface Figures extends Counts {
  closeRate: number | null; // percent, one decimal; null when nothing was issued
  onTimeRate: number | null;
}

// Never handed over, or withdrawn: not the month's work.
export const NOT_ISSUED: readonly TaskStatus[] = ['draft', 'cancelled'];
// Handed back to the office or paused by it: not chased, so never overdue (as the ledger's overdue filter).
export const NOT_CHASED: readonly TaskStatus[] = ['declined', 'suspended'];

export const ZERO: Counts = { issued: 0, closedOnTime: 0, closedLate: 0, overdue: 0, carried: 0 };

/**
 * One task's part in `month`'s figures, seen on `today`: after the month has ended, as at its last day; while it runs,
 * as at today. Null when the task is not counted at all.
 */
export function taskCounts(t: TaskFacts, month: string, today: string): Counts | null {
  if (NOT_ISSUED.includes(t.status)) return null;
  const { through, overdueBefore } = seenOn(month, today);
  const closed = t.status === 'closed' && t.closedOn !== null && t.closedOn <= through;
  const pastDeadline = t.deadline < overdueBefore;
  return {
    issued: 1,
    closedOnTime: closed && !t.closedLate ? 1 : 0,
    closedLate: closed && t.closedLate ? 1 : 0,
    overdue: !closed && !NOT_CHASED.includes(t.status) && pastDeadline ? 1 : 0,
    carried: t.carriedFrom.includes(month) ? 1 : 0,
  };
}

/**
 * How `month` is seen on `today`: closings count up to `through` (the month's last day once it has ended, else today);
 * a task not closed by then is overdue with a deadline before `overdueBefore` — the day after the month's last day
 * once it has ended, so a deadline on the last day counts; while it runs, today.
 */
export function seenOn(month: string, today: string) {
  const end = monthEnd(month);
  return today > end ? { through: end, overdueBefore: addCalendarDays(end, 1) } : { through: today, overdueBefore: today };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    issued: a.issued + b.issued,
    closedOnTime: a.closedOnTime + b.closedOnTime,
    closedLate: a.closedLate + b.closedLate,
    overdue: a.overdue + b.overdue,
    carried: a.carried + b.carried,
  };
}

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/** The rates follow from the counts, so a frozen month's rates are its frozen counts' rates. */
export function withRates(c: Counts): Figures {
  return { ...c, closeRate: percent(c.closedOnTime + c.closedLate, c.issued), onTimeRate: percent(c.closedOnTime, c.issued) };
}

/** Each lead unit's counts for `month` (units with no counted task are left out), in unit id order. */
export function unitCounts(tasks: readonly TaskFacts[], month: string, today: string): { unitId: number; counts: Counts }[] {
  const byUnit = new Map<number, Counts>();
  for (const t of tasks) {
    const c = taskCounts(t, month, today);
    if (c) byUnit.set(t.unitId, addCounts(byUnit.get(t.unitId) ?? ZERO, c));
  }
  return [...byUnit].sort(([a], [b]) => a - b).map(([unitId, counts]) => ({ unitId, counts }));
}

/** The total of some units' counts: the county's, or the part of it an actor may see. */
export const totalOf = (rows: readonly { counts: Counts }[]) => rows.reduce((sum, r) => addCounts(sum, r.counts), ZERO);

/** Whether `month` has ended on `today`, so its figures are to be frozen. */
export const monthEnded = (month: string, today: string) => today > monthEnd(month);
