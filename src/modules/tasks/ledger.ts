// The ledger (工作台账): the tasks in the actor's data scope, filtered, counted and paged in the database.
import { sql, type SQL } from 'drizzle-orm';
import { addCalendarDays, dayOf } from '../../calendar/rules.js';
import type { Actor, Deps } from '../../context.js';
import { authorize } from '../../permissions.js';
import { qualified } from '../../db/columns.js';
import { loadScope } from '../org/scope.js';
import { badRequest } from '../../errors.js';
import { ownerUnitOf } from './categories.js';
import { afterRow, decodeCursor, encodeCursor } from './ledger-cursor.js';
import {
  colourSql,
  countByColour,
  countScopeByColour,
  ledgerBatch,
  ledgerCounts,
  type LedgerFilter,
  ledgerIds,
  ledgerPage,
  type LedgerRow as StoredRow,
  ledgerRows,
  type Keyset,
  type LedgerSort,
  missingSql,
  onlyScope,
} from './ledger-store.js';
import { type StatusColour, type TaskStatus } from './rules.js';
import { filterConditions, type TaskFilter } from './store.js';
import { tasks } from './schema.js';

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
    scope: scope.all ? undefined : { unitIds: [...scope.unitIds], leaderId: actor.leaderId, ownerUnitId: ownerUnitOf(actor) },
    unitId: q.unitId === undefined ? undefined : [q.unitId],
    overdueOn: q.overdue ? today : undefined,
  };
  return { filter, today };
}

const present = (r: StoredRow) => ({ ...r, lastReportAt: r.lastReportAt?.toISOString() ?? null });

export type LedgerRow = ReturnType<typeof present>;

/**
 * One page with the exact total and the colour counts (taken before the colour filter: each chip shows its own
 * number): two statements after the scope, the counts and the page's rows, whatever the page number.
 */
export async function listLedger(deps: Deps, actor: Actor, q: LedgerQuery & { cursor?: string }) {
  const sort = q.sort ?? 'deadline';
  const after = q.cursor === undefined ? null : decodeCursor(q.cursor, sort);
  if (after && q.page !== 1) throw badRequest('BAD_CURSOR', '翻页位置与页码不能同时使用');
  const { filter, today } = await ledgerFilter(deps, actor, q);
  const { total, rest, counts } = await ledgerCounts(deps.db, filter, today, after ? { sort, after } : undefined);
  const offset = (q.page - 1) * q.pageSize;
  const rows = await ledgerPage(deps.db, filter, today, sort, after ? { limit: q.pageSize, after } : { limit: q.pageSize, offset });
  // The matching tasks from this page's first on: more than the page holds means another page follows.
  const left = after ? rest : total - offset;
  const last = rows.at(-1);
  const nextCursor = last && left > rows.length ? encodeCursor(sort, afterRow(sort, last)) : null;
  return { total, counts, items: rows.map(present), nextCursor };
}

/** Every matching row in ledger order, a batch at a time (keyset on the sort key and id), so memory stays flat. */
export async function* ledgerBatches(deps: Deps, actor: Actor, q: LedgerFilters, size = 1000): AsyncGenerator<LedgerRow[]> {
  const { filter, today } = await ledgerFilter(deps, actor, q);
  const sort = q.sort ?? 'deadline';
  let after: Keyset | null = null;
  for (;;) {
    const rows = await ledgerBatch(deps.db, filter, today, sort, after, size);
    if (!rows.length) return;
    yield rows.map(present);
    after = afterRow(sort, rows.at(-1)!);
  }
}

// The home page's to-do figure of each role: the office decides closing requests, a unit signs for new tasks.
function todoOf(actor: Actor): TaskStatus | null {
  if (actor.roles.includes('office')) return 'closing_requested';
  if (actor.roles.includes('unit_head') || actor.roles.includes('unit_liaison')) return 'assigned';
  return null;
}
const OPEN_STATUSES: TaskStatus[] = ['assigned', 'signed', 'in_progress', 'closing_requested', 'returned'];

