import { describe, expect, it } from 'vitest';
import { boardColour, boardTokenNameProblem, hashBoardToken, newBoardToken } from './rules.js';

describe('board rules', () => {
  it.each([
    ['red', 'red'],
    ['yellow', 'yellow'],
    ['blue', 'green'],
    ['green', 'green'],
    ['grey', null],
  ] as const)('a %s task shows %s on the board', (colour, expected) => expect(boardColour(colour)).toBe(expected));

  it('tokens are long, distinct and stored only as a hash', () => {
    const [a, b] = [newBoardToken(), newBoardToken()];
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(hashBoardToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashBoardToken(a)).not.toContain(a);
  });

  it.each([
    ['', '请填写电子屏名称（如“政务大厅电子屏”）'],
    ['  ', '请填写电子屏名称（如“政务大厅电子屏”）'],
    ['政务大厅电子屏', null],
    ['屏'.repeat(61), '电子屏名称不能超过 60 字'],
  ])('name %j → %s', (name, expected) => expect(boardTokenNameProblem(name)).toBe(expected));
});
