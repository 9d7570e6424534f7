// npm run bench [-- --quick] [--db pg|pglite] [--units N --tasks N] [--database-url URL] [--pglite DATA_DIR] [--seconds S]
// [--runs N] [--skip-tick] [--no-explain] [--processes 1,2,3]
// Measures the real server on a bench data set (npm run bench:seed): the scanner's tick (first and second pass), then
// each operation over HTTP, interleaved one by one with the bare SQL it needs, then under autocannon at 1 and 10
// connections, the heavy downloads with the server's peak memory, and a mixed load at 50 requests a second.
// Writes bench/results/<date>-<db>-<size>.json. --quick seeds a small data set and fails only when an operation errors.
// --quick ends with the mixed load on two processes; --processes 1,2,3 measures instead the mixed load on 1, 2 and 3 app processes at once on the same PostgreSQL database
// (bench/processes.ts; results in …-processes.json) and fails when a periodic job did its work twice.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openPglite, openPostgres, pgliteOf } from '../src/db/client.js';
import { BENCH_MONTH, BENCH_NOW, BENCH_PASSWORD, generate } from './generate.js';
import { pgliteSql, pgSql, type Sql } from './load.js';
import { benchDatabaseUrl, freshBenchDatabase, parseArgs, PG_SERVER } from './options.js';
import { bareQueries, operations, pickSubjects, type Operation } from './operations.js';
import { chainHead, checkOnce, processesPass, type MixRequest, type ProcessesPass } from './processes.js';
import { startServer, type ServerUnderTest } from './server.js';
import { latency, type Latency, type OperationResult } from './stats.js';

const args = parseArgs(process.argv.slice(2));
const quick = args.quick === true;
const db = (args.db ?? 'pg') as 'pg' | 'pglite';
if (db !== 'pg' && db !== 'pglite') throw new Error('--db 只能是 pg 或 pglite');
const units = Number(args.units ?? (quick ? 30 : db === 'pglite' ? 150 : 2000));
const tasks = Number(args.tasks ?? (quick ? 2000 : db === 'pglite' ? 20_000 : 200_000));
const seconds = Number(args.seconds ?? (quick ? 1 : 8));
const explain = args['no-explain'] !== true && !quick;
const skipTick = args['skip-tick'] === true;
const serialRuns = Number(args.runs ?? (quick ? 5 : 40));
const processCounts = args.processes === undefined ? [] : String(args.processes).split(',').map(Number);
if (processCounts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--processes 应为进程数，如 1,2,3');
if (processCounts.length && db !== 'pg') throw new Error('--processes 只用于 PostgreSQL：PGlite 的数据目录一次只归一个进程');
const root = path.resolve(import.meta.dirname, '..');
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const failures: string[] = [];

// ---- The data set: made fresh for --quick, else the one bench:seed wrote.
const pgUrl = String(args['database-url'] ?? (quick ? `${PG_SERVER}/luoshi_bench_quick` : benchDatabaseUrl(units, tasks)));
const pgliteDir = path.resolve(String(args.pglite ?? (quick ? fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-bench-')) : `data/bench-${units}-${tasks}`)));
const serverEnv: Record<string, string> = db === 'pg' ? { DATABASE_URL: pgUrl } : { DATA_DIR: pgliteDir, DATABASE_URL: '' };

async function openSql(): Promise<{ sql: Sql; close(): Promise<void> }> {
  if (db === 'pg') {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    const sql = pgSql(client);
    return { sql, close: () => sql.close() };
  }
  const database = await openPglite(path.join(pgliteDir, 'pg'));
  return { sql: pgliteSql(pgliteOf(database)!), close: () => database.close() };
}

if (quick) {
  log(`--quick：生成 ${units} 个单位、${tasks} 项事项的小数据集`);
  if (db === 'pg') {
    await freshBenchDatabase(pgUrl);
    const database = openPostgres(pgUrl, 2);
    await database.migrate();
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await generate(database, pgSql(client), { units, tasks, seed: 1 }).finally(async () => {
      await client.end();
      await database.close();
    });
  } else {
    const database = await openPglite(path.join(pgliteDir, 'pg'));
    await database.migrate();
    await generate(database, pgliteSql(pgliteOf(database)!), { units, tasks, seed: 1 }).finally(() => database.close());
  }
}

// ---- The scanner's tick, as its own process, twice: the first pass does the day's work, the second finds none.
interface TickStep {
  ms: number;
  peakRssMb: number;
  result: Record<string, number>;
}
interface Tick {
  openTasks: number;
  baseRssMb: number;
  scan: TickStep;
  rollOver: TickStep;
  freeze: TickStep;
}
function runTick(): Promise<Tick> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/tick.ts'], {
      cwd: root,
      env: { ...process.env, ...serverEnv, LUOSHI_NOW: BENCH_NOW },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as Tick);
      else reject(new Error(`扫描进程退出码 ${code}：${out}`));
    });
  });
}

