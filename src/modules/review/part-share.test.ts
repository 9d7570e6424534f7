// The scheme's part share through the API: a task of 城关街道 (T01) whose cooperating unit's part (T02) was late is
// scored half to each in April; the facts name the late part. A bad share is refused with nothing saved.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, startWork, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { DEFAULT_WEIGHTS } from './rules.js';
import { auditLog } from '../audit/schema.js';
import { reviewSchemes } from './schema.js';

let deps: TestDeps;
let app: TestApp;
const s: Record<string, string> = {};
let t01 = 0;
let t02 = 0;
let taskId = 0;
const weights = Object.fromEntries(Object.entries(DEFAULT_WEIGHTS).map(([k, v]) => [k, v / 100]));

async function at(instant: string) {
  deps.clock.set(instant);
  for (const u of ['duchashi', 'kaoheban', 'lianluo']) s[u] = await login(app, u);
}
const as = (who: string, method: string, path: string, body?: unknown) => call(app, s[who]!, method, path, body);
const factsOf = (body: Record<string, any>, unit: number) =>
  body.rows.find((r: { unitId: number }) => r.unitId === unit).facts.filter((f: { taskId: number | null }) => f.taskId === taskId);

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  [t01, t02] = await Promise.all([unitId(deps.db, 'T01'), unitId(deps.db, 'T02')]);
  await at('2026-04-01T09:00:00+08:00');
  const created = await as(
    'duchashi',
    'POST',
    '/api/v1/tasks',
    buildTaskInput({
      title: '背街小巷改造',
      leadUnitId: t01,
      startDate: '2026-04-01',
      deadline: '2026-04-15',
      period: '2026-04',
      cooperators: [{ unitId: t02, part: '完成沿街立面整治', dueDate: '2026-04-08', standard: '立面整治验收合格' }],
    }),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  taskId = created.body!.id as number;
  expect((await as('duchashi', 'POST', `/api/v1/tasks/${taskId}/assign`, {})).status).toBe(200);
  await startWork(app, s.lianluo!, taskId);
});
afterAll(() => deps.close());

describe('the scheme splits a late task between the lead unit and the late cooperating unit', () => {
  it('refuses a share that is not a whole percentage, in Chinese, saving nothing', async () => {
    const before = (await deps.db.select({ n: count() }).from(reviewSchemes))[0]!.n;
    const res = await as('kaoheban', 'POST', '/api/v1/reviews/schemes', { effectiveFrom: '2026-04', weights, partShare: 150 });
    expect(res.status).toBe(400);
    expect(res.body!.error.message).toContain('配合单位承担比例应为 0 至 100 的整数');
    expect((await deps.db.select({ n: count() }).from(reviewSchemes))[0]!.n).toBe(before);
  });

  it('without a split the lead unit bears the overdue days alone', async () => {
    await at('2026-05-06T09:00:00+08:00');
    const res = await as('kaoheban', 'GET', '/api/v1/reviews/2026-04/scores');
    expect(factsOf(res.body!, t01).map((f: { kind: string; points: number }) => [f.kind, f.points])).toEqual([['overdue_day', -1.5]]);
    expect(factsOf(res.body!, t02)).toEqual([]);
  });

  it('a version sharing 50% splits them, names the late part, and is audited', async () => {
    const saved = await as('kaoheban', 'POST', '/api/v1/reviews/schemes', { effectiveFrom: '2026-04', weights, partShare: 50, note: '配合单位分担' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'review.scheme.create'), eq(auditLog.targetId, String(saved.body!.id))));
    expect((audit!.after as { partShare: number }).partShare).toBe(50);
    const listed = await as('kaoheban', 'GET', '/api/v1/reviews/schemes');
    expect(listed.body!.items[0].partShare).toBe(50);

    const res = await as('kaoheban', 'GET', '/api/v1/reviews/2026-04/scores');
    const lead = factsOf(res.body!, t01);
    const coop = factsOf(res.body!, t02);
    expect(lead.map((f: { points: number }) => f.points)).toEqual([-0.75]);
    expect(lead[0].label).toContain('分工逾期，承担 50%');
    expect(coop.map((f: { kind: string; points: number }) => [f.kind, f.points])).toEqual([['overdue_day', -0.75]]);
    expect(coop[0].label).toBe('配合分工逾期：背街小巷改造（逾期 15 天，配合单位承担 50%）');
  });

  it('a later version that does not send the share keeps it', async () => {
    const saved = await as('kaoheban', 'POST', '/api/v1/reviews/schemes', { effectiveFrom: '2026-06', weights });
    expect(saved.status).toBe(201);
    const listed = await as('kaoheban', 'GET', '/api/v1/reviews/schemes');
    expect(listed.body!.items.map((i: { version: number; partShare: number }) => i.partShare)).toEqual([50, 50, 0]);
  });
});
