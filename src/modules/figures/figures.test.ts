// April run through the API: tasks closed on time and late, one left overdue, one carried, one cancelled and one never
// handed over; April's figures live, then frozen by the periodic job, unmoved by May's closings, which count in May.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, closeJointly, startWork, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { periodicWork } from '../chasing/scanner.js';
import { monthlyFigureFreezes, monthlyFigures } from './schema.js';

let deps: TestDeps;
let app: TestApp;
let t01 = 0;
let t02 = 0;
const s: Record<string, string> = {};
const USERS = ['duchashi', 'xiaoneng', 'kaoheban', 'lianluo', 'lianluo2', 'lingdao'] as const;
const REVIEWERS = ['duchashi', 'xiaoneng', 'kaoheban'] as const;
const ids = { onTime: 0, late: 0, overdue: 0, carried: 0, cancelled: 0, draft: 0, sub: 0 };

// Sessions idle out after 30 minutes, so moving the clock means logging in again.
async function at(instant: string) {
  deps.clock.set(instant);
  for (const u of USERS) s[u] = await login(app, u);
}
const as = (who: string, method: string, path: string, body?: unknown) => call(app, s[who]!, method, path, body);

async function create(title: string, leadUnitId: number, deadline: string, handOver = true) {
  const res = await as('duchashi', 'POST', '/api/v1/tasks', buildTaskInput({ title, leadUnitId, startDate: '2026-04-01', deadline, period: '2026-04' }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body!.id as number;
  if (!handOver) return id;
  expect((await as('duchashi', 'POST', `/api/v1/tasks/${id}/assign`, {})).status).toBe(200);
  await startWork(app, s[leadUnitId === t01 ? 'lianluo' : 'lianluo2']!, id);
  return id;
}

const close = (taskId: number, finishedOn: string) =>
  closeJointly(
    app,
    s.lianluo!,
    REVIEWERS.map((r) => s[r]!),
    taskId,
    finishedOn,
  );

const figures = async (who: string, period: string) => {
  const res = await as(who, 'GET', `/api/v1/figures/monthly?period=${period}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body!;
};
const unitRow = (body: Record<string, any>, id: number) => body.units.find((u: { unitId: number }) => u.unitId === id);
const figure = (issued: number, closedOnTime: number, closedLate: number, overdue: number, carried: number) => ({
  issued,
  closedOnTime,
  closedLate,
  overdue,
  carried,
});

// April as frozen: T01 has one on time, one late and one overdue and carried; T02 one not yet due, carried.
const APRIL_T01 = { ...figure(3, 1, 1, 1, 1), closeRate: 66.7, onTimeRate: 33.3 };
const APRIL_T02 = { ...figure(1, 0, 0, 0, 1), closeRate: 0, onTimeRate: 0 };
const APRIL_TOTAL = { ...figure(4, 1, 1, 1, 2), closeRate: 50, onTimeRate: 25 };

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  t01 = await unitId(deps.db, 'T01');
  t02 = await unitId(deps.db, 'T02');
  await at('2026-04-01T09:00:00+08:00');
  ids.onTime = await create('按期完成的事项', t01, '2026-04-20');
  ids.late = await create('逾期完成的事项', t01, '2026-04-10');
  ids.overdue = await create('月末仍未完成的事项', t01, '2026-04-15');
  ids.carried = await create('跨月推进的事项', t02, '2026-05-31');
  ids.cancelled = await create('撤销的事项', t01, '2026-04-20');
  ids.draft = await create('未交办的草稿', t02, '2026-04-20', false);
  // A sub-task handed to a village under T01: T01's own breakdown, not counted again (no row for the village).
  const sub = await as(
    'lianluo',
    'POST',
    `/api/v1/tasks/${ids.overdue}/subtasks`,
    buildTaskInput({ title: '村级分解事项', leadUnitId: await unitId(deps.db, 'T01V01'), startDate: '2026-04-01', deadline: '2026-04-12', period: '2026-04' }),
  );
  expect(sub.status, JSON.stringify(sub.body)).toBe(201);
  ids.sub = sub.body!.id as number;
  expect((await as('duchashi', 'POST', `/api/v1/tasks/${ids.sub}/assign`, {})).status).toBe(200);
  expect((await as('duchashi', 'POST', `/api/v1/tasks/${ids.cancelled}/cancel`, { reason: '情况变化，不再实施' })).status).toBe(200);
  await at('2026-04-18T10:00:00+08:00');
  await close(ids.onTime, '2026-04-17');
  await at('2026-04-22T10:00:00+08:00');
  await close(ids.late, '2026-04-09');
});
afterAll(() => deps.close());

describe('monthly figures', () => {
  it('while April runs, its figures are counted live', async () => {
    await at('2026-04-25T10:00:00+08:00');
    const body = await figures('duchashi', '2026-04');
    expect(body).toMatchObject({ period: '2026-04', ended: false, frozen: false, frozenAt: null, county: true });
    expect(unitRow(body, t01)).toMatchObject(figure(3, 1, 1, 1, 0));
    expect(unitRow(body, t02)).toMatchObject(figure(1, 0, 0, 0, 0));
    expect(body.total).toMatchObject({ ...figure(4, 1, 1, 1, 0), closeRate: 50, onTimeRate: 25 });
    // Without a month: the current one.
    expect((await as('duchashi', 'GET', '/api/v1/figures/monthly')).body!.period).toBe('2026-04');
  });

  it('refuses a malformed month in Chinese', async () => {
    const res = await as('duchashi', 'GET', '/api/v1/figures/monthly?period=2026-13');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('月份格式应为 YYYY-MM');
  });

  it('after April ends, the periodic job carries the open tasks and freezes April, audited as the system', async () => {
    await at('2026-05-01T00:05:00+08:00');
    const run = await periodicWork(deps);
    // The sub-task is carried with its parent; it shows in May's ledger but counts in no unit's figures.
    expect(run).toMatchObject({ carried: 3, frozen: 1 });
    const body = await figures('duchashi', '2026-04');
    expect(body).toMatchObject({ ended: true, frozen: true, frozenAt: '2026-04-30T16:05:00.000Z' });
    expect(body.units).toEqual([
      { unitId: t01, unitName: expect.any(String), ...APRIL_T01 },
      { unitId: t02, unitName: expect.any(String), ...APRIL_T02 },
    ]);
    expect(body.total).toEqual(APRIL_TOTAL);
    const audit = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'figures.freeze'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, targetType: 'monthly_figures', targetId: '2026-04', result: 'success' });
  });

  it('freezing again adds nothing: one claim, one row per unit, one audit row', async () => {
    expect(await periodicWork(deps)).toMatchObject({ carried: 0, frozen: 0 });
    expect(await deps.db.select().from(monthlyFigureFreezes)).toHaveLength(1);
    expect(await deps.db.select().from(monthlyFigures).where(eq(monthlyFigures.period, '2026-04'))).toHaveLength(2);
    expect(await deps.db.select().from(auditLog).where(eq(auditLog.action, 'figures.freeze'))).toHaveLength(1);
  });

  it("the ledger's May shows the tasks carried into it, marked as carried from April", async () => {
    const may = await as('duchashi', 'GET', '/api/v1/tasks?period=2026-05&pageSize=100');
    expect(may.status).toBe(200);
    expect(may.body!.total).toBe(3);
    expect(may.body!.items.map((t: { id: number; carriedFrom: string | null }) => [t.id, t.carriedFrom]).sort()).toEqual(
      [
        [ids.overdue, '2026-04'],
        [ids.carried, '2026-04'],
        [ids.sub, '2026-04'],
      ].sort(),
    );
    const april = await as('duchashi', 'GET', `/api/v1/tasks?period=2026-04&unitId=${t01}&pageSize=100`);
    expect(april.body!.items.find((t: { id: number }) => t.id === ids.overdue)).toMatchObject({ period: '2026-04', carriedFrom: null });
  });

  it("a closing in May leaves April's frozen figures as they were and counts in May", async () => {
    await at('2026-05-06T10:00:00+08:00');
    await close(ids.overdue, '2026-05-05');
    const april = await figures('duchashi', '2026-04');
    expect(unitRow(april, t01)).toMatchObject(APRIL_T01);
    expect(april.total).toEqual(APRIL_TOTAL);
    const may = await figures('duchashi', '2026-05');
    expect(may).toMatchObject({ frozen: false, ended: false });
    expect(unitRow(may, t01)).toMatchObject({ ...figure(1, 0, 1, 0, 0), closeRate: 100, onTimeRate: 0 });
    expect(unitRow(may, t02)).toMatchObject(figure(1, 0, 0, 0, 0));
  });

  it("each actor sees the units of their data scope; a unit's total is not the county's", async () => {
    const own = await figures('lianluo', '2026-04');
    expect(own).toMatchObject({ county: false, frozen: true });
    expect(own.units.map((u: { unitId: number }) => u.unitId)).toEqual([t01]);
    expect(own.total).toEqual(APRIL_T01);
    const other = await figures('lianluo2', '2026-04');
    expect(other.units.map((u: { unitId: number }) => u.unitId)).toEqual([t02]);
    expect(other.total).toEqual(APRIL_T02);
  });

  it('two periodic runs at once freeze May once (two connections on PostgreSQL)', async () => {
    await at('2026-06-01T00:10:00+08:00');
    const runs = await Promise.all([periodicWork(deps), periodicWork(deps)]);
    expect(runs.map((r) => r.frozen).sort()).toEqual([0, 1]);
    const rows = await deps.db.select().from(monthlyFigures).where(eq(monthlyFigures.period, '2026-05'));
    expect(rows.map((r) => [r.unitId, r.issued, r.closedLate, r.carried]).sort()).toEqual(
      [
        [t01, 1, 1, 0],
        [t02, 1, 0, 1],
      ].sort(),
    );
    const audits = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'figures.freeze'), eq(auditLog.targetId, '2026-05')));
    expect(audits).toHaveLength(1);
  });
});

describe('the trend of several months in one request', () => {
  it('answers each month as the monthly figures do, frozen months from their snapshots, in a few statements', async () => {
    await at('2026-06-10T09:00:00+08:00');
    for (const who of ['duchashi', 'lianluo'] as const) {
      const before = deps.statements();
      const trend = await as(who, 'GET', '/api/v1/figures/trend?from=2026-01&to=2026-06');
      expect(trend.status).toBe(200);
      // The session, the scope (one or two), the freezes and frozen figures of all months, and each live month's counts;
      // a unit's read runs under row-level security: one statement sets its scope (and PostgreSQL's driver logs that
      // transaction's BEGIN and COMMIT).
      const live = trend.body!.months.filter((m: { frozen: boolean }) => !m.frozen).length;
      expect(live).toBe(4);
      const secured = who === 'lianluo' ? (process.env.TEST_DATABASE_URL ? 3 : 1) : 0;
      expect(deps.statements() - before).toBeLessThanOrEqual(5 + live + secured);
      expect(trend.body!.months.map((m: { period: string }) => m.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
      for (const month of trend.body!.months) {
        const one = await figures(who, month.period);
        expect(month).toEqual({ period: one.period, ended: one.ended, frozen: one.frozen, total: one.total });
      }
      expect(trend.body!.county).toBe(who === 'duchashi');
    }
    const byDefault = await as('duchashi', 'GET', '/api/v1/figures/trend');
    expect(byDefault.body!.months.map((m: { period: string }) => m.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(byDefault.body!.months[3]).toMatchObject({ frozen: true, total: { issued: expect.any(Number) } });

    const backwards = await as('duchashi', 'GET', '/api/v1/figures/trend?from=2026-05&to=2026-04');
    expect(backwards.status).toBe(400);
    expect(backwards.body!.error.message).toBe('起始月份不能晚于截止月份');
    const tooLong = await as('duchashi', 'GET', '/api/v1/figures/trend?from=2023-01&to=2026-04');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body!.error.message).toContain('最多查看 24 个月');
  });
});
