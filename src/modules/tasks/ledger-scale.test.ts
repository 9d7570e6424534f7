import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { addCalendarDays, dayOf } from '../../calendar/rules.js';
import type { Actor } from '../../context.js';
import { loadScope } from '../org/scope.js';
import { units } from '../org/schema.js';
import { withRowScope } from '../../row-security.js';
import { ledgerOverview, listLedger } from './ledger.js';
import { statusColour, TASK_STATUSES, type StatusColour, type TaskStatus } from './rules.js';
import { taskCooperators, taskMilestones, tasks } from './schema.js';
import { foldTaskStatusCounts } from './status-counts.js';

// The ledger at a size where loading every row would show: a page, a deep page and the home overview each cost a
// fixed few statements, and no statement brings back more rows than the page asks for; the totals stay exact.

let deps: TestDeps;
let town: number;
let village: number;
let other: number;
const TASKS = 360;
const today = () => dayOf(deps.clock.now());

// Rows each statement brings back, read off the driver's client (both drivers answer `{ rows }` from `query`).
const returned: number[] = [];

const office: Actor = { accountId: 1, username: 'o', displayName: '督查室', roles: ['office'], personId: null, unitId: null, leaderId: null };
// As a session makes it: with its unit's path, so the scope is one statement.
const paths = new Map<number, string>();
const unitActor = (unitId: number): Actor => ({ ...office, roles: ['unit_head'], unitId, unitPath: paths.get(unitId)! });

interface Made {
  status: TaskStatus;
  deadline: string;
  lead: number;
  lateMilestone: boolean;
}
const made: Made[] = [];

beforeAll(async () => {
  deps = await testDeps();
  const at = new Date();
  const unit = async (code: string, path: (id: number) => string, parentId: number | null) => {
    const [row] = await deps.db
      .insert(units)
      .values({ code, name: code, kind: 'town', parentId, path: '/', createdAt: at, updatedAt: at })
      .returning({ id: units.id });
    paths.set(row!.id, path(row!.id));
    await deps.db
      .update(units)
      .set({ path: path(row!.id) })
      .where(eq(units.id, row!.id));
    return row!.id;
  };
  town = await unit('SCALE-T', (id) => `/${id}/`, null);
  village = await unit('SCALE-V', (id) => `/${town}/${id}/`, town);
  other = await unit('SCALE-O', (id) => `/${id}/`, null);
  const day = today();
  for (let i = 0; i < TASKS; i++) {
    made.push({
      status: TASK_STATUSES[i % TASK_STATUSES.length]!,
      deadline: addCalendarDays(day, (i % 23) - 8),
      lead: [town, village, other][i % 3]!,
      lateMilestone: i % 7 === 0,
    });
  }
  const rows = await deps.db
    .insert(tasks)
    .values(
      made.map((m, i) => ({
        title: `规模${i}`,
        source: 'meeting' as const,
        level: 'general' as const,
        leadUnitId: m.lead,
        startDate: addCalendarDays(day, -60),
        deadline: m.deadline,
        period: day.slice(0, 7),
        status: m.status,
        closedOn: m.status === 'closed' ? day : null,
        createdAt: at,
        updatedAt: at,
      })),
    )
    .returning({ id: tasks.id });
  await deps.db
    .insert(taskMilestones)
    .values(rows.flatMap((r, i) => (made[i]!.lateMilestone ? [{ taskId: r.id, name: '节点', dueDate: addCalendarDays(day, -2), doneDate: null }] : [])));
  // The other unit cooperates on every tenth task of the town: those enter its scope too.
  await deps.db.insert(taskCooperators).values(rows.filter((_, i) => i % 30 === 0).map((r) => ({ taskId: r.id, unitId: other, part: '配合' })));
  const client = (deps.db as unknown as { $client: { query: (...args: unknown[]) => Promise<{ rows: unknown[] }> } }).$client;
  const query = client.query.bind(client);
  client.query = async (...args: unknown[]) => {
    const result = await query(...args);
    returned.push(result.rows.length);
    return result;
  };
});
afterAll(() => deps.close());

