import { desc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { TEST_NOW, testDeps, type TestDeps } from '../../../test/db.js';
import { unitId } from '../../../test/factories.js';
import { DEMO_ACCOUNTS } from '../../seed/demo.js';
import { auditLog } from '../audit/schema.js';
import { accounts } from '../auth/schema.js';
import { units } from '../org/schema.js';

// TEST_NOW is Wednesday 2026-03-25, in ISO week 2026-W13 (23–29 March).
let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
const person: Record<string, number> = {};
let t01: number;
let t02: number;
let t02Head: number;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const a of DEMO_ACCOUNTS) cookies[a.username] = await login(app, a.username);
  for (const row of await deps.db.select({ username: accounts.username, personId: accounts.personId }).from(accounts))
    if (row.personId) person[row.username] = row.personId;
  t01 = await unitId(deps.db, 'T01');
  t02 = await unitId(deps.db, 'T02');
  t02Head = (await deps.db.select({ head: units.headPersonId }).from(units).where(eq(units.id, t02)))[0]!.head!;
});
afterAll(() => deps?.close());

const as = (who: string, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);
const lastSeq = async () => (await deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0]?.seq ?? 0;
const auditSince = (seq: number) => deps.db.select().from(auditLog).where(gt(auditLog.seq, seq));
// Moving the clock ends the sessions (idle time-out): log in again.
async function at(iso: string) {
  deps.clock.set(new Date(iso));
  for (const a of DEMO_ACCOUNTS) cookies[a.username] = await login(app, a.username);
}

describe('weekly log (周记实)', () => {
  it('the cadre writes this week’s log, edits it, and cannot write a week not yet begun', async () => {
    const before = await lastSeq();
    const first = await as('ganbu', 'PUT', '/api/v1/records/work-logs', { week: '2026-W13', done: '走访困难户 5 户', planned: '组织村民代表会', version: 0 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ week: '2026-W13', version: 1, lockDay: '2026-03-31', editable: true });
    expect((await auditSince(before)).map((a) => a.action)).toEqual(['work_log.save']);
    const again = await as('ganbu', 'PUT', '/api/v1/records/work-logs', { week: '2026-W13', done: '走访困难户 6 户', planned: '组织村民代表会', version: 0 });
    expect(again.body!.error.code).toBe('STALE_VERSION');
    const edited = await as('ganbu', 'PUT', '/api/v1/records/work-logs', { week: '2026-W13', done: '走访困难户 6 户', planned: '组织村民代表会', version: 1 });
    expect(edited.body).toMatchObject({ done: '走访困难户 6 户', version: 2 });
    const future = await as('ganbu', 'PUT', '/api/v1/records/work-logs', { week: '2026-W14', done: 'x', planned: 'y', version: 0 });
    expect(future.status).toBe(400);
    expect(future.body!.error.message).toContain('尚未开始');
    const empty = await as('ganbu', 'PUT', '/api/v1/records/work-logs', { week: '2026-W13', done: ' ', planned: '', version: 2 });
    expect(empty.body!.error).toMatchObject({ code: 'BAD_WORK_LOG', message: '请填写本周完成的工作；请填写下周计划' });
  });

  it('locks after Sunday plus the grace (2 days by default, set by the assessment office)', async () => {
    await at('2026-03-31T23:00:00+08:00');
    expect((await as('ganbu', 'PUT', '/api/v1/records/work-logs', { week: '2026-W13', done: '补记：走访 7 户', planned: '代表会', version: 2 })).status).toBe(
      200,
    );
    await at('2026-04-01T08:00:00+08:00');
    const locked = await as('ganbu', 'PUT', '/api/v1/records/work-logs', { week: '2026-W13', done: '再改', planned: '代表会', version: 3 });
    expect(locked.status).toBe(409);
    expect(locked.body!.error).toEqual({ code: 'WORK_LOG_LOCKED', message: '2026年第13周（3月23日—3月29日）的记实已于3月31日截止填写，已锁定，不能再修改' });
    const mine = await as('ganbu', 'GET', '/api/v1/records/mine');
    expect(mine.body!.workLogs).toEqual([expect.objectContaining({ week: '2026-W13', done: '补记：走访 7 户', editable: false })]);
    await at(TEST_NOW);
  });

  it('needs an account linked to a person, in a role that keeps records', async () => {
    expect((await as('admin', 'PUT', '/api/v1/records/work-logs', { week: '2026-W13', done: 'x', planned: 'y', version: 0 })).status).toBe(403);
    expect((await as('kaoheban', 'PUT', '/api/v1/records/work-logs', { week: '2026-W13', done: 'x', planned: 'y', version: 0 })).status).toBe(403);
  });
});

