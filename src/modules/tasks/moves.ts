import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { TaskStatus } from './rules.js';
import { taskIndicators, tasks } from './schema.js';

/**
 * Moves a task's status on behalf of the closing review (filing, approval, rejection), inside the caller's
 * transaction. Guarded on the status the move starts from: undefined when the task has moved meanwhile.
 */
export async function moveTask(
  tx: Db,
  id: number,
  from: TaskStatus,
  set: Pick<typeof tasks.$inferInsert, 'closedOn' | 'closedLate' | 'percent'> & { status: TaskStatus; updatedAt: Date },
) {
  const [row] = await tx
    .update(tasks)
    .set({ ...set, version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.id, id), eq(tasks.status, from)))
    .returning();
  return row;
}

// The actuals the unit reported at closing become the task's indicator actuals once the task is closed.
export async function recordIndicatorActuals(tx: Db, taskId: number, results: { indicatorId: number; actual: number }[]) {
  for (const r of results) {
    await tx
      .update(taskIndicators)
      .set({ actual: r.actual })
      .where(and(eq(taskIndicators.id, r.indicatorId), eq(taskIndicators.taskId, taskId)));
  }
}
