import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../src/db/client.js';
import { openTestDatabase } from './db.js';

const EXPECTED_TABLES = ['account_roles', 'accounts', 'audit_log', 'leader_units', 'leaders', 'people', 'security_policy', 'sessions', 'units'];

describe('migrations', () => {
  it(`run from empty on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'} and a second run changes nothing`, async () => {
    // The PGlite test template was itself built by migrating; here PGlite starts truly empty.
    const database = process.env.TEST_DATABASE_URL ? await openTestDatabase() : await openPglite();
    try {
      if (!process.env.TEST_DATABASE_URL) await database.migrate();
      const tables = await database.db.execute<{ table_name: string }>(
        sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(EXPECTED_TABLES);
      const applied = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
      await database.migrate();
      const again = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
      expect(again.rows[0]!.n).toBe(applied.rows[0]!.n);
      const triggers = await database.db.execute<{ tgname: string; tgenabled: string }>(
        sql`SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal ORDER BY tgname`,
      );
      expect(triggers.rows).toEqual([
        { tgname: 'audit_log_no_truncate', tgenabled: 'A' },
        { tgname: 'audit_log_no_update_delete', tgenabled: 'A' },
      ]);
    } finally {
      await database.close();
    }
  });
});
