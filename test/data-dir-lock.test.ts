import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, queryRows } from '../src/db/client.js';
import { DataDirInUse, lockDataDir } from '../src/db/dir-lock.js';
import { startServer } from '../src/main.js';
import { recordAudit } from '../src/modules/audit/service.js';

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-lock-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the embedded database is opened by one process at a time', () => {
  it('a second open of a held directory is refused, and allowed again once released', () => {
    const dir = path.join(tmp, 'a');
    const held = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUse);
    held.release();
    lockDataDir(dir).release();
  });

  it('a lock left by a process that died is taken over', () => {
    const dir = path.join(tmp, 'b');
    fs.mkdirSync(dir);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.writeFileSync(path.join(dir, 'luoshi.lock'), JSON.stringify({ pid: Number(dead) }));
    lockDataDir(dir).release();
    expect(fs.existsSync(path.join(dir, 'luoshi.lock'))).toBe(false);
  });

  it('npm run scan and npm run audit:verify refuse while the server runs, and nothing the server wrote is lost', async () => {
    const dataDir = path.join(tmp, 'server');
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LUOSHI_SCANNER: '0', LUOSHI_DEMO: '0' };
    const server = await startServer({ port: 0, env: { DATA_DIR: dataDir, DATABASE_URL: '', LUOSHI_SCANNER: '0', LUOSHI_DEMO: '0' } });
    const cli = (script: string) =>
      run('npx', ['tsx', script], { env }).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
    try {
      for (let i = 0; i < 3; i++) {
        await server.deps.db.transaction((tx) =>
          recordAudit(tx, server.deps, { actor: null, meta: { requestId: `w${i}`, ip: '', userAgent: '' } }, { action: 'test', targetType: 't', targetId: i }),
        );
      }
      const scan = await cli('src/modules/chasing/scan-cli.ts');
      expect(scan.code).toBe(2);
      expect(scan.out).toContain('正被另一个进程');
      expect(scan.out).not.toContain('    at ');
      const verify = await cli('src/modules/audit/verify-cli.ts');
      expect(verify.code).toBe(2);
      await server.deps.db.transaction((tx) =>
        recordAudit(tx, server.deps, { actor: null, meta: { requestId: 'w3', ip: '', userAgent: '' } }, { action: 'test', targetType: 't', targetId: 3 }),
      );
    } finally {
      await server.close();
    }

    const reopened = await openPglite(path.join(dataDir, 'pg'));
    const [row] = await queryRows<{ n: number }>(reopened.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'test'`);
    await reopened.close();
    expect(row!.n).toBe(4);
    // Once the server has stopped, the command runs.
    expect((await cli('src/modules/chasing/scan-cli.ts')).code).toBe(0);
  }, 180_000);
});
