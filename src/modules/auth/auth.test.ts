// Longer than 400 lines on purpose: the account and session rules of 等保 level 3 (password policy, lockout, timeouts,
// 三员分立, forced change) are one scenario each against one seeded app; splitting them would only repeat the setup.
import crypto from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { TEST_NOW, testDeps, type TestDeps } from '../../../test/db.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { auditLog } from '../audit/schema.js';
import { accounts, sessions } from './schema.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let deps: TestDeps;
let app: TestApp;
// Administrators' sessions, opened once at TEST_NOW and only used at TEST_NOW, so they never time out.
const admins = new Map<string, string>();
const as = (username: 'admin' | 'anquan' | 'shenji') => admins.get(username)!;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const username of ['admin', 'anquan', 'shenji']) admins.set(username, await login(app, username));
});
afterAll(() => deps?.close());
// Every test starts at the same instant; each uses its own accounts, so lockouts and password changes do not leak.
beforeEach(() => deps.clock.set(TEST_NOW));

const attempt = (username: string, password: string) => call(app, null, 'POST', '/api/v1/auth/login', { username, password });
const rawAttempt = async (username: string, password: string) => {
  const res = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, text: await res.text() };
};
const me = (cookie: string) => call(app, cookie, 'GET', '/api/v1/auth/me');

async function accountId(username: string) {
  const [row] = await deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username));
  return row!.id;
}

async function sessionOf(cookie: string) {
  const token = cookie.slice(cookie.indexOf('=') + 1);
  const hash = crypto.createHash('sha256').update(token).digest('hex');
  const [row] = await deps.db.select().from(sessions).where(eq(sessions.tokenHash, hash));
  return row!;
}

async function auditRows(action: string, targetId: number) {
  return deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(targetId))))
    .orderBy(asc(auditLog.seq));
}

// The two-step flow of 三员分立: the system admin creates the account, the security admin grants its roles.
async function newAccount(username: string, initialPassword: string, roles: string[] = ['office']) {
  const admin = as('admin');
  const created = await call(app, admin, 'POST', '/api/v1/accounts', { username, displayName: `测试${username}`, personId: null, initialPassword });
  expect(created.status).toBe(201);
  expect(created.body!.roles).toEqual([]);
  expect(created.body!.mustChangePassword).toBe(true);
  const anquan = as('anquan');
  const granted = await call(app, anquan, 'PUT', `/api/v1/accounts/${created.body!.id}/roles`, { roles });
  expect(granted.status).toBe(200);
  expect(granted.body!.roles).toEqual(roles);
  return created.body!.id as number;
}

describe('login', () => {
  it('answers 200 with the user and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: Record<string, unknown> };
    expect(body.user).toMatchObject({ username: 'admin', roles: ['sysadmin'], mustChangePassword: false, passwordExpired: false });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^luoshi_sid=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
    expect(setCookie).toMatch(/;\s*Path=\//);
  });

  it('issues a fresh random token per login and stores only its SHA-256, never the token', async () => {
    const a = await login(app, 'admin');
    const b = await login(app, 'admin');
    expect(a).not.toBe(b);
    const token = a.slice(a.indexOf('=') + 1);
    const row = await sessionOf(a);
    expect(row.tokenHash).not.toBe(token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.endedAt).toBeNull();
  });

  it('answers a wrong password and an unknown user with the same 401 body (no username enumeration)', async () => {
    const wrong = await rawAttempt('kaoheban', 'Wrong@2026');
    const unknown = await rawAttempt('nobody', DEMO_PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(JSON.parse(wrong.text)).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: '账号或密码错误' } });
    expect(unknown.text).toBe(wrong.text);
    // The failure is audited, with the account when there is one.
    const rows = await auditRows('auth.login', await accountId('kaoheban'));
    expect(rows.at(-1)).toMatchObject({ result: 'failure', reason: '密码错误', actorId: null });
  });

  it('a successful login resets the failure count', async () => {
    await login(app, 'kaoheban');
    for (let i = 0; i < 4; i++) expect((await attempt('kaoheban', 'Wrong@2026')).status).toBe(401);
    await login(app, 'kaoheban');
    for (let i = 0; i < 4; i++) expect((await attempt('kaoheban', 'Wrong@2026')).status).toBe(401);
    await login(app, 'kaoheban');
  });
});

