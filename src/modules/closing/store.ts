import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { conflict } from '../../errors.js';
import { accounts } from '../auth/read.js';
import { reviewOffices, units } from '../org/read.js';
import { filterConditions, type TaskFilter, taskCategories, tasks } from '../tasks/read.js';
import { closingRequests, closingReviews, closingSiteChecks } from './schema.js';

export type RequestStatus = (typeof closingRequests.$inferSelect)['status'];

export async function findRequest(db: Db, id: number) {
  const [row] = await db.select().from(closingRequests).where(eq(closingRequests.id, id));
  return row;
}

// Held until the transaction ends: whoever decides a request decides it alone.
export async function lockRequest(tx: Db, id: number) {
  const [row] = await tx.select().from(closingRequests).where(eq(closingRequests.id, id)).for('update');
  return row!;
}

export async function pendingRequestOf(db: Db, taskId: number) {
  const [row] = await db
    .select({ id: closingRequests.id })
    .from(closingRequests)
    .where(and(eq(closingRequests.taskId, taskId), eq(closingRequests.status, 'pending')));
  return row;
}

export async function insertRequest(tx: Db, values: typeof closingRequests.$inferInsert) {
  try {
    const [row] = await tx.insert(closingRequests).values(values).returning();
    return row!;
  } catch (err) {
    // The partial unique index allows one pending request per task.
    if (isUniqueViolation(err)) throw pendingExists();
    throw err;
  }
}

export const pendingExists = () => conflict('CLOSING_PENDING', '该事项已有待审核的销号申请');

// Guarded: zero rows means someone else decided first.
// `late` is decided again against the deadline in force when settling (closedLate in rules.ts).
export async function settleRequest(tx: Db, id: number, status: 'approved' | 'rejected', at: Date, late: boolean) {
  const rows = await tx
    .update(closingRequests)
    .set({ status, decidedAt: at, late })
    .where(and(eq(closingRequests.id, id), eq(closingRequests.status, 'pending')))
    .returning({ id: closingRequests.id });
  return rows.length === 1;
}

// A pending request of a task that is being cancelled goes with it.
export async function settlePendingOfTask(tx: Db, taskId: number, at: Date) {
  await tx
    .update(closingRequests)
    .set({ status: 'rejected', decidedAt: at })
    .where(and(eq(closingRequests.taskId, taskId), eq(closingRequests.status, 'pending')));
}

// undefined when this office (or owning unit) has already decided.
export async function insertReview(tx: Db, values: typeof closingReviews.$inferInsert) {
  const [row] = await tx.insert(closingReviews).values(values).onConflictDoNothing().returning();
  return row;
}

export function reviewsOf(db: Db, requestIds: number[]) {
  if (!requestIds.length) return Promise.resolve([]);
  return db
    .select({
      id: closingReviews.id,
      requestId: closingReviews.requestId,
      officeId: closingReviews.officeId,
      unitId: closingReviews.unitId,
      // The office's name, or the owning unit's.
      officeName: sql<string>`coalesce(${reviewOffices.name}, ${units.name})`,
      reviewerName: accounts.displayName,
      decision: closingReviews.decision,
      comment: closingReviews.comment,
      at: closingReviews.at,
    })
    .from(closingReviews)
    .leftJoin(reviewOffices, eq(reviewOffices.id, closingReviews.officeId))
    .leftJoin(units, eq(units.id, closingReviews.unitId))
    .innerJoin(accounts, eq(accounts.id, closingReviews.reviewerId))
    .where(inArray(closingReviews.requestId, requestIds))
    .orderBy(asc(closingReviews.at), asc(closingReviews.id));
}

export async function insertSiteCheck(tx: Db, values: typeof closingSiteChecks.$inferInsert) {
  const [row] = await tx.insert(closingSiteChecks).values(values).returning();
  return row!;
}

