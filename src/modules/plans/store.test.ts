import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { taskCarryOvers } from '../tasks/schema.js';
import { tasksToCarry } from './store.js';

let deps: TestDeps;
let app: TestApp;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
});
afterAll(() => deps.close());

describe('the month a task stands in, for the roll-over', () => {
  // The carry-over row's id matches another task's id, never its own: the month must come from the task's own rows.
  it('is the latest month the task itself was carried into, else its own month', async () => {
    const office = await login(app, 'duchashi');
    const t01 = await unitId(deps.db, 'T01');
    const ids: number[] = [];
    for (const title of ['未挂单的事项', '挂单一次的事项']) {
      const created = await call(app, office, 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: t01, title }));
      await call(app, office, 'POST', `/api/v1/tasks/${created.body!.id}/assign`, {});
      ids.push(created.body!.id);
    }
    const [never, once] = ids as [number, number];
    await deps.db.insert(taskCarryOvers).values({ id: never, taskId: once, fromPeriod: '2026-03', toPeriod: '2026-04', createdAt: deps.clock.now() });
    const rows = await tasksToCarry(deps.db, '2026-06', 0, 10);
    expect(rows.map((r) => [r.id, r.current])).toEqual([
      [never, '2026-03'],
      [once, '2026-04'],
    ]);
  });
});
