// 领导驾驶舱: the county's figures at a glance, within the actor's data scope (a leader: his portfolio and the tasks he
// leads, as the ledger shows them), each figure with the ledger filter that lists the rows behind it. Counted in SQL
// (tasks/ledger-store.ts countTasks and colour expressions), a few statements whatever the number of tasks.
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { dayOf, monthOf } from '../../calendar/rules.js';
import type { Actor, Deps } from '../../context.js';
import { qualified } from '../../db/columns.js';
import { authorize, inScope } from '../../permissions.js';
import type { StatusColour } from '../../shared/labels.js';
import { issuedInMonth } from '../chasing/board.js';
import { monthlyTrend } from '../figures/service.js';
import { units } from '../org/read.js';
import { loadScope } from '../org/scope.js';
import { keyProjects } from '../projects/read.js';
import { monthScores, publishedMonths } from '../review/read.js';
import { colourIs, colourSql, countByColour } from '../tasks/ledger-store.js';
import { filterConditions, tasks } from '../tasks/read.js';
import { monthsBefore, percent, projectFigures } from './rules.js';

export const TREND_MONTHS = 12;

/** The ledger's scope condition for the actor, the same one GET /tasks applies, so every figure matches its list. */
async function scopeWhere(deps: Deps, actor: Actor) {
  const scope = await loadScope(deps.db, actor);
  const where = filterConditions({ scope: scope.all ? undefined : { unitIds: [...scope.unitIds], leaderId: actor.leaderId } });
  return { scope, where };
}

/**
 * Totals and colour counts over the tasks in scope, in one statement. Over the whole county the colours are the
 * ledger's (countByColour: open tasks only, closed and grey from the status summary), and the late closings are
 * counted off tasks_closed_late_idx, so a province's closed tasks are not read one by one.
 */
export async function taskFigures(deps: Deps, where: SQL | undefined, today: string) {
  const [status, late] = ['status', 'closed_late'].map((c) => sql.identifier(c));
  const {
    row,
    colours: counts,
    total,
  } = await countByColour(
    deps.db,
    { colour: colourSql(today), status: qualified(tasks.status), closed_late: qualified(tasks.closedLate) },
    where,
    { closedLate: sql`${status} = 'closed' and ${late}` },
    { closedLate: sql`(select count(*)::int from ${tasks} where ${tasks.status} = 'closed' and ${tasks.closedLate})` },
  );
  const { closedLate } = row;
  const closed = counts.green;
  // Grey tasks (drafts, declined, suspended, cancelled) are not chased, so they count in no rate.
  const chased = total - counts.grey;
  return {
    total,
    chased,
    closed,
    closedOnTime: closed - closedLate,
    closedLate,
    counts: counts satisfies Record<StatusColour, number>,
    completionRate: percent(closed, chased),
    onTimeRate: percent(closed - closedLate, chased),
  };
}

// The cockpit shows the worst units; the ledger lists the rest (a province has thousands with an overdue task).
export const OVERDUE_UNITS = 12;

/** Overdue (red) tasks of the OVERDUE_UNITS lead units with the most, worst first, in one statement. */
export function overdueByUnit(deps: Deps, where: SQL | undefined, today: string) {
  const overdue = sql<number>`count(*)::int`;
  return deps.db
    .select({ unitId: tasks.leadUnitId, unitName: units.name, overdue })
    .from(tasks)
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .where(and(where, colourIs('red', today)))
    .groupBy(tasks.leadUnitId, units.name, units.sortOrder)
    .orderBy(desc(overdue), asc(units.sortOrder), asc(tasks.leadUnitId))
    .limit(OVERDUE_UNITS);
}

// The cockpit shows each group's head of the ranking; the month's review lists every unit.
export const RANKING_ROWS = 8;

// The latest published month's ranking: the first RANKING_ROWS units in scope of each group, with their county rank;
// null before any month is published.
async function latestRanking(deps: Deps, scope: Awaited<ReturnType<typeof loadScope>>, today: string) {
  const [latest] = await publishedMonths(deps.db);
  if (!latest) return null;
  const scores = await monthScores(deps.db, latest.period, today);
  const shown = new Map<string, number>();
  const rows = [...scores.rows]
    .filter((r) => inScope(scope, r.unitId))
    .sort((a, b) => a.rank - b.rank)
    .filter((r) => {
      const n = shown.get(r.group) ?? 0;
      shown.set(r.group, n + 1);
      return n < RANKING_ROWS;
    });
  return {
    period: latest.period,
    rows: rows.map((r) => ({ unitId: r.unitId, unitName: r.unitName, group: r.group, rank: r.rank, score: r.score })),
  };
}

export async function cockpit(deps: Deps, actor: Actor) {
  authorize(actor, 'cockpit.read');
  const today = dayOf(deps.clock.now());
  const period = monthOf(today);
  const { scope, where } = await scopeWhere(deps, actor);
  const [figures, overdue, trend, ranking, sheets, projects] = await Promise.all([
    taskFigures(deps, where, today),
    overdueByUnit(deps, where, today),
    monthlyTrend(deps, actor, { from: monthsBefore(period, TREND_MONTHS - 1), to: period }),
    latestRanking(deps, scope, today),
    issuedInMonth(deps, actor, period),
    keyProjects(deps.db, today, scope),
  ]);
  return {
    today,
    period,
    county: scope.all,
    ...figures,
    overdueByUnit: overdue,
    trend: trend.months.map((m) => ({ period: m.period, frozen: m.frozen, ...m.total })),
    ranking,
    sheets: { period: sheets.period, total: sheets.total, counts: sheets.counts },
    projects: projectFigures(projects),
  };
}
