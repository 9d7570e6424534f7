import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, firstLeaderId, unitId } from '../../../test/factories.js';

let deps: TestDeps;
let app: TestApp;
let office: string;
let liaison: string; // T01 城关街道
let otherLiaison: string; // T02
let assessment: string; // 考核办 and 效能监察室: with 督查室, the three offices of the closing review
let efficiency: string;
let t01: number;
let t02: number;
let village: number;

// Sessions time out after 30 idle minutes, so moving the clock means logging in again.
async function loginAll() {
  [office, liaison, otherLiaison, assessment, efficiency] = await Promise.all([
    login(app, 'duchashi'),
    login(app, 'lianluo'),
    login(app, 'lianluo2'),
    login(app, 'kaoheban'),
    login(app, 'xiaoneng'),
  ]);
}

async function atTime<T>(instant: string, fn: () => Promise<T>): Promise<T> {
  deps.clock.set(instant);
  await loginAll();
  try {
    return await fn();
  } finally {
    deps.clock.set('2026-03-25T09:00:00+08:00');
    await loginAll();
  }
}

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  await loginAll();
  t01 = await unitId(deps.db, 'T01');
  t02 = await unitId(deps.db, 'T02');
  village = await unitId(deps.db, 'T01V01');
});
afterAll(() => deps.close());

const create = (overrides: Record<string, unknown> = {}) => call(app, office, 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: t01, ...overrides }));

