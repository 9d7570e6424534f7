import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addCalendarMonths,
  addDays,
  addWorkingDays,
  buildCalendar,
  dayOf,
  diffCalendarDays,
  endOfDay,
  expandRange,
  isValidDay,
  isWorkingDay,
  limitEnd,
  missingYearWarning,
  monthEnd,
  monthOf,
  monthStart,
  startOfDay,
  subtractWorkingDays,
  validateOverride,
  workingDaysBetween,
  type CalendarOverride,
} from './rules.js';

// The national calendar only: 2004–2026 come from chinese-days, 2027 is not published yet.
const NATIONAL = buildCalendar([]);

// Made-up 2027 New Year notice, standing in for what the admin would enter in November 2026.
const NOTICE_2027: CalendarOverride[] = [
  { day: '2027-01-01', kind: 'off', name: '元旦' },
  { day: '2027-01-02', kind: 'off', name: '元旦' },
  { day: '2027-01-03', kind: 'off', name: '元旦' },
];
const WITH_2027 = buildCalendar(NOTICE_2027, { yearsEntered: [2027] });

describe('Asia/Shanghai calendar days, whatever the process TZ', () => {
  it.each([
    ['2026-03-24T15:59:59.999Z', '2026-03-24'],
    ['2026-03-24T16:00:00.000Z', '2026-03-25'],
    ['2026-03-24T16:30:00Z', '2026-03-25'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
    ['2026-03-25T09:00:00+08:00', '2026-03-25'],
  ])('dayOf(%s) is %s', (instant, day) => {
    expect(dayOf(new Date(instant))).toBe(day);
  });

  it('a day starts at 00:00 and ends at 23:59:59.999 Shanghai time', () => {
    expect(startOfDay('2026-03-25').toISOString()).toBe('2026-03-24T16:00:00.000Z');
    expect(endOfDay('2026-03-25').toISOString()).toBe('2026-03-25T15:59:59.999Z');
    expect(dayOf(startOfDay('2026-03-25'))).toBe('2026-03-25');
    expect(dayOf(endOfDay('2026-03-25'))).toBe('2026-03-25');
  });

  it.each([
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2028-02', '2028-02-01', '2028-02-29'],
    ['2026-12', '2026-12-01', '2026-12-31'],
    ['2026-04', '2026-04-01', '2026-04-30'],
  ])('month %s runs from %s to %s', (month, first, last) => {
    expect(monthStart(month)).toBe(first);
    expect(monthEnd(month)).toBe(last);
    expect(monthOf(last)).toBe(month);
  });

  it.each([
    ['2026-02-27', 2, '2026-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-25', 0, '2026-03-25'],
  ])('%s plus %i calendar days is %s, and the difference comes back', (day, n, expected) => {
    expect(addCalendarDays(day, n)).toBe(expected);
    expect(diffCalendarDays(day, expected)).toBe(n);
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-30', false],
    ['2026-2-3', false],
    ['2026/02/03', false],
    [20260203, false],
  ])('isValidDay(%s) is %s', (value, valid) => {
    expect(isValidDay(value)).toBe(valid);
  });

  it('refuses to count from a day that does not exist', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow('不是有效日期');
  });
});

describe('isWorkingDay follows the State Council notice in chinese-days', () => {
  it.each([
    ['2026-02-13', 'Friday before Spring Festival', true],
    ['2026-02-14', 'Saturday, 调休上班 for Spring Festival', true],
    ['2026-02-16', 'Monday in Spring Festival', false],
    ['2026-02-23', 'Monday, last day of Spring Festival', false],
    ['2026-02-24', 'Tuesday after Spring Festival', true],
    ['2026-02-28', 'Saturday, 调休上班 after Spring Festival', true],
    ['2026-03-01', 'an ordinary Sunday', false],
    ['2026-09-20', 'Sunday, 调休上班 for National Day', true],
    ['2026-10-05', 'Monday in National Day', false],
    ['2026-10-10', 'Saturday, 调休上班 after National Day', true],
  ])('%s (%s) working: %s', (day, _what, working) => {
    expect(isWorkingDay(NATIONAL, day)).toEqual({ working, provisional: false });
  });
});

