// The ledger (工作台账): the tasks in the actor's data scope, filtered, counted and paged in the database.
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps } from '../../context.js';
import type { Db } from '../../db/client.js';
import { authorize } from '../../permissions.js';
import { loadScope } from '../org/scope.js';
import { ledgerBatch, ledgerCounts, type LedgerFilter, ledgerPage, type LedgerPageRow, type LedgerSort, nextMilestones } from './ledger-store.js';
import type { StatusColour } from './rules.js';
import { cooperatorsOf, type TaskFilter } from './store.js';

export interface LedgerQuery extends Omit<TaskFilter, 'scope' | 'overdueOn' | 'unitId'> {
  unitId?: number;
  colour?: StatusColour;
  overdue?: boolean;
  missingReport?: boolean;
  sort?: LedgerSort;
  page: number;
  pageSize: number;
}

export type LedgerFilters = Omit<LedgerQuery, 'page' | 'pageSize'>;

// Scope: a task is visible to whoever may see its lead unit or one of its cooperating units, or leads it as leader.
async function ledgerFilter(deps: Deps, actor: Actor, q: LedgerFilters): Promise<{ filter: LedgerFilter; today: string }> {
  authorize(actor, 'task.read');
  const scope = await loadScope(deps.db, actor);
  const today = dayOf(deps.clock.now());
  const filter: LedgerFilter = {
    ...q,
    scope: scope.all ? undefined : { unitIds: [...scope.unitIds], leaderId: actor.leaderId },
    unitId: q.unitId === undefined ? undefined : [q.unitId],
    overdueOn: q.overdue ? today : undefined,
  };
  return { filter, today };
}

// Cooperators and the next milestone, read only for the rows on hand.
async function withDetails(db: Db, rows: LedgerPageRow[]) {
  const ids = rows.map((r) => r.id);
  const [cooperators, next] = await Promise.all([cooperatorsOf(db, ids), nextMilestones(db, ids)]);
  return rows.map((r) => ({
    ...r,
    cooperators: cooperators.filter((c) => c.taskId === r.id).map(({ unitId, unitName, part }) => ({ unitId, unitName, part })),
    lastReportAt: r.lastReportAt?.toISOString() ?? null,
    nextMilestone: next.get(r.id) ?? null,
  }));
}

export type LedgerRow = Awaited<ReturnType<typeof withDetails>>[number];

/** One page with the exact total and the colour counts (taken before the colour filter: each chip shows its own number). */
export async function listLedger(deps: Deps, actor: Actor, q: LedgerQuery) {
  const { filter, today } = await ledgerFilter(deps, actor, q);
  const { total, counts } = await ledgerCounts(deps.db, filter, today);
  const rows = await ledgerPage(deps.db, filter, today, q.sort, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { total, counts, items: await withDetails(deps.db, rows) };
}

/** Every matching row in ledger order, a batch at a time (keyset on the sort key and id), so memory stays flat. */
export async function* ledgerBatches(deps: Deps, actor: Actor, q: LedgerFilters, size = 1000): AsyncGenerator<LedgerRow[]> {
  const { filter, today } = await ledgerFilter(deps, actor, q);
  const key = (q.sort ?? 'deadline').replace('-', '') as 'deadline' | 'updatedAt' | 'percent';
  let after: { key: unknown; id: number } | null = null;
  for (;;) {
    const rows = await ledgerBatch(deps.db, filter, today, q.sort, after, size);
    if (!rows.length) return;
    yield await withDetails(deps.db, rows);
    const last = rows.at(-1)!;
    const value = last[key];
    after = { key: value instanceof Date ? value.toISOString() : value, id: last.id };
  }
}
