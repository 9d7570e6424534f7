import { count, desc, gt } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../test/api.js';
import { testDeps, type TestDeps } from '../../test/db.js';
import { auditLog } from '../modules/audit/schema.js';
import { calendarDays, calendarYears } from './schema.js';

// The file runs on Saturday 2026-10-31, the eve of the November warning, unless a test moves the clock.
// The demo accounts are seeded that day too, so their passwords have not expired by 1 November.
const OCT_31 = '2026-10-31T09:00:00+08:00';
const NOV_1 = '2026-11-01T09:00:00+08:00';

let deps: TestDeps;
let app: TestApp;
let admin: string;
let office: string;

beforeAll(async () => {
  deps = await testDeps();
  deps.clock.set(OCT_31);
  app = await demoApp(deps);
  admin = await login(app, 'admin');
  office = await login(app, 'duchashi');
});
afterEach(() => deps.clock.set(OCT_31));
afterAll(() => deps?.close());

async function lastSeq() {
  const [row] = await deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row?.seq ?? 0;
}

// The one audit entry a write left (logins are not the write's own).
async function onlyAuditSince(seq: number, action: string) {
  const entries = (await deps.db.select().from(auditLog).where(gt(auditLog.seq, seq))).filter((e) => e.action !== 'auth.login');
  expect(entries.map((e) => e.action)).toEqual([action]);
  expect(entries[0]).toMatchObject({ result: 'success' });
  return entries[0]!;
}

async function savedRows() {
  const [days] = await deps.db.select({ n: count() }).from(calendarDays);
  const [years] = await deps.db.select({ n: count() }).from(calendarYears);
  return { days: days!.n, years: years!.n };
}

const workingDaysAfter = async (cookie: string, from: string, days: number) =>
  (await call(app, cookie, 'POST', '/api/v1/calendar/add', { from, days, kind: 'working' })).body;
const dayOfCalendar = async (cookie: string, day: string) => {
  const res = await call(app, cookie, 'GET', `/api/v1/calendar?month=${day.slice(0, 7)}`);
  return res.body!.days.find((d: { day: string }) => d.day === day);
};

describe('reading the calendar', () => {
  it('a year lists every day, each with whether it is worked and where that comes from', async () => {
    const res = await call(app, office, 'GET', '/api/v1/calendar?year=2026');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ yearHasData: true, entered: null, warning: null });
    const byDay = new Map(res.body!.days.map((d: { day: string }) => [d.day, d]));
    expect(byDay.size).toBe(365);
    expect(byDay.get('2026-02-17')).toEqual({ day: '2026-02-17', working: false, provisional: false, source: 'national', name: '春节' });
    expect(byDay.get('2026-02-28')).toEqual({ day: '2026-02-28', working: true, provisional: false, source: 'national', name: '春节' }); // 调休上班, a Saturday
    expect(byDay.get('2026-03-04')).toEqual({ day: '2026-03-04', working: true, provisional: false, source: 'weekday', name: '' });
    expect(byDay.get('2026-03-07')).toEqual({ day: '2026-03-07', working: false, provisional: false, source: 'weekday', name: '' });
  });

  it('a month lists that month; without either, this year', async () => {
    const month = await call(app, office, 'GET', '/api/v1/calendar?month=2026-02');
    expect(month.body!.days.map((d: { day: string }) => d.day)).toEqual(Array.from({ length: 28 }, (_, i) => `2026-02-${String(i + 1).padStart(2, '0')}`));
    const year = await call(app, office, 'GET', '/api/v1/calendar');
    expect(year.body!.days).toHaveLength(365);
    expect(year.body!.days[0].day).toBe('2026-01-01');
  });

  it('a year without holiday data is counted Monday to Friday and marked provisional', async () => {
    const res = await call(app, office, 'GET', '/api/v1/calendar?year=2027');
    expect(res.body!.yearHasData).toBe(false);
    expect(res.body!.days.every((d: { provisional: boolean }) => d.provisional)).toBe(true);
    expect(res.body!.days[0]).toEqual({ day: '2027-01-01', working: true, provisional: true, source: 'weekday', name: '' });
  });

  it.each([
    ['year=1999', '年份应在 2000 至 2099 之间'],
    ['month=2026-13', '月份格式应为 YYYY-MM'],
    ['year=2026&month=2026-02', '年份和月份只能填一个'],
  ])('?%s → 400', async (query, message) => {
    const res = await call(app, office, 'GET', `/api/v1/calendar?${query}`);
    expect(res.status).toBe(400);
    expect(res.body!.error.message).toContain(message);
  });
});

