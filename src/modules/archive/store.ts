// The archive's reads, all through other modules' read models (tables re-exported for joins).
import { and, asc, eq, gte, inArray, isNull, lte, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { closingRequests } from '../closing/read.js';
import { units } from '../org/read.js';
import { reviewAppeals } from '../review/read.js';
import { taskReports, tasks, taskSheets } from '../tasks/read.js';

export async function findUnit(db: Db, id: number) {
  const [row] = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, id));
  return row;
}

// The unit's own items of the year: top-level tasks it leads whose month lies in the year, drafts left out.
export function itemsOf(db: Db, unitId: number, year: number) {
  return db
    .select({
      id: tasks.id,
      title: tasks.title,
      period: tasks.period,
      deadline: tasks.deadline,
      status: tasks.status,
      standard: tasks.standard,
      closedOn: tasks.closedOn,
      closedLate: tasks.closedLate,
      percent: tasks.percent,
      responsibleName: tasks.responsibleName,
    })
    .from(tasks)
    .where(
      and(eq(tasks.leadUnitId, unitId), isNull(tasks.parentId), ne(tasks.status, 'draft'), gte(tasks.period, `${year}-01`), lte(tasks.period, `${year}-12`)),
    )
    .orderBy(asc(tasks.period), asc(tasks.id));
}

const ids = (taskIds: number[]) => (taskIds.length ? taskIds : [0]);

export const sheetsOf = (db: Db, taskIds: number[]) =>
  db
    .select({ taskId: taskSheets.taskId, kind: taskSheets.kind, number: taskSheets.number, issuedAt: taskSheets.issuedAt, signedAt: taskSheets.signedAt })
    .from(taskSheets)
    .where(inArray(taskSheets.taskId, ids(taskIds)))
    .orderBy(asc(taskSheets.issuedAt), asc(taskSheets.id));

export const reportsOf = (db: Db, taskIds: number[]) =>
  db
    .select({
      taskId: taskReports.taskId,
      reportedAt: taskReports.reportedAt,
      text: taskReports.text,
      percent: taskReports.percent,
      problems: taskReports.problems,
    })
    .from(taskReports)
    .where(inArray(taskReports.taskId, ids(taskIds)))
    .orderBy(asc(taskReports.reportedAt), asc(taskReports.id));

export const closingsOf = (db: Db, taskIds: number[]) =>
  db
    .select({
      taskId: closingRequests.taskId,
      status: closingRequests.status,
      summary: closingRequests.summary,
      finishedOn: closingRequests.finishedOn,
      filedAt: closingRequests.filedAt,
      decidedAt: closingRequests.decidedAt,
    })
    .from(closingRequests)
    .where(inArray(closingRequests.taskId, ids(taskIds)))
    .orderBy(asc(closingRequests.filedAt), asc(closingRequests.id));

export const appealsOf = (db: Db, unitId: number, year: number) =>
  db
    .select({
      period: reviewAppeals.period,
      subject: reviewAppeals.subject,
      reason: reviewAppeals.reason,
      status: reviewAppeals.status,
      decisionReason: reviewAppeals.decisionReason,
      filedAt: reviewAppeals.filedAt,
    })
    .from(reviewAppeals)
    .where(and(eq(reviewAppeals.unitId, unitId), gte(reviewAppeals.period, `${year}-01`), lte(reviewAppeals.period, `${year}-12`)))
    .orderBy(asc(reviewAppeals.period), asc(reviewAppeals.id));
