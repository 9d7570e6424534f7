import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { accounts } from '../auth/schema.js';
import { notifications } from '../notify/schema.js';
import { taskEvents, tasks } from '../tasks/schema.js';
import { closingRequests, closingReviews } from './schema.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let deps: TestDeps;
let app: TestApp;
let dataDir: string;
const s: Record<string, string> = {}; // session cookies by demo username
let t01: number;

// The three review offices (三部联审) are 督查室, 效能监察室 and 考核办.
const REVIEWERS = ['duchashi', 'xiaoneng', 'kaoheban'] as const;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-closing-'));
  deps = await testDeps({ DATA_DIR: dataDir });
  app = await demoApp(deps);
  for (const u of [...REVIEWERS, 'lianluo', 'lianluo2', 'danwei', 'jiwei', 'admin', 'fagaiwei']) s[u] = await login(app, u);
  t01 = await unitId(deps.db, 'T01');
});
afterAll(async () => {
  await deps.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// A task of 城关街道 (T01) by default, assigned, signed and under way; `unit` is the lead unit's account.
async function taskInProgress(overrides: Record<string, unknown> = {}, unit = 'lianluo') {
  const created = await call(app, s.duchashi!, 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: t01, ...overrides }));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body!.id as number;
  await call(app, s.duchashi!, 'POST', `/api/v1/tasks/${id}/assign`, {});
  await call(app, s[unit]!, 'POST', `/api/v1/tasks/${id}/sign`, {});
  expect((await call(app, s[unit]!, 'POST', `/api/v1/tasks/${id}/start`, {})).body!.status).toBe('in_progress');
  return id;
}

const file = (taskId: number, body: Record<string, unknown> = {}, who = 'lianluo') =>
  call(app, s[who]!, 'POST', `/api/v1/tasks/${taskId}/closing-requests`, { summary: '已全部完成并通过验收', finishedOn: '2026-03-24', ...body });
const decide = (who: string, requestId: number, decision: 'approve' | 'reject', comment = '') =>
  call(app, s[who]!, 'POST', `/api/v1/closing-requests/${requestId}/reviews`, { decision, comment });
const getTask = async (id: number) => (await call(app, s.duchashi!, 'GET', `/api/v1/tasks/${id}`)).body!;
const eventKinds = async (taskId: number) =>
  (await deps.db.select().from(taskEvents).where(eq(taskEvents.taskId, taskId)).orderBy(taskEvents.id)).map((e) => e.kind);
const requestsOf = (taskId: number) => deps.db.select().from(closingRequests).where(eq(closingRequests.taskId, taskId));

async function upload(who: string, taskId: number, name = '验收报告.pdf') {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(PDF)], name));
  const res = await app.request(`/api/v1/tasks/${taskId}/attachments`, { method: 'POST', headers: { cookie: s[who]! }, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function inbox(username: string, kind: string) {
  const [account] = await deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username));
  return deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.accountId, account!.id), eq(notifications.kind, kind)));
}

