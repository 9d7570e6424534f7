import { describe, expect, it } from 'vitest';
import { gapOf, mergeLines, resultProblems, resultsWritable, targetProblems, targetsWritable } from './rules.js';

const four = (f: (standard: 'position' | 'highlight' | 'breakthrough' | 'first_class') => object) =>
  (['position', 'highlight', 'breakthrough', 'first_class'] as const).map((s) => ({ standard: s, ...f(s) }));

describe('绩效自评 rules', () => {
  it.each([
    ['2026', '2026-03-25', null, true],
    ['2027', '2026-11-20', null, true],
    ['2028', '2026-11-20', null, false],
    ['2025', '2026-03-25', null, false],
    ['2026', '2026-03-25', 'planned', true],
    ['2026', '2026-12-05', 'reported', false],
  ] as const)('targets for %s on %s (status %s): writable %s', (period, today, status, ok) => {
    expect(targetsWritable(period, today, status).ok).toBe(ok);
  });

  it.each([
    ['2026', '2026-11-30', 'planned', false],
    ['2026', '2026-12-01', 'planned', true],
    ['2026', '2027-03-31', 'reported', true],
    ['2026', '2027-04-01', 'planned', false],
    ['2026', '2026-12-10', null, false],
    ['2026', '2026-12-10', 'rated', false],
  ] as const)('results for %s on %s (status %s): writable %s', (period, today, status, ok) => {
    expect(resultsWritable(period, today, status).ok).toBe(ok);
  });

  it.each([
    [four(() => ({ target: '进入全市前三', planRating: 4 })), []],
    [four(() => ({ target: '', planRating: 4 })).slice(0, 1), ['缺少“出亮点”一项', '缺少“求突破”一项', '缺少“创一流”一项', '有位置：请填写目标']],
    [four((s) => ({ target: '目标', planRating: s === 'first_class' ? 6 : 3 })), ['创一流：预评应为 1 至 5 的整数']],
  ])('target lines %#', (lines, problems) => {
    expect(targetProblems(lines as never)).toEqual(problems);
  });

  it('result lines need a text and a rating', () => {
    expect(resultProblems(four(() => ({ result: 'x'.repeat(501), resultRating: 0 })) as never)).toContain('有位置：完成情况不超过 500 字');
  });

  it('the gap is the unit’s rating minus the office’s, and no total until every line has both', () => {
    const items = mergeLines([], (s) => ({ resultRating: 4, officeRating: s === 'position' ? 2 : s === 'highlight' ? 5 : 4 }));
    expect(gapOf(items)).toEqual({
      lines: [
        { standard: 'position', gap: 2 },
        { standard: 'highlight', gap: -1 },
        { standard: 'breakthrough', gap: 0 },
        { standard: 'first_class', gap: 0 },
      ],
      total: 1,
    });
    expect(gapOf(mergeLines(items, (s) => (s === 'position' ? { officeRating: null } : {}))).total).toBeNull();
  });
});