describe('a county day off', () => {
  it('moves "3 个工作日后" by a day, and deleting it moves it back', async () => {
    // Wednesday 2026-11-04: Thu 05, Fri 06, Mon 09.
    expect(await workingDaysAfter(office, '2026-11-04', 3)).toEqual({ day: '2026-11-09', provisional: false });

    let seq = await lastSeq();
    const set = await call(app, admin, 'POST', '/api/v1/calendar/overrides', { from: '2026-11-06', to: '2026-11-06', kind: 'off', name: '县庆' });
    expect(set.status).toBe(200);
    expect(set.body!.items).toMatchObject([{ day: '2026-11-06', kind: 'off', name: '县庆' }]);
    const entry = await onlyAuditSince(seq, 'calendar.override');
    expect(entry).toMatchObject({
      targetType: 'calendar_day',
      targetId: '2026-11-06~2026-11-06',
      before: [],
      after: [{ day: '2026-11-06', kind: 'off', name: '县庆' }],
    });

    expect(await workingDaysAfter(office, '2026-11-04', 3)).toEqual({ day: '2026-11-10', provisional: false });
    expect(await dayOfCalendar(office, '2026-11-06')).toEqual({ day: '2026-11-06', working: false, provisional: false, source: 'override', name: '县庆' });
    expect((await call(app, office, 'GET', '/api/v1/calendar/overrides?year=2026')).body!.items).toMatchObject([
      { day: '2026-11-06', kind: 'off', name: '县庆' },
    ]);

    seq = await lastSeq();
    expect((await call(app, admin, 'DELETE', '/api/v1/calendar/overrides/2026-11-06')).status).toBe(204);
    expect(await onlyAuditSince(seq, 'calendar.override_delete')).toMatchObject({ targetId: '2026-11-06', before: { day: '2026-11-06', kind: 'off' } });
    expect(await workingDaysAfter(office, '2026-11-04', 3)).toEqual({ day: '2026-11-09', provisional: false });
    expect(await dayOfCalendar(office, '2026-11-06')).toMatchObject({ working: true, source: 'weekday' });
  });

  it('a second entry for the same day replaces the first, and its audit entry shows both', async () => {
    await call(app, admin, 'POST', '/api/v1/calendar/overrides', { from: '2026-11-19', to: '2026-11-20', kind: 'off', name: '防汛' });
    const seq = await lastSeq();
    const res = await call(app, admin, 'POST', '/api/v1/calendar/overrides', { from: '2026-11-20', to: '2026-11-21', kind: 'work', name: '补班' });
    expect(res.body!.items.map((d: { day: string }) => d.day)).toEqual(['2026-11-20', '2026-11-21']);
    const entry = await onlyAuditSince(seq, 'calendar.override');
    expect(entry.before).toMatchObject([{ day: '2026-11-20', kind: 'off', name: '防汛' }]);
    expect(entry.after).toMatchObject([
      { day: '2026-11-20', kind: 'work', name: '补班' },
      { day: '2026-11-21', kind: 'work', name: '补班' },
    ]);
    expect(await dayOfCalendar(office, '2026-11-21')).toEqual({ day: '2026-11-21', working: true, provisional: false, source: 'override', name: '补班' });
  });

  it.each([
    [{ from: '2026-11-04', days: 3, kind: 'calendar' }, '2026-11-07'],
    [{ from: '2026-10-31', days: 0, kind: 'working' }, '2026-11-02'], // a Saturday: 0 working days lands on Monday
    [{ from: '2026-09-30', days: 1, kind: 'working' }, '2026-10-08'], // over the National Day holiday
  ])('the calculator: %o → %s', async (input, day) => {
    expect((await call(app, office, 'POST', '/api/v1/calendar/add', input)).body).toEqual({ day, provisional: false });
  });
});

