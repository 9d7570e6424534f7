// The several-process pass of the bench (npm run bench -- --processes 1,2,3): N copies of src/main.ts on one PostgreSQL
// database, each running the periodic work every few seconds, the mixed load spread over their ports with one session
// per role (opened on the first process, used on all), and afterwards a check that no job did its work twice.
import fs from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openPostgres } from '../src/db/client.js';
import { verifyChain } from '../src/modules/audit/service.js';
import { BENCH_PASSWORD } from './generate.js';
import { startServer, type Probe, type ServerUnderTest } from './server.js';
import { latency, type Latency } from './stats.js';

export interface Load {
  connections: number;
  rps: number;
  latency: Latency;
  errors: number;
}

export interface ProcessesPass {
  processes: number;
  now: string;
  // From starting the processes until each had done the day's periodic work once (racing the others for it).
  morningSeconds: number;
  // How long the open run took (its per-process CPU is over this time).
  openSeconds: number;
  // 10 connections in all, each asking again as soon as it is answered: the throughput.
  open: Load;
  // 50 requests a second in all: the latency of ordinary use.
  rate50: Load;
  // Over the open run: each process's share of the statements, its CPU time and the ticks of the periodic work it ran
  // (from start to the end of the pass).
  perProcess: { statements: number; cpuMs: number; ticks: number }[];
  // Over the open run: how many of the database's sessions were executing a statement on average (pg_stat_database
  // active_time per second: with 10 connections, near 10 means the requests spend their time in PostgreSQL), and the
  // CPU its backends used per second (from /proc, when PostgreSQL runs on this machine; 2 is both cores).
  database: { busySessions: number; cpuCores: number | null; commitsPerSecond: number };
  load: number[];
}

export interface MixRequest {
  method: 'GET';
  path: string;
  role: string;
}