describe('closing by joint review (三部联审)', () => {
  it('the unit files, the three offices approve, and the task closes green on the day of the last approval', async () => {
    const id = await taskInProgress({ indicators: [{ name: '改造小区', target: 3, unitOfMeasure: '个' }] });
    const [indicator] = (await getTask(id)).indicators;
    const filed = await file(id, { indicatorResults: [{ indicatorId: indicator.id, actual: 3 }] });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ status: 'pending', late: false, taskStatus: 'closing_requested', summary: '已全部完成并通过验收' });
    expect(filed.body!.indicatorResults).toEqual([{ indicatorId: indicator.id, name: '改造小区', target: 3, unitOfMeasure: '个', actual: 3 }]);
    expect(filed.body!.offices.map((o: { name: string }) => o.name)).toEqual(['督查室', '效能监察室', '考核办']);
    const requestId = filed.body!.id as number;
    expect((await getTask(id)).status).toBe('closing_requested');
    // Every reviewer is told; the queue shows it to them as theirs to review.
    for (const reviewer of REVIEWERS)
      expect(await inbox(reviewer, 'closing.requested')).toContainEqual(expect.objectContaining({ link: `/closing-requests/${requestId}` }));
    const queue = await call(app, s.xiaoneng!, 'GET', '/api/v1/closing-requests?status=pending&pageSize=200');
    expect(queue.body!.items.find((r: { id: number }) => r.id === requestId)).toMatchObject({ canReview: true, taskTitle: '推进城关街道老旧小区改造' });

    expect((await decide('duchashi', requestId, 'approve')).body).toMatchObject({ status: 'pending', canReview: false });
    const second = await decide('kaoheban', requestId, 'approve', '符合验收标准');
    expect(second.body!.offices.map((o: { decision: string | null }) => o.decision)).toEqual(['approve', null, 'approve']);
    expect((await getTask(id)).status).toBe('closing_requested');

    const last = await decide('xiaoneng', requestId, 'approve');
    expect(last.status).toBe(201);
    expect(last.body).toMatchObject({ status: 'approved', decidedAt: deps.clock.now().toISOString(), taskStatus: 'closed' });
    expect(await getTask(id)).toMatchObject({
      status: 'closed',
      colour: 'green',
      percent: 100,
      closedOn: '2026-03-25',
      closedLate: false,
      actions: [],
      canRequestClosing: false,
    });
    expect((await getTask(id)).indicators[0]).toMatchObject({ id: indicator.id, actual: 3 });
    expect(await eventKinds(id)).toEqual([
      'created',
      'assign',
      'sign',
      'start',
      'request_closing',
      'closing_review',
      'closing_review',
      'closing_review',
      'close',
    ]);
    const audits = await deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(id)));
    expect(audits.filter((a) => a.action === 'task.close')).toHaveLength(1);
    expect(await inbox('lianluo', 'closing.approved')).toHaveLength(1);
  });

  it('a request filed after the deadline closes as late', async () => {
    // A deadline already past cannot be handed over: the task is handed over due today, then its deadline set back.
    const id = await taskInProgress({ deadline: '2026-03-25' });
    await deps.db.update(tasks).set({ deadline: '2026-03-20' }).where(eq(tasks.id, id));
    const filed = await file(id, { finishedOn: '2026-03-20' });
    expect(filed.body!.late).toBe(true);
    for (const reviewer of REVIEWERS) await decide(reviewer, filed.body!.id, 'approve');
    expect(await getTask(id)).toMatchObject({ status: 'closed', closedLate: true, colour: 'green' });
  });

  it('one office rejecting sends the task back with its reasons; the unit then files again', async () => {
    const id = await taskInProgress();
    const requestId = (await file(id)).body!.id as number;
    await decide('duchashi', requestId, 'approve');
    const bare = await decide('xiaoneng', requestId, 'reject');
    expect(bare).toMatchObject({ status: 400, body: { error: { code: 'COMMENT_REQUIRED', message: '不同意销号须填写理由' } } });

    const rejected = await decide('xiaoneng', requestId, 'reject', '现场仍有两处未整改');
    expect(rejected.body).toMatchObject({ status: 'rejected', taskStatus: 'returned' });
    const history = await deps.db.select().from(taskEvents).where(eq(taskEvents.taskId, id)).orderBy(taskEvents.id);
    expect(history.at(-1)).toMatchObject({ kind: 'return', fromStatus: 'closing_requested', toStatus: 'returned' });
    expect(history.at(-1)!.note).toContain('效能监察室：现场仍有两处未整改');
    const [told] = await inbox('lianluo', 'closing.rejected');
    expect(told!.body).toContain('现场仍有两处未整改');
    // The request is decided; the third office has nothing left to review.
    expect((await decide('kaoheban', requestId, 'approve')).body!.error.code).toBe('CLOSING_DECIDED');

    const again = await file(id, { summary: '两处问题已整改完毕' });
    expect(again.status).toBe(201);
    expect((await getTask(id)).status).toBe('closing_requested');
    const listed = await call(app, s.lianluo!, 'GET', `/api/v1/tasks/${id}/closing-requests`);
    expect(listed.body!.items.map((r: { status: string }) => r.status)).toEqual(['pending', 'rejected']);
  });

  it('the last two approvals arriving together close the task exactly once', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await taskInProgress();
      const requestId = (await file(id)).body!.id as number;
      await decide('duchashi', requestId, 'approve');
      const answers = await Promise.all([decide('xiaoneng', requestId, 'approve'), decide('kaoheban', requestId, 'approve')]);
      expect(answers.map((a) => a.status)).toEqual([201, 201]);
      const [task] = await deps.db.select().from(tasks).where(eq(tasks.id, id));
      expect(task).toMatchObject({ status: 'closed', closedOn: '2026-03-25' });
      const closes = await deps.db
        .select()
        .from(taskEvents)
        .where(and(eq(taskEvents.taskId, id), eq(taskEvents.kind, 'close')));
      expect(closes).toHaveLength(1);
      expect((await requestsOf(id)).map((r) => r.status)).toEqual(['approved']);
      expect(await deps.db.select().from(closingReviews).where(eq(closingReviews.requestId, requestId))).toHaveLength(3);
    }
  });
});

