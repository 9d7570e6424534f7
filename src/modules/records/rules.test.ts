import { describe, expect, it } from 'vitest';
import { weekStart } from '../plans/rules.js';
import {
  assessmentProblems,
  confirmationProblems,
  DEFAULT_RECORDS_SETTINGS,
  frontlineDayProblems,
  frontlineRoleOf,
  isoWeekOf,
  lastEndedQuarter,
  mayRead,
  monthsOfQuarter,
  paceOn,
  paceRow,
  quarterOfMonth,
  settingsProblems,
  suggestedGrade,
  weekLockDay,
  workLogProblems,
  workLogWritable,
} from './rules.js';

describe('frontline pace on a date (calendar days: ⌊target × days elapsed incl. the date / days in the year⌋)', () => {
  it.each([
    [60, '2026-01-01', 0], // 60 × 1 / 365
    [60, '2026-01-07', 1], // 60 × 7 / 365 = 1.15
    [60, '2026-06-30', 29], // 60 × 181 / 365 = 29.75
    [60, '2026-11-30', 54], // 60 × 334 / 365 = 54.9
    [60, '2026-12-31', 60],
    [80, '2026-07-02', 40], // 80 × 183 / 365 = 40.1
    [100, '2026-11-30', 91], // 100 × 334 / 365 = 91.5
    [100, '2028-02-29', 16], // leap year: 100 × 60 / 366 = 16.4
    [60, '2028-12-31', 60],
  ])('target %i on %s → %i expected', (target, day, expected) => {
    expect(paceOn(target, day)).toBe(expected);
  });

  it.each([
    // target, done, day, behind, short
    [60, 54, '2026-11-30', false, 0],
    [60, 53, '2026-11-30', true, 1],
    [60, 70, '2026-11-30', false, 0],
    [100, 80, '2026-11-30', true, 11],
    [80, 0, '2026-01-03', false, 0], // 80 × 3 / 365 = 0.66: nobody is behind on 3 January
    [80, 0, '2026-01-05', true, 1], // 80 × 5 / 365 = 1.1
  ])('target %i with %i days done on %s: behind %s, short by %i', (target, done, day, behind, short) => {
    expect(paceRow(target, done, day)).toMatchObject({ behind, short });
  });

  it.each([
    [{ isLeader: true, headOfKind: null }, 'county_leader'],
    [{ isLeader: false, headOfKind: 'town' }, 'town_secretary'],
    [{ isLeader: false, headOfKind: 'city_dept' }, 'department_head'],
    [{ isLeader: false, headOfKind: 'vertical' }, 'department_head'],
    [{ isLeader: false, headOfKind: 'group_office' }, 'department_head'],
    [{ isLeader: false, headOfKind: 'village' }, null],
    [{ isLeader: false, headOfKind: null }, null],
  ] as const)('%o has the target of %s', (person, role) => {
    expect(frontlineRoleOf(person)).toBe(role);
  });

  it.each([
    [{ day: '2026-11-30', place: '城关街道', purpose: '调研' }, []],
    [{ day: '2026-12-01', place: '城关街道', purpose: '调研' }, ['不能登记今天以后的一线工作日']],
    [{ day: '2026-10-30', place: '城关街道', purpose: '调研' }, ['只能登记近 30 天内的一线工作日']],
    [{ day: '2026-10-31', place: '城关街道', purpose: '调研' }, []],
    [{ day: '2026-02-30', place: ' ', purpose: '' }, ['日期不正确', '请填写地点', '请填写事由']],
  ])('frontline day %o on 2026-11-30 → %o', (input, problems) => {
    expect(frontlineDayProblems(input, '2026-11-30')).toEqual(problems);
  });
});

describe('weekly log: ISO weeks and the lock', () => {
  it.each([
    ['2026-01-01', '2026-W01'],
    ['2025-12-29', '2026-W01'],
    ['2025-12-28', '2025-W52'],
    ['2027-01-01', '2026-W53'],
    ['2026-11-30', '2026-W49'],
    ['2026-11-29', '2026-W48'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeekOf(day)).toBe(week);
    const monday = weekStart(week)!;
    expect(day >= monday && day <= weekLockDay(week, 0)).toBe(true);
  });

  it.each([
    // week, today, grace, writable
    ['2026-W48', '2026-11-22', 2, false], // before its Monday
    ['2026-W48', '2026-11-23', 2, true],
    ['2026-W48', '2026-11-29', 0, true], // its Sunday
    ['2026-W48', '2026-11-30', 0, false], // no grace: locked on Monday
    ['2026-W48', '2026-12-01', 2, true], // the last day of grace
    ['2026-W48', '2026-12-02', 2, false],
    ['2026-W99', '2026-12-02', 2, false],
  ])('%s on %s with %i days of grace: writable %s', (week, today, grace, ok) => {
    expect(workLogWritable(week, today, grace).ok).toBe(ok);
  });

  it('says when the week locked', () => {
    expect(workLogWritable('2026-W48', '2026-12-02', 2)).toEqual({
      ok: false,
      locked: true,
      message: '2026年第48周（11月23日—11月29日）的记实已于12月1日截止填写，已锁定，不能再修改',
    });
    expect(workLogProblems({ done: ' ', planned: '' })).toEqual(['请填写本周完成的工作', '请填写下周计划']);
    expect(workLogProblems({ done: 'x'.repeat(2001), planned: 'y' })).toEqual(['每项不超过 2000 字']);
  });
});