describe('addWorkingDays counts from the day after assignment', () => {
  it.each([
    ['2026-02-12', 3, '2026-02-24', '3 个工作日 over Spring Festival: 02-13, 调休 02-14, then 02-24'],
    ['2026-02-13', 7, '2026-03-02', '7 working days: 02-14, 02-24..02-27, 调休 02-28, 03-02'],
    ['2026-02-13', 1, '2026-02-14', 'the 调休 Saturday is the first working day'],
    ['2026-09-30', 1, '2026-10-08', 'National Day is skipped'],
    ['2026-09-30', 3, '2026-10-10', 'the 调休 Saturday after National Day counts'],
    ['2026-09-19', 1, '2026-09-20', 'the 调休 Sunday before National Day counts'],
    ['2026-03-20', 1, '2026-03-23', 'an ordinary weekend is skipped'],
    ['2026-03-24', 0, '2026-03-24', 'n = 0 on a working day is that day'],
    ['2026-02-15', 0, '2026-02-24', 'n = 0 on a holiday is the next working day'],
  ])('%s + %i working days = %s (%s)', (day, n, expected) => {
    expect(addWorkingDays(NATIONAL, day, n)).toEqual({ day: expected, provisional: false });
  });

  it.each([-1, 1.5])('refuses n = %s', (n) => {
    expect(() => addWorkingDays(NATIONAL, '2026-03-24', n)).toThrow('非负整数');
  });

  it.each([
    ['2026-02-12', 3],
    ['2026-02-13', 7],
    ['2026-09-30', 3],
    ['2026-12-30', 5],
  ])('workingDaysBetween(%s, the deadline) gives back %i', (day, n) => {
    const deadline = addWorkingDays(NATIONAL, day, n).day;
    expect(workingDaysBetween(NATIONAL, day, deadline).count).toBe(n);
  });
});

describe('workingDaysBetween counts (from, to]', () => {
  it.each([
    ['2026-02-12', '2026-02-24', 3, 'across Spring Festival'],
    ['2026-03-23', '2026-03-27', 4, 'Monday excluded, Friday included'],
    ['2026-03-27', '2026-03-27', 0, 'the same day'],
    ['2026-03-27', '2026-03-23', -4, 'backwards, as for days overdue'],
  ])('%s → %s is %i (%s)', (from, to, count) => {
    expect(workingDaysBetween(NATIONAL, from, to)).toEqual({ count, provisional: false });
  });

  it('is provisional when it crosses a year without data', () => {
    expect(workingDaysBetween(NATIONAL, '2026-12-30', '2027-01-04')).toEqual({ count: 3, provisional: true });
  });
});

describe('addDays dispatches on the mode', () => {
  it.each([
    ['calendar', '2026-02-15'],
    ['working', '2026-02-24'],
  ] as const)('2026-02-12 + 3 %s days = %s', (mode, expected) => {
    expect(addDays(NATIONAL, '2026-02-12', 3, mode)).toEqual({ day: expected, provisional: false });
  });
});

describe('a year without data falls back to Monday–Friday, marked provisional', () => {
  it.each([
    ['2027-01-01', 'Friday', true],
    ['2027-01-02', 'Saturday', false],
    ['2027-01-04', 'Monday', true],
  ])('%s (%s) is working: %s, provisional', (day, _weekday, working) => {
    expect(isWorkingDay(NATIONAL, day)).toEqual({ working, provisional: true });
  });

  it('a deadline reaching into 2027 is provisional', () => {
    expect(addWorkingDays(NATIONAL, '2026-12-30', 3)).toEqual({ day: '2027-01-04', provisional: true });
  });

  it('once the 2027 notice is entered, the same deadline is exact', () => {
    expect(isWorkingDay(WITH_2027, '2027-01-01')).toEqual({ working: false, provisional: false });
    expect(isWorkingDay(WITH_2027, '2027-01-04')).toEqual({ working: true, provisional: false });
    expect(addWorkingDays(WITH_2027, '2026-12-30', 3)).toEqual({ day: '2027-01-05', provisional: false });
  });

  it('n = 0 on a provisional day is provisional', () => {
    expect(addWorkingDays(NATIONAL, '2027-03-01', 0)).toEqual({ day: '2027-03-01', provisional: true });
  });

  it('an override in a year without data is exact for that day only', () => {
    const cal = buildCalendar([{ day: '2027-03-01', kind: 'off', name: '县里放假' }]);
    expect(isWorkingDay(cal, '2027-03-01')).toEqual({ working: false, provisional: false });
    expect(isWorkingDay(cal, '2027-03-02')).toEqual({ working: true, provisional: true });
  });
});

