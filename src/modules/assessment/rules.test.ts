import { describe, expect, it } from 'vitest';
import {
  type AssessedUnit,
  type BonusItem,
  bonusProblems,
  closingPart,
  DEFAULT_SETTINGS,
  fullMarks,
  gradeOf,
  partProblems,
  quarterMonths,
  quarterRows,
  type ScoreItem,
  settingsProblems,
  yearRows,
} from './rules.js';

const T = (unitId: number, name: string): AssessedUnit => ({ unitId, name, group: 'town' });
const C = (unitId: number, name: string): AssessedUnit => ({ unitId, name, group: 'county_unit' });

describe('periods', () => {
  it.each([
    ['2026-Q1', ['2026-01', '2026-02', '2026-03']],
    ['2026-Q3', ['2026-07', '2026-08', '2026-09']],
    ['2026-Q4', ['2026-10', '2026-11', '2026-12']],
  ])('%s has the months %j', (q, months) => expect(quarterMonths(q)).toEqual(months));
});

describe('the closing-record part: weight × record ÷ best of the group, hundredths rounded half up', () => {
  it.each([
    // record, best, weight (all hundredths) → points
    [1000, 1000, 3000, 3000], // the best earns the whole weight
    [500, 1000, 3000, 1500],
    [1, 3, 3000, 1000],
    [2, 3, 3000, 2000],
    [1, 7, 3000, 429], // 428.57 → 429
    [1, 8, 100, 13], // 12.5 → 13 (half up)
    [0, 1000, 3000, 0],
    [-500, 1000, 3000, 0], // a negative record earns nothing
    [-500, -100, 3000, 0], // no positive record in the group: all 0
  ])('record %i of best %i, weight %i → %i', (record, best, weight, points) => expect(closingPart(record, best, weight)).toBe(points));
});

describe('grades by thresholds (优秀 ≥ 90, 良好 ≥ 80, 一般 ≥ 60, else 较差 by default)', () => {
  it.each([
    [10000, 'excellent'],
    [9000, 'excellent'],
    [8999, 'good'],
    [8000, 'good'],
    [7999, 'fair'],
    [6000, 'fair'],
    [5999, 'poor'],
    [-100, 'poor'],
  ])('%i hundredths → %s', (total, grade) => expect(gradeOf(total, DEFAULT_SETTINGS.grades)).toBe(grade));

  it('follows configured thresholds', () => {
    expect(gradeOf(8500, { excellent: 8500, good: 7000, fair: 5000 })).toBe('excellent');
    expect(gradeOf(6999, { excellent: 8500, good: 7000, fair: 5000 })).toBe('fair');
  });
});

describe('a quarter: months plus bonus items, ranked with the review tie rule, top N rewarded', () => {
  const units = [T(1, '甲镇'), T(2, '乙镇'), T(3, '丙镇'), T(4, '丁镇'), C(11, '财政局'), C(12, '交通局')];
  const months = [
    {
      period: '2026-07',
      scores: new Map([
        [1, 500],
        [2, 700],
        [3, 600],
        [4, 100],
        [11, 300],
        [12, 300],
      ]),
    },
    {
      period: '2026-08',
      scores: new Map([
        [1, 300],
        [2, 100],
        [3, 200],
        [4, 100],
        [11, 0],
        [12, 0],
      ]),
    },
    // 丁镇 was not scored in September (a new unit, say): it counts 0 and says so.
    {
      period: '2026-09',
      scores: new Map([
        [1, 200],
        [2, 200],
        [3, 200],
        [11, -100],
        [12, 100],
      ]),
    },
  ];
  const bonus = [
    { id: 5, unitId: 2, kind: 'commendation' as const, day: '2026-08-10', reason: '防汛表扬', evidence: '市防指通报' },
    { id: 6, unitId: 4, kind: 'leader_instruction' as const, day: '2026-09-01', reason: '秸秆禁烧批示', evidence: '市长批示件' },
    { id: 7, unitId: 11, kind: 'typical_speech' as const, day: '2026-07-20', reason: '财源建设', evidence: '会议纪要' },
  ];
  const settings = { ...DEFAULT_SETTINGS, rewardTowns: 2, rewardCounty: 1 };
  const worked = new Set([1, 2, 3, 4, 11, 12]);
  const rows = quarterRows({ units, months, bonus, worked }, settings);
  const row = (id: number) => rows.find((r) => r.unitId === id)!;

  it('sums three months and the bonus items exactly', () => {
    // 甲 500+300+200 = 1000; 乙 700+100+200+200 (表扬) = 1200; 丙 600+200+200 = 1000; 丁 100+100+0+300 (批示) = 500.
    expect(rows.filter((r) => r.group === 'town').map((r) => [r.name, r.score, r.rank, r.position, r.reward])).toEqual([
      ['乙镇', 1200, 1, 1, true],
      ['丙镇', 1000, 2, 2, true], // tie with 甲镇: same rank, shown by name (丙 before 甲 in pinyin: bing < jia)
      ['甲镇', 1000, 2, 3, false], // the reward count is exact: the boundary tie goes by display order
      ['丁镇', 500, 4, 4, false], // the next rank skips
    ]);
    for (const r of rows) expect(r.items.reduce((s, i) => s + i.points, 0)).toBe(r.score);
    expect(row(4).items.map((i) => [i.kind, i.label, i.points])).toEqual([
      ['month', '2026-07 月点评得分', 100],
      ['month', '2026-08 月点评得分', 100],
      ['month', '2026-09 月点评（未参评，计 0 分）', 0],
      ['bonus', '上级领导肯定性批示：秸秆禁烧批示（市长批示件）', 300],
    ]);
  });

  it('ranks county units apart: 交通局 300+0+100 = 400 before 财政局 300+0−100+100 (典型发言) = 300', () => {
    expect(rows.filter((r) => r.group === 'county_unit').map((r) => [r.name, r.score, r.rank, r.reward])).toEqual([
      ['交通局', 400, 1, true],
      ['财政局', 300, 2, false],
    ]);
  });
});