describe('bad input and who may do what', () => {
  it('without evidence where the standard requires it: 400 and nothing saved; with the filer’s own file it goes through', async () => {
    const id = await taskInProgress({ evidenceRequired: true });
    expect((await getTask(id)).evidenceRequired).toBe(true);
    const refused = await file(id);
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'BAD_CLOSING_REQUEST', message: '该事项的工作标准要求提供佐证材料，请上传附件' } } });
    expect(await requestsOf(id)).toEqual([]);
    expect((await getTask(id)).status).toBe('in_progress');

    const theirs = await upload('danwei', id);
    expect((await file(id, { attachmentIds: [theirs.body.id] })).body!.error.code).toBe('ATTACHMENT_NOT_FOUND');
    const mine = await upload('lianluo', id);
    const filed = await file(id, { attachmentIds: [mine.body.id] });
    expect(filed.status).toBe(201);
    expect(filed.body!.attachments).toEqual([expect.objectContaining({ id: mine.body.id, fileName: '验收报告.pdf' })]);
  });

  it.each([
    ['no summary', { summary: ' ' }, '请填写完成情况'],
    ['finished in the future', { finishedOn: '2026-03-26' }, '完成日期不能晚于今天'],
    ['finished before the task began', { finishedOn: '2026-02-27' }, '完成日期不能早于事项开始日期'],
    ['an indicator of another task', { indicatorResults: [{ indicatorId: 999_999, actual: 1 }] }, '指标不属于该事项'],
  ])('%s is a 400 with a clear message and nothing saved', async (_name, body, message) => {
    const id = await taskInProgress();
    const res = await file(id, body);
    expect(res.status).toBe(400);
    expect(res.body!.error.message).toBe(message);
    expect(await requestsOf(id)).toEqual([]);
  });

  it('a second pending request is 409, also when two are filed at once, and the database refuses one too', async () => {
    const id = await taskInProgress();
    expect((await file(id)).status).toBe(201);
    expect(await file(id)).toMatchObject({ status: 409, body: { error: { code: 'CLOSING_PENDING', message: '该事项已有待审核的销号申请' } } });

    const other = await taskInProgress();
    const both = await Promise.all([file(other), file(other)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await requestsOf(other)).toHaveLength(1);

    const [pending] = await requestsOf(id);
    const { id: _id, ...copy } = pending!;
    await expect(deps.db.insert(closingRequests).values(copy)).rejects.toThrow();
  });

  it('only the lead unit files, and only while the task is under way', async () => {
    const id = await taskInProgress();
    expect((await file(id, {}, 'duchashi')).status).toBe(403);
    expect((await file(id, {}, 'lianluo2')).status).toBe(404);
    const draft = await call(app, s.duchashi!, 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: t01 }));
    expect(await file(draft.body!.id)).toMatchObject({
      status: 409,
      body: { error: { code: 'ILLEGAL_TRANSITION', message: '事项当前为“草拟”，不能申请销号' } },
    });
  });

  it('a reviewer outside the review offices gets 403 and nothing changes', async () => {
    const id = await taskInProgress();
    const requestId = (await file(id)).body!.id as number;
    // 纪委监委 sees every task but is not one of the three offices.
    const res = await decide('jiwei', requestId, 'approve');
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN', message: '只有联审部门和事项的归口单位可以审核销号申请' } } });
    expect(await deps.db.select().from(closingReviews).where(eq(closingReviews.requestId, requestId))).toEqual([]);
    expect((await call(app, s.jiwei!, 'GET', `/api/v1/closing-requests/${requestId}`)).body).toMatchObject({ status: 'pending', canReview: false });
  });

  it('a unit cannot review its own request, nor record a site check', async () => {
    const id = await taskInProgress();
    const requestId = (await file(id)).body!.id as number;
    expect((await decide('lianluo', requestId, 'approve')).status).toBe(403);
    expect((await call(app, s.lianluo!, 'POST', `/api/v1/closing-requests/${requestId}/site-checks`, { checkedOn: '2026-03-25', notes: '自查' })).status).toBe(
      403,
    );
    expect((await getTask(id)).status).toBe('closing_requested');
  });

  it('an office decides once', async () => {
    const id = await taskInProgress();
    const requestId = (await file(id)).body!.id as number;
    expect((await decide('kaoheban', requestId, 'approve')).status).toBe(201);
    expect(await decide('kaoheban', requestId, 'reject', '改变主意')).toMatchObject({
      status: 409,
      body: { error: { code: 'ALREADY_REVIEWED', message: '考核办已审核过该销号申请' } },
    });
    expect((await call(app, s.kaoheban!, 'GET', `/api/v1/closing-requests/${requestId}`)).body).toMatchObject({ status: 'pending', canReview: false });
  });

  it('a reviewer records a site check with their own photos before deciding', async () => {
    const id = await taskInProgress();
    const requestId = (await file(id)).body!.id as number;
    const photo = await upload('xiaoneng', id, '现场核查.pdf');
    expect(photo.status).toBe(201);
    const check = (body: Record<string, unknown>) =>
      call(app, s.xiaoneng!, 'POST', `/api/v1/closing-requests/${requestId}/site-checks`, { checkedOn: '2026-03-25', notes: '现场查看三个小区', ...body });
    expect((await check({ checkedOn: '2026-03-26' })).body!.error.message).toBe('核查日期不能晚于今天');
    const done = await check({ attachmentIds: [photo.body.id] });
    expect(done.status).toBe(201);
    expect(done.body!.siteChecks).toEqual([
      expect.objectContaining({ checkedOn: '2026-03-25', notes: '现场查看三个小区', attachments: [expect.objectContaining({ id: photo.body.id })] }),
    ]);
    expect((await eventKinds(id)).at(-1)).toBe('closing_site_check');
  });

  it('requests are seen within the task scope: own unit yes, another unit as if missing, reviewers all', async () => {
    const id = await taskInProgress();
    const requestId = (await file(id)).body!.id as number;
    const theirs = await call(app, s.lianluo2!, 'GET', `/api/v1/closing-requests/${requestId}`);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual((await call(app, s.lianluo2!, 'GET', '/api/v1/closing-requests/999999')).body);
    const ids = async (who: string) =>
      (await call(app, s[who]!, 'GET', '/api/v1/closing-requests?status=pending&pageSize=200')).body!.items.map((r: { id: number }) => r.id);
    expect(await ids('lianluo2')).not.toContain(requestId);
    expect(await ids('lianluo')).toContain(requestId);
    expect(await ids('kaoheban')).toContain(requestId);
    expect((await call(app, s.lianluo2!, 'GET', `/api/v1/tasks/${id}/closing-requests`)).status).toBe(404);
    expect((await call(app, s.admin!, 'GET', '/api/v1/closing-requests')).status).toBe(403);
  });

  it('cancelling a task under review settles its pending request', async () => {
    const id = await taskInProgress();
    const requestId = (await file(id)).body!.id as number;
    expect((await call(app, s.duchashi!, 'POST', `/api/v1/tasks/${id}/cancel`, { reason: '上级决策调整' })).body!.status).toBe('cancelled');
    expect((await call(app, s.duchashi!, 'GET', `/api/v1/closing-requests/${requestId}`)).body).toMatchObject({ status: 'rejected', canReview: false });
  });
});

