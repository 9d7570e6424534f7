import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { openPglite, openPostgres, type Database } from '../src/db/client.js';
import { recordAudit } from '../src/modules/audit/service.js';
import { cliDatabase } from './db.js';

const run = promisify(execFile);

// The command an operator runs: `npm run audit:verify`, against the database the server uses. Each case starts tsx
// processes, which is slow on a loaded machine, hence the longer timeouts.
describe('npm run audit:verify', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-verify-'));
  let database: Database;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    ({ database, env } = await cliDatabase(dataDir, 'cli-key'));
    const deps = { db: database.db, clock: fixedClock('2026-03-25T01:00:00Z'), config: loadConfig({ AUDIT_KEY: 'cli-key' }) };
    for (let i = 0; i < 3; i++) {
      await deps.db.transaction((tx) =>
        recordAudit(tx, deps, { actor: null, meta: { requestId: `r${i}`, ip: '', userAgent: '' } }, { action: 'test', targetType: 't', targetId: i }),
      );
    }
    // PGlite allows one process at a time on a data directory.
    if (!process.env.TEST_DATABASE_URL) await database.close();
  });
  afterAll(async () => {
    if (process.env.TEST_DATABASE_URL) await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const verify = () =>
    run('npx', ['tsx', 'src/modules/audit/verify-cli.ts'], { env }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );

  it('passes an intact chain and fails naming the edited row', async () => {
    const ok = await verify();
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('共校验 3 条');

    const db = process.env.TEST_DATABASE_URL ? openPostgres(env.DATABASE_URL!) : await openPglite(path.join(dataDir, 'pg'));
    await db.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await db.db.execute(sql`UPDATE audit_log SET action = 'tampered' WHERE seq = 2`);
    await db.db.execute(sql`ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_update_delete`);
    await db.close();

    const bad = await verify();
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('第 2 条审计记录内容被篡改');
  }, 180_000);

  it('with the wrong key every row fails', async () => {
    const wrong = await run('npx', ['tsx', 'src/modules/audit/verify-cli.ts'], { env: { ...env, AUDIT_KEY: 'other' } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((wrong as { code: number }).code).toBe(1);
  }, 180_000);
});
