import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { unitId } from '../../../test/factories.js';
import { systemWho } from '../../context.js';
import { auditLog } from '../audit/schema.js';
import { notifications } from '../notify/schema.js';
import { weeklyNotice } from './service.js';

// TEST_NOW is Wednesday 2026-03-25.
let deps: TestDeps;
let app: TestApp;
let t01: number;
let headPerson: number;
let sessionId: number;
let makeupId: number;
const cookies: Record<string, string> = {};
const as = (who: string, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const u of ['lianluo', 'lianluo2', 'danwei', 'ganbu', 'duchashi']) cookies[u] = await login(app, u);
  t01 = await unitId(deps.db, 'T01');
  headPerson = (await as('danwei', 'GET', '/api/v1/records/mine')).body!.person.id;
});
afterAll(() => deps?.close());

describe('学习台账', () => {
  it('the liaison plans a session; another town cannot; a cadre may not plan', async () => {
    const body = { unitId: t01, kind: 'party_lecture', title: '三月党课：学习贯彻全会精神', day: '2026-03-25', place: '镇党委会议室', topic: '全会精神' };
    const created = await as('lianluo', 'POST', '/api/v1/study/sessions', body);
    expect(created.status).toBe(201);
    sessionId = created.body!.id;
    expect(created.body).toMatchObject({ status: 'planned', colour: 'blue' });
    expect(created.body!.roster.map((p: { id: number }) => p.id)).toContain(headPerson);
    expect((await as('lianluo2', 'POST', '/api/v1/study/sessions', body)).status).toBe(404);
    expect((await as('lianluo2', 'GET', `/api/v1/study/sessions/${sessionId}`)).status).toBe(404);
    expect((await as('ganbu', 'POST', '/api/v1/study/sessions', body)).status).toBe(403);
    const bad = await as('lianluo', 'POST', '/api/v1/study/sessions', { ...body, title: ' ' });
    expect(bad.status).toBe(400);
    expect(bad.body!.error.message).toContain('请填写活动名称');
  });

  it('attendance: the absentee gets a make-up item and a reminder, the liaison a copy; twice answers 409', async () => {
    const res = await as('lianluo', 'POST', `/api/v1/study/sessions/${sessionId}/attendance`, {
      version: 1,
      absent: [{ personId: headPerson, reason: '到县里开会' }],
    });
    expect(res.status).toBe(200);
    expect(res.body!.status).toBe('held');
    const row = res.body!.attendance.find((a: { personId: number }) => a.personId === headPerson);
    expect(row).toMatchObject({ present: false, absenceReason: '到县里开会', makeupDue: '2026-04-08', madeUpOn: null });
    makeupId = row.id;
    expect(res.body!.attended).toBe(res.body!.attendance.length - 1);
    expect(res.body!.colour).toBe('blue');
    const inbox = await as('danwei', 'GET', '/api/v1/inbox?unread=true');
    expect(inbox.body!.items.some((m: { title: string }) => m.title.includes('请于 2026-04-08 前补学'))).toBe(true);
    const copy = await as('lianluo', 'GET', '/api/v1/inbox?unread=true');
    expect(copy.body!.items.some((m: { title: string }) => m.title.includes('1 人需补学'))).toBe(true);
    expect((await as('lianluo', 'POST', `/api/v1/study/sessions/${sessionId}/attendance`, { version: 2, absent: [] })).status).toBe(409);
  });

  it('the absentee records the make-up; a stranger’s answers 404; the session turns green', async () => {
    const mine = await as('danwei', 'GET', '/api/v1/study/makeups/mine');
    expect(mine.body!.items[0]).toMatchObject({ id: makeupId, madeUpOn: null, overdue: false });
    expect((await as('lianluo2', 'POST', `/api/v1/study/makeups/${makeupId}`, { day: '2026-03-25', note: '自学' })).status).toBe(404);
    const done = await as('danwei', 'POST', `/api/v1/study/makeups/${makeupId}`, { day: '2026-03-25', note: '观看党课录像并撰写心得' });
    expect(done.status).toBe(200);
    expect(done.body!.items[0]).toMatchObject({ madeUpOn: '2026-03-25' });
    expect((await as('danwei', 'POST', `/api/v1/study/makeups/${makeupId}`, { day: '2026-03-25', note: '再次' })).status).toBe(409);
    expect((await as('lianluo', 'GET', `/api/v1/study/sessions/${sessionId}`)).body!.colour).toBe('green');
  });

  it('completion by unit and by person', async () => {
    const res = await as('danwei', 'GET', `/api/v1/study/completion?year=2026&unitId=${t01}`);
    expect(res.status).toBe(200);
    const unit = res.body!.units.find((u: { unitId: number }) => u.unitId === t01);
    expect(unit).toMatchObject({ held: 1, madeUp: 1, open: 0, rate: 100 });
    expect(res.body!.people.find((p: { personId: number }) => p.personId === headPerson)).toMatchObject({ total: 1, present: 0, madeUp: 1, rate: 100 });
    expect((await as('lianluo2', 'GET', `/api/v1/study/completion?year=2026&unitId=${t01}`)).status).toBe(404);
  });

  it('the weekly notice goes once a week, however many ticks or processes run it', async () => {
    deps.clock.set(new Date('2026-03-30T00:05:00+08:00'));
    const runs = await Promise.all([1, 2, 3].map((n) => weeklyNotice(deps, systemWho(`t${n}`)).catch(() => ({ studyNotices: 0 }))));
    expect(runs.reduce((a, r) => a + r.studyNotices, 0)).toBe(1);
    expect((await weeklyNotice(deps, systemWho('again'))).studyNotices).toBe(0);
    const sent = await deps.db.select().from(notifications).where(eq(notifications.kind, 'study.weekly'));
    expect(sent.some((m) => m.title === '全县学习出勤周报（2026-03-23 起）')).toBe(true);
    expect(sent.some((m) => m.body.includes('应到') && m.title.startsWith('学习出勤周报'))).toBe(true);
    expect(await deps.db.select().from(auditLog).where(eq(auditLog.action, 'study.weekly_notice'))).toHaveLength(1);
  });
});
