import { describe, expect, it } from 'vitest';
import { actualDateProblems, comparisonPair, exifDay, previousMonth, projectColour, projectProblems, stepColour, stepDue, yearCurve } from './rules.js';

const step = (plannedStart: string, plannedDays: number, actualEnd: string | null = null) => ({
  plannedStart,
  plannedDays,
  actualStart: actualEnd ? plannedStart : null,
  actualEnd,
});

describe('step and project colours (the tasks rule)', () => {
  it('puts the date node on the last day of the duration', () => {
    expect(stepDue({ plannedStart: '2026-03-01', plannedDays: 1 })).toBe('2026-03-01');
    expect(stepDue({ plannedStart: '2026-03-30', plannedDays: 5 })).toBe('2026-04-03');
  });

  it.each([
    ['done', step('2026-03-01', 10, '2026-03-12'), 'green'],
    ['past its date node', step('2026-03-01', 10), 'red'],
    ['due within three days', step('2026-03-15', 10), 'yellow'],
    ['on schedule', step('2026-03-20', 20), 'blue'],
  ] as const)('a step %s is %s', (_what, s, colour) => {
    expect(stepColour(s, '2026-03-21')).toBe(colour);
  });

  it.each([
    ['no steps', [], 'grey'],
    ['every step done', [step('2026-03-01', 5, '2026-03-05'), step('2026-03-06', 5, '2026-03-20')], 'green'],
    ['a step late, the last node ahead', [step('2026-03-01', 5), step('2026-03-06', 60)], 'yellow'],
    ['the last node passed undone', [step('2026-03-01', 5, '2026-03-05'), step('2026-03-06', 10)], 'red'],
    ['everything on schedule', [step('2026-03-01', 5, '2026-03-04'), step('2026-03-10', 60)], 'blue'],
  ] as const)('a project with %s is %s', (_what, steps, colour) => {
    expect(projectColour(steps, '2026-03-21')).toBe(colour);
  });
});

describe('input rules', () => {
  const project = { name: '城南污水处理厂', kind: 'continuing' as const, totalInvestment: 1000, investmentBefore: 200, longitude: 118.1, latitude: 32.7 };
  it.each([
    ['fine', project, []],
    ['no name', { ...project, name: ' ' }, ['请填写项目名称']],
    ['more invested before than planned', { ...project, investmentBefore: 2000 }, ['以前年度已完成投资不能超过计划总投资']],
    ['half a coordinate', { ...project, latitude: null }, ['经度和纬度应同时填写']],
  ])('a project: %s', (_what, p, problems) => expect(projectProblems(p)).toEqual(problems));

  it.each([
    ['none', null, null, []],
    ['started', '2026-03-01', null, []],
    ['an end without a start', null, '2026-03-02', ['请先填写实际开始日期']],
    ['an end before the start', '2026-03-05', '2026-03-02', ['实际完成日期不能早于实际开始日期']],
    ['a day ahead', '2026-03-22', null, ['实际开始日期不能晚于今天']],
    ['not a day', '2026-02-30', null, ['实际开始日期不正确']],
  ])('actual dates: %s', (_what, actualStart, actualEnd, problems) => {
    expect(actualDateProblems({ actualStart, actualEnd }, '2026-03-21')).toEqual(problems);
  });
});

describe('investment curve', () => {
  it('sums plan and reports from January, months without a report counting nothing', () => {
    const curve = yearCurve(2026, [
      { period: '2026-01', planned: 100, done: 80 },
      { period: '2026-02', planned: 100, done: null },
      { period: '2026-03', planned: 200, done: 250 },
    ]);
    expect(curve).toHaveLength(12);
    expect(curve.slice(0, 4)).toEqual([
      { period: '2026-01', planned: 100, done: 80, plannedSum: 100, doneSum: 80 },
      { period: '2026-02', planned: 100, done: null, plannedSum: 200, doneSum: 80 },
      { period: '2026-03', planned: 200, done: 250, plannedSum: 400, doneSum: 330 },
      { period: '2026-04', planned: 0, done: null, plannedSum: 400, doneSum: 330 },
    ]);
  });
});

describe('photo comparison', () => {
  const photos = [
    { id: 1, takenOn: '2026-01-20' },
    { id: 2, takenOn: '2026-02-10' },
    { id: 3, takenOn: '2026-03-05' },
    { id: 4, takenOn: '2026-03-05' },
    { id: 5, takenOn: '2026-04-02' },
  ];
  it("pairs the month's latest photo with the latest before the month", () => {
    expect(comparisonPair(photos, '2026-03')).toEqual({ before: photos[1], after: photos[3] });
  });
  it('reaches back past a month without photos, and leaves a month without photos empty', () => {
    expect(comparisonPair(photos, '2026-04')).toEqual({ before: photos[3], after: photos[4] });
    expect(comparisonPair(photos, '2026-05')).toEqual({ before: photos[4], after: null });
    expect(comparisonPair(photos, '2026-01')).toEqual({ before: null, after: photos[0] });
  });
  it('knows the month before', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-10')).toBe('2026-09');
  });
  it.each([
    ['2026:03:05 10:20:30', '2026-03-05'],
    ['2026:02:30 10:20:30', null],
    ['', null],
    [undefined, null],
    [new Date(), null],
  ])('reads the EXIF date %s', (raw, day) => expect(exifDay(raw)).toBe(day));
});
