import { and, count, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { auditLog } from '../audit/schema.js';

// PATCH /tasks/{id}: only the fields sent change; the merged task is checked like a full update.

let deps: TestDeps;
let app: TestApp;
let office: string;
let liaison: string;
let t01: number;
let t02: number;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  [office, liaison] = await Promise.all([login(app, 'duchashi'), login(app, 'lianluo')]);
  t01 = await unitId(deps.db, 'T01');
  t02 = await unitId(deps.db, 'T02');
});
afterAll(() => deps.close());

// A task issued with its dates, two milestones, an indicator, a cooperator and tags, then signed with one milestone
// done, so a patch can be seen to keep what was recorded on it.
async function fullTask() {
  const created = await call(
    app,
    office,
    'POST',
    '/api/v1/tasks',
    buildTaskInput({
      leadUnitId: t01,
      level: 'major',
      cooperators: [{ unitId: t02, part: '提供场地' }],
      milestones: [
        { name: '完成方案', dueDate: '2026-03-10' },
        { name: '完成施工', dueDate: '2026-03-28' },
      ],
      indicators: [{ name: '改造小区', target: 3, unitOfMeasure: '个' }],
      tags: ['民生'],
      reportCadence: { kind: 'weekly', weekday: 5 },
      evidenceRequired: true,
    }),
  );
  expect(created.status).toBe(201);
  const id = created.body!.id as number;
  await call(app, office, 'POST', `/api/v1/tasks/${id}/assign`, {});
  const signed = await call(app, liaison, 'POST', `/api/v1/tasks/${id}/sign`, {});
  const milestoneId = signed.body!.milestones[0].id as number;
  const reported = await call(app, liaison, 'POST', `/api/v1/tasks/${id}/reports`, {
    text: '方案已批复',
    milestonesDone: [{ milestoneId, doneDate: '2026-03-09', evidence: '批复文件' }],
    indicatorActuals: [{ indicatorId: signed.body!.indicators[0].id, actual: 1 }],
  });
  expect(reported.status).toBe(201);
  return (await call(app, office, 'GET', `/api/v1/tasks/${id}`)).body!;
}

const auditCount = async (id: number) => {
  const [row] = await deps.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'task'), eq(auditLog.targetId, String(id))));
  return row!.n;
};

// The task as the detail answers it, less what any write moves (version, time, available actions).
const stable = ({ version: _v, updatedAt: _u, ...rest }: Record<string, any>) => rest;

