// Two months as a county runs them, end to end through the API (issue 9's "done when"): April's plan proposed,
// returned and revised, issued; closings on time, late, and filed late with an earlier declared finish; May's plan
// drawn up before April ends, with the open tasks pre-filled (one withdrawn, one re-planned, one closed before issue);
// the month-end job carries and freezes; May's ledger holds the carried tasks; each month's frozen figures are right
// and April's do not move when May's closings come in.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../src/modules/auth/schema.js';
import { leaders } from '../src/modules/org/schema.js';
import { periodicWork } from '../src/modules/chasing/scanner.js';
import { call, demoApp, login, type TestApp } from './api.js';
import { testDeps, type TestDeps } from './db.js';
import { unitId } from './factories.js';

let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
const USERS = ['duchashi', 'xiaoneng', 'kaoheban', 'lingdao', 'danwei', 'lianluo', 'lianluo2'] as const;
type User = (typeof USERS)[number];
const ids: Record<string, number> = {};

async function at(instant: string) {
  deps.clock.set(instant);
  for (const u of USERS) cookies[u] = await login(app, u);
}
const as = (who: User, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);
async function ok(who: User, method: string, path: string, body?: unknown) {
  const res = await as(who, method, path, body);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body!;
}

const proposal = (title: string, deadline: string, extra: Record<string, unknown> = {}) => ({
  title,
  measures: `${title}：细化措施，明确专人`,
  timetable: '按月推进',
  milestones: [],
  standard: `${title}完成并通过验收`,
  deadline,
  leadLeaderId: ids.l05,
  cooperatingUnitIds: [],
  ...extra,
});

// Files a closing request (the unit) and has the three offices approve it.
async function close(task: string, by: User, finishedOn: string, filedAt: string, approvedAt: string) {
  await at(filedAt);
  const request = await ok(by, 'POST', `/api/v1/tasks/${ids[task]}/closing-requests`, { summary: '已全部完成并通过验收', finishedOn });
  await at(approvedAt);
  for (const office of ['duchashi', 'xiaoneng', 'kaoheban'] as const)
    await ok(office, 'POST', `/api/v1/closing-requests/${request.id}/reviews`, { decision: 'approve', comment: '' });
  return request;
}

const figures = async (period: string) => (await ok('duchashi', 'GET', `/api/v1/figures/monthly?period=${period}`)) as Record<string, any>;
const unitRow = (f: Record<string, any>, unit: number | undefined) => f.units.find((u: { unitId: number }) => u.unitId === unit);
const pick = ({ issued, closedOnTime, closedLate, overdue, carried, closeRate, onTimeRate }: Record<string, unknown>) => ({
  issued,
  closedOnTime,
  closedLate,
  overdue,
  carried,
  closeRate,
  onTimeRate,
});

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  await at('2026-03-20T09:00:00+08:00');
  ids.t01 = await unitId(deps.db, 'T01');
  ids.t02 = await unitId(deps.db, 'T02');
  const [lingdao] = await deps.db.select({ personId: accounts.personId }).from(accounts).where(eq(accounts.username, 'lingdao'));
  const [leader] = await deps.db.select({ id: leaders.id }).from(leaders).where(eq(leaders.personId, lingdao!.personId!));
  ids.l05 = leader!.id;
}, 120_000);
afterAll(() => deps.close());

