import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { DEFAULT_SETTINGS } from './rules.js';
import { lotteryCandidates, lotteryDraws, lotterySettings } from './schema.js';

export type DrawRow = typeof lotteryDraws.$inferSelect;
export type CandidateRow = typeof lotteryCandidates.$inferSelect;

// The settings row, or the defaults at version 0 while the office has never saved them.
export async function getSettings(db: Db) {
  const [row] = await db.select().from(lotterySettings).where(eq(lotterySettings.id, 1));
  return row ?? { id: 1, ...DEFAULT_SETTINGS, version: 0, updatedAt: null };
}

export async function findDraw(db: Db, id: number) {
  const [row] = await db.select().from(lotteryDraws).where(eq(lotteryDraws.id, id));
  return row;
}

export async function findDrawByPeriod(db: Db, period: string) {
  const [row] = await db.select().from(lotteryDraws).where(eq(lotteryDraws.period, period));
  return row;
}

// Every draw, newest month first: one a month, so the whole list is small.
export const listDraws = (db: Db) => db.select().from(lotteryDraws).orderBy(desc(lotteryDraws.period));

export const candidatesOfDraws = (db: Db, drawIds: number[]) =>
  drawIds.length
    ? db.select().from(lotteryCandidates).where(inArray(lotteryCandidates.drawId, drawIds)).orderBy(asc(lotteryCandidates.unitId))
    : Promise.resolve([] as CandidateRow[]);

// The drawn draws of the given months (for the exclusion window).
export const drawnInPeriods = (db: Db, periods: string[]) =>
  periods.length
    ? db
        .select()
        .from(lotteryDraws)
        .where(and(inArray(lotteryDraws.period, periods), eq(lotteryDraws.state, 'drawn')))
    : Promise.resolve([] as DrawRow[]);
