import { desc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { taskReports } from '../tasks/read.js';

export interface LatestReport {
  text: string;
  reportedAt: Date;
}

// The newest progress report of each task, for the ledger's 进展情况 column.
export async function latestReports(db: Db, taskIds: number[]): Promise<Map<number, LatestReport>> {
  if (!taskIds.length) return new Map();
  const rows = await db
    .selectDistinctOn([taskReports.taskId], { taskId: taskReports.taskId, text: taskReports.text, reportedAt: taskReports.reportedAt })
    .from(taskReports)
    .where(inArray(taskReports.taskId, taskIds))
    .orderBy(taskReports.taskId, desc(taskReports.reportedAt), desc(taskReports.id));
  return new Map(rows.map(({ taskId, ...r }) => [taskId, r]));
}
