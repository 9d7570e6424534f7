import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { FileStore } from '../storage/index.js';
import { BACKUP_FORMAT, type BackupManifest, appliedMigrations, publicTables, quoteIdent } from './backup.js';
import { type Database, migrationsFolder, queryRows } from './client.js';

const INSERT_ROWS = 1000;

export class RestoreRefused extends Error {}

const sha256 = (bytes: Uint8Array | string) => crypto.createHash('sha256').update(bytes).digest('hex');

async function* tableLines(dir: string, table: string): AsyncGenerator<string> {
  const input = fs.createReadStream(path.join(dir, 'tables', `${table}.ndjson.gz`)).pipe(zlib.createGunzip());
  for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) if (line) yield line;
}

/** Reads the manifest and checks every table and file against it before anything is written. */
export async function checkBackup(dir: string): Promise<BackupManifest> {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new RestoreRefused(`不是完整的备份（缺少 manifest.json）：${dir}`);
  const manifest = JSON.parse(await fsp.readFile(file, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new RestoreRefused(`不支持的备份格式：${manifest.format}`);
  for (const t of manifest.tables) {
    const hash = crypto.createHash('sha256');
    let rows = 0;
    for await (const line of tableLines(dir, t.name)) {
      hash.update(`${line}\n`);
      rows += 1;
    }
    if (rows !== t.rows || hash.digest('hex') !== t.sha256) throw new RestoreRefused(`备份已损坏：表 ${t.name} 与清单不符`);
  }
  for (const f of manifest.files) {
    const bytes = await fsp.readFile(path.join(dir, 'files', f.key)).catch(() => undefined);
    if (!bytes || bytes.length !== f.bytes || sha256(bytes) !== f.sha256) throw new RestoreRefused(`备份已损坏：附件 ${f.key} 与清单不符`);
  }
  return manifest;
}

// The code's migrations cut to the first `count`, in a folder of their own (remove it after use).
export async function migrationsUpTo(count: number): Promise<string> {
  const journal = JSON.parse(await fsp.readFile(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'luoshi-restore-'));
  await fsp.mkdir(path.join(dir, 'meta'));
  const entries = journal.entries.slice(0, count);
  for (const e of entries) await fsp.copyFile(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  await fsp.writeFile(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  return dir;
}

// The data goes into the schema it came from; the later migrations then carry it forward as they would have carried
// the live database.
function checkMigrations(manifest: BackupManifest) {
  const ours = readMigrationFiles({ migrationsFolder });
  if (manifest.migrations.length > ours.length) throw new RestoreRefused('备份来自更新的版本（迁移多于本程序），请用相应版本的程序恢复');
  manifest.migrations.forEach((m, i) => {
    if (ours[i]!.hash !== m.hash) throw new RestoreRefused(`备份的第 ${i + 1} 个迁移与本程序不同，无法恢复`);
  });
}

/**
 * Restores a backup into a database that holds no county yet (freshly created, or a new data folder): the files go
 * into the store first (so no row ever names a missing file), then every table in one transaction, then the
 * migrations that came after the backup. Refuses a damaged backup or a target that already holds data.
 */
export async function restore(
  database: Database,
  store: FileStore,
  dir: string,
  onProgress: (line: string) => void = () => undefined,
): Promise<BackupManifest> {
  const manifest = await checkBackup(dir);
  checkMigrations(manifest);
  const cut = await migrationsUpTo(manifest.migrations.length);
  try {
    const applied = await appliedMigrations(database.db).catch(() => []);
    if (applied.length > 0) {
      // A county in use has accounts and an audit trail; the migrations write neither.
      const [holds] = await queryRows<{ n: number }>(database.db, sql`SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM audit_log) AS n`);
      if (Number(holds?.n ?? 0) > 0) throw new RestoreRefused('目标数据库已有数据，只能恢复到空库（新建的数据库或新的数据目录）');
      if (applied.length > manifest.migrations.length) throw new RestoreRefused('目标数据库的版本比备份新，请恢复到新建的空库（先不要启动服务）');
    }
    await database.migrate(cut);
  } finally {
    await fsp.rm(cut, { recursive: true, force: true });
  }

  for (const f of manifest.files) await store.put(f.key, await fsp.readFile(path.join(dir, 'files', f.key)));
  onProgress(`附件 ${manifest.files.length} 个`);

  const present = await publicTables(database.db);
  const missing = manifest.tables.map((t) => t.name).filter((n) => !present.includes(n));
  if (missing.length) throw new RestoreRefused(`目标库缺少表：${missing.join('、')}`);
  const [role] = await queryRows<{ superuser: boolean }>(database.db, sql`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`);
  if (!role?.superuser) throw new RestoreRefused('恢复需要以数据库超级用户连接（外键彼此成环，须暂停外键检查按原样写入）');
  const order = manifest.tables.map((t) => t.name);
  await database.db.transaction(async (tx) => {
    // Foreign keys form cycles (units ↔ people), so rows go in as they were with the checks paused; the backup was
    // consistent when taken and its digests were checked above. The audit log's ALWAYS triggers still fire.
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    // Rows the migrations wrote (the default scheme …) give way to the backup's own.
    for (const name of order) await tx.execute(sql.raw(`DELETE FROM public.${quoteIdent(name)}`));
    for (const name of order) {
      const columns = await queryRows<{ name: string }>(
        tx,
        sql`SELECT attname AS name FROM pg_attribute WHERE attrelid = ${`public.${quoteIdent(name)}`}::regclass
            AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
      );
      const list = columns.map((c) => quoteIdent(c.name)).join(', ');
      const insert = (batch: string[]) =>
        tx.execute(
          sql`${sql.raw(`INSERT INTO public.${quoteIdent(name)} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM jsonb_populate_recordset(NULL::public.${quoteIdent(name)}, `)}${`[${batch.join(',')}]`}::jsonb)`,
        );
      let batch: string[] = [];
      for await (const line of tableLines(dir, name)) {
        batch.push(line);
        if (batch.length === INSERT_ROWS) {
          await insert(batch);
          batch = [];
        }
      }
      if (batch.length) await insert(batch);
      onProgress(`表 ${name}：${manifest.tables.find((t) => t.name === name)!.rows} 行`);
    }
    for (const s of manifest.sequences) {
      await tx.execute(sql`SELECT setval(${`public.${quoteIdent(s.name)}`}::regclass, ${s.lastValue ?? 1}, ${s.isCalled})`);
    }
  });
  await database.migrate();
  return manifest;
}
