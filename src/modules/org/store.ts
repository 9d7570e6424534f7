import { and, asc, eq, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { escapeLike } from '../audit/service.js';
import { leaders, leaderUnits, people, units } from './schema.js';

const head = alias(people, 'head');
const liaison = alias(people, 'liaison');

const unitColumns = {
  id: units.id,
  parentId: units.parentId,
  path: units.path,
  kind: units.kind,
  code: units.code,
  name: units.name,
  headPersonId: units.headPersonId,
  headName: head.name,
  liaisonPersonId: units.liaisonPersonId,
  liaisonName: liaison.name,
  sortOrder: units.sortOrder,
  active: units.active,
  version: units.version,
};

function selectUnits(db: Db) {
  return db.select(unitColumns).from(units).leftJoin(head, eq(head.id, units.headPersonId)).leftJoin(liaison, eq(liaison.id, units.liaisonPersonId));
}

export type UnitRow = Awaited<ReturnType<typeof findUnitById>> & object;

export function listUnits(db: Db, includeInactive: boolean) {
  return selectUnits(db)
    .where(includeInactive ? undefined : eq(units.active, true))
    .orderBy(asc(units.sortOrder), asc(units.id));
}

export async function findUnitById(db: Db, id: number) {
  const [row] = await selectUnits(db).where(eq(units.id, id));
  return row;
}

export async function findUnitByCode(db: Db, code: string) {
  const [row] = await db.select({ id: units.id }).from(units).where(eq(units.code, code));
  return row;
}

// Ids of the given units and everything below them.
export async function subtreeUnitIds(db: Db, rootIds: number[]): Promise<number[]> {
  if (rootIds.length === 0) return [];
  return unitIdsUnder(db, await unitPaths(db, rootIds));
}

export async function unitPaths(db: Db, ids: number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ path: units.path }).from(units).where(inArray(units.id, ids));
  return rows.map((r) => r.path);
}

// Ids of the units at these paths and everything below them: one index scan per path (units_path_idx).
export async function unitIdsUnder(db: Db, paths: string[]): Promise<number[]> {
  if (paths.length === 0) return [];
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(or(...paths.map((p) => like(units.path, `${escapeLike(p)}%`))));
  return rows.map((r) => r.id);
}

// The paths of a leader's units (分管单位).
export async function leaderUnitPaths(db: Db, leaderId: number): Promise<string[]> {
  const rows = await db
    .select({ path: units.path })
    .from(leaderUnits)
    .innerJoin(units, eq(units.id, leaderUnits.unitId))
    .where(eq(leaderUnits.leaderId, leaderId));
  return rows.map((r) => r.path);
}

export async function countActiveChildren(db: Db, unitId: number) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(units)
    .where(and(eq(units.parentId, unitId), eq(units.active, true)));
  return row?.n ?? 0;
}

// Rewrites the path prefix of a moved unit and all its descendants in one statement.
export async function repathSubtree(db: Db, oldPath: string, newPath: string) {
  await db
    .update(units)
    .set({ path: sql`${newPath} || substr(${units.path}, ${oldPath.length + 1})` })
    .where(like(units.path, `${escapeLike(oldPath)}%`));
}

const personColumns = {
  id: people.id,
  name: people.name,
  unitId: people.unitId,
  unitName: units.name,
  title: people.title,
  phone: people.phone,
  // Whether the person is the head (主要负责人) or the liaison (联络员) of their own unit.
  isUnitHead: sql<boolean>`coalesce(${units.headPersonId} = ${people.id}, false)`,
  isUnitLiaison: sql<boolean>`coalesce(${units.liaisonPersonId} = ${people.id}, false)`,
  active: people.active,
  version: people.version,
};

export interface PeopleQuery {
  unitIds?: number[];
  keyword?: string;
  includeInactive: boolean;
  page: number;
  pageSize: number;
}

// `unitIds` undefined means no unit filter; an empty list matches nobody.
export async function listPeople(db: Db, q: PeopleQuery) {
  const conds: SQL[] = [];
  if (q.unitIds) conds.push(q.unitIds.length ? inArray(people.unitId, q.unitIds) : sql`false`);
  if (q.keyword) {
    const k = `%${escapeLike(q.keyword)}%`;
    conds.push(or(ilike(people.name, k), ilike(people.phone, k), ilike(people.title, k))!);
  }
  if (!q.includeInactive) conds.push(eq(people.active, true));
  const where = conds.length ? and(...conds) : undefined;
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(people)
    .where(where);
  const items = await db
    .select(personColumns)
    .from(people)
    .leftJoin(units, eq(units.id, people.unitId))
    .where(where)
    .orderBy(asc(units.sortOrder), asc(people.unitId), asc(people.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total, items };
}

export async function findPersonById(db: Db, id: number) {
  const [row] = await db.select(personColumns).from(people).leftJoin(units, eq(units.id, people.unitId)).where(eq(people.id, id));
  return row;
}

export async function listLeaders(db: Db, ids?: number[]) {
  const rows = await db
    .select({
      id: leaders.id,
      personId: leaders.personId,
      name: people.name,
      phone: people.phone,
      position: leaders.position,
      portfolio: leaders.portfolio,
      sortOrder: leaders.sortOrder,
      active: leaders.active,
      version: leaders.version,
    })
    .from(leaders)
    .innerJoin(people, eq(people.id, leaders.personId))
    .where(ids ? inArray(leaders.id, ids) : undefined)
    .orderBy(asc(leaders.sortOrder), asc(leaders.id));
  const links = rows.length
    ? await db
        .select({ leaderId: leaderUnits.leaderId, id: units.id, name: units.name })
        .from(leaderUnits)
        .innerJoin(units, eq(units.id, leaderUnits.unitId))
        .where(
          inArray(
            leaderUnits.leaderId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(units.sortOrder), asc(units.id))
    : [];
  return rows.map((r) => ({ ...r, units: links.filter((l) => l.leaderId === r.id).map(({ id, name }) => ({ id, name })) }));
}

export async function findLeaderByPerson(db: Db, personId: number) {
  const [row] = await db
    .select({ id: leaders.id })
    .from(leaders)
    .where(and(eq(leaders.personId, personId), eq(leaders.active, true)));
  return row;
}

export async function leaderUnitIds(db: Db, leaderId: number) {
  const rows = await db.select({ unitId: leaderUnits.unitId }).from(leaderUnits).where(eq(leaderUnits.leaderId, leaderId));
  return rows.map((r) => r.unitId);
}
