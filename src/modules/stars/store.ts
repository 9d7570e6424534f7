import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { StarKind } from '../../shared/labels.js';
import { accounts } from '../auth/read.js';
import { people, units } from '../org/read.js';
import { DEFAULT_LIMITS } from './rules.js';
import { highlightNominations, starMonths, starNominations, starSettings } from './schema.js';

export async function getSettings(db: Db) {
  const [row] = await db.select().from(starSettings).where(eq(starSettings.id, 1));
  return row ? { unitStarLimit: row.unitStarLimit, cadreStarLimit: row.cadreStarLimit, version: row.version } : { ...DEFAULT_LIMITS, version: 0 };
}

/**
 * Locks a month's stars for the rest of the transaction (creating its row the first time), so the count of winners
 * a decision checks cannot change before it commits: two decisions at the limit run one after the other.
 */
export async function lockMonth(tx: Db, period: string, now: Date) {
  await tx.insert(starMonths).values({ period, createdAt: now }).onConflictDoNothing();
  const [month] = await tx.select().from(starMonths).where(eq(starMonths.period, period)).for('update');
  return month!;
}

export async function findMonth(db: Db, period: string) {
  const [row] = await db.select().from(starMonths).where(eq(starMonths.period, period));
  return row;
}

export async function awardedCount(db: Db, period: string, kind: StarKind) {
  const [row] = await db
    .select({ n: count() })
    .from(starNominations)
    .where(and(eq(starNominations.period, period), eq(starNominations.kind, kind), eq(starNominations.status, 'awarded')));
  return row?.n ?? 0;
}

export async function findNomination(db: Db, id: number) {
  const [row] = await db.select().from(starNominations).where(eq(starNominations.id, id));
  return row;
}

export const sameNominee = (db: Db, period: string, kind: StarKind, unitId: number, personId: number | null) =>
  db
    .select({ status: starNominations.status })
    .from(starNominations)
    .where(
      and(
        eq(starNominations.period, period),
        eq(starNominations.kind, kind),
        kind === 'unit' ? eq(starNominations.unitId, unitId) : eq(starNominations.personId, personId ?? 0),
      ),
    );

const nominator = sql<string>`(SELECT ${accounts.displayName} FROM ${accounts} WHERE ${accounts.id} = ${starNominations.nominatedBy})`;

/** Nominations with the names a page shows, in a stable order (kind, status, unit, id). */
export function nominationsWhere(db: Db, where: SQL | undefined) {
  return db
    .select({ n: starNominations, unitName: units.name, personName: people.name, personTitle: people.title, nominatorName: nominator })
    .from(starNominations)
    .innerJoin(units, eq(units.id, starNominations.unitId))
    .leftJoin(people, eq(people.id, starNominations.personId))
    .where(where)
    .orderBy(desc(starNominations.period), asc(starNominations.kind), asc(units.sortOrder), asc(starNominations.id));
}
export type NominationRow = Awaited<ReturnType<typeof nominationsWhere>>[number];

/** A month's nominations; `unitIds` limits them to a unit's own plus every winner (winners are read out to all). */
export const monthNominations = (db: Db, period: string, unitIds: number[] | null) =>
  nominationsWhere(
    db,
    and(
      eq(starNominations.period, period),
      unitIds === null ? undefined : or(eq(starNominations.status, 'awarded'), unitIds.length ? inArray(starNominations.unitId, unitIds) : sql`false`),
    ),
  );

export const monthsWithNominations = (db: Db) =>
  db.select({ period: starMonths.period, closedAt: starMonths.closedAt }).from(starMonths).orderBy(desc(starMonths.period));

export const winnersOf = (db: Db, by: { unitId?: number; personId?: number }) =>
  nominationsWhere(
    db,
    and(
      eq(starNominations.status, 'awarded'),
      by.unitId !== undefined ? eq(starNominations.unitId, by.unitId) : undefined,
      by.personId !== undefined ? eq(starNominations.personId, by.personId) : undefined,
    ),
  );

/** Winners of a month, for the scores. */
export const monthWinners = (db: Db, period: string) =>
  db
    .select({ id: starNominations.id, kind: starNominations.kind, unitId: starNominations.unitId, citation: starNominations.citation, personName: people.name })
    .from(starNominations)
    .leftJoin(people, eq(people.id, starNominations.personId))
    .where(and(eq(starNominations.period, period), eq(starNominations.status, 'awarded')))
    .orderBy(asc(starNominations.id));

// ---- Highlights

export async function findHighlight(db: Db, id: number) {
  const [row] = await db.select().from(highlightNominations).where(eq(highlightNominations.id, id));
  return row;
}

const highlightNominator = sql<string>`(SELECT ${accounts.displayName} FROM ${accounts} WHERE ${accounts.id} = ${highlightNominations.nominatedBy})`;

export function highlightsWhere(db: Db, where: SQL | undefined) {
  return db
    .select({ h: highlightNominations, unitName: units.name, nominatorName: highlightNominator })
    .from(highlightNominations)
    .innerJoin(units, eq(units.id, highlightNominations.unitId))
    .where(where)
    .orderBy(desc(highlightNominations.period), asc(highlightNominations.cycle), asc(units.sortOrder), asc(highlightNominations.id));
}
export type HighlightRow = Awaited<ReturnType<typeof highlightsWhere>>[number];

export const selectedHighlightsIn = (db: Db, periods: { cycle: 'month' | 'half_year'; period: string }[]) =>
  db
    .select()
    .from(highlightNominations)
    .where(
      and(
        eq(highlightNominations.status, 'selected'),
        or(...periods.map((p) => and(eq(highlightNominations.cycle, p.cycle), eq(highlightNominations.period, p.period)))),
      ),
    )
    .orderBy(asc(highlightNominations.id));

export const isClosed = (m: { closedAt: Date | null } | undefined) => m !== undefined && m.closedAt !== null;
