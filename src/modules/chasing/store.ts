import { and, asc, eq, gt, inArray, min, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { taskMilestones, taskReports, tasks, taskSheets } from '../tasks/read.js';
import { chaseMarks, chasingSettings, timeLimitRules } from './schema.js';

export const CHASED_STATUSES = ['assigned', 'signed', 'in_progress', 'closing_requested', 'returned'] as const;

export function listRules(db: Db) {
  return db.select().from(timeLimitRules).orderBy(asc(timeLimitRules.sortOrder), asc(timeLimitRules.id));
}

export async function getSettings(db: Db) {
  const [row] = await db.select().from(chasingSettings).where(eq(chasingSettings.id, 1));
  if (!row) throw new Error('chasing_settings row is missing; migrations were not applied');
  return row;
}

// One batch of the tasks the scanner must look at today, in id order after `afterId`: chased tasks with no mark, or
// whose mark is for another version of the task, for other rules (context), or whose quiet days are over.
export async function chasedTasks(db: Db, afterId: number, limit: number, today: string, context: string) {
  const rows = await db
    .select({ task: tasks })
    .from(tasks)
    .leftJoin(chaseMarks, eq(chaseMarks.taskId, tasks.id))
    .where(
      and(
        gt(tasks.id, afterId),
        inArray(tasks.status, [...CHASED_STATUSES]),
        eq(tasks.importedHistory, false),
        or(
          sql`${chaseMarks.taskId} is null`,
          sql`${chaseMarks.taskVersion} <> ${tasks.version}`,
          sql`${chaseMarks.context} <> ${context}`,
          sql`${chaseMarks.quietUntil} <= ${today}`,
        ),
      ),
    )
    .orderBy(asc(tasks.id))
    .limit(limit);
  return rows.map((r) => r.task);
}

export interface ChaseMark {
  taskId: number;
  taskVersion: number;
  context: string;
  quietUntil: string;
}

// One statement for a batch, its rows sent as one JSON parameter (not 800 parameters). A mark records the version the
// scanner read, so a change made meanwhile still differs.
export async function writeMarks(db: Db, marks: ChaseMark[]) {
  if (!marks.length) return;
  const rows = JSON.stringify(marks.map((m) => ({ task_id: m.taskId, task_version: m.taskVersion, context: m.context, quiet_until: m.quietUntil })));
  await db.execute(sql`
    insert into ${chaseMarks} (task_id, task_version, context, quiet_until)
    select * from json_to_recordset(${rows}::json) as m(task_id int, task_version int, context text, quiet_until date)
    on conflict (task_id) do update set task_version = excluded.task_version, context = excluded.context, quiet_until = excluded.quiet_until`);
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