const ticks: Tick[] = [];
for (const pass of skipTick ? [] : [1, 2]) {
  try {
    const tick = await runTick();
    ticks.push(tick);
    log(
      `扫描第 ${pass} 遍：督办中事项 ${tick.openTasks}，扫描 ${tick.scan.ms} ms（${JSON.stringify(tick.scan.result)}），挂单 ${tick.rollOver.ms} ms（${JSON.stringify(tick.rollOver.result)}），冻结月度数据 ${tick.freeze.ms} ms，峰值内存 ${tick.freeze.peakRssMb} MB`,
    );
  } catch (err) {
    failures.push(`scanner tick ${pass}: ${(err as Error).message}`);
    log(`扫描第 ${pass} 遍失败：${(err as Error).message}`);
  }
}

// ---- What to ask for: subjects picked from the data (a big county, a busy town, a leader, a task …).
const picked = await openSql();
const subjects = await pickSubjects(picked.sql);
// PGlite's directory has one owner at a time: the bare SQL runs in the bench only while the server is down.
if (db === 'pglite') await picked.close();
log(`对象：${JSON.stringify(subjects)}`);
const ops: Operation[] = operations(subjects);
// The everyday reads of every role, in proportion: the mixed load.
const mix: MixRequest[] = ops
  .filter((o) => !o.heavy && o.mix)
  .flatMap((o) => Array.from({ length: o.mix! }, () => o.paths.map((p) => ({ method: 'GET' as const, path: p, role: o.role }))).flat());

if (processCounts.length) {
  await picked.close();
  await severalProcesses(processCounts);
  if (quick) await dropQuick();
  if (failures.length) console.error(`有 ${failures.length} 项出错：\n${failures.join('\n')}`);
  process.exit(failures.length ? 1 : 0);
}

const port = 3900 + Math.floor(Math.random() * 500) * 2;
const server: ServerUnderTest = await startServer(serverEnv, port);
log(`服务已启动 ${server.url}（pid ${server.pid}）`);