describe('county overrides win over the national calendar', () => {
  const COUNTY = buildCalendar([
    { day: '2026-03-12', kind: 'off', name: '县里放假' },
    { day: '2026-03-21', kind: 'work', name: '县里补班' },
  ]);

  it('a county day off shifts a deadline', () => {
    expect(addWorkingDays(NATIONAL, '2026-03-10', 3).day).toBe('2026-03-13');
    expect(addWorkingDays(COUNTY, '2026-03-10', 3).day).toBe('2026-03-16');
  });

  it('a county working Saturday counts', () => {
    expect(isWorkingDay(COUNTY, '2026-03-21')).toEqual({ working: true, provisional: false });
    expect(addWorkingDays(COUNTY, '2026-03-20', 1).day).toBe('2026-03-21');
  });

  it('an override can cancel a national holiday', () => {
    const cal = buildCalendar([
      { day: '2026-10-08', kind: 'off' },
      { day: '2026-10-07', kind: 'work' },
    ]);
    expect(isWorkingDay(cal, '2026-10-07').working).toBe(true);
    expect(isWorkingDay(cal, '2026-10-08').working).toBe(false);
  });
});

describe('missingYearWarning tells the admin to enter next year from 1 November', () => {
  const WARNING_2027 = '尚未录入 2027 年法定节假日安排（国务院办公厅通知），2027 年的期限将按周一至周五临时计算，请系统管理员尽快录入。';

  it.each([
    ['2026-10-31', NATIONAL, null],
    ['2026-11-01', NATIONAL, WARNING_2027],
    ['2026-12-31', NATIONAL, WARNING_2027],
    ['2026-11-01', WITH_2027, null],
    ['2027-03-01', NATIONAL, WARNING_2027],
    ['2027-03-01', WITH_2027, null],
  ])('on %s', (today, cal, warning) => {
    expect(missingYearWarning(cal, today)).toBe(warning);
  });
});

describe('validateOverride', () => {
  it.each([
    ['a day off', { day: '2026-03-12', kind: 'off', name: '县里放假' }],
    ['an adjusted working day', { day: '2026-03-21', kind: 'work' }],
    ['a range', { from: '2027-02-06', to: '2027-02-12', kind: 'off', name: '春节' }],
    ['a one-day range', { from: '2027-02-06', to: '2027-02-06', kind: 'off' }],
    ['a 31-day range', { from: '2027-01-01', to: '2027-01-31', kind: 'off' }],
  ])('accepts %s', (_what, input) => {
    expect(validateOverride(input)).toEqual([]);
  });

  it.each([
    ['a date that does not exist', { day: '2026-02-30', kind: 'off' }, ['日期不存在：2026-02-30']],
    ['a date not in YYYY-MM-DD', { day: '2026/3/12', kind: 'off' }, ['日期格式应为 YYYY-MM-DD：2026/3/12']],
    ['a date that is not text', { day: 20260312, kind: 'off' }, ['日期格式应为 YYYY-MM-DD：20260312']],
    ['no date at all', { kind: 'off' }, ['请填写日期，或开始日期和结束日期']],
    ['an unknown kind', { day: '2026-03-12', kind: 'holiday' }, ['类型只能是放假（off）或调休上班（work）']],
    ['a name that is not text', { day: '2026-03-12', kind: 'off', name: 1 }, ['名称应为文字']],
    ['a range ending before it starts', { from: '2027-02-12', to: '2027-02-06', kind: 'off' }, ['结束日期不能早于开始日期']],
    ['a range longer than 31 days', { from: '2027-01-01', to: '2027-02-01', kind: 'off' }, ['一次最多录入 31 天']],
    ['a range without an end', { from: '2027-02-06', kind: 'off' }, ['请填写结束日期']],
    ['a range with a bad start', { from: '2027-02-29', to: '2027-03-01', kind: 'off' }, ['开始日期不存在：2027-02-29']],
  ])('refuses %s', (_what, input, problems) => {
    expect(validateOverride(input)).toEqual(problems);
  });
});

