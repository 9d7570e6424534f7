// A progress report kept on a phone without signal is sent when the network returns, perhaps more than once (the
// answer to the first send was lost, or two tabs flush at once): it is saved exactly once.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, handOver, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { taskReports } from './schema.js';

let deps: TestDeps;
let app: TestApp;
let office: string;
let liaison: string;
const taskIds: number[] = [];

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  deps.clock.set('2026-03-10T09:00:00+08:00');
  office = await login(app, 'duchashi');
  liaison = await login(app, 'lianluo');
  const t01 = await unitId(deps.db, 'T01');
  for (const title of ['离线反馈的事项', '另一事项']) {
    const id = await handOver(app, office, buildTaskInput({ title, leadUnitId: t01 }));
    await call(app, liaison, 'POST', `/api/v1/tasks/${id}/sign`, {});
    taskIds.push(id);
  }
});
afterAll(() => deps.close());

const report = (key: string, text = '完成东关小区管网开挖') => ({ text, percent: 30, clientKey: key });
const reportsOf = (taskId: number) => deps.db.select().from(taskReports).where(eq(taskReports.taskId, taskId));

describe('a report sent again with its offline key', () => {
  it('is saved once; the second send answers as the first did', async () => {
    const first = await call(app, liaison, 'POST', `/api/v1/tasks/${taskIds[0]}/reports`, report('phone-7f3a9c21-0001'));
    expect(first.status).toBe(201);
    // The first report started the task; the retry must not be refused because of that.
    expect(first.body).toMatchObject({ status: 'in_progress', percent: 30 });
    const again = await call(app, liaison, 'POST', `/api/v1/tasks/${taskIds[0]}/reports`, report('phone-7f3a9c21-0001'));
    expect(again.status).toBe(201);
    expect(await reportsOf(taskIds[0]!)).toHaveLength(1);
    expect((await deps.db.select().from(auditLog).where(eq(auditLog.action, 'task.report'))).length).toBe(1);
  });

  it('sent twice at once, it is still saved once', async () => {
    const both = await Promise.all(
      [0, 1].map(() => call(app, liaison, 'POST', `/api/v1/tasks/${taskIds[0]}/reports`, report('phone-7f3a9c21-0002', '第二次'))),
    );
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect((await reportsOf(taskIds[0]!)).filter((r) => r.clientKey === 'phone-7f3a9c21-0002')).toHaveLength(1);
  });

  it('a key used for another task is refused; reports without a key are all kept', async () => {
    const reused = await call(app, liaison, 'POST', `/api/v1/tasks/${taskIds[1]}/reports`, report('phone-7f3a9c21-0001'));
    expect(reused.status).toBe(409);
    expect(reused.body!.error.code).toBe('REPORT_KEY_REUSED');
    expect((await call(app, liaison, 'POST', `/api/v1/tasks/${taskIds[1]}/reports`, { text: '无标识一' })).status).toBe(201);
    expect((await call(app, liaison, 'POST', `/api/v1/tasks/${taskIds[1]}/reports`, { text: '无标识一' })).status).toBe(201);
    expect(await reportsOf(taskIds[1]!)).toHaveLength(2);
    expect((await call(app, liaison, 'POST', `/api/v1/tasks/${taskIds[1]}/reports`, report('短'))).status).toBe(400);
  });
});
