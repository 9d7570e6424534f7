import { describe, expect, it } from 'vitest';
import { afterFailedLogin, isLocked, MAX_PASSWORD_LENGTH, passwordExpired, passwordProblems, policyProblems, sessionState, type Policy } from './rules.js';

// The 等保 level-3 practice defaults, as shipped in the migration.
const POLICY: Policy = { minLength: 8, rotationDays: 90, maxFailedLogins: 5, lockMinutes: 30, idleMinutes: 30, absoluteHours: 12, totpRequired: false };
const NOW = new Date('2026-03-25T09:00:00+08:00');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describe('passwordProblems: complexity per 等保 身份鉴别 a)', () => {
  it('accepts a password with upper, lower, digit and symbol of the minimum length', () => {
    expect(passwordProblems('Luoshi@2026', 'lianluo', POLICY)).toEqual([]);
    expect(passwordProblems('Aa1!aaaa', 'someone', POLICY)).toEqual([]);
  });

  it.each([
    ['no upper case letter', 'luoshi@2026', '大写字母'],
    ['no lower case letter', 'LUOSHI@2026', '小写字母'],
    ['no digit', 'Luoshi@abcd', '数字'],
    ['no special symbol', 'Luoshi2026x', '特殊符号'],
    ['shorter than the minimum length', 'Aa1!aaa', '至少 8 位'],
  ])('refuses a password with %s, naming only that problem', (_rule, password, fragment) => {
    const problems = passwordProblems(password, 'someone', POLICY);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(fragment);
  });

  it('counts a Chinese character or a space as a special symbol', () => {
    expect(passwordProblems('Luoshi2026落实', 'someone', POLICY)).toEqual([]);
    expect(passwordProblems('Luoshi 2026', 'someone', POLICY)).toEqual([]);
  });

  it('follows the policy minimum length', () => {
    expect(passwordProblems('Luoshi@2026', 'someone', { minLength: 12 })).toEqual(['密码长度至少 12 位']);
    expect(passwordProblems('Luoshi@20261', 'someone', { minLength: 12 })).toEqual([]);
  });

  it.each([
    ['exactly', 'Lianluo@2026'],
    ['in another case', 'LIANLUO@2026x'],
    ['in mixed case in the middle', 'Ab1!lIaNlUo'],
  ])('refuses a password containing the username %s', (_how, password) => {
    expect(passwordProblems(password, 'lianluo', POLICY)).toEqual(['密码不能包含账号名']);
  });

  it('does not check the username when there is none', () => {
    expect(passwordProblems('Luoshi@2026', '', POLICY)).toEqual([]);
  });

  it(`allows up to ${MAX_PASSWORD_LENGTH} characters (long passphrases) and refuses longer`, () => {
    const base = 'Aa1!';
    const atLimit = base + 'x'.repeat(MAX_PASSWORD_LENGTH - base.length);
    expect(atLimit).toHaveLength(MAX_PASSWORD_LENGTH);
    expect(passwordProblems(atLimit, 'someone', POLICY)).toEqual([]);
    expect(passwordProblems(`${atLimit}x`, 'someone', POLICY)).toEqual([`密码长度不能超过 ${MAX_PASSWORD_LENGTH} 位`]);
    expect(passwordProblems(base + 'x'.repeat(60), 'someone', POLICY)).toEqual([]); // ASVS 6.2.9: ≥64 allowed
  });

  it('lists every problem at once, so the user can fix them in one go', () => {
    expect(passwordProblems('abc', 'someone', POLICY)).toEqual(['密码长度至少 8 位', '密码须包含大写字母', '密码须包含数字', '密码须包含特殊符号']);
  });
});

describe('afterFailedLogin: lock after N failures (等保 身份鉴别 b)', () => {
  it.each([
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
  ])('counts failure %i → %i without locking', (before, after) => {
    expect(afterFailedLogin(before, POLICY, NOW)).toEqual({ failedLogins: after, lockedUntil: null });
  });

  it('locks at the 5th failure for 30 minutes from now and resets the counter', () => {
    expect(afterFailedLogin(4, POLICY, NOW)).toEqual({ failedLogins: 0, lockedUntil: at(30 * MINUTE) });
  });

  it('follows the policy threshold and lock duration', () => {
    const policy = { ...POLICY, maxFailedLogins: 3, lockMinutes: 60 };
    expect(afterFailedLogin(1, policy, NOW)).toEqual({ failedLogins: 2, lockedUntil: null });
    expect(afterFailedLogin(2, policy, NOW)).toEqual({ failedLogins: 0, lockedUntil: at(60 * MINUTE) });
  });

  it('locks when a lowered threshold is already exceeded by the stored count', () => {
    expect(afterFailedLogin(7, POLICY, NOW).lockedUntil).toEqual(at(30 * MINUTE));
  });
});

