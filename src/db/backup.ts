import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { FileStore } from '../storage/index.js';
import { type Db, queryRows } from './client.js';

/**
 * A backup is a folder: `manifest.json` (written last, so a folder without one is no backup), one gzipped NDJSON file
 * per table under `tables/` (each row as `to_jsonb`, in primary-key order), and every stored file a row refers to
 * under `files/<key>`. The tables are read in one repeatable-read snapshot, so they agree with each other; files are
 * never changed in place (a key is written once), so copying the ones the snapshot names makes them agree with the rows.
 * The format is the same for PGlite and PostgreSQL: a backup of one restores into the other.
 */
export const BACKUP_FORMAT = 1;

export interface BackupManifest {
  format: number;
  createdAt: string;
  source: 'pglite' | 'postgres';
  migrations: { hash: string; createdAt: number }[];
  tables: { name: string; rows: number; sha256: string }[];
  sequences: { name: string; lastValue: number | null; isCalled: boolean }[];
  files: { key: string; bytes: number; sha256: string }[];
}

// A column holds a file-store key when its name ends so (tasks' attachments: storage_key, thumbnail_key).
const FILE_KEY_COLUMN = /(^|_)(storage|thumbnail)_key$/;
const FETCH_ROWS = 2000;

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function publicTables(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.name);
}

async function primaryKey(db: Db, table: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`SELECT a.attname AS name FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = ${`public.${quoteIdent(table)}`}::regclass AND i.indisprimary
        ORDER BY array_position(i.indkey, a.attnum)`,
  );
  return rows.map((r) => r.name);
}

export async function appliedMigrations(db: Db): Promise<BackupManifest['migrations']> {
  const rows = await queryRows<{ hash: string; created_at: string | number }>(
    db,
    sql`SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at, id`,
  );
  return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
}

async function fileKeyColumns(db: Db): Promise<{ table: string; column: string }[]> {
  const rows = await queryRows<{ table: string; column: string }>(
    db,
    sql`SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
        WHERE table_schema = 'public' ORDER BY table_name, column_name`,
  );
  return rows.filter((r) => FILE_KEY_COLUMN.test(r.column));
}

const sha256 = (bytes: Uint8Array | string) => crypto.createHash('sha256').update(bytes).digest('hex');

async function writeTable(tx: Db, table: string, file: string): Promise<{ rows: number; sha256: string }> {
  const pk = await primaryKey(tx, table);
  const order = pk.length ? pk.map((c) => `t.${quoteIdent(c)}`).join(', ') : 'to_jsonb(t)::text';
  const cursor = `backup_${table}`;
  await tx.execute(
    sql.raw(`DECLARE ${quoteIdent(cursor)} NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS row FROM public.${quoteIdent(table)} t ORDER BY ${order}`),
  );
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    gzip.on('error', reject);
  });
  gzip.pipe(out);
  const hash = crypto.createHash('sha256');
  let rows = 0;
  for (;;) {
    const batch = await queryRows<{ row: string }>(tx, sql.raw(`FETCH ${FETCH_ROWS} FROM ${quoteIdent(cursor)}`));
    for (const { row } of batch) {
      const line = `${row}\n`;
      hash.update(line);
      if (!gzip.write(line)) await new Promise((resolve) => gzip.once('drain', resolve));
    }
    rows += batch.length;
    if (batch.length < FETCH_ROWS) break;
  }
  await tx.execute(sql.raw(`CLOSE ${quoteIdent(cursor)}`));
  gzip.end();
  await done;
  // The digest is of the rows, not of the gzip bytes, so two backups of equal data compare equal.
  return { rows, sha256: hash.digest('hex') };
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Writes a backup of `db` and the files its rows name into the new folder `outDir`; returns its manifest. */
export async function backup(
  db: Db,
  store: FileStore,
  outDir: string,
  opts: { source: BackupManifest['source']; now: Date; onProgress?: (line: string) => void },
): Promise<BackupManifest> {
  if (fs.existsSync(outDir)) throw new Error(`备份目录已存在：${outDir}`);
  const partial = `${outDir}.partial`;
  await fsp.rm(partial, { recursive: true, force: true });
  await fsp.mkdir(path.join(partial, 'tables'), { recursive: true });
  const log = opts.onProgress ?? (() => undefined);

  const snapshot = await db.transaction(
    async (tx) => {
      const tables: BackupManifest['tables'] = [];
      for (const name of await publicTables(tx)) {
        const written = await writeTable(tx, name, path.join(partial, 'tables', `${name}.ndjson.gz`));
        tables.push({ name, ...written });
        log(`表 ${name}：${written.rows} 行`);
      }
      const sequences = await queryRows<{ name: string; last_value: string | number | null }>(
        tx,
        sql`SELECT sequencename AS name, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
      );
      const keys = new Set<string>();
      for (const { table, column } of await fileKeyColumns(tx)) {
        const rows = await queryRows<{ key: string }>(
          tx,
          sql.raw(`SELECT DISTINCT ${quoteIdent(column)} AS key FROM public.${quoteIdent(table)} WHERE ${quoteIdent(column)} IS NOT NULL`),
        );
        for (const r of rows) keys.add(r.key);
      }
      return {
        tables,
        migrations: await appliedMigrations(tx),
        sequences: sequences.map((s) => ({ name: s.name, lastValue: s.last_value === null ? null : Number(s.last_value), isCalled: s.last_value !== null })),
        keys: [...keys].sort(),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );

  const files: BackupManifest['files'] = [];
  for (const key of snapshot.keys) {
    const bytes = await readStream(await store.get(key));
    const file = path.join(partial, 'files', key);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.writeFile(file, bytes);
    files.push({ key, bytes: bytes.length, sha256: sha256(bytes) });
  }
  log(`附件 ${files.length} 个`);

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: opts.now.toISOString(),
    source: opts.source,
    migrations: snapshot.migrations,
    tables: snapshot.tables,
    sequences: snapshot.sequences,
    files,
  };
  await fsp.writeFile(path.join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await fsp.rename(partial, outDir);
  return manifest;
}
