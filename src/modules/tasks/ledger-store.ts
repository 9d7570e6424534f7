// The ledger's queries: scope, filters, colour, missing report, derived progress, counts, sort and paging all run in
// the database, so totals are exact however many tasks there are. The pure rules in rules.ts stay the specification;
// ledger-sql.test.ts proves the SQL expressions here agree with them.
import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { addCalendarDays } from '../../calendar/rules.js';
import type { Db } from '../../db/client.js';
import { qualified } from '../../db/columns.js';
import { leaders, people, units } from '../org/read.js';
import { DEFAULT_DUE_SOON_DAYS, type StatusColour } from './rules.js';
import { taskCarryOvers, taskCategories, taskMilestones, taskReports, tasks, taskSheets } from './schema.js';
import { filterConditions, type TaskFilter } from './store.js';

export const LEDGER_SORTS = ['deadline', '-deadline', 'updatedAt', '-updatedAt', 'percent', '-percent'] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];

export interface LedgerFilter extends TaskFilter {
  colour?: StatusColour;
  missingReport?: boolean;
}

const leaderPerson = alias(people, 'leader_person');
const child = alias(tasks, 'child');
const NOT_CHASED = sql.raw(`('draft', 'declined', 'suspended', 'cancelled')`);
const REPORTING = sql.raw(`('signed', 'in_progress', 'returned')`);

// A day in Asia/Shanghai (fixed UTC+8, as dayOf in calendar/rules.ts) of a timestamptz, without needing time zone data.
const shanghaiDay = (at: SQL | SQL.Aliased) => sql`((${at} at time zone 'UTC') + interval '8 hours')::date`;

/** statusColour (rules.ts) as SQL over the tasks table; `today` is a day in Asia/Shanghai. */
export function colourSql(today: string, dueSoonDays = DEFAULT_DUE_SOON_DAYS): SQL<StatusColour> {
  const day = sql`${today}::date`;
  return sql<StatusColour>`case
    when ${tasks.status} = 'closed' then 'green'
    when ${tasks.status} in ${NOT_CHASED} then 'grey'
    when ${tasks.deadline} < ${day} then 'red'
    when ${tasks.deadline} - ${day} <= ${sql.raw(String(Math.trunc(dueSoonDays)))}
      or exists (select 1 from ${taskMilestones} where ${qualified(taskMilestones.taskId)} = ${qualified(tasks.id)}
                 and ${qualified(taskMilestones.doneDate)} is null and ${qualified(taskMilestones.dueDate)} < ${day}) then 'yellow'
    else 'blue' end`;
}

/**
 * lastDueDay (rules.ts) as SQL: the latest day a report was due by, on or before `day`, for a cadence (jsonb) and the
 * day reporting became due; null when nothing is due. Calendar days only, so the database can count them.
 */
function lastDueDaySql(day: string, cadence: SQL, since: SQL): SQL {
  const d = sql`${day}::date`;
  const n = (key: string) => sql`(${cadence}->>${sql.raw(`'${key}'`)})::int`;
  const weekly = sql`(${d} - ((extract(isodow from ${d})::int - ${n('weekday')} + 7) % 7))`;
  // The cadence's day in the month starting at `start`, clamped to the month's last day.
  const dayIn = (start: SQL) => sql`(${start}::date + (least(${n('day')}, extract(day from ${start} + interval '1 month' - interval '1 day')::int) - 1))`;
  const thisMonth = sql`date_trunc('month', ${d}::timestamp)`;
  const monthly = sql`(case when extract(day from ${d})::int >= least(${n('day')}, extract(day from ${thisMonth} + interval '1 month' - interval '1 day')::int)
    then ${dayIn(thisMonth)} else ${dayIn(sql`(${thisMonth} - interval '1 month')`)} end)`;
  return sql`(case ${cadence}->>'kind'
    when 'every_n_days' then case when ${d} - ${since} >= ${n('days')} then ${since} + ((${d} - ${since}) / ${n('days')}) * ${n('days')} end
    when 'weekly' then case when ${weekly} > ${since} then ${weekly} end
    when 'monthly' then case when ${monthly} > ${since} then ${monthly} end
    end)`;
}

/**
 * reportMissing (rules.ts) for the ledger as SQL: a task being reported on, signed on `signedOn`, whose due day ended
 * yesterday or before with no report on or after it.
 */
