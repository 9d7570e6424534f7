import { describe, expect, it } from 'vitest';
import { clockFromEnv, fixedClock, parseOffset } from './clock.js';

describe('clock', () => {
  it('LUOSHI_NOW pins the whole server to one instant', () => {
    const clock = clockFromEnv({ LUOSHI_NOW: '2026-03-25T09:00:00+08:00' });
    expect(clock.now().toISOString()).toBe('2026-03-25T01:00:00.000Z');
    expect(clock.now().getTime()).toBe(clock.now().getTime());
  });

  it('LUOSHI_CLOCK_OFFSET shifts real time', () => {
    const real = new Date().getTime();
    const shifted = clockFromEnv({ LUOSHI_CLOCK_OFFSET: '+3d' }).now().getTime();
    expect(shifted - real).toBeGreaterThanOrEqual(3 * 86_400_000 - 1000);
    expect(shifted - real).toBeLessThan(3 * 86_400_000 + 5000);
  });

  it.each([
    ['+3d', 259_200_000],
    ['-2h', -7_200_000],
    ['90m', 5_400_000],
    ['5000', 5000],
    ['30s', 30_000],
    [undefined, 0],
  ])('parses offset %s', (raw, ms) => {
    expect(parseOffset(raw)).toBe(ms);
  });

  it('refuses nonsense instead of running at a wrong time', () => {
    expect(() => parseOffset('tomorrow')).toThrow(/LUOSHI_CLOCK_OFFSET/);
    expect(() => clockFromEnv({ LUOSHI_NOW: 'not a date' })).toThrow(/LUOSHI_NOW/);
  });

  it('a fixed clock moves only when told', () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:01:00.000Z');
    clock.set('2026-02-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });
});
