import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { Actor } from '../src/context.js';
import { openPglite, openPostgres, type Database } from '../src/db/client.js';
import { lockDataDir } from '../src/db/dir-lock.js';
import { commitDraw, makeDraw } from '../src/modules/lottery/service.js';
import { seedDemo } from '../src/seed/demo.js';
import { cliDatabase } from './db.js';

const run = promisify(execFile);

// The command an operator runs after a meeting: `npm run lottery:verify -- <drawId>`, against the server's database.
// Each case starts a tsx process, which is slow on a loaded machine, hence the longer timeouts.
describe('npm run lottery:verify', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-lottery-'));
  let database: Database;
  let env: NodeJS.ProcessEnv;
  let drawId: number;
  let committedId: number;

  const office: Actor = { accountId: 0, username: 'duchashi', displayName: '督查室', roles: ['office'], personId: null, unitId: null, leaderId: null };
  const who = { actor: office, meta: { requestId: 'cli-test', ip: '', userAgent: '' } };

  beforeAll(async () => {
    ({ database, env } = await cliDatabase(dataDir, 'cli-key'));
    const deps = { db: database.db, clock: fixedClock('2026-03-25T01:00:00Z'), config: loadConfig({ AUDIT_KEY: 'cli-key' }) };
    await seedDemo(deps, { forcePasswordChange: false });
    drawId = (await commitDraw(deps, who, '2026-03')).draw.id;
    await makeDraw(deps, who, '2026-03', '0731');
    committedId = (await commitDraw(deps, who, '2026-04')).draw.id;
    // PGlite allows one process at a time on a data directory.
    if (!process.env.TEST_DATABASE_URL) await database.close();
  }, 180_000);
  afterAll(async () => {
    if (process.env.TEST_DATABASE_URL) await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const verify = (...args: string[]) =>
    run('npx', ['tsx', 'src/modules/lottery/verify-cli.ts', ...args], { env }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
  const tamper = async (statement: ReturnType<typeof sql>) => {
    const db = process.env.TEST_DATABASE_URL ? openPostgres(env.DATABASE_URL!) : await openPglite(path.join(dataDir, 'pg'));
    await db.db.execute(statement);
    await db.close();
  };

  it('passes an intact draw and a committed one, and fails with exit code 1 once a stored candidate is altered', async () => {
    const ok = await verify(String(drawId));
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain('2026-03，已抽签');
    expect(ok.out).toContain('校验通过：承诺值和抽签结果均与重新计算的一致。');
    const pending = await verify(String(committedId));
    expect(pending.code, pending.out).toBe(0);
    expect(pending.out).toContain('尚未抽签');

    await tamper(sql`UPDATE lottery_candidates SET "group" = CASE WHEN "group" = 'town' THEN 'county_unit' ELSE 'town' END
      WHERE id = (SELECT min(id) FROM lottery_candidates WHERE draw_id = ${drawId})`);
    const bad = await verify(String(drawId));
    expect(bad.code, bad.out).toBe(1);
    expect(bad.out).toContain('校验失败');
    expect(bad.out).toContain('承诺值不符');
  }, 180_000);

  it('an unknown draw or a bad id exits with 2; so does a data directory held by a server', async () => {
    const missing = await verify('99999');
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('抽签记录不存在');
    const bad = await verify('abc');
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('用法');
    if (!process.env.TEST_DATABASE_URL) {
      const held = lockDataDir(path.join(dataDir, 'pg'));
      try {
        const refused = await verify(String(drawId));
        expect(refused.code).toBe(2);
        expect(refused.out).toContain('正被另一个进程');
      } finally {
        held.release();
      }
    }
  }, 180_000);
});