describe('April: proposals, revisions, issue', () => {
  it('units propose with the full 三定; heads submit on time', async () => {
    ids.plan4 = (await ok('duchashi', 'POST', '/api/v1/plans', { kind: 'monthly', period: '2026-04' })).id;
    const t01 = [
      ['A', '城关街道老旧小区改造', '2026-04-17'],
      ['B', '城关街道背街小巷整治', '2026-04-10'],
      ['E', '城关街道河道清淤', '2026-04-30'],
      ['F', '城关街道农房风貌提升', '2026-04-10'],
    ] as const;
    for (const [key, title, deadline] of t01)
      ids[`p${key}`] = (
        await ok(
          'lianluo',
          'POST',
          `/api/v1/plans/${ids.plan4}/proposals`,
          proposal(title, deadline, { responsibleName: '钟海欣', responsiblePhone: '13900000001' }),
        )
      ).id;
    ids.pC = (await ok('lianluo2', 'POST', `/api/v1/plans/${ids.plan4}/proposals`, proposal('东城街道农贸市场升级', '2026-04-15'))).id;
    ids.pD = (await ok('lianluo2', 'POST', `/api/v1/plans/${ids.plan4}/proposals`, proposal('东城街道学校周边交通整治', '2026-04-28'))).id;

    await at('2026-03-24T10:00:00+08:00');
    for (const key of ['A', 'B', 'E', 'F']) expect(await ok('danwei', 'POST', `/api/v1/proposals/${ids[`p${key}`]}/submit`)).toMatchObject({ late: false });
    for (const key of ['C', 'D']) expect(await ok('lianluo2', 'POST', `/api/v1/proposals/${ids[`p${key}`]}/submit`)).toMatchObject({ late: false });
  });

  it('the leader returns one; the unit’s changes are a revision he sees; resubmitted after the date it stays on time', async () => {
    await at('2026-03-26T09:00:00+08:00');
    await ok('duchashi', 'POST', `/api/v1/plans/${ids.plan4}/advance`);
    await ok('lingdao', 'POST', `/api/v1/proposals/${ids.pB}/return`, { comment: '请列明整治的街巷名单' });
    await at('2026-03-27T09:00:00+08:00');
    const b = await ok('lianluo', 'GET', `/api/v1/proposals/${ids.pB}`);
    await ok('lianluo', 'PATCH', `/api/v1/proposals/${ids.pB}`, {
      version: b.proposal.version,
      measures: '整治解放路、人民路等 6 条背街小巷',
      reason: '按领导意见列明',
    });
    expect(await ok('danwei', 'POST', `/api/v1/proposals/${ids.pB}/submit`)).toMatchObject({ status: 'submitted', late: false });
    const seen = await ok('lingdao', 'GET', `/api/v1/proposals/${ids.pB}`);
    expect(seen.sinceReturn).toEqual([expect.objectContaining({ field: 'measures', to: '整治解放路、人民路等 6 条背街小巷' })]);
    for (const key of ['A', 'B', 'C', 'D', 'E', 'F']) await ok('lingdao', 'POST', `/api/v1/proposals/${ids[`p${key}`]}/approve`, {});
  });

  it('consolidated, decided and issued: six assigned tasks carrying the 三定', async () => {
    await at('2026-03-28T09:00:00+08:00');
    await ok('duchashi', 'POST', `/api/v1/plans/${ids.plan4}/advance`);
    expect((await ok('duchashi', 'POST', `/api/v1/plans/${ids.plan4}/consolidate`)).created).toHaveLength(6);
    await at('2026-03-31T15:00:00+08:00');
    await ok('duchashi', 'POST', `/api/v1/plans/${ids.plan4}/advance`);
    const items = (await ok('duchashi', 'GET', `/api/v1/plans/${ids.plan4}/draft`)).groups.flatMap((g: any) => g.categories.flatMap((c: any) => c.items));
    for (const item of items) await ok('duchashi', 'POST', `/api/v1/plan-items/${item.id}/decision`, { decision: 'approved' });
    await ok('duchashi', 'POST', `/api/v1/plans/${ids.plan4}/issue`, { documentNumber: '示办〔2026〕12号' });
    const issued = (await ok('duchashi', 'GET', `/api/v1/plans/${ids.plan4}/draft`)).groups.flatMap((g: any) => g.categories.flatMap((c: any) => c.items));
    for (const key of ['A', 'B', 'C', 'D', 'E', 'F']) ids[key] = issued.find((i: any) => i.sourceProposalIds.includes(ids[`p${key}`])).taskId;
    expect(await ok('lianluo', 'GET', `/api/v1/tasks/${ids.A}`)).toMatchObject({
      status: 'assigned',
      period: '2026-04',
      responsibleName: '钟海欣',
      responsiblePhone: '13900000001',
    });

    await at('2026-04-01T09:00:00+08:00');
    for (const [key, who] of [...['A', 'B', 'E', 'F'].map((k) => [k, 'lianluo'] as const), ...['C', 'D'].map((k) => [k, 'lianluo2'] as const)]) {
      await ok(who, 'POST', `/api/v1/tasks/${ids[key]}/sign`, {});
      await ok(who, 'POST', `/api/v1/tasks/${ids[key]}/start`, {});
    }
  });
});

