// People's records: the weekly log (周记实), the head's monthly assessment (月考核), the committee's quarterly
// confirmation (季审定), seed 004; frontline days (一线工作日) and their yearly targets, seed 002.
// Pure: no I/O, no clock; "today" is always a parameter. Logs are records: nothing here counts their volume into a score.
import { addCalendarDays, diffCalendarDays, isValidDay, monthEnd, type Day } from '../../calendar/rules.js';
import { CADRE_GRADE_LABELS, CADRE_GRADES, type FrontlineRole, type CadreGrade, type UnitKind } from '../../shared/labels.js';
import { isMonth, weekStart } from '../plans/rules.js';

export interface RecordsSettings {
  countyLeaderDays: number;
  departmentHeadDays: number;
  townSecretaryDays: number;
  logGraceDays: number;
}

// Seed 002: 市级班子成员全年下基层、到一线的时间原则上不得少于60天，市直各部门主要负责同志要达到80天以上，各镇街区党(工)委书记要达到100天以上。
export const DEFAULT_RECORDS_SETTINGS: RecordsSettings = { countyLeaderDays: 60, departmentHeadDays: 80, townSecretaryDays: 100, logGraceDays: 2 };

export function settingsProblems(s: RecordsSettings): string[] {
  const problems: string[] = [];
  for (const [key, label] of [
    ['countyLeaderDays', '县领导'],
    ['departmentHeadDays', '县直部门主要负责人'],
    ['townSecretaryDays', '乡镇（街道）党（工）委书记'],
  ] as const) {
    if (!Number.isInteger(s[key]) || s[key] < 1 || s[key] > 366) problems.push(`${label}的年度一线工作日目标应为 1 到 366 的整数`);
  }
  if (!Number.isInteger(s.logGraceDays) || s.logGraceDays < 0 || s.logGraceDays > 14) problems.push('周记实补填宽限应为 0 到 14 天');
  return problems;
}

export const targetOf = (s: RecordsSettings, role: FrontlineRole) =>
  role === 'county_leader' ? s.countyLeaderDays : role === 'department_head' ? s.departmentHeadDays : s.townSecretaryDays;

// ---- Weeks

/** The ISO week holding `day`, '2026-W15' (a week belongs to the year of its Thursday). */
export function isoWeekOf(day: Day): string {
  const monday = addCalendarDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
  const thursday = addCalendarDays(monday, 3);
  const n = Math.floor(diffCalendarDays(`${thursday.slice(0, 4)}-01-01`, thursday) / 7) + 1;
  return `${thursday.slice(0, 4)}-W${String(n).padStart(2, '0')}`;
}

export const isWeek = (week: string) => weekStart(week) !== null;

/** The last day a week's log may be written: its Sunday plus the grace days. Locked from the day after. */
export const weekLockDay = (week: string, graceDays: number): Day => addCalendarDays(weekStart(week)!, 6 + graceDays);

export function weekLabel(week: string): string {
  const monday = weekStart(week)!;
  const sunday = addCalendarDays(monday, 6);
  return `${week.slice(0, 4)}年第${Number(week.slice(6))}周（${dayLabel(monday)}—${dayLabel(sunday)}）`;
}

const dayLabel = (day: Day) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** Whether the week's log may be written on `today`: from the week's Monday up to its Sunday plus the grace. */
export function workLogWritable(week: string, today: Day, graceDays: number): { ok: true } | { ok: false; locked: boolean; message: string } {
  const monday = weekStart(week);
  if (!monday) return { ok: false, locked: false, message: `不是有效的周：${week}` };
  if (today < monday) return { ok: false, locked: false, message: `${weekLabel(week)}尚未开始，不能填写` };
  const lock = weekLockDay(week, graceDays);
  if (today > lock) return { ok: false, locked: true, message: `${weekLabel(week)}的记实已于${dayLabel(lock)}截止填写，已锁定，不能再修改` };
  return { ok: true };
}

export const TEXT_MAX = 2000;

export function workLogProblems(input: { done: string; planned: string }): string[] {
  const problems: string[] = [];
  if (!input.done.trim()) problems.push('请填写本周完成的工作');
  if (!input.planned.trim()) problems.push('请填写下周计划');
  if (input.done.length > TEXT_MAX || input.planned.length > TEXT_MAX) problems.push(`每项不超过 ${TEXT_MAX} 字`);
  return problems;
}

// ---- Frontline days

// A frontline day is logged soon after: up to this many days back, never ahead.
export const FRONTLINE_BACKDATE_DAYS = 30;

export function frontlineDayProblems(input: { day: string; place: string; purpose: string }, today: Day): string[] {
  const problems: string[] = [];
  if (!isValidDay(input.day)) problems.push('日期不正确');
  else if (input.day > today) problems.push('不能登记今天以后的一线工作日');
  else if (input.day < addCalendarDays(today, -FRONTLINE_BACKDATE_DAYS)) problems.push(`只能登记近 ${FRONTLINE_BACKDATE_DAYS} 天内的一线工作日`);
  if (!input.place.trim()) problems.push('请填写地点');
  if (!input.purpose.trim()) problems.push('请填写事由');
  if (input.place.length > 200 || input.purpose.length > 500) problems.push('地点不超过 200 字，事由不超过 500 字');
  return problems;
}

/**
 * Whose yearly target applies: a county leader in office; else the head (主要负责人) of a town (党委书记) or of a
 * county department, vertical unit or group office (部门主要负责人); else nobody (a village head or a cadre has none).
 */
