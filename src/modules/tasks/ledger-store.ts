// The ledger's queries: scope, filters, colour, missing report, derived progress, counts, sort and paging all run in
// the database, so totals are exact however many tasks there are. The pure rules in rules.ts stay the specification;
// ledger-sql.test.ts proves the SQL expressions here agree with them.
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { addCalendarDays } from '../../calendar/rules.js';
import { qualified } from '../../db/columns.js';
import { type Db, queryRows } from '../../db/client.js';
import { leaders, people, units } from '../org/read.js';
import { OWED_PART_STATUSES } from './part-rules.js';
import { DEFAULT_DUE_SOON_DAYS, type StatusColour, type TaskStatus } from './rules.js';
import { taskCarryOvers, taskCategories, taskCooperators, taskMilestones, taskMonths, tasks } from './schema.js';
import { statusTotal } from './status-counts.js';
import { filterConditions, scopeParts, type TaskFilter, type TaskScope } from './store.js';

export const LEDGER_SORTS = ['deadline', '-deadline', 'updatedAt', '-updatedAt', 'percent', '-percent'] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];

export interface LedgerFilter extends TaskFilter {
  colour?: StatusColour;
  missingReport?: boolean;
}

const leaderPerson = alias(people, 'leader_person');
const GREY_STATUSES: TaskStatus[] = ['draft', 'declined', 'suspended', 'cancelled'];
const NOT_CHASED = sql.raw(`(${GREY_STATUSES.map((st) => `'${st}'`).join(', ')})`);
const REPORTING = sql.raw(`('signed', 'in_progress', 'returned')`);

// A day in Asia/Shanghai (fixed UTC+8, as dayOf in calendar/rules.ts) of a timestamptz, without needing time zone data.
const shanghaiDay = (at: SQL | SQL.Aliased) => sql`((${at} at time zone 'UTC') + interval '8 hours')::date`;

/** What the colour reads of a task: the tasks table's own columns, or a task_months row's copy of them. */
export interface ColourColumns {
  id: SQL;
  status: SQL;
  deadline: SQL;
  partsDue: SQL;
}
const TASK_COLUMNS: ColourColumns = {
  id: qualified(tasks.id),
  status: qualified(tasks.status),
  deadline: qualified(tasks.deadline),
  partsDue: qualified(tasks.partsDue),
};
export const MONTH_COLUMNS: ColourColumns = {
  id: qualified(taskMonths.taskId),
  status: qualified(taskMonths.status),
  deadline: qualified(taskMonths.deadline),
  partsDue: qualified(taskMonths.partsDue),
};

/**
 * statusColour (rules.ts) as SQL over the tasks table (or task_months, `c`); `today` is a day in Asia/Shanghai.
 * `probe`: each task's milestones looked up by its own index (milestoneLate), for the counts of a data scope.
 */
export function colourSql(today: string, dueSoonDays = DEFAULT_DUE_SOON_DAYS, c = TASK_COLUMNS, probe = false): SQL<StatusColour> {
  const day = sql`${today}::date`;
  // A part owed by a cooperating unit counts as a deadline (least ignores a null parts_due).
  const deadline = sql`least(${c.deadline}, ${c.partsDue})`;
  return sql<StatusColour>`case
    when ${c.status} = 'closed' then 'green'
    when ${c.status} in ${NOT_CHASED} then 'grey'
    when ${deadline} < ${day} then 'red'
    when ${deadline} - ${day} <= ${sql.raw(String(Math.trunc(dueSoonDays)))} or ${milestoneLate(day, c.id, probe)} then 'yellow'
    else 'blue' end`;
}

const OPEN = sql.raw(`('assigned', 'signed', 'in_progress', 'closing_requested', 'returned')`);
const OWED_PARTS = sql.raw(`(${OWED_PART_STATUSES.map((s) => `'${s}'`).join(', ')})`);

