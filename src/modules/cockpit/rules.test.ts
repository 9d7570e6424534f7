import { describe, expect, it } from 'vitest';
import { monthsBefore, percent } from './rules.js';

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
});
