import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { accounts } from '../auth/schema.js';
import { taskReports, tasks, taskSheets } from './schema.js';

// tasks.signed_at and tasks.last_reported_at (migration report_days) against what they stand for: the latest
// signature of the task's assignment sheets and its latest report, whatever is written, deleted or rolled back.
let deps: TestDeps;
let app: TestApp;
let office: string;
let liaison: string;
let t01: number;
let reporter: number;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  [office, liaison] = await Promise.all([login(app, 'duchashi'), login(app, 'lianluo')]);
  t01 = await unitId(deps.db, 'T01');
  const [account] = await deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'lianluo'));
  reporter = account!.id;
});
afterAll(() => deps.close());

// Tasks whose columns differ from the rule: none, in the whole database (the demo's own tasks included).
async function drift() {
  const [row] = await queryRows<{ n: number }>(
    deps.db,
    sql`select count(*)::int as n from tasks t
      where t.signed_at is distinct from (select max(s.signed_at) from task_sheets s where s.task_id = t.id and s.kind = 'assignment')
         or t.last_reported_at is distinct from (select max(r.reported_at) from task_reports r where r.task_id = t.id)`,
  );
  return row!.n;
}

async function days(id: number) {
  const [row] = await deps.db.select({ signedAt: tasks.signedAt, lastReportedAt: tasks.lastReportedAt }).from(tasks).where(eq(tasks.id, id));
  return { signedAt: row!.signedAt?.toISOString() ?? null, lastReportedAt: row!.lastReportedAt?.toISOString() ?? null };
}

const report = (taskId: number, at: string) =>
  deps.db
    .insert(taskReports)
    .values({ taskId, reportedBy: reporter, reportedAt: new Date(at), text: '进展' })
    .returning({ id: taskReports.id })
    .then((r) => r[0]!.id);

async function signedTask(title: string) {
  const { body } = await call(app, office, 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: t01, title, reportCadence: { kind: 'weekly', weekday: 1 } }));
  const id = body!.id as number;
  await call(app, office, 'POST', `/api/v1/tasks/${id}/assign`, {});
  return id;
}

