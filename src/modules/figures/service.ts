// Monthly figures: served live while a month runs, from its snapshot once frozen; frozen by the periodic job.
import { addCalendarDays, dayOf, monthEnd, monthOf } from '../../calendar/rules.js';
import { badRequest } from '../../errors.js';
import type { Actor, Deps, Who } from '../../context.js';
import { authorize, inScope } from '../../permissions.js';
import { recordAudit } from '../audit/service.js';
import { loadScope } from '../org/scope.js';
import { monthEnded, totalOf, withRates } from './rules.js';
import * as store from './store.js';
import { monthCounts } from './read.js';

/**
 * Freezes every month that has ended and has tasks but no snapshot yet (normally last month, at the first run after
 * its end; after downtime, each month missed). The claim row (monthly_figure_freezes, keyed by month, inserted with
 * ON CONFLICT DO NOTHING) makes a second run or a second process skip the month: on PostgreSQL the second insert
 * waits for the first transaction and then finds the row. Runs after the roll-over, so `carried` is complete.
 */
export async function freezeDueMonths(deps: Deps, who: Who): Promise<{ frozen: number }> {
  const now = deps.clock.now();
  const today = dayOf(now);
  let frozen = 0;
  for (const month of await store.monthsToFreeze(deps.db, monthOf(today))) {
    const done = await deps.db.transaction(async (tx) => {
      if (!(await store.claimMonth(tx, month, now))) return false;
      const rows = await store.monthUnitCounts(tx, month, today);
      await store.insertFigures(tx, month, rows, now);
      await recordAudit(tx, deps, who, {
        action: 'figures.freeze',
        targetType: 'monthly_figures',
        targetId: month,
        after: { units: rows.length, ...totalOf(rows) },
      });
      return true;
    });
    if (done) frozen += 1;
  }
  return { frozen };
}

/**
 * A month's figures per lead unit within the actor's data scope, with their total (the county's for whoever sees the
 * whole county). A frozen month comes from its snapshot, so later closings never move it; any other month is counted now.
 */
export async function monthlyFigures(deps: Deps, actor: Actor, period: string | undefined) {
  authorize(actor, 'figures.read');
  const scope = await loadScope(deps.db, actor);
  const today = dayOf(deps.clock.now());
  const month = period ?? monthOf(today);
  const { frozen, frozenAt, rows } = await monthCounts(deps.db, month, today);
  const visible = rows.filter((r) => inScope(scope, r.unitId));
  const counts = new Map(visible.map((r) => [r.unitId, r.counts]));
  const units = await store.unitNames(
    deps.db,
    visible.map((r) => r.unitId),
  );
  return {
    period: month,
    ended: monthEnded(month, today),
    frozen,
    frozenAt,
    county: scope.all,
    units: units.map((u) => ({ unitId: u.id, unitName: u.name, ...withRates(counts.get(u.id)!) })),
    total: withRates(totalOf(visible)),
  };
}

// The most months one trend request covers.
export const TREND_MAX_MONTHS = 24;

/**
 * The totals of consecutive months within the actor's data scope, oldest first, for the home page's trend: frozen
 * months from their snapshots (two statements for all of them), the others counted live (one statement each —
 * normally only the running month). Defaults to this month and the five before it.
 */
export async function monthlyTrend(deps: Deps, actor: Actor, range: { from?: string; to?: string }) {
  authorize(actor, 'figures.read');
  const today = dayOf(deps.clock.now());
  const to = range.to ?? monthOf(today);
  const months = [range.from ?? monthsBefore(to, 5)];
  while (months.at(-1)! < to && months.length <= TREND_MAX_MONTHS) months.push(monthOf(addCalendarDays(monthEnd(months.at(-1)!), 1)));
  if (months[0]! > to) throw badRequest('BAD_PERIOD', '起始月份不能晚于截止月份');
  if (months.length > TREND_MAX_MONTHS) throw badRequest('BAD_PERIOD', `一次最多查看 ${TREND_MAX_MONTHS} 个月`);
  const [scope, frozen] = await Promise.all([loadScope(deps.db, actor), store.frozenMonths(deps.db, months)]);
  const out = [];
  for (const month of months) {
    const freeze = frozen.freezes.find((f) => f.period === month);
    const rows = freeze ? frozen.figures.filter((f) => f.period === month) : await store.monthUnitCounts(deps.db, month, today);
    out.push({
      period: month,
      ended: monthEnded(month, today),
      frozen: freeze !== undefined,
      total: withRates(totalOf(rows.filter((r) => inScope(scope, r.unitId)))),
    });
  }
  return { county: scope.all, months: out };
}

const monthsBefore = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};
