import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../calendar/rules.js';
import {
  appealDeadline,
  appealProblems,
  appealWindowRefusal,
  type AppealTarget,
  correctedRanks,
  decisionProblems,
  defaultCorrection,
  objectKey,
  objectRefusal,
} from './appeal-rules.js';

// The national calendar (chinese-days) plus one county day off.
const CAL = buildCalendar([{ day: '2026-03-12', kind: 'off', name: '县庆' }]);

describe('the appeal deadline, in working days after publishing', () => {
  it.each([
    // published, days, last day to appeal, why
    ['2026-03-20', 5, '2026-03-27', 'Friday: the weekend does not count'],
    ['2026-03-09', 5, '2026-03-17', 'the county day off (03-12) does not count'],
    ['2026-04-29', 5, '2026-05-09', 'across 劳动节 (05-01–05): the adjusted Saturday 05-09 is a working day'],
    ['2026-09-30', 5, '2026-10-13', 'across 国庆 (10-01–07)'],
    ['2026-02-13', 1, '2026-02-14', 'the adjusted Saturday before 春节 is a working day'],
    ['2026-03-06', 1, '2026-03-09', 'one day: the next Monday'],
  ])('published %s with %i days → through %s (%s)', (published, days, deadline) => {
    expect(appealDeadline(CAL, published, days)).toBe(deadline);
  });

  it.each([
    [{ period: '2026-03', publishedOn: '2026-04-03' }, '2026-04-10', '2026-04-10', null],
    [{ period: '2026-03', publishedOn: '2026-04-03' }, '2026-04-11', '2026-04-10', '申诉期已过'],
    [{ period: '2026-03', publishedOn: null }, '2026-04-02', null, '尚未发布'],
  ] as const)('window %o on %s (deadline %s) → %s', (month, today, deadline, refusal) => {
    const answer = appealWindowRefusal(month, today, deadline, 5);
    if (refusal === null) expect(answer).toBeNull();
    else expect(answer).toContain(refusal);
  });
});

describe('what may be appealed', () => {
  it.each<[string, AppealTarget, string | null]>([
    ['own deduction', { object: 'fact', unitId: 7, points: -100, taskId: 3 }, null],
    ['own bonus', { object: 'fact', unitId: 7, points: 200, taskId: null }, '只能对扣分事项'],
    ["another unit's deduction", { object: 'fact', unitId: 8, points: -100, taskId: 3 }, '本单位'],
    ['own task colour', { object: 'colour', unitId: 7 }, null],
    ["another unit's task colour", { object: 'colour', unitId: 9 }, '本单位'],
    ['own rejected closing', { object: 'closing', unitId: 7, status: 'rejected' }, null],
    ['own pending closing', { object: 'closing', unitId: 7, status: 'pending' }, '被退回'],
    ['own approved closing', { object: 'closing', unitId: 7, status: 'approved' }, '被退回'],
  ])('%s', (_name, target, refusal) => {
    const answer = objectRefusal(target, 7);
    if (refusal === null) expect(answer).toBeNull();
    else expect(answer).toContain(refusal);
  });

  it('needs a reason and evidence', () => {
    expect(appealProblems({ reason: ' ', evidence: '' })).toEqual(['请填写申诉理由', '请填写申诉依据（文件、照片说明或其他证明材料）']);
    expect(appealProblems({ reason: '已按期报送', evidence: '报送回执截图说明' })).toEqual([]);
  });

  it('one open appeal per object: the key names the kind and the id', () => {
    expect(objectKey('fact', 12)).toBe('fact:12');
    expect(objectKey('colour', 12)).not.toBe(objectKey('closing', 12));
  });
});

describe('the default correction', () => {
  const facts = [
    { id: 1, points: 200, taskId: 10 },
    { id: 2, points: -150, taskId: 11 },
    { id: 3, points: -100, taskId: 11 },
    { id: 4, points: -50, taskId: null },
  ];
  it.each([
    ['a fact: its points reversed', { object: 'fact', factId: 2, taskId: 11 }, 150],
    ['a fact no longer in the score: nothing', { object: 'fact', factId: 99, taskId: null }, 0],
    ["a task's colour: its deductions reversed", { object: 'colour', factId: null, taskId: 11 }, 250],
    ['a rejected closing: its deductions reversed, bonuses kept', { object: 'closing', factId: null, taskId: 10 }, 0],
  ] as const)('%s', (_name, appeal, points) => {
    expect(defaultCorrection(appeal, facts)).toBe(points);
  });

  it.each([
    [{ decision: 'uphold', reason: '情况属实' }, 150, { problems: [], points: 150 }],
    [{ decision: 'uphold', reason: '部分属实', points: 0.75 }, 150, { problems: [], points: 75 }],
    [{ decision: 'uphold', reason: '部分属实', points: 0.755 }, 150, { problems: ['更正分值应为数字（最多两位小数）'], points: null }],
    [{ decision: 'uphold', reason: ' ' }, 150, { problems: ['请填写申诉成立的理由'], points: 150 }],
    [{ decision: 'dismiss', reason: '扣分依据充分' }, 150, { problems: [], points: null }],
    [{ decision: 'dismiss', reason: '' }, 150, { problems: ['请填写申诉不成立的理由'], points: null }],
    [{ decision: 'dismiss', reason: '不成立', points: 1 }, 150, { problems: ['申诉不成立时不更正分值'], points: null }],
  ] as const)('decision %o (default %i) → %o', (input, fallback, expected) => {
    expect(decisionProblems(input, fallback)).toEqual(expected);
  });
});

describe('corrected scores and ranks, by the same tie rule', () => {
  const rows = [
    { unitId: 1, unitName: '甲镇', group: 'town' as const, score: 1000, onTimeRate: 90 },
    { unitId: 2, unitName: '乙镇', group: 'town' as const, score: 900, onTimeRate: 80 },
    { unitId: 3, unitName: '丙镇', group: 'town' as const, score: 800, onTimeRate: 70 },
    { unitId: 4, unitName: '县局', group: 'county_unit' as const, score: 500, onTimeRate: null },
  ];
  it('a correction moves its unit within its group only; a tie shares the rank and the next skips', () => {
    const out = correctedRanks(rows, [{ unitId: 3, points: 100 }]);
    expect(Object.fromEntries(out)).toEqual({
      1: { correctedScore: 1000, correctedRank: 1 },
      2: { correctedScore: 900, correctedRank: 2 },
      3: { correctedScore: 900, correctedRank: 2 },
      4: { correctedScore: 500, correctedRank: 1 },
    });
  });
  it('corrections add up, and may lift a unit past another', () => {
    const out = correctedRanks(rows, [
      { unitId: 3, points: 150 },
      { unitId: 3, points: 100 },
    ]);
    expect(out.get(3)).toEqual({ correctedScore: 1050, correctedRank: 1 });
    expect(out.get(1)).toEqual({ correctedScore: 1000, correctedRank: 2 });
  });
});
