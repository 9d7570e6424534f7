import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { units } from '../org/read.js';
import { selfAssessments } from './schema.js';

export type SelfAssessmentRow = typeof selfAssessments.$inferSelect;

export async function findOne(db: Db, unitId: number, period: string) {
  const [row] = await db
    .select()
    .from(selfAssessments)
    .where(and(eq(selfAssessments.unitId, unitId), eq(selfAssessments.period, period)));
  return row;
}

export async function findUnit(db: Db, unitId: number) {
  const [row] = await db.select({ id: units.id, name: units.name, active: units.active }).from(units).where(eq(units.id, unitId));
  return row;
}

// Active units (all, or those given) with their self-assessment of the period, if any, in the organisation's order.
export function unitsWithPeriod(db: Db, period: string, unitIds: number[] | null) {
  return db
    .select({ unitId: units.id, unitName: units.name, row: selfAssessments })
    .from(units)
    .leftJoin(selfAssessments, and(eq(selfAssessments.unitId, units.id), eq(selfAssessments.period, period)))
    .where(and(eq(units.active, true), unitIds ? inArray(units.id, unitIds.length ? unitIds : [0]) : undefined))
    .orderBy(asc(units.sortOrder), asc(units.id));
}