describe('frontline days (一线工作日) and who is behind pace', () => {
  it('are logged with date, place and purpose, one a day, never ahead', async () => {
    const ok = await as('ganbu', 'POST', '/api/v1/records/frontline-days', { day: '2026-03-24', place: '幸福村', purpose: '春耕备耕调研' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ day: '2026-03-24', place: '幸福村', loggedByName: expect.any(String) });
    const twice = await as('ganbu', 'POST', '/api/v1/records/frontline-days', { day: '2026-03-24', place: '另一村', purpose: '另一事' });
    expect(twice.body!.error).toEqual({ code: 'FRONTLINE_DAY_EXISTS', message: '2026-03-24 已登记过一线工作，同一天只计一个一线工作日' });
    const ahead = await as('ganbu', 'POST', '/api/v1/records/frontline-days', { day: '2026-03-26', place: '幸福村', purpose: '调研' });
    expect(ahead.body!.error.message).toBe('不能登记今天以后的一线工作日');
  });

  it('are logged on behalf of a person (代为登记) by the unit’s liaison or head within their scope, by the offices for anyone', async () => {
    const before = await lastSeq();
    const logged = await as('lianluo', 'POST', '/api/v1/records/frontline-days', {
      personId: person.danwei,
      day: '2026-03-20',
      place: '幸福村',
      purpose: '督导春耕',
    });
    expect(logged.status, JSON.stringify(logged.body)).toBe(201);
    const liaisonName = logged.body!.loggedByName;
    expect(logged.body).toMatchObject({ day: '2026-03-20', loggedByName: expect.stringMatching(/.+/) });
    // Recorded as logged by the liaison's account, audited under it.
    const liaisonAccount = (await deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'lianluo')))[0]!.id;
    const audit = await auditSince(before);
    expect(audit.map((a) => [a.action, a.actorId, a.actorName])).toEqual([['frontline_day.log', liaisonAccount, `${liaisonName}（lianluo）`]]);
    expect(audit[0]!.after).toMatchObject({ personId: person.danwei, loggedBy: liaisonAccount, loggedByName: liaisonName });
    // The person's own record shows the day, logged by the liaison; the head logs a day of their own too.
    expect((await as('danwei', 'POST', '/api/v1/records/frontline-days', { day: '2026-03-21', place: '和平村', purpose: '调研' })).status).toBe(201);
    const record = await as('danwei', 'GET', `/api/v1/records/people/${person.danwei}`);
    expect(record.body!.mayLogFrontline).toBe(true);
    expect(record.body!.frontline.days.map((d: { day: string; loggedByName: string }) => [d.day, d.loggedByName === liaisonName])).toEqual([
      ['2026-03-21', false],
      ['2026-03-20', true],
    ]);
    // Out of scope: another town's head answers 404 as a missing person does, and nothing is stored.
    const seq = await lastSeq();
    for (const [who, personId] of [
      ['lianluo', t02Head],
      ['danwei', t02Head],
      ['lianluo', 2147483],
    ] as const) {
      const res = await as(who, 'POST', '/api/v1/records/frontline-days', { personId, day: '2026-03-20', place: '幸福村', purpose: '督导' });
      expect(res.status).toBe(404);
      expect(res.body!.error.code).toBe('PERSON_NOT_FOUND_IN_RECORDS');
    }
    // A cadre or a county leader logs only their own days.
    for (const who of ['ganbu', 'lingdao'])
      expect((await as(who, 'POST', '/api/v1/records/frontline-days', { personId: t02Head, day: '2026-03-20', place: '村', purpose: '督导' })).status).toBe(
        403,
      );
    expect((await auditSince(seq)).filter((a) => a.result === 'success')).toEqual([]);
    expect(
      (await as('lianluo2', 'POST', '/api/v1/records/frontline-days', { personId: t02Head, day: '2026-03-19', place: '新民村', purpose: '防火巡查' })).status,
    ).toBe(201);
    expect(
      (await as('kaoheban', 'POST', '/api/v1/records/frontline-days', { personId: t02Head, day: '2026-03-18', place: '新民村', purpose: '督导' })).status,
    ).toBe(201);
    // The liaison's pace list holds the head they log for, marked; the head's record is still not theirs to read.
    const pace = await as('lianluo', 'GET', '/api/v1/records/frontline/pace');
    expect(pace.body!.items.map((i: { person: { id: number }; mayLog: boolean; done: number }) => [i.person.id, i.mayLog, i.done])).toEqual([
      [person.danwei, true, 2],
    ]);
    expect((await as('lianluo', 'GET', `/api/v1/records/people/${person.danwei}`)).status).toBe(404);
    const office = await as('kaoheban', 'GET', '/api/v1/records/frontline/pace');
    expect(office.body!.items.find((i: { person: { id: number } }) => i.person.id === t02Head)).toMatchObject({ mayLog: true, done: 2 });
  });

  it('a leader’s pace: 60 a year, on 25 March (day 84) ⌊60 × 84 / 365⌋ = 13 expected', async () => {
    for (const day of ['2026-03-02', '2026-03-09', '2026-03-16']) {
      expect((await as('lingdao', 'POST', '/api/v1/records/frontline-days', { day, place: '城关街道', purpose: '信访积案化解' })).status).toBe(201);
    }
    const mine = await as('lingdao', 'GET', '/api/v1/records/mine');
    expect(mine.body!.frontline).toMatchObject({ role: 'county_leader', pace: { target: 60, done: 3, expected: 13, behind: true, short: 10 } });
    // The office reads everyone; the list puts the furthest behind first and can be narrowed.
    const all = await as('kaoheban', 'GET', '/api/v1/records/frontline/pace?role=county_leader');
    const row = all.body!.items.find((i: { person: { id: number } }) => i.person.id === person.lingdao);
    expect(row).toMatchObject({ role: 'county_leader', done: 3, expected: 13, short: 10, behind: true });
    expect(all.body!.items.every((i: { role: string }) => i.role === 'county_leader')).toBe(true);
    const onNewYear = await as('kaoheban', 'GET', '/api/v1/records/frontline/pace?day=2026-01-03&behindOnly=true');
    expect(onNewYear.body!.items).toEqual([]);
  });

  it('the targets are the assessment office’s to change', async () => {
    const read = await as('danwei', 'GET', '/api/v1/records/settings');
    expect(read.body).toEqual({ countyLeaderDays: 60, departmentHeadDays: 80, townSecretaryDays: 100, logGraceDays: 2, version: 0 });
    expect((await as('danwei', 'PUT', '/api/v1/records/settings', read.body)).status).toBe(403);
    const bad = await as('kaoheban', 'PUT', '/api/v1/records/settings', { ...read.body, countyLeaderDays: 0 });
    expect(bad.body!.error.code).toBe('BAD_RECORDS_SETTINGS');
    const saved = await as('kaoheban', 'PUT', '/api/v1/records/settings', { ...read.body, countyLeaderDays: 73 });
    expect(saved.body).toMatchObject({ countyLeaderDays: 73, version: 1 });
    const mine = await as('lingdao', 'GET', '/api/v1/records/mine');
    expect(mine.body!.frontline.pace).toMatchObject({ target: 73, expected: 16 }); // ⌊73 × 84 / 365⌋
    await as('kaoheban', 'PUT', '/api/v1/records/settings', { ...read.body, version: 1 });
  });
});

