// 事项状态汇总: how many tasks stand in each status, from task_status_counts and the deltas the tasks trigger appends
// (schema.ts taskStatusCounts), so a count over a whole county or province reads a few rows per unit, not every task.
import { inArray, sql, type SQL } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import { taskStatusCounts, taskStatusDeltas } from './schema.js';
import type { TaskStatus } from './rules.js';

/**
 * The number of tasks in these statuses (led by these units, if given), as a scalar subquery: the folded counts plus
 * the deltas since.
 */
export function statusTotal(statuses: readonly TaskStatus[], leadUnitIds?: readonly number[]): SQL<number> {
  const list = [...statuses];
  const led = (column: SQL) => (leadUnitIds ? sql` and ${column} = any(${`{${leadUnitIds.join(',')}}`}::int[])` : sql``);
  return sql<number>`(select coalesce(sum(s.n), 0)::int from (
    select n from ${taskStatusCounts} where ${inArray(taskStatusCounts.status, list)}${led(sql`${taskStatusCounts.leadUnitId}`)}
    union all select n from ${taskStatusDeltas} where ${inArray(taskStatusDeltas.status, list)}${led(sql`${taskStatusDeltas.leadUnitId}`)}) s)`;
}

/**
 * Moves the deltas into the counts, in one statement: the deltas it deletes are exactly the ones it adds, and a
 * concurrent fold skips the rows this one deleted, so nothing is counted twice. Returns the deltas folded.
 */
export async function foldTaskStatusCounts(db: Db): Promise<number> {
  const [row] = await queryRows<{ folded: number }>(
    db,
    sql`with gone as (delete from ${taskStatusDeltas} returning lead_unit_id, status, n),
      added as (insert into ${taskStatusCounts} as c (lead_unit_id, status, n)
        select lead_unit_id, status, sum(n)::int from gone group by lead_unit_id, status
        on conflict (lead_unit_id, status) do update set n = c.n + excluded.n)
      select count(*)::int as folded from gone`,
  );
  return row!.folded;
}
