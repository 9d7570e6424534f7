import { describe, expect, it } from 'vitest';
import {
  computedStars,
  DEFAULT_WEIGHTS,
  latePartsOf,
  type MonthPart,
  type MonthTask,
  overdueDays,
  parsePoints,
  proposeBottom,
  rankGroup,
  schemeFor,
  schemeProblems,
  scoreOf,
  splitTaskPoints,
  unitFacts,
} from './rules.js';

const task = (over: Partial<MonthTask>): MonthTask => ({
  id: 1,
  title: '事项',
  leadUnitId: 9,
  leadLeaderId: null,
  categoryId: null,
  status: 'in_progress',
  deadline: '2026-04-30',
  closedOn: null,
  closedLate: false,
  carriedFrom: [],
  ...over,
});

describe('parsePoints: a weight as typed, in hundredths', () => {
  it.each([
    [2, 200],
    ['2', 200],
    ['-0.5', -50],
    [0.1, 10],
    ['1.25', 125],
    ['+3', 300],
    [-9999.99, -999999],
    ['abc', null],
    ['1.234', null],
    ['', null],
    [Number.NaN, null],
    [Infinity, null],
    [null, null],
    [true, null],
    ['1e3', null],
  ])('%j → %j', (input, expected) => expect(parsePoints(input)).toBe(expected));
});

describe('schemeProblems', () => {
  const weights = Object.fromEntries(Object.entries(DEFAULT_WEIGHTS).map(([k, v]) => [k, v / 100]));
  it('accepts a whole scheme effective after the last published month', () => {
    expect(schemeProblems({ effectiveFrom: '2026-05', weights }, '2026-04')).toEqual({ problems: [], weights: DEFAULT_WEIGHTS });
  });
  it.each([
    ['a weight not a number', { effectiveFrom: '2026-05', weights: { ...weights, carried: '一分' } }, '“挂单”的分值不是数字'],
    ['an effective month inside a published one', { effectiveFrom: '2026-04', weights }, '生效月份必须晚于已发布的月份'],
    ['an effective month before a published one', { effectiveFrom: '2026-01', weights }, '生效月份必须晚于已发布的月份'],
    ['a bad month', { effectiveFrom: '2026-13', weights }, '生效月份格式应为 YYYY-MM'],
    ['a missing weight', { effectiveFrom: '2026-05', weights: { ...weights, highlight: undefined } }, '缺少“亮点工作”的分值'],
    ['a negative bonus', { effectiveFrom: '2026-05', weights: { ...weights, commendation: -1 } }, '“通报表扬”是加分项'],
    ['a positive accountability', { effectiveFrom: '2026-05', weights: { ...weights, accountability: 2 } }, '“问责”是减分项'],
    ['an unknown key', { effectiveFrom: '2026-05', weights: { ...weights, bribe: 5 } }, '未知的计分项：bribe'],
  ])('refuses %s', (_name, input, message) => {
    const w = Object.fromEntries(Object.entries(input.weights).filter(([, v]) => v !== undefined));
    expect(schemeProblems({ ...input, weights: w }, '2026-04').problems.join('；')).toContain(message);
  });
});

describe('schemeFor: the version in force for a month', () => {
  const schemes = [
    { version: 1, effectiveFrom: '2000-01' },
    { version: 2, effectiveFrom: '2026-05' },
    { version: 3, effectiveFrom: '2026-03' },
  ];
  it.each([
    ['2026-02', 1],
    ['2026-03', 3],
    ['2026-04', 3],
    ['2026-05', 3], // version 3 is the later decision, though effective earlier
    ['1999-12', undefined],
  ])('%s → version %s', (period, version) => expect(schemeFor(schemes, period)?.version).toBe(version));
});

describe('overdueDays: each day of the month after the deadline, before the closing', () => {
  it.each([
    ['open, due 04-10, April ended', { deadline: '2026-04-10' }, '2026-04-30', { days: 20, last: '2026-04-30' }],
    ['open, due in March', { deadline: '2026-03-20' }, '2026-04-30', { days: 30, last: '2026-04-30' }],
    ['closed 04-15, due 04-10', { deadline: '2026-04-10', closedOn: '2026-04-15', status: 'closed' as const }, '2026-04-30', { days: 4, last: '2026-04-14' }],
    ['closed on its deadline', { deadline: '2026-04-10', closedOn: '2026-04-10', status: 'closed' as const }, '2026-04-30', null],
    ['closed in May, due 04-28', { deadline: '2026-04-28', closedOn: '2026-05-03', status: 'closed' as const }, '2026-04-30', { days: 2, last: '2026-04-30' }],
    ['April running, today 04-12', { deadline: '2026-04-10' }, '2026-04-12', { days: 2, last: '2026-04-12' }],
    ['due after the month', { deadline: '2026-05-10' }, '2026-04-30', null],
    ['suspended', { deadline: '2026-04-10', status: 'suspended' as const }, '2026-04-30', null],
  ])('%s', (_name, over, through, expected) => expect(overdueDays(task(over), '2026-04', through)).toEqual(expected));
});

