import { describe, expect, it } from 'vitest';
import { monthsBefore, percent, projectFigures } from './rules.js';

describe('cockpit rules', () => {
  it.each([
    [0, 0, null],
    [0, 5, 0],
    [1, 3, 33.3],
    [2, 3, 66.7],
    [5, 5, 100],
  ])('percent(%i, %i) = %s', (part, whole, expected) => expect(percent(part, whole)).toBe(expected));

  it.each([
    ['2026-11', 0, '2026-11'],
    ['2026-11', 11, '2025-12'],
    ['2026-01', 1, '2025-12'],
    ['2026-03', 14, '2025-01'],
  ])('monthsBefore(%s, %i) = %s', (month, n, expected) => expect(monthsBefore(month, n)).toBe(expected));

  it("sums the key projects' investment, rates the year against plan and counts the colours", () => {
    const project = (id: number, colour: 'red' | 'blue' | 'green', planned: number, done: number) => ({
      project: { id, name: `项目${id}`, totalInvestment: 1000 * id },
      leadUnitName: '城关镇',
      colour,
      plannedThisYear: planned,
      doneThisYear: done,
      cumulative: done + 100,
    });
    const f = projectFigures([project(1, 'red', 300, 120), project(2, 'blue', 500, 480), project(3, 'blue', 0, 0)]);
    expect(f).toMatchObject({ total: 3, totalInvestment: 6000, plannedThisYear: 800, doneThisYear: 600, cumulative: 900, yearRate: 75 });
    expect(f.counts).toEqual({ red: 1, yellow: 0, blue: 2, green: 0, grey: 0 });
    expect(f.rows.map((r) => r.projectId)).toEqual([1, 2, 3]);
    expect(projectFigures([])).toMatchObject({ total: 0, plannedThisYear: 0, yearRate: null });
  });
});