describe('the signing day and last report kept on the task', () => {
  it('follow a decline and a new assignment, the signature and reports sent out of order', async () => {
    expect(await drift()).toBe(0);
    const id = await signedTask('留存签收与报告');
    expect(await days(id)).toEqual({ signedAt: null, lastReportedAt: null });
    await call(app, liaison, 'POST', `/api/v1/tasks/${id}/decline`, { reason: '不属于本单位职责' });
    await call(app, office, 'POST', `/api/v1/tasks/${id}/assign`, {});
    expect(await days(id)).toEqual({ signedAt: null, lastReportedAt: null });
    const signed = await call(app, liaison, 'POST', `/api/v1/tasks/${id}/sign`, {});
    const signedAt = deps.clock.now().toISOString();
    expect(signed.body!.sheets.map((s: { signedAt: string | null }) => s.signedAt)).toEqual([null, signedAt]);
    expect(await days(id)).toEqual({ signedAt, lastReportedAt: null });

    expect((await call(app, liaison, 'POST', `/api/v1/tasks/${id}/reports`, { text: '已开工', percent: 20 })).status).toBe(201);
    expect(await days(id)).toEqual({ signedAt, lastReportedAt: signedAt });
    // A report kept offline arrives later with an earlier time; one with a later time raises the day.
    await report(id, '2026-03-20T08:00:00.000Z');
    expect((await days(id)).lastReportedAt).toBe(signedAt);
    await report(id, '2026-03-27T08:00:00.000Z');
    expect((await days(id)).lastReportedAt).toBe('2026-03-27T08:00:00.000Z');
    expect(await drift()).toBe(0);

    // The ledger row shows the last report, and its missing flag reads the columns.
    const page = await call(app, office, 'GET', `/api/v1/tasks?keyword=${encodeURIComponent('留存签收与报告')}`);
    expect(page.body!.items).toMatchObject([{ id, lastReportAt: '2026-03-27T08:00:00.000Z', reportMissing: false }]);
  });

  it('count again when a report or a signature is deleted, moved, re-dated or taken back', async () => {
    const id = await signedTask('留存删除');
    const other = await signedTask('留存另一项');
    await call(app, liaison, 'POST', `/api/v1/tasks/${id}/sign`, {});
    const signedAt = deps.clock.now().toISOString();
    const early = await report(id, '2026-03-21T08:00:00.000Z');
    const late = await report(id, '2026-03-23T08:00:00.000Z');
    await report(other, '2026-03-22T08:00:00.000Z');

    await deps.db.delete(taskReports).where(eq(taskReports.id, late));
    expect((await days(id)).lastReportedAt).toBe('2026-03-21T08:00:00.000Z');
    await deps.db
      .update(taskReports)
      .set({ reportedAt: new Date('2026-03-19T08:00:00.000Z') })
      .where(eq(taskReports.id, early));
    expect((await days(id)).lastReportedAt).toBe('2026-03-19T08:00:00.000Z');
    // Moved to the other task: gone from this one, and later than what the other had.
    await deps.db
      .update(taskReports)
      .set({ taskId: other, reportedAt: new Date('2026-03-24T08:00:00.000Z') })
      .where(eq(taskReports.id, early));
    expect(await days(id)).toEqual({ signedAt, lastReportedAt: null });
    expect((await days(other)).lastReportedAt).toBe('2026-03-24T08:00:00.000Z');
    await deps.db.delete(taskReports).where(eq(taskReports.id, early));
    expect((await days(other)).lastReportedAt).toBe('2026-03-22T08:00:00.000Z');

    // A signature taken back, a sheet re-dated earlier, a sheet no longer an assignment, a signed sheet deleted.
    const [sheet] = await deps.db
      .select({ id: taskSheets.id })
      .from(taskSheets)
      .where(and(eq(taskSheets.taskId, id), eq(taskSheets.kind, 'assignment')));
    await deps.db.update(taskSheets).set({ signedAt: null }).where(eq(taskSheets.id, sheet!.id));
    expect((await days(id)).signedAt).toBeNull();
    await deps.db
      .update(taskSheets)
      .set({ signedAt: new Date('2026-03-18T08:00:00.000Z') })
      .where(eq(taskSheets.id, sheet!.id));
    expect((await days(id)).signedAt).toBe('2026-03-18T08:00:00.000Z');
    await deps.db
      .update(taskSheets)
      .set({ signedAt: new Date('2026-03-17T08:00:00.000Z') })
      .where(eq(taskSheets.id, sheet!.id));
    expect((await days(id)).signedAt).toBe('2026-03-17T08:00:00.000Z');
    await deps.db.update(taskSheets).set({ kind: 'urge' }).where(eq(taskSheets.id, sheet!.id));
    expect((await days(id)).signedAt).toBeNull();
    await deps.db.update(taskSheets).set({ kind: 'assignment' }).where(eq(taskSheets.id, sheet!.id));
    expect((await days(id)).signedAt).toBe('2026-03-17T08:00:00.000Z');
    await deps.db.delete(taskSheets).where(eq(taskSheets.id, sheet!.id));
    expect((await days(id)).signedAt).toBeNull();
    expect(await drift()).toBe(0);
  });

  it('a chasing sheet signed changes nothing, and a rolled-back report leaves the day as it was', async () => {
    const id = await signedTask('留存回滚');
    await call(app, liaison, 'POST', `/api/v1/tasks/${id}/sign`, {});
    await report(id, '2026-03-22T08:00:00.000Z');
    const before = await days(id);
    await deps.db.insert(taskSheets).values({
      taskId: id,
      kind: 'urge',
      year: 2026,
      seq: 990_001,
      number: '催〔2026〕990001号',
      unitId: t01,
      content: {},
      issuedAt: new Date('2026-03-26T08:00:00.000Z'),
      signedAt: new Date('2026-03-26T09:00:00.000Z'),
    });
    expect(await days(id)).toEqual(before);
    await expect(
      deps.db.transaction(async (tx) => {
        await tx.insert(taskReports).values({ taskId: id, reportedBy: reporter, reportedAt: new Date('2026-03-28T08:00:00.000Z'), text: '撤回' });
        expect((await tx.select({ at: tasks.lastReportedAt }).from(tasks).where(eq(tasks.id, id)))[0]!.at!.toISOString()).toBe('2026-03-28T08:00:00.000Z');
        throw new Error('回滚');
      }),
    ).rejects.toThrow('回滚');
    expect(await days(id)).toEqual(before);
    expect(await drift()).toBe(0);
  });
});