describe('PATCH /tasks/{id}', () => {
  it('changes only the responsible name and phone and keeps milestones, indicators and everything else', async () => {
    const before = await fullTask();
    const res = await call(app, office, 'PATCH', `/api/v1/tasks/${before.id}`, {
      version: before.version,
      responsibleName: '李四',
      responsiblePhone: '13911112222',
    });
    expect(res.status).toBe(200);
    expect(res.body!.version).toBe(before.version + 1);
    expect(stable(res.body!)).toEqual({ ...stable(before), responsibleName: '李四', responsiblePhone: '13911112222' });
    expect(res.body!.milestones[0]).toMatchObject({ doneDate: '2026-03-09', evidence: '批复文件' });
    expect(res.body!.indicators[0]).toMatchObject({ actual: 1 });

    const [entry] = await deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(before.id)))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    expect(entry).toMatchObject({ action: 'task.update', targetType: 'task' });
    expect(entry!.before).toEqual({ responsibleName: '张三', responsiblePhone: '13900000000' });
    expect(entry!.after).toEqual({ responsibleName: '李四', responsiblePhone: '13911112222' });
    const history = await call(app, office, 'GET', `/api/v1/tasks/${before.id}/history`);
    expect(history.body!.items.at(-1)).toMatchObject({ kind: 'edited', note: '修改了：责任人、联系电话' });
  });

  it('replaces milestones only when they are sent, keeping those sent with their id', async () => {
    const before = await fullTask();
    const [done, other] = before.milestones;
    const res = await call(app, office, 'PATCH', `/api/v1/tasks/${before.id}`, {
      version: before.version,
      milestones: [{ id: done.id, name: done.name, dueDate: done.dueDate }],
    });
    expect(res.status).toBe(200);
    expect(res.body!.milestones).toEqual([done]);
    expect(res.body!.milestones.some((m: { id: number }) => m.id === other.id)).toBe(false);
    expect(stable({ ...res.body!, milestones: [] })).toEqual(stable({ ...before, milestones: [] }));
    const history = await call(app, office, 'GET', `/api/v1/tasks/${before.id}/history`);
    expect(history.body!.items.at(-1)).toMatchObject({ kind: 'edited', note: '修改了：节点' });
  });

  it('a newly chosen responsible person brings their name and phone', async () => {
    const before = await fullTask();
    const unit = await call(app, office, 'GET', `/api/v1/units/${t01}`);
    const head = await call(app, office, 'GET', `/api/v1/people/${unit.body!.headPersonId}`);
    const res = await call(app, office, 'PATCH', `/api/v1/tasks/${before.id}`, { version: before.version, responsiblePersonId: head.body!.id });
    expect(res.body).toMatchObject({ responsiblePersonId: head.body!.id, responsibleName: head.body!.name, responsiblePhone: head.body!.phone });
  });

  it('a stale version is 409 and saves nothing', async () => {
    const before = await fullTask();
    const audits = await auditCount(before.id);
    const res = await call(app, office, 'PATCH', `/api/v1/tasks/${before.id}`, { version: before.version - 1, responsibleName: '王五' });
    expect(res.status).toBe(409);
    expect(res.body!.error.code).toBe('STALE_VERSION');
    expect((await call(app, office, 'GET', `/api/v1/tasks/${before.id}`)).body).toEqual(before);
    expect(await auditCount(before.id)).toBe(audits);
  });

  // Each patch is valid on its own fields; the task it would make is not.
  it.each<[string, () => Record<string, unknown>, string]>([
    ['a deadline before the start', () => ({ deadline: '2026-02-20' }), 'BAD_TASK'],
    ['a start after the deadline', () => ({ startDate: '2026-04-05' }), 'BAD_TASK'],
    ['a deadline before an existing milestone', () => ({ deadline: '2026-03-20' }), 'BAD_TASK'],
    ['a milestone after the deadline', () => ({ milestones: [{ name: '验收', dueDate: '2026-04-10' }] }), 'BAD_TASK'],
    ['the new lead unit already cooperating', () => ({ leadUnitId: t02 }), 'BAD_TASK'],
    ['a lead unit that does not exist', () => ({ leadUnitId: 999_999 }), 'UNIT_NOT_FOUND'],
    ['an empty title', () => ({ title: ' ' }), 'VALIDATION_ERROR'],
    ['a field that cannot be patched', () => ({ status: 'closed' }), 'VALIDATION_ERROR'],
  ])('%s is 400 and saves nothing', async (_name, fields, code) => {
    const before = await fullTask();
    const audits = await auditCount(before.id);
    const res = await call(app, office, 'PATCH', `/api/v1/tasks/${before.id}`, { version: before.version, ...fields() });
    expect(res.status).toBe(400);
    expect(res.body!.error.code).toBe(code);
    expect((await call(app, office, 'GET', `/api/v1/tasks/${before.id}`)).body).toEqual(before);
    expect(await auditCount(before.id)).toBe(audits);
  });

  it.each(['lianluo', 'danwei', 'lingdao', 'kaoheban'])('%s may not patch a task (403)', async (username) => {
    const before = await fullTask();
    const res = await call(app, await login(app, username), 'PATCH', `/api/v1/tasks/${before.id}`, { version: before.version, responsibleName: '越权' });
    expect(res.status).toBe(403);
    expect((await call(app, office, 'GET', `/api/v1/tasks/${before.id}`)).body).toEqual(before);
  });
});
