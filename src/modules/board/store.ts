import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { qualified } from '../../db/columns.js';
import { leaders, people, units } from '../org/read.js';
import { colourSql } from '../tasks/ledger-store.js';
import { tasks } from '../tasks/read.js';
import { boardTokens } from './schema.js';

export type BoardTokenRow = typeof boardTokens.$inferSelect;

export const listTokens = (db: Db) => db.select().from(boardTokens).orderBy(desc(boardTokens.createdAt), desc(boardTokens.id));

export async function findToken(db: Db, id: number) {
  const [row] = await db.select().from(boardTokens).where(eq(boardTokens.id, id));
  return row;
}

export async function activeTokenByHash(db: Db, hash: string) {
  const [row] = await db
    .select({ id: boardTokens.id })
    .from(boardTokens)
    .where(and(eq(boardTokens.tokenHash, hash), isNull(boardTokens.revokedAt)));
  return row;
}

export async function insertToken(tx: Db, row: typeof boardTokens.$inferInsert) {
  const [created] = await tx.insert(boardTokens).values(row).returning();
  return created!;
}

// Guarded: only a token not yet revoked.
export async function revokeToken(tx: Db, id: number, at: Date, by: number) {
  const [row] = await tx
    .update(boardTokens)
    .set({ revokedAt: at, revokedBy: by })
    .where(and(eq(boardTokens.id, id), isNull(boardTokens.revokedAt)))
    .returning();
  return row;
}

const leaderPerson = alias(people, 'leader_person');
const NOT_CHASED = sql.raw(`('draft', 'declined', 'suspended', 'cancelled')`);

/**
 * The key tasks (重大事项) for the wall: every one being chased, and those closed since `yearStart`, with their unit's
 * and leader's names only — no responsible person, phone or account leaves here. One statement, unit by unit.
 */
export function boardTasks(db: Db, today: string, yearStart: string) {
  return db
    .select({
      title: tasks.title,
      deadline: tasks.deadline,
      closedOn: tasks.closedOn,
      colour: colourSql(today),
      unitId: tasks.leadUnitId,
      unitName: units.name,
      leaderName: leaderPerson.name,
    })
    .from(tasks)
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .leftJoin(leaders, eq(leaders.id, tasks.leadLeaderId))
    .leftJoin(leaderPerson, eq(leaderPerson.id, leaders.personId))
    .where(
      and(
        eq(tasks.level, 'major'),
        sql`${qualified(tasks.status)} not in ${NOT_CHASED}`,
        or(sql`${qualified(tasks.status)} <> 'closed'`, sql`${qualified(tasks.closedOn)} >= ${yearStart}`),
      ),
    )
    .orderBy(asc(units.sortOrder), asc(units.id), asc(tasks.deadline), asc(tasks.id));
}
