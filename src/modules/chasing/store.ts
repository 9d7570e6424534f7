import { and, asc, eq, gt, inArray, min } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { taskMilestones, taskReports, tasks, taskSheets } from '../tasks/read.js';
import { chasingSettings, timeLimitRules } from './schema.js';

export const CHASED_STATUSES = ['assigned', 'signed', 'in_progress', 'closing_requested', 'returned'] as const;

export function listRules(db: Db) {
  return db.select().from(timeLimitRules).orderBy(asc(timeLimitRules.sortOrder), asc(timeLimitRules.id));
}

export async function getSettings(db: Db) {
  const [row] = await db.select().from(chasingSettings).where(eq(chasingSettings.id, 1));
  if (!row) throw new Error('chasing_settings row is missing; migrations were not applied');
  return row;
}

// One batch of tasks the scanner chases, in id order after `afterId`.
export function chasedTasks(db: Db, afterId: number, limit: number) {
  return db
    .select()
    .from(tasks)
    .where(and(gt(tasks.id, afterId), inArray(tasks.status, [...CHASED_STATUSES])))
    .orderBy(asc(tasks.id))
    .limit(limit);
}

export function sheetsFor(db: Db, taskIds: number[]) {
  if (!taskIds.length) return Promise.resolve([]);
  return db.select().from(taskSheets).where(inArray(taskSheets.taskId, taskIds)).orderBy(asc(taskSheets.issuedAt), asc(taskSheets.id));
}

export async function firstReports(db: Db, taskIds: number[]): Promise<Map<number, Date>> {
  if (!taskIds.length) return new Map();
  const rows = await db
    .select({ taskId: taskReports.taskId, at: min(taskReports.reportedAt) })
    .from(taskReports)
    .where(inArray(taskReports.taskId, taskIds))
    .groupBy(taskReports.taskId);
  return new Map(rows.filter((r) => r.at).map((r) => [r.taskId, new Date(r.at!)]));
}

export async function tasksWithMilestones(db: Db, taskIds: number[]): Promise<Set<number>> {
  if (!taskIds.length) return new Set();
  const rows = await db.selectDistinct({ taskId: taskMilestones.taskId }).from(taskMilestones).where(inArray(taskMilestones.taskId, taskIds));
  return new Set(rows.map((r) => r.taskId));
}

export async function findSheet(db: Db, id: number) {
  const [row] = await db.select().from(taskSheets).where(eq(taskSheets.id, id));
  return row;
}
