// The working calendar: calendar days in Asia/Shanghai, public holidays, adjusted working days (调休)
// and the county's own days off. Pure: no I/O, no clock; "today" is always a parameter.
import { NATIONAL_YEARS, nationalKind } from './holidays.js';

/** A calendar day in Asia/Shanghai, 'YYYY-MM-DD'. */
export type Day = string;
/** A calendar month, 'YYYY-MM'. */
export type Month = string;
export type OverrideKind = 'off' | 'work';

/** One day the admin set: a county day off, or a day of a State Council notice not yet in chinese-days. */
export interface CalendarOverride {
  day: Day;
  kind: OverrideKind;
  name?: string;
}

export interface OverrideRange {
  from: Day;
  to: Day;
  kind: OverrideKind;
  name?: string;
}

export interface Calendar {
  overrides: ReadonlyMap<Day, CalendarOverride>;
  /** Years whose State Council notice the admin has entered as overrides. */
  yearsEntered: ReadonlySet<number>;
}

export interface DayStatus {
  working: boolean;
  /** True when the day's year has no holiday data and Monday–Friday was assumed. */
  provisional: boolean;
}

export interface DayResult {
  day: Day;
  /** True when any day counted over was provisional. */
  provisional: boolean;
}

export const MAX_RANGE_DAYS = 31;

