import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { accounts } from '../auth/schema.js';
import { notifications } from '../notify/schema.js';
import { leaders } from '../org/schema.js';
import { taskSheets } from '../tasks/schema.js';
import { periodicWork } from './scanner.js';
import { scoreDeductions } from './schema.js';

let deps: TestDeps;
let app: TestApp;
let office: string;
let liaison: string;
let t01: number;

async function loginAll() {
  [office, liaison] = await Promise.all([login(app, 'duchashi'), login(app, 'lianluo')]);
}

// Moves the server clock; sessions idle out after 30 minutes, so log in again.
async function at(instant: string) {
  deps.clock.set(instant);
  await loginAll();
}

const sheetsOf = (taskId: number) => deps.db.select().from(taskSheets).where(eq(taskSheets.taskId, taskId)).orderBy(taskSheets.id);

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  t01 = await unitId(deps.db, 'T01');
});
afterAll(() => deps.close());

describe('the scanner', () => {
  it('warns, urges, refers and ladders a leader-instructed item, once each however often it runs', async () => {
    await at('2026-03-02T09:00:00+08:00');
    const created = await call(
      app,
      office,
      'POST',
      '/api/v1/tasks',
      buildTaskInput({
        leadUnitId: t01,
        source: 'leader_instruction',
        startDate: '2026-03-02',
        deadline: '2026-03-20',
        period: '2026-03',
        title: '落实县长批示：整治城区占道经营',
      }),
    );
    const id = created.body!.id;
    await call(app, office, 'POST', `/api/v1/tasks/${id}/assign`, {});
    const chasing = await call(app, office, 'GET', `/api/v1/tasks/${id}/chasing`);
    expect(chasing.body!.dueDates.map((d: { kind: string; day: string }) => [d.kind, d.day])).toEqual([
      ['sign', '2026-03-02'],
      ['first_report', '2026-03-05'],
      ['resolve', '2026-03-11'],
      ['deadline', '2026-03-20'],
    ]);

    // Not signed on the day: the next morning brings a warning, and a second run adds nothing.
    await at('2026-03-03T08:00:00+08:00');
    expect((await call(app, office, 'POST', '/api/v1/chasing/scan')).body).toMatchObject({ issued: 1 });
    expect((await call(app, office, 'POST', '/api/v1/chasing/scan')).body).toMatchObject({ issued: 0 });
    let sheets = await sheetsOf(id);
    expect(sheets.map((s) => [s.kind, s.dueKind, s.dueDay, s.number])).toEqual([
      ['assignment', null, null, expect.stringMatching(/^督〔2026〕\d+号$/)],
      ['warning', 'sign', '2026-03-02', expect.stringMatching(/^督警〔2026〕\d+号$/)],
    ]);
    // The unit and the office are told.
    const inbox = await deps.db.select().from(notifications).where(eq(notifications.kind, 'sheet.warning'));
    expect(inbox.length).toBeGreaterThanOrEqual(2);

    // The unit signs the task and the warning sheet.
    await call(app, liaison, 'POST', `/api/v1/tasks/${id}/sign`, {});
    const today = await call(app, liaison, 'GET', '/api/v1/chasing/today');
    const warning = today.body!.toSign.find((s: { kind: string }) => s.kind === 'warning');
    expect(warning).toBeTruthy();
    expect((await call(app, office, 'POST', `/api/v1/sheets/${warning.id}/sign`)).status).toBe(403);
    expect((await call(app, liaison, 'POST', `/api/v1/sheets/${warning.id}/sign`)).status).toBe(204);
    expect((await call(app, liaison, 'POST', `/api/v1/sheets/${warning.id}/sign`)).status).toBe(409);

    // The 7-working-day limit ends Wed 03-11: urged from the third working day before it (Fri 03-06; the scan on
    // Monday 03-09 issues it), warned 03-12, referred five working days later.
    await at('2026-03-09T08:00:00+08:00');
    await call(app, office, 'POST', '/api/v1/chasing/scan');
    await at('2026-03-12T08:00:00+08:00');
    await call(app, office, 'POST', '/api/v1/chasing/scan');
    await at('2026-03-19T08:00:00+08:00');
    await call(app, office, 'POST', '/api/v1/chasing/scan');
    sheets = await sheetsOf(id);
    const keys = sheets.map((s) => `${s.kind} ${s.dueKind} ${s.dueDay}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'warning first_report 2026-03-05',
        'urge resolve 2026-03-11',
        'warning resolve 2026-03-11',
        'referral resolve 2026-03-11',
        'urge deadline 2026-03-20',
      ]),
    );
    expect(new Set(keys).size).toBe(keys.length);

    // April: still open after its month → rectification order with a score deduction.
    await at('2026-04-01T08:00:00+08:00');
    await call(app, office, 'POST', '/api/v1/chasing/scan');
    const [rectify] = await deps.db
      .select()
      .from(taskSheets)
      .where(and(eq(taskSheets.taskId, id), eq(taskSheets.kind, 'rectify')));
    expect(rectify).toMatchObject({ dueKind: 'month', dueDay: '2026-03-31' });
    const [deduction] = await deps.db.select().from(scoreDeductions).where(eq(scoreDeductions.sheetId, rectify!.id));
    expect(deduction).toMatchObject({ unitId: t01, period: '2026-03', points: 1 });

    const due = await call(app, office, 'GET', `/api/v1/chasing/due-dates?taskIds=${id},999999`);
    expect(due.body!.items).toHaveLength(1);
    expect(due.body!.items[0]).toMatchObject({ taskId: id, next: { kind: 'first_report', day: '2026-03-05', overdue: true } });
    const board = await call(app, office, 'GET', '/api/v1/chasing/board?kind=referral');
    expect(board.body!.items.some((s: { taskId: number }) => s.taskId === id)).toBe(true);
    expect(board.body!.items.find((s: { taskId: number }) => s.taskId === id).daysOpen).toBeGreaterThan(0);
    const history = await call(app, office, 'GET', `/api/v1/tasks/${id}/history`);
    expect(history.body!.items.some((e: { kind: string }) => e.kind === 'sheet.referral')).toBe(true);
  });

  it('the office urges by hand once a day; a unit cannot', async () => {
    await at('2026-04-02T09:00:00+08:00');
    const created = await call(
      app,
      office,
      'POST',
      '/api/v1/tasks',
      buildTaskInput({ leadUnitId: t01, startDate: '2026-04-01', deadline: '2026-04-30', period: '2026-04' }),
    );
    const id = created.body!.id;
    await call(app, office, 'POST', `/api/v1/tasks/${id}/assign`, {});
    expect((await call(app, liaison, 'POST', `/api/v1/tasks/${id}/urge`, { note: '请加快' })).status).toBe(403);
    expect((await call(app, office, 'POST', `/api/v1/tasks/${id}/urge`, { note: '请加快进度' })).status).toBe(204);
    expect((await call(app, office, 'POST', `/api/v1/tasks/${id}/urge`, { note: '再催' })).body!.error.code).toBe('ALREADY_URGED');
    const sheets = await sheetsOf(id);
    expect(sheets.at(-1)).toMatchObject({ kind: 'urge', dueKind: 'manual', dueDay: '2026-04-02' });
  });
});

describe('who is told of a sheet', () => {
  it('the unit is asked to sign; the leader in charge and the office read a copy (抄送) that asks nothing', async () => {
    await at('2026-04-07T09:00:00+08:00');
    // The demo's 县委副书记 (lingdao), who is in charge of 城关街道.
    const [leader] = await deps.db
      .select({ id: leaders.id })
      .from(leaders)
      .innerJoin(accounts, eq(accounts.personId, leaders.personId))
      .where(eq(accounts.username, 'lingdao'));
    const created = await call(
      app,
      office,
      'POST',
      '/api/v1/tasks',
      buildTaskInput({
        leadUnitId: t01,
        leadLeaderId: leader!.id,
        startDate: '2026-04-07',
        deadline: '2026-04-30',
        period: '2026-04',
        title: '整治东门菜市场周边交通秩序',
      }),
    );
    const id = created.body!.id;
    await call(app, office, 'POST', `/api/v1/tasks/${id}/assign`, {});
    // Not signed on the day: warned the next morning.
    await at('2026-04-08T08:00:00+08:00');
    await call(app, office, 'POST', '/api/v1/chasing/scan');
    const leaderSession = await login(app, 'lingdao');
    const warningsFor = async (session: string) =>
      ((await call(app, session, 'GET', '/api/v1/inbox?pageSize=100')).body!.items as { kind: string; title: string; body: string; link: string }[]).filter(
        (m) => m.kind === 'sheet.warning' && m.link === `/tasks/${id}`,
      );
    const [toUnit] = await warningsFor(liaison);
    expect(toUnit!.body).toContain('请及时办理并签收');
    expect(toUnit!.title).not.toContain('抄送');
    for (const session of [leaderSession, office]) {
      const [copy] = await warningsFor(session);
      expect(copy!.title).toContain('（抄送）');
      expect(copy!.body).toMatch(/^抄送：已向城关街道签发工作预警单/);
      expect(copy!.body).not.toContain('请及时办理并签收');
    }
  });
});

describe('settings', () => {
  it('time-limit rules refuse absurd days with a clear message and keep the old value', async () => {
    await at('2026-04-02T09:00:00+08:00');
    const { body } = await call(app, office, 'GET', '/api/v1/time-limit-rules');
    const feedback = body!.items.find((r: { code: string }) => r.code === 'feedback');
    const bad = await call(app, office, 'PUT', `/api/v1/time-limit-rules/${feedback.id}`, { ...feedback, days: -2 });
    expect(bad.status).toBe(400);
    expect(bad.body!.error.message).toContain('天数不能为负数');
    const ok = await call(app, office, 'PUT', `/api/v1/time-limit-rules/${feedback.id}`, {
      version: feedback.version,
      name: feedback.name,
      days: 5,
      dayKind: 'working',
      levels: [],
      sources: [],
      active: true,
    });
    expect(ok.status).toBe(204);
    expect((await call(app, liaison, 'PUT', `/api/v1/time-limit-rules/${feedback.id}`, { ...feedback, version: feedback.version + 1 })).status).toBe(403);
  });

  it('chasing settings are bounded', async () => {
    const current = await call(app, office, 'GET', '/api/v1/chasing/settings');
    const bad = await call(app, office, 'PUT', '/api/v1/chasing/settings', { ...current.body, urgeDaysBefore: 0 });
    expect(bad.body!.error.message).toContain('催办提前工作日数须在 1 到 30 之间');
    const ok = await call(app, office, 'PUT', '/api/v1/chasing/settings', { ...current.body, urgeDaysBefore: 5 });
    expect(ok.body).toMatchObject({ urgeDaysBefore: 5 });
  });
});

describe('the periodic work (every minute, and npm run scan)', () => {
  it('issues, carries over and sends, and a second run does nothing more', async () => {
    // Handed over in May (a deadline already past cannot be), still open in June.
    await at('2026-05-04T09:00:00+08:00');
    const created = await call(
      app,
      office,
      'POST',
      '/api/v1/tasks',
      buildTaskInput({ leadUnitId: t01, startDate: '2026-05-04', deadline: '2026-05-29', period: '2026-05' }),
    );
    expect((await call(app, office, 'POST', `/api/v1/tasks/${created.body!.id}/assign`, {})).status).toBe(200);
    await at('2026-06-02T09:00:00+08:00');
    const first = await periodicWork(deps);
    expect(first.issued).toBeGreaterThan(0);
    expect(first.carried).toBeGreaterThan(0);
    const second = await periodicWork(deps);
    expect(second).toMatchObject({ issued: 0, carried: 0 });
  });
});
