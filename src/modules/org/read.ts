import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Actor } from '../../context.js';
import type { Db } from '../../db/client.js';
import { can } from '../../permissions.js';
import { reviewGroupOf, type ReviewGroup } from '../../shared/labels.js';
import { leaders, people, reviewOffices, units, type UnitKind } from './schema.js';

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

// Whether a leader exists and is still in office.
export async function isActiveLeader(db: Db, leaderId: number) {
  const [leader] = await db.select({ active: leaders.active }).from(leaders).where(eq(leaders.id, leaderId));
  return leader?.active === true;
}

// The name of a leader still in office; undefined for a missing or departed one.
export async function activeLeaderName(db: Db, leaderId: number) {
  const [leader] = await db
    .select({ name: people.name })
    .from(leaders)
    .innerJoin(people, eq(people.id, leaders.personId))
    .where(and(eq(leaders.id, leaderId), eq(leaders.active, true)));
  return leader?.name;
}

export async function leaderPersonId(db: Db, leaderId: number) {
  const [leader] = await db.select({ personId: leaders.personId }).from(leaders).where(eq(leaders.id, leaderId));
  return leader?.personId;
}

// The ids among `unitIds` that name units in use.
export async function activeUnitIds(db: Db, unitIds: number[]) {
  if (!unitIds.length) return [];
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(and(inArray(units.id, unitIds), eq(units.active, true)));
  return rows.map((r) => r.id);
}

// The unit and leader a sheet is addressed to, as printed on it: 某某局, 副县长 张三.
export async function addressees(db: Db, unitId: number, leaderId: number | null) {
  const [unit] = await db.select({ name: units.name }).from(units).where(eq(units.id, unitId));
  const [leader] = leaderId
    ? await db
        .select({ name: people.name, position: leaders.position })
        .from(leaders)
        .innerJoin(people, eq(people.id, leaders.personId))
        .where(eq(leaders.id, leaderId))
    : [];
  return { unitName: unit?.name ?? '', leaderName: leader ? `${leader.position} ${leader.name}` : '' };
}

// Units in use named by code or by name; locked (FOR SHARE) so none is stopped before the caller's transaction ends.
export function lockActiveUnitsByKey(tx: Db, keys: string[]) {
  if (!keys.length) return Promise.resolve([]);
  return tx
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .where(and(eq(units.active, true), or(inArray(units.code, keys), inArray(units.name, keys))))
    .for('share');
}

// Leaders in office whose names are among `names`.
export function activeLeadersByName(db: Db, names: string[]) {
  if (!names.length) return Promise.resolve([]);
  return db
    .select({ id: leaders.id, name: people.name })
    .from(leaders)
    .innerJoin(people, eq(people.id, leaders.personId))
    .where(and(eq(leaders.active, true), inArray(people.name, names)));
}

/** Active units that the monthly review ranks, each with its group, in the organisation's order. */
export async function reviewedUnits(db: Db): Promise<{ id: number; name: string; kind: UnitKind; group: ReviewGroup }[]> {
  const rows = await db
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(units)
    .where(eq(units.active, true))
    .orderBy(asc(units.sortOrder), asc(units.id));
  return rows.flatMap((u) => {
    const group = reviewGroupOf(u.kind);
    return group ? [{ ...u, group }] : [];
  });
}
