import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from '../../permissions.js';
import { loadScope } from './scope.js';
import { childPath, placementProblem } from './rules.js';
import { leaders, leaderUnits, people, units, type UnitKind } from './schema.js';
import * as store from './store.js';

export const unitNotFound = () => notFound('UNIT_NOT_FOUND', '单位不存在');
export const personNotFound = () => notFound('PERSON_NOT_FOUND', '人员不存在');
export const leaderNotFound = () => notFound('LEADER_NOT_FOUND', '领导不存在');
export const staleVersion = () => conflict('STALE_VERSION', '该记录已被他人修改，请刷新后重试');

export function listUnits(deps: Deps, actor: Actor, includeInactive: boolean) {
  authorize(actor, 'org.read');
  return store.listUnits(deps.db, includeInactive);
}

export async function getUnit(deps: Deps, actor: Actor, id: number) {
  authorize(actor, 'org.read');
  return (await store.findUnitById(deps.db, id)) ?? Promise.reject(unitNotFound());
}

export interface UnitInput {
  parentId: number | null;
  kind: UnitKind;
  code: string;
  name: string;
  sortOrder?: number;
}

async function loadParent(db: Db, parentId: number | null) {
  if (parentId === null) return null;
  const [parent] = await db.select().from(units).where(eq(units.id, parentId));
  if (!parent) throw badRequest('PARENT_NOT_FOUND', '上级单位不存在');
  return parent;
}

function translateUnique(err: unknown): never {
  if (isUniqueViolation(err)) throw conflict('UNIT_CODE_TAKEN', '单位编码已被使用');
  throw err;
}

export async function createUnit(deps: Deps, who: Who & { actor: Actor }, input: UnitInput) {
  authorize(who.actor, 'org.write');
  const now = deps.clock.now();
  const id = await deps.db
    .transaction(async (tx) => {
      const parent = await loadParent(tx, input.parentId);
      const problem = placementProblem({ id: 0, kind: input.kind, path: null }, parent);
      if (problem) throw badRequest('BAD_PLACEMENT', problem);
      const [row] = await tx
        .insert(units)
        .values({ ...input, path: '/', sortOrder: input.sortOrder ?? 0, createdAt: now, updatedAt: now })
        .returning();
      const path = childPath(parent?.path ?? null, row!.id);
      await tx.update(units).set({ path }).where(eq(units.id, row!.id));
      await recordAudit(tx, deps, who, { action: 'unit.create', targetType: 'unit', targetId: row!.id, after: { ...row, path } });
      return row!.id;
    })
    .catch(translateUnique);
  return (await store.findUnitById(deps.db, id))!;
}

export interface UnitPatch {
  version: number;
  name?: string;
  code?: string;
  kind?: UnitKind;
  headPersonId?: number | null;
  liaisonPersonId?: number | null;
  sortOrder?: number;
}

async function assertPersonOfUnit(db: Db, personId: number | null | undefined, unitId: number, role: string) {
  if (personId === undefined || personId === null) return;
  const [p] = await db.select().from(people).where(eq(people.id, personId));
  if (!p || !p.active || p.unitId !== unitId) throw badRequest('PERSON_NOT_IN_UNIT', `${role}必须是本单位在职人员`);
}

// Guarded update: the row changes only if nobody else changed it since `version` was read.
async function updateUnitRow(tx: Db, id: number, version: number, set: Partial<typeof units.$inferInsert>, now: Date) {
  const [row] = await tx
    .update(units)
    .set({ ...set, version: version + 1, updatedAt: now })
    .where(and(eq(units.id, id), eq(units.version, version)))
    .returning();
  if (!row) throw staleVersion();
  return row;
}

async function loadUnitForWrite(tx: Db, id: number) {
  const [before] = await tx.select().from(units).where(eq(units.id, id));
  if (!before) throw unitNotFound();
  return before;
}

export async function updateUnit(deps: Deps, who: Who & { actor: Actor }, id: number, patch: UnitPatch) {
  authorize(who.actor, 'org.write');
  const { version, ...set } = patch;
  await deps.db
    .transaction(async (tx) => {
      const before = await loadUnitForWrite(tx, id);
      if (set.kind && set.kind !== before.kind) {
        const parent = await loadParent(tx, before.parentId);
        const problem = placementProblem({ ...before, kind: set.kind }, parent);
        if (problem) throw badRequest('BAD_PLACEMENT', problem);
      }
      await assertPersonOfUnit(tx, set.headPersonId, id, '主要负责人');
      await assertPersonOfUnit(tx, set.liaisonPersonId, id, '联络员');
      const after = await updateUnitRow(tx, id, version, set, deps.clock.now());
      await recordAudit(tx, deps, who, { action: 'unit.update', targetType: 'unit', targetId: id, before, after });
    })
    .catch(translateUnique);
  return (await store.findUnitById(deps.db, id))!;
}

