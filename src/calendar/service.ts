import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Actor, Deps, Who } from '../context.js';
import type { Db } from '../db/client.js';
import { badRequest, notFound } from '../errors.js';
import { recordAudit } from '../modules/audit/service.js';
import { authorize } from '../permissions.js';
import { nationalKind, nationalName } from './holidays.js';
import {
  addCalendarDays,
  addDays,
  buildCalendar,
  dayOf,
  expandRange,
  isWorkingDay,
  missingYearWarning,
  monthEnd,
  monthStart,
  validateOverride,
  yearHasData,
  type Calendar,
  type Day,
  type DayResult,
  type Month,
  type OverrideKind,
} from './rules.js';
import { calendarDays, calendarYears } from './schema.js';

// Years before this predate any notice worth entering; years further ahead than this cannot have one yet.
const FIRST_YEAR = 2000;
const YEARS_AHEAD = 2;

// The working calendar as the county has it now: chinese-days plus the admin's overrides and entered years.
export async function loadCalendar(db: Db): Promise<Calendar> {
  const [days, years] = await Promise.all([db.select().from(calendarDays), db.select({ year: calendarYears.year }).from(calendarYears)]);
  return buildCalendar(
    days.map((d) => ({ day: d.day, kind: d.kind, name: d.name })),
    { yearsEntered: years.map((y) => y.year) },
  );
}

const yearOfToday = (deps: Deps) => Number(dayOf(deps.clock.now()).slice(0, 4));
const yearRange = (year: number) => and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`));
const overrideColumns = { day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name, createdAt: calendarDays.createdAt };

const overrideNotFound = (day: Day) => notFound('CALENDAR_DAY_NOT_FOUND', `${day} 没有自定义安排`);
const yearNotFound = (year: number) => notFound('CALENDAR_YEAR_NOT_FOUND', `${year} 年未标记为已录入`);

type DaySource = 'national' | 'override' | 'weekday';

function describeDay(cal: Calendar, day: Day) {
  const status = isWorkingDay(cal, day);
  const override = cal.overrides.get(day);
  const source: DaySource = override ? 'override' : nationalKind(day) ? 'national' : 'weekday';
  const name = override ? (override.name ?? '') : nationalName(day);
  return { day, ...status, source, name };
}

/** Every day of a month, or of a year (this year when neither is given). */
export async function getCalendar(deps: Deps, actor: Actor, period: { year?: number; month?: Month }) {
  authorize(actor, 'calendar.read');
  if (period.year !== undefined && period.month !== undefined) throw badRequest('VALIDATION_ERROR', '年份和月份只能填一个');
  const year = period.month ? Number(period.month.slice(0, 4)) : (period.year ?? yearOfToday(deps));
  const from = period.month ? monthStart(period.month) : `${year}-01-01`;
  const to = period.month ? monthEnd(period.month) : `${year}-12-31`;
  const cal = await loadCalendar(deps.db);
  const [entered] = await deps.db.select().from(calendarYears).where(eq(calendarYears.year, year));
  const days = [];
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) days.push(describeDay(cal, day));
  return {
    days,
    yearHasData: yearHasData(cal, year),
    entered: entered ?? null,
    warning: missingYearWarning(cal, dayOf(deps.clock.now())),
  };
}

export async function getWarning(deps: Deps, actor: Actor) {
  authorize(actor, 'calendar.read');
  return missingYearWarning(await loadCalendar(deps.db), dayOf(deps.clock.now()));
}

export async function calculate(deps: Deps, actor: Actor, input: { from: Day; days: number; kind: 'calendar' | 'working' }): Promise<DayResult> {
  authorize(actor, 'calendar.read');
  return addDays(await loadCalendar(deps.db), input.from, input.days, input.kind);
}

export async function listOverrides(deps: Deps, actor: Actor, year?: number) {
  authorize(actor, 'calendar.read');
  return deps.db
    .select(overrideColumns)
    .from(calendarDays)
    .where(year === undefined ? undefined : yearRange(year))
    .orderBy(asc(calendarDays.day));
}

export interface OverrideRangeInput {
  from?: string;
  to?: string;
  kind?: string;
  name: string;
}

/** Sets every day of the range to one kind, replacing what was there, with one audit entry for the whole range. */
export async function setOverrides(deps: Deps, who: Who & { actor: Actor }, input: OverrideRangeInput) {
  authorize(who.actor, 'calendar.write');
  // Missing ends become '' so that validateOverride reports them as a range ("请填写开始日期").
  const range = { from: input.from ?? '', to: input.to ?? '', kind: input.kind, name: input.name };
  const problems = validateOverride(range);
  if (problems.length > 0) throw badRequest('INVALID_CALENDAR_OVERRIDE', problems.join('；'), problems);
  const kind = range.kind as OverrideKind;
  const overrides = expandRange({ ...range, kind });
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const days = overrides.map((o) => o.day);
    const before = await tx.select(overrideColumns).from(calendarDays).where(inArray(calendarDays.day, days)).orderBy(asc(calendarDays.day));
    const after = await tx
      .insert(calendarDays)
      .values(days.map((day) => ({ day, kind, name: input.name, createdBy: who.actor.accountId, createdAt: now })))
      .onConflictDoUpdate({ target: calendarDays.day, set: { kind, name: input.name, createdBy: who.actor.accountId, createdAt: now } })
      .returning(overrideColumns);
    await recordAudit(tx, deps, who, { action: 'calendar.override', targetType: 'calendar_day', targetId: `${range.from}~${range.to}`, before, after });
    return after;
  });
}

export async function deleteOverride(deps: Deps, who: Who & { actor: Actor }, day: Day) {
  authorize(who.actor, 'calendar.write');
  await deps.db.transaction(async (tx) => {
    const [before] = await tx.delete(calendarDays).where(eq(calendarDays.day, day)).returning(overrideColumns);
    if (!before) throw overrideNotFound(day);
    await recordAudit(tx, deps, who, { action: 'calendar.override_delete', targetType: 'calendar_day', targetId: day, before });
  });
}

/** Marks a year's State Council notice as entered in full, so its days stop being provisional. */
export async function enterYear(deps: Deps, who: Who & { actor: Actor }, year: number, note: string) {
  authorize(who.actor, 'calendar.write');
  const lastYear = yearOfToday(deps) + YEARS_AHEAD;
  if (year < FIRST_YEAR || year > lastYear) throw badRequest('INVALID_CALENDAR_YEAR', `只能标记 ${FIRST_YEAR} 年至 ${lastYear} 年的节假日安排`);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarYears).where(eq(calendarYears.year, year));
    const [after] = await tx
      .insert(calendarYears)
      .values({ year, note, enteredBy: who.actor.accountId, enteredAt: now })
      .onConflictDoUpdate({ target: calendarYears.year, set: { note, enteredBy: who.actor.accountId, enteredAt: now } })
      .returning();
    await recordAudit(tx, deps, who, { action: 'calendar.year_enter', targetType: 'calendar_year', targetId: year, before, after });
    return after!;
  });
}

export async function removeYear(deps: Deps, who: Who & { actor: Actor }, year: number) {
  authorize(who.actor, 'calendar.write');
  await deps.db.transaction(async (tx) => {
    const [before] = await tx.delete(calendarYears).where(eq(calendarYears.year, year)).returning();
    if (!before) throw yearNotFound(year);
    await recordAudit(tx, deps, who, { action: 'calendar.year_delete', targetType: 'calendar_year', targetId: year, before });
  });
}