describe('a quarter: a unit with no work is passed over for the reward', () => {
  const units = [T(1, '甲镇'), T(2, '乙镇'), T(3, '丙镇'), T(4, '丁镇'), C(11, '财政局'), C(12, '交通局')];
  // 丙镇 and 交通局 had nothing issued and no fact: 0 every month, yet above units that worked and lost points.
  const scores = new Map([
    [1, -100],
    [2, -200],
    [3, 0],
    [4, -300],
    [11, -100],
    [12, 0],
  ]);
  const months = ['2026-10', '2026-11', '2026-12'].map((period) => ({ period, scores }));
  const settings = { ...DEFAULT_SETTINGS, rewardTowns: 2, rewardCounty: 1 };
  const table = (worked: number[], bonus: BonusItem[] = []) =>
    quarterRows({ units, months, bonus, worked: new Set(worked) }, settings).map((r) => [r.name, r.score, r.rank, r.reward]);

  it('still ranks and shows it; the reward goes to the next eligible units in display order', () => {
    expect(table([1, 2, 4, 11])).toEqual([
      ['丙镇', 0, 1, false],
      ['甲镇', -300, 2, true],
      ['乙镇', -600, 3, true],
      ['丁镇', -900, 4, false],
      ['交通局', 0, 1, false],
      ['财政局', -300, 2, true],
    ]);
  });

  it('rewards it when it worked, or when it has a bonus item', () => {
    expect(table([1, 2, 3, 4, 11, 12]).map((r) => r[3])).toEqual([true, true, false, false, true, false]);
    const speech: BonusItem = { id: 9, unitId: 3, kind: 'typical_speech', day: '2026-11-02', reason: '经验交流', evidence: '会议纪要' };
    expect(table([1, 2, 4, 11], [speech]).slice(0, 3)).toEqual([
      ['丙镇', 100, 1, true],
      ['甲镇', -300, 2, true],
      ['乙镇', -600, 3, false],
    ]);
  });
});

