import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { taskSheets } from './schema.js';

// Sheets (督办单) are the task's; the chasing module issues and signs its sheets through these, in its transaction.

// One sheet per task, kind, due kind and due day: undefined when the sheet has been issued already.
export async function insertChaseSheet(tx: Db, values: typeof taskSheets.$inferInsert) {
  const [row] = await tx
    .insert(taskSheets)
    .values(values)
    .onConflictDoNothing({ target: [taskSheets.taskId, taskSheets.kind, taskSheets.dueKind, taskSheets.dueDay] })
    .returning();
  return row;
}

// Guarded: undefined when the sheet was signed already.
export async function signChaseSheet(tx: Db, sheetId: number, signedBy: number, at: Date) {
  const [row] = await tx
    .update(taskSheets)
    .set({ signedAt: at, signedBy })
    .where(and(eq(taskSheets.id, sheetId), sql`${taskSheets.signedAt} is null`))
    .returning();
  return row;
}
