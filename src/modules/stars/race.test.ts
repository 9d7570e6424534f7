// PostgreSQL only (TEST_DATABASE_URL): decisions arriving together at the month's limit. Each decision locks the month
// (store.lockMonth) before counting its winners, so exactly one of eight parallel awards for the last place passes.
// Without the lock each transaction counts the winners before the others commit, and several pass.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { reviewedUnits } from '../org/read.js';
import { starNominations } from './schema.js';

describe.skipIf(!process.env.TEST_DATABASE_URL)('parallel decisions at the limit (PostgreSQL)', () => {
  let deps: TestDeps;
  let app: TestApp;
  let office: string;

  beforeAll(async () => {
    deps = await testDeps();
    app = await demoApp(deps);
    office = await login(app, 'duchashi');
  });
  afterAll(() => deps?.close());

  it('lets exactly one of eight awards for the last place pass', async () => {
    const settings = (await call(app, office, 'GET', '/api/v1/stars/settings')).body!;
    expect((await call(app, office, 'PUT', '/api/v1/stars/settings', { ...settings, unitStarLimit: 3 })).status).toBe(200);
    const ids: number[] = [];
    for (const u of (await reviewedUnits(deps.db)).slice(0, 10)) {
      const n = await call(app, office, 'POST', '/api/v1/stars/nominations', {
        period: '2026-03',
        kind: 'unit',
        unitId: u.id,
        citation: '重点项目提前开工',
        evidence: '县发改委通报',
      });
      expect(n.status).toBe(201);
      expect((await call(app, office, 'POST', `/api/v1/stars/nominations/${n.body!.id}/shortlist`, { version: 1 })).status).toBe(200);
      ids.push(n.body!.id as number);
    }
    const award = (id: number) => call(app, office, 'POST', `/api/v1/stars/nominations/${id}/decide`, { version: 2, award: true, method: 'meeting' });
    for (const id of ids.slice(0, 2)) expect((await award(id)).status).toBe(200);

    const answers = await Promise.all(ids.slice(2).map(award));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.body!.error.code).toBe('STAR_LIMIT_REACHED');
    const winners = await deps.db.select().from(starNominations).where(eq(starNominations.status, 'awarded'));
    expect(winners).toHaveLength(3);
  });
});
