import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { AppealStatus, ManualFactKind, ReviewGroup } from '../../shared/labels.js';
import type { Fact } from './rules.js';
import {
  reviewAppeals,
  reviewBottomStatements,
  reviewCorrections,
  reviewManualFacts,
  reviewPublications,
  reviewScoreFacts,
  reviewSchemes,
  reviewScores,
  reviewStarAdjustments,
} from './schema.js';

// Every write of the review serialises on one key, so a month cannot be edited while it is being published, and a
// scheme version cannot slip in beside a publication that is checking it.
const REVIEW_LOCK = 7202612;
export const lockReview = (tx: Db) => tx.execute(sql`SELECT pg_advisory_xact_lock(${REVIEW_LOCK})`);

export const allSchemes = (db: Db) => db.select().from(reviewSchemes).orderBy(desc(reviewSchemes.version));

export async function insertScheme(tx: Db, row: Omit<typeof reviewSchemes.$inferInsert, 'version'>) {
  const [last] = await tx.select({ version: reviewSchemes.version }).from(reviewSchemes).orderBy(desc(reviewSchemes.version)).limit(1);
  const [created] = await tx
    .insert(reviewSchemes)
    .values({ ...row, version: (last?.version ?? 0) + 1 })
    .returning();
  return created!;
}

export async function lastPublished(db: Db): Promise<string | null> {
  const [row] = await db.select({ period: reviewPublications.period }).from(reviewPublications).orderBy(desc(reviewPublications.period)).limit(1);
  return row?.period ?? null;
}

export async function findPublication(db: Db, period: string) {
  const [row] = await db.select().from(reviewPublications).where(eq(reviewPublications.period, period));
  return row;
}

export const publishedPeriods = (db: Db) =>
  db
    .select({ period: reviewPublications.period, publishedAt: reviewPublications.publishedAt, schemeVersion: reviewPublications.schemeVersion })
    .from(reviewPublications)
    .orderBy(desc(reviewPublications.period));

export const manualFacts = (db: Db, period: string) =>
  db
    .select()
    .from(reviewManualFacts)
    .where(and(eq(reviewManualFacts.period, period), isNull(reviewManualFacts.withdrawnAt)))
    .orderBy(asc(reviewManualFacts.day), asc(reviewManualFacts.id));

export async function insertManualFact(tx: Db, row: typeof reviewManualFacts.$inferInsert) {
  const [created] = await tx.insert(reviewManualFacts).values(row).returning();
  return created!;
}

export async function findManualFact(db: Db, id: number) {
  const [row] = await db.select().from(reviewManualFacts).where(eq(reviewManualFacts.id, id));
  return row;
}

export async function withdrawManualFact(tx: Db, id: number, at: Date, by: number) {
  const rows = await tx
    .update(reviewManualFacts)
    .set({ withdrawnAt: at, withdrawnBy: by })
    .where(and(eq(reviewManualFacts.id, id), isNull(reviewManualFacts.withdrawnAt)))
    .returning();
  return rows[0];
}

export const bottomStatements = (db: Db, period: string) =>
  db.select().from(reviewBottomStatements).where(eq(reviewBottomStatements.period, period)).orderBy(asc(reviewBottomStatements.id));

export async function replaceBottomStatements(
  tx: Db,
  period: string,
  group: ReviewGroup,
  rows: { unitId: number; proposed: number[]; reason: string; confirmedAt: Date; confirmedBy: number }[],
) {
  await tx.delete(reviewBottomStatements).where(and(eq(reviewBottomStatements.period, period), eq(reviewBottomStatements.group, group)));
  if (rows.length) await tx.insert(reviewBottomStatements).values(rows.map((r) => ({ ...r, period, group })));
}

export const starAdjustments = (db: Db, period: string) => db.select().from(reviewStarAdjustments).where(eq(reviewStarAdjustments.period, period));

export async function upsertStarAdjustment(tx: Db, row: typeof reviewStarAdjustments.$inferInsert) {
  const [saved] = await tx
    .insert(reviewStarAdjustments)
    .values(row)
    .onConflictDoUpdate({
      target: [reviewStarAdjustments.period, reviewStarAdjustments.leaderId],
      set: { stars: row.stars, reason: row.reason, adjustedAt: row.adjustedAt, adjustedBy: row.adjustedBy },
    })
    .returning();
  return saved!;
}

/** Claims `period` for publishing: false when it is published already. */
export async function claimPublication(tx: Db, row: typeof reviewPublications.$inferInsert) {
  const rows = await tx.insert(reviewPublications).values(row).onConflictDoNothing().returning();
  return rows.length > 0;
}

export interface StoredScore {
  unitId: number;
  unitName: string;
  group: ReviewGroup;
  position: number;
  rank: number;
  score: number;
  issued: number;
  closedOnTime: number;
  closedLate: number;
  overdue: number;
  carried: number;
  facts: (Fact & { factId?: number })[];
}

export async function insertScores(tx: Db, period: string, rows: readonly StoredScore[]) {
  for (const { facts, ...r } of rows) {
    const [score] = await tx
      .insert(reviewScores)
      .values({ ...r, period })
      .returning({ id: reviewScores.id });
    if (facts.length) await tx.insert(reviewScoreFacts).values(facts.map((f, i) => ({ ...f, scoreId: score!.id, position: i + 1 })));
  }
}