async function login(username: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`${username} 登录失败：${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('luoshi_session') || c.includes('='));
  return cookie!.split(';')[0]!;
}
const cookies: Record<string, string> = {};
for (const [role, username] of Object.entries(subjects.accounts)) cookies[role] = await login(username);

async function get(role: string, pathname: string) {
  const started = performance.now();
  const res = await fetch(`${server.url}${pathname}`, { headers: { cookie: cookies[role]! } });
  const body = Buffer.from(await res.arrayBuffer());
  return { ms: performance.now() - started, status: res.status, bytes: body.length, body };
}

function cannon(opts: autocannon.Options): Promise<{ rps: number; latency: Latency; errors: number }> {
  return new Promise((resolve, reject) => {
    const samples: number[] = [];
    let errors = 0;
    const instance = autocannon(opts, (err, result) => {
      if (err) return reject(err);
      resolve({
        rps: Math.round((samples.length / (result.duration || 1)) * 10) / 10,
        latency: latency(samples),
        errors: errors + result.errors + result.timeouts,
      });
    });
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      samples.push(ms);
      if (status >= 400) errors += 1;
    });
  });
}

// autocannon returns at the end of its time while the server may still be answering: wait until it is quiet.
async function settled() {
  let last = await server.probe();
  for (;;) {
    await new Promise((r) => setTimeout(r, 150));
    const now = await server.probe();
    if (now.statements === last.statements) return now;
    last = now;
  }
}

const mb = (n: number) => Math.round(n / 1024 / 1024);
const results: OperationResult[] = [];
const bare = db === 'pg' ? bareQueries(subjects) : {};

// ---- Each operation: statements per request, then one request and its bare SQL in turn, then autocannon.
for (const op of ops.filter((o) => !o.heavy)) {
  const r: OperationResult = {
    name: op.name,
    role: op.role,
    path: op.paths.join(' + '),
    status: 0,
    bytes: 0,
    statements: null,
    serial: latency([]),
    bare: null,
    ratio: null,
    c1: null,
    c10: null,
    slowest: [],
    target: op.target ? { p95Ms: op.target } : null,
    met: null,
    errors: [],
  };
  try {
    const before = await settled();
    const first = await Promise.all(op.paths.map((p) => get(op.role, p)));
    // The probe counts statements sent through pg; PGlite's are not counted.
    r.statements = db === 'pg' ? (await server.probe()).statements - before.statements : null;
    r.status = Math.max(...first.map((f) => f.status));
    r.bytes = first.reduce((s, f) => s + f.bytes, 0);
    for (const [i, f] of first.entries()) if (f.status !== 200) r.errors.push(`${op.paths[i]} → ${f.status} ${f.body.toString().slice(0, 200)}`);
    const endpoint: number[] = [];
    const direct: number[] = [];
    const queries = bare[op.name];
    for (let i = 0; i < serialRuns; i++) {
      const started = performance.now();
      await Promise.all(op.paths.map((p) => get(op.role, p)));
      endpoint.push(performance.now() - started);
      if (queries && db === 'pg') {
        const t = performance.now();
        for (const q of queries) await picked.sql.query(q.text, q.params);
        direct.push(performance.now() - t);
      }
    }
    r.serial = latency(endpoint);
    if (direct.length) {
      r.bare = latency(direct);
      r.ratio = Math.round((r.serial.p50 / r.bare.p50) * 100) / 100;
    }
    if (op.paths.length === 1) {
      const target = { url: `${server.url}${op.paths[0]}`, headers: { cookie: cookies[op.role]! }, duration: seconds };
      r.c1 = await cannon({ ...target, connections: 1 });
      r.c10 = await cannon({ ...target, connections: 10 });
    }
    if (op.target) r.met = r.serial.p95 <= op.target;
    // One more request, traced: its slowest statements, explained (PostgreSQL only; PGlite's directory is the server's).
    if (db === 'pg' && explain) {
      await settled();
      await server.probe('trace');
      await Promise.all(op.paths.map((p) => get(op.role, p)));
      const traced = (await server.probe('untrace')).trace ?? [];
      const slow = [...traced].sort((a, b) => b.ms - a.ms).slice(0, 2);
      r.slowest = [];
      for (const q of slow.filter((q) => q.ms >= 5 && /^\s*(select|with)/i.test(q.text))) {
        const plan = await picked.sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
        r.slowest.push({ ms: Math.round(q.ms * 10) / 10, sql: q.text, plan: plan.map((p) => p['QUERY PLAN']) });
      }
    }
  } catch (err) {
    r.errors.push((err as Error).message);
  }
  if (r.errors.length) failures.push(`${op.name}: ${r.errors.join('; ')}`);
  results.push(r);
  log(
    `${op.name.padEnd(24)} p50 ${r.serial.p50} p95 ${r.serial.p95} p99 ${r.serial.p99} ms` +
      (r.bare ? ` | 裸 SQL p50 ${r.bare.p50} ms，比值 ${r.ratio}` : '') +
      (r.c10 ? ` | 1 连接 ${r.c1!.rps} 次/秒，10 连接 ${r.c10.rps} 次/秒 p95 ${r.c10.latency.p95} ms` : '') +
      ` | ${r.statements ?? '?'} 条语句，${r.bytes} 字节` +
      (r.errors.length ? ` | 错误：${r.errors.join('; ')}` : ''),
  );
}

// ---- Downloads: time and the server's peak memory above its resting size.
const heavy: { name: string; path: string; ms: number[]; bytes: number; restRssMb: number; peakRssMb: number; status: number }[] = [];
for (const op of ops.filter((o) => o.heavy)) {
  const times: number[] = [];
  let status = 0;
  let bytes = 0;
  const rest = await server.probe('reset');
  for (let i = 0; i < (quick ? 1 : 3); i++) {
    const res = await get(op.role, op.paths[0]!);
    times.push(Math.round(res.ms));
    status = res.status;
    bytes = res.bytes;
    if (res.status !== 200) failures.push(`${op.name}: ${res.status} ${res.body.toString().slice(0, 200)}`);
  }
  const after = await server.probe();
  heavy.push({ name: op.name, path: op.paths[0]!, ms: times, bytes, restRssMb: mb(rest.rss), peakRssMb: mb(after.peakRss), status });
  log(`${op.name.padEnd(24)} ${times.join(' / ')} ms，${bytes} 字节，内存 ${mb(rest.rss)} → 峰值 ${mb(after.peakRss)} MB`);
}

// ---- Mixed use at 50 requests a second: the everyday reads of every role, in proportion.
const mixRequests = mix.map((m) => ({ method: m.method, path: m.path, headers: { cookie: cookies[m.role]! } }));
const mixed = await cannon({ url: server.url, connections: 10, overallRate: 50, duration: quick ? 3 : Math.max(20, seconds * 3), requests: mixRequests });
log(`混合负载 50 次/秒：实际 ${mixed.rps} 次/秒，p50 ${mixed.latency.p50} p95 ${mixed.latency.p95} p99 ${mixed.latency.p99} ms，错误 ${mixed.errors}`);
if (mixed.errors) failures.push(`mixed load: ${mixed.errors} errors`);
const rest = await server.probe();
await server.stop();

// ---- PGlite: the bare SQL, now that the bench may open the directory (not interleaved; see docs/performance.md).
if (db === 'pglite') {
  const { sql, close } = await openSql();
  try {
    for (const [name, queries] of Object.entries(bareQueries(subjects))) {
      const r = results.find((x) => x.name === name);
      if (!r) continue;
      const direct: number[] = [];
      for (let i = 0; i < serialRuns; i++) {
        const t = performance.now();
        for (const q of queries) await sql.query(q.text, q.params);
        direct.push(performance.now() - t);
      }
      r.bare = latency(direct);
      r.ratio = Math.round((r.serial.p50 / r.bare.p50) * 100) / 100;
    }
  } finally {
    await close();
  }
} else {
  await picked.close();
}

const result = {
  at: new Date().toISOString(),
  db,
  size: { units, tasks },
  machine: machine(),
  benchNow: BENCH_NOW,
  month: BENCH_MONTH,
  subjects,
  ticks,
  operations: results,
  heavy,
  mixed: { targetRps: 50, ...mixed },
  server: { restRssMb: mb(rest.rss), peakRssMb: mb(rest.peakRss) },
  failures,
};
writeResult('', result);
// --quick ends with a pass on two processes (about 20 s more), so that path cannot rot either.
if (quick && db === 'pg') await severalProcesses([2]);
if (quick && db === 'pg') await dropQuick();
if (quick && db === 'pglite') fs.rmSync(pgliteDir, { recursive: true, force: true });
if (failures.length) {
  console.error(`有 ${failures.length} 项出错：\n${failures.join('\n')}`);
  process.exit(1);
}

function machine() {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memGb: Math.round(os.totalmem() / 2 ** 30),
    load: os.loadavg().map((l) => Math.round(l * 10) / 10),
    node: process.version,
  };
}

function writeResult(suffix: string, result: object) {
  const dir = path.join(root, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().slice(0, 10)}-${db}-${units}u-${tasks}t${suffix}${quick ? '-quick' : ''}.json`);
  if (!quick) fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  log(quick ? '（--quick 不写结果文件）' : `结果已写入 ${path.relative(root, file)}`);
}