describe('April: closings on time and late', () => {
  it('closed late when filed after the deadline, whatever the declared finish date', async () => {
    await close('B', 'lianluo', '2026-04-13', '2026-04-14T10:00:00+08:00', '2026-04-14T16:00:00+08:00');
    await close('A', 'lianluo', '2026-04-16', '2026-04-16T10:00:00+08:00', '2026-04-17T10:00:00+08:00');
    const c = await close('C', 'lianluo2', '2026-04-14', '2026-04-17T11:00:00+08:00', '2026-04-17T15:00:00+08:00');
    expect(c).toMatchObject({ late: true, finishedOn: '2026-04-14' });
    expect(await ok('duchashi', 'GET', `/api/v1/tasks/${ids.A}`)).toMatchObject({ status: 'closed', closedOn: '2026-04-17', closedLate: false });
    expect(await ok('duchashi', 'GET', `/api/v1/tasks/${ids.B}`)).toMatchObject({ status: 'closed', closedOn: '2026-04-14', closedLate: true });
    expect(await ok('duchashi', 'GET', `/api/v1/tasks/${ids.C}`)).toMatchObject({ status: 'closed', closedOn: '2026-04-17', closedLate: true });
    const late = await ok('duchashi', 'GET', '/api/v1/tasks?period=2026-04&closedLate=true');
    expect(late.items.map((t: { id: number }) => t.id).sort()).toEqual([ids.B, ids.C].sort());
  });
});

describe('May’s plan, drawn up before April ends', () => {
  it('pre-fills the open tasks as drafts showing their state; one is withdrawn, the others re-planned', async () => {
    await at('2026-04-20T09:00:00+08:00');
    ids.plan5 = (await ok('duchashi', 'POST', '/api/v1/plans', { kind: 'monthly', period: '2026-05' })).id;
    const t01 = (await ok('lianluo', 'GET', `/api/v1/plans/${ids.plan5}/proposals`)).items;
    const t02 = (await ok('lianluo2', 'GET', `/api/v1/plans/${ids.plan5}/proposals`)).items;
    const draftOf = (key: string) => [...t01, ...t02].find((p: any) => p.carriedTaskId === ids[key]);
    expect([...t01, ...t02].map((p: any) => p.carriedTaskId).sort()).toEqual([ids.D, ids.E, ids.F].sort());
    expect(draftOf('F')).toMatchObject({ status: 'draft', carriedTask: { status: 'in_progress' } });

    const f = draftOf('F');
    await ok('lianluo', 'POST', `/api/v1/proposals/${f.id}/withdraw`, { version: f.version, reason: '因征地问题暂缓，待县里协调后再列入' });
    const d = draftOf('D');
    await ok('lianluo2', 'PATCH', `/api/v1/proposals/${d.id}`, {
      version: d.version,
      deadline: '2026-05-25',
      milestones: [{ name: '完成标线施划', dueDate: '2026-05-15' }],
    });
    const e = draftOf('E');
    await ok('lianluo', 'PATCH', `/api/v1/proposals/${e.id}`, { version: e.version, deadline: '2026-05-15', milestones: [] });
    ids.pG = (await ok('lianluo', 'POST', `/api/v1/plans/${ids.plan5}/proposals`, proposal('城关街道夜市规范管理', '2026-05-29'))).id;
    ids.pD5 = d.id;
    ids.pE5 = e.id;

    await at('2026-04-24T10:00:00+08:00');
    await ok('lianluo2', 'POST', `/api/v1/proposals/${ids.pD5}/submit`);
    for (const p of [ids.pE5, ids.pG]) await ok('danwei', 'POST', `/api/v1/proposals/${p}/submit`);
    await at('2026-04-26T09:00:00+08:00');
    await ok('duchashi', 'POST', `/api/v1/plans/${ids.plan5}/advance`);
    for (const p of [ids.pD5, ids.pE5, ids.pG]) await ok('lingdao', 'POST', `/api/v1/proposals/${p}/approve`, {});
    await at('2026-04-28T09:00:00+08:00');
    await ok('duchashi', 'POST', `/api/v1/plans/${ids.plan5}/advance`);
    const consolidated = await ok('duchashi', 'POST', `/api/v1/plans/${ids.plan5}/consolidate`);
    expect(consolidated.created).toHaveLength(3);
    // The withdrawn task is reported, not silently issued.
    expect(consolidated.carriedWithoutProposal.map((c: any) => c.taskId ?? c.id)).toEqual([ids.F]);
  });

  it('a task closed before issue is left out; the carried task takes the plan’s new deadline, its history both dates', async () => {
    await close('E', 'lianluo', '2026-04-29', '2026-04-29T10:00:00+08:00', '2026-04-29T16:00:00+08:00');
    await at('2026-04-30T15:00:00+08:00');
    await ok('duchashi', 'POST', `/api/v1/plans/${ids.plan5}/advance`);
    const items = (await ok('duchashi', 'GET', `/api/v1/plans/${ids.plan5}/draft`)).groups.flatMap((g: any) => g.categories.flatMap((c: any) => c.items));
    for (const item of items) await ok('duchashi', 'POST', `/api/v1/plan-items/${item.id}/decision`, { decision: 'approved' });
    const issued = await ok('duchashi', 'POST', `/api/v1/plans/${ids.plan5}/issue`, { documentNumber: '示办〔2026〕20号' });
    expect(issued.leftOut).toEqual([expect.objectContaining({ taskId: ids.E })]);
    const after = (await ok('duchashi', 'GET', `/api/v1/plans/${ids.plan5}/draft`)).groups.flatMap((g: any) => g.categories.flatMap((c: any) => c.items));
    ids.G = after.find((i: any) => i.sourceProposalIds.includes(ids.pG)).taskId;

    expect(await ok('lianluo2', 'GET', `/api/v1/tasks/${ids.D}`)).toMatchObject({ deadline: '2026-05-25', period: '2026-04' });
    const history = (await ok('lianluo2', 'GET', `/api/v1/tasks/${ids.D}/history`)).items;
    expect(history.find((e: any) => e.kind === 'replanned').note).toContain('完成时限由2026年4月28日调整为2026年5月25日');
    expect((await ok('lianluo', 'GET', `/api/v1/plans/${ids.plan5}/units/${ids.t01}/sheet`)).leftOut).toEqual([expect.objectContaining({ taskId: ids.E })]);
  });
});