export function reportMissingSql(today: string, t: { status: SQL; cadence: SQL; signedOn: SQL; lastReportOn: SQL }): SQL<boolean> {
  const due = lastDueDaySql(addCalendarDays(today, -1), t.cadence, t.signedOn);
  return sql<boolean>`coalesce(${t.status} in ${REPORTING} and ${due} > coalesce(${t.lastReportOn}, date '0001-01-01'), false)`;
}

// Every ledger row with its computed columns, for the filters in `f`; the colour and missing-report filters apply on top.
function ledgerFacts(db: Db, f: TaskFilter, today: string) {
  const signedAt = sql`(select max(${taskSheets.signedAt}) from ${taskSheets} where ${taskSheets.taskId} = ${tasks.id} and ${taskSheets.kind} = 'assignment')`;
  const lastReportAt = sql`(select max(${taskReports.reportedAt}) from ${taskReports} where ${taskReports.taskId} = ${tasks.id})`;
  const childPercent = sql`case when ${child.status} = 'closed' then 100 else ${child.percent} end`;
  return db
    .select({
      id: tasks.id,
      parentId: tasks.parentId,
      title: tasks.title,
      source: tasks.source,
      categoryId: tasks.categoryId,
      // Three tables have a name column: each gets its own, so the outer query can tell them apart.
      categoryName: sql<string | null>`${taskCategories.name}`.as('category_name'),
      level: tasks.level,
      leadLeaderId: tasks.leadLeaderId,
      leadLeaderName: sql<string | null>`${leaderPerson.name}`.as('lead_leader_name'),
      leadUnitId: tasks.leadUnitId,
      leadUnitName: sql<string>`${units.name}`.as('lead_unit_name'),
      responsibleName: tasks.responsibleName,
      responsiblePhone: tasks.responsiblePhone,
      startDate: tasks.startDate,
      deadline: tasks.deadline,
      period: tasks.period,
      // Under a month filter, the month the task was carried into it from (挂单); null for the month's own tasks.
      carriedFrom: (f.period
        ? sql<string | null>`(select max(${taskCarryOvers.fromPeriod}) from ${taskCarryOvers}
            where ${taskCarryOvers.taskId} = ${tasks.id} and ${taskCarryOvers.toPeriod} = ${f.period})`
        : sql<string | null>`null::text`
      ).as('carried_from'),
      status: tasks.status,
      // derivedProgress (rules.ts): the mean of the children not cancelled, closed counting 100; else the task's own.
      percent: sql<number>`coalesce((select round(avg(${childPercent}))::int from ${tasks} ${child}
        where ${child.parentId} = ${tasks.id} and ${child.status} <> 'cancelled'), ${tasks.percent})`
        .mapWith(Number)
        .as('percent'),
      childCount: sql<number>`(select count(*)::int from ${tasks} ${child} where ${child.parentId} = ${tasks.id})`.mapWith(Number).as('child_count'),
      closedOn: tasks.closedOn,
      closedLate: tasks.closedLate,
      reportCadence: tasks.reportCadence,
      colour: colourSql(today).as('colour'),
      signedOn: sql<string | null>`${shanghaiDay(signedAt)}`.as('signed_on'),
      lastReportAt: sql<Date | null>`${lastReportAt}`.mapWith(taskReports.reportedAt).as('last_report_at'),
      tags: tasks.tags,
      version: tasks.version,
      updatedAt: tasks.updatedAt,
    })
    .from(tasks)
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .leftJoin(taskCategories, eq(taskCategories.id, tasks.categoryId))
    .leftJoin(leaders, eq(leaders.id, tasks.leadLeaderId))
    .leftJoin(leaderPerson, eq(leaderPerson.id, leaders.personId))
    .where(filterConditions(f))
    .as('ledger');
}

type Facts = ReturnType<typeof ledgerFacts>;

const missingOf = (l: Facts, today: string) =>
  reportMissingSql(today, {
    status: sql`${l.status}`,
    cadence: sql`${l.reportCadence}`,
    signedOn: sql`${l.signedOn}`,
    lastReportOn: shanghaiDay(sql`${l.lastReportAt}`),
  });

// The sort key of a ledger page; ties go by id, in the same direction. Times count to the millisecond, as a Date holds
// them, so a batch's last key finds exactly where the next batch starts.
function sortKey(l: Facts, sort: LedgerSort | undefined) {
  const key = (sort ?? 'deadline').replace('-', '');
  const column = key === 'updatedAt' ? sql`date_trunc('milliseconds', ${l.updatedAt})` : key === 'percent' ? sql`${l.percent}` : sql`${l.deadline}`;
  return { column, descending: sort?.startsWith('-') ?? false };
}