describe('grades: monthly proposals and the quarter that stands', () => {
  it.each([
    [[], null],
    [[{ month: '2026-07', grade: 'good' }], 'good'],
    [
      [
        { month: '2026-07', grade: 'good' },
        { month: '2026-08', grade: 'fairly_good' },
        { month: '2026-09', grade: 'good' },
      ],
      'good',
    ],
    // a tie: the latest month's grade among the tied
    [
      [
        { month: '2026-07', grade: 'average' },
        { month: '2026-08', grade: 'good' },
      ],
      'good',
    ],
    [
      [
        { month: '2026-09', grade: 'poor' },
        { month: '2026-07', grade: 'good' },
        { month: '2026-08', grade: 'average' },
      ],
      'poor',
    ],
  ] as const)('proposals %o suggest %s', (proposals, grade) => {
    expect(suggestedGrade([...proposals])).toBe(grade);
  });

  it.each([
    // quarter, grade, reason, suggested, today, problems
    ['2026-Q3', 'good', '', 'good', '2026-10-01', []],
    ['2026-Q3', 'fairly_good', '', 'good', '2026-10-01', ['审定等次与月度考核建议（好）不一致，请写明理由']],
    ['2026-Q3', 'fairly_good', '九月份信访化解工作出现反复', 'good', '2026-10-01', []],
    ['2026-Q3', 'good', '', null, '2026-10-01', ['该季度没有月度考核建议，请写明审定理由']],
    ['2026-Q3', 'good', '', 'good', '2026-09-30', ['2026年第三季度尚未结束，结束后才能审定']],
    ['2026-Q5', 'best', '', null, '2026-10-01', ['季度不正确', '审定等次应为好、较好、一般、较差之一']],
  ] as const)('confirm %s as %s (reason %j, suggested %s) on %s → %o', (quarter, grade, reason, suggested, today, problems) => {
    expect(confirmationProblems({ quarter, grade, reason, suggested }, today)).toEqual(problems);
  });

  it.each([
    [{ month: '2026-11', grade: 'good', comment: '工作扎实' }, []],
    [{ month: '2026-12', grade: 'good', comment: '工作扎实' }, ['不能考核尚未开始的月份']],
    [{ month: '2026-13', grade: 'great', comment: '' }, ['月份不正确', '考核等次应为好、较好、一般、较差之一', '请填写考核评语']],
  ])('assess %o on 2026-11-30 → %o', (input, problems) => {
    expect(assessmentProblems(input, '2026-11-30')).toEqual(problems);
  });

  it('quarters and their months', () => {
    expect(quarterOfMonth('2026-09')).toBe('2026-Q3');
    expect(quarterOfMonth('2026-10')).toBe('2026-Q4');
    expect(monthsOfQuarter('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(lastEndedQuarter('2026-11-30')).toBe('2026-Q3');
    expect(lastEndedQuarter('2026-01-01')).toBe('2025-Q4');
    expect(lastEndedQuarter('2026-04-01')).toBe('2026-Q1');
  });
});

describe('settings and visibility', () => {
  it('checks the settings', () => {
    expect(settingsProblems(DEFAULT_RECORDS_SETTINGS)).toEqual([]);
    expect(settingsProblems({ countyLeaderDays: 0, departmentHeadDays: 80, townSecretaryDays: 400, logGraceDays: 15 })).toEqual([
      '县领导的年度一线工作日目标应为 1 到 366 的整数',
      '乡镇（街道）党（工）委书记的年度一线工作日目标应为 1 到 366 的整数',
      '周记实补填宽限应为 0 到 14 天',
    ]);
  });

  const subject = { personId: 7, unitId: 3 };
  it.each([
    [{ all: true } as const, true],
    [{ all: false, self: 7, unitIds: new Set<number>() } as const, true],
    [{ all: false, self: 8, unitIds: new Set<number>() } as const, false],
    [{ all: false, self: 8, unitIds: new Set([3]) } as const, true],
    [{ all: false, self: null, unitIds: new Set([4]) } as const, false],
  ])('reach %o reads person 7 of unit 3: %s', (reach, ok) => {
    expect(mayRead(reach, subject)).toBe(ok);
  });
});