describe('month end: carried and frozen', () => {
  const april = { issued: 6, closedOnTime: 2, closedLate: 2, overdue: 1, carried: 2, closeRate: 66.7, onTimeRate: 33.3 };
  let frozenApril: Record<string, any>;

  it('April’s figures while it runs, then frozen by the month-end job', async () => {
    const live = await figures('2026-04');
    expect(live).toMatchObject({ frozen: false, ended: false });
    await at('2026-05-01T00:10:00+08:00');
    await periodicWork(deps);
    frozenApril = await figures('2026-04');
    expect(frozenApril).toMatchObject({ frozen: true, ended: true, county: true });
    expect(pick(frozenApril.total)).toEqual(april);
    expect(pick(unitRow(frozenApril, ids.t01))).toEqual({ issued: 4, closedOnTime: 2, closedLate: 1, overdue: 1, carried: 1, closeRate: 75, onTimeRate: 50 });
    expect(pick(unitRow(frozenApril, ids.t02))).toEqual({ issued: 2, closedOnTime: 0, closedLate: 1, overdue: 0, carried: 1, closeRate: 50, onTimeRate: 0 });
  });

  it('May’s ledger holds the carried tasks and May’s own, not the closed ones', async () => {
    const may = await ok('duchashi', 'GET', '/api/v1/tasks?period=2026-05&pageSize=100');
    expect(may.items.map((t: { id: number }) => t.id).sort()).toEqual([ids.D, ids.F, ids.G].sort());
    expect(may.items.find((t: any) => t.id === ids.D).carriedFrom).toBe('2026-04');
    expect(may.total).toBe(3);
  });

  it('May’s closings count in May; April’s frozen figures do not move', async () => {
    await close('D', 'lianluo2', '2026-05-20', '2026-05-20T10:00:00+08:00', '2026-05-21T10:00:00+08:00');
    expect(await ok('duchashi', 'GET', `/api/v1/tasks/${ids.D}`)).toMatchObject({ status: 'closed', closedLate: false });
    expect(await figures('2026-04')).toEqual(frozenApril);

    await at('2026-06-01T00:10:00+08:00');
    await periodicWork(deps);
    const may = await figures('2026-05');
    expect(may).toMatchObject({ frozen: true });
    // D closed on time; F (due 10 April) and G (due 29 May) open, overdue and carried on.
    expect(pick(may.total)).toEqual({ issued: 3, closedOnTime: 1, closedLate: 0, overdue: 2, carried: 2, closeRate: 33.3, onTimeRate: 33.3 });
    expect(await figures('2026-04')).toEqual(frozenApril);
  });
});