/** Exact total and colour counts; the counts ignore the colour filter, so each chip shows its own number. */
export async function ledgerCounts(db: Db, f: LedgerFilter, today: string) {
  const l = ledgerFacts(db, f, today);
  const is = (c: StatusColour) => sql`count(*) filter (where ${l.colour} = ${c})`.mapWith(Number);
  const [row] = await db
    .select({
      total: (f.colour ? is(f.colour) : sql`count(*)`.mapWith(Number)) as SQL<number>,
      green: is('green'),
      blue: is('blue'),
      yellow: is('yellow'),
      red: is('red'),
      grey: is('grey'),
    })
    .from(l)
    .where(f.missingReport ? missingOf(l, today) : undefined);
  const { total, ...counts } = row!;
  return { total, counts: counts satisfies Record<StatusColour, number> };
}

function ledgerSelect(db: Db, f: LedgerFilter, today: string) {
  const l = ledgerFacts(db, f, today);
  const conds: SQL[] = [];
  if (f.colour) conds.push(eq(l.colour, f.colour));
  if (f.missingReport) conds.push(missingOf(l, today));
  return { l, conds, select: () => db.select({ ...pick(l), reportMissing: missingOf(l, today).as('report_missing') }).from(l) };
}

/** One page of the ledger, sorted in the database. */
export function ledgerPage(db: Db, f: LedgerFilter, today: string, sort: LedgerSort | undefined, page: { limit: number; offset: number }) {
  const { l, conds, select } = ledgerSelect(db, f, today);
  const { column, descending } = sortKey(l, sort);
  const dir = descending ? desc : asc;
  return select()
    .where(and(...conds))
    .orderBy(dir(column), dir(l.id))
    .limit(page.limit)
    .offset(page.offset);
}

/** The next batch after `after` (the last row's sort key and id), for reading every matching row without OFFSET. */
export function ledgerBatch(db: Db, f: LedgerFilter, today: string, sort: LedgerSort | undefined, after: { key: unknown; id: number } | null, limit: number) {
  const { l, conds, select } = ledgerSelect(db, f, today);
  const { column, descending } = sortKey(l, sort);
  const dir = descending ? desc : asc;
  if (after) {
    const beyond = descending ? lt : gt;
    conds.push(or(beyond(column, after.key), and(eq(column, after.key), beyond(l.id, after.id)))!);
  }
  return select()
    .where(and(...conds))
    .orderBy(dir(column), dir(l.id))
    .limit(limit);
}

export type LedgerPageRow = Awaited<ReturnType<typeof ledgerPage>>[number];

// The row fields a page returns, referenced through the subquery.
function pick(l: Facts) {
  return {
    id: l.id,
    parentId: l.parentId,
    title: l.title,
    source: l.source,
    categoryId: l.categoryId,
    categoryName: l.categoryName,
    level: l.level,
    leadLeaderId: l.leadLeaderId,
    leadLeaderName: l.leadLeaderName,
    leadUnitId: l.leadUnitId,
    leadUnitName: l.leadUnitName,
    responsibleName: l.responsibleName,
    responsiblePhone: l.responsiblePhone,
    startDate: l.startDate,
    deadline: l.deadline,
    period: l.period,
    carriedFrom: l.carriedFrom,
    status: l.status,
    percent: l.percent,
    childCount: l.childCount,
    closedOn: l.closedOn,
    closedLate: l.closedLate,
    reportCadence: l.reportCadence,
    colour: l.colour,
    lastReportAt: l.lastReportAt,
    tags: l.tags,
    version: l.version,
    updatedAt: l.updatedAt,
  };
}

/** The first milestone not yet done of each task, in due order. */
export async function nextMilestones(db: Db, taskIds: number[]): Promise<Map<number, { name: string; dueDate: string }>> {
  if (!taskIds.length) return new Map();
  const rows = await db
    .selectDistinctOn([taskMilestones.taskId], { taskId: taskMilestones.taskId, name: taskMilestones.name, dueDate: taskMilestones.dueDate })
    .from(taskMilestones)
    .where(and(inArray(taskMilestones.taskId, taskIds), sql`${taskMilestones.doneDate} is null`))
    .orderBy(taskMilestones.taskId, asc(taskMilestones.dueDate), asc(taskMilestones.sortOrder));
  return new Map(rows.map(({ taskId, ...m }) => [taskId, m]));
}
