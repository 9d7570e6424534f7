import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackupManifest, backup } from '../src/db/backup.js';
import { type Database, migrationsFolder, openPglite, queryRows } from '../src/db/client.js';
import { RestoreRefused, checkBackup, migrationsUpTo, restore } from '../src/db/restore.js';
import { recordAudit, verifyChain } from '../src/modules/audit/service.js';
import { fixedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { diskFileStore } from '../src/storage/disk.js';
import { fileStoreFor } from '../src/storage/index.js';
import { call, demoApp, login, type TestApp } from './api.js';
import { cliDatabase, openTestDatabase, testDeps, type TestDeps } from './db.js';
import { buildTaskInput, unitId } from './factories.js';

const run = promisify(execFile);
const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `luoshi-${name}-`));

// Every table's rows and every file of a backup folder, as text, for a byte-for-byte comparison of two backups.
function contents(dir: string) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  const tables = Object.fromEntries(
    manifest.tables.map((t) => [t.name, zlib.gunzipSync(fs.readFileSync(path.join(dir, 'tables', `${t.name}.ndjson.gz`))).toString('utf8')]),
  );
  const files = Object.fromEntries(manifest.files.map((f) => [f.key, fs.readFileSync(path.join(dir, 'files', f.key)).toString('base64')]));
  return { manifest, tables, files };
}

describe('backup and restore', () => {
  const sourceDir = tmp('backup-source');
  const work = tmp('backup-work');
  let deps: TestDeps;
  let app: TestApp;
  let first: ReturnType<typeof contents>;

  beforeAll(async () => {
    deps = await testDeps({ DATA_DIR: sourceDir });
    app = await demoApp(deps);
    const [office, liaison] = await Promise.all([login(app, 'duchashi'), login(app, 'lianluo')]);
    const created = await call(app, office, 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: await unitId(deps.db, 'T01') }));
    const taskId = created.body!.id as number;
    await call(app, office, 'POST', `/api/v1/tasks/${taskId}/assign`, {});
    await call(app, liaison, 'POST', `/api/v1/tasks/${taskId}/sign`, {});
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 20, g: 120, b: 60 } } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.append('file', new File([new Uint8Array(photo)], '现场照片.jpg'));
    const res = await app.request(`/api/v1/tasks/${taskId}/attachments`, { method: 'POST', headers: { cookie: liaison }, body: form });
    expect(res.status).toBe(201);

    await backup(deps.db, fileStoreFor(deps.config), path.join(work, 'first'), { source: deps.database.kind, now: deps.clock.now() });
    first = contents(path.join(work, 'first'));
  }, 120_000);
  afterAll(async () => {
    await deps.close();
    for (const dir of [sourceDir, work]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds every table, the sequences and the attachment with its thumbnail', () => {
    const rows = Object.fromEntries(first.manifest.tables.map((t) => [t.name, t.rows]));
    expect(rows.accounts).toBeGreaterThan(5);
    expect(rows.audit_log).toBeGreaterThan(0);
    expect(rows.attachments).toBe(1);
    expect(first.manifest.files).toHaveLength(2); // the photo and its thumbnail
    expect(first.manifest.sequences.find((s) => s.name === 'tasks_id_seq')?.lastValue).toBeGreaterThan(0);
  });

  async function restoreAndCompare(target: Database, name: string) {
    const filesDir = path.join(work, `${name}-files`);
    try {
      await restore(target, diskFileStore(filesDir), path.join(work, 'first'));
      const again = path.join(work, `${name}-again`);
      await backup(target.db, diskFileStore(filesDir), again, { source: target.kind, now: deps.clock.now() });
      const second = contents(again);
      expect(second.tables).toEqual(first.tables);
      expect(second.files).toEqual(first.files);
      expect(second.manifest.sequences).toEqual(first.manifest.sequences);
      expect(second.manifest.migrations).toEqual(first.manifest.migrations);
      const chain = await verifyChain({ db: target.db, config: deps.config });
      expect(chain.problems).toEqual([]);
      // The restored sequences go on after the restored rows: a new row takes a fresh id.
      const [next] = await queryRows<{ id: number }>(target.db, sql`SELECT nextval('tasks_id_seq')::int AS id`);
      const [max] = await queryRows<{ id: number }>(target.db, sql`SELECT max(id)::int AS id FROM tasks`);
      expect(next!.id).toBeGreaterThan(max!.id);
    } finally {
      await target.close();
    }
  }

  it('restores into a fresh, migrated database of the same kind, table for table and file for file', async () => {
    await restoreAndCompare(await openTestDatabase(), 'same');
  }, 120_000);

  it('restores into a new embedded database that was never migrated (PostgreSQL to PGlite when run on PostgreSQL)', async () => {
    await restoreAndCompare(await openPglite(), 'embedded');
  }, 120_000);

  it('refuses a target that already holds a county, and leaves it as it was', async () => {
    const [before] = await queryRows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM tasks`);
    await expect(restore(deps.database, fileStoreFor(deps.config), path.join(work, 'first'))).rejects.toThrow('目标数据库已有数据');
    const [after] = await queryRows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM tasks`);
    expect(after!.n).toBe(before!.n);
  });

  it('refuses a damaged backup before writing anything: an altered row, a changed file, a missing manifest', async () => {
    const damaged = path.join(work, 'damaged');
    fs.cpSync(path.join(work, 'first'), damaged, { recursive: true });
    const tasksFile = path.join(damaged, 'tables', 'tasks.ndjson.gz');
    const text = zlib.gunzipSync(fs.readFileSync(tasksFile)).toString('utf8');
    fs.writeFileSync(tasksFile, zlib.gzipSync(text.replace('"status": "', '"status": "x')));
    await expect(checkBackup(damaged)).rejects.toThrow('表 tasks 与清单不符');

    fs.cpSync(path.join(work, 'first', 'tables'), path.join(damaged, 'tables'), { recursive: true });
    const photo = first.manifest.files[0]!.key;
    fs.appendFileSync(path.join(damaged, 'files', photo), Buffer.from([0]));
    await expect(checkBackup(damaged)).rejects.toThrow(`附件 ${photo} 与清单不符`);

    fs.rmSync(path.join(damaged, 'manifest.json'));
    await expect(checkBackup(damaged)).rejects.toBeInstanceOf(RestoreRefused);

    const target = await openPglite();
    try {
      await expect(restore(target, diskFileStore(path.join(work, 'damaged-files')), damaged)).rejects.toThrow('缺少 manifest.json');
      expect(fs.existsSync(path.join(work, 'damaged-files'))).toBe(false);
    } finally {
      await target.close();
    }
  });
});

