// Issue 9: chasing without surprises. A deadline before the handover is refused; every assignment and sheet reaches
// the unit's inbox and the robot channels; the ladder's deduction is shown on the sheet, the task and the unit; the
// admonishment goes to the discipline commission, which records the talk and publishes the notice (通报).
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { accounts } from '../auth/schema.js';
import { notifyChannels, notifyDeliveries } from '../notify/schema.js';
import { taskSheets } from '../tasks/schema.js';
import { interviews } from './schema.js';

let deps: TestDeps;
let app: TestApp;
let office: string;
let liaison: string;
let t01: number;

async function at(instant: string) {
  deps.clock.set(instant);
  [office, liaison] = await Promise.all([login(app, 'duchashi'), login(app, 'lianluo')]);
}

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  t01 = await unitId(deps.db, 'T01');
  const now = new Date('2026-01-01T00:00:00Z');
  await deps.db.insert(notifyChannels).values({ kind: 'wecom', name: '督办群机器人', target: 'https://example.invalid/hook', createdAt: now, updatedAt: now });
});
afterAll(() => deps.close());

const create = (overrides: Parameters<typeof buildTaskInput>[0]) => call(app, office, 'POST', '/api/v1/tasks', buildTaskInput(overrides));

describe('a deadline before the handover is refused', () => {
  it('on creation, on assignment once the deadline has passed, and when an edit moves it before the handover day', async () => {
    await at('2026-03-16T09:00:00+08:00');
    const past = await create({ leadUnitId: t01, startDate: '2026-03-01', deadline: '2026-03-10', period: '2026-03' });
    expect(past.status).toBe(400);
    expect(past.body!.error).toMatchObject({ code: 'DEADLINE_BEFORE_HANDOVER', message: '完成时限（2026-03-10）不能早于交办日期（2026-03-16）' });

    // A draft whose deadline passed while it waited is not handed over as it is.
    const draft = await create({ leadUnitId: t01, startDate: '2026-03-16', deadline: '2026-03-18', period: '2026-03' });
    await at('2026-03-19T09:00:00+08:00');
    const assign = await call(app, office, 'POST', `/api/v1/tasks/${draft.body!.id}/assign`, {});
    expect(assign.status).toBe(400);
    expect(assign.body!.error.code).toBe('DEADLINE_BEFORE_HANDOVER');
    expect((await call(app, office, 'GET', `/api/v1/tasks/${draft.body!.id}`)).body!.status).toBe('draft');

    // Handed over on 03-19: its deadline may not move before that day; its other fields stay editable once overdue.
    const ok = await create({ leadUnitId: t01, startDate: '2026-03-01', deadline: '2026-03-23', period: '2026-03' });
    await call(app, office, 'POST', `/api/v1/tasks/${ok.body!.id}/assign`, {});
    await at('2026-03-25T09:00:00+08:00');
    let task = (await call(app, office, 'GET', `/api/v1/tasks/${ok.body!.id}`)).body!;
    const earlier = await call(app, office, 'PATCH', `/api/v1/tasks/${ok.body!.id}`, { version: task.version, deadline: '2026-03-18' });
    expect(earlier.body!.error).toMatchObject({ code: 'DEADLINE_BEFORE_HANDOVER', message: '完成时限（2026-03-18）不能早于交办日期（2026-03-19）' });
    expect((await call(app, office, 'PATCH', `/api/v1/tasks/${ok.body!.id}`, { version: task.version, standard: '按期完成' })).status).toBe(200);
    task = (await call(app, office, 'GET', `/api/v1/tasks/${ok.body!.id}`)).body!;
    expect((await call(app, office, 'PATCH', `/api/v1/tasks/${ok.body!.id}`, { version: task.version, deadline: '2026-03-20' })).status).toBe(200);
  });
});

describe('every assignment and sheet reaches the unit in its inbox and on the robot channel', () => {
  it('the assignment sheet and a warning are both queued on the channel', async () => {
    await at('2026-04-07T09:00:00+08:00');
    const created = await create({ leadUnitId: t01, startDate: '2026-04-07', deadline: '2026-04-30', period: '2026-04', title: '清理城区僵尸车辆' });
    await call(app, office, 'POST', `/api/v1/tasks/${created.body!.id}/assign`, {});
    await at('2026-04-08T08:00:00+08:00');
    await call(app, office, 'POST', '/api/v1/chasing/scan');
    const queued = await deps.db.select().from(notifyDeliveries).where(like(notifyDeliveries.body, '%清理城区僵尸车辆%'));
    expect(queued.map((d) => d.title.split(' ')[0])).toEqual(['工作交办单', '工作预警单']);
    const inbox = (await call(app, liaison, 'GET', '/api/v1/inbox?pageSize=100')).body!.items as { kind: string; link: string }[];
    expect(inbox.filter((m) => m.link === `/tasks/${created.body!.id}`).map((m) => m.kind)).toEqual(['sheet.warning', 'sheet.assignment']);
  });
});