describe('isLocked', () => {
  it.each([
    ['never locked', null, false],
    ['locked until a minute from now', at(MINUTE), true],
    ['locked until 1 ms from now', at(1), true],
    ['lock ends exactly now', NOW, false],
    ['lock ended a minute ago', at(-MINUTE), false],
  ])('%s → %s', (_case, lockedUntil, locked) => {
    expect(isLocked(lockedUntil, NOW)).toBe(locked);
  });
});

describe('passwordExpired: periodic change (等保 身份鉴别 a)', () => {
  it.each([
    ['changed just now', 0, false],
    ['changed 89 days ago', 89 * DAY, false],
    ['changed 90 days minus 1 ms ago', 90 * DAY - 1, false],
    ['changed exactly 90 days ago', 90 * DAY, true],
    ['changed 400 days ago', 400 * DAY, true],
  ])('with 90-day rotation, a password %s is expired: %s', (_case, age, expired) => {
    expect(passwordExpired(at(-age), POLICY, NOW)).toBe(expired);
  });

  it('never expires when rotationDays is 0', () => {
    expect(passwordExpired(at(-3650 * DAY), { ...POLICY, rotationDays: 0 }, NOW)).toBe(false);
  });

  it('follows a shorter rotation period', () => {
    expect(passwordExpired(at(-30 * DAY), { ...POLICY, rotationDays: 30 }, NOW)).toBe(true);
    expect(passwordExpired(at(-29 * DAY), { ...POLICY, rotationDays: 30 }, NOW)).toBe(false);
  });
});

describe('sessionState: idle and absolute timeouts', () => {
  const session = (createdAgo: number, seenAgo: number, endedAt: Date | null = null) => ({ createdAt: at(-createdAgo), lastSeenAt: at(-seenAgo), endedAt });

  it.each([
    ['just created', session(0, 0), 'active'],
    ['idle 29 min 59 s', session(HOUR, 30 * MINUTE - 1000), 'active'],
    ['idle exactly 30 min', session(HOUR, 30 * MINUTE), 'idle_timeout'],
    ['idle 31 min', session(31 * MINUTE, 31 * MINUTE), 'idle_timeout'],
    ['11 h 59 min old and active a minute ago', session(12 * HOUR - MINUTE, MINUTE), 'active'],
    ['exactly 12 h old although active just now', session(12 * HOUR, 0), 'absolute_timeout'],
    ['13 h old and idle too (absolute limit wins)', session(13 * HOUR, 40 * MINUTE), 'absolute_timeout'],
    ['ended by logout, otherwise fresh', session(0, 0, at(0)), 'ended'],
    ['ended and also past both limits', session(13 * HOUR, 13 * HOUR, at(-HOUR)), 'ended'],
  ] as const)('a session %s is %s', (_case, s, state) => {
    expect(sessionState(s, POLICY, NOW)).toBe(state);
  });

  it('follows the policy limits', () => {
    const policy = { ...POLICY, idleMinutes: 10, absoluteHours: 2 };
    expect(sessionState(session(HOUR, 10 * MINUTE), policy, NOW)).toBe('idle_timeout');
    expect(sessionState(session(HOUR, 9 * MINUTE), policy, NOW)).toBe('active');
    expect(sessionState(session(2 * HOUR, 0), policy, NOW)).toBe('absolute_timeout');
  });
});

describe('policyProblems: the security admin cannot weaken the policy below the floor', () => {
  it('accepts the shipped defaults', () => {
    expect(policyProblems(POLICY)).toEqual([]);
  });

  it.each([
    ['minLength', 8, 64],
    ['rotationDays', 0, 365],
    ['maxFailedLogins', 3, 10],
    ['lockMinutes', 5, 1440],
    ['idleMinutes', 5, 120],
    ['absoluteHours', 1, 24],
  ] as const)('%s accepts %i…%i and refuses one past either end', (field, min, max) => {
    expect(policyProblems({ ...POLICY, [field]: min })).toEqual([]);
    expect(policyProblems({ ...POLICY, [field]: max })).toEqual([]);
    expect(policyProblems({ ...POLICY, [field]: min - 1 })).toHaveLength(1);
    expect(policyProblems({ ...POLICY, [field]: max + 1 })).toHaveLength(1);
  });

  it('reports every bad field', () => {
    expect(
      policyProblems({ minLength: 4, rotationDays: -1, maxFailedLogins: 100, lockMinutes: 0, idleMinutes: 600, absoluteHours: 48, totpRequired: false }),
    ).toHaveLength(6);
  });
});