export async function storedScores(db: Db, period: string): Promise<StoredScore[]> {
  const scores = await db.select().from(reviewScores).where(eq(reviewScores.period, period)).orderBy(asc(reviewScores.group), asc(reviewScores.position));
  const facts = scores.length
    ? await db
        .select()
        .from(reviewScoreFacts)
        .where(
          inArray(
            reviewScoreFacts.scoreId,
            scores.map((s) => s.id),
          ),
        )
        .orderBy(asc(reviewScoreFacts.scoreId), asc(reviewScoreFacts.position))
    : [];
  return scores.map(({ id, period: _p, ...s }) => ({
    ...s,
    facts: facts
      .filter((f) => f.scoreId === id)
      .map((f) => ({
        kind: f.kind,
        label: f.label,
        points: f.points,
        day: f.day,
        taskId: f.taskId,
        sheetId: f.sheetId,
        manualId: f.manualId,
        factId: f.id,
      })),
  }));
}

// ---- Appeals (申诉) and corrections (更正)

/** A published fact with the score it belongs to (its unit and month). */
export async function findScoreFact(db: Db, factId: number) {
  const [row] = await db
    .select({
      id: reviewScoreFacts.id,
      scoreId: reviewScores.id,
      period: reviewScores.period,
      unitId: reviewScores.unitId,
      label: reviewScoreFacts.label,
      points: reviewScoreFacts.points,
      taskId: reviewScoreFacts.taskId,
    })
    .from(reviewScoreFacts)
    .innerJoin(reviewScores, eq(reviewScores.id, reviewScoreFacts.scoreId))
    .where(eq(reviewScoreFacts.id, factId));
  return row;
}

/** A unit's published score of a month and its facts (with their ids). */
export async function unitScore(db: Db, period: string, unitId: number) {
  const [score] = await db
    .select()
    .from(reviewScores)
    .where(and(eq(reviewScores.period, period), eq(reviewScores.unitId, unitId)));
  if (!score) return undefined;
  const facts = await db
    .select({ id: reviewScoreFacts.id, points: reviewScoreFacts.points, taskId: reviewScoreFacts.taskId })
    .from(reviewScoreFacts)
    .where(eq(reviewScoreFacts.scoreId, score.id));
  return { ...score, facts };
}

export async function openAppealFor(db: Db, key: string) {
  const [row] = await db
    .select({ id: reviewAppeals.id })
    .from(reviewAppeals)
    .where(and(eq(reviewAppeals.objectKey, key), eq(reviewAppeals.status, 'open')));
  return row;
}

/** Inserts an appeal; undefined when one is open on its object already (the partial unique index). */
export async function insertAppeal(tx: Db, row: typeof reviewAppeals.$inferInsert) {
  const [created] = await tx.insert(reviewAppeals).values(row).onConflictDoNothing().returning();
  return created;
}

export async function findAppeal(db: Db, id: number) {
  const [row] = await db.select().from(reviewAppeals).where(eq(reviewAppeals.id, id));
  return row;
}

/** Settles an open appeal; undefined when it was settled already. */
export async function settleAppeal(tx: Db, id: number, set: { status: AppealStatus; decisionReason: string; decidedAt: Date; decidedBy: number }) {
  const [row] = await tx
    .update(reviewAppeals)
    .set(set)
    .where(and(eq(reviewAppeals.id, id), eq(reviewAppeals.status, 'open')))
    .returning();
  return row;
}

export async function insertCorrection(tx: Db, row: typeof reviewCorrections.$inferInsert) {
  const [created] = await tx.insert(reviewCorrections).values(row).returning();
  return created!;
}

/** Appeals matching the filter, newest first, one page, with the exact total. */
export async function listAppeals(db: Db, filter: { unitId?: number; status?: AppealStatus; period?: string }, page: { offset: number; limit: number }) {
  const where: SQL[] = [];
  if (filter.unitId !== undefined) where.push(eq(reviewAppeals.unitId, filter.unitId));
  if (filter.status) where.push(eq(reviewAppeals.status, filter.status));
  if (filter.period) where.push(eq(reviewAppeals.period, filter.period));
  const cond = where.length ? and(...where) : undefined;
  const [items, [total]] = await Promise.all([
    db.select().from(reviewAppeals).where(cond).orderBy(desc(reviewAppeals.filedAt), desc(reviewAppeals.id)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(reviewAppeals).where(cond),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** The corrections of a published month, with the unit each corrects, oldest first. */
export const monthCorrections = (db: Db, period: string) =>
  db
    .select({
      id: reviewCorrections.id,
      unitId: reviewScores.unitId,
      appealId: reviewCorrections.appealId,
      points: reviewCorrections.points,
      reason: reviewCorrections.reason,
      createdAt: reviewCorrections.createdAt,
    })
    .from(reviewCorrections)
    .innerJoin(reviewScores, eq(reviewScores.id, reviewCorrections.scoreId))
    .where(eq(reviewScores.period, period))
    .orderBy(asc(reviewCorrections.id));

/** The corrections recorded by these appeals, keyed by appeal. */
export async function correctionsOfAppeals(db: Db, appealIds: number[]) {
  if (!appealIds.length) return new Map<number, typeof reviewCorrections.$inferSelect>();
  const rows = await db.select().from(reviewCorrections).where(inArray(reviewCorrections.appealId, appealIds));
  return new Map(rows.map((r) => [r.appealId, r]));
}

export type AppealRow = typeof reviewAppeals.$inferSelect;
export type ManualFactRow = typeof reviewManualFacts.$inferSelect;
export type { ManualFactKind };