// 工业经济 belongs to 县发改委 (D027, account fagaiwei), 招商引资 to 考核办 (itself a review office), 民生保障 to nobody.
describe('the owning office (归口单位) joins the joint review of its categories’ items', () => {
  const category: Record<string, number> = {};
  const OWNER = '县发展和改革委员会';
  beforeAll(async () => {
    for (const c of (await call(app, s.duchashi!, 'GET', '/api/v1/task-categories')).body!.items) category[c.name] = c.id;
  });
  const toReview = async (who: string) =>
    (await call(app, s[who]!, 'GET', '/api/v1/closing-requests?toReview=true&pageSize=200')).body!.items.map((r: { id: number }) => r.id);
  const reviewAudits = (requestId: number) =>
    deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'closing.review'), eq(auditLog.targetId, String(requestId))))
      .orderBy(auditLog.seq);

  it('stays pending after the three offices until the owning unit approves, then closes; every decision audited', async () => {
    const id = await taskInProgress({ categoryId: category['工业经济'], title: '推进工业园区标准厂房建设' });
    const filed = await file(id);
    const requestId = filed.body!.id as number;
    expect(filed.body!.ownerUnit).toEqual({ id: await unitId(deps.db, 'D027'), name: OWNER, decision: null });
    expect(await inbox('fagaiwei', 'closing.requested')).toContainEqual(expect.objectContaining({ link: `/closing-requests/${requestId}` }));
    expect(await toReview('fagaiwei')).toContain(requestId);
    expect((await call(app, s.fagaiwei!, 'GET', `/api/v1/closing-requests/${requestId}`)).body).toMatchObject({ canReview: true, canSiteCheck: false });

    for (const reviewer of REVIEWERS) expect((await decide(reviewer, requestId, 'approve')).status).toBe(201);
    expect(await toReview('duchashi')).not.toContain(requestId);
    expect((await call(app, s.duchashi!, 'GET', `/api/v1/closing-requests/${requestId}`)).body).toMatchObject({
      status: 'pending',
      ownerUnit: { name: OWNER, decision: null },
    });
    expect((await getTask(id)).status).toBe('closing_requested');

    const last = await decide('fagaiwei', requestId, 'approve', '项目已投产');
    expect(last.status, JSON.stringify(last.body)).toBe(201);
    expect(last.body).toMatchObject({ status: 'approved', taskStatus: 'closed', canReview: false, ownerUnit: { name: OWNER, decision: 'approve' } });
    expect(last.body!.reviews.at(-1)).toMatchObject({ officeId: null, unitId: await unitId(deps.db, 'D027'), officeName: OWNER, comment: '项目已投产' });
    expect(await getTask(id)).toMatchObject({ status: 'closed', colour: 'green' });
    expect(await toReview('fagaiwei')).not.toContain(requestId);
    const notes = (await deps.db.select().from(taskEvents).where(eq(taskEvents.taskId, id)).orderBy(taskEvents.id)).map((e) => e.note);
    expect(notes).toContain(`${OWNER}（归口单位）同意销号：项目已投产`);
    const audits = await reviewAudits(requestId);
    expect(audits.map((a) => (a.after as { outcome: string }).outcome)).toEqual(['pending', 'pending', 'pending', 'approved']);
    expect(audits.at(-1)!.after).toMatchObject({ taskId: id, officeId: null, unitId: await unitId(deps.db, 'D027'), decision: 'approve' });
  });

  it('the owning unit’s rejection returns the task with its reasons, and it decides once', async () => {
    const id = await taskInProgress({ categoryId: category['工业经济'] });
    const requestId = (await file(id)).body!.id as number;
    await decide('duchashi', requestId, 'approve');
    expect((await decide('fagaiwei', requestId, 'reject')).body!.error.code).toBe('COMMENT_REQUIRED');
    const rejected = await decide('fagaiwei', requestId, 'reject', '产值未达到入统标准');
    expect(rejected.body).toMatchObject({ status: 'rejected', taskStatus: 'returned', ownerUnit: { decision: 'reject' } });
    const [told] = await inbox('lianluo', 'closing.rejected').then((rows) => rows.filter((n) => n.body.includes('产值未达到入统标准')));
    expect(told!.body).toContain(`${OWNER}：产值未达到入统标准`);
    expect((await reviewAudits(requestId)).at(-1)!.after).toMatchObject({ unitId: await unitId(deps.db, 'D027'), decision: 'reject', outcome: 'rejected' });

    const again = (await file(id, { summary: '已整改' })).body!.id as number;
    expect((await decide('fagaiwei', again, 'approve')).status).toBe(201);
    expect(await decide('fagaiwei', again, 'approve')).toMatchObject({
      status: 409,
      body: { error: { code: 'ALREADY_REVIEWED', message: `${OWNER}已审核过该销号申请` } },
    });
  });

  it('others may not review for the owning unit: another unit 404, the lead unit 403, nothing recorded', async () => {
    const id = await taskInProgress({ categoryId: category['工业经济'] });
    const requestId = (await file(id)).body!.id as number;
    expect((await decide('lianluo2', requestId, 'approve')).status).toBe(404);
    expect(await decide('lianluo', requestId, 'approve')).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN', message: '该事项不属于本单位归口，不能审核' } },
    });
    expect(await toReview('lianluo2')).not.toContain(requestId);
    expect(await toReview('lianluo')).toEqual([]);
    expect(await deps.db.select().from(closingReviews).where(eq(closingReviews.requestId, requestId))).toEqual([]);
  });

  it('an item the owning unit leads itself is decided by the offices alone', async () => {
    const id = await taskInProgress({ categoryId: category['工业经济'], leadUnitId: await unitId(deps.db, 'D027') }, 'fagaiwei');
    const requestId = (await file(id, {}, 'fagaiwei')).body!.id as number;
    expect(await decide('fagaiwei', requestId, 'approve')).toMatchObject({
      status: 403,
      body: { error: { message: '本单位牵头的事项由联审部门审核，不能审核本单位的销号申请' } },
    });
    expect(await toReview('fagaiwei')).not.toContain(requestId);
    for (const reviewer of REVIEWERS) await decide(reviewer, requestId, 'approve');
    expect((await call(app, s.fagaiwei!, 'GET', `/api/v1/closing-requests/${requestId}`)).body).toMatchObject({ status: 'approved', ownerUnit: null });
  });

  it.each([
    ['without a category', null],
    ['of a category without an owner', '民生保障'],
    ['of a category its review office owns', '招商引资'],
  ])('a task %s closes on the three offices as before', async (_name, name) => {
    const id = await taskInProgress({ categoryId: name === null ? null : category[name] });
    const requestId = (await file(id)).body!.id as number;
    expect((await call(app, s.duchashi!, 'GET', `/api/v1/closing-requests/${requestId}`)).body!.ownerUnit).toBeNull();
    expect(await toReview('fagaiwei')).not.toContain(requestId);
    for (const reviewer of REVIEWERS) await decide(reviewer, requestId, 'approve');
    expect((await getTask(id)).status).toBe('closed');
    expect((await reviewAudits(requestId)).map((a) => (a.after as { outcome: string }).outcome)).toEqual(['pending', 'pending', 'approved']);
  });

  it('the database holds each review to exactly one reviewer', async () => {
    const id = await taskInProgress({ categoryId: category['工业经济'] });
    const requestId = (await file(id)).body!.id as number;
    const [reviewer] = await deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'fagaiwei'));
    const row = { requestId, reviewerId: reviewer!.id, decision: 'approve' as const, at: deps.clock.now() };
    await expect(deps.db.insert(closingReviews).values({ ...row, officeId: null, unitId: null })).rejects.toThrow();
    const [office] = await deps.db.select({ officeId: closingReviews.officeId }).from(closingReviews).limit(1);
    await expect(deps.db.insert(closingReviews).values({ ...row, officeId: office!.officeId, unitId: await unitId(deps.db, 'D027') })).rejects.toThrow();
  });
});
