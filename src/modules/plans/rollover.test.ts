import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { systemWho } from '../../context.js';
import { auditLog } from '../audit/schema.js';
import { notifications } from '../notify/schema.js';
import { taskEvents } from '../tasks/schema.js';
import { rollOver } from './rollover.js';
import { taskCarryOvers } from '../tasks/schema.js';

let deps: TestDeps;
let app: TestApp;
const taskIds: number[] = [];

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  const office = await login(app, 'duchashi');
  const t01 = await unitId(deps.db, 'T01');
  for (const title of ['挂单并发一', '挂单并发二', '挂单并发三']) {
    const created = await call(app, office, 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: t01, title }));
    await call(app, office, 'POST', `/api/v1/tasks/${created.body!.id}/assign`, {});
    taskIds.push(created.body!.id);
  }
  // A draft is not on the ledger yet, so it is not carried.
  await call(app, office, 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: t01, title: '草拟不挂单' }));
});
afterAll(() => deps.close());

const run = () => rollOver(deps, systemWho('rollover-test'));
const count = async (table: typeof taskEvents | typeof auditLog | typeof notifications, where: ReturnType<typeof eq>) =>
  (await deps.db.select().from(table).where(where)).length;

describe('roll-over run twice at once (two processes)', () => {
  it('carries each open task once: one row, one event, one audit entry, one message each', async () => {
    deps.clock.set('2026-04-01T00:01:00+08:00');
    const results = await Promise.all([run(), run()]);
    expect(results.reduce((n, r) => n + r.carried, 0)).toBe(3);
    const rows = await deps.db.select().from(taskCarryOvers);
    expect(rows.map((r) => [r.taskId, r.fromPeriod, r.toPeriod]).sort()).toEqual(taskIds.map((id) => [id, '2026-03', '2026-04']).sort());
    expect(await count(taskEvents, eq(taskEvents.kind, 'carry_over'))).toBe(3);
    expect(await count(auditLog, eq(auditLog.action, 'task.carry_over'))).toBe(3);
    // T01's head and liaison, once per task.
    expect(await count(notifications, eq(notifications.kind, 'task.carry_over'))).toBe(6);
  });

  it('reminds once a day however many runs overlap', async () => {
    deps.clock.set('2026-04-03T09:00:00+08:00');
    const results = await Promise.all([run(), run(), run()]);
    expect(results.reduce((n, r) => n + r.reminded, 0)).toBe(3);
    expect(await count(taskEvents, eq(taskEvents.kind, 'carry_over.reminder'))).toBe(3);
    expect((await run()).reminded).toBe(0);
  });

  it('does not remind for a task finished since it was carried', async () => {
    deps.clock.set('2026-04-04T09:00:00+08:00');
    const office = await login(app, 'duchashi');
    expect((await call(app, office, 'POST', `/api/v1/tasks/${taskIds[0]}/cancel`, { reason: '并入老旧小区改造' })).status).toBe(200);
    expect((await run()).reminded).toBe(2);
  });
});