export function siteChecksOf(db: Db, requestId: number) {
  return db
    .select({
      id: closingSiteChecks.id,
      checkedOn: closingSiteChecks.checkedOn,
      checkedByName: accounts.displayName,
      notes: closingSiteChecks.notes,
      attachmentIds: closingSiteChecks.attachmentIds,
      at: closingSiteChecks.at,
    })
    .from(closingSiteChecks)
    .innerJoin(accounts, eq(accounts.id, closingSiteChecks.checkedBy))
    .where(eq(closingSiteChecks.requestId, requestId))
    .orderBy(asc(closingSiteChecks.checkedOn), asc(closingSiteChecks.id));
}

export interface RequestFilter {
  // The tasks' data scope, as in the ledger: undefined = everything.
  scope?: TaskFilter['scope'];
  status?: RequestStatus;
  taskId?: number;
  // 待我审核: pending requests this office, or this owning unit, has still to decide.
  toReview?: { officeId: number } | { ownerUnitId: number };
}

// The owning unit of the task's category (归口单位), by its name.
const ownerUnits = alias(units, 'owner_units');

const requestColumns = {
  request: closingRequests,
  taskTitle: tasks.title,
  taskStatus: tasks.status,
  taskDeadline: tasks.deadline,
  leadUnitId: tasks.leadUnitId,
  leadUnitName: units.name,
  filedByName: accounts.displayName,
  ownerUnitId: taskCategories.ownerUnitId,
  ownerUnitName: ownerUnits.name,
};

function requestConditions(f: RequestFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [filterConditions({ scope: f.scope })];
  if (f.status) conds.push(eq(closingRequests.status, f.status));
  if (f.taskId) conds.push(eq(closingRequests.taskId, f.taskId));
  if (f.toReview) conds.push(eq(closingRequests.status, 'pending'), ...toReviewConditions(f.toReview));
  return and(...conds);
}

// Not yet decided by this office or unit; an owning unit reviews its categories' items, never the ones it leads.
function toReviewConditions(by: NonNullable<RequestFilter['toReview']>): (SQL | undefined)[] {
  const decided = (cond: SQL) => sql`not exists (select 1 from ${closingReviews} d where d.request_id = ${closingRequests.id} and ${cond})`;
  if ('officeId' in by) return [decided(sql`d.office_id = ${by.officeId}`)];
  return [filterConditions({ ownerUnitId: by.ownerUnitId }), ne(tasks.leadUnitId, by.ownerUnitId), decided(sql`d.unit_id = ${by.ownerUnitId}`)];
}

const selectRequests = (db: Db) =>
  db
    .select(requestColumns)
    .from(closingRequests)
    .innerJoin(tasks, eq(tasks.id, closingRequests.taskId))
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .innerJoin(accounts, eq(accounts.id, closingRequests.filedBy))
    .leftJoin(taskCategories, eq(taskCategories.id, tasks.categoryId))
    .leftJoin(ownerUnits, eq(ownerUnits.id, taskCategories.ownerUnitId));

export type RequestRow = Awaited<ReturnType<typeof findRequests>>[number];

export function findRequests(db: Db, f: RequestFilter, page: { limit: number; offset: number }) {
  return selectRequests(db).where(requestConditions(f)).orderBy(desc(closingRequests.filedAt), desc(closingRequests.id)).limit(page.limit).offset(page.offset);
}

export async function countRequests(db: Db, f: RequestFilter) {
  // The task is needed only for a scope or an owning unit's review; without them a province's pending requests are
  // counted off their own index.
  const needsTask = f.scope !== undefined || (f.toReview !== undefined && 'ownerUnitId' in f.toReview);
  const from = db.select({ n: count() }).from(closingRequests);
  const [row] = await (needsTask ? from.innerJoin(tasks, eq(tasks.id, closingRequests.taskId)) : from).where(requestConditions(f));
  return row?.n ?? 0;
}

export async function findRequestRow(db: Db, id: number) {
  const [row] = await selectRequests(db).where(eq(closingRequests.id, id));
  return row;
}