describe('the ladder: deduction shown everywhere, admonishment held and published by the discipline commission', () => {
  let id: number;

  it('rectification states its points on the sheet; the task and the unit list the deduction with its month', async () => {
    await at('2026-03-02T09:00:00+08:00');
    const created = await create({ leadUnitId: t01, startDate: '2026-03-02', deadline: '2026-03-20', period: '2026-03', title: '完成老旧管网改造' });
    id = created.body!.id;
    await call(app, office, 'POST', `/api/v1/tasks/${id}/assign`, {});
    await call(app, liaison, 'POST', `/api/v1/tasks/${id}/sign`, {});
    await at('2026-04-01T08:00:00+08:00');
    await call(app, office, 'POST', '/api/v1/chasing/scan');

    const sheets = (await call(app, office, 'GET', `/api/v1/tasks/${id}`)).body!.sheets as { id: number; kind: string; points: number | null }[];
    const rectify = sheets.find((s) => s.kind === 'rectify')!;
    expect(rectify).toMatchObject({ points: 1, content: { points: '1' } });
    const docx = await app.request(`/api/v1/tasks/${id}/sheets/${rectify.id}/docx`, { headers: { cookie: office } });
    expect(docx.status).toBe(200);

    const onTask = await call(app, liaison, 'GET', `/api/v1/tasks/${id}/deductions`);
    expect(onTask.body).toMatchObject({
      total: 1,
      items: [{ taskId: id, unitId: t01, period: '2026-03', points: 1, sheetNumber: expect.stringMatching(/^督改/) }],
    });
    // The unit's page adds the March task of the first test (handed over 03-19, due 03-20), also rectified on 04-01.
    const onUnit = await call(app, liaison, 'GET', `/api/v1/units/${t01}/deductions`);
    expect(onUnit.body).toMatchObject({ unitName: '城关街道', total: 2, months: [{ period: '2026-03', count: 2, points: 2 }] });
    expect(onUnit.body!.items.map((d: { taskId: number }) => d.taskId)).toContain(id);
    expect((await call(app, liaison, 'GET', `/api/v1/units/${t01}/deductions?year=2025`)).body).toMatchObject({ total: 0, months: [] });
    // Another unit's liaison sees neither.
    const other = await login(app, 'lianluo2');
    expect((await call(app, other, 'GET', `/api/v1/units/${t01}/deductions`)).status).toBe(404);
    expect((await call(app, other, 'GET', `/api/v1/tasks/${id}/deductions`)).status).toBe(404);
  });

  it('the admonishment opens a talk assigned to the discipline commission, which records it and publishes the notice', async () => {
    await at('2026-05-01T08:00:00+08:00');
    await call(app, office, 'POST', '/api/v1/chasing/scan');
    const [admonish] = await deps.db
      .select()
      .from(taskSheets)
      .where(and(eq(taskSheets.taskId, id), eq(taskSheets.kind, 'admonish')));
    const [talk] = await deps.db.select().from(interviews).where(eq(interviews.sheetId, admonish!.id));
    expect(talk).toMatchObject({ level: 'admonishment', status: 'approved', unitId: t01, taskIds: [id] });

    const jiwei = await login(app, 'jiwei');
    const inbox = (await call(app, jiwei, 'GET', '/api/v1/inbox?pageSize=100')).body!.items as { kind: string; link: string }[];
    expect(inbox).toContainEqual(expect.objectContaining({ kind: 'interview.admonish', link: `/interviews/${talk!.id}` }));
    expect((await call(app, jiwei, 'GET', `/api/v1/interviews/${talk!.id}`)).body!.actions).toEqual(['record_talk']);
    expect((await call(app, office, 'GET', `/api/v1/interviews/${talk!.id}`)).body!.actions).toEqual([]);

    await at('2026-05-06T10:00:00+08:00');
    const jiweiNow = await login(app, 'jiwei');
    const talkInput = {
      heldOn: '2026-05-06',
      interviewer: '县纪委副书记 刘强',
      attendees: '刘强、城关街道主任、督查室王科长',
      outcome: '本人认识到问题，承诺 5 月底前完成。',
    };
    expect((await call(app, office, 'POST', `/api/v1/interviews/${talk!.id}/talk`, talkInput)).status).toBe(403);
    expect((await call(app, jiweiNow, 'POST', `/api/v1/interviews/${talk!.id}/talk`, { ...talkInput, heldOn: '2026-04-30' })).body!.error.message).toContain(
      '谈话日期不能早于诫勉谈话通知签发日期（2026-05-01）',
    );
    // An admonishment is not recorded as an ordinary interview with commitments.
    const asInterview = await call(app, office, 'POST', `/api/v1/interviews/${talk!.id}/record`, {
      heldOn: '2026-05-06',
      interviewer: '督查室',
      findings: '情况',
      commitments: [{ content: '整改', dueDate: '2026-05-31' }],
    });
    expect(asInterview.body!.error.code).toBe('ILLEGAL_TRANSITION');
    const recorded = await call(app, jiweiNow, 'POST', `/api/v1/interviews/${talk!.id}/talk`, talkInput);
    expect(recorded.body).toMatchObject({
      status: 'held',
      heldOn: '2026-05-06',
      attendees: talkInput.attendees,
      findings: talkInput.outcome,
      actions: ['publish_notice'],
    });

    const draft = await call(app, jiweiNow, 'GET', `/api/v1/interviews/${talk!.id}/notice`);
    expect(draft.body).toMatchObject({ published: false, title: expect.stringContaining('诫勉谈话的通报') });
    expect(draft.body!.text).toContain('参加人员：刘强、城关街道主任、督查室王科长');
    expect((await app.request(`/api/v1/interviews/${talk!.id}/notice/docx`, { headers: { cookie: jiweiNow } })).status).toBe(409);

    expect((await call(app, office, 'POST', `/api/v1/interviews/${talk!.id}/notice`, {})).status).toBe(403);
    const published = await call(app, jiweiNow, 'POST', `/api/v1/interviews/${talk!.id}/notice`, {});
    expect(published.body).toMatchObject({ published: true, text: draft.body!.text });
    expect((await call(app, jiweiNow, 'POST', `/api/v1/interviews/${talk!.id}/notice`, {})).body!.error.code).toBe('ALREADY_PUBLISHED');

    // The office and the unit read the notice; the task's timeline carries it; the Word file downloads.
    for (const session of [office, liaison]) {
      const items = (await call(app, session, 'GET', '/api/v1/inbox?pageSize=100')).body!.items as { kind: string; body: string }[];
      expect(items.find((m) => m.kind === 'interview.notice')?.body).toBe(draft.body!.text);
    }
    const history = (await call(app, liaison, 'GET', `/api/v1/tasks/${id}/history`)).body!.items as { kind: string }[];
    expect(history.map((e) => e.kind)).toEqual(expect.arrayContaining(['interview.record_talk', 'interview.notice']));
    const word = await app.request(`/api/v1/interviews/${talk!.id}/notice/docx`, { headers: { cookie: jiweiNow } });
    expect(word.status).toBe(200);
    expect(word.headers.get('content-disposition')).toContain('notice-');
    const audited = await deps.db.select({ action: auditLog.action }).from(auditLog).where(like(auditLog.action, 'interview.%'));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['interview.admonish', 'interview.record_talk', 'interview.publish_notice']));
  });
});

