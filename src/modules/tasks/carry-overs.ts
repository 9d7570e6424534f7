import type { Db } from '../../db/client.js';
import { eq } from 'drizzle-orm';
import { taskCarryOvers } from './schema.js';

// 挂单 rows are the task's; the plans module's month-end roll-over writes them through these, in its transaction.

// One row per task and month: undefined when this carry-over exists already (a second run or a second process).
export async function insertCarryOver(tx: Db, values: typeof taskCarryOvers.$inferInsert) {
  const [row] = await tx
    .insert(taskCarryOvers)
    .values(values)
    .onConflictDoNothing({ target: [taskCarryOvers.taskId, taskCarryOvers.fromPeriod] })
    .returning();
  return row;
}

export async function writeCarryOverReason(tx: Db, id: number, reason: { reason: string; reasonBy: number; reasonAt: Date }) {
  const [row] = await tx.update(taskCarryOvers).set(reason).where(eq(taskCarryOvers.id, id)).returning();
  return row!;
}
