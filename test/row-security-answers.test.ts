// The second line changes no answer: every GET operation of the API document without a path parameter (the lists,
// boards, figures and rankings, where an aggregate could read other units' rows), called as every scoped demo account,
// answers the same with the row-level security policies on as with them off. An answer that differs is a read the
// first line allows over other units' tasks, which the policies would silently cut.
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthlyFigureFreezes, monthlyFigures } from '../src/modules/figures/schema.js';
import { inspectionFindings, inspections, inspectionTeams } from '../src/modules/inspections/schema.js';
import { people, units } from '../src/modules/org/schema.js';
import { projectInvestments, projects, projectSteps } from '../src/modules/projects/schema.js';
import { selfAssessments } from '../src/modules/selfassessment/schema.js';
import { studyAttendance, studySessions } from '../src/modules/study/schema.js';
import { demoApp, handOver, login, startWork, type TestApp } from './api.js';
import { buildTaskInput, personRecords } from './factories.js';
import { testDeps, type TestDeps } from './db.js';
import { OPERATIONS, resolve } from './openapi-operations.js';
import { SECURED_PLAN_TABLES, SECURED_RECORD_TABLES, SECURED_TABLES, SECURED_UNIT_TABLES } from '../src/row-security.js';

const SCOPED = ['lianluo', 'danwei', 'ganbu', 'lingdao', 'fagaiwei', 'anquan', 'shenji'];
const SAMPLES = ['2026-03', '2026-03-25', '2026-W13', '2026-Q1', '2026'];
// Answers that change between two calls whatever the policies: a random token, the audit log (each call adds to it).
const VOLATILE = new Set(['GET /api/v1/auth/totp/enrolment', 'GET /api/v1/audit']);
const SECURED = [...SECURED_TABLES, ...SECURED_UNIT_TABLES, ...SECURED_PLAN_TABLES, ...SECURED_RECORD_TABLES];

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
  await unitTableRows(['T01', 'T01V01', 'T02', 'D005', 'D027'].map(unit));
}, 600_000);
afterAll(() => deps?.close());

// The other modules' unit tables, a few rows for each of several units: a frozen month's figures (the cockpit's trend
// reads them), a project led by one with a step of the next,
// an open, an unannounced and a filed inspection, a self-assessment, a held study session, and ganbu's absence from
// another unit's session; the people's records (a week's log, a frontline day, a month's assessment, a quarter's
// confirmation) of a person of each unit and of the demo accounts' own persons (the heads' counts on the pace list).
async function unitTableRows(ids: number[]) {
  const at = deps.clock.now();
  const [{ by }] = (await queryRows<{ by: number }>(deps.db, sql`select id as by from accounts order by id limit 1`)) as [{ by: number }];
  await deps.db.insert(monthlyFigureFreezes).values({ period: '2025-12', frozenAt: at }).onConflictDoNothing();
  for (const unitId of ids)
    await deps.db
      .insert(monthlyFigures)
      .values({ period: '2025-12', unitId, issued: 3, closedOnTime: 1, closedLate: 1, overdue: 1, carried: 0, frozenAt: at })
      .onConflictDoNothing();
  const [team] = await deps.db
    .insert(inspectionTeams)
    .values({ name: '行级安全督查组', leadName: '李四', createdAt: at })
    .returning({ id: inspectionTeams.id });
  const [ganbu] = (await queryRows<{ person_id: number }>(deps.db, sql`select person_id from accounts where username = 'ganbu'`)) as [{ person_id: number }];
  for (const [i, unitId] of ids.entries()) {
    const [project] = await deps.db
      .insert(projects)
      .values({ name: `项目${i}`, kind: 'continuing', totalInvestment: 100, leadUnitId: unitId, responsibleName: '张三', createdAt: at })
      .returning({ id: projects.id });
    const next = ids[(i + 1) % ids.length]!;
    await deps.db
      .insert(projectSteps)
      .values({ projectId: project!.id, phase: '施工', seq: 1, name: '工序', plannedStart: '2026-03-01', plannedDays: 10, unitId: next });
    await deps.db.insert(projectInvestments).values({ projectId: project!.id, period: '2026-03', planned: 10, done: 5, updatedAt: at });
    for (const [mode, status] of [
      ['open', 'planned'],
      ['unannounced', 'planned'],
      ['unannounced', 'filed'],
    ] as const) {
      const filed = status === 'filed' ? { visitedOn: '2026-03-10', filedAt: at, filedBy: by } : {};
      const [row] = await deps.db
        .insert(inspections)
        .values({
          cycle: 'month',
          period: '2026-03',
          teamId: team!.id,
          unitId,
          subject: '督查',
          mode,
          method: 'on_site',
          status,
          createdAt: at,
          createdBy: by,
          ...filed,
        })
        .returning({ id: inspections.id });
      await deps.db.insert(inspectionFindings).values({ inspectionId: row!.id, grade: 'good', content: '好做法', createdAt: at });
    }
    await deps.db.insert(selfAssessments).values({ unitId, period: '2026', status: 'planned', items: [], createdAt: at, updatedAt: at });
    const [session] = await deps.db
      .insert(studySessions)
      .values({ unitId, kind: 'theory_study', title: '学习', day: '2026-03-10', status: 'held', createdBy: by, createdAt: at, updatedAt: at })
      .returning({ id: studySessions.id });
    const [person] = await deps.db
      .insert(people)
      .values({ name: `人员${i}`, unitId, createdAt: at, updatedAt: at })
      .returning({ id: people.id });
    await deps.db.insert(studyAttendance).values({ sessionId: session!.id, personId: person!.id, unitId, present: true });
    if (i === 3)
      await deps.db.insert(studyAttendance).values({ sessionId: session!.id, personId: ganbu.person_id, unitId, present: false, makeupDue: '2026-03-31' });
    await recordRows(person!.id, unitId, by);
  }
  const own = await queryRows<{ person_id: number; unit_id: number | null }>(
    deps.db,
    sql`select a.person_id, p.unit_id from accounts a join people p on p.id = a.person_id where a.username in ('danwei', 'lianluo', 'ganbu', 'lingdao', 'fagaiwei', 'danwei.t01v01')`,
  );
  for (const p of own) await recordRows(p.person_id, p.unit_id ?? ids[0]!, by);
}

const recordRows = (personId: number, unitId: number, by: number) =>
  personRecords(deps.db, { personId, unitId, by, at: deps.clock.now(), week: '2026-W12', month: '2026-03' });

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
    for (const t of SECURED) await deps.db.execute(sql`alter table ${sql.identifier(t)} disable row level security`);
    let off: Map<string, { status: number; body: string }>;
    try {
      off = await answers();
    } finally {
      for (const t of SECURED) await deps.db.execute(sql`alter table ${sql.identifier(t)} enable row level security`);
    }
    const differing = [...on].filter(([key, a]) => a.status !== off.get(key)!.status || a.body !== off.get(key)!.body).map(([key]) => key);
    expect(differing).toEqual([]);
    expect([...on.values()].filter((a) => a.status === 200).length).toBeGreaterThan(GETS.length);
  }, 900_000);
});
