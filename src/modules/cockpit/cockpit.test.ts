// The cockpit's figures against direct SQL counts over the same tasks, for the office (the county) and a leader (his
// portfolio), and each figure against the ledger list it opens.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, closeJointly, demoApp, login, startWork, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { systemWho } from '../../context.js';
import { queryRows } from '../../db/client.js';
import { scan } from '../chasing/service.js';

let deps: TestDeps;
let app: TestApp;
const s: Record<string, string> = {};
const USERS = ['duchashi', 'xiaoneng', 'kaoheban', 'lianluo', 'lianluo2', 'lingdao'] as const;
const u = { t01: 0, t02: 0, d050: 0 };

async function at(instant: string) {
  deps.clock.set(instant);
  for (const name of USERS) s[name] = await login(app, name);
}
const as = (who: string, method: string, path: string, body?: unknown) => call(app, s[who]!, method, path, body);

async function create(title: string, leadUnitId: number, deadline: string, opts: { handOver?: boolean; start?: string } = {}) {
  const res = await as('duchashi', 'POST', '/api/v1/tasks', buildTaskInput({ title, leadUnitId, startDate: '2026-04-01', deadline, period: '2026-04' }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body!.id as number;
  if (opts.handOver === false) return id;
  expect((await as('duchashi', 'POST', `/api/v1/tasks/${id}/assign`, {})).status).toBe(200);
  if (opts.start) await startWork(app, s[opts.start]!, id);
  return id;
}

// A key project with one step (its node 04-10 passes undone) and March's investment.
async function project(name: string, leadUnitId: number, march: { planned: number; done: number | null; reporter?: string }) {
  const res = await as('duchashi', 'POST', '/api/v1/projects', {
    name,
    kind: 'under_construction',
    totalInvestment: 2000,
    investmentBefore: 100,
    leadUnitId,
    responsibleName: '李工',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body!.projectId as number;
  const step = { phase: '主体工程', seq: 1, name: '基础施工', plannedStart: '2026-04-01', plannedDays: 10, unitId: leadUnitId };
  expect((await as('duchashi', 'POST', `/api/v1/projects/${id}/steps`, step)).status).toBe(201);
  expect((await as('duchashi', 'PUT', `/api/v1/projects/${id}/investments/2026-03`, { planned: march.planned, done: null, version: 0 })).status).toBe(200);
  if (march.reporter)
    expect(
      (await as(march.reporter, 'PUT', `/api/v1/projects/${id}/investments/2026-03`, { planned: march.planned, done: march.done, version: 1 })).status,
    ).toBe(200);
}

// Direct sums over the projects' tables, as sqlCounts does for the tasks.
async function sqlProjects(where: string) {
  const [row] = await queryRows<{ n: number; total: number; planned: number; done: number; cumulative: number }>(
    deps.db,
    sql.raw(`select count(*)::int as n, coalesce(sum(total_investment), 0)::int as total,
      coalesce(sum((select sum(planned) from project_investments i where i.project_id = p.id and i.period like '2026-%')), 0)::int as planned,
      coalesce(sum((select sum(done) from project_investments i where i.project_id = p.id and i.period like '2026-%')), 0)::int as done,
      coalesce(sum(investment_before + coalesce((select sum(done) from project_investments i where i.project_id = p.id), 0)), 0)::int as cumulative
      from projects p where ${where}`),
  );
  return row!;
}

// Direct counts over the tasks table, written out here rather than through the code under test.
async function sqlCounts(where: string, today: string) {
  const [row] = await queryRows<{ total: number; closed: number; closed_late: number; grey: number; red: number }>(
    deps.db,
    sql.raw(`select count(*)::int as total,
      (count(*) filter (where status = 'closed'))::int as closed,
      (count(*) filter (where status = 'closed' and closed_late))::int as closed_late,
      (count(*) filter (where status in ('draft', 'declined', 'suspended', 'cancelled')))::int as grey,
      (count(*) filter (where status in ('assigned', 'signed', 'in_progress', 'closing_requested', 'returned') and deadline < '${today}'))::int as red
      from tasks where ${where}`),
  );
  const byUnit = await queryRows<{ unit_id: number; n: number }>(
    deps.db,
    sql.raw(`select lead_unit_id as unit_id, count(*)::int as n from tasks
      where ${where} and status in ('assigned', 'signed', 'in_progress', 'closing_requested', 'returned') and deadline < '${today}'
      group by lead_unit_id order by n desc, lead_unit_id`),
  );
  return { ...row!, byUnit };
}

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  u.t01 = await unitId(deps.db, 'T01');
  u.t02 = await unitId(deps.db, 'T02');
  u.d050 = await unitId(deps.db, 'D050');
  await at('2026-04-01T09:00:00+08:00');
  const onTime = await create('按期完成的事项', u.t01, '2026-04-20', { start: 'lianluo' });
  const late = await create('逾期完成的事项', u.t01, '2026-04-08', { start: 'lianluo' });
  await create('城关逾期未完成', u.t01, '2026-04-10', { start: 'lianluo' });
  await create('东城逾期未完成', u.t02, '2026-04-12', { start: 'lianluo2' });
  await create('东城正常推进', u.t02, '2026-06-30', { start: 'lianluo2' });
  await create('医保局逾期未完成', u.d050, '2026-04-09');
  await create('医保局临期', u.d050, '2026-04-22');
  await create('未交办的草稿', u.d050, '2026-05-30', { handOver: false });
  await project('城关污水管网改造', u.t01, { planned: 300, done: 120, reporter: 'lianluo' });
  await project('医保服务中心', u.d050, { planned: 500, done: null });
  await at('2026-04-15T09:00:00+08:00');
  await closeJointly(app, s.lianluo!, [s.duchashi!, s.xiaoneng!, s.kaoheban!], onTime, '2026-04-14');
  await closeJointly(app, s.lianluo!, [s.duchashi!, s.xiaoneng!, s.kaoheban!], late, '2026-04-14');
  await scan(deps, systemWho('cockpit-test'));
  await at('2026-04-20T09:00:00+08:00');
}, 180_000);
afterAll(() => deps.close());

describe('the cockpit', () => {
  it("equals direct SQL counts for the office's whole county", async () => {
    const res = await as('duchashi', 'GET', '/api/v1/cockpit');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const c = res.body!;
    const want = await sqlCounts('true', '2026-04-20');
    expect(c.county).toBe(true);
    expect({ total: c.total, closed: c.closed, closedLate: c.closedLate, grey: c.counts.grey, red: c.counts.red, green: c.counts.green }).toEqual({
      total: want.total,
      closed: want.closed,
      closedLate: want.closed_late,
      grey: want.grey,
      red: want.red,
      green: want.closed,
    });
    expect(c.counts.red + c.counts.yellow + c.counts.blue + c.counts.green + c.counts.grey).toBe(c.total);
    expect(want).toMatchObject({ total: 8, closed: 2, closed_late: 1, grey: 1, red: 3 });
    expect(c.chased).toBe(7);
    expect(c.completionRate).toBe(28.6);
    expect(c.onTimeRate).toBe(14.3);
    expect(c.overdueByUnit.map((r: { unitId: number; overdue: number }) => [r.unitId, r.overdue])).toEqual(want.byUnit.map((r) => [r.unit_id, r.n]));

    const [sheets] = await queryRows<{ n: number }>(
      deps.db,
      sql`select count(*)::int as n from task_sheets where kind <> 'assignment' and issued_at >= '2026-03-31T16:00:00Z' and issued_at < '2026-04-30T16:00:00Z'`,
    );
    expect(c.sheets.total).toBe(sheets!.n);
    expect(c.sheets.total).toBeGreaterThan(0);
    expect(c.trend).toHaveLength(12);
    expect(c.trend.at(-1)).toMatchObject({ period: '2026-04', issued: 7 });

    const projects = await sqlProjects('true');
    expect(c.projects).toMatchObject({
      total: projects.n,
      totalInvestment: projects.total,
      plannedThisYear: projects.planned,
      doneThisYear: projects.done,
      cumulative: projects.cumulative,
    });
    expect(projects).toEqual({ n: 2, total: 4000, planned: 800, done: 120, cumulative: 320 });
    expect(c.projects.yearRate).toBe(15);
    expect(c.projects.counts).toMatchObject({ red: 2 });
  });

  it("limits a leader to his portfolio, as SQL over his units' tasks counts it", async () => {
    const c = (await as('lingdao', 'GET', '/api/v1/cockpit')).body!;
    const want = await sqlCounts(`lead_unit_id in (${u.t01}, ${u.t02})`, '2026-04-20');
    expect(c.county).toBe(false);
    expect({ total: c.total, closed: c.closed, red: c.counts.red, grey: c.counts.grey }).toEqual({
      total: want.total,
      closed: want.closed,
      red: want.red,
      grey: want.grey,
    });
    expect(want).toMatchObject({ total: 5, red: 2 });
    expect(c.overdueByUnit.map((r: { unitId: number }) => r.unitId)).toEqual([u.t01, u.t02]);
    expect(c.overdueByUnit.some((r: { unitId: number }) => r.unitId === u.d050)).toBe(false);
    const projects = await sqlProjects(`lead_unit_id in (${u.t01}, ${u.t02})`);
    expect(c.projects).toMatchObject({ total: projects.n, plannedThisYear: projects.planned, doneThisYear: projects.done });
    expect(c.projects.rows.map((r: { name: string }) => r.name)).toEqual(['城关污水管网改造']);
  });

  it('each figure matches the ledger list it links to', async () => {
    const c = (await as('lingdao', 'GET', '/api/v1/cockpit')).body!;
    const ledger = async (query: string) => (await as('lingdao', 'GET', `/api/v1/tasks?pageSize=1&${query}`)).body!;
    expect((await ledger('')).total).toBe(c.total);
    for (const colour of ['red', 'yellow', 'blue', 'green', 'grey']) expect((await ledger(`colour=${colour}`)).total, colour).toBe(c.counts[colour]);
    expect((await ledger('status=closed')).total).toBe(c.closed);
    expect((await ledger('status=closed&closedLate=true')).total).toBe(c.closedLate);
    for (const row of c.overdueByUnit) expect((await ledger(`unitId=${row.unitId}&leadOnly=true&overdue=true`)).total).toBe(row.overdue);
  });

  it('costs a fixed few statements, however many tasks', async () => {
    const before = deps.statements();
    expect((await as('duchashi', 'GET', '/api/v1/cockpit')).status).toBe(200);
    const first = deps.statements() - before;
    for (let i = 0; i < 5; i++) await create(`追加事项${i}`, u.t01, '2026-04-28');
    const again = deps.statements();
    expect((await as('duchashi', 'GET', '/api/v1/cockpit')).status).toBe(200);
    expect(deps.statements() - again).toBe(first);
    // Measured 2026-11-30: 23, the session's reads included (4 of them the key projects'); the trend's frozen months add
    // none, the running month one.
    expect(first).toBeLessThanOrEqual(24);
  });

  it('is refused to units', async () => {
    expect((await as('lianluo', 'GET', '/api/v1/cockpit')).status).toBe(403);
  });
});