describe("next year's State Council notice", () => {
  it('is warned about from 1 November, and once entered and marked its dates are no longer provisional', async () => {
    expect((await call(app, office, 'GET', '/api/v1/calendar/warning')).body).toEqual({ warning: null });

    // Moving a day on ends the old sessions (30 idle minutes), so sign in again.
    deps.clock.set(NOV_1);
    const officeNov = await login(app, 'duchashi');
    const adminNov = await login(app, 'admin');
    const warning = (await call(app, officeNov, 'GET', '/api/v1/calendar/warning')).body!.warning;
    expect(warning).toContain('尚未录入 2027 年法定节假日安排');
    expect((await call(app, officeNov, 'GET', '/api/v1/calendar?year=2026')).body!.warning).toBe(warning);
    // Thu 31 Dec, then 2027 counted Monday to Friday.
    expect(await workingDaysAfter(officeNov, '2026-12-30', 3)).toEqual({ day: '2027-01-04', provisional: true });

    const notice = [
      { from: '2027-01-01', to: '2027-01-03', kind: 'off', name: '元旦' },
      { from: '2027-02-06', to: '2027-02-12', kind: 'off', name: '春节' },
      { from: '2027-02-20', to: '2027-02-20', kind: 'work', name: '春节' },
    ];
    for (const range of notice) {
      const seq = await lastSeq();
      expect((await call(app, adminNov, 'POST', '/api/v1/calendar/overrides', range)).status).toBe(200);
      await onlyAuditSince(seq, 'calendar.override');
    }
    // Entered but not yet marked: the entered days are sure, the rest of 2027 still provisional.
    expect(await dayOfCalendar(officeNov, '2027-01-01')).toEqual({ day: '2027-01-01', working: false, provisional: false, source: 'override', name: '元旦' });
    expect(await dayOfCalendar(officeNov, '2027-01-04')).toMatchObject({ working: true, provisional: true });
    expect((await call(app, officeNov, 'GET', '/api/v1/calendar/warning')).body!.warning).toBe(warning);

    let seq = await lastSeq();
    const marked = await call(app, adminNov, 'POST', '/api/v1/calendar/years/2027', { note: '国办发明电〔2026〕9号' });
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ year: 2027, note: '国办发明电〔2026〕9号', enteredAt: new Date(NOV_1).toISOString() });
    expect(await onlyAuditSince(seq, 'calendar.year_enter')).toMatchObject({
      targetType: 'calendar_year',
      targetId: '2027',
      before: null,
      after: { year: 2027 },
    });

    const year2027 = (await call(app, officeNov, 'GET', '/api/v1/calendar?year=2027')).body!;
    expect(year2027).toMatchObject({ yearHasData: true, entered: { year: 2027, note: '国办发明电〔2026〕9号' }, warning: null });
    expect(year2027.days.filter((d: { provisional: boolean }) => d.provisional)).toEqual([]);
    expect(year2027.days.find((d: { day: string }) => d.day === '2027-02-20')).toMatchObject({ working: true, source: 'override' }); // a Saturday
    expect(await workingDaysAfter(officeNov, '2026-12-30', 3)).toEqual({ day: '2027-01-05', provisional: false });
    expect((await call(app, officeNov, 'GET', '/api/v1/calendar/warning')).body).toEqual({ warning: null });

    // Undoing the mark brings the warning back.
    seq = await lastSeq();
    expect((await call(app, adminNov, 'DELETE', '/api/v1/calendar/years/2027')).status).toBe(204);
    expect(await onlyAuditSince(seq, 'calendar.year_delete')).toMatchObject({ targetId: '2027', before: { year: 2027 } });
    expect((await call(app, officeNov, 'GET', '/api/v1/calendar/warning')).body!.warning).toBe(warning);
    expect(await dayOfCalendar(officeNov, '2027-01-04')).toMatchObject({ provisional: true });
    expect((await call(app, adminNov, 'DELETE', '/api/v1/calendar/years/2027')).body!.error).toEqual({
      code: 'CALENDAR_YEAR_NOT_FOUND',
      message: '2027 年未标记为已录入',
    });
  });

  it.each([1999, 2029])('marking %i is refused: only 2000 up to two years ahead', async (year) => {
    const before = await savedRows();
    const res = await call(app, admin, 'POST', `/api/v1/calendar/years/${year}`, { note: '' });
    expect(res.status).toBe(400);
    expect(res.body!.error).toEqual({ code: 'INVALID_CALENDAR_YEAR', message: '只能标记 2000 年至 2028 年的节假日安排' });
    expect(await savedRows()).toEqual(before);
  });

  it('two years ahead may be marked', async () => {
    expect((await call(app, admin, 'POST', '/api/v1/calendar/years/2028', { note: '' })).status).toBe(200);
    expect((await call(app, admin, 'DELETE', '/api/v1/calendar/years/2028')).status).toBe(204);
  });
});