describe('task ledger API', () => {
  it('an assignment tells the lead unit in its inbox, and no other unit', async () => {
    const id = (await create({ title: '整治解放路沿街店招店牌' })).body!.id;
    await call(app, office, 'POST', `/api/v1/tasks/${id}/assign`, {});
    const inbox = async (session: string) =>
      ((await call(app, session, 'GET', '/api/v1/inbox?pageSize=100')).body!.items as { kind: string; title: string; body: string; link: string }[]).filter(
        (m) => m.link === `/tasks/${id}`,
      );
    const [message] = await inbox(liaison);
    expect(message).toMatchObject({ kind: 'sheet.assignment', title: expect.stringMatching(/^工作交办单 督〔2026〕\d+号$/) });
    expect(message!.body).toContain('整治解放路沿街店招店牌');
    expect(message!.body).toContain('请及时签收');
    expect(await inbox(otherLiaison)).toEqual([]);
  });

  it('walks a task from draft to closed, with the assignment sheet numbered and signed', async () => {
    const created = await create({
      milestones: [{ name: '完成方案', dueDate: '2026-03-28' }],
      indicators: [{ name: '改造小区', target: 3, unitOfMeasure: '个' }],
    });
    expect(created.status).toBe(201);
    const id = created.body!.id;
    expect(created.body).toMatchObject({ status: 'draft', colour: 'grey', actions: ['assign', 'cancel'] });

    const assigned = await call(app, office, 'POST', `/api/v1/tasks/${id}/assign`, {});
    expect(assigned.body).toMatchObject({ status: 'assigned', colour: 'blue' });
    expect(assigned.body!.sheets[0].number).toMatch(/^督〔2026〕\d+号$/);
    expect(assigned.body!.sheets[0].content).toMatchObject({ unit: '城关街道', matter: '推进城关街道老旧小区改造', deadline: '2026-03-31' });

    // The office cannot sign for the unit; the unit cannot close its own task.
    expect((await call(app, office, 'POST', `/api/v1/tasks/${id}/sign`, {})).status).toBe(403);
    const signedView = await call(app, liaison, 'GET', `/api/v1/tasks/${id}`);
    expect(signedView.body!.actions).toEqual(['sign', 'decline']);
    const signed = await call(app, liaison, 'POST', `/api/v1/tasks/${id}/sign`, {});
    expect(signed.body!.status).toBe('signed');
    expect(signed.body!.sheets[0].signedAt).toBe(deps.clock.now().toISOString());

    const [ms] = signed.body!.milestones;
    const [ind] = signed.body!.indicators;
    const reported = await call(app, liaison, 'POST', `/api/v1/tasks/${id}/reports`, {
      text: '已完成改造方案，2 个小区开工',
      percent: 40,
      milestonesDone: [{ milestoneId: ms.id, doneDate: '2026-03-24', evidence: '方案批复' }],
      indicatorActuals: [{ indicatorId: ind.id, actual: 2 }],
    });
    expect(reported.status).toBe(201);
    expect(reported.body).toMatchObject({ status: 'in_progress', percent: 40 });
    expect(reported.body!.milestones[0]).toMatchObject({ doneDate: '2026-03-24', evidence: '方案批复' });
    expect(reported.body!.indicators[0].actual).toBe(2);

    // Closing bypasses no joint review: not as an action, only as a closing request approved by the three offices.
    expect(reported.body).toMatchObject({ actions: [], canRequestClosing: true });
    for (const action of ['request_closing', 'close', 'return']) {
      const res = await call(app, action === 'request_closing' ? liaison : office, 'POST', `/api/v1/tasks/${id}/${action}`, { reason: '绕过联审' });
      expect(res).toMatchObject({ status: 409, body: { error: { code: 'USE_CLOSING_REQUEST', message: '请通过销号申请办理' } } });
    }
    const filed = await call(app, liaison, 'POST', `/api/v1/tasks/${id}/closing-requests`, { summary: '3 个小区改造完成', finishedOn: '2026-03-25' });
    expect(filed.status).toBe(201);
    for (const reviewer of [office, assessment, efficiency])
      await call(app, reviewer, 'POST', `/api/v1/closing-requests/${filed.body!.id}/reviews`, { decision: 'approve' });
    const closed = await call(app, office, 'GET', `/api/v1/tasks/${id}`);
    expect(closed.body).toMatchObject({ status: 'closed', colour: 'green', percent: 100, closedOn: '2026-03-25', closedLate: false, actions: [] });

    const history = await call(app, office, 'GET', `/api/v1/tasks/${id}/history`);
    expect(history.body!.items.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'assign',
      'sign',
      'report',
      'request_closing',
      'closing_review',
      'closing_review',
      'closing_review',
      'close',
    ]);
  });

  it('an illegal transition is 409 with a Chinese message', async () => {
    const { body } = await create();
    const res = await call(app, office, 'POST', `/api/v1/tasks/${body!.id}/resume`, {});
    expect(res.status).toBe(409);
    expect(res.body!.error).toEqual({ code: 'ILLEGAL_TRANSITION', message: '事项当前为“草拟”，不能恢复' });
  });

  it('the unit may decline an assignment with a reason, and the office reassigns under a new number', async () => {
    const { body } = await create();
    const id = body!.id;
    const first = await call(app, office, 'POST', `/api/v1/tasks/${id}/assign`, {});
    expect((await call(app, liaison, 'POST', `/api/v1/tasks/${id}/decline`, {})).status).toBe(400);
    const declined = await call(app, liaison, 'POST', `/api/v1/tasks/${id}/decline`, { reason: '不属于本单位职责' });
    expect(declined.body).toMatchObject({ status: 'declined' });
    expect(declined.body!.sheets[0].declineReason).toBe('不属于本单位职责');
    const again = await call(app, office, 'POST', `/api/v1/tasks/${id}/assign`, {});
    expect(again.body!.sheets).toHaveLength(2);
    expect(again.body!.sheets[1].number).not.toBe(first.body!.sheets[0].number);
  });

  it('suspension needs a reason and an approving leader, and resume goes back', async () => {
    const { body } = await create();
    const id = body!.id;
    await call(app, office, 'POST', `/api/v1/tasks/${id}/assign`, {});
    expect((await call(app, office, 'POST', `/api/v1/tasks/${id}/suspend`, { reason: '等待上级政策' })).body!.error.code).toBe('APPROVER_REQUIRED');
    const leaderId = await firstLeaderId(deps.db);
    const suspended = await call(app, office, 'POST', `/api/v1/tasks/${id}/suspend`, { reason: '等待上级政策', approverLeaderId: leaderId });
    expect(suspended.body).toMatchObject({ status: 'suspended', colour: 'grey' });
    expect((await call(app, office, 'POST', `/api/v1/tasks/${id}/resume`, {})).body!.status).toBe('assigned');
  });

  it.each([
    ['a deadline before the start', { deadline: '2026-02-01' }, '完成时限不能早于开始日期'],
    ['a milestone after the deadline', { milestones: [{ name: '验收', dueDate: '2026-04-05' }] }, '关键节点“验收”的时间晚于完成时限'],
    ['an unknown leader', { leadLeaderId: 999_999 }, '牵头领导不存在或已离任'],
    ['a bad period', { period: '2026-13' }, '所属月份格式应为 YYYY-MM'],
  ])('%s is a 400 with a clear message and nothing saved', async (_name, overrides, message) => {
    const before = await call(app, office, 'GET', '/api/v1/tasks?pageSize=1');
    const res = await create(overrides);
    expect(res.status).toBe(400);
    expect(res.body!.error.message).toContain(message);
    expect((await call(app, office, 'GET', '/api/v1/tasks?pageSize=1')).body!.total).toBe(before.body!.total);
  });

  it('a cooperating unit equal to the lead unit is refused', async () => {
    const res = await create({ cooperators: [{ unitId: t01, part: '配合' }] });
    expect(res.body!.error.message).toContain('配合单位不能与牵头单位相同');
  });

  it('the second of two edits from the same version gets 409, not a silent overwrite', async () => {
    const { body } = await create();
    const input = buildTaskInput({ leadUnitId: t01 });
    const first = await call(app, office, 'PUT', `/api/v1/tasks/${body!.id}`, { ...input, title: '第一次修改', version: body!.version });
    expect(first.status).toBe(200);
    const second = await call(app, office, 'PUT', `/api/v1/tasks/${body!.id}`, { ...input, title: '第二次修改', version: body!.version });
    expect(second.status).toBe(409);
    expect((await call(app, office, 'GET', `/api/v1/tasks/${body!.id}`)).body!.title).toBe('第一次修改');
    const history = await call(app, office, 'GET', `/api/v1/tasks/${body!.id}/history`);
    expect(history.body!.items.at(-1)).toMatchObject({ kind: 'edited', note: '修改了：工作任务' });
  });

  it('another unit sees neither the task nor its id', async () => {
    const { body } = await create({ title: '只属于城关街道的事项' });
    const theirs = await call(app, otherLiaison, 'GET', `/api/v1/tasks/${body!.id}`);
    const missing = await call(app, otherLiaison, 'GET', '/api/v1/tasks/999999');
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(missing.body);
    const list = await call(app, otherLiaison, 'GET', '/api/v1/tasks?pageSize=200');
    expect(list.body!.items.some((t: { id: number }) => t.id === body!.id)).toBe(false);
    expect((await call(app, otherLiaison, 'POST', `/api/v1/tasks/${body!.id}/sign`, {})).status).toBe(404);
  });

  it('a cooperating unit sees the task but cannot sign for it', async () => {
    const { body } = await create({ cooperators: [{ unitId: t02, part: '提供场地' }] });
    await call(app, office, 'POST', `/api/v1/tasks/${body!.id}/assign`, {});
    const seen = await call(app, otherLiaison, 'GET', `/api/v1/tasks/${body!.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body!.actions).toEqual([]);
    expect((await call(app, otherLiaison, 'POST', `/api/v1/tasks/${body!.id}/sign`, {})).status).toBe(403);
  });

  it('the ledger narrows a unit to the tasks it leads, and deadlines to a range of days', async () => {
    const led = (await create({ title: '城关街道牵头的限期事项', deadline: '2026-04-08' })).body!.id;
    const helped = (await create({ leadUnitId: t02, title: '城关街道配合的限期事项', deadline: '2026-04-10', cooperators: [{ unitId: t01, part: '配合' }] }))
      .body!.id;
    const ids = async (query: string) =>
      ((await call(app, office, 'GET', `/api/v1/tasks?pageSize=200&${query}`)).body!.items as { id: number }[]).map((t) => t.id);
    expect(await ids(`unitId=${t01}`)).toEqual(expect.arrayContaining([led, helped]));
    const leadOnly = await ids(`unitId=${t01}&leadOnly=true`);
    expect(leadOnly).toContain(led);
    expect(leadOnly).not.toContain(helped);
    expect(await ids('deadlineFrom=2026-04-08&deadlineTo=2026-04-09')).toEqual([led]);
    expect(await ids('deadlineFrom=2026-04-09&deadlineTo=2026-04-10')).toEqual([helped]);
    expect((await call(app, office, 'GET', '/api/v1/tasks?deadlineFrom=4月8日')).status).toBe(400);
  });

  it('the lead unit decomposes a task down its own tree and the parent progress is derived', async () => {
    const { body } = await create();
    const id = body!.id;
    await call(app, office, 'POST', `/api/v1/tasks/${id}/assign`, {});
    await call(app, liaison, 'POST', `/api/v1/tasks/${id}/sign`, {});
    const sub = (overrides: Record<string, unknown>) =>
      call(app, liaison, 'POST', `/api/v1/tasks/${id}/subtasks`, buildTaskInput({ leadUnitId: village, title: '村级改造', ...overrides }));
    expect((await sub({ leadUnitId: t02 })).status).toBe(400);
    expect((await sub({ deadline: '2026-04-30' })).body!.error.message).toBe('子事项的完成时限不能晚于上级事项');
    const child = await sub({});
    expect(child.status).toBe(201);
    expect(child.body).toMatchObject({ parentId: id, status: 'draft' });
    const parent = await call(app, office, 'GET', `/api/v1/tasks/${id}`);
    expect(parent.body!.children).toHaveLength(1);
    expect(parent.body!.percent).toBe(0);
  });
});

describe('the ledger view', () => {
  it('filters by colour and overdue, and turns red when the clock passes the deadline', async () => {
    const { body } = await create({ title: '限期整改道路扬尘', deadline: '2026-03-27' });
    await call(app, office, 'POST', `/api/v1/tasks/${body!.id}/assign`, {});
    const yellow = await call(app, office, 'GET', '/api/v1/tasks?colour=yellow&keyword=扬尘');
    expect(yellow.body!.items.map((t: { id: number }) => t.id)).toEqual([body!.id]);
    await atTime('2026-03-28T09:00:00+08:00', async () => {
      const red = await call(app, office, 'GET', '/api/v1/tasks?overdue=true&keyword=扬尘');
      expect(red.body!.items).toHaveLength(1);
      expect(red.body!.items[0].colour).toBe('red');
      expect(red.body!.counts.red).toBeGreaterThanOrEqual(1);
    });
  });

  it('shows whose report is missing under a cadence', async () => {
    const { body } = await create({ title: '每周报送的事项', reportCadence: { kind: 'every_n_days', days: 2 } });
    await call(app, office, 'POST', `/api/v1/tasks/${body!.id}/assign`, {});
    await call(app, liaison, 'POST', `/api/v1/tasks/${body!.id}/sign`, {});
    await atTime('2026-03-28T09:00:00+08:00', async () => {
      const missing = await call(app, office, 'GET', '/api/v1/tasks?missingReport=true');
      expect(missing.body!.items.map((t: { id: number }) => t.id)).toContain(body!.id);
      await call(app, liaison, 'POST', `/api/v1/tasks/${body!.id}/reports`, { text: '按期报送' });
      const after = await call(app, office, 'GET', '/api/v1/tasks?missingReport=true');
      expect(after.body!.items.map((t: { id: number }) => t.id)).not.toContain(body!.id);
    });
  });

  it('sorts and paginates', async () => {
    await create({ deadline: '2026-03-26', title: '分页一' });
    await create({ deadline: '2026-03-29', title: '分页二' });
    await create({ deadline: '2026-03-30', title: '分页三' });
    const page1 = await call(app, office, 'GET', '/api/v1/tasks?sort=-deadline&pageSize=2&page=1');
    const page2 = await call(app, office, 'GET', '/api/v1/tasks?sort=-deadline&pageSize=2&page=2');
    expect(page1.body!.items).toHaveLength(2);
    expect(page1.body!.items[0].deadline >= page1.body!.items[1].deadline).toBe(true);
    expect(page2.body!.items[0].id).not.toBe(page1.body!.items[0].id);
  });

  it('admins see no task content', async () => {
    const admin = await login(app, 'admin');
    expect((await call(app, admin, 'GET', '/api/v1/tasks')).status).toBe(403);
  });
});

describe('saved filters', () => {
  it('are personal, validated and deletable', async () => {
    const saved = await call(app, office, 'POST', '/api/v1/saved-filters', { name: '本月红灯', query: { period: '2026-03', colour: 'red' } });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: '本月红灯', query: { period: '2026-03', colour: 'red' } });
    expect((await call(app, office, 'POST', '/api/v1/saved-filters', { name: '坏的', query: { colour: 'purple' } })).status).toBe(400);
    expect((await call(app, office, 'GET', '/api/v1/saved-filters')).body!.items).toHaveLength(1);
    expect((await call(app, liaison, 'GET', '/api/v1/saved-filters')).body!.items).toHaveLength(0);
    expect((await call(app, liaison, 'DELETE', `/api/v1/saved-filters/${saved.body!.id}`)).status).toBe(404);
    expect((await call(app, office, 'DELETE', `/api/v1/saved-filters/${saved.body!.id}`)).status).toBe(204);
    expect((await call(app, office, 'GET', '/api/v1/saved-filters')).body!.items).toHaveLength(0);
  });
});
