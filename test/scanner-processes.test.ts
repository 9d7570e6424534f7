import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { openPostgres, queryRows, type Database } from '../src/db/client.js';
import { verifyChain } from '../src/modules/audit/service.js';

const baseUrl = process.env.TEST_DATABASE_URL;

// Two app processes against one PostgreSQL database and one data directory, each running the periodic work every
// second: a session opened on one serves on the other, scanning at the same moment in both (and in their own ticks)
// issues every sheet once, and the day's jobs run once. (docs/architecture.md, "Running several processes")
describe.skipIf(!baseUrl)('two app processes on one PostgreSQL', () => {
  const name = `luoshi_two_${crypto.randomBytes(4).toString('hex')}`;
  const url = baseUrl ? Object.assign(new URL(baseUrl), { pathname: `/${name}` }).toString() : '';
  const children: ChildProcess[] = [];
  const origins: string[] = [];
  // Shared by both, as the attachments and the audit anchors must be in production.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-two-'));
  let database: Database;

  function startApp(): Promise<string> {
    const child = spawn('npx', ['tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LUOSHI_NOW: '2026-03-10T08:00:00+08:00',
        LUOSHI_SCANNER_INTERVAL: '1',
        LUOSHI_DEMO: '1',
        LUOSHI_DEMO_HISTORY: '0',
        AUDIT_KEY: 'two-process-key',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so stopping it also stops the node process npx and tsx start beneath it.
      detached: true,
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /http:\/\/localhost:(\d+)/.exec(out);
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      });
      child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('exit', (code) => reject(new Error(`app exited ${code}: ${out}`)));
    });
  }

  async function api(origin: string, cookie: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${origin}${path}`, {
      method,
      // A browser names its page's origin on every write (the CSRF rule in app.ts).
      headers: { cookie, origin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  async function login(origin: string) {
    const res = await fetch(`${origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'duchashi', password: 'Luoshi@2026' }),
    });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    // Both start on the empty database at once: one migrates and seeds, the other waits for it.
    origins.push(...(await Promise.all([startApp(), startApp()])));
    database = openPostgres(url, 2);
  }, 120_000);

  afterAll(async () => {
    const exited = children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on('exit', r))));
    for (const child of children) if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await Promise.all(exited);
    await database?.close();
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds once, then issues every sheet exactly once under concurrent scans and ticks', async () => {
    const [units] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM units WHERE code = 'T01'`);
    expect(units!.n).toBe(1);

    const [a, b] = origins as [string, string];
    const cookieA = await login(a);
    const cookieB = await login(b);
    const t01 = (await api(a, cookieA, 'GET', '/api/v1/units')).body.items.find((u: { code: string }) => u.code === 'T01').id;
    for (let i = 0; i < 6; i++) {
      const created = await api(a, cookieA, 'POST', '/api/v1/tasks', {
        title: `两进程扫描测试事项 ${i + 1}`,
        source: 'leader_instruction',
        level: i % 2 ? 'major' : 'general',
        leadUnitId: t01,
        startDate: '2026-02-02',
        deadline: '2026-03-31',
        period: '2026-02',
      });
      expect(created.status).toBe(201);
      expect((await api(b, cookieB, 'POST', `/api/v1/tasks/${created.body.id}/assign`, {})).status).toBe(200);
    }

    // Handed over at the start of February and due 20 February (a deadline already past cannot be handed over, so both
    // are set back here, with a new version so that the scanners' marks no longer hold), so by 10 March the
    // month-overdue ladder is due as well as the sheet chain.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE task_sheets SET issued_at = '2026-02-02T09:00:00+08:00' WHERE kind = 'assignment'`);
      await tx.execute(sql`UPDATE tasks SET deadline = '2026-02-20', version = version + 1 WHERE title LIKE '两进程扫描测试事项%'`);
    });

    const scanAll = () => Promise.all([a, b, a, b, a, b].map((origin, i) => api(origin, i % 2 ? cookieB : cookieA, 'POST', '/api/v1/chasing/scan')));
    const results = await scanAll();
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    // The processes' own ticks issue some of them too, so the table is counted, not the answers.
    const issuedByScans = results.reduce((sum, r) => sum + r.body.issued, 0);

    const sheets = await queryRows<{ task_id: number; kind: string; due_kind: string; due_day: string; number: string }>(
      database.db,
      sql`SELECT task_id, kind, due_kind, due_day::text, number FROM task_sheets WHERE kind <> 'assignment'`,
    );
    // Each task: warnings for its passed limits and deadline, and one rectification order for its February month —
    // each sheet once, with its own number, however the six scans and the ticks interleaved.
    expect(new Set(sheets.map((s) => `${s.task_id}|${s.kind}|${s.due_kind}|${s.due_day}`)).size).toBe(sheets.length);
    expect(new Set(sheets.map((s) => s.number)).size).toBe(sheets.length);
    expect(issuedByScans).toBeLessThanOrEqual(sheets.length);
    expect(sheets.filter((s) => s.kind === 'warning' && s.due_kind === 'deadline')).toHaveLength(6);
    expect(sheets.filter((s) => s.kind === 'rectify')).toHaveLength(6);
    const [deductions] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM score_deductions`);
    expect(deductions!.n).toBe(6);
    // Nothing is left to issue.
    expect((await scanAll()).reduce((sum, r) => sum + r.body.issued, 0)).toBe(0);

    // Both processes appended to one audit chain without forking it.
    expect(await verifyChain({ db: database.db, config: loadConfig({ AUDIT_KEY: 'two-process-key' }) })).toMatchObject({ problems: [] });
  });

  it("runs the day's periodic work once, though both processes tick every second", async () => {
    // Long enough for several ticks in each.
    await new Promise((r) => setTimeout(r, 3000));
    const once = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(database.db, query))[0]!.n;
    expect(await once(sql`SELECT count(*)::int AS n FROM audit_anchors WHERE day = '2026-03-10'`)).toBe(1);
    expect(await once(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'audit.anchor'`)).toBe(1);
    expect(await once(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'study.weekly_notice'`)).toBe(1);
    // Months before March, each frozen once.
    expect(await once(sql`SELECT count(*)::int - count(DISTINCT target_id)::int AS n FROM audit_log WHERE action = 'figures.freeze'`)).toBe(0);
    // The anchor goes to the shared data directory once, however many processes ticked.
    const anchors = fs.readFileSync(path.join(dataDir, 'audit-anchors.jsonl'), 'utf8').trim().split('\n');
    expect(anchors.map((line) => JSON.parse(line).day)).toEqual(['2026-03-10']);
  });

  it('a session opened on one process serves on the other, and a logout on either ends it on both', async () => {
    const [a, b] = origins as [string, string];
    const cookie = await login(a);
    for (let i = 0; i < 10; i++) {
      const origin = i % 2 ? b : a;
      for (const path of ['/api/v1/auth/me', '/api/v1/tasks?pageSize=5', '/api/v1/figures/trend', '/api/v1/chasing/today']) {
        const res = await api(origin, cookie, 'GET', path);
        expect(res.status, `${origin}${path}`).toBe(200);
      }
    }
    expect((await api(b, cookie, 'POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await api(a, cookie, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await api(b, cookie, 'GET', '/api/v1/auth/me')).status).toBe(401);
  });
});
