import { describe, expect, it } from 'vitest';
import { taskDot, viewRange } from './rules.js';

describe('activity calendar rules', () => {
  it.each([
    ['closed', '2026-03-20', 'green'],
    ['closed', '2026-03-30', 'green'],
    ['in_progress', '2026-03-24', 'red'],
    ['in_progress', '2026-03-25', 'blue'],
    ['assigned', '2026-04-10', 'blue'],
    ['suspended', '2026-03-01', 'red'],
  ] as const)('a %s task due %s is %s on 2026-03-25', (status, deadline, colour) => {
    expect(taskDot({ status, deadline }, '2026-03-25')).toBe(colour);
  });

  it.each([
    [2026, undefined, '2026-01-01', '2026-12-31'],
    [2026, 2, '2026-02-01', '2026-02-28'],
    [2028, 2, '2028-02-01', '2028-02-29'],
    [2026, 12, '2026-12-01', '2026-12-31'],
  ])('%i month %s covers %s to %s', (year, month, from, to) => {
    expect(viewRange(year, month)).toEqual({ from, to });
  });
});
