// April through the API, reviewed: scores from the record with their facts, refusals of bad input with nothing changed,
// the bottom statement confirmed, April published and frozen — unmoved by a new scheme version and a fresh app.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, closeJointly, startWork, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, firstLeaderId, unitId } from '../../../test/factories.js';
import { createApp } from '../../app.js';
import { SCORE_WEIGHT_KEYS } from '../../shared/labels.js';
import { auditLog } from '../audit/schema.js';
import { periodicWork } from '../chasing/scanner.js';
import { reviewManualFacts, reviewSchemes } from './schema.js';

let deps: TestDeps;
let app: TestApp;
let t01 = 0;
let t02 = 0;
let leaderId = 0;
const s: Record<string, string> = {};
const USERS = ['duchashi', 'xiaoneng', 'kaoheban', 'lianluo', 'lianluo2', 'lingdao'] as const;
const ids = { onTime: 0, late: 0, carried: 0 };

async function at(instant: string) {
  deps.clock.set(instant);
  for (const u of USERS) s[u] = await login(app, u);
}
const as = (who: string, method: string, path: string, body?: unknown) => call(app, s[who]!, method, path, body);
const raw = async (a: TestApp, who: string, path: string) => {
  const res = await a.request(path, { headers: { cookie: s[who]! } });
  expect(res.status).toBe(200);
  return res.text();
};

async function create(title: string, leadUnitId: number, deadline: string) {
  const res = await as(
    'duchashi',
    'POST',
    '/api/v1/tasks',
    buildTaskInput({ title, leadUnitId, leadLeaderId: leaderId, startDate: '2026-04-01', deadline, period: '2026-04' }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body!.id as number;
  expect((await as('duchashi', 'POST', `/api/v1/tasks/${id}/assign`, {})).status).toBe(200);
  await startWork(app, s[leadUnitId === t01 ? 'lianluo' : 'lianluo2']!, id);
  return id;
}

const close = (taskId: number, finishedOn: string) =>
  closeJointly(
    app,
    s.lianluo!,
    ['duchashi', 'xiaoneng', 'kaoheban'].map((r) => s[r]!),
    taskId,
    finishedOn,
  );

const NEGATIVE = ['overdue_day', 'carried', 'missing_report', 'bottom_statement', 'accountability'];
const weights = (factor: number) => Object.fromEntries(SCORE_WEIGHT_KEYS.map((k) => [k, k.startsWith('sheet') ? 0 : NEGATIVE.includes(k) ? -factor : factor]));
const hundredths = (n: number) => Math.round(n * 100);
const rowOf = (body: Record<string, any>, unit: number) => body.rows.find((r: { unitId: number }) => r.unitId === unit);
const auditCount = async (action: string) => (await deps.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)))[0]!.n;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  t01 = await unitId(deps.db, 'T01');
  t02 = await unitId(deps.db, 'T02');
  leaderId = await firstLeaderId(deps.db);
  await at('2026-04-01T09:00:00+08:00');
  ids.onTime = await create('按期完成的事项', t01, '2026-04-20');
  ids.late = await create('逾期完成的事项', t01, '2026-04-10');
  ids.carried = await create('月末仍未完成的事项', t02, '2026-04-15');
  await at('2026-04-18T10:00:00+08:00');
  await close(ids.onTime, '2026-04-17');
  await at('2026-04-22T10:00:00+08:00');
  await close(ids.late, '2026-04-09');
});
afterAll(() => deps.close());