// Last: the clock jumps to 2027, where every task above would be laddered.
describe('provisional dates are marked on the sheets computed from them', () => {
  it('a sheet chasing a date in a year without holiday data says so, in the API and in its wording', async () => {
    // Passwords expire over the months the clock jumps; the demo accounts changed theirs just before.
    await deps.db.update(accounts).set({ passwordChangedAt: new Date('2027-01-01T00:00:00+08:00') });
    await at('2027-01-04T09:00:00+08:00');
    const created = await create({ leadUnitId: t01, startDate: '2027-01-04', deadline: '2027-01-29', period: '2027-01', title: '编制2027年重点项目清单' });
    expect(created.status).toBe(201);
    await call(app, office, 'POST', `/api/v1/tasks/${created.body!.id}/assign`, {});
    await at('2027-01-05T08:00:00+08:00');
    await call(app, office, 'POST', '/api/v1/chasing/scan');
    const sheets = (await call(app, office, 'GET', `/api/v1/tasks/${created.body!.id}`)).body!.sheets as Record<string, any>[];
    const warning = sheets.find((s) => s.kind === 'warning')!;
    expect(warning).toMatchObject({ provisional: true, points: null, content: { due: '签收部署（2027-01-04，暂定）', provisional: 'true' } });
    expect(sheets.find((s) => s.kind === 'assignment')).toMatchObject({ provisional: false });
  });
});
