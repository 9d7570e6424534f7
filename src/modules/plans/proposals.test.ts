// Issue 9: proposals carry the full 三定 into the task; the unit's edits after a return are revisions the leader sees;
// lateness is fixed at the first submission; the step dates start from the creation day and the office moves them.
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { unitId } from '../../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { people } from '../org/schema.js';
import { planRevisions } from './schema.js';

let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
// lianluo: 城关街道 (T01) liaison, danwei: its head; lingdao: the leader in charge of T01.
const USERS = ['duchashi', 'lianluo', 'danwei', 'lingdao'] as const;
type User = (typeof USERS)[number];
const ids: Record<string, number> = {};
const person = { id: 0, name: '', phone: '' };

async function at(instant: string) {
  deps.clock.set(instant);
  for (const u of USERS) cookies[u] = await login(app, u);
}
const as = (who: User, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  ids.t01 = await unitId(deps.db, 'T01');
  const [p] = await deps.db
    .select({ id: people.id, name: people.name, phone: people.phone })
    .from(people)
    .where(and(eq(people.unitId, ids.t01), eq(people.active, true)))
    .orderBy(asc(people.id))
    .limit(1);
  Object.assign(person, p);
});
afterAll(() => deps.close());

const sanDing = {
  title: '城关街道老旧小区加装电梯',
  measures: '完成东关小区三部电梯加装',
  timetable: '4月15日前完成招标',
  milestones: [{ name: '完成招标', dueDate: '2026-04-15' }],
  standard: '三部电梯通过特种设备验收并投入使用',
  deadline: '2026-04-28',
  responsibleName: '',
  responsiblePhone: '13900001111',
  indicators: [{ name: '加装电梯', target: 3, unitOfMeasure: '部' }],
  level: 'major',
  reportCadence: { kind: 'weekly', weekday: 5 },
  evidenceRequired: true,
};