describe('a year: the closing part scaled in each group, the parts entered, grades and the last units flagged', () => {
  const item = (points: number): ScoreItem => ({ kind: 'month', label: 'm', points, period: '2026-01', bonusId: null, bonusKind: null, day: null });
  const units = [T(1, '甲镇'), T(2, '乙镇'), T(3, '丙镇'), T(4, '丁镇'), C(11, '财政局'), C(12, '交通局'), C(13, '水利局')];
  const records = new Map<number, ScoreItem[]>([
    [1, [item(3000), item(1000)]], // 40 points of record: the best town
    [2, [item(2000)]], // 20 → 15 of 30
    [3, [item(2000)]], // 20 → 15
    [4, [item(-500)]], // negative → 0
    [11, [item(300)]], // best county record 3 → 30
    [12, [item(100)]], // 1 → 10
    [13, [item(200)]], // 2 → 20
  ]);
  const entries = [
    { unitId: 1, partKey: 'economy', points: 3000, reason: '' },
    { unitId: 1, partKey: 'party', points: 2000, reason: '' },
    { unitId: 1, partKey: 'livelihood', points: 1500, reason: '' },
    { unitId: 2, partKey: 'economy', points: 2500, reason: '' },
    { unitId: 2, partKey: 'party', points: 2000, reason: '' },
    { unitId: 2, partKey: 'livelihood', points: 2000, reason: '' },
    { unitId: 3, partKey: 'economy', points: 2500, reason: '' },
    { unitId: 3, partKey: 'party', points: 2000, reason: '' },
    { unitId: 3, partKey: 'livelihood', points: 2000, reason: '' },
    { unitId: 4, partKey: 'economy', points: 2000, reason: '' }, // the rest not entered: 0
    { unitId: 11, partKey: 'economy', points: 2000, reason: '' },
    { unitId: 12, partKey: 'economy', points: 2000, reason: '' },
    { unitId: 13, partKey: 'economy', points: 1000, reason: '' },
  ];
  const rows = yearRows({ units, records, entries }, DEFAULT_SETTINGS);
  const town = rows.filter((r) => r.group === 'town');

  it('totals the parts, ranks with ties, grades and flags the last two of each group', () => {
    // 甲 30+30+20+15 = 95 优秀; 乙 and 丙 15+25+20+20 = 80 良好 (tie, by name: 丙 before 乙); 丁 0+20 = 20 较差.
    expect(town.map((r) => [r.name, r.total, r.rank, r.position, r.grade, r.flagged])).toEqual([
      ['甲镇', 9500, 1, 1, 'excellent', false],
      ['丙镇', 8000, 2, 2, 'good', false],
      ['乙镇', 8000, 2, 3, 'good', true],
      ['丁镇', 2000, 4, 4, 'poor', true],
    ]);
    for (const r of rows) expect(r.parts.reduce((s, p) => s + (p.points ?? 0), 0)).toBe(r.total);
    expect(town.find((r) => r.unitId === 4)!.parts.map((p) => p.points)).toEqual([0, 2000, null, null]);
    // County units: 财政局 30+20 = 50, 交通局 10+20 = 30, 水利局 20+10 = 30 (tie; 交通局 before 水利局 by name).
    expect(rows.filter((r) => r.group === 'county_unit').map((r) => [r.name, r.total, r.rank, r.flagged])).toEqual([
      ['财政局', 5000, 1, false],
      ['交通局', 3000, 2, true],
      ['水利局', 3000, 2, true],
    ]);
  });

  it('explains the closing part: the record and the best of the group', () => {
    expect(town.find((r) => r.unitId === 2)).toMatchObject({ record: 2000, best: 4000 });
    expect(town.find((r) => r.unitId === 2)!.parts[0]).toMatchObject({ key: 'closing', max: 3000, points: 1500 });
  });

  it('flags as many as configured', () => {
    const one = yearRows({ units, records, entries }, { ...DEFAULT_SETTINGS, flaggedLast: 1 });
    expect(one.filter((r) => r.flagged).map((r) => r.name)).toEqual(['丁镇', '水利局']);
  });
});

describe('bad input is refused in Chinese', () => {
  const typed = {
    rewardTowns: 3,
    rewardCounty: 5,
    bonusPoints: { leader_instruction: 3, commendation: '2', typical_speech: 1.5 },
    closingWeight: 30,
    parts: [
      { key: 'economy', name: '经济发展', max: 40 },
      { key: 'party', name: '党的建设', max: '30' },
    ],
    grades: { excellent: 90, good: 80, fair: 60 },
    flaggedLast: 2,
  };

  it('accepts numbers and decimal strings, in hundredths', () => {
    const { problems, settings } = settingsProblems(typed);
    expect(problems).toEqual([]);
    expect(settings.bonusPoints).toEqual({ leader_instruction: 300, commendation: 200, typical_speech: 150 });
    expect(fullMarks(settings)).toBe(10000);
  });

  it.each([
    [{ closingWeight: '三十' }, '工作落实（预安销号）分值不是数字'],
    [{ bonusPoints: { ...typed.bonusPoints, commendation: 'abc' } }, '“表彰奖励、通报表扬”的加分不是数字'],
    [{ grades: { excellent: 80, good: 90, fair: 60 } }, '分数线须依次降低'],
    [{ rewardTowns: -1 }, '乡镇奖励名额应为 0 至 50 的整数'],
    [{ parts: [{ key: 'economy', name: '', max: 10 }] }, '第 1 个分项缺少名称'],
    [{ parts: [typed.parts[0], typed.parts[0]] }, '分项标识不能重复'],
  ])('%j → %s', (change, message) => {
    expect(settingsProblems({ ...typed, ...change }).problems.join('；')).toContain(message);
  });

  it('bonus items need a kind, a day in the quarter, a reason and evidence', () => {
    expect(bonusProblems({ kind: 'commendation', day: '2026-09-30', reason: '表扬', evidence: '文件' }, '2026-Q3')).toEqual([]);
    expect(bonusProblems({ kind: 'praise', day: '2026-10-01', reason: ' ', evidence: '' }, '2026-Q3')).toEqual([
      '加分类型不正确',
      '日期必须在 2026-Q3（2026-07-01 至 2026-09-30）内',
      '请填写事由',
      '请填写依据（批示件、表彰文件或会议记录）',
    ]);
  });

  it.each([
    [{ partKey: 'economy', points: '二十', reason: '年终考核' }, '分值不是数字'],
    [{ partKey: 'economy', points: 31, reason: '年终考核' }, '“经济发展”的分值应在 0 至 30 之间'],
    [{ partKey: 'closing', points: 10, reason: '年终考核' }, '分项不存在'],
    [{ partKey: 'economy', points: 10, reason: '' }, '请填写评分依据'],
  ])('a part %j → %s', (input, message) => {
    expect(partProblems(input, DEFAULT_SETTINGS).problems.join('；')).toContain(message);
  });
});
