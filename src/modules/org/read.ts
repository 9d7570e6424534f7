import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../context.js';
import type { Db } from '../../db/client.js';
import { can } from '../../permissions.js';
import { reviewOffices } from './schema.js';

// The org module's read model for other modules: read-only queries, and the table objects other modules join in
// SQL to print names of units, people and leaders beside their own rows. Joins in reads only: writes to these tables
// go through the org module's services; test/architecture.test.ts fails on any other.
export { leaders, leaderUnits, people, reviewOffices, units } from './schema.js';
export { findLeaderByPerson, findPersonById, leaderUnitIds, subtreeUnitIds } from './store.js';

export type ReviewOffice = typeof reviewOffices.$inferSelect;

// The offices of the joint review (三部联审), in their order.
export function activeReviewOffices(db: Db) {
  return db.select().from(reviewOffices).where(eq(reviewOffices.active, true)).orderBy(asc(reviewOffices.sortOrder), asc(reviewOffices.id));
}

// The review office a unit acts for, if any.
export async function reviewOfficeOfUnit(db: Db, unitId: number): Promise<ReviewOffice | undefined> {
  const [row] = await db
    .select()
    .from(reviewOffices)
    .where(and(eq(reviewOffices.unitId, unitId), eq(reviewOffices.active, true)))
    .orderBy(asc(reviewOffices.sortOrder), asc(reviewOffices.id))
    .limit(1);
  return row;
}

// The office a reviewer acts for: their own unit is an active review office's unit. undefined for everyone else.
export async function reviewOfficeOf(db: Db, actor: Actor): Promise<ReviewOffice | undefined> {
  if (!can(actor, 'closing.review') || actor.unitId === null) return undefined;
  return reviewOfficeOfUnit(db, actor.unitId);
}