// Sunday of the (Monday-first) week holding `day`.
const weekEnd = (day: string) => addCalendarDays(day, (7 - new Date(`${day}T00:00:00Z`).getUTCDay()) % 7);

/**
 * The home page's figures from the ledger (工作台概况) in two statements after the scope: the total, the colour
 * counts, the missing reports, the role's to-do status and the open tasks due this week counted in one; then the first
 * `size` red, yellow and missing-report tasks and the first `weekSize` due this week, in deadline order, read in one.
 * Each list is exactly the ledger's page for its filter (GET /tasks?colour=red&sort=deadline&pageSize=size …).
 */
export async function ledgerOverview(deps: Deps, actor: Actor, q: { size: number; weekSize: number }) {
  const { filter, today } = await ledgerFilter(deps, actor, {});
  const todoStatus = todoOf(actor);
  const week = { from: today, to: weekEnd(today) };
  const inWeek = (f: LedgerFilter) => ({ ...f, status: OPEN_STATUSES, deadlineFrom: week.from, deadlineTo: week.to });
  const db = deps.db;
  // One pass over the tasks in scope: each task's colour and missing flag worked out once, then counted. Over every
  // task (a county-wide actor) the pass reads the open tasks only (countByColour): the missing reports, the to-do and
  // the week's deadlines are all open tasks.
  const [missing, status, deadline] = ['missing', 'status', 'deadline'].map((c) => sql`${sql.identifier(c)}`) as [SQL, SQL, SQL];
  const columns = { missing: missingSql(today), status: qualified(tasks.status), deadline: qualified(tasks.deadline) };
  const figures = {
    missing: sql`${missing}`,
    todo: sql`${status} = ${todoStatus ?? 'assigned'}`,
    dueThisWeek: sql`${status} in ${OPEN_STATUSES} and ${deadline} between ${week.from} and ${week.to}`,
  };
  // A unit's or a leader's home: its scope's open tasks and summary (countScopeByColour); the office's: every open task.
  const {
    row,
    colours: counts,
    total,
  } = (onlyScope(filter) ? await countScopeByColour(db, today, columns, filter.scope, figures) : null) ??
  (await countByColour(db, { ...columns, colour: colourSql(today) }, filterConditions(filter), figures));
  const { missing: missingTotal, todo, dueThisWeek } = row;
  const lists = [
    ledgerIds({ ...filter, colour: 'red' }, today, 'deadline', { limit: q.size }),
    ledgerIds({ ...filter, colour: 'yellow' }, today, 'deadline', { limit: q.size }),
    ledgerIds({ ...filter, missingReport: true }, today, 'deadline', { limit: q.size }),
    ledgerIds(inWeek(filter), today, 'deadline', { limit: q.weekSize }),
  ];
  const rows = (
    await ledgerRows(
      db,
      sql.join(
        lists.map((l) => sql`(${l})`),
        sql` union all `,
      ),
      today,
      'deadline',
    )
  ).map(present);
  // The rows come in ledger order, so each list is its first rows that match (any extra row is later in the order).
  const first = (match: (r: LedgerRow) => boolean, n: number) => rows.filter(match).slice(0, n);
  return {
    today,
    total,
    counts: counts satisfies Record<StatusColour, number>,
    red: first((r) => r.colour === 'red', q.size),
    yellow: first((r) => r.colour === 'yellow', q.size),
    missing: { total: missingTotal, items: first((r) => r.reportMissing, q.size) },
    todo: todoStatus ? { status: todoStatus, total: todo } : null,
    dueThisWeek: {
      ...week,
      total: dueThisWeek,
      items: first((r) => OPEN_STATUSES.includes(r.status) && r.deadline >= week.from && r.deadline <= week.to, q.weekSize),
    },
  };
}
