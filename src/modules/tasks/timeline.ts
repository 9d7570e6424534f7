import { and, eq, gte } from 'drizzle-orm';
import type { Deps } from '../../context.js';
import type { Db } from '../../db/client.js';
import type { Acting } from './access.js';
import type { TaskStatus } from './rules.js';
import { taskEvents } from './schema.js';

export interface TaskEvent {
  taskId: number;
  at: Date;
  actorId: number | null;
  actorName: string;
  kind: string;
  fromStatus?: TaskStatus;
  toStatus?: TaskStatus;
  note?: string;
}

/**
 * Adds one entry to a task's timeline (the history every viewer of the task sees). Other modules call this inside
 * their own transaction, so the change they make and its timeline entry are written together or not at all.
 */
export async function recordEvent(tx: Db, event: TaskEvent) {
  await tx.insert(taskEvents).values(event);
}

// Whether the task's timeline already has an entry of this kind since `since` (for once-a-day reminders).
export async function hasEventSince(tx: Db, taskId: number, kind: string, since: Date) {
  const [row] = await tx
    .select({ id: taskEvents.id })
    .from(taskEvents)
    .where(and(eq(taskEvents.taskId, taskId), eq(taskEvents.kind, kind), gte(taskEvents.at, since)))
    .limit(1);
  return row !== undefined;
}

// An entry by the person acting, at the clock's now.
export function writeEvent(tx: Db, deps: Deps, who: Acting, taskId: number, e: Pick<TaskEvent, 'kind' | 'fromStatus' | 'toStatus' | 'note'>) {
  return recordEvent(tx, { taskId, at: deps.clock.now(), actorId: who.actor.accountId, actorName: who.actor.displayName, ...e });
}