describe('monthly review', () => {
  it('a draft month scores every reviewed unit from the record by the default scheme; facts sum exactly to scores', async () => {
    await at('2026-04-25T10:00:00+08:00');
    const added = await as('duchashi', 'POST', '/api/v1/reviews/2026-04/manual-facts', {
      unitId: t02,
      kind: 'highlight',
      day: '2026-04-24',
      reason: '秸秆禁烧工作获市通报表扬',
      evidence: '市政府办〔2026〕12号',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const res = await as('kaoheban', 'GET', '/api/v1/reviews/2026-04/scores');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ period: '2026-04', status: 'draft', schemeVersion: 1, figuresFrozen: false, publishedAt: null });
    const groups = new Set(res.body!.rows.map((r: { group: string }) => r.group));
    expect(groups).toEqual(new Set(['town', 'county_unit']));
    for (const row of res.body!.rows)
      expect(row.facts.reduce((sum: number, f: { points: number }) => sum + hundredths(f.points), 0)).toBe(hundredths(row.score));
    const t1 = rowOf(res.body!, t01);
    expect(t1.facts.map((f: { kind: string; taskId: number }) => [f.kind, f.taskId])).toEqual(
      expect.arrayContaining([
        ['closed_on_time', ids.onTime],
        ['closed_late', ids.late],
      ]),
    );
    expect(t1).toMatchObject({ issued: 2, closedOnTime: 1, closedLate: 1, overdue: 0, rank: 1, position: 1 });
    // T02 on 04-25: ten days past its 04-15 deadline (−1.0) and the highlight (+2).
    expect(rowOf(res.body!, t02)).toMatchObject({ score: 1, rank: 2, overdue: 1, issued: 1 });
  });

  it('refuses to publish a month whose figures are not frozen, and says why', async () => {
    const res = await as('duchashi', 'POST', '/api/v1/reviews/2026-04/publish');
    expect(res.status).toBe(409);
    expect(res.body!.error.message).toContain('月度指标尚未冻结');
  });

  it('refuses bad input in Chinese and changes nothing', async () => {
    const before = (await deps.db.select({ n: count() }).from(reviewSchemes))[0]!.n;
    const notNumber = await as('duchashi', 'POST', '/api/v1/reviews/schemes', { effectiveFrom: '2026-05', weights: { ...weights(1), carried: '扣一分' } });
    expect(notNumber.status).toBe(400);
    expect(notNumber.body!.error.message).toContain('“挂单”的分值不是数字');
    const badFact = await as('duchashi', 'POST', '/api/v1/reviews/2026-04/manual-facts', {
      unitId: t01,
      kind: 'accountability',
      day: '2026-05-02',
      reason: '',
      evidence: 'x',
    });
    expect(badFact.status).toBe(400);
    expect(badFact.body!.error.message).toContain('日期必须在 2026-04 内');
    const badStars = await as('duchashi', 'POST', '/api/v1/reviews/2026-04/leader-stars', { leaderId, stars: 7, reason: '表现突出' });
    expect(badStars.status).toBe(400);
    expect(badStars.body!.error.message).toContain('1 至 5');
    expect((await deps.db.select({ n: count() }).from(reviewSchemes))[0]!.n).toBe(before);
    expect(await deps.db.select().from(reviewManualFacts)).toHaveLength(1);
  });

  it('units may not manage the review nor read a month before it is published', async () => {
    expect((await as('lianluo', 'POST', '/api/v1/reviews/2026-04/publish')).status).toBe(403);
    expect((await as('lianluo', 'POST', '/api/v1/reviews/schemes', { effectiveFrom: '2026-05', weights: weights(1) })).status).toBe(403);
    const read = await as('lianluo', 'GET', '/api/v1/reviews/2026-04/scores');
    expect(read.status).toBe(403);
    expect(read.body!.error.message).toContain('尚未发布');
    expect((await as('lingdao', 'GET', '/api/v1/reviews/2026-04/scores')).status).toBe(200);
  });

  it('after the month is frozen, proposes the two lowest towns; publishing waits for the confirmation', async () => {
    await at('2026-05-01T00:05:00+08:00');
    expect(await periodicWork(deps)).toMatchObject({ frozen: 1 });
    const review = await as('duchashi', 'GET', '/api/v1/reviews/2026-04');
    expect(review.body!.figuresFrozen).toBe(true);
    const towns = review.body!.bottom.find((b: { group: string }) => b.group === 'town');
    expect(towns.proposed.map((u: { unitId: number }) => u.unitId)).toEqual([t02, t01]);
    expect(towns.confirmed).toBeNull();
    expect(review.body!.blocker).toContain('末位表态');
    expect((await as('duchashi', 'POST', '/api/v1/reviews/2026-04/publish')).status).toBe(409);
    const changed = await as('duchashi', 'POST', '/api/v1/reviews/2026-04/bottom-statements', { group: 'town', unitIds: [t02] });
    expect(changed.status).toBe(400);
    expect(changed.body!.error.message).toContain('请填写理由');
    const confirmed = await as('duchashi', 'POST', '/api/v1/reviews/2026-04/bottom-statements', {
      group: 'town',
      unitIds: [t02],
      reason: '城关街道当月完成全部事项，不作表态',
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ proposed: [t02, t01], confirmed: [t02] });
  });

  it("computes each leader's stars from the items they lead; the office adjusts them with a reason", async () => {
    const before = (await as('duchashi', 'GET', '/api/v1/reviews/2026-04')).body!.stars.find((l: { leaderId: number }) => l.leaderId === leaderId);
    // Led: one on time, one late, one overdue → (1 + 0.5) / 3 = 50% → 2 stars.
    expect(before).toMatchObject({ led: 3, closedOnTime: 1, closedLate: 1, overdue: 1, computed: 2, stars: 2, reason: '' });
    const adjusted = await as('duchashi', 'POST', '/api/v1/reviews/2026-04/leader-stars', { leaderId, stars: 3, reason: '牵头的重大项目提前开工' });
    expect(adjusted.status).toBe(200);
    const after = (await as('duchashi', 'GET', '/api/v1/reviews/2026-04')).body!.stars.find((l: { leaderId: number }) => l.leaderId === leaderId);
    expect(after).toMatchObject({ computed: 2, stars: 3, reason: '牵头的重大项目提前开工' });
  });

  let published = '';
  it('publishes April: stored scores answer byte for byte, after a new scheme version and from a fresh app', async () => {
    const res = await as('kaoheban', 'POST', '/api/v1/reviews/2026-04/publish');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'published', schemeVersion: 1 });
    published = await raw(app, 'duchashi', '/api/v1/reviews/2026-04/scores');
    expect(JSON.parse(published)).toEqual(res.body);
    expect(await auditCount('review.publish')).toBe(1);

    const inside = await as('duchashi', 'POST', '/api/v1/reviews/schemes', { effectiveFrom: '2026-04', weights: weights(5) });
    expect(inside.status).toBe(400);
    expect(inside.body!.error.message).toContain('生效月份必须晚于已发布的月份');
    const next = await as('duchashi', 'POST', '/api/v1/reviews/schemes', { effectiveFrom: '2026-05', weights: weights(5), note: '加大奖惩' });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(next.body).toMatchObject({ version: 2, effectiveFrom: '2026-05' });

    expect(await raw(app, 'duchashi', '/api/v1/reviews/2026-04/scores')).toBe(published);
    expect(await raw(createApp(deps), 'duchashi', '/api/v1/reviews/2026-04/scores')).toBe(published);
    // May, still a draft, is scored by the new version.
    expect((await as('duchashi', 'GET', '/api/v1/reviews/2026-05/scores')).body!.schemeVersion).toBe(2);
  });

  it('refuses to publish again or edit the published month, with a clear message and nothing changed', async () => {
    const again = await as('duchashi', 'POST', '/api/v1/reviews/2026-04/publish');
    expect(again.status).toBe(409);
    expect(again.body!.error.message).toContain('已发布');
    const edits = [
      ['manual-facts', { unitId: t01, kind: 'commendation', day: '2026-04-20', reason: '补录表扬', evidence: '通报' }],
      ['bottom-statements', { group: 'town', unitIds: [t01], reason: '改为街道表态' }],
      ['leader-stars', { leaderId, stars: 5, reason: '再调整' }],
    ] as const;
    for (const [path, body] of edits) {
      const res = await as('duchashi', 'POST', `/api/v1/reviews/2026-04/${path}`, body);
      expect(res.status, path).toBe(409);
      expect(res.body!.error.message).toContain('2026-04 的月点评已发布，不能再修改');
    }
    expect(await raw(app, 'duchashi', '/api/v1/reviews/2026-04/scores')).toBe(published);
  });

  it('a unit reads the published month: the same figures the office sees', async () => {
    expect(await raw(app, 'lianluo', '/api/v1/reviews/2026-04/scores')).toBe(published);
    const review = await as('lianluo', 'GET', '/api/v1/reviews/2026-04');
    expect(review.body).toMatchObject({ status: 'published', blocker: null, manual: [] });
    expect(review.body!.bottom.find((b: { group: string }) => b.group === 'town').confirmed).toEqual([{ unitId: t02, unitName: expect.any(String) }]);
    expect((await as('lianluo', 'GET', '/api/v1/reviews/published')).body!.items).toEqual([
      { period: '2026-04', publishedAt: expect.any(String), schemeVersion: 1 },
    ]);
  });
});
