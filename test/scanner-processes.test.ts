import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { openPostgres, queryRows, type Database } from '../src/db/client.js';
import { verifyChain } from '../src/modules/audit/service.js';

const baseUrl = process.env.TEST_DATABASE_URL;

// Two app processes against one PostgreSQL database: a session opened on one serves on the other, and scanning at the
// same moment in both issues every sheet once. (docs/architecture.md, "Running several processes")
describe.skipIf(!baseUrl)('two app processes on one PostgreSQL', () => {
  const name = `luoshi_two_${crypto.randomBytes(4).toString('hex')}`;
  const url = baseUrl ? Object.assign(new URL(baseUrl), { pathname: `/${name}` }).toString() : '';
  const children: ChildProcess[] = [];
  const origins: string[] = [];
  let database: Database;

  function startApp(): Promise<string> {
    const child = spawn('npx', ['tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: '0',
        HOST: '127.0.0.1',
        LUOSHI_NOW: '2026-03-10T08:00:00+08:00',
        LUOSHI_SCANNER: '0',
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
  });

  it('seeds once, then issues every sheet exactly once under concurrent scans', async () => {
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
    // are set back here), so by 10 March the month-overdue ladder is due as well as the sheet chain.
    await database.db.execute(sql`UPDATE task_sheets SET issued_at = '2026-02-02T09:00:00+08:00' WHERE kind = 'assignment'`);
    await database.db.execute(sql`UPDATE tasks SET deadline = '2026-02-20' WHERE title LIKE '两进程扫描测试事项%'`);

    const scanAll = () => Promise.all([a, b, a, b, a, b].map((origin, i) => api(origin, i % 2 ? cookieB : cookieA, 'POST', '/api/v1/chasing/scan')));
    const results = await scanAll();
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const issued = results.reduce((sum, r) => sum + r.body.issued, 0);

    const sheets = await queryRows<{ task_id: number; kind: string; due_kind: string; due_day: string; number: string }>(
      database.db,
      sql`SELECT task_id, kind, due_kind, due_day::text, number FROM task_sheets WHERE kind <> 'assignment'`,
    );
    // Each task: warnings for its passed limits and deadline, and one rectification order for its February month —
    // each sheet once, with its own number, however the six scans interleaved.
    expect(sheets).toHaveLength(issued);
    expect(new Set(sheets.map((s) => `${s.task_id}|${s.kind}|${s.due_kind}|${s.due_day}`)).size).toBe(issued);
    expect(new Set(sheets.map((s) => s.number)).size).toBe(issued);
    expect(sheets.filter((s) => s.kind === 'warning' && s.due_kind === 'deadline')).toHaveLength(6);
    expect(sheets.filter((s) => s.kind === 'rectify')).toHaveLength(6);
    const [deductions] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM score_deductions`);
    expect(deductions!.n).toBe(6);
    // Nothing is left to issue.
    expect((await scanAll()).reduce((sum, r) => sum + r.body.issued, 0)).toBe(0);

    // Both processes appended to one audit chain without forking it.
    expect(await verifyChain({ db: database.db, config: loadConfig({ AUDIT_KEY: 'two-process-key' }) })).toMatchObject({ problems: [] });
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
