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
    // Measured 2026-11-30: 19, the session's reads included; the trend's frozen months add none, the running month one.
    expect(first).toBeLessThanOrEqual(20);
  });

  it('is refused to units', async () => {
    expect((await as('lianluo', 'GET', '/api/v1/cockpit')).status).toBe(403);
  });
});