describe('expandRange', () => {
  it('gives one override per day, both ends included, across a month end', () => {
    expect(expandRange({ from: '2027-02-27', to: '2027-03-02', kind: 'off', name: '春节' })).toEqual([
      { day: '2027-02-27', kind: 'off', name: '春节' },
      { day: '2027-02-28', kind: 'off', name: '春节' },
      { day: '2027-03-01', kind: 'off', name: '春节' },
      { day: '2027-03-02', kind: 'off', name: '春节' },
    ]);
  });

  it('refuses a range validateOverride refuses', () => {
    expect(() => expandRange({ from: '2027-01-01', to: '2027-03-01', kind: 'off' })).toThrow('一次最多录入 31 天');
  });

  it('feeds buildCalendar: an entered notice makes its year exact', () => {
    const cal = buildCalendar(
      [
        ...expandRange({ from: '2027-02-06', to: '2027-02-12', kind: 'off', name: '春节' }),
        ...expandRange({ from: '2027-02-20', to: '2027-02-20', kind: 'work', name: '春节' }),
      ],
      { yearsEntered: [2027] },
    );
    expect(addWorkingDays(cal, '2027-02-05', 2)).toEqual({ day: '2027-02-16', provisional: false });
    expect(isWorkingDay(cal, '2027-02-20')).toEqual({ working: true, provisional: false });
  });
});

describe('time limits (issue 9): calendar months, holidays at the end, working days back', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-15', 1, '2026-04-15'],
    ['2026-12-20', 1, '2027-01-20'],
    ['2026-05-31', 3, '2026-08-31'],
    ['2026-11-30', 3, '2027-02-28'],
  ])('%s plus %i calendar month(s) is %s', (day, n, expected) => {
    expect(addCalendarMonths(day, n)).toBe(expected);
  });

  it.each([
    ['working days are unchanged', '2026-02-12', 3, 'working', '2026-02-24', false],
    ['calendar days ending on a working day stay', '2026-03-02', 7, 'calendar', '2026-03-09', false],
    ['calendar days ending on a Sunday move to Monday', '2026-03-01', 14, 'calendar', '2026-03-16', false],
    ['calendar days ending in the Spring Festival move past it', '2026-02-09', 7, 'calendar', '2026-02-24', false],
    ['a month ending in the Spring Festival moves past it', '2026-01-20', 1, 'month', '2026-02-24', false],
    ['a month is not 30 days', '2026-03-15', 1, 'month', '2026-04-15', false],
    ['a month ending in a year without holiday data is provisional', '2026-12-15', 1, 'month', '2027-01-15', true],
  ] as const)('limitEnd: %s', (_, day, n, kind, expected, provisional) => {
    expect(limitEnd(NATIONAL, day, n, kind)).toEqual({ day: expected, provisional });
  });

  it.each([
    // Three working days before Tue 2026-02-24 (after the Spring Festival 02-15…02-23): 02-14 (a working Saturday), 02-13, 02-12.
    ['2026-02-24', 3, '2026-02-12'],
    ['2026-03-10', 3, '2026-03-05'],
    ['2026-03-09', 1, '2026-03-06'],
  ])('the %s minus %i working days is %s', (day, n, expected) => {
    expect(subtractWorkingDays(NATIONAL, day, n)).toEqual({ day: expected, provisional: false });
  });
});