export function frontlineRoleOf(p: { isLeader: boolean; headOfKind: UnitKind | null }): FrontlineRole | null {
  if (p.isLeader) return 'county_leader';
  if (p.headOfKind === 'town') return 'town_secretary';
  if (p.headOfKind === 'city_dept' || p.headOfKind === 'vertical' || p.headOfKind === 'group_office') return 'department_head';
  return null;
}

const daysInYear = (year: number) => diffCalendarDays(`${year}-01-01`, `${year + 1}-01-01`);

/**
 * The pace on `day` (the rule, as docs/architecture.md states it): calendar days, since frontline work is done on days
 * off too and the target counts days of the year. Elapsed share = days from 1 January through `day` (both counted) /
 * days in the year; expected = ⌊target × share⌋; behind when the distinct frontline days logged from 1 January
 * through `day` are fewer than expected. On 31 December expected is the target itself.
 */
export function paceOn(target: number, day: Day): number {
  const year = Number(day.slice(0, 4));
  const elapsed = diffCalendarDays(`${year}-01-01`, day) + 1;
  return Math.floor((target * elapsed) / daysInYear(year));
}

export interface PaceRow {
  target: number;
  done: number;
  expected: number;
  behind: boolean;
  // Days short of the pace (0 when on pace).
  short: number;
}

export function paceRow(target: number, done: number, day: Day): PaceRow {
  const expected = paceOn(target, day);
  return { target, done, expected, behind: done < expected, short: Math.max(0, expected - done) };
}

// ---- Monthly assessments and quarterly confirmation

export const isGrade = (g: string): g is CadreGrade => (CADRE_GRADES as readonly string[]).includes(g);

export const QUARTER_PATTERN = /^\d{4}-Q[1-4]$/;
export const isQuarter = (q: string) => QUARTER_PATTERN.test(q);

export const quarterOfMonth = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

export function monthsOfQuarter(quarter: string): string[] {
  const first = (Number(quarter.slice(6)) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${quarter.slice(0, 4)}-${String(first + i).padStart(2, '0')}`);
}

export const quarterEnd = (quarter: string): Day => monthEnd(monthsOfQuarter(quarter)[2]!);

/** The last quarter that ended on or before `today`: the one the committee confirms now. */
export function lastEndedQuarter(today: Day): string {
  const current = quarterOfMonth(today.slice(0, 7));
  const [year, n] = [Number(current.slice(0, 4)), Number(current.slice(6))];
  return n === 1 ? `${year - 1}-Q4` : `${year}-Q${n - 1}`;
}

export const quarterLabel = (quarter: string) => `${quarter.slice(0, 4)}年第${'一二三四'[Number(quarter.slice(6)) - 1]}季度`;

/** The head assesses a month from its first day on (usually at its end or early the next month), never ahead. */
export function assessmentProblems(input: { month: string; grade: string; comment: string }, today: Day): string[] {
  const problems: string[] = [];
  if (!isMonth(input.month)) problems.push('月份不正确');
  else if (`${input.month}-01` > today) problems.push('不能考核尚未开始的月份');
  if (!isGrade(input.grade)) problems.push(`考核等次应为${CADRE_GRADES.map((g) => CADRE_GRADE_LABELS[g]).join('、')}之一`);
  if (!input.comment.trim()) problems.push('请填写考核评语');
  if (input.comment.length > TEXT_MAX) problems.push(`考核评语不超过 ${TEXT_MAX} 字`);
  return problems;
}

/**
 * What the quarter's monthly proposals suggest: the grade proposed most often; on a tie, the tied grade of the latest
 * month. null when there is no proposal.
 */
export function suggestedGrade(proposals: { month: string; grade: CadreGrade }[]): CadreGrade | null {
  if (!proposals.length) return null;
  const counts = new Map<CadreGrade, number>();
  for (const p of proposals) counts.set(p.grade, (counts.get(p.grade) ?? 0) + 1);
  const most = Math.max(...counts.values());
  const latest = [...proposals].sort((a, b) => b.month.localeCompare(a.month)).find((p) => counts.get(p.grade) === most)!;
  return latest.grade;
}

/** The committee confirms a quarter once it has ended; a grade other than the suggested one needs its reason. */
export function confirmationProblems(input: { quarter: string; grade: string; reason: string; suggested: CadreGrade | null }, today: Day): string[] {
  const problems: string[] = [];
  if (!isQuarter(input.quarter)) problems.push('季度不正确');
  else if (today <= quarterEnd(input.quarter)) problems.push(`${quarterLabel(input.quarter)}尚未结束，结束后才能审定`);
  if (!isGrade(input.grade)) problems.push(`审定等次应为${CADRE_GRADES.map((g) => CADRE_GRADE_LABELS[g]).join('、')}之一`);
  else if (input.grade !== input.suggested && !input.reason.trim())
    problems.push(
      input.suggested === null
        ? '该季度没有月度考核建议，请写明审定理由'
        : `审定等次与月度考核建议（${CADRE_GRADE_LABELS[input.suggested]}）不一致，请写明理由`,
    );
  if (input.reason.length > TEXT_MAX) problems.push(`理由不超过 ${TEXT_MAX} 字`);
  return problems;
}

// ---- Who sees whose records

/**
 * How far an account reaches into people's records: the assessment office and the supervision office see all; a head
 * sees the people of the units in their data scope; everyone with records of their own sees their own.
 */
export type RecordsReach = { all: true } | { all: false; self: number | null; unitIds: ReadonlySet<number> };

export function mayRead(reach: RecordsReach, subject: { personId: number; unitId: number | null }): boolean {
  if (reach.all) return true;
  if (reach.self !== null && reach.self === subject.personId) return true;
  return subject.unitId !== null && reach.unitIds.has(subject.unitId);
}
