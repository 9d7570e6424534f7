import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import { qualified } from '../../db/columns.js';
import { units } from '../org/read.js';
import { monthTasks, taskCarryOvers, taskMonths, tasks } from '../tasks/read.js';
import { type Counts, NOT_CHASED, NOT_ISSUED, seenOn, type TaskFacts } from './rules.js';
import { monthlyFigureFreezes, monthlyFigures } from './schema.js';

/**
 * The facts of every top-level task belonging to `month` (the tasks module's monthTasks). Sub-tasks (分解子事项) are the
 * lead unit's own breakdown of a task and are not counted again. What the rule counts; the service counts the same in
 * SQL (monthUnitCounts), and figures-sql.test.ts compares the two.
 */
export async function monthFacts(db: Db, month: string): Promise<TaskFacts[]> {
  return (await monthTasks(db, month)).map((t) => ({
    unitId: t.leadUnitId,
    status: t.status,
    deadline: t.deadline,
    closedOn: t.closedOn,
    closedLate: t.closedLate,
    carriedFrom: t.carriedFrom,
  }));
}

const statusList = (statuses: readonly string[]) => sql.raw(`(${statuses.map((x) => `'${x}'`).join(', ')})`);

/**
 * unitCounts (rules.ts) over monthFacts, in one statement: the month's top-level tasks counted per lead unit by
 * GROUP BY, so no task leaves the database. Read from task_months alone (the month's rows with their copy of the
 * task's columns: one index range, no probe into tasks). figures-sql.test.ts holds it equal to the rule, unit by unit.
 */
export async function monthUnitCounts(db: Db, month: string, today: string): Promise<{ unitId: number; counts: Counts }[]> {
  const { through, overdueBefore } = seenOn(month, today);
  const status = qualified(taskMonths.status);
  // Never null (a closed task without its day is not closed), so `not closed` holds for it as in the rule.
  const closed = sql`(${status} = 'closed' and ${qualified(taskMonths.closedOn)} is not null and ${qualified(taskMonths.closedOn)} <= ${through}::date)`;
  const closedLate = qualified(taskMonths.closedLate);
  const count = (cond: SQL) => sql`(count(*) filter (where ${cond}))::int`;
  const rows = await queryRows<{ unitId: number } & Counts>(
    db,
    sql`select ${qualified(taskMonths.leadUnitId)} as "unitId", count(*)::int as issued,
      ${count(sql`${closed} and not ${closedLate}`)} as "closedOnTime",
      ${count(sql`${closed} and ${closedLate}`)} as "closedLate",
      ${count(sql`not ${closed} and ${status} not in ${statusList(NOT_CHASED)} and ${qualified(taskMonths.deadline)} < ${overdueBefore}::date`)} as overdue,
      ${count(qualified(taskMonths.carriedOut))} as carried
    from ${taskMonths}
    where ${qualified(taskMonths.period)} = ${month} and ${qualified(taskMonths.parentId)} is null and ${status} not in ${statusList(NOT_ISSUED)}
    group by 1 order by 1`,
  );
  return rows.map(({ unitId, ...counts }) => ({ unitId, counts }));
}

/**
 * Months before `current` that have tasks and are not frozen yet, oldest first. It runs every minute, so it never walks
 * the tasks: the months that have tasks are found by skipping through the period indexes of tasks and carry-overs
 * (one index probe per month, a recursive query), then the frozen ones are left out.
 */
export async function monthsToFreeze(db: Db, current: string): Promise<string[]> {
  const rows = await queryRows<{ period: string }>(db, monthsToFreezeQuery(current));
  return rows.map((r) => r.period);
}

export function monthsToFreezeQuery(current: string) {
  return sql`with recursive
      planned(period) as (
        (select ${tasks.period} from ${tasks} order by 1 limit 1)
        union all
        select (select t.period from ${tasks} t where t.period > planned.period order by 1 limit 1) from planned where planned.period < ${current}
      ),
      carried(period) as (
        (select ${taskCarryOvers.toPeriod} from ${taskCarryOvers} order by 1 limit 1)
        union all
        select (select c.to_period from ${taskCarryOvers} c where c.to_period > carried.period order by 1 limit 1) from carried where carried.period < ${current}
      )
    select m.period from (select period from planned union select period from carried) m
    where m.period < ${current} and not exists (select 1 from ${monthlyFigureFreezes} f where f.period = m.period)
    order by m.period`;
}

/** Claims `month` for freezing: false when another run (or process) has it already; held until the transaction ends. */
export async function claimMonth(tx: Db, month: string, frozenAt: Date): Promise<boolean> {
  const rows = await tx.insert(monthlyFigureFreezes).values({ period: month, frozenAt }).onConflictDoNothing().returning();
  return rows.length > 0;
}

export async function insertFigures(tx: Db, month: string, rows: { unitId: number; counts: Counts }[], frozenAt: Date) {
  if (!rows.length) return;
  await tx
    .insert(monthlyFigures)
    .values(rows.map((r) => ({ period: month, unitId: r.unitId, ...r.counts, frozenAt })))
    .onConflictDoNothing({ target: [monthlyFigures.period, monthlyFigures.unitId] });
}

export async function findFreeze(db: Db, month: string) {
  const [row] = await db.select().from(monthlyFigureFreezes).where(eq(monthlyFigureFreezes.period, month));
  return row;
}

export async function frozenFigures(db: Db, month: string): Promise<{ unitId: number; counts: Counts }[]> {
  const rows = await db.select().from(monthlyFigures).where(eq(monthlyFigures.period, month)).orderBy(asc(monthlyFigures.unitId));
  return rows.map(({ unitId, issued, closedOnTime, closedLate, overdue, carried }) => ({
    unitId,
    counts: { issued, closedOnTime, closedLate, overdue, carried },
  }));
}

/** The freezes and frozen figures of several months, in two statements. */
export async function frozenMonths(db: Db, months: string[]) {
  if (!months.length) return { freezes: [], figures: [] };
  const [freezes, figures] = await Promise.all([
    db.select().from(monthlyFigureFreezes).where(inArray(monthlyFigureFreezes.period, months)),
    db.select().from(monthlyFigures).where(inArray(monthlyFigures.period, months)),
  ]);
  return {
    freezes,
    figures: figures.map(({ period, unitId, issued, closedOnTime, closedLate, overdue, carried }) => ({
      period,
      unitId,
      counts: { issued, closedOnTime, closedLate, overdue, carried },
    })),
  };
}

/** Names and the display order of the units in `ids`. */
export function unitNames(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select({ id: units.id, name: units.name, sortOrder: units.sortOrder })
    .from(units)
    .where(inArray(units.id, ids))
    .orderBy(asc(units.sortOrder), asc(units.id));
}
