import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { AssessmentSettings, QuarterRow, YearRow } from './rules.js';
import {
  assessmentBonusItems,
  assessmentQuarterPublications,
  assessmentQuarterScores,
  assessmentSettings,
  assessmentYearParts,
  assessmentYearPublications,
  assessmentYearScores,
} from './schema.js';

// Every assessment write serialises on one key, so nothing is edited beside a publication that is computing.
const ASSESSMENT_LOCK = 7202613;
export const lockAssessment = (tx: Db) => tx.execute(sql`SELECT pg_advisory_xact_lock(${ASSESSMENT_LOCK})`);

export async function findSettings(db: Db) {
  const [row] = await db.select().from(assessmentSettings).where(eq(assessmentSettings.id, 1));
  return row;
}

/** Saves the settings when `version` is the stored one (0 while none is stored); false when someone else saved first. */
export async function saveSettings(tx: Db, settings: AssessmentSettings, version: number, at: Date, by: number) {
  if (version === 0) {
    const rows = await tx.insert(assessmentSettings).values({ id: 1, settings, version: 1, updatedAt: at, updatedBy: by }).onConflictDoNothing().returning();
    return rows[0];
  }
  const rows = await tx
    .update(assessmentSettings)
    .set({ settings, version: version + 1, updatedAt: at, updatedBy: by })
    .where(and(eq(assessmentSettings.id, 1), eq(assessmentSettings.version, version)))
    .returning();
  return rows[0];
}

// ---- Quarters

export const bonusItems = (db: Db, quarter: string) =>
  db
    .select()
    .from(assessmentBonusItems)
    .where(and(eq(assessmentBonusItems.quarter, quarter), isNull(assessmentBonusItems.withdrawnAt)))
    .orderBy(asc(assessmentBonusItems.day), asc(assessmentBonusItems.id));

export async function insertBonusItem(tx: Db, row: typeof assessmentBonusItems.$inferInsert) {
  const [created] = await tx.insert(assessmentBonusItems).values(row).returning();
  return created!;
}

export async function findBonusItem(db: Db, id: number) {
  const [row] = await db.select().from(assessmentBonusItems).where(eq(assessmentBonusItems.id, id));
  return row;
}

export async function withdrawBonusItem(tx: Db, id: number, at: Date, by: number) {
  const rows = await tx
    .update(assessmentBonusItems)
    .set({ withdrawnAt: at, withdrawnBy: by })
    .where(and(eq(assessmentBonusItems.id, id), isNull(assessmentBonusItems.withdrawnAt)))
    .returning();
  return rows[0];
}

export async function findQuarterPublication(db: Db, quarter: string) {
  const [row] = await db.select().from(assessmentQuarterPublications).where(eq(assessmentQuarterPublications.quarter, quarter));
  return row;
}

export const publishedQuarters = (db: Db) =>
  db
    .select({ quarter: assessmentQuarterPublications.quarter, publishedAt: assessmentQuarterPublications.publishedAt })
    .from(assessmentQuarterPublications)
    .orderBy(desc(assessmentQuarterPublications.quarter));

/** Claims the quarter and stores its rows; false when it is published already. */
export async function insertQuarter(tx: Db, pub: typeof assessmentQuarterPublications.$inferInsert, rows: readonly QuarterRow[]) {
  const claimed = await tx.insert(assessmentQuarterPublications).values(pub).onConflictDoNothing().returning();
  if (!claimed.length) return false;
  if (rows.length)
    await tx.insert(assessmentQuarterScores).values(
      rows.map((r) => ({
        quarter: pub.quarter,
        unitId: r.unitId,
        unitName: r.name,
        group: r.group,
        position: r.position,
        rank: r.rank,
        score: r.score,
        reward: r.reward,
        items: r.items,
      })),
    );
  return true;
}

export async function storedQuarter(db: Db, quarter: string): Promise<QuarterRow[]> {
  const rows = await db
    .select()
    .from(assessmentQuarterScores)
    .where(eq(assessmentQuarterScores.quarter, quarter))
    .orderBy(asc(assessmentQuarterScores.group), asc(assessmentQuarterScores.position));
  return rows.map((r) => ({
    unitId: r.unitId,
    name: r.unitName,
    group: r.group,
    position: r.position,
    rank: r.rank,
    score: r.score,
    reward: r.reward,
    items: r.items,
  }));
}

// ---- Years

export const yearParts = (db: Db, year: string) =>
  db.select().from(assessmentYearParts).where(eq(assessmentYearParts.year, year)).orderBy(asc(assessmentYearParts.id));

export async function findYearPart(db: Db, year: string, unitId: number, partKey: string) {
  const [row] = await db
    .select()
    .from(assessmentYearParts)
    .where(and(eq(assessmentYearParts.year, year), eq(assessmentYearParts.unitId, unitId), eq(assessmentYearParts.partKey, partKey)));
  return row;
}

export async function upsertYearPart(tx: Db, row: typeof assessmentYearParts.$inferInsert) {
  const [saved] = await tx
    .insert(assessmentYearParts)
    .values(row)
    .onConflictDoUpdate({
      target: [assessmentYearParts.year, assessmentYearParts.unitId, assessmentYearParts.partKey],
      set: { points: row.points, reason: row.reason, enteredAt: row.enteredAt, enteredBy: row.enteredBy },
    })
    .returning();
  return saved!;
}

export async function findYearPublication(db: Db, year: string) {
  const [row] = await db.select().from(assessmentYearPublications).where(eq(assessmentYearPublications.year, year));
  return row;
}

export async function insertYear(tx: Db, pub: typeof assessmentYearPublications.$inferInsert, rows: readonly (YearRow & { interviewId: number | null })[]) {
  const claimed = await tx.insert(assessmentYearPublications).values(pub).onConflictDoNothing().returning();
  if (!claimed.length) return false;
  if (rows.length)
    await tx.insert(assessmentYearScores).values(
      rows.map((r) => ({
        year: pub.year,
        unitId: r.unitId,
        unitName: r.name,
        group: r.group,
        position: r.position,
        rank: r.rank,
        total: r.total,
        grade: r.grade,
        record: r.record,
        best: r.best,
        recordItems: r.recordItems,
        parts: r.parts,
        flagged: r.flagged,
        interviewId: r.interviewId,
      })),
    );
  return true;
}

export async function storedYear(db: Db, year: string): Promise<(YearRow & { interviewId: number | null })[]> {
  const rows = await db
    .select()
    .from(assessmentYearScores)
    .where(eq(assessmentYearScores.year, year))
    .orderBy(asc(assessmentYearScores.group), asc(assessmentYearScores.position));
  return rows.map((r) => ({
    unitId: r.unitId,
    name: r.unitName,
    group: r.group,
    position: r.position,
    rank: r.rank,
    total: r.total,
    grade: r.grade,
    record: r.record,
    best: r.best,
    recordItems: r.recordItems,
    parts: r.parts,
    flagged: r.flagged,
    interviewId: r.interviewId,
  }));
}
