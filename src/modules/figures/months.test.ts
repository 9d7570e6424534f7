// Which months wait to be frozen: asked every minute, so it must not read every task.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, handOver, login } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { monthsToFreeze, monthsToFreezeQuery } from './store.js';

let deps: TestDeps;

beforeAll(async () => {
  deps = await testDeps();
  const app = await demoApp(deps);
  deps.clock.set('2026-03-02T09:00:00+08:00');
  const office = await login(app, 'duchashi');
  const id = await handOver(app, office, buildTaskInput({ leadUnitId: await unitId(deps.db, 'T01'), deadline: '2026-06-30' }));
  // 3,000 tasks over 30 months (2024-01 … 2026-06), copied in SQL; one carried into a month that has no planned task.
  const columns = (
    await queryRows<{ c: string }>(
      deps.db,
      sql`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'tasks' AND column_name NOT IN ('id', 'period')`,
    )
  ).map((r) => `"${r.c}"`);
  const list = sql.raw(columns.join(', '));
  await deps.db.execute(sql`
    INSERT INTO tasks (${list}, period)
    SELECT ${list}, to_char(date '2024-01-01' + make_interval(months => (n % 30)), 'YYYY-MM') FROM tasks, generate_series(1, 3000) n WHERE id = ${id}`);
  await deps.db.execute(
    sql`INSERT INTO task_carry_overs (task_id, from_period, to_period, reason, created_at) VALUES (${id}, '2026-03', '2026-07', '', now())`,
  );
  await deps.db.execute(sql`ANALYZE tasks`);
  await deps.db.execute(sql`ANALYZE task_carry_overs`);
});
afterAll(() => deps.close());

type Plan = { 'Relation Name'?: string; 'Actual Rows': number; 'Actual Loops': number; Plans?: Plan[] };
const rowsRead = (plan: Plan, table: string): number =>
  (plan['Relation Name'] === table ? plan['Actual Rows'] * plan['Actual Loops'] : 0) + (plan.Plans ?? []).reduce((n, p) => n + rowsRead(p, table), 0);

describe('months to freeze', () => {
  it('finds every ended month with tasks, not yet frozen, reading one task per month rather than all of them', async () => {
    const started = performance.now();
    const months = await monthsToFreeze(deps.db, '2026-08');
    const ms = performance.now() - started;
    expect(months).toHaveLength(31);
    expect(months[0]).toBe('2024-01');
    expect(months.at(-1)).toBe('2026-07');
    expect(await monthsToFreeze(deps.db, '2024-03')).toEqual(['2024-01', '2024-02']);

    const [explained] = await queryRows<{ 'QUERY PLAN': [{ Plan: Plan }] }>(deps.db, sql`EXPLAIN (ANALYZE, FORMAT JSON) ${monthsToFreezeQuery('2026-08')}`);
    const read = Math.round(rowsRead(explained!['QUERY PLAN'][0].Plan, 'tasks'));
    console.log(`monthsToFreeze over 3001 tasks: ${ms.toFixed(1)} ms, ${read} task rows read`);
    expect(read).toBeLessThanOrEqual(31);
  });
});
