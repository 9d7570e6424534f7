import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { queryRows } from '../../db/client.js';
import { units } from '../org/schema.js';
import { TASK_STATUSES, type TaskStatus } from './rules.js';
import { tasks } from './schema.js';
import { foldTaskStatusCounts, statusTotal } from './status-counts.js';

// The status summary against the tasks themselves: whatever is written, the counts plus the deltas are the tasks'
// own count per lead unit and status, before and after folding.
let deps: TestDeps;
const made: number[] = [];
let unitIds: number[] = [];

const actual = (db = deps.db) =>
  queryRows<{ unit: number; status: string; n: number }>(
    db,
    sql`select lead_unit_id as unit, status, count(*)::int as n from tasks group by 1, 2 having count(*) > 0 order by 1, 2`,
  );
const summarised = (db = deps.db) =>
  queryRows<{ unit: number; status: string; n: number }>(
    db,
    sql`select lead_unit_id as unit, status, sum(n)::int as n from (select lead_unit_id, status, n from task_status_counts
      union all select lead_unit_id, status, n from task_status_deltas) s group by 1, 2 having sum(n) <> 0 order by 1, 2`,
  );

async function addTasks(count: number, status: (i: number) => TaskStatus) {
  const at = new Date();
  const rows = await deps.db
    .insert(tasks)
    .values(
      Array.from({ length: count }, (_, i) => ({
        title: `汇总${made.length + i}`,
        source: 'meeting' as const,
        level: 'general' as const,
        leadUnitId: unitIds[i % unitIds.length]!,
        startDate: '2026-03-01',
        deadline: '2026-03-31',
        period: '2026-03',
        status: status(i),
        createdAt: at,
        updatedAt: at,
      })),
    )
    .returning({ id: tasks.id });
  made.push(...rows.map((r) => r.id));
}

beforeAll(async () => {
  deps = await testDeps();
  const at = new Date();
  const rows = await deps.db
    .insert(units)
    .values(['SUM-A', 'SUM-B', 'SUM-C'].map((code) => ({ code, name: code, kind: 'town' as const, parentId: null, path: '/', createdAt: at, updatedAt: at })))
    .returning({ id: units.id });
  unitIds = rows.map((r) => r.id);
});
afterAll(() => deps.close());

describe('the task status summary', () => {
  it('follows inserts, status changes, a change of lead unit and deletes; other updates add nothing; folding changes no total', async () => {
    await addTasks(60, (i) => TASK_STATUSES[i % TASK_STATUSES.length]!);
    expect(await summarised()).toEqual(await actual());

    const deltas = async () => (await queryRows<{ n: number }>(deps.db, sql`select count(*)::int as n from task_status_deltas`))[0]!.n;
    const before = await deltas();
    await deps.db
      .update(tasks)
      .set({ title: '改了标题', percent: 50 })
      .where(inArray(tasks.id, made.slice(0, 10)));
    expect(await deltas()).toBe(before);
    // Two deltas per task whose status changes (one out, one in); none when the status is set to what it was.
    const two = made.slice(10, 12);
    const [changing] = await queryRows<{ n: number }>(
      deps.db,
      sql`select count(*)::int as n from tasks where id in (${sql.join(two, sql`, `)}) and status <> 'signed'`,
    );
    expect(changing!.n).toBeGreaterThan(0);
    await deps.db.update(tasks).set({ status: 'signed' }).where(inArray(tasks.id, two));
    expect(await deltas()).toBe(before + 2 * changing!.n);
    await deps.db.update(tasks).set({ status: 'signed' }).where(inArray(tasks.id, two));
    expect(await deltas()).toBe(before + 2 * changing!.n);

    await deps.db
      .update(tasks)
      .set({ status: 'closed' })
      .where(inArray(tasks.id, made.slice(12, 30)));
    await deps.db
      .update(tasks)
      .set({ leadUnitId: unitIds[2]! })
      .where(inArray(tasks.id, made.slice(20, 40)));
    await deps.db.delete(tasks).where(inArray(tasks.id, made.slice(50, 55)));
    expect(await summarised()).toEqual(await actual());

    const folded = await foldTaskStatusCounts(deps.db);
    expect(folded).toBeGreaterThan(0);
    expect(await deltas()).toBe(0);
    expect(await summarised()).toEqual(await actual());
    expect(await foldTaskStatusCounts(deps.db)).toBe(0);

    await deps.db.update(tasks).set({ status: 'cancelled' }).where(eq(tasks.id, made[0]!));
    expect(await summarised()).toEqual(await actual());
    const [closed] = await queryRows<{ n: number }>(deps.db, sql`select ${statusTotal(['closed'])} as n`);
    const [really] = await queryRows<{ n: number }>(deps.db, sql`select count(*)::int as n from tasks where status = 'closed'`);
    expect(closed!.n).toBe(really!.n);
  });

  it('a rolled-back change leaves no delta', async () => {
    const before = await summarised();
    await expect(
      deps.db.transaction(async (tx) => {
        await tx
          .update(tasks)
          .set({ status: 'closed' })
          .where(inArray(tasks.id, made.slice(0, 5)));
        throw new Error('回滚');
      }),
    ).rejects.toThrow('回滚');
    expect(await summarised()).toEqual(before);
  });

  // Writers append deltas and never update a shared row, so they do not wait on each other or on a fold; folds running
  // at once count every delta exactly once. Only a server with several connections can show it.
  it.skipIf(!process.env.TEST_DATABASE_URL)('stays exact under concurrent writers and folds', async () => {
    await addTasks(50, () => 'assigned');
    const mine = made.slice(-50);
    const writer = (k: number) =>
      deps.db.transaction(async (tx) => {
        for (let j = 0; j < 5; j++) {
          const ids = mine.filter((_, i) => (i + j + k) % 7 === 0);
          await tx
            .update(tasks)
            .set({ status: TASK_STATUSES[(j + k) % TASK_STATUSES.length]! })
            .where(inArray(tasks.id, ids));
        }
      });
    const folds = () => Promise.all([foldTaskStatusCounts(deps.db), foldTaskStatusCounts(deps.db)]);
    await Promise.all([writer(1), folds(), writer(2), folds(), writer(3), folds()]);
    expect(await summarised()).toEqual(await actual());
    await folds();
    expect(await summarised()).toEqual(await actual());
  });
});