// Runs `fn` and answers how many statements it sent and the most rows any of them brought back.
async function measure<T>(fn: () => Promise<T>) {
  const before = deps.statements();
  returned.length = 0;
  const result = await fn();
  const statements = deps.statements() - before;
  expect(returned).toHaveLength(statements);
  return { result, statements, mostRows: Math.max(...returned) };
}

const expectedCounts = (keep: (m: Made, i: number) => boolean) => {
  const counts: Record<StatusColour, number> = { green: 0, blue: 0, yellow: 0, red: 0, grey: 0 };
  for (const m of made.filter(keep)) {
    const milestones = m.lateMilestone ? [{ dueDate: addCalendarDays(today(), -2), doneDate: null }] : [];
    counts[statusColour({ status: m.status, deadline: m.deadline, closedOn: null, milestones }, today())] += 1;
  }
  return counts;
};

describe('the ledger at scale', () => {
  it('answers page 1 and a deep page in two statements, each bringing back at most a page, with exact totals', async () => {
    const first = await measure(() => listLedger(deps, office, { page: 1, pageSize: 10, sort: 'deadline' }));
    expect(first.statements).toBeLessThanOrEqual(2);
    expect(first.mostRows).toBeLessThanOrEqual(10);
    expect(first.result.items).toHaveLength(10);
    expect(first.result.total).toBe(TASKS);
    expect(first.result.counts).toEqual(expectedCounts(() => true));

    const deep = await measure(() => listLedger(deps, office, { page: 30, pageSize: 10, sort: '-deadline' }));
    expect(deep.statements).toBeLessThanOrEqual(2);
    expect(deep.mostRows).toBeLessThanOrEqual(10);
    expect(deep.result.items).toHaveLength(10);
    const last = await listLedger(deps, office, { page: 36, pageSize: 10, sort: '-deadline' });
    expect(last.items.at(-1)!.deadline).toBe(made.map((m) => m.deadline).sort()[0]);

    const red = await measure(() => listLedger(deps, office, { page: 2, pageSize: 10, colour: 'red', sort: 'deadline' }));
    expect(red.statements).toBeLessThanOrEqual(2);
    expect(red.mostRows).toBeLessThanOrEqual(10);
    expect(red.result.total).toBe(expectedCounts(() => true).red);
    expect(red.result.items.every((i) => i.colour === 'red')).toBe(true);
  });

  it('a unit sees its subtree and what it cooperates on, in three statements with its scope', async () => {
    const inTown = await measure(() => listLedger(deps, unitActor(town), { page: 1, pageSize: 10 }));
    expect(inTown.statements).toBeLessThanOrEqual(3);
    expect(inTown.mostRows).toBeLessThanOrEqual(10);
    expect(inTown.result.counts).toEqual(expectedCounts((m) => m.lead !== other));

    const seenByOther = (m: Made, i: number) => m.lead === other || (i % 30 === 0 && m.lead !== other);
    const ofOther = await measure(() => listLedger(deps, unitActor(other), { page: 1, pageSize: 10 }));
    expect(ofOther.statements).toBeLessThanOrEqual(3);
    expect(ofOther.result.total).toBe(made.filter(seenByOther).length);
    // The closed and grey tasks a scope's units lead are counted from the status summary, the ones it only
    // cooperates on are read: both exact, before and after the summary's deltas are folded into its counts.
    expect(ofOther.result.counts).toEqual(expectedCounts(seenByOther));
    await foldTaskStatusCounts(deps.db);
    expect((await listLedger(deps, unitActor(other), { page: 1, pageSize: 10 })).counts).toEqual(expectedCounts(seenByOther));
    expect((await listLedger(deps, unitActor(town), { page: 1, pageSize: 10 })).counts).toEqual(expectedCounts((m) => m.lead !== other));
  });

  it('the home overview is the ledger pages it replaces, in two statements', async () => {
    const { result: o, statements, mostRows } = await measure(() => ledgerOverview(deps, office, { size: 6, weekSize: 20 }));
    expect(statements).toBeLessThanOrEqual(2);
    expect(mostRows).toBeLessThanOrEqual(6 * 3 + 20);
    const page = (q: Parameters<typeof listLedger>[2]) => listLedger(deps, office, q);
    const all = await page({ page: 1, pageSize: 1 });
    expect({ total: o.total, counts: o.counts }).toEqual({ total: all.total, counts: all.counts });
    const ids = (items: { id: number }[]) => items.map((i) => i.id);
    const red = await page({ page: 1, pageSize: 6, colour: 'red', sort: 'deadline' });
    const yellow = await page({ page: 1, pageSize: 6, colour: 'yellow', sort: 'deadline' });
    const missing = await page({ page: 1, pageSize: 6, missingReport: true, sort: 'deadline' });
    const todo = await page({ page: 1, pageSize: 1, status: ['closing_requested'] });
    expect(ids(o.red)).toEqual(ids(red.items));
    expect(o.red).toHaveLength(6);
    expect(ids(o.yellow)).toEqual(ids(yellow.items));
    expect({ total: o.missing.total, ids: ids(o.missing.items) }).toEqual({ total: missing.total, ids: ids(missing.items) });
    expect(o.todo).toEqual({ status: 'closing_requested', total: todo.total });
    const week = await page({
      page: 1,
      pageSize: 20,
      status: ['assigned', 'signed', 'in_progress', 'closing_requested', 'returned'],
      deadlineFrom: o.dueThisWeek.from,
      deadlineTo: o.dueThisWeek.to,
      sort: 'deadline',
    });
    expect(o.dueThisWeek.total).toBe(week.total);
    expect(o.dueThisWeek.total).toBeGreaterThan(0);
    expect(ids(o.dueThisWeek.items)).toEqual(ids(week.items));
    // 2026-03-25 is a Wednesday: the week runs to Sunday the 29th.
    expect(o.dueThisWeek).toMatchObject({ from: '2026-03-25', to: '2026-03-29' });
    const unit = await ledgerOverview(deps, unitActor(town), { size: 6, weekSize: 20 });
    expect(unit.todo?.status).toBe('assigned');
  });

  it('under row-level security (a unit request) the page and the home cost one statement more (plus BEGIN and COMMIT on PostgreSQL), with the same answers', async () => {
    const actor = unitActor(town);
    const q = { page: 1, pageSize: 10 };
    // As a request opens it (row-security.ts): the scope, then the transaction's settings; the services reuse the scope.
    // Counted in statements only: inside a transaction PostgreSQL's statements go to a client the row count misses.
    const scoped = async <T>(fn: (d: TestDeps) => Promise<T>) => {
      const before = deps.statements();
      const scope = await loadScope(deps.db, actor);
      if (scope.all) throw new Error('not scoped');
      const result = await withRowScope(deps.db, actor, scope, (tx) => fn({ ...deps, db: tx }));
      return { result, statements: deps.statements() - before };
    };
    // PostgreSQL's driver logs the transaction's BEGIN and COMMIT as statements; PGlite's does not.
    const more = process.env.TEST_DATABASE_URL ? 3 : 1;
    const plain = await measure(() => listLedger(deps, actor, q));
    const secured = await scoped((d) => listLedger(d, actor, q));
    expect(secured.statements).toBe(plain.statements + more);
    expect(secured.result).toEqual(plain.result);
    const home = await measure(() => ledgerOverview(deps, actor, { size: 6, weekSize: 20 }));
    const securedHome = await scoped((d) => ledgerOverview(d, actor, { size: 6, weekSize: 20 }));
    expect(securedHome.statements).toBe(home.statements + more);
    expect(securedHome.result).toEqual(home.result);
  });
});
