// npx tsx bench/trace-request.ts --database-url URL --as county|unit|office|leader [--path /api/v1/…] [--runs N]: one request
// of the bench's, served in this process by the app itself, with every statement it sends and how long each took on
// the wire (the last of `runs` requests shown, the request's own time the median of all). What a request spends is
// then plain: the session, the scope, the row-security settings, the module's own statements. --explain: each statement
// of the transaction again under EXPLAIN (ANALYZE, BUFFERS); --out FILE: the last answer. It logs in (a session row):
// for one's own bench database, never a shared read-only one.
import pg from 'pg';
import { createApp } from '../src/app.js';
import { fixedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { openPostgres } from '../src/db/client.js';
import { BENCH_NOW, BENCH_PASSWORD } from './generate.js';
import { pgSql } from './load.js';
import { parseArgs } from './options.js';
import { pickSubjects } from './operations.js';

const args = parseArgs(process.argv.slice(2));
const url = String(args['database-url']);
const as = String(args.as ?? 'county');
const path = String(args.path ?? '/api/v1/tasks?sort=deadline&pageSize=20');
const runs = Number(args.runs ?? 5);

let trace: { text: string; values: unknown[]; ms: number }[] | null = null;
const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  const recording = trace;
  if (!recording) return query.apply(this, a);
  const text = typeof a[0] === 'string' ? a[0] : String((a[0] as { text?: string }).text);
  const values = (typeof a[0] === 'string' ? undefined : (a[0] as { values?: unknown[] }).values) ?? (Array.isArray(a[1]) ? (a[1] as unknown[]) : []);
  const started = performance.now();
  const record = () => recording.push({ text, values, ms: performance.now() - started });
  // A pool calls query(text, values, callback); a client checked out of it (a transaction) gets a promise.
  const end = a.length - 1;
  if (typeof a[end] === 'function') {
    const callback = a[end] as (...r: unknown[]) => unknown;
    a[end] = (...r: unknown[]) => {
      record();
      return callback(...r);
    };
  }
  const result = query.apply(this, a);
  if (result instanceof Promise) void result.then(record, () => undefined);
  return result;
} as typeof pg.Client.prototype.query;

const client = new pg.Client({ connectionString: url });
await client.connect();
const subjects = await pickSubjects(pgSql(client));
await client.end();
const database = openPostgres(url);
const config = loadConfig({ NODE_ENV: 'production', AUDIT_KEY: 'bench', DATABASE_URL: url });
const app = createApp({ db: database.db, clock: fixedClock(BENCH_NOW), config });
const origin = 'http://127.0.0.1';
const login = await app.request(`${origin}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin },
  body: JSON.stringify({ username: subjects.accounts[as], password: BENCH_PASSWORD }),
});
if (!login.ok) throw new Error(`登录失败：${login.status} ${await login.text()}`);
const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;

const times: number[] = [];
let last: { text: string; values: unknown[]; ms: number }[] = [];
let bytes = 0;
let body = '';
for (let i = 0; i < runs; i++) {
  trace = [];
  const started = performance.now();
  const res = await app.request(`${origin}${path}`, { headers: { cookie } });
  body = await res.text();
  bytes = body.length;
  times.push(performance.now() - started);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  last = trace;
  trace = null;
}
times.sort((a, b) => a - b);
console.log(
  `${as} ${path}: ${last.length} 条语句，${bytes} 字符，中位 ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms（${times.map((t) => t.toFixed(0)).join(' ')}）`,
);
for (const s of last) console.log(`${s.ms.toFixed(1).padStart(8)} ms  ${s.text.replace(/\s+/g, ' ').slice(0, 220)}`);
// With --explain: the transaction's statements again, each under EXPLAIN (ANALYZE, BUFFERS), in a transaction of its
// own with the same first statement (so as the same role, with the same settings), rolled back.
if (args.explain) {
  const explainer = new pg.Client({ connectionString: url, options: '-c jit=off' });
  await explainer.connect();
  const begin = last.findIndex((s) => s.text === 'begin');
  await explainer.query('begin');
  for (const [i, s] of last.entries()) {
    if (i <= begin || s.text === 'commit') continue;
    if (i === begin + 1) {
      await explainer.query(s.text, s.values);
      continue;
    }
    const { rows } = await explainer.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.values);
    console.log(`\n---- ${s.text.replace(/\s+/g, ' ').slice(0, 100)}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
  await explainer.query('rollback');
  await explainer.end();
}
if (args.out) (await import('node:fs')).writeFileSync(String(args.out), body);
await database.close();
