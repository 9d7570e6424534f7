import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { Logger, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { lockDataDir } from './dir-lock.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
// A transaction is a PgDatabase too, so stores take either.
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  // `folder` (a copy cut to an earlier level) is for the restore; the app always migrates to the latest.
  migrate(folder?: string): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// Both drivers hand int8 back as a string or a number; make them agree.
pg.types.setTypeParser(20, (v) => Number(v));

const MIGRATION_LOCK = 7_202_601;

// `logger` sees every statement (the tests count them).
export function openPostgres(url: string, poolSize = 10, logger?: Logger): Database {
  // JIT compiling costs more than it saves on these short queries (a province-wide count: 982 ms with it, 350 without).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c jit=off' });
  pool.on('error', (err) => console.error('PostgreSQL 连接错误', err.message));
  pool.on('connect', queueQueries);
  const db = drizzlePg(pool, { schema, logger }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async migrate(folder = migrationsFolder) {
      // Several app processes may start at once; only one migrates at a time.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder: folder });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * A transaction holds one client, and Promise.all over it hands the client a query while another runs, which pg
 * deprecates (pg@9 refuses it). Each client's promise-style queries wait here for the one before, in the order given,
 * as pg's own queue ran them; callback-style calls (the pool's own) pass straight through.
 */
function queueQueries(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  let last: Promise<unknown> = Promise.resolve();
  client.query = ((...args: unknown[]) => {
    if (typeof args.at(-1) === 'function') return query(...args);
    const run = last.then(() => query(...args));
    last = run.catch(() => undefined);
    return run;
  }) as typeof client.query;
}

export async function openPglite(dataDir?: string, loadDataDir?: Blob, logger?: Logger): Promise<Database> {
  const lock = dataDir ? lockDataDir(dataDir) : undefined;
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir, loadDataDir ? { loadDataDir } : {});
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = drizzlePglite(client, { schema, logger }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: (folder = migrationsFolder) => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: folder }),
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
    ...{ pglite: client },
  };
}

export function pgliteOf(database: Database): PGlite | undefined {
  return (database as Database & { pglite?: PGlite }).pglite;
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(path.join(opts.dataDir, 'pg'));
}

// Raw SQL rows; both drivers answer `{ rows }`.
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