// One autocannon per process, started together; the connections and the rate are shared out among them.
async function spread(urls: string[], requests: autocannon.Request[], connections: number, duration: number, rate?: number): Promise<Load> {
  const samples: number[] = [];
  let errors = 0;
  const runs = urls.map(
    (url, i) =>
      new Promise<void>((resolve, reject) => {
        const share = Math.floor(connections / urls.length) + (i < connections % urls.length ? 1 : 0);
        const instance = autocannon(
          {
            url,
            connections: share,
            duration,
            requests,
            ...(rate ? { overallRate: rate / urls.length } : {}),
          },
          (err, result) => {
            if (err) return reject(err);
            errors += result.errors + result.timeouts;
            resolve();
          },
        );
        instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
          samples.push(ms);
          if (status >= 400) errors += 1;
        });
      }),
  );
  await Promise.all(runs);
  return { connections, rps: Math.round((samples.length / duration) * 10) / 10, latency: latency(samples), errors };
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`${username} 登录失败：${res.status} ${await res.text()}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

// The CPU time (clock ticks) of each of the database's backends, read from /proc; empty when PostgreSQL is elsewhere.
async function backendTicks(client: pg.Client): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  const ticks = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // Fields 14 and 15 (utime, stime), after the command name in parentheses.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // Not on this machine, or the backend has gone.
    }
  }
  return ticks;
}

async function databaseStats(client: pg.Client) {
  // Statistics are flushed by each session at most once a second: wait for the run's last to land.
  await new Promise((r) => setTimeout(r, 1100));
  await client.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await client.query<{ active: number; commits: string }>(
    'SELECT active_time AS active, xact_commit AS commits FROM pg_stat_database WHERE datname = current_database()',
  );
  return { activeMs: Number(rows[0]!.active), commits: Number(rows[0]!.commits), ticks: await backendTicks(client) };
}

// Backends that started during the run count whole; those that ended during it are missed (the pools keep theirs).
function cpuSeconds(before: Map<number, number>, after: Map<number, number>): number | null {
  if (!after.size) return null;
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return ticks / 100;
}

/**
 * One pass: `n` processes on `databaseUrl` with the clock at `now` and the periodic work every `tickSeconds`, the mixed
 * load (`mix`: paths and the role that asks) over `seconds` twice (open, then 50 a second), and the processes stopped.
 */
export async function processesPass(opts: {
  n: number;
  databaseUrl: string;
  now: string;
  tickSeconds: number;
  basePort: number;
  accounts: Record<string, string>;
  mix: MixRequest[];
  seconds: number;
}): Promise<ProcessesPass> {
  const env = { DATABASE_URL: opts.databaseUrl, LUOSHI_NOW: opts.now, LUOSHI_SCANNER: '1', LUOSHI_SCANNER_INTERVAL: String(opts.tickSeconds) };
  const servers: ServerUnderTest[] = [];
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  try {
    const starting = performance.now();
    servers.push(...(await Promise.all(Array.from({ length: opts.n }, (_, i) => startServer(env, opts.basePort + i * 2)))));
    // The morning: every process starts the day's periodic work at once and races the others for it. The load waits
    // until each has finished its first tick (a second has begun), so every pass measures the same steady state: ticks
    // every few seconds that find the day's work claimed.
    for (;;) {
      const probes = await Promise.all(servers.map((s) => s.probe()));
      if (probes.every((p) => p.ticks >= 2)) break;
      if (performance.now() - starting > 20 * 60_000) throw new Error('二十分钟内定时工作未做完第一遍');
      await new Promise((r) => setTimeout(r, 200));
    }
    const morningSeconds = Math.round((performance.now() - starting) / 100) / 10;
    // One session per role, opened on the first process and sent to every one.
    const cookies: Record<string, string> = {};
    for (const [role, username] of Object.entries(opts.accounts)) cookies[role] = await login(servers[0]!.url, username);
    const requests = opts.mix.map((m) => ({ method: m.method, path: m.path, headers: { cookie: cookies[m.role]! } }));
    const urls = servers.map((s) => s.url);

    const before = await Promise.all(servers.map((s) => s.probe()));
    const dbBefore = await databaseStats(client);
    const started = performance.now();
    const open = await spread(urls, requests, 10, opts.seconds);
    const elapsed = (performance.now() - started) / 1000;
    const dbAfter = await databaseStats(client);
    const after: Probe[] = await Promise.all(servers.map((s) => s.probe()));
    const rate50 = await spread(urls, requests, 10, opts.seconds, 50);
    const end = await Promise.all(servers.map((s) => s.probe()));
    return {
      processes: opts.n,
      now: opts.now,
      morningSeconds,
      openSeconds: Math.round(elapsed * 10) / 10,
      open,
      rate50,
      perProcess: servers.map((_, i) => ({
        statements: after[i]!.statements - before[i]!.statements,
        cpuMs: after[i]!.cpuMs - before[i]!.cpuMs,
        ticks: end[i]!.ticks,
      })),
      database: {
        busySessions: Math.round(((dbAfter.activeMs - dbBefore.activeMs) / 1000 / elapsed) * 100) / 100,
        cpuCores: ((cpu) => (cpu === null ? null : Math.round((cpu / elapsed) * 100) / 100))(cpuSeconds(dbBefore.ticks, dbAfter.ticks)),
        commitsPerSecond: Math.round((dbAfter.commits - dbBefore.commits) / elapsed),
      },
      load: os.loadavg().map((l) => Math.round(l * 10) / 10),
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await client.end();
  }
}

/** The audit chain's head, so the check afterwards verifies what the passes appended. */
export async function chainHead(databaseUrl: string): Promise<{ seq: number; hash: string } | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    return rows[0];
  } finally {
    await client.end();
  }
}

// Work a job does once, found twice: each query returns the keys that occur more than once.
const TWICE: Record<string, string> = {
  'chasing sheet (task, kind, step, day, unit)': `SELECT task_id, kind, due_kind, due_day, unit_id FROM task_sheets WHERE kind <> 'assignment' GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1`,
  'sheet number': `SELECT kind, number FROM task_sheets GROUP BY 1, 2 HAVING count(*) > 1`,
  'carry-over (task, month)': `SELECT task_id, from_period FROM task_carry_overs GROUP BY 1, 2 HAVING count(*) > 1`,
  'carry-over reminder (task, day)': `SELECT task_id, (at AT TIME ZONE 'Asia/Shanghai')::date FROM task_events WHERE kind = 'carry_over.reminder' GROUP BY 1, 2 HAVING count(*) > 1`,
  'daily audit anchor (day)': `SELECT request_id FROM audit_log WHERE action = 'audit.anchor' GROUP BY 1 HAVING count(*) > 1`,
  'month frozen (month)': `SELECT target_id FROM audit_log WHERE action = 'figures.freeze' GROUP BY 1 HAVING count(*) > 1`,
  'study weekly notice (week)': `SELECT target_id FROM audit_log WHERE action = 'study.weekly_notice' GROUP BY 1 HAVING count(*) > 1`,
  'work group digest (group, day)': `SELECT target_id, after->>'day' FROM audit_log WHERE action = 'digest.send' GROUP BY 1, 2 HAVING count(*) > 1`,
  'orphan upload removed': `SELECT id FROM (SELECT unnest(string_to_array(target_id, ',')) AS id FROM audit_log WHERE action = 'task.attachment.orphan_remove') o GROUP BY 1 HAVING count(*) > 1`,
};

/**
 * After the passes: every job's work found at most once, the audit chain appended since `from` unforked, and what the
 * jobs did in all (so a check that found nothing twice also says whether there was anything to do).
 */
export async function checkOnce(databaseUrl: string, auditKey: string, from: { seq: number; hash: string } | undefined, since: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const database = openPostgres(databaseUrl, 1);
  try {
    const twice: Record<string, number> = {};
    for (const [name, query] of Object.entries(TWICE)) twice[name] = (await client.query(query)).rowCount ?? 0;
    const { rows } = await client.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE seq > $1 AND actor_id IS NULL GROUP BY 1 ORDER BY 1`,
      [from?.seq ?? 0],
    );
    // The carry-over reminders are task events, not audited.
    const reminders = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM task_events WHERE kind = 'carry_over.reminder' AND at >= $1`, [since]);
    const chain = await verifyChain({ db: database.db, config: loadConfig({ AUDIT_KEY: auditKey }) }, from);
    return {
      twice,
      done: { ...Object.fromEntries(rows.map((r) => [r.action, r.n])), 'carry_over.reminder': reminders.rows[0]!.n },
      chain: { checked: chain.checked, problems: chain.problems.map((p) => p.message) },
    };
  } finally {
    await client.end();
    await database.close();
  }
}
