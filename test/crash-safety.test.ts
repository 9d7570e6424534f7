import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { fixedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { type Database, type Db, openPglite, queryRows } from '../src/db/client.js';
import { verifyChain } from '../src/modules/audit/service.js';
import { leaders, people } from '../src/modules/org/schema.js';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/demo.js';
import { asBrowser, call, closeJointly, handOver, login, startWork, type TestApp } from './api.js';
import { cliDatabase } from './db.js';
import { firstLeaderId, unitId } from './factories.js';

// The server is killed with SIGKILL inside the transactions of the joint closing review, the Excel import, the plan
// issue, the month-end roll-over and the scanner (failpoints, src/failpoint.ts), restarted, and each operation is found
// whole or not at all, then completes whole when repeated; the scanner's re-run issues no sheet twice; the audit chain
// verifies. One county is prepared in-process, then six server processes take turns on its database.

const AUDIT_KEY = 'crash-safety-key';
// Every task below is March's; the server runs on 1 April, so they are overdue and carried over (挂单).
const SETUP_AT = '2026-03-02T09:00:00+08:00';
const SERVER_NOW = '2026-04-01T10:00:00+08:00';
const REVIEWERS = ['duchashi', 'xiaoneng', 'kaoheban'] as const;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crash-'));
let env: NodeJS.ProcessEnv;
// On PostgreSQL the test keeps its connection (closing it drops the database); PGlite is opened between server runs.
let postgres: Database | undefined;
const ids: Record<string, number> = {};
let workbook: ArrayBuffer;
// Every server process started, so one a failed case left running is stopped.
const started: ChildProcess[] = [];

async function inspect<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  if (postgres) return fn(postgres.db);
  const database = await openPglite(path.join(dataDir, 'pg'));
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

const count = async (db: Db, query: SQL) => (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (${query}) q`))[0]!.n;

// ---- The county, prepared in-process up to each operation's last step

async function prepare(app: TestApp, db: Db) {
  const cookie: Record<string, string> = {};
  for (const u of [...REVIEWERS, 'lianluo']) cookie[u] = await login(app, u);
  const t01 = await unitId(db, 'T01');
  const leaderId = await firstLeaderId(db);
  const task = (title: string) => ({
    title,
    source: 'leader_instruction',
    level: 'general',
    leadUnitId: t01,
    startDate: '2026-03-02',
    deadline: '2026-03-20',
    period: '2026-03',
  });

  // Closing: filed, and approved by all but the last reviewing office.
  ids.closingTask = await handOver(app, cookie.duchashi!, task('崩溃测试·销号事项'));
  await startWork(app, cookie.lianluo!, ids.closingTask);
  ids.closing = await closeJointly(
    app,
    cookie.lianluo!,
    REVIEWERS.slice(0, 2).map((u) => cookie[u]!),
    ids.closingTask,
    '2026-03-02',
  );

  // Scanner and roll-over: three tasks handed over and left unsigned, overdue by 1 April.
  for (let i = 1; i <= 3; i++) await handOver(app, cookie.duchashi!, task(`崩溃测试·督办事项${i}`));

  // Plan: April's plan at the meeting, two items approved.
  const as = (method: string, p: string, body?: unknown) => call(app, cookie.duchashi!, method, p, body);
  const plan = await as('POST', '/api/v1/plans', { kind: 'monthly', period: '2026-04', title: '崩溃测试4月重点工作安排' });
  expect(plan.status).toBe(201);
  ids.plan = plan.body!.id;
  for (let i = 0; i < 2; i++) expect((await as('POST', `/api/v1/plans/${ids.plan}/advance`)).status).toBe(200);
  const items: number[] = [];
  for (const title of ['崩溃测试·计划事项甲', '崩溃测试·计划事项乙']) {
    const item = await as('POST', `/api/v1/plans/${ids.plan}/items`, {
      title,
      deadline: '2026-04-28',
      leadUnitId: t01,
      leadLeaderId: leaderId,
      standard: '通过验收',
    });
    expect(item.status).toBe(201);
    items.push(item.body!.id);
  }
  expect((await as('POST', `/api/v1/plans/${ids.plan}/advance`)).body!.status).toBe('meeting');
  for (const item of items) expect((await as('POST', `/api/v1/plan-items/${item}/decision`, { decision: 'approved' })).status).toBe(200);

  // Import: a filled-in template of three rows.
  const template = await app.request('/api/v1/tasks/import/template', { headers: { cookie: cookie.duchashi! } });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await template.arrayBuffer());
  const [leader] = await db.select({ name: people.name }).from(leaders).innerJoin(people, eq(people.id, leaders.personId)).where(eq(leaders.id, leaderId));
  const sheet = wb.getWorksheet('台账')!;
  for (let i = 1; i <= 3; i++) {
    sheet.getRow(i + 1).values = [
      `崩溃测试·导入事项${i}`,
      '完成改造',
      '会议议定',
      '城市建设',
      '一般',
      leader!.name,
      'T01',
      '东城街道',
      '张三',
      '13900000000',
      '2026-04-01',
      '2026-04-30',
      '通过验收',
      '2026-04',
    ];
  }
  workbook = (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

// ---- The real server in its own process

interface Server {
  origin: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  cookies: Record<string, string>;
}

function startServer(failpoints: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...env, PORT: '0', HOST: '127.0.0.1', LUOSHI_NOW: SERVER_NOW, LUOSHI_SCANNER: '0', LUOSHI_DEMO: '0', LUOSHI_FAILPOINTS: failpoints },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) resolve({ origin: `http://127.0.0.1:${m[1]}`, child, exited, cookies: {} });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then(({ code, signal }) => reject(new Error(`server exited ${code ?? signal}: ${out}`)));
  });
}

