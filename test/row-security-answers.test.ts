// The second line changes no answer: every GET operation of the API document without a path parameter (the lists,
// boards, figures and rankings, where an aggregate could read other units' rows), called as every scoped demo account,
// answers the same with the row-level security policies on as with them off. An answer that differs is a read the
// first line allows over other units' tasks, which the policies would silently cut.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../src/modules/org/schema.js';
import { demoApp, handOver, login, startWork, type TestApp } from './api.js';
import { buildTaskInput } from './factories.js';
import { testDeps, type TestDeps } from './db.js';
import { OPERATIONS, resolve } from './openapi-operations.js';
import { SECURED_TABLES } from '../src/row-security.js';

const SCOPED = ['lianluo', 'danwei', 'ganbu', 'lingdao', 'fagaiwei', 'anquan', 'shenji'];
const SAMPLES = ['2026-03', '2026-03-25', '2026-W13', '2026-Q1', '2026'];
// Answers that change between two calls whatever the policies: a random token, the audit log (each call adds to it).
const VOLATILE = new Set(['GET /api/v1/auth/totp/enrolment', 'GET /api/v1/audit']);

let deps: TestDeps;
let app: TestApp;
const cookies = new Map<string, string>();

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const name of [...SCOPED, 'duchashi', 'lianluo2']) cookies.set(name, await login(app, name));
  const all = await deps.db.select({ id: units.id, code: units.code }).from(units);
  const unit = (code: string) => all.find((u) => u.code === code)!.id;
  for (const [code, liaison] of [
    ['T01', 'lianluo'],
    ['T02', 'lianluo2'],
  ] as const) {
    const id = await handOver(
      app,
      cookies.get('duchashi')!,
      buildTaskInput({ leadUnitId: unit(code), title: `${code} 事项`, cooperators: [{ unitId: unit('D005'), part: '配合' }] }),
    );
    await startWork(app, cookies.get(liaison)!, id);
  }
  for (const code of ['T01V01', 'D005']) await handOver(app, cookies.get('duchashi')!, buildTaskInput({ leadUnitId: unit(code), title: `${code} 事项` }));
}, 600_000);
afterAll(() => deps?.close());

function query(op: (typeof OPERATIONS)[number]) {
  const pairs = op.parameters.filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${encodeURIComponent(sampleOf(p))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

const sampleOf = (p: (typeof OPERATIONS)[number]['parameters'][number]) => {
  const s = resolve(p.schema ?? {});
  if (s.enum) return String((s.enum as unknown[])[0]);
  if (s.pattern) return SAMPLES.find((v) => new RegExp(s.pattern as string).test(v)) ?? 'x';
  if (s.type === 'integer' || s.type === 'number') return '1';
  return s.format === 'date' ? '2026-03-25' : '2026-03';
};
// A path parameter that is an id names one object, which the first line checks itself; a month or a year names a view.
const pathParams = (op: (typeof OPERATIONS)[number]) => op.parameters.filter((p) => p.in === 'path');
const GETS = OPERATIONS.filter(
  (op) => op.method === 'GET' && !VOLATILE.has(op.name) && pathParams(op).every((p) => !['integer', 'number'].includes(resolve(p.schema ?? {}).type as string)),
);
const urlOf = (op: (typeof OPERATIONS)[number]) => pathParams(op).reduce((path, p) => path.replace(`{${p.name}}`, encodeURIComponent(sampleOf(p))), op.path);

async function answers() {
  const out = new Map<string, { status: number; body: string }>();
  for (const name of SCOPED) {
    for (const op of GETS) {
      const res = await app.request(`${urlOf(op)}${query(op)}`, { headers: { cookie: cookies.get(name)! } });
      // A file (Word, Excel) holds the moment it was made: its status is compared, its bytes are not.
      const json = res.headers.get('content-type')?.startsWith('application/json') ?? false;
      out.set(`${name} ${op.name}`, { status: res.status, body: json ? await res.text() : '' });
    }
  }
  return out;
}

describe('row-level security changes no answer', () => {
  it('every GET list, board and figure answers each scoped account the same with the policies on and off', async () => {
    const on = await answers();
    for (const t of SECURED_TABLES) await deps.db.execute(sql`alter table ${sql.identifier(t)} disable row level security`);
    let off: Map<string, { status: number; body: string }>;
    try {
      off = await answers();
    } finally {
      for (const t of SECURED_TABLES) await deps.db.execute(sql`alter table ${sql.identifier(t)} enable row level security`);
    }
    const differing = [...on].filter(([key, a]) => a.status !== off.get(key)!.status || a.body !== off.get(key)!.body).map(([key]) => key);
    expect(differing).toEqual([]);
    expect([...on.values()].filter((a) => a.status === 200).length).toBeGreaterThan(GETS.length);
  }, 900_000);
});
