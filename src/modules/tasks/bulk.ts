import { sql } from 'drizzle-orm';
import type { Actor } from '../../context.js';
import type { Db } from '../../db/client.js';
import { taskCooperators, taskEvents, tasks } from './schema.js';

const CHUNK = 500;

export type DraftColumns = Omit<typeof tasks.$inferInsert, 'id' | 'status' | 'createdBy' | 'createdAt' | 'updatedAt'> & { cooperatorIds: number[] };

/**
 * Creates many draft tasks at once (the Excel import) inside the caller's transaction, each with its cooperators and
 * its "created" timeline entry. Ids come from the table's own sequence up front, so the rows can be written in bulk.
 */
export async function createDrafts(tx: Db, actor: Actor, now: Date, drafts: DraftColumns[], note: string): Promise<number[]> {
  const ids = await allocateTaskIds(tx, drafts.length);
  const taskRows = drafts.map(({ cooperatorIds: _c, ...t }, i) => ({
    ...t,
    id: ids[i]!,
    status: 'draft' as const,
    createdBy: actor.accountId,
    createdAt: now,
    updatedAt: now,
  }));
  const cooperatorRows = drafts.flatMap((t, i) => t.cooperatorIds.map((unitId) => ({ taskId: ids[i]!, unitId })));
  const eventRows = ids.map((taskId) => ({
    taskId,
    at: now,
    actorId: actor.accountId,
    actorName: actor.displayName,
    kind: 'created',
    toStatus: 'draft' as const,
    note,
  }));
  for (let i = 0; i < taskRows.length; i += CHUNK) await tx.insert(tasks).values(taskRows.slice(i, i + CHUNK));
  for (let i = 0; i < cooperatorRows.length; i += CHUNK) await tx.insert(taskCooperators).values(cooperatorRows.slice(i, i + CHUNK));
  for (let i = 0; i < eventRows.length; i += CHUNK) await tx.insert(taskEvents).values(eventRows.slice(i, i + CHUNK));
  return ids;
}

async function allocateTaskIds(tx: Db, n: number): Promise<number[]> {
  const rows = await tx.select({ id: sql<number>`nextval(pg_get_serial_sequence('tasks', 'id'))::int` }).from(sql`generate_series(1, ${n}::int)`);
  return rows.map((r) => r.id).sort((a, b) => a - b);
}
