import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { unitId } from '../../../test/factories.js';
import { auditLog } from '../audit/schema.js';

let deps: TestDeps;
let app: TestApp;
let t01: number;
let t02: number;
const cookies: Record<string, string> = {};
const as = (who: string, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);
const STANDARDS = ['position', 'highlight', 'breakthrough', 'first_class'];
async function at(iso: string) {
  deps.clock.set(new Date(iso));
  for (const u of ['lianluo', 'lianluo2', 'kaoheban', 'ganbu']) cookies[u] = await login(app, u);
}
const audited = async (action: string) => (await deps.db.select().from(auditLog).where(eq(auditLog.action, action))).length;

beforeAll(async () => {
  deps = await testDeps();
  // Late in the year, so the result window (from 1 December) is a few days ahead; the demo's passwords are set now.
  deps.clock.set(new Date('2026-11-20T09:00:00+08:00'));
  app = await demoApp(deps);
  t01 = await unitId(deps.db, 'T01');
  t02 = await unitId(deps.db, 'T02');
  await at('2026-11-20T09:00:00+08:00');
});
afterAll(() => deps?.close());

describe('绩效自评', () => {
  it('the unit sets its targets against the four standards; another unit’s answers 404; a missing standard 400', async () => {
    const path = `/api/v1/self-assessments/units/${t01}/targets`;
    const items = STANDARDS.map((standard, i) => ({ standard, target: `目标${i + 1}`, planRating: 3 + (i % 2) }));
    const saved = await as('lianluo', 'PUT', path, { period: '2026', version: 0, items });
    expect(saved.status).toBe(200);
    expect(saved.body!.status).toBe('planned');
    expect(saved.body!.items.map((i: { target: string }) => i.target)).toEqual(['目标1', '目标2', '目标3', '目标4']);
    expect((await as('lianluo2', 'PUT', path, { period: '2026', version: 1, items })).status).toBe(404);
    const short = await as('lianluo', 'PUT', path, { period: '2026', version: 1, items: items.slice(1) });
    expect(short.status).toBe(400);
    expect(short.body!.error.message).toContain('缺少“有位置”一项');
    expect((await as('lianluo', 'PUT', path, { period: '2026', version: 0, items })).status).toBe(409);
    expect((await as('ganbu', 'PUT', path, { period: '2026', version: 1, items })).status).toBe(403);
  });

  it('results wait for December; then the office rates beside them and the gap shows, targets stay locked', async () => {
    const results = STANDARDS.map((standard) => ({ standard, result: '完成情况', resultRating: 5 }));
    const early = await as('lianluo', 'PUT', `/api/v1/self-assessments/units/${t01}/results`, { period: '2026', version: 1, items: results });
    expect(early.status).toBe(409);
    expect(early.body!.error.message).toContain('2026-12-01 至 2027-03-31');
    await at('2026-12-03T09:00:00+08:00');
    const rateEarly = await as('kaoheban', 'PUT', `/api/v1/self-assessments/units/${t01}/office-rating`, {
      period: '2026',
      version: 1,
      items: STANDARDS.map((standard) => ({ standard, officeRating: 4, officeComment: '' })),
    });
    expect(rateEarly.status).toBe(409);
    const reported = await as('lianluo', 'PUT', `/api/v1/self-assessments/units/${t01}/results`, { period: '2026', version: 1, items: results });
    expect(reported.status).toBe(200);
    expect(await audited('self_assessment.results')).toBe(1);
    const rated = await as('kaoheban', 'PUT', `/api/v1/self-assessments/units/${t01}/office-rating`, {
      period: '2026',
      version: 2,
      items: STANDARDS.map((standard, i) => ({ standard, officeRating: i === 0 ? 3 : 5, officeComment: i === 0 ? '位次未前移' : '' })),
    });
    expect(rated.status).toBe(200);
    expect(await audited('self_assessment.rate')).toBe(1);
    expect(rated.body!.status).toBe('rated');
    expect(rated.body!.gap).toEqual({ lines: STANDARDS.map((standard, i) => ({ standard, gap: i === 0 ? 2 : 0 })), total: 2 });
    // The unit's own ratings are kept beside the office's.
    expect(rated.body!.items[0]).toMatchObject({ resultRating: 5, officeRating: 3, officeComment: '位次未前移', target: '目标1' });
    const targets = await as('lianluo', 'PUT', `/api/v1/self-assessments/units/${t01}/targets`, {
      period: '2026',
      version: 3,
      items: STANDARDS.map((standard) => ({ standard, target: '改', planRating: 5 })),
    });
    expect(targets.status).toBe(409);
  });

  it('the office’s list has every unit, with or without a self-assessment; a unit sees its own', async () => {
    const all = await as('kaoheban', 'GET', '/api/v1/self-assessments?period=2026');
    expect(all.status).toBe(200);
    expect(all.body!.items.find((r: { unitId: number }) => r.unitId === t01).status).toBe('rated');
    expect(all.body!.items.find((r: { unitId: number }) => r.unitId === t02).status).toBeNull();
    const mine = await as('lianluo', 'GET', '/api/v1/self-assessments?period=2026');
    expect(mine.body!.items.every((r: { unitId: number }) => r.unitId !== t02)).toBe(true);
    expect((await as('lianluo2', 'GET', `/api/v1/self-assessments/units/${t01}?period=2026`)).status).toBe(404);
    const rows = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'self_assessment.targets')));
    expect(rows).toHaveLength(1);
  });
});