// ---- Several app processes: each pass a day later than the last, so every pass's processes find the day's periodic
// work (sheets falling due, the audit anchor, reminders, digests) still to do and race for it; the load then runs
// while they keep ticking.
async function severalProcesses(counts: number[]) {
  const head = await chainHead(pgUrl);
  const basePort = 5000 + Math.floor(Math.random() * 400) * 10;
  const tickSeconds = quick ? 1 : 5;
  const passes: ProcessesPass[] = [];
  // After the last day anchored, so a second run on the same database finds fresh days too.
  const last = await queryOne<{ day: string | null }>(pgUrl, 'SELECT max(day) AS day FROM audit_anchors');
  const first = Math.max(Date.parse(BENCH_NOW), last.day ? Date.parse(`${last.day}T09:00:00+08:00`) : 0);
  for (const [k, n] of counts.entries()) {
    const now = new Date(first + (k + 1) * 86_400_000).toISOString();
    try {
      const pass = await processesPass({
        n,
        databaseUrl: pgUrl,
        now,
        tickSeconds,
        basePort,
        accounts: subjects.accounts,
        mix,
        seconds: quick ? 3 : Math.max(20, seconds * 3),
      });
      passes.push(pass);
      log(
        `${n} 个进程（${now}）：启动并做完当天定时工作 ${pass.morningSeconds} 秒；满载 ${pass.open.rps} 次/秒 p50 ${pass.open.latency.p50} p95 ${pass.open.latency.p95} p99 ${pass.open.latency.p99} ms，` +
          `50 次/秒（实际 ${pass.rate50.rps}）p50 ${pass.rate50.latency.p50} p95 ${pass.rate50.latency.p95} p99 ${pass.rate50.latency.p99} ms，错误 ${pass.open.errors + pass.rate50.errors}；` +
          `数据库平均 ${pass.database.busySessions} 个会话在执行、CPU ${pass.database.cpuCores ?? '?'} 核，各进程 CPU ${pass.perProcess.map((p) => Math.round(p.cpuMs / 10 / pass.openSeconds) / 100).join(' / ')} 核、定时工作 ${pass.perProcess.map((p) => p.ticks).join(' / ')} 次；负载 ${pass.load.join(' / ')}`,
      );
      if (pass.open.errors + pass.rate50.errors) failures.push(`${n} processes: ${pass.open.errors + pass.rate50.errors} errors`);
      if (pass.perProcess.some((p) => p.ticks === 0)) failures.push(`${n} processes: a process ran no periodic work`);
    } catch (err) {
      failures.push(`${n} processes: ${(err as Error).message}`);
      log(`${n} 个进程失败：${(err as Error).message}`);
    }
  }
  const once = await checkOnce(pgUrl, loadConfig().auditKey, head, new Date(first + 86_400_000).toISOString());
  log(`定时工作所做（全部进程合计）：${JSON.stringify(once.done)}`);
  const twice = Object.entries(once.twice).filter(([, n]) => n > 0);
  log(twice.length ? `做了两次：${JSON.stringify(Object.fromEntries(twice))}` : '没有任何工作做了两次');
  log(`审计链（本轮追加 ${once.chain.checked} 条）：${once.chain.problems.length ? once.chain.problems.join('；') : '校验通过'}`);
  for (const [name, n] of twice) failures.push(`done twice: ${name} (${n})`);
  for (const problem of once.chain.problems) failures.push(`audit chain: ${problem}`);
  writeResult('-processes', {
    at: new Date().toISOString(),
    db,
    size: { units, tasks },
    machine: machine(),
    benchNow: BENCH_NOW,
    tickSeconds,
    passes,
    once,
    failures,
  });
}

async function queryOne<T>(url: string, text: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows[0] as T;
  } finally {
    await client.end();
  }
}

async function dropQuick() {
  const name = new URL(pgUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => admin.end());
}