describe('unitFacts and scoreOf: hand-computed April of one unit (default weights)', () => {
  const facts = unitFacts(
    {
      tasks: [
        task({ id: 1, title: '按时', deadline: '2026-04-20', status: 'closed', closedOn: '2026-04-18' }), // +2
        task({ id: 2, title: '逾期销号', deadline: '2026-04-10', status: 'closed', closedOn: '2026-04-13', closedLate: true }), // +1, 2 days −0.2
        task({ id: 3, title: '挂单', deadline: '2026-04-27', carriedFrom: ['2026-04'] }), // −1, 3 days −0.3
        task({ id: 4, title: '草稿', status: 'draft', deadline: '2026-04-01' }), // nothing
      ],
      sheets: [
        { id: 11, taskId: 1, unitId: 9, kind: 'assignment', dueKind: null, number: '交〔2026〕1号', day: '2026-04-01' }, // 0, left out
        { id: 12, taskId: 3, unitId: 9, kind: 'urge', dueKind: 'report', number: '催〔2026〕3号', day: '2026-04-20' }, // −0.5 and −0.5
      ],
      deductions: [{ taskId: 3, sheetId: 13, unitId: 9, points: 150, reason: '逾期整改扣分', day: '2026-04-29' }], // −1.5
      manual: [{ id: 7, unitId: 9, kind: 'highlight', day: '2026-04-25', reason: '亮点工作' }], // +2
    },
    DEFAULT_WEIGHTS,
    '2026-04',
    '2026-05-10',
  );
  it('lists each fact with its source and date, in date order', () => {
    expect(facts.map((f) => [f.kind, f.points, f.day, f.taskId ?? f.manualId])).toEqual([
      ['overdue_day', -20, '2026-04-12', 2],
      ['closed_late', 100, '2026-04-13', 2],
      ['closed_on_time', 200, '2026-04-18', 1],
      ['sheet_urge', -50, '2026-04-20', 3],
      ['missing_report', -50, '2026-04-20', 3],
      ['highlight', 200, '2026-04-25', 7],
      ['deduction', -150, '2026-04-29', 3],
      ['overdue_day', -30, '2026-04-30', 3],
      ['carried', -100, '2026-04-30', 3],
    ]);
  });
  it('the score is the exact sum: 2 + 1 − 0.2 − 1 − 0.3 − 0.5 − 0.5 − 1.5 + 2 = 1.0', () => {
    expect(scoreOf(facts)).toBe(100);
  });
  it('a tenth added ten times is exactly one point (no float drift)', () => {
    expect(scoreOf(Array.from({ length: 10 }, () => ({ points: 10 })))).toBe(100);
  });
});

describe('rankGroup: competition ranking, display by on-time rate then name', () => {
  const row = (unitId: number, name: string, score: number, onTimeRate: number | null) => ({ unitId, name, score, onTimeRate });
  it.each([
    [
      'no ties',
      [row(1, '甲', 300, 50), row(2, '乙', 500, 10), row(3, '丙', 100, 90)],
      [
        [2, 1],
        [1, 2],
        [3, 3],
      ],
    ],
    [
      'two share first, next is third',
      [row(1, '甲', 500, 50), row(2, '乙', 500, 80), row(3, '丙', 100, 90)],
      [
        [2, 1],
        [1, 1],
        [3, 3],
      ],
    ],
    [
      'tie in the middle, same rate: by name',
      [row(1, '张集镇', 500, null), row(2, '明东街道', 300, 60), row(3, '潘村镇', 300, 60), row(4, '古沛镇', 100, 0)],
      [
        [1, 1],
        [2, 2],
        [3, 2],
        [4, 4],
      ],
    ],
    [
      'no rate ranks below a rate in a tie',
      [row(1, '甲', 0, null), row(2, '乙', 0, 0)],
      [
        [2, 1],
        [1, 1],
      ],
    ],
    [
      'all equal',
      [row(1, '甲', -50, 10), row(2, '乙', -50, 20), row(3, '丙', -50, 30)],
      [
        [3, 1],
        [2, 1],
        [1, 1],
      ],
    ],
  ])('%s', (_name, rows, expected) => {
    const ranked = rankGroup(rows);
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual(expected);
    expect(ranked.map((r) => r.position)).toEqual(rows.map((_, i) => i + 1));
  });
});

describe('proposeBottom: the last two in display order among units with work', () => {
  it.each([
    ['the last two', [1, 2, 3, 4].map((u) => ({ unitId: u, position: u, issued: 1 })), [4, 3]],
    ['skips a unit with nothing issued', [1, 2, 3, 4].map((u) => ({ unitId: u, position: u, issued: u === 4 ? 0 : 2 })), [3, 2]],
    ['one unit with work', [{ unitId: 1, position: 1, issued: 1 }], [1]],
    ['nobody with work', [{ unitId: 1, position: 1, issued: 0 }], []],
  ])('%s', (_name, rows, expected) => expect(proposeBottom(rows)).toEqual(expected));
});

