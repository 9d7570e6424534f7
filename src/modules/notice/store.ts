import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { reviewNotices } from './schema.js';

export type NoticeRow = typeof reviewNotices.$inferSelect;

export async function findNotice(db: Db, period: string): Promise<NoticeRow | undefined> {
  const [row] = await db.select().from(reviewNotices).where(eq(reviewNotices.period, period));
  return row;
}

/** The first save of a month's notice: false when another save created it meanwhile. */
export async function insertNotice(tx: Db, row: typeof reviewNotices.$inferInsert) {
  const rows = await tx.insert(reviewNotices).values(row).onConflictDoNothing().returning();
  return rows[0];
}

/** A later save: only of a notice still a draft and at the version the editor saw. */
export async function updateNotice(
  tx: Db,
  period: string,
  version: number,
  set: Pick<NoticeRow, 'opening' | 'problems' | 'requirements' | 'updatedAt' | 'updatedBy'> & Partial<Pick<NoticeRow, 'issuedAt' | 'issuedBy' | 'snapshot'>>,
) {
  const rows = await tx
    .update(reviewNotices)
    .set({ ...set, version: version + 1 })
    .where(and(eq(reviewNotices.period, period), eq(reviewNotices.version, version), isNull(reviewNotices.issuedAt)))
    .returning();
  return rows[0];
}