export async function moveUnit(deps: Deps, who: Who & { actor: Actor }, id: number, input: { version: number; parentId: number | null }) {
  authorize(who.actor, 'org.write');
  await deps.db.transaction(async (tx) => {
    const before = await loadUnitForWrite(tx, id);
    const parent = await loadParent(tx, input.parentId);
    const problem = placementProblem(before, parent);
    if (problem) throw badRequest('BAD_PLACEMENT', problem);
    const newPath = childPath(parent?.path ?? null, id);
    const after = await updateUnitRow(tx, id, input.version, { parentId: input.parentId }, deps.clock.now());
    await store.repathSubtree(tx, before.path, newPath);
    await recordAudit(tx, deps, who, {
      action: 'unit.move',
      targetType: 'unit',
      targetId: id,
      before: { parentId: before.parentId, path: before.path },
      after: { parentId: after.parentId, path: newPath },
    });
  });
  return (await store.findUnitById(deps.db, id))!;
}

// Units are never deleted: they carry history. Deactivation needs the children gone first.
export async function setUnitActive(deps: Deps, who: Who & { actor: Actor }, id: number, input: { version: number; active: boolean; reason?: string }) {
  authorize(who.actor, 'org.write');
  await deps.db.transaction(async (tx) => {
    const before = await loadUnitForWrite(tx, id);
    if (before.active === input.active) throw conflict('UNIT_STATE', input.active ? '单位已是启用状态' : '单位已是停用状态');
    if (!input.active && (await store.countActiveChildren(tx, id)) > 0) {
      throw conflict('UNIT_HAS_CHILDREN', '该单位还有启用中的下级单位，请先停用或移走下级单位');
    }
    if (input.active && before.parentId !== null) {
      const parent = await loadParent(tx, before.parentId);
      if (parent && !parent.active) throw conflict('PARENT_INACTIVE', '上级单位已停用，请先启用上级单位');
    }
    const after = await updateUnitRow(tx, id, input.version, { active: input.active }, deps.clock.now());
    await recordAudit(tx, deps, who, {
      action: input.active ? 'unit.activate' : 'unit.deactivate',
      targetType: 'unit',
      targetId: id,
      before: { active: before.active },
      after: { active: after.active },
      reason: input.reason,
    });
  });
  return (await store.findUnitById(deps.db, id))!;
}

// People: scoped to the actor's units; someone outside the scope is answered as "not found".
// `exactUnit` limits the list to the unit itself; by default its sub-units' people are listed too.
export async function listPeople(deps: Deps, actor: Actor, q: Omit<store.PeopleQuery, 'unitIds'> & { unitId?: number; exactUnit?: boolean }) {
  authorize(actor, 'people.read');
  const scope = await loadScope(deps.db, actor);
  let unitIds: number[] | undefined = q.unitId === undefined ? undefined : q.exactUnit ? [q.unitId] : await store.subtreeUnitIds(deps.db, [q.unitId]);
  if (!scope.all) unitIds = (unitIds ?? [...scope.unitIds]).filter((u) => scope.unitIds.has(u));
  return store.listPeople(deps.db, { ...q, unitIds });
}

export async function getPerson(deps: Deps, actor: Actor, id: number) {
  const person = await store.findPersonById(deps.db, id);
  authorize(actor, 'people.read', { unitId: person?.unitId ?? null, scope: await loadScope(deps.db, actor), notFound: personNotFound });
  if (!person) throw personNotFound();
  return person;
}

export interface PersonInput {
  name: string;
  unitId: number | null;
  title: string;
  phone: string;
}

async function assertActiveUnit(db: Db, unitId: number | null) {
  if (unitId === null) return;
  const [u] = await db.select({ active: units.active }).from(units).where(eq(units.id, unitId));
  if (!u) throw badRequest('UNIT_NOT_FOUND', '所属单位不存在');
  if (!u.active) throw badRequest('UNIT_INACTIVE', '所属单位已停用');
}