const DAY_MS = 86_400_000;
// China has kept UTC+8 without daylight saving since 1991.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a 'YYYY-MM-DD' string naming a date that exists. */
export function isValidDay(value: unknown): value is Day {
  if (typeof value !== 'string' || !DAY_PATTERN.test(value)) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

// Day ↔ milliseconds at 00:00 UTC of that date: plain date arithmetic, independent of the process TZ.
// Both remember what they converted (a few thousand days at most): the scanner converts the same days for every task.
const msOfDay = new Map<Day, number>();
const dayOfMs = new Map<number, Day>();
const REMEMBERED_DAYS = 100_000;

function toUtcMs(day: Day): number {
  const known = msOfDay.get(day);
  if (known !== undefined) return known;
  if (!isValidDay(day)) throw new RangeError(`不是有效日期：${day}`);
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (msOfDay.size >= REMEMBERED_DAYS) msOfDay.clear();
  msOfDay.set(day, ms);
  return ms;
}

function fromUtcMs(ms: number): Day {
  const known = dayOfMs.get(ms);
  if (known !== undefined) return known;
  const day = new Date(ms).toISOString().slice(0, 10);
  if (ms % DAY_MS === 0) {
    if (dayOfMs.size >= REMEMBERED_DAYS) dayOfMs.clear();
    dayOfMs.set(ms, day);
  }
  return day;
}

function yearOf(day: Day): number {
  return Number(day.slice(0, 4));
}

/** The Asia/Shanghai calendar date of an instant. */
export function dayOf(instant: Date): Day {
  return fromUtcMs(instant.getTime() + SHANGHAI_OFFSET_MS);
}

/** 00:00:00.000 Asia/Shanghai on `day`. */
export function startOfDay(day: Day): Date {
  return new Date(toUtcMs(day) - SHANGHAI_OFFSET_MS);
}

/** 23:59:59.999 Asia/Shanghai on `day`. */
export function endOfDay(day: Day): Date {
  return new Date(toUtcMs(day) - SHANGHAI_OFFSET_MS + DAY_MS - 1);
}

export function monthOf(day: Day): Month {
  return day.slice(0, 7);
}

export function monthStart(month: Month): Day {
  return `${month}-01`;
}

export function monthEnd(month: Month): Day {
  const [year, monthNumber] = month.split('-').map(Number);
  // Day 0 of the next month is the last day of this one.
  return fromUtcMs(Date.UTC(year!, monthNumber!, 0));
}

export function addCalendarDays(day: Day, n: number): Day {
  return fromUtcMs(toUtcMs(day) + n * DAY_MS);
}

/** Days from `a` to `b` (b − a), so that addCalendarDays(a, diffCalendarDays(a, b)) === b. */
export function diffCalendarDays(a: Day, b: Day): number {
  return (toUtcMs(b) - toUtcMs(a)) / DAY_MS;
}

/**
 * `overrides` win over chinese-days; a later override for the same day wins over an earlier one.
 * `yearsEntered` lists the years whose whole State Council notice is among the overrides.
 */
export function buildCalendar(overrides: readonly CalendarOverride[], options: { yearsEntered?: readonly number[] } = {}): Calendar {
  return {
    overrides: new Map(overrides.map((o) => [o.day, o])),
    yearsEntered: new Set(options.yearsEntered ?? []),
  };
}

export function yearHasData(cal: Calendar, year: number): boolean {
  return NATIONAL_YEARS.has(year) || cal.yearsEntered.has(year);
}

export function isWorkingDay(cal: Calendar, day: Day): DayStatus {
  const override = cal.overrides.get(day);
  if (override) return { working: override.kind === 'work', provisional: false };
  const weekday = new Date(toUtcMs(day)).getUTCDay();
  const mondayToFriday = weekday >= 1 && weekday <= 5;
  if (!yearHasData(cal, yearOf(day))) return { working: mondayToFriday, provisional: true };
  const national = nationalKind(day);
  return { working: national === undefined ? mondayToFriday : national === 'work', provisional: false };
}

/**
 * The n-th working day after `day`, counted from the day after (government practice: "3 个工作日内"
 * assigned on Thursday 2026-02-12 ends on 2026-02-24, the third working day after it).
 * n = 0 gives `day` itself if it is a working day, else the next working day.
 */
export function addWorkingDays(cal: Calendar, day: Day, n: number): DayResult {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日数应为非负整数：${n}`);
  let current = day;
  let status = isWorkingDay(cal, current);
  let provisional = n === 0 && status.provisional;
  let remaining = n === 0 && !status.working ? 1 : n;
  while (remaining > 0) {
    current = addCalendarDays(current, 1);
    status = isWorkingDay(cal, current);
    provisional ||= status.provisional;
    if (status.working) remaining--;
  }
  return { day: current, provisional };
}

export function addDays(cal: Calendar, day: Day, n: number, mode: 'calendar' | 'working'): DayResult {
  switch (mode) {
    case 'calendar':
      return { day: addCalendarDays(day, n), provisional: false };
    case 'working':
      return addWorkingDays(cal, day, n);
    default: {
      const unknown: never = mode;
      throw new Error(`unknown mode ${String(unknown)}`);
    }
  }
}

/** The same day of the month n months later, or that month's last day when it is shorter (01-31 + 1 month = 02-28). */
export function addCalendarMonths(day: Day, n: number): Day {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + n;
  const target = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  const last = monthEnd(target);
  return date > Number(last.slice(8)) ? last : `${target}-${String(date).padStart(2, '0')}`;
}

/** `day` itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(cal: Calendar, day: Day): DayResult {
  return addWorkingDays(cal, day, 0);
}

/** The n-th working day before `day` (n ≥ 1), counted back from the day before. */
export function subtractWorkingDays(cal: Calendar, day: Day, n: number): DayResult {
  return remembered(cal, `-${day}|${n}`, () => countBackWorkingDays(cal, day, n));
}

function countBackWorkingDays(cal: Calendar, day: Day, n: number): DayResult {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`工作日数应为正整数：${n}`);
  let current = day;
  let provisional = false;
  for (let remaining = n; remaining > 0;) {
    current = addCalendarDays(current, -1);
    const status = isWorkingDay(cal, current);
    provisional ||= status.provisional;
    if (status.working) remaining--;
  }
  return { day: current, provisional };
}

export type LimitKind = 'calendar' | 'working' | 'month';

/**
 * A time limit's last day: n working days, n calendar days or n calendar months after `day`. A limit counted in
 * calendar days or months that ends on a day off moves to the next working day (one cannot be late on a holiday).
 */
export function limitEnd(cal: Calendar, day: Day, n: number, kind: LimitKind): DayResult {
  return remembered(cal, `${kind}|${day}|${n}`, () => {
    if (kind === 'working') return addWorkingDays(cal, day, n);
    const end = kind === 'month' ? addCalendarMonths(day, n) : addCalendarDays(day, n);
    return nextWorkingDay(cal, end);
  });
}

// Results per calendar: a calendar never changes once built, and the scanner asks the same few limits of thousands of
// tasks (handed over on the same days, due on the same days).
const results = new WeakMap<Calendar, Map<string, DayResult>>();
function remembered(cal: Calendar, key: string, count: () => DayResult): DayResult {
  let known = results.get(cal);
  if (!known) results.set(cal, (known = new Map()));
  let result = known.get(key);
  if (!result) known.set(key, (result = count()));
  return result;
}

/**
 * Working days in (from, to]: after `from`, up to and including `to`. Negative when `to` is before
 * `from` (e.g. working days overdue), so that workingDaysBetween(a, addWorkingDays(a, n).day) = n for n ≥ 1.
 */
export function workingDaysBetween(cal: Calendar, from: Day, to: Day): { count: number; provisional: boolean } {
  if (to < from) {
    const reverse = workingDaysBetween(cal, to, from);
    return { count: -reverse.count, provisional: reverse.provisional };
  }
  let count = 0;
  let provisional = false;
  for (let current = addCalendarDays(from, 1); current <= to; current = addCalendarDays(current, 1)) {
    const status = isWorkingDay(cal, current);
    provisional ||= status.provisional;
    if (status.working) count++;
  }
  return { count, provisional };
}

/**
 * A warning for the admin when deadlines are being counted Monday–Friday: the current year has no
 * holiday data, or it is November or December and next year has none (the notice usually appears in November).
 */
export function missingYearWarning(cal: Calendar, today: Day): string | null {
  const year = yearOf(today);
  if (!yearHasData(cal, year)) return missingYearText(year);
  if (today.slice(5, 7) >= '11' && !yearHasData(cal, year + 1)) return missingYearText(year + 1);
  return null;
}

function missingYearText(year: number): string {
  return `尚未录入 ${year} 年法定节假日安排（国务院办公厅通知），${year} 年的期限将按周一至周五临时计算，请系统管理员尽快录入。`;
}

/** What an admin submits: one day `{ day, kind }` or a range `{ from, to, kind }`. */
export interface OverrideInput {
  day?: unknown;
  from?: unknown;
  to?: unknown;
  kind?: unknown;
  name?: unknown;
}

function dayProblems(label: string, value: unknown): string[] {
  if (value === undefined || value === '') return [`请填写${label}`];
  if (typeof value !== 'string' || !DAY_PATTERN.test(value)) return [`${label}格式应为 YYYY-MM-DD：${String(value)}`];
  if (!isValidDay(value)) return [`${label}不存在：${value}`];
  return [];
}

/** Problems with an override or a range, in Chinese; empty when it is fine. */
export function validateOverride(input: OverrideInput): string[] {
  const problems: string[] = [];
  const isRange = input.from !== undefined || input.to !== undefined;
  if (isRange) {
    const dateProblems = [...dayProblems('开始日期', input.from), ...dayProblems('结束日期', input.to)];
    problems.push(...dateProblems);
    if (dateProblems.length === 0) {
      const span = diffCalendarDays(input.from as Day, input.to as Day) + 1;
      if (span < 1) problems.push('结束日期不能早于开始日期');
      else if (span > MAX_RANGE_DAYS) problems.push(`一次最多录入 ${MAX_RANGE_DAYS} 天`);
    }
  } else if (input.day === undefined) {
    problems.push('请填写日期，或开始日期和结束日期');
  } else {
    problems.push(...dayProblems('日期', input.day));
  }
  if (input.kind !== 'off' && input.kind !== 'work') problems.push('类型只能是放假（off）或调休上班（work）');
  if (input.name !== undefined && typeof input.name !== 'string') problems.push('名称应为文字');
  return problems;
}

/** One override per day of the range, both ends included; throws on input validateOverride refuses. */
export function expandRange(range: OverrideRange): CalendarOverride[] {
  const problems = validateOverride(range);
  if (problems.length > 0) throw new RangeError(problems.join('；'));
  const days: CalendarOverride[] = [];
  for (let day = range.from; day <= range.to; day = addCalendarDays(day, 1)) {
    days.push(range.name === undefined ? { day, kind: range.kind } : { day, kind: range.kind, name: range.name });
  }
  return days;
}
