import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

type SettingsTable = PgTable & { id: PgColumn; version: PgColumn };

/**
 * Saves a county-wide settings row (id 1) under a version guard, for the module that owns the table. Version 0 is the
 * defaults, never saved: the first save inserts the row, and only one of two first saves wins. Answers the saved row,
 * or undefined when someone else saved first (the caller's 409).
 */
export async function saveSettingsRow<T extends SettingsTable>(
  tx: Db,
  table: T,
  version: number,
  values: Partial<T['$inferInsert']>,
): Promise<T['$inferSelect'] | undefined> {
  const set = { ...values, version: version + 1 } as T['$inferInsert'];
  const rows = (
    version === 0
      ? await tx
          .insert(table)
          .values({ ...set, id: 1 })
          .onConflictDoNothing()
          .returning()
      : await tx
          .update(table)
          .set(set)
          .where(and(eq(table.id, 1), eq(table.version, version)))
          .returning()
  ) as unknown[];
  return rows[0] as T['$inferSelect'] | undefined;
}