describe('proposals through the API (issue 9)', () => {
  it('a plan opened after its usual proposal date starts its steps from today; the office moves them, audited', async () => {
    await at('2026-03-27T09:00:00+08:00');
    const created = await as('duchashi', 'POST', '/api/v1/plans', { kind: 'monthly', period: '2026-04' });
    expect(created.status).toBe(201);
    // The usual dates (25th, 27th, 28th, 31st) would leave two steps in the past.
    expect(created.body).toMatchObject({ proposeBy: '2026-03-30', reviewBy: '2026-04-01', consolidateBy: '2026-04-02', meetingOn: '2026-04-05', version: 1 });
    ids.plan = created.body!.id;

    const past = await as('duchashi', 'PATCH', `/api/v1/plans/${ids.plan}/schedule`, { version: 1, proposeBy: '2026-03-26' });
    expect(past.status).toBe(400);
    expect(past.body!.error).toMatchObject({ code: 'BAD_PLAN_DATES', message: '单位申报截止日不能早于今天' });
    const disordered = await as('duchashi', 'PATCH', `/api/v1/plans/${ids.plan}/schedule`, { version: 1, reviewBy: '2026-03-29' });
    expect(disordered.body!.error.message).toBe('分管领导审核截止日不能早于单位申报截止日');
    expect((await as('lianluo', 'PATCH', `/api/v1/plans/${ids.plan}/schedule`, { version: 1, proposeBy: '2026-03-28' })).status).toBe(403);

    const moved = await as('duchashi', 'PATCH', `/api/v1/plans/${ids.plan}/schedule`, { version: 1, proposeBy: '2026-03-28', reason: '提前汇总' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ proposeBy: '2026-03-28', reviewBy: '2026-04-01', version: 2 });
    expect((await as('duchashi', 'PATCH', `/api/v1/plans/${ids.plan}/schedule`, { version: 1, proposeBy: '2026-03-29' })).status).toBe(409);
    const [audit] = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'plan.schedule_update'));
    expect(audit).toMatchObject({ before: { proposeBy: '2026-03-30' }, after: { proposeBy: '2026-03-28' }, reason: '提前汇总' });
    // Dates may be set when opening a plan, under the same rules.
    const disorderedWeek = await as('duchashi', 'POST', '/api/v1/plans', { kind: 'weekly', period: '2026-W15', proposeBy: '2026-04-04' });
    expect(disorderedWeek.body!.error.message).toBe('分管领导审核截止日不能早于单位申报截止日');
    const week = await as('duchashi', 'POST', '/api/v1/plans', { kind: 'weekly', period: '2026-W15', proposeBy: '2026-04-01' });
    expect(week.body).toMatchObject({ proposeBy: '2026-04-01', reviewBy: '2026-04-03', meetingOn: '2026-04-03' });
    const inbox = (await as('lianluo', 'GET', '/api/v1/inbox')).body!.items;
    expect(inbox.find((m: { kind: string }) => m.kind === 'plan.schedule_changed').body).toContain('3月28日');
  });

  it('a proposal with the full 三定; the leader edits a field at review and it is a revision', async () => {
    const created = await as('lianluo', 'POST', `/api/v1/plans/${ids.plan}/proposals`, { ...sanDing, responsiblePersonId: person.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      responsiblePersonId: person.id,
      responsibleName: person.name,
      responsiblePhone: '13900001111',
      indicators: [{ name: '加装电梯', target: 3, unitOfMeasure: '部' }],
      level: 'major',
      levelLabel: '重大',
      reportCadence: { kind: 'weekly', weekday: 5 },
      evidenceRequired: true,
    });
    ids.p = created.body!.id;
    const noPerson = await as('lianluo', 'POST', `/api/v1/plans/${ids.plan}/proposals`, { ...sanDing, responsiblePersonId: 999_999 });
    expect(noPerson.status).toBe(400);
    expect(noPerson.body!.error.message).toBe('责任人不存在或已停用');

    expect((await as('danwei', 'POST', `/api/v1/proposals/${ids.p}/submit`)).body).toMatchObject({ status: 'submitted', late: false });
    expect((await as('lingdao', 'PATCH', `/api/v1/proposals/${ids.p}`, { version: 2, responsiblePhone: '13900002222' })).status).toBe(400);
    const edited = await as('lingdao', 'PATCH', `/api/v1/proposals/${ids.p}`, { version: 2, responsiblePhone: '13900002222', reason: '电话有误' });
    expect(edited.body).toMatchObject({ responsiblePhone: '13900002222', version: 3 });
    const detail = (await as('lingdao', 'GET', `/api/v1/proposals/${ids.p}`)).body!;
    expect(detail.revisions).toMatchObject([
      { byUnit: false, reason: '电话有误', changes: [{ field: 'responsiblePhone', label: '联系电话', from: '13900001111', to: '13900002222' }] },
    ]);
  });

  it('returned, edited by the unit after the proposal date and resubmitted: revisions and a diff the leader sees, lateness unchanged', async () => {
    expect((await as('lingdao', 'POST', `/api/v1/proposals/${ids.p}/return`, { comment: '请增加一部电梯' })).body!.status).toBe('returned');
    await at('2026-03-29T09:00:00+08:00'); // after the proposal date, 3-28
    const edit = await as('lianluo', 'PATCH', `/api/v1/proposals/${ids.p}`, {
      version: 4,
      indicators: [{ name: '加装电梯', target: 4, unitOfMeasure: '部' }],
      reason: '按领导意见增加一部',
    });
    expect(edit.status).toBe(200);
    await as('lianluo', 'PATCH', `/api/v1/proposals/${ids.p}`, { version: 5, reportCadence: { kind: 'monthly', day: 25 } });
    await at('2026-03-29T10:00:00+08:00');
    const resubmitted = await as('danwei', 'POST', `/api/v1/proposals/${ids.p}/submit`);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', late: false });

    const detail = (await as('lingdao', 'GET', `/api/v1/proposals/${ids.p}`)).body!;
    expect(detail.revisions.map((r: { byUnit: boolean; reason: string }) => [r.byUnit, r.reason])).toEqual([
      [false, '电话有误'],
      [true, '按领导意见增加一部'],
      [true, ''],
    ]);
    expect(detail.revisions[1].changes).toEqual([{ field: 'indicators', label: '量化指标', from: '加装电梯 3部', to: '加装电梯 4部' }]);
    expect(detail.sinceReturn).toEqual([
      { field: 'indicators', label: '量化指标', from: '加装电梯 3部', to: '加装电梯 4部' },
      { field: 'reportCadence', label: '报送频次', from: '每周五报送', to: '每月 25 日报送' },
    ]);
    expect(detail.actions).toEqual(['edit', 'approve', 'return']);
    const plan = (await as('duchashi', 'GET', `/api/v1/plans/${ids.plan}`)).body!;
    expect(plan.proposals.late).toBe(0);
  });

  it('issuing passes the 三定 into the task', async () => {
    expect((await as('lingdao', 'POST', `/api/v1/proposals/${ids.p}/approve`, {})).body!.status).toBe('approved');
    expect((await as('lingdao', 'GET', `/api/v1/proposals/${ids.p}`)).body!.sinceReturn).toEqual([]);
    await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/advance`);
    await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/advance`);
    const [itemId] = (await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/consolidate`)).body!.created;
    const item = await as('duchashi', 'PATCH', `/api/v1/plan-items/${itemId}`, { version: 1, evidenceRequired: false, reason: '已有验收报告' });
    expect(item.body).toMatchObject({ responsiblePersonId: person.id, level: 'major', evidenceRequired: false });
    const [revision] = await deps.db.select().from(planRevisions).where(eq(planRevisions.itemId, itemId));
    expect(revision).toMatchObject({ reason: '已有验收报告', before: { evidenceRequired: true }, after: { evidenceRequired: false } });
    // The draft shows the office's change against the unit's own proposal.
    const draft = (await as('duchashi', 'GET', `/api/v1/plans/${ids.plan}/draft`)).body!;
    const drafted = draft.groups.flatMap((g: any) => g.categories.flatMap((c: any) => c.items)).find((i: any) => i.id === itemId);
    expect(drafted.sources[0].changes).toContainEqual({ field: 'evidenceRequired', label: '销号佐证', from: '须提供佐证材料', to: '不要求佐证材料' });
    await as('duchashi', 'PATCH', `/api/v1/plan-items/${itemId}`, { version: 2, evidenceRequired: true, reason: '仍须佐证' });
    expect((await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/advance`)).body!.status).toBe('meeting');
    expect((await as('duchashi', 'POST', `/api/v1/plan-items/${itemId}/decision`, { decision: 'approved' })).status).toBe(200);
    expect((await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/issue`, { documentNumber: '示办〔2026〕20号' })).status).toBe(200);
    const tasks = (await as('duchashi', 'GET', '/api/v1/tasks?period=2026-04&source=meeting')).body!.items;
    const task = (await as('lianluo', 'GET', `/api/v1/tasks/${tasks[0].id}`)).body!;
    expect(task).toMatchObject({
      title: '城关街道老旧小区加装电梯',
      responsiblePersonId: person.id,
      responsibleName: person.name,
      responsiblePhone: '13900002222',
      level: 'major',
      reportCadence: { kind: 'monthly', day: 25 },
      evidenceRequired: true,
    });
    expect(task.indicators).toMatchObject([{ name: '加装电梯', target: 4, unitOfMeasure: '部' }]);
    // Once issued the step dates stay as they were.
    const late = await as('duchashi', 'PATCH', `/api/v1/plans/${ids.plan}/schedule`, { version: 6, meetingOn: '2026-04-05' });
    expect(late.status).toBe(409);
  });
});
