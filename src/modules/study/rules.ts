// 学习台账 rules: what a session must hold, when attendance may be recorded, the make-up deadline, a session's dot
// colour and completion rates. Pure: `today` is a parameter.
import { addCalendarDays, isValidDay, type Day } from '../../calendar/rules.js';
import { STUDY_KINDS, type DotColour, type StudyKind, type StudyStatus } from '../../shared/labels.js';

// calendar's isValidDay throws on a month 13 (Invalid time value); a typed date must be refused, not a 500.
function validDay(d: string): boolean {
  try {
    return isValidDay(d);
  } catch {
    return false;
  }
}

/** An absentee makes up the study within two weeks of the session. */
export const MAKEUP_DAYS = 14;
export const makeupDue = (day: Day): Day => addCalendarDays(day, MAKEUP_DAYS);

export function sessionProblems(input: { kind: string; title: string; day: string; place: string; topic: string }, today: Day): string[] {
  const p: string[] = [];
  if (!(STUDY_KINDS as readonly string[]).includes(input.kind)) p.push('请选择活动类型');
  if (!input.title.trim()) p.push('请填写活动名称');
  if (input.title.length > 100) p.push('活动名称不超过 100 字');
  if (!validDay(input.day)) p.push('请填写正确的日期');
  else if (input.day < addCalendarDays(today, -60)) p.push('只能登记 60 天以内的学习活动');
  if (input.place.length > 100) p.push('地点不超过 100 字');
  if (input.topic.length > 1000) p.push('学习内容不超过 1000 字');
  return p;
}

export function attendanceProblems(session: { day: Day }, today: Day, roster: number[], absent: { personId: number; reason: string }[]): string[] {
  const p: string[] = [];
  if (session.day > today) p.push(`学习活动在 ${session.day} 开展，当天起才能登记出勤`);
  const ids = absent.map((a) => a.personId);
  if (new Set(ids).size !== ids.length) p.push('同一人只能登记一次缺席');
  if (ids.some((id) => !roster.includes(id))) p.push('缺席人员应为本单位在册人员');
  if (absent.some((a) => a.reason.length > 200)) p.push('缺席原因不超过 200 字');
  return p;
}

export function makeupProblems(input: { day: string; note: string }, item: { sessionDay: Day }, today: Day): string[] {
  const p: string[] = [];
  if (!validDay(input.day)) p.push('请填写正确的补学日期');
  else if (input.day > today) p.push('补学日期不能晚于今天');
  else if (input.day < item.sessionDay) p.push('补学日期不能早于学习活动');
  if (!input.note.trim()) p.push('请填写补学内容（学了什么、如何补学）');
  if (input.note.length > 500) p.push('补学内容不超过 500 字');
  return p;
}

/**
 * Green: held and everyone there or made up. Blue: planned and still ahead, or held with make-ups not yet due.
 * Red: planned and its day passed without attendance, or a make-up past its due day.
 */
export function sessionColour(s: { status: StudyStatus; day: Day; openMakeups: number; overdueMakeups: number }, today: Day): DotColour {
  if (s.status === 'planned') return s.day < today ? 'red' : 'blue';
  if (s.overdueMakeups > 0) return 'red';
  return s.openMakeups > 0 ? 'blue' : 'green';
}

/** Share of attendance rows that are present or made up, in per cent with one decimal; null with none. */
export const completionRate = (c: { total: number; present: number; madeUp: number }) =>
  c.total ? Math.round(((c.present + c.madeUp) * 1000) / c.total) / 10 : null;

/** The Monday of `day`'s week: the weekly notice's key. */
export const mondayOf = (day: Day): Day => addCalendarDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

export const isStudyKind = (v: string): v is StudyKind => (STUDY_KINDS as readonly string[]).includes(v);
