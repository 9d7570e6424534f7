// 本月督办单: the chasing sheets issued in a month, by kind, within each one's units; assignment sheets are not counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, handOver, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';

let deps: TestDeps;
let app: TestApp;
const ids: number[] = [];

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  deps.clock.set('2026-03-02T09:00:00+08:00');
  const office = await login(app, 'duchashi');
  for (const code of ['T01', 'T02']) {
    ids.push(await handOver(app, office, buildTaskInput({ leadUnitId: await unitId(deps.db, code), deadline: '2026-04-30' })));
  }
  deps.clock.set('2026-03-31T23:00:00+08:00');
  const late = await login(app, 'duchashi');
  for (const id of ids) expect((await call(app, late, 'POST', `/api/v1/tasks/${id}/urge`, { note: '请加快进度' })).status).toBe(204);
  deps.clock.set('2026-04-01T08:30:00+08:00');
  expect((await call(app, await login(app, 'duchashi'), 'POST', `/api/v1/tasks/${ids[0]}/urge`, { note: '四月再催' })).status).toBe(204);
});
afterAll(() => deps.close());

describe('sheets issued in a month', () => {
  it('counts by kind in Beijing months, for the county and for one unit', async () => {
    const office = await login(app, 'duchashi');
    expect((await call(app, office, 'GET', '/api/v1/chasing/issued?period=2026-03')).body).toEqual({ period: '2026-03', counts: { urge: 2 }, total: 2 });
    expect((await call(app, office, 'GET', '/api/v1/chasing/issued')).body).toEqual({ period: '2026-04', counts: { urge: 1 }, total: 1 });
    const unit = await login(app, 'lianluo2');
    expect((await call(app, unit, 'GET', '/api/v1/chasing/issued?period=2026-03')).body).toMatchObject({ counts: { urge: 1 }, total: 1 });
    expect((await call(app, unit, 'GET', '/api/v1/chasing/issued?period=2026-04')).body).toMatchObject({ counts: {}, total: 0 });
    const bad = await call(app, office, 'GET', '/api/v1/chasing/issued?period=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body!.error.message).toContain('月份格式应为 YYYY-MM');
  });
});