// A milestone of the task past its due day and not done (the yellow light's second cause). With `probe`, OFFSET 0 keeps
// PostgreSQL from answering it by hashing every late milestone of the province, which under row-level security it
// prefers (the policy's filter makes each probe look dear): at the full size 12,886 pages read for a county's ~500
// open tasks, against a few hundred.
function milestoneLate(day: SQL, id: SQL, probe = false) {
  return sql`exists (select 1 from ${taskMilestones} ms where ms.task_id = ${id} and ms.done_date is null and ms.due_date < ${day}${probe ? sql` offset 0` : sql``})`;
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
  // CASE, so the signing day and the last report are read only for tasks with a cadence being reported on.
  return sql<boolean>`case when ${t.status} in ${REPORTING} and ${t.cadence}->>'kind' in ('every_n_days', 'weekly', 'monthly')
    then coalesce(${due} > coalesce(${t.lastReportOn}, date '0001-01-01'), false) else false end`;
}

/**
 * The tasks of one colour, as a condition on the task's own columns that an index can serve (green and grey by status,
 * red, yellow and blue as open and by the deadline or the parts' due day, tasks_open_parts_due_idx). Exactly colourSql's
 * classes: ledger-sql.test.ts runs both against statusColour.
 */
export function colourIs(colour: StatusColour, today: string, dueSoonDays = DEFAULT_DUE_SOON_DAYS, c = TASK_COLUMNS): SQL {
  const { status, deadline, partsDue } = c;
  const day = sql`${today}::date`;
  const soonEnd = sql`${addCalendarDays(today, Math.trunc(dueSoonDays))}::date`;
  switch (colour) {
    case 'green':
      return sql`${status} = 'closed'`;
    case 'grey':
      return sql`${status} in ${NOT_CHASED}`;
    case 'red':
      return sql`(${status} in ${OPEN} and (${deadline} < ${day} or ${partsDue} < ${day}))`;
    case 'yellow':
      return sql`(${status} in ${OPEN} and ${deadline} >= ${day} and (${partsDue} is null or ${partsDue} >= ${day})
        and (${deadline} <= ${soonEnd} or ${partsDue} <= ${soonEnd} or ${milestoneLate(day, c.id)}))`;
    case 'blue':
      return sql`(${status} in ${OPEN} and ${deadline} > ${soonEnd} and (${partsDue} is null or ${partsDue} > ${soonEnd}) and not ${milestoneLate(day, c.id)})`;
  }
}

/**
 * The missing-report flag of the task on hand (reportMissingSql over its own columns: the signing day and the last
 * report are kept on the task by triggers, so the open tasks' flags are counted from tasks_open_idx alone).
 */
export const missingSql = (today: string) =>
  reportMissingSql(today, {
    status: qualified(tasks.status),
    cadence: qualified(tasks.reportCadence),
    signedOn: shanghaiDay(qualified(tasks.signedAt)),
    lastReportOn: shanghaiDay(qualified(tasks.lastReportedAt)),
  });

// derivedProgress (rules.ts): the mean of the children not cancelled, closed counting 100; else the task's own.
const derivedPercent = sql<number>`coalesce((select round(avg(case when ch.status = 'closed' then 100 else ch.percent end))::int
  from ${tasks} ch where ch.parent_id = ${qualified(tasks.id)} and ch.status <> 'cancelled'), ${qualified(tasks.percent)})`;

// Every condition of a ledger filter but the month and the colour: a Record, so that a new filter must be named here.
const OTHER_CONDITIONS: Record<Exclude<keyof LedgerFilter, 'period' | 'colour'>, true> = {
  scope: true,
  unitId: true,
  leadOnly: true,
  leaderId: true,
  source: true,
  categoryId: true,
  ownerUnitId: true,
  level: true,
  status: true,
  overdueOn: true,
  deadlineFrom: true,
  deadlineTo: true,
  keyword: true,
  parentId: true,
  carriedOver: true,
  closedLate: true,
  missingReport: true,
};