async function api(server: Server, user: string, method: string, p: string, body?: unknown) {
  server.cookies[user] ??= await loginTo(server, user);
  const form = body instanceof FormData;
  const res = await fetch(`${server.origin}${p}`, {
    method,
    // A browser names its page's origin on every write (the CSRF rule in app.ts).
    headers: { cookie: server.cookies[user]!, origin: server.origin, ...(body === undefined || form ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : form ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : null };
}

async function loginTo(server: Server, username: string) {
  const res = await fetch(`${server.origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { origin: server.origin, 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

// The request never gets an answer: the process killed itself at the failpoint.
async function expectKilled(server: Server, request: Promise<unknown>) {
  await expect(request).rejects.toThrow();
  expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
}

const importFile = () => {
  const form = new FormData();
  form.append('file', new File([workbook], 'tasks.xlsx'));
  return form;
};

// ---- Checks on the database

const closingState = (db: Db) =>
  queryRows<{ request: string; task: string; reviews: number; closes: number }>(
    db,
    sql`SELECT r.status AS request, t.status AS task,
          (SELECT count(*)::int FROM closing_reviews v WHERE v.request_id = r.id) AS reviews,
          (SELECT count(*)::int FROM audit_log a WHERE a.action = 'task.close' AND a.target_id = ${String(ids.closingTask)}) AS closes
        FROM closing_requests r JOIN tasks t ON t.id = r.task_id WHERE r.id = ${ids.closing}`,
  ).then((rows) => rows[0]);

const imported = async (db: Db) => ({
  tasks: await count(db, sql`SELECT 1 FROM tasks WHERE title LIKE '崩溃测试·导入事项%'`),
  events: await count(db, sql`SELECT 1 FROM task_events e JOIN tasks t ON t.id = e.task_id WHERE t.title LIKE '崩溃测试·导入事项%'`),
  audits: await count(db, sql`SELECT 1 FROM audit_log WHERE action = 'task.import'`),
});

const planState = async (db: Db) => ({
  status: (await queryRows<{ status: string }>(db, sql`SELECT status FROM plan_periods WHERE id = ${ids.plan}`))[0]!.status,
  linked: await count(db, sql`SELECT 1 FROM plan_items WHERE period_id = ${ids.plan} AND task_id IS NOT NULL`),
  tasks: await count(db, sql`SELECT 1 FROM tasks WHERE title LIKE '崩溃测试·计划事项%'`),
  sheets: await count(db, sql`SELECT 1 FROM task_sheets s JOIN tasks t ON t.id = s.task_id WHERE t.title LIKE '崩溃测试·计划事项%'`),
  audits: await count(db, sql`SELECT 1 FROM audit_log WHERE action = 'plan.issue'`),
});

const carried = async (db: Db) => ({
  rows: await count(db, sql`SELECT 1 FROM task_carry_overs`),
  events: await count(db, sql`SELECT 1 FROM task_events WHERE kind = 'carry_over'`),
  audits: await count(db, sql`SELECT 1 FROM audit_log WHERE action = 'task.carry_over'`),
});

const chaseSheets = (db: Db) =>
  queryRows<{ task_id: number; kind: string; due_kind: string; due_day: string; seq: number; number: string; events: number; audits: number }>(
    db,
    sql`SELECT s.task_id, s.kind, s.due_kind, s.due_day::text, s.seq, s.number,
          (SELECT count(*)::int FROM task_events e WHERE e.task_id = s.task_id AND e.kind = 'sheet.' || s.kind AND e.note LIKE '%' || s.number || '%') AS events,
          (SELECT count(*)::int FROM audit_log a WHERE a.action = 'sheet.' || s.kind AND a.after->>'number' = s.number) AS audits
        FROM task_sheets s WHERE s.kind <> 'assignment' ORDER BY s.kind, s.seq`,
  );

beforeAll(async () => {
  const opened = await cliDatabase(dataDir, AUDIT_KEY);
  env = opened.env;
  const deps = { db: opened.database.db, clock: fixedClock(SETUP_AT), config: loadConfig({ NODE_ENV: 'test', AUDIT_KEY }) };
  await seedDemo(deps, { forcePasswordChange: false });
  await prepare(asBrowser(createApp(deps)), deps.db);
  if (opened.database.kind === 'postgres') postgres = opened.database;
  else await opened.database.close();
}, 120_000);

afterAll(async () => {
  // A case that failed before its failpoint fired leaves its server running.
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await postgres?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('SIGKILL in the middle of a write: each operation happens whole or not at all', () => {
  let server: Server;
  it('the last joint review (it closes the task): nothing of it survives the kill; repeated, it closes the task once', async () => {
    server = await startServer('closing.settle');
    await expectKilled(server, api(server, 'kaoheban', 'POST', `/api/v1/closing-requests/${ids.closing}/reviews`, { decision: 'approve', comment: '' }));
    expect(await inspect(closingState)).toEqual({ request: 'pending', task: 'closing_requested', reviews: 2, closes: 0 });

    server = await startServer('task.import');
    expect((await api(server, 'kaoheban', 'POST', `/api/v1/closing-requests/${ids.closing}/reviews`, { decision: 'approve', comment: '' })).status).toBe(201);
  }, 120_000);

  it('the Excel import: no draft of a killed import remains; repeated, every row is imported once', async () => {
    await expectKilled(server, api(server, 'duchashi', 'POST', '/api/v1/tasks/import', importFile()));
    await inspect(async (db) => {
      expect(await closingState(db)).toEqual({ request: 'approved', task: 'closed', reviews: 3, closes: 1 });
      expect(await imported(db)).toEqual({ tasks: 0, events: 0, audits: 0 });
    });

    server = await startServer('plan.issue');
    expect((await api(server, 'duchashi', 'POST', '/api/v1/tasks/import', importFile())).body).toMatchObject({ created: 3 });
  }, 120_000);

  it('the plan issue: a killed issue leaves the plan at the meeting with no task; repeated, it issues both items', async () => {
    await expectKilled(server, api(server, 'duchashi', 'POST', `/api/v1/plans/${ids.plan}/issue`, { documentNumber: '示办〔2026〕40号' }));
    await inspect(async (db) => {
      expect(await imported(db)).toEqual({ tasks: 3, events: 3, audits: 1 });
      expect(await planState(db)).toEqual({ status: 'meeting', linked: 0, tasks: 0, sheets: 0, audits: 0 });
    });

    // The roll-over is killed in its second task's transaction: the first task's carry-over is committed on its own.
    server = await startServer('plan.rollover@2');
    expect((await api(server, 'duchashi', 'POST', `/api/v1/plans/${ids.plan}/issue`, { documentNumber: '示办〔2026〕40号' })).status).toBe(200);
  }, 120_000);

  it('the month-end roll-over: each task carried whole or not at all; the re-run carries the rest once', async () => {
    await expectKilled(server, api(server, 'duchashi', 'POST', '/api/v1/carry-overs/run'));
    await inspect(async (db) => {
      expect(await planState(db)).toEqual({ status: 'issued', linked: 2, tasks: 2, sheets: 2, audits: 1 });
      expect(await carried(db)).toEqual({ rows: 1, events: 1, audits: 1 });
    });

    // The scanner is killed in its third sheet's transaction.
    server = await startServer('chasing.sheet@3');
    // The three March tasks still open (the closed one is not carried).
    expect((await api(server, 'duchashi', 'POST', '/api/v1/carry-overs/run')).body).toMatchObject({ carried: 2 });
    expect((await api(server, 'duchashi', 'POST', '/api/v1/carry-overs/run')).body).toMatchObject({ carried: 0 });
  }, 120_000);

  it('the scanner: the sheets issued before the kill stand; the re-run issues the rest, none twice; the audit chain verifies', async () => {
    await expectKilled(server, api(server, 'duchashi', 'POST', '/api/v1/chasing/scan'));
    await inspect(async (db) => {
      expect(await carried(db)).toEqual({ rows: 3, events: 3, audits: 3 });
      const sheets = await chaseSheets(db);
      expect(sheets).toHaveLength(2);
      for (const s of sheets) expect(s).toMatchObject({ events: 1, audits: 1 });
    });

    server = await startServer('');
    try {
      const rerun = await api(server, 'duchashi', 'POST', '/api/v1/chasing/scan');
      expect(rerun.status).toBe(200);
      expect(rerun.body!.issued).toBeGreaterThan(0);
      expect((await api(server, 'duchashi', 'POST', '/api/v1/chasing/scan')).body).toMatchObject({ issued: 0 });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }

    await inspect(async (db) => {
      const sheets = await chaseSheets(db);
      expect(sheets.length).toBeGreaterThan(2);
      expect(new Set(sheets.map((s) => `${s.task_id}|${s.kind}|${s.due_kind}|${s.due_day}`)).size).toBe(sheets.length);
      // Numbers run without a gap: the killed transaction's number was never taken.
      for (const kind of new Set(sheets.map((s) => s.kind))) {
        const seqs = sheets.filter((s) => s.kind === kind).map((s) => s.seq);
        expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      }
      for (const s of sheets) expect(s).toMatchObject({ events: 1, audits: 1 });
      expect(await verifyChain({ db, config: loadConfig({ NODE_ENV: 'test', AUDIT_KEY }) })).toMatchObject({ problems: [] });
    });
  }, 120_000);
});