export async function createPerson(deps: Deps, who: Who & { actor: Actor }, input: PersonInput) {
  authorize(who.actor, 'org.write');
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    await assertActiveUnit(tx, input.unitId);
    const [row] = await tx
      .insert(people)
      .values({ ...input, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, deps, who, { action: 'person.create', targetType: 'person', targetId: row!.id, after: row });
    return row!.id;
  });
  return (await store.findPersonById(deps.db, id))!;
}

export async function updatePerson(deps: Deps, who: Who & { actor: Actor }, id: number, patch: Partial<PersonInput> & { version: number; active?: boolean }) {
  authorize(who.actor, 'org.write');
  const { version, ...set } = patch;
  await deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(people).where(eq(people.id, id));
    if (!before) throw personNotFound();
    if (set.unitId !== undefined && set.unitId !== before.unitId) {
      await assertActiveUnit(tx, set.unitId);
      // A head or liaison who leaves the unit stops being its head or liaison.
      await tx.update(units).set({ headPersonId: null }).where(eq(units.headPersonId, id));
      await tx.update(units).set({ liaisonPersonId: null }).where(eq(units.liaisonPersonId, id));
    }
    const [after] = await tx
      .update(people)
      .set({ ...set, version: version + 1, updatedAt: deps.clock.now() })
      .where(and(eq(people.id, id), eq(people.version, version)))
      .returning();
    if (!after) throw staleVersion();
    const action = set.active === false ? 'person.deactivate' : set.active === true ? 'person.activate' : 'person.update';
    await recordAudit(tx, deps, who, { action, targetType: 'person', targetId: id, before, after });
  });
  return (await store.findPersonById(deps.db, id))!;
}

export function listLeaders(deps: Deps, actor: Actor) {
  authorize(actor, 'org.read');
  return store.listLeaders(deps.db);
}

export interface LeaderInput {
  name: string;
  phone: string;
  position: string;
  portfolio: string;
  unitIds: number[];
  sortOrder?: number;
}

async function replaceLeaderUnits(tx: Db, leaderId: number, unitIds: number[]) {
  const unique = [...new Set(unitIds)];
  const found = unique.length ? await tx.select({ id: units.id }).from(units).where(inArray(units.id, unique)) : [];
  if (found.length !== unique.length) throw badRequest('UNIT_NOT_FOUND', '分管单位中有不存在的单位');
  await tx.delete(leaderUnits).where(eq(leaderUnits.leaderId, leaderId));
  if (unique.length) await tx.insert(leaderUnits).values(unique.map((unitId) => ({ leaderId, unitId })));
  return unique;
}

export async function createLeader(deps: Deps, who: Who & { actor: Actor }, input: LeaderInput) {
  authorize(who.actor, 'org.write');
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const [person] = await tx
      .insert(people)
      .values({ name: input.name, phone: input.phone, title: input.position, unitId: null, createdAt: now, updatedAt: now })
      .returning();
    const [leader] = await tx
      .insert(leaders)
      .values({
        personId: person!.id,
        position: input.position,
        portfolio: input.portfolio,
        sortOrder: input.sortOrder ?? 0,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const unitIds = await replaceLeaderUnits(tx, leader!.id, input.unitIds);
    await recordAudit(tx, deps, who, { action: 'leader.create', targetType: 'leader', targetId: leader!.id, after: { ...leader, name: input.name, unitIds } });
    return leader!.id;
  });
  return (await store.listLeaders(deps.db, [id]))[0]!;
}

export async function updateLeader(deps: Deps, who: Who & { actor: Actor }, id: number, patch: Partial<LeaderInput> & { version: number; active?: boolean }) {
  authorize(who.actor, 'org.write');
  const { version, name, phone, unitIds, ...set } = patch;
  await deps.db.transaction(async (tx) => {
    const [before] = await store.listLeaders(tx, [id]);
    if (!before) throw leaderNotFound();
    const [after] = await tx
      .update(leaders)
      .set({ ...set, version: version + 1, updatedAt: deps.clock.now() })
      .where(and(eq(leaders.id, id), eq(leaders.version, version)))
      .returning();
    if (!after) throw staleVersion();
    if (name !== undefined || phone !== undefined || set.position !== undefined) {
      await tx.update(people).set({ name, phone, title: set.position, updatedAt: deps.clock.now() }).where(eq(people.id, before.personId));
    }
    if (unitIds) await replaceLeaderUnits(tx, id, unitIds);
    const [current] = await store.listLeaders(tx, [id]);
    await recordAudit(tx, deps, who, { action: 'leader.update', targetType: 'leader', targetId: id, before, after: current });
  });
  return (await store.listLeaders(deps.db, [id]))[0]!;
}
