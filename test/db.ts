import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import type { Logger } from 'drizzle-orm';
import { inject } from 'vitest';
import { fixedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { Deps } from '../src/context.js';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type Database, openPglite, openPostgres, queryRows } from '../src/db/client.js';
import { adminQuery } from './global-setup.js';

export const TEST_NOW = '2026-03-25T09:00:00+08:00';

export type TestDeps = Deps & {
  clock: ReturnType<typeof fixedClock>;
  database: Database;
  // Statements sent to the database so far (every query, inside transactions too; not BEGIN/COMMIT).
  statements(): number;
  close(): Promise<void>;
};

// A fresh database: migrated (a copy of the run's migrated template), or empty when `migrated` is false (to test the
// migrations themselves). PGlite in memory, or a new database on TEST_DATABASE_URL's server.
export async function openTestDatabase(logger?: Logger, { migrated = true } = {}): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (!migrated) return openPglite(undefined, undefined, logger);
    const template = fs.readFileSync(inject('pgliteTemplate'));
    return openPglite(undefined, new Blob([template], { type: 'application/x-gzip' }), logger);
  }
  const name = `luoshi_t_${crypto.randomBytes(6).toString('hex')}`;
  await adminQuery(url, migrated ? `CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}` : `CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = openPostgres(target.toString(), 10, logger);
  return {
    ...database,
    async close() {
      await database.close();
      await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export async function testDeps(configEnv: Record<string, string> = {}): Promise<TestDeps> {
  let statements = 0;
  const database = await openTestDatabase({ logQuery: () => void (statements += 1) });
  // A data directory of its own (the audit anchors and files go there), unless the test names one.
  const ownDataDir = configEnv.DATA_DIR ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-test-'));
  return {
    statements: () => statements,
    db: database.db,
    clock: fixedClock(TEST_NOW),
    config: loadConfig({ NODE_ENV: 'test', AUDIT_KEY: 'test-audit-key', ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}), ...configEnv }),
    database,
    close: async () => {
      await database.close();
      if (ownDataDir) fs.rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A migrated database a command-line tool can open too, and the environment that names it: a fresh database on
 * TEST_DATABASE_URL's server, else a PGlite directory under `dataDir` (close it before the tool runs: one process at a time).
 */
export async function cliDatabase(dataDir: string, auditKey: string): Promise<{ database: Database; env: NodeJS.ProcessEnv }> {
  const env: NodeJS.ProcessEnv = { ...process.env, AUDIT_KEY: auditKey, DATA_DIR: dataDir, DATABASE_URL: '' };
  if (!process.env.TEST_DATABASE_URL) {
    const database = await openPglite(path.join(dataDir, 'pg'));
    await database.migrate();
    return { database, env };
  }
  const database = await openTestDatabase();
  const [current] = await queryRows<{ name: string }>(database.db, sql`SELECT current_database() AS name`);
  const target = new URL(process.env.TEST_DATABASE_URL);
  target.pathname = `/${current!.name}`;
  return { database, env: { ...env, DATABASE_URL: target.toString() } };
}