/**
 * The month of a filter by a month alone (and perhaps a colour): the office's month page, which task_months answers by
 * itself — counts and page from the month's rows and their copy of the task's columns, no probe into tasks (160,000 of
 * them for a province's month). Undefined when any other condition needs the task's own columns. A flag that is false
 * (the route's query has every flag) is no condition, as in filterConditions.
 */
export function monthAlone(f: LedgerFilter): string | undefined {
  const others = Object.keys(OTHER_CONDITIONS) as (keyof typeof OTHER_CONDITIONS)[];
  return f.period !== undefined && others.every((k) => f[k] === undefined || f[k] === false) ? f.period : undefined;
}

const monthIs = (month: string) => sql`${qualified(taskMonths.period)} = ${month}`;

/** Every condition of a ledger filter, over the tasks table alone (scope, filters, colour, missing report). */
function ledgerWhere(f: LedgerFilter, today: string): SQL | undefined {
  return and(filterConditions(f), f.colour ? colourIs(f.colour, today) : undefined, f.missingReport ? missingSql(today) : undefined);
}

// The sort key of a ledger page; ties go by id, in the same direction. Times count to the millisecond, as a Date holds
// them, so a batch's last key finds exactly where the next batch starts.
function sortKey(sort: LedgerSort | undefined) {
  const key = (sort ?? 'deadline').replace('-', '');
  const column =
    key === 'updatedAt' ? sql`date_trunc('milliseconds', ${qualified(tasks.updatedAt)})` : key === 'percent' ? derivedPercent : qualified(tasks.deadline);
  const dir = sort?.startsWith('-') ? desc : asc;
  return { column, descending: sort?.startsWith('-') ?? false, order: [dir(column), dir(qualified(tasks.id))] };
}

const COLOURS: StatusColour[] = ['green', 'blue', 'yellow', 'red', 'grey'];

/**
 * Counts over the tasks matching `where`, in one statement: `columns` are worked out once for each task (OFFSET 0
 * keeps the subquery from being merged into the counts, which would repeat each expression once per count), and each
 * entry of `counts` is a condition over them. A summary of many rows, so no joins and no row leaves the database.
 * `totals` are further figures of the same row that need no task of `where` (the status summary's). `from` is the
 * table counted: tasks, or task_months for a month alone.
 */
export async function countTasks<K extends string, T extends string = never>(
  db: Db,
  columns: Record<string, SQL>,
  where: SQL | undefined,
  counts: Record<K, SQL>,
  totals?: Record<T, SQL>,
  from: SQL = sql`${tasks}`,
) {
  const select = sql.join(
    Object.entries(columns).map(([name, expr]) => sql`${expr} as ${sql.identifier(name)}`),
    sql`, `,
  );
  const tally = sql.join(
    [
      ...Object.entries<SQL>(counts).map(([name, cond]) => sql`(count(*) filter (where ${cond}))::int as ${sql.identifier(name)}`),
      ...Object.entries<SQL>(totals ?? ({} as Record<T, SQL>)).map(([name, expr]) => sql`${expr} as ${sql.identifier(name)}`),
    ],
    sql`, `,
  );
  const [row] = await queryRows<Record<K | T, number>>(db, sql`select ${tally} from (select ${select} from ${from} where ${where ?? sql`true`} offset 0) c`);
  return row!;
}

/**
 * The five colour counts of the tasks matching `where`, with further `counts` (conditions over `columns`, which
 * include `colour`), in one statement. Over every task (no `where`: a county-wide actor without a filter) only the
 * open tasks' colours are worked out, and how many are closed (green) and not chased (grey) comes from the status
 * summary (status-counts.ts), so a province's closed tasks are never read; `counts` must then hold for open tasks only,
 * and a figure that needs other tasks too comes from `overAll`, a scalar over every task that replaces its count there.
 */