describe('bad input is refused with a clear message and nothing is saved', () => {
  it.each([
    ['a date that does not exist', { from: '2026-02-30', to: '2026-03-01', kind: 'off' }, '开始日期不存在：2026-02-30'],
    ['an unknown kind', { from: '2026-12-01', to: '2026-12-01', kind: 'holiday' }, '类型只能是放假（off）或调休上班（work）'],
    ['an end before the start', { from: '2026-12-10', to: '2026-12-01', kind: 'off' }, '结束日期不能早于开始日期'],
    ['a 40-day range', { from: '2026-12-01', to: '2027-01-09', kind: 'off' }, '一次最多录入 31 天'],
    ['no start', { to: '2026-12-01', kind: 'off' }, '请填写开始日期'],
  ])('override with %s → 400', async (_case, body, message) => {
    const [before, seq] = [await savedRows(), await lastSeq()];
    const res = await call(app, admin, 'POST', '/api/v1/calendar/overrides', body);
    expect(res.status).toBe(400);
    expect(res.body!.error.code).toBe('INVALID_CALENDAR_OVERRIDE');
    expect(res.body!.error.message).toContain(message);
    expect(await savedRows()).toEqual(before);
    expect(await lastSeq()).toBe(seq);
  });

  it.each([
    [{ from: '2026-11-04', days: 367, kind: 'working' }, '天数应在 0 至 366 之间'],
    [{ from: '2026-11-04', days: -1, kind: 'working' }, '天数应在 0 至 366 之间'],
    [{ from: '2026-11-04', days: 1.5, kind: 'working' }, '天数应为整数'],
    [{ from: '2026-02-30', days: 3, kind: 'working' }, '日期应为存在的日期，格式 YYYY-MM-DD'],
    [{ from: '2026-11-04', days: 3, kind: 'hours' }, '类型只能是自然日（calendar）或工作日（working）'],
  ])('the calculator refuses %o', async (body, message) => {
    const res = await call(app, office, 'POST', '/api/v1/calendar/add', body);
    expect(res.status).toBe(400);
    expect(res.body!.error.message).toContain(message);
  });

  it('deleting a day that does not exist is 400, a day without an entry 404', async () => {
    expect((await call(app, admin, 'DELETE', '/api/v1/calendar/overrides/2026-02-30')).status).toBe(400);
    const res = await call(app, admin, 'DELETE', '/api/v1/calendar/overrides/2026-12-25');
    expect(res.status).toBe(404);
    expect(res.body!.error).toEqual({ code: 'CALENDAR_DAY_NOT_FOUND', message: '2026-12-25 没有自定义安排' });
  });
});

describe('permissions', () => {
  it.each([
    ['POST', '/api/v1/calendar/overrides', { from: '2026-12-01', to: '2026-12-01', kind: 'off', name: '县庆' }],
    ['DELETE', '/api/v1/calendar/overrides/2026-11-20', undefined],
    ['POST', '/api/v1/calendar/years/2027', { note: '' }],
    ['DELETE', '/api/v1/calendar/years/2027', undefined],
  ])('the office may not %s %s: 403, recorded, nothing saved', async (method, path, body) => {
    const [before, seq] = [await savedRows(), await lastSeq()];
    const res = await call(app, office, method, path, body);
    expect(res.status).toBe(403);
    expect(res.body!.error.code).toBe('FORBIDDEN');
    expect(await savedRows()).toEqual(before);
    const entries = await deps.db.select().from(auditLog).where(gt(auditLog.seq, seq));
    expect(entries).toMatchObject([{ action: 'access.denied', result: 'failure', targetId: `${method} ${path}` }]);
  });

  it.each(['admin', 'duchashi', 'kaoheban', 'jiwei', 'lingdao', 'danwei', 'lianluo', 'ganbu'])('%s reads the calendar', async (username) => {
    expect((await call(app, await login(app, username), 'GET', '/api/v1/calendar/warning')).status).toBe(200);
  });

  it.each(['anquan', 'shenji'])('%s (security or audit administrator) does not', async (username) => {
    expect((await call(app, await login(app, username), 'GET', '/api/v1/calendar?year=2026')).status).toBe(403);
  });

  it('without a session: 401', async () => {
    expect((await call(app, null, 'GET', '/api/v1/calendar')).status).toBe(401);
  });
});