describe('visibility, as every role', () => {
  // ganbu is a cadre of a village under the town T01, whose head is danwei.
  it.each([
    ['ganbu', 200],
    ['danwei', 200],
    ['kaoheban', 200],
    ['duchashi', 200],
    ['xiaoneng', 200],
    ['lianluo', 404], // the town's liaison is no head
    ['lianluo2', 404],
    ['lingdao', 404],
    ['jiwei', 403],
    ['admin', 403],
    ['anquan', 403],
    ['shenji', 403],
  ])('the cadre’s record as %s → %i', async (who, status) => {
    expect((await as(who, 'GET', `/api/v1/records/people/${person.ganbu}`)).status).toBe(status);
  });

  it('a cadre sees only their own records; the head sees the unit’s; the offices see all', async () => {
    expect((await as('ganbu', 'GET', `/api/v1/records/people/${person.danwei}`)).status).toBe(404);
    expect((await as('ganbu', 'GET', `/api/v1/records/people/${person.lingdao}`)).status).toBe(404);
    expect((await as('danwei', 'GET', `/api/v1/records/people/${t02Head}`)).status).toBe(404);
    expect((await as('danwei', 'GET', `/api/v1/records/people/2147483`)).status).toBe(404);
    expect((await as('lingdao', 'GET', `/api/v1/records/people/${person.lingdao}`)).status).toBe(200);
    // The pace list, within each reach.
    const ids = async (who: string) => (await as(who, 'GET', '/api/v1/records/frontline/pace')).body!.items.map((i: { person: { id: number } }) => i.person.id);
    expect(await ids('ganbu')).toEqual([]);
    expect(await ids('lingdao')).toEqual([person.lingdao]);
    expect(await ids('danwei')).toEqual([person.danwei]);
    expect((await ids('kaoheban')).length).toBeGreaterThan(100);
    expect((await as('jiwei', 'GET', '/api/v1/records/frontline/pace')).status).toBe(403);
  });

  it.each([
    ['danwei', 'T01', 200],
    ['kaoheban', 'T01', 200],
    ['duchashi', 'T01', 200],
    ['danwei', 'T02', 404],
    ['lianluo', 'T01', 404],
    ['ganbu', 'T01', 404],
    ['lingdao', 'T01', 404],
    ['jiwei', 'T01', 403],
  ])('the monthly assessments of %s’s view of %s → %i', async (who, code, status) => {
    const res = await as(who, 'GET', `/api/v1/records/assessments?unitId=${code === 'T01' ? t01 : t02}&month=2026-03`);
    expect(res.status).toBe(status);
  });

  it('the pages open on the reader’s own unit and this month, and on the last quarter that ended', async () => {
    expect((await as('danwei', 'GET', '/api/v1/records/assessments')).body).toMatchObject({ month: '2026-03', quarter: '2026-Q1' });
    expect((await as('kaoheban', 'GET', '/api/v1/records/quarters')).body).toMatchObject({ quarter: '2025-Q4', ended: true });
  });
});