export async function countByColour<K extends string, A extends string = never>(
  db: Db,
  columns: Record<string, SQL>,
  where: SQL | undefined,
  counts: Record<K | A, SQL>,
  overAll?: Record<A, SQL>,
  from?: SQL,
) {
  const colour = sql.identifier('colour');
  const is = (c: StatusColour) => sql`${colour} = ${c}`;
  const openCounts = Object.fromEntries(Object.entries<SQL>(counts).filter(([name]) => !overAll || !(name in overAll))) as Record<K, SQL>;
  const row = where
    ? await countTasks(db, columns, where, { ...counts, ...(Object.fromEntries(COLOURS.map((c) => [c, is(c)])) as Record<StatusColour, SQL>) }, undefined, from)
    : await countTasks(
        db,
        columns,
        sql`${qualified(tasks.status)} in ${OPEN}`,
        { ...openCounts, red: is('red'), yellow: is('yellow'), blue: is('blue') },
        { ...(overAll ?? ({} as Record<A, SQL>)), green: statusTotal(['closed']), grey: statusTotal(GREY_STATUSES) },
      );
  const colours = Object.fromEntries(COLOURS.map((c) => [c, row[c]])) as Record<StatusColour, number>;
  return { row, colours, total: COLOURS.reduce((sum, c) => sum + colours[c], 0) };
}

/**
 * countByColour for a data scope and no other filter, reading only the open tasks its units lead and the tasks it sees
 * without leading them (cooperated on, its leader's, its categories'): how many of the tasks its units lead are closed
 * (green) or not chased (grey) comes from the status summary (status-counts.ts), so a county's five years of closed
 * tasks are never read. `counts` must hold for open tasks only. Null when the scope has no units (nothing to summarise).
 */
export async function countScopeByColour<K extends string>(db: Db, today: string, columns: Record<string, SQL>, scope: TaskScope, counts: Record<K, SQL>) {
  const { led, others } = scopeParts(scope);
  if (!led) return null;
  const status = qualified(tasks.status);
  const where = others ? sql`((${led} and ${status} in ${OPEN}) or (${others} and not ${led}))` : sql`${led} and ${status} in ${OPEN}`;
  const colour = sql.identifier('colour');
  const is = (c: StatusColour) => sql`${colour} = ${c}`;
  const row = await countTasks(
    db,
    { ...columns, colour: colourSql(today, DEFAULT_DUE_SOON_DAYS, TASK_COLUMNS, true) },
    where,
    { ...counts, red: is('red'), yellow: is('yellow'), blue: is('blue'), greenOthers: is('green'), greyOthers: is('grey') },
    { greenLed: statusTotal(['closed'], scope.unitIds), greyLed: statusTotal(GREY_STATUSES, scope.unitIds) },
  );
  const colours: Record<StatusColour, number> = {
    green: row.greenLed + row.greenOthers,
    blue: row.blue,
    yellow: row.yellow,
    red: row.red,
    grey: row.greyLed + row.greyOthers,
  };
  return { row, colours, total: COLOURS.reduce((sum, c) => sum + colours[c], 0) };
}

/**
 * Exact total and colour counts in one statement over the tasks in scope, without the joins and per-row reads of a
 * page: each task's colour from its status, deadline and (open tasks only) milestones. The counts ignore the colour
 * filter, so each chip shows its own number.
 */