describe('computedStars: share of settled items, late ones half', () => {
  it.each([
    [{ closedOnTime: 9, closedLate: 0, overdue: 1 }, 5], // 90%
    [{ closedOnTime: 8, closedLate: 1, overdue: 1 }, 4], // 85%
    [{ closedOnTime: 3, closedLate: 0, overdue: 1 }, 4], // 75%
    [{ closedOnTime: 2, closedLate: 1, overdue: 1 }, 3], // 62.5%
    [{ closedOnTime: 1, closedLate: 1, overdue: 1 }, 2], // 50%
    [{ closedOnTime: 0, closedLate: 2, overdue: 1 }, 1], // 33.3%
    [{ closedOnTime: 0, closedLate: 0, overdue: 3 }, 1],
    [{ closedOnTime: 0, closedLate: 0, overdue: 0 }, null],
  ])('%j → %s', (c, stars) => expect(computedStars(c)).toBe(stars));
});

describe('latePartsOf: the parts a late task blames (as at the month end or today)', () => {
  const part = (over: Partial<MonthPart>): MonthPart => ({
    unitId: 7,
    unitName: '县财政局',
    dueDay: '2026-04-20',
    deliveredOn: null,
    explained: false,
    ...over,
  });
  it.each([
    ['still owed past its due day', part({}), true],
    ['still owed, due on the day reckoned', part({ dueDay: '2026-04-30' }), false],
    ['reported after its due day', part({ deliveredOn: '2026-04-22' }), true],
    ['reported on its due day', part({ deliveredOn: '2026-04-20' }), false],
    ['explained away by the lead, though late', part({ explained: true }), false],
  ])('%s → %s', (_name, p, late) => expect(latePartsOf({ parts: [p] }, '2026-04-30').length).toBe(late ? 1 : 0));
});

describe('splitTaskPoints: a deduction split between the lead and the late parts (hundredths)', () => {
  it.each([
    ['half to one late part', -30, [7], 50, -15, [-15]],
    ['no split configured', -30, [7], 0, -30, []],
    ['no late part: the lead bears it', -30, [], 50, -30, []],
    ['two late parts share the half equally', -100, [7, 8], 50, -50, [-25, -25]],
    ['rounded per part, the lead takes the remainder', -10, [7, 8, 6], 50, -4, [-2, -2, -2]],
    ['all to the late part', -30, [7], 100, 0, [-30]],
    ['a bonus is never split', 100, [7], 50, 100, []],
  ])('%s', (_name, points, late, share, lead, parts) => {
    const r = splitTaskPoints(points, late, share);
    expect(r.lead).toBe(lead);
    expect([...r.parts.values()]).toEqual(parts);
    expect(r.lead + [...r.parts.values()].reduce((a, b) => a + b, 0)).toBe(points);
  });
});

describe('unitFacts with a split scheme: the lead and the late cooperating unit each bear their share', () => {
  // Overdue 3 days in April (28–30): −0.3, carried: −1. The finance bureau's part was due on the 20th, never reported.
  const late = task({
    id: 5,
    title: '老旧小区改造',
    deadline: '2026-04-27',
    carriedFrom: ['2026-04'],
    parts: [
      { unitId: 7, unitName: '县财政局', dueDay: '2026-04-20', deliveredOn: null, explained: false },
      { unitId: 8, unitName: '县住建局', dueDay: '2026-04-15', deliveredOn: '2026-04-14', explained: false },
    ],
  });
  const base = { sheets: [], deductions: [], manual: [] };
  const lead = unitFacts({ ...base, tasks: [late], unitId: 9 }, DEFAULT_WEIGHTS, '2026-04', '2026-05-10', 40);
  const finance = unitFacts({ ...base, tasks: [], cooperated: [late], unitId: 7 }, DEFAULT_WEIGHTS, '2026-04', '2026-05-10', 40);
  const housing = unitFacts({ ...base, tasks: [], cooperated: [late], unitId: 8 }, DEFAULT_WEIGHTS, '2026-04', '2026-05-10', 40);
  it('the lead bears 60% and its facts name the late part', () => {
    expect(lead.map((f) => [f.kind, f.points])).toEqual([
      ['overdue_day', -18],
      ['carried', -60],
    ]);
    expect(lead[1]!.label).toBe('挂单转下月：老旧小区改造（配合单位 县财政局 分工逾期，承担 60%）');
  });
  it('the late cooperating unit bears 40%, the punctual one nothing', () => {
    expect(finance.map((f) => [f.kind, f.points, f.label])).toEqual([
      ['overdue_day', -12, '配合分工逾期：老旧小区改造（逾期 3 天，配合单位承担 40%）'],
      ['carried', -40, '配合分工逾期：老旧小区改造（挂单转下月，配合单位承担 40%）'],
    ]);
    expect(housing).toEqual([]);
  });
  it('the shares sum to what the lead alone bore before', () => {
    const alone = unitFacts({ ...base, tasks: [late] }, DEFAULT_WEIGHTS, '2026-04', '2026-05-10');
    expect(scoreOf(lead) + scoreOf(finance)).toBe(scoreOf(alone));
    expect(scoreOf(alone)).toBe(-130);
  });
});