describe('a backup from an earlier version', () => {
  it('restores at its own level, then the later migrations carry it forward', async () => {
    const work = tmp('backup-old');
    const all = readMigrationFiles({ migrationsFolder });
    const old = await openPglite();
    const cut = await migrationsUpTo(all.length - 1);
    const target = await openPglite();
    try {
      await old.migrate(cut);
      await old.db.execute(sql`INSERT INTO task_categories (name) VALUES ('旧版本的类别')`);
      const manifest = await backup(old.db, diskFileStore(path.join(work, 'files')), path.join(work, 'old'), {
        source: 'pglite',
        now: new Date('2026-03-25T01:00:00Z'),
      });
      expect(manifest.migrations).toHaveLength(all.length - 1);

      await restore(target, diskFileStore(path.join(work, 'restored-files')), path.join(work, 'old'));
      const applied = await queryRows<{ hash: string }>(target.db, sql`SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at`);
      expect(applied.map((m) => m.hash)).toEqual(all.map((m) => m.hash));
      expect(await queryRows(target.db, sql`SELECT name FROM task_categories WHERE name = '旧版本的类别'`)).toHaveLength(1);
    } finally {
      await Promise.all([old.close(), target.close()]);
      fs.rmSync(cut, { recursive: true, force: true });
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});

// The commands an operator runs, against the database the server uses (PGlite: the server must be stopped).
describe('npm run backup / npm run restore', () => {
  const dataDir = tmp('backup-cli');
  const restoredDir = tmp('backup-cli-restored');
  let database: Database;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    ({ database, env } = await cliDatabase(dataDir, 'cli-key'));
    await database.db.execute(sql`INSERT INTO task_categories (name) VALUES ('备份演练')`);
    const deps = { db: database.db, clock: fixedClock('2026-03-25T01:00:00Z'), config: loadConfig({ AUDIT_KEY: 'cli-key' }) };
    await deps.db.transaction((tx) =>
      recordAudit(tx, deps, { actor: null, meta: { requestId: 'r1', ip: '', userAgent: '' } }, { action: 'test', targetType: 't', targetId: 1 }),
    );
    if (!process.env.TEST_DATABASE_URL) await database.close();
  });
  afterAll(async () => {
    if (process.env.TEST_DATABASE_URL) await database.close();
    for (const dir of [dataDir, restoredDir]) fs.rmSync(dir, { recursive: true, force: true });
  });

  const cli = (args: string[], extra: NodeJS.ProcessEnv) =>
    run('npx', ['tsx', 'src/db/backup-cli.ts', ...args], { env: { ...env, ...extra } }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );

  it('backs up and restores into a new data folder; restoring again is refused', async () => {
    const folder = path.join(dataDir, 'nightly');
    const made = await cli(['backup', folder], {});
    expect(made.out).toContain('备份完成');
    expect(made.code).toBe(0);

    const into = { DATA_DIR: restoredDir, DATABASE_URL: '' };
    const restored = await cli(['restore', folder], into);
    expect(restored.out).toContain('恢复完成');
    expect(restored.code).toBe(0);
    const check = await openPglite(path.join(restoredDir, 'pg'));
    try {
      const rows = await queryRows<{ name: string }>(check.db, sql`SELECT name FROM task_categories WHERE name = '备份演练'`);
      expect(rows).toHaveLength(1);
    } finally {
      await check.close();
    }

    const twice = await cli(['restore', folder], into);
    expect(twice.code).toBe(1);
    expect(twice.out).toContain('只能恢复到空库');
  }, 240_000);
});