export async function ledgerCounts(db: Db, f: LedgerFilter, today: string, from?: { sort: LedgerSort | undefined; after: Keyset }) {
  const month = from ? undefined : monthAlone(f);
  if (month) {
    const { colours, total } = await countByColour(
      db,
      { colour: colourSql(today, undefined, MONTH_COLUMNS) },
      monthIs(month),
      {},
      undefined,
      sql`${taskMonths}`,
    );
    const matching = f.colour ? colours[f.colour] : total;
    return { total: matching, rest: matching, counts: colours };
  }
  const scoped = !from && !f.missingReport && onlyScope(f) ? await countScopeByColour(db, today, {}, f.scope, {}) : null;
  if (scoped) {
    const { colours, total } = scoped;
    const matching = f.colour ? colours[f.colour] : total;
    return { total: matching, rest: matching, counts: colours };
  }
  const where = and(filterConditions(f), f.missingReport ? missingSql(today) : undefined);
  const matches = f.colour ? sql`${sql.identifier('colour')} = ${f.colour}` : sql`true`;
  const columns: Record<string, SQL> = { colour: colourSql(today) };
  if (from) columns.beyond = beyond(from.sort, from.after);
  // With a keyset position: the matching tasks after it, so a cursor page knows whether another follows (this needs
  // every task read, so a cursor page never takes the summary's short way).
  const { row, colours, total } = await countByColour(db, columns, where ?? (from ? sql`true` : undefined), {
    rest: from ? sql`${matches} and ${sql.identifier('beyond')}` : sql`false`,
  });
  const matching = f.colour ? colours[f.colour] : total;
  return { total: matching, rest: from ? row.rest : matching, counts: colours };
}

/** The filter is a data scope and nothing else (the colour aside: the counts ignore it). */
export function onlyScope(f: LedgerFilter): f is LedgerFilter & { scope: TaskScope } {
  return f.scope !== undefined && filterConditions({ ...f, scope: undefined }) === undefined;
}

/** A position in ledger order: the sort key and id of the last row read. */
export type Keyset = { key: unknown; id: number };

// The tasks after `after` in the order of `sort`. The bound on the key alone (`>=`) is what an index on the sort
// column can start from; without it, PostgreSQL walked the deadline index from the start to the position (200 ms at
// 100,000 tasks in, against 0.5 ms).
function beyond(sort: LedgerSort | undefined, after: Keyset): SQL {
  const { column, descending } = sortKey(sort);
  const [from, past] = descending ? [sql.raw('<='), sql.raw('<')] : [sql.raw('>='), sql.raw('>')];
  return sql`(${column} ${from} ${after.key} and (${column} ${past} ${after.key} or ${qualified(tasks.id)} ${past} ${after.id}))`;
}

/**
 * The ids of one page (or, with `after`, of the batch after that sort key and id: keyset, no OFFSET), from the tasks
 * table alone in ledger order, so the page's joins and per-row reads run for its rows only.
 */
export function ledgerIds(f: LedgerFilter, today: string, sort: LedgerSort | undefined, page: { limit: number; offset?: number; after?: Keyset | null }) {
  const month = page.after ? undefined : monthAlone(f);
  if (month && (sort ?? 'deadline').endsWith('deadline')) {
    // The month's rows in deadline order: task_months_period_deadline_idx from the page's first row.
    const dir = sort === '-deadline' ? desc : asc;
    const conds = and(monthIs(month), f.colour ? colourIs(f.colour, today, undefined, MONTH_COLUMNS) : undefined);
    return sql`select ${qualified(taskMonths.taskId)} from ${taskMonths} where ${conds}
      order by ${dir(qualified(taskMonths.deadline))}, ${dir(qualified(taskMonths.taskId))} limit ${page.limit} offset ${page.offset ?? 0}`;
  }
  const { order } = sortKey(sort);
  const conds = [ledgerWhere(f, today), page.after ? beyond(sort, page.after) : undefined];
  return sql`select ${qualified(tasks.id)} from ${tasks} where ${and(...conds) ?? sql`true`}
    order by ${sql.join(order, sql`, `)} limit ${page.limit} offset ${page.offset ?? 0}`;
}

/**
 * The ledger rows of the tasks `ids` (a subquery) in ledger order, each with its names, colour, missing-report flag,
 * derived progress, cooperators and next milestone: one statement. `period` names the month filter, for carriedFrom.
 */