describe('lockout after repeated failures (等保 身份鉴别 b, A4)', () => {
  it('locks at the 5th failure with 423, refuses even the right password while locked, and lets it in after 30 minutes', async () => {
    const id = await accountId('ganbu');
    for (let i = 1; i <= 4; i++) {
      const res = await attempt('ganbu', `Wrong@${i}`);
      expect(res.status, `failure ${i}`).toBe(401);
      expect(res.body!.error.code).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await attempt('ganbu', 'Wrong@5');
    expect(fifth.status).toBe(423);
    expect(fifth.body!.error.code).toBe('ACCOUNT_LOCKED');
    expect(fifth.body!.error.message).toContain('30 分钟');

    const right = await attempt('ganbu', DEMO_PASSWORD);
    expect(right.status).toBe(423);
    expect(right.body!.error.code).toBe('ACCOUNT_LOCKED');

    deps.clock.advance(29 * MINUTE);
    const stillLocked = await attempt('ganbu', DEMO_PASSWORD);
    expect(stillLocked.status).toBe(423);
    expect(stillLocked.body!.error.message).toContain('1 分钟');

    deps.clock.advance(MINUTE);
    expect((await attempt('ganbu', DEMO_PASSWORD)).status).toBe(200);

    // Every failure, the lock and the refused attempts while locked are audit rows with result 'failure'.
    const logins = await auditRows('auth.login', id);
    expect(logins.filter((r) => r.result === 'failure' && r.reason === '密码错误')).toHaveLength(5);
    expect(logins.filter((r) => r.result === 'failure' && r.reason === '账号锁定期间尝试登录')).toHaveLength(2);
    expect(logins.at(-1)).toMatchObject({ result: 'success', actorId: id });
    const locks = await auditRows('auth.lock', id);
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ result: 'failure', reason: '连续 5 次登录失败' });
  });

  it('the security admin can unlock a locked account, and the audit admin sees the failures, the lock and the unlock', async () => {
    const id = await accountId('danwei');
    for (let i = 1; i <= 5; i++) await attempt('danwei', `Wrong@${i}`);
    expect((await attempt('danwei', DEMO_PASSWORD)).status).toBe(423);

    const anquan = as('anquan');
    const listed = await call(app, anquan, 'GET', '/api/v1/accounts?keyword=danwei');
    expect(listed.body!.items[0]).toMatchObject({ id, locked: true });

    // A business role cannot unlock.
    const lianluo = await login(app, 'lianluo');
    expect((await call(app, lianluo, 'POST', `/api/v1/accounts/${id}/unlock`)).status).toBe(403);

    const unlocked = await call(app, anquan, 'POST', `/api/v1/accounts/${id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body!.locked).toBe(false);
    expect((await attempt('danwei', DEMO_PASSWORD)).status).toBe(200);

    const shenji = as('shenji');
    const failures = await call(app, shenji, 'GET', `/api/v1/audit?action=auth.&target=${id}&result=failure&pageSize=50`);
    expect(failures.status).toBe(200);
    const actions = failures.body!.items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'auth.login')).toHaveLength(6);
    expect(actions.filter((a: string) => a === 'auth.lock')).toHaveLength(1);
    const unlockRows = await call(app, shenji, 'GET', `/api/v1/audit?action=account.unlock&target=${id}`);
    expect(unlockRows.body!.items).toHaveLength(1);
    expect(unlockRows.body!.items[0]).toMatchObject({ result: 'success', actorRoles: ['secadmin'] });
    expect(unlockRows.body!.items[0].actorName).toContain('anquan');
  });
});

describe('session timeouts (等保 身份鉴别 b, S2)', () => {
  it('ends a session idle for 30 minutes: 401, and the session row is ended server-side', async () => {
    const cookie = await login(app, 'jiwei');
    deps.clock.advance(30 * MINUTE);
    const res = await me(cookie);
    expect(res.status).toBe(401);
    expect(res.body!.error).toEqual({ code: 'UNAUTHENTICATED', message: '长时间未操作，会话已超时，请重新登录' });
    const row = await sessionOf(cookie);
    expect(row.endedAt).toEqual(deps.clock.now());
    expect(row.endReason).toBe('idle_timeout');
    // Going back in time does not revive it.
    deps.clock.set(TEST_NOW);
    expect((await me(cookie)).status).toBe(401);
  });

  it('keeps a session alive while there is activity at least every 29 minutes', async () => {
    const cookie = await login(app, 'jiwei');
    for (let i = 1; i <= 5; i++) {
      deps.clock.advance(29 * MINUTE);
      expect((await me(cookie)).status, `after ${i * 29} minutes`).toBe(200);
    }
    expect((await sessionOf(cookie)).lastSeenAt).toEqual(deps.clock.now());
  });

  it('records activity at most once a minute, so idle time counts from the last recorded activity', async () => {
    const cookie = await login(app, 'jiwei');
    deps.clock.advance(59_000);
    expect((await me(cookie)).status).toBe(200);
    expect((await sessionOf(cookie)).lastSeenAt).toEqual(new Date(TEST_NOW));
    deps.clock.set(new Date(new Date(TEST_NOW).getTime() + 30 * MINUTE));
    expect((await me(cookie)).status).toBe(401);
  });

  it('ends a session 12 hours after login even with activity every 25 minutes', async () => {
    const cookie = await login(app, 'jiwei');
    let elapsed = 0;
    while (elapsed < 12 * HOUR) {
      deps.clock.advance(25 * MINUTE);
      elapsed += 25 * MINUTE;
      const res = await me(cookie);
      if (elapsed < 12 * HOUR) expect(res.status, `after ${elapsed / MINUTE} minutes`).toBe(200);
      else {
        expect(res.status).toBe(401);
        expect(res.body!.error.message).toBe('会话已达最长时限，请重新登录');
      }
    }
    expect((await sessionOf(cookie)).endReason).toBe('absolute_timeout');
  });
});

describe('logout (S3, R1)', () => {
  it('answers 204 and ends the session server-side: the same cookie then gets 401; other sessions of the user live on', async () => {
    const cookie = await login(app, 'lingdao');
    const other = await login(app, 'lingdao');
    const out = await call(app, cookie, 'POST', '/api/v1/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^luoshi_sid=;/);

    const replay = await me(cookie);
    expect(replay.status).toBe(401);
    expect(replay.body!.error.message).toBe('会话已结束，请重新登录');
    expect(await sessionOf(cookie)).toMatchObject({ endReason: 'logout', endedAt: deps.clock.now() });
    expect((await call(app, cookie, 'GET', '/api/v1/units')).status).toBe(401);
    expect((await me(other)).status).toBe(200);

    const rows = await auditRows('auth.logout', await accountId('lingdao'));
    expect(rows).toHaveLength(1);
  });
});

describe('forced password change and rotation (等保 身份鉴别 a, A3)', () => {
  it('an account created by the system admin must change its password at first login; until then every other route answers 403', async () => {
    const id = await newAccount('xinren', 'Chushi#2026');
    const login1 = await attempt('xinren', 'Chushi#2026');
    expect(login1.status).toBe(200);
    expect(login1.body!.user).toMatchObject({ id, mustChangePassword: true, roles: ['office'] });
    const cookie = login1.headers.get('set-cookie')!.split(';')[0]!;

    for (const [method, path] of [
      ['GET', '/api/v1/units'],
      ['GET', '/api/v1/people'],
      ['POST', '/api/v1/units'],
    ] as const) {
      const res = await call(app, cookie, method, path, method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body!.error).toEqual({ code: 'PASSWORD_CHANGE_REQUIRED', message: '首次登录请先修改密码' });
    }
    expect((await me(cookie)).body!.user.mustChangePassword).toBe(true);

    const change = (currentPassword: string, newPassword: string) => call(app, cookie, 'POST', '/api/v1/auth/password', { currentPassword, newPassword });
    const weak = await change('Chushi#2026', 'weakpass');
    expect(weak.status).toBe(400);
    expect(weak.body!.error.code).toBe('WEAK_PASSWORD');
    expect(weak.body!.error.details).toEqual(['密码须包含大写字母', '密码须包含数字', '密码须包含特殊符号']);
    const withName = await change('Chushi#2026', 'XinRen@2026');
    expect(withName.body!.error).toMatchObject({ code: 'WEAK_PASSWORD', details: ['密码不能包含账号名'] });
    const same = await change('Chushi#2026', 'Chushi#2026');
    expect(same.body!.error.code).toBe('WEAK_PASSWORD');
    const wrongCurrent = await change('Wrong#2026', 'Gaiguo@2026!');
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body!.error.code).toBe('WRONG_PASSWORD');
    expect((await call(app, cookie, 'GET', '/api/v1/units')).status).toBe(403);

    const good = await change('Chushi#2026', 'Gaiguo@2026!');
    expect(good.status).toBe(200);
    expect(good.body!.user).toMatchObject({ mustChangePassword: false, passwordExpired: false });
    expect((await call(app, cookie, 'GET', '/api/v1/units')).status).toBe(200);
    expect((await attempt('xinren', 'Chushi#2026')).status).toBe(401);
    expect((await attempt('xinren', 'Gaiguo@2026!')).status).toBe(200);
    expect(await auditRows('auth.password_change', id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ result: 'failure', reason: '原密码错误' }), expect.objectContaining({ result: 'success' })]),
    );
  });

  it('a password is still valid after 89 days', async () => {
    deps.clock.advance(89 * DAY);
    const cookie = await login(app, 'lianluo');
    expect((await me(cookie)).body!.user.passwordExpired).toBe(false);
    expect((await call(app, cookie, 'GET', '/api/v1/units')).status).toBe(200);
  });

  it('after 90 days the password has expired: routes answer 403 until it is changed', async () => {
    deps.clock.advance(90 * DAY);
    const cookie = await login(app, 'lianluo2');
    const user = (await me(cookie)).body!.user;
    expect(user).toMatchObject({ passwordExpired: true, mustChangePassword: false });
    const blocked = await call(app, cookie, 'GET', '/api/v1/units');
    expect(blocked.status).toBe(403);
    expect(blocked.body!.error).toEqual({ code: 'PASSWORD_CHANGE_REQUIRED', message: '密码已过期，请先修改密码' });

    const changed = await call(app, cookie, 'POST', '/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Xinmima@2026' });
    expect(changed.status).toBe(200);
    expect(changed.body!.user.passwordExpired).toBe(false);
    expect((await call(app, cookie, 'GET', '/api/v1/units')).status).toBe(200);
  });

  it('a session that is open when the password expires is blocked from then on', async () => {
    deps.clock.advance(90 * DAY - 50 * MINUTE);
    const cookie = await login(app, 'danwei');
    expect((await call(app, cookie, 'GET', '/api/v1/units')).status).toBe(200);
    deps.clock.advance(25 * MINUTE);
    expect((await me(cookie)).body!.user.passwordExpired).toBe(false);
    deps.clock.advance(25 * MINUTE);
    expect((await me(cookie)).body!.user.passwordExpired).toBe(true);
    expect((await call(app, cookie, 'GET', '/api/v1/units')).body!.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it("changing the password ends the user's other sessions and keeps the current one", async () => {
    const current = await login(app, 'duchashi');
    const otherA = await login(app, 'duchashi');
    const otherB = await login(app, 'duchashi');
    const res = await call(app, current, 'POST', '/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Dcs2026@Xin' });
    expect(res.status).toBe(200);
    expect((await me(current)).status).toBe(200);
    for (const other of [otherA, otherB]) {
      expect((await me(other)).status).toBe(401);
      expect(await sessionOf(other)).toMatchObject({ endReason: 'password_changed' });
    }
  });
});

describe('disabling an account (S3)', () => {
  it('ends its open sessions at once and refuses its login with the same answer as a wrong password', async () => {
    const id = await accountId('kaoheban');
    const cookie = await login(app, 'kaoheban');
    const admin = as('admin');
    expect((await call(app, admin, 'POST', `/api/v1/accounts/${id}/disable`)).body!.active).toBe(false);

    expect((await me(cookie)).status).toBe(401);
    expect(await sessionOf(cookie)).toMatchObject({ endReason: 'disable' });
    const refused = await rawAttempt('kaoheban', DEMO_PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.text).toBe((await rawAttempt('nobody', DEMO_PASSWORD)).text);

    expect((await call(app, admin, 'POST', `/api/v1/accounts/${id}/enable`)).body!.active).toBe(true);
    expect((await attempt('kaoheban', DEMO_PASSWORD)).status).toBe(200);
  });

  it('an admin cannot disable their own account', async () => {
    const admin = as('admin');
    const res = await call(app, admin, 'POST', `/api/v1/accounts/${await accountId('admin')}/disable`);
    expect(res.status).toBe(409);
    expect(res.body!.error.code).toBe('SELF_DISABLE');
  });
});

describe('security policy (security admin only)', () => {
  it('the security admin lowers the lockout threshold to 3 and it takes effect at the next login failure', async () => {
    await newAccount('suoding', 'Chushi#2026');
    const anquan = as('anquan');
    const before = await call(app, anquan, 'GET', '/api/v1/security-policy');
    expect(before.body).toMatchObject({ minLength: 8, rotationDays: 90, maxFailedLogins: 5, lockMinutes: 30, idleMinutes: 30, absoluteHours: 12 });
    try {
      const put = await call(app, anquan, 'PUT', '/api/v1/security-policy', { ...before.body, maxFailedLogins: 3 });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ maxFailedLogins: 3, version: before.body!.version + 1 });

      expect((await attempt('suoding', 'Wrong@1')).status).toBe(401);
      expect((await attempt('suoding', 'Wrong@2')).status).toBe(401);
      const third = await attempt('suoding', 'Wrong@3');
      expect(third.status).toBe(423);
      expect((await auditRows('auth.lock', await accountId('suoding')))[0]!.reason).toBe('连续 3 次登录失败');
      expect((await auditRows('policy.update', 1)).at(-1)).toMatchObject({ result: 'success', actorRoles: ['secadmin'] });

      // A stale version is refused rather than silently overwriting.
      const stale = await call(app, anquan, 'PUT', '/api/v1/security-policy', { ...before.body, maxFailedLogins: 4 });
      expect(stale.status).toBe(409);
    } finally {
      const current = await call(app, anquan, 'GET', '/api/v1/security-policy');
      const restored = await call(app, anquan, 'PUT', '/api/v1/security-policy', { ...current.body, maxFailedLogins: 5 });
      expect(restored.status).toBe(200);
    }
  });

  it.each(['admin', 'shenji', 'jiwei'])('%s cannot change the security policy (403)', async (username) => {
    const cookie = username === 'jiwei' ? await login(app, username) : as(username as 'admin' | 'shenji');
    const anquan = as('anquan');
    const policy = (await call(app, anquan, 'GET', '/api/v1/security-policy')).body!;
    const res = await call(app, cookie, 'PUT', '/api/v1/security-policy', { ...policy, maxFailedLogins: 10 });
    expect(res.status).toBe(403);
    expect((await call(app, anquan, 'GET', '/api/v1/security-policy')).body).toEqual(policy);
  });

  it.each([
    ['a lockout threshold below 3', { maxFailedLogins: 2 }],
    ['a minimum length below 8', { minLength: 6 }],
    ['an idle timeout over 2 hours', { idleMinutes: 121 }],
    ['a session lifetime over 24 hours', { absoluteHours: 25 }],
    ['a negative rotation period', { rotationDays: -1 }],
  ])('refuses %s with 400 BAD_POLICY and keeps the old policy', async (_case, change) => {
    const anquan = as('anquan');
    const policy = (await call(app, anquan, 'GET', '/api/v1/security-policy')).body!;
    const res = await call(app, anquan, 'PUT', '/api/v1/security-policy', { ...policy, ...change });
    expect(res.status).toBe(400);
    expect(res.body!.error.code).toBe('BAD_POLICY');
    expect(res.body!.error.details).toHaveLength(1);
    expect((await call(app, anquan, 'GET', '/api/v1/security-policy')).body).toEqual(policy);
  });
});

describe('polling does not keep an idle session alive', () => {
  it('the unread-count poll answers but leaves the idle timer running', async () => {
    const deps = await testDeps();
    try {
      const app = await demoApp(deps);
      const cookie = await login(app, 'lianluo');
      for (let minute = 5; minute <= 25; minute += 5) {
        deps.clock.set(new Date(new Date('2026-03-25T09:00:00+08:00').getTime() + minute * 60_000));
        expect((await call(app, cookie, 'GET', '/api/v1/inbox/unread-count')).status).toBe(200);
      }
      deps.clock.set(new Date(new Date('2026-03-25T09:00:00+08:00').getTime() + 30 * 60_000));
      expect((await call(app, cookie, 'GET', '/api/v1/inbox/unread-count')).status).toBe(401);
    } finally {
      await deps.close();
    }
  });
});

describe('the session of a request', () => {
  it('is read in one statement, holding no cache: a role change, a logout or a deactivation counts from the next request', async () => {
    const leader = await login(app, 'lingdao');
    const before = deps.statements();
    const first = await me(leader);
    expect(deps.statements() - before).toBe(1);
    expect(first.body!.user).toMatchObject({ username: 'lingdao' });
    const own = await me(await login(app, 'lianluo'));
    expect(own.body!.user.unit).toMatchObject({ name: expect.any(String) });

    const id = first.body!.user.id as number;
    const roles = first.body!.user.roles as string[];
    expect((await call(app, as('anquan'), 'PUT', `/api/v1/accounts/${id}/roles`, { roles: [...roles, 'discipline'] })).status).toBe(200);
    const after = deps.statements();
    expect((await me(leader)).body!.user.roles).toContain('discipline');
    expect(deps.statements() - after).toBe(1);
    expect((await call(app, as('anquan'), 'PUT', `/api/v1/accounts/${id}/roles`, { roles })).status).toBe(200);
    expect((await me(leader)).body!.user.roles).toEqual(roles);

    const other = await login(app, 'lingdao');
    expect((await call(app, other, 'POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await me(other)).status).toBe(401);
    expect((await me(leader)).status).toBe(200);
  });
});
