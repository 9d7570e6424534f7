// Queries over the projects module's own tables; names come from the org read model.
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import type { Scope } from '../../permissions.js';
import { leaders, people, units } from '../org/read.js';
import { projectInvestments, projectPhotos, projects, projectSteps } from './schema.js';

export type ProjectRow = typeof projects.$inferSelect;
export type StepRow = typeof projectSteps.$inferSelect;
export type PhotoRow = typeof projectPhotos.$inferSelect;
export type InvestmentRow = typeof projectInvestments.$inferSelect;

/** Projects the scope sees: led by one of its units, or with a step carried out by one. */
export function visibleIn(scope: Scope): SQL | undefined {
  if (scope.all) return undefined;
  const ids = [...scope.unitIds];
  if (ids.length === 0) return sql`false`;
  return or(
    inArray(projects.leadUnitId, ids),
    inArray(projects.id, sql`(SELECT ${projectSteps.projectId} FROM ${projectSteps} WHERE ${inArray(projectSteps.unitId, ids)})`),
  );
}

const leaderPeople = alias(people, 'leader_people');
const withNames = (db: Db) =>
  db
    .select({ project: projects, leadUnitName: units.name, leadLeaderName: leaderPeople.name })
    .from(projects)
    .innerJoin(units, eq(units.id, projects.leadUnitId))
    .leftJoin(leaders, eq(leaders.id, projects.leadLeaderId))
    .leftJoin(leaderPeople, eq(leaderPeople.id, leaders.personId));

export async function projectPage(db: Db, scope: Scope, page: number, pageSize: number) {
  const where = visibleIn(scope);
  const [[total], rows] = await Promise.all([
    db.select({ n: count() }).from(projects).where(where),
    withNames(db)
      .where(where)
      .orderBy(asc(projects.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
  ]);
  return { total: total!.n, rows };
}

export async function findProject(db: Db, id: number) {
  const [row] = await withNames(db).where(eq(projects.id, id));
  return row;
}

export function stepsOf(db: Db, projectIds: number[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .select({ step: projectSteps, unitName: units.name })
    .from(projectSteps)
    .innerJoin(units, eq(units.id, projectSteps.unitId))
    .where(inArray(projectSteps.projectId, projectIds))
    .orderBy(asc(projectSteps.projectId), asc(projectSteps.seq), asc(projectSteps.id));
}

export async function findStep(db: Db, id: number) {
  const [row] = await db.select().from(projectSteps).where(eq(projectSteps.id, id));
  return row;
}

export function investmentsOf(db: Db, projectIds: number[], fromPeriod?: string, toPeriod?: string) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(projectInvestments)
    .where(
      and(
        inArray(projectInvestments.projectId, projectIds),
        fromPeriod ? sql`${projectInvestments.period} >= ${fromPeriod}` : undefined,
        toPeriod ? sql`${projectInvestments.period} <= ${toPeriod}` : undefined,
      ),
    )
    .orderBy(asc(projectInvestments.projectId), asc(projectInvestments.period));
}

/** Every month's done figure summed per project (the cumulative figure beside `investmentBefore`). */
export function doneTotals(db: Db, projectIds: number[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .select({ projectId: projectInvestments.projectId, done: sql<number>`coalesce(sum(${projectInvestments.done}), 0)::int` })
    .from(projectInvestments)
    .where(inArray(projectInvestments.projectId, projectIds))
    .groupBy(projectInvestments.projectId);
}

export function photosOf(db: Db, projectIds: number[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(projectPhotos)
    .where(inArray(projectPhotos.projectId, projectIds))
    .orderBy(asc(projectPhotos.projectId), desc(projectPhotos.takenOn), desc(projectPhotos.id));
}

export async function findPhoto(db: Db, projectId: number, photoId: number) {
  const [row] = await db
    .select()
    .from(projectPhotos)
    .where(and(eq(projectPhotos.id, photoId), eq(projectPhotos.projectId, projectId)));
  return row;
}

/** Every project the scope sees, with names, in id order (the month's comparison covers them all). */
export function allVisible(db: Db, scope: Scope) {
  return withNames(db).where(visibleIn(scope)).orderBy(asc(projects.id));
}
