import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Scope } from '../../permissions.js';
import { leaders, leaderUnits, people, units } from '../org/read.js';
import { tasks } from '../tasks/read.js';
import { inspectionFindings, inspectionPhotos, inspections, inspectionTeams, inspectionTeamUnits } from './schema.js';

export type InspectionRow = typeof inspections.$inferSelect;
export type TeamRow = typeof inspectionTeams.$inferSelect;

export async function teamsWithUnits(db: Db, where?: SQL) {
  const rows = await db.select().from(inspectionTeams).where(where).orderBy(asc(inspectionTeams.id));
  const area = rows.length
    ? await db
        .select({ teamId: inspectionTeamUnits.teamId, unitId: units.id, unitName: units.name })
        .from(inspectionTeamUnits)
        .innerJoin(units, eq(units.id, inspectionTeamUnits.unitId))
        .where(
          inArray(
            inspectionTeamUnits.teamId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(units.sortOrder), asc(units.id))
    : [];
  return rows.map((t) => ({ ...t, units: area.filter((a) => a.teamId === t.id).map(({ unitId, unitName }) => ({ unitId, unitName })) }));
}

export async function teamCovers(db: Db, teamId: number, unitId: number) {
  const [row] = await db
    .select({ unitId: inspectionTeamUnits.unitId })
    .from(inspectionTeamUnits)
    .where(and(eq(inspectionTeamUnits.teamId, teamId), eq(inspectionTeamUnits.unitId, unitId)));
  return row !== undefined;
}

// What a reader outside the county's side may see: their units' open inspections, and unannounced ones once filed.
export function visibleWhere(scope: Scope): SQL | undefined {
  if (scope.all) return undefined;
  if (!scope.unitIds.size) return sql`false`;
  return and(inArray(inspections.unitId, [...scope.unitIds]), or(eq(inspections.mode, 'open'), eq(inspections.status, 'filed')));
}

const listColumns = {
  inspection: inspections,
  teamName: inspectionTeams.name,
  unitName: units.name,
  findings: sql<number>`(select count(*)::int from ${inspectionFindings} f where f.inspection_id = ${inspections.id})`,
  problems: sql<number>`(select count(*)::int from ${inspectionFindings} f where f.inspection_id = ${inspections.id} and f.grade <> 'good')`,
};

export async function listInspections(db: Db, where: SQL | undefined, page: number, pageSize: number) {
  const [rows, [total]] = await Promise.all([
    db
      .select(listColumns)
      .from(inspections)
      .innerJoin(inspectionTeams, eq(inspectionTeams.id, inspections.teamId))
      .innerJoin(units, eq(units.id, inspections.unitId))
      .where(where)
      .orderBy(desc(inspections.period), asc(inspections.plannedOn), desc(inspections.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(inspections)
      .where(where),
  ]);
  return { items: rows, total: total?.n ?? 0 };
}

export async function findInspection(db: Db, id: number) {
  const [row] = await db
    .select({ ...listColumns, leaderName: people.name, leaderPosition: leaders.position })
    .from(inspections)
    .innerJoin(inspectionTeams, eq(inspectionTeams.id, inspections.teamId))
    .innerJoin(units, eq(units.id, inspections.unitId))
    .leftJoin(leaders, eq(leaders.id, inspections.leaderId))
    .leftJoin(people, eq(people.id, leaders.personId))
    .where(eq(inspections.id, id));
  return row;
}

export function findingsOf(db: Db, inspectionId: number) {
  return db
    .select({ finding: inspectionFindings, ownerUnitName: units.name, taskStatus: tasks.status, taskDeadline: tasks.deadline })
    .from(inspectionFindings)
    .leftJoin(units, eq(units.id, inspectionFindings.ownerUnitId))
    .leftJoin(tasks, eq(tasks.id, inspectionFindings.taskId))
    .where(eq(inspectionFindings.inspectionId, inspectionId))
    .orderBy(asc(inspectionFindings.id));
}

export function photosOf(db: Db, inspectionId: number) {
  return db.select().from(inspectionPhotos).where(eq(inspectionPhotos.inspectionId, inspectionId)).orderBy(asc(inspectionPhotos.id));
}

// The leader in charge (分管领导) of a unit: the first active leader whose portfolio holds it.
export async function leaderInCharge(db: Db, unitId: number) {
  const [row] = await db
    .select({ id: leaders.id, personId: leaders.personId, name: people.name, position: leaders.position })
    .from(leaderUnits)
    .innerJoin(leaders, eq(leaders.id, leaderUnits.leaderId))
    .innerJoin(people, eq(people.id, leaders.personId))
    .where(and(eq(leaderUnits.unitId, unitId), eq(leaders.active, true)))
    .orderBy(asc(leaders.sortOrder), asc(leaders.id))
    .limit(1);
  return row;
}