describe('monthly assessment (月考核) and quarterly confirmation (季审定)', () => {
  it('the head grades each cadre of the unit, never themselves, never ahead', async () => {
    const list = await as('danwei', 'GET', `/api/v1/records/assessments?unitId=${t01}&month=2026-03`);
    const ids = list.body!.items.map((i: { person: { id: number } }) => i.person.id);
    expect(ids).toContain(person.ganbu);
    expect(ids).not.toContain(person.danwei);
    expect(list.body!.items.find((i: { person: { id: number } }) => i.person.id === person.ganbu)).toMatchObject({
      assessment: null,
      weeksLogged: ['2026-W13'],
    });

    const before = await lastSeq();
    const saved = await as('danwei', 'PUT', '/api/v1/records/assessments', {
      personId: person.ganbu,
      month: '2026-03',
      grade: 'good',
      comment: '走访扎实，台账清楚',
      version: 0,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ grade: 'good', version: 1 });
    expect((await auditSince(before)).map((a) => a.action)).toEqual(['assessment.save']);
    for (const month of ['2026-01', '2026-02'])
      expect(
        (await as('danwei', 'PUT', '/api/v1/records/assessments', { personId: person.ganbu, month, grade: 'fairly_good', comment: '按时完成', version: 0 }))
          .status,
      ).toBe(200);

    expect(
      (await as('ganbu', 'PUT', '/api/v1/records/assessments', { personId: person.ganbu, month: '2026-03', grade: 'good', comment: '自评', version: 1 }))
        .status,
    ).toBe(403);
    const self = await as('danwei', 'PUT', '/api/v1/records/assessments', {
      personId: person.danwei,
      month: '2026-03',
      grade: 'good',
      comment: '自评',
      version: 0,
    });
    expect(self.body!.error).toEqual({ code: 'BAD_ASSESSMENT', message: '不能考核本人' });
    expect(
      (await as('danwei', 'PUT', '/api/v1/records/assessments', { personId: t02Head, month: '2026-03', grade: 'good', comment: '好', version: 0 })).status,
    ).toBe(404);
    const ahead = await as('danwei', 'PUT', '/api/v1/records/assessments', {
      personId: person.ganbu,
      month: '2026-04',
      grade: 'good',
      comment: '好',
      version: 0,
    });
    expect(ahead.body!.error.message).toBe('不能考核尚未开始的月份');
    // The cadre reads their own grades.
    expect((await as('ganbu', 'GET', '/api/v1/records/mine')).body!.assessments.map((a: { month: string }) => a.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
  });

  it('the assessment office confirms a quarter once ended, with a reason when it departs from the proposals; then it is frozen', async () => {
    const early = await as('kaoheban', 'POST', '/api/v1/records/confirmations', {
      personId: person.ganbu,
      quarter: '2026-Q1',
      grade: 'fairly_good',
      reason: '',
    });
    expect(early.body!.error.message).toBe('2026年第一季度尚未结束，结束后才能审定');
    await at('2026-04-03T10:00:00+08:00');
    const review = await as('kaoheban', 'GET', '/api/v1/records/quarters?quarter=2026-Q1');
    expect(review.body).toMatchObject({ ended: true, months: ['2026-01', '2026-02', '2026-03'] });
    // 较好 twice, 好 once: 较好 is what the proposals suggest.
    expect(review.body!.items).toEqual([
      expect.objectContaining({ person: expect.objectContaining({ id: person.ganbu }), suggested: 'fairly_good', confirmation: null }),
    ]);
    const noReason = await as('kaoheban', 'POST', '/api/v1/records/confirmations', { personId: person.ganbu, quarter: '2026-Q1', grade: 'good', reason: '' });
    expect(noReason.body!.error).toMatchObject({ code: 'BAD_CONFIRMATION', message: '审定等次与月度考核建议（较好）不一致，请写明理由' });
    expect(
      (await as('duchashi', 'POST', '/api/v1/records/confirmations', { personId: person.ganbu, quarter: '2026-Q1', grade: 'fairly_good', reason: '' })).status,
    ).toBe(403);
    expect((await as('danwei', 'GET', '/api/v1/records/quarters?quarter=2026-Q1')).status).toBe(403);

    const before = await lastSeq();
    const done = await as('kaoheban', 'POST', '/api/v1/records/confirmations', {
      personId: person.ganbu,
      quarter: '2026-Q1',
      grade: 'good',
      reason: '三月份在森林防火中表现突出，经考核委员会研究定为好',
    });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ grade: 'good', suggestedGrade: 'fairly_good' });
    expect((await auditSince(before)).map((a) => a.action)).toEqual(['quarter.confirm']);

    const again = await as('kaoheban', 'POST', '/api/v1/records/confirmations', { personId: person.ganbu, quarter: '2026-Q1', grade: 'average', reason: '改' });
    expect(again.status).toBe(409);
    expect(again.body!.error.code).toBe('QUARTER_CONFIRMED');
    const frozen = await as('danwei', 'PUT', '/api/v1/records/assessments', {
      personId: person.ganbu,
      month: '2026-03',
      grade: 'average',
      comment: '改评',
      version: 1,
    });
    expect(frozen.status).toBe(409);
    expect(frozen.body!.error.message).toContain('2026年第一季度已由考核委员会审定');
    expect(frozen.body!.error.message).toContain('已冻结，不能再修改');
    const page = await as('danwei', 'GET', `/api/v1/records/assessments?unitId=${t01}&month=2026-03`);
    expect(page.body!.items.find((i: { person: { id: number } }) => i.person.id === person.ganbu).confirmation).toMatchObject({ grade: 'good' });
    expect((await as('ganbu', 'GET', '/api/v1/records/mine')).body!.confirmations).toEqual([expect.objectContaining({ quarter: '2026-Q1', grade: 'good' })]);
    await at(TEST_NOW);
  });
});
