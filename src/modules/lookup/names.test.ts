// The audit page names each object it lists, and links it to its page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, handOver, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';

let deps: TestDeps;
let app: TestApp;
let auditor: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  deps.clock.set('2026-03-10T09:00:00+08:00');
  const office = await login(app, 'duchashi');
  ids.t01 = await unitId(deps.db, 'T01');
  ids.task = await handOver(app, office, buildTaskInput({ leadUnitId: ids.t01, title: '城关街道背街小巷整治' }));
  ids.sheet = (await call(app, office, 'GET', `/api/v1/tasks/${ids.task}`)).body!.sheets[0].id;
  ids.plan = (await call(app, office, 'POST', '/api/v1/plans', { kind: 'monthly', period: '2026-04' })).body!.id;
  auditor = await login(app, 'shenji');
});
afterAll(() => deps.close());

describe('names of audited objects', () => {
  it('names tasks, sheets, units, accounts and plans, with the page of each; unknown ones are left out', async () => {
    const refs = [`task:${ids.task}`, `sheet:${ids.sheet}`, `unit:${ids.t01}`, `plan:${ids.plan}`, 'account:1', 'task:999999', 'route:3'].join(',');
    const res = await call(app, auditor, 'GET', `/api/v1/audit/objects?refs=${refs}`);
    expect(res.status).toBe(200);
    const byRef = Object.fromEntries(res.body!.items.map((o: { type: string; id: number }) => [`${o.type}:${o.id}`, o]));
    expect(byRef[`task:${ids.task}`]).toMatchObject({ name: '城关街道背街小巷整治', link: `/tasks/${ids.task}` });
    expect(byRef[`sheet:${ids.sheet}`]).toMatchObject({ name: expect.stringMatching(/^督〔2026〕\d+号$/), link: `/tasks/${ids.task}` });
    expect(byRef[`unit:${ids.t01}`]).toMatchObject({ name: '城关街道', link: '/units' });
    expect(byRef[`plan:${ids.plan}`]).toMatchObject({ name: '示范县2026年4月重点工作安排', link: `/plans/${ids.plan}` });
    expect(byRef['account:1']).toMatchObject({ name: '系统管理员（admin）', link: '/accounts' });
    expect(res.body!.items).toHaveLength(5);
  });

  it('refuses a malformed list in Chinese, and anyone but the audit administrator', async () => {
    const bad = await call(app, auditor, 'GET', '/api/v1/audit/objects?refs=task;1');
    expect(bad.status).toBe(400);
    expect(bad.body!.error.message).toContain('对象格式应为');
    expect((await call(app, await login(app, 'duchashi'), 'GET', `/api/v1/audit/objects?refs=task:${ids.task}`)).status).toBe(403);
  });
});