export function ledgerRows(db: Db, ids: SQL, today: string, sort: LedgerSort | undefined, period?: string) {
  const t = qualified(tasks.id);
  return db
    .select({
      id: tasks.id,
      parentId: tasks.parentId,
      title: tasks.title,
      source: tasks.source,
      categoryId: tasks.categoryId,
      categoryName: taskCategories.name,
      level: tasks.level,
      leadLeaderId: tasks.leadLeaderId,
      leadLeaderName: leaderPerson.name,
      leadUnitId: tasks.leadUnitId,
      leadUnitName: units.name,
      // Cooperating units in unit order; `late`: an open task's part still owed past its due day (part-rules.ts
      // lateParts), the part its red light blames. Read in the same subquery, so a row costs no extra query.
      cooperators: sql<{ unitId: number; unitName: string; part: string; late: boolean }[]>`coalesce((
        select json_agg(json_build_object('unitId', k.unit_id, 'unitName', ku.name, 'part', k.part,
          'late', ${qualified(tasks.status)} in ${OPEN} and k.status in ${OWED_PARTS} and coalesce(k.due_date, ${qualified(tasks.deadline)}) < ${today}::date)
          order by ku.sort_order, ku.id)
        from ${taskCooperators} k join ${units} ku on ku.id = k.unit_id where k.task_id = ${t}), '[]')`,
      responsibleName: tasks.responsibleName,
      responsiblePhone: tasks.responsiblePhone,
      startDate: tasks.startDate,
      deadline: tasks.deadline,
      period: tasks.period,
      // Under a month filter, the month the task was carried into it from (挂单); null for the month's own tasks.
      carriedFrom: period
        ? sql<string | null>`(select max(co.from_period) from ${taskCarryOvers} co where co.task_id = ${t} and co.to_period = ${period})`
        : sql<string | null>`null::text`,
      status: tasks.status,
      percent: derivedPercent.mapWith(Number),
      childCount: sql<number>`(select count(*)::int from ${tasks} ch where ch.parent_id = ${t})`.mapWith(Number),
      closedOn: tasks.closedOn,
      closedLate: tasks.closedLate,
      reportCadence: tasks.reportCadence,
      colour: colourSql(today),
      reportMissing: missingSql(today),
      lastReportAt: tasks.lastReportedAt,
      // The first milestone not yet done, in due order.
      nextMilestone: sql<{ name: string; dueDate: string } | null>`(select json_build_object('name', m.name, 'dueDate', m.due_date)
        from ${taskMilestones} m where m.task_id = ${t} and m.done_date is null order by m.due_date, m.sort_order, m.id limit 1)`,
      tags: tasks.tags,
      version: tasks.version,
      updatedAt: tasks.updatedAt,
    })
    .from(tasks)
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .leftJoin(taskCategories, eq(taskCategories.id, tasks.categoryId))
    .leftJoin(leaders, eq(leaders.id, tasks.leadLeaderId))
    .leftJoin(leaderPerson, eq(leaderPerson.id, leaders.personId))
    .where(sql`${t} in (${ids})`)
    .orderBy(...sortKey(sort).order);
}

export type LedgerRow = Awaited<ReturnType<typeof ledgerRows>>[number];

/** One page of the ledger: its ids first (sorted and paged over the tasks table), then the rows of that page only. */
export function ledgerPage(
  db: Db,
  f: LedgerFilter,
  today: string,
  sort: LedgerSort | undefined,
  page: { limit: number; offset?: number; after?: Keyset | null },
) {
  return ledgerRows(db, ledgerIds(f, today, sort, page), today, sort, f.period);
}

/** The next batch after `after` (the last row's sort key and id), for reading every matching row without OFFSET. */
export function ledgerBatch(db: Db, f: LedgerFilter, today: string, sort: LedgerSort | undefined, after: Keyset | null, limit: number) {
  return ledgerRows(db, ledgerIds(f, today, sort, { limit, after }), today, sort, f.period);
}
