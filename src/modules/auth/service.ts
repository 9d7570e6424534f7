import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError, badRequest, conflict, forbidden, notFound, unauthenticated } from '../../errors.js';
import { recordAudit, recordFailure } from '../audit/service.js';
import { findLeaderByPerson, findPersonById } from '../org/read.js';
import { authorize } from '../../permissions.js';
import { hashPassword, verifyDummy, verifyPassword } from './passwords.js';
import {
  afterFailedLogin,
  afterIpFailure,
  isLocked,
  LOGIN_CHALLENGE_MINUTES,
  passwordExpired,
  passwordProblems,
  policyProblems,
  sessionState,
  totpRequiredFor,
  type Policy,
} from './rules.js';
import { accountRoles, accounts, loginChallenges, securityPolicy, sessions, type Role } from './schema.js';
import * as store from './store.js';
import { countFailure, findThrottle, ipKey, nameKey } from './throttle.js';

export const accountNotFound = () => notFound('ACCOUNT_NOT_FOUND', '账号不存在');
export const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', '账号或密码错误', 401);
export const sessionTokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export interface SessionUser {
  actor: Actor;
  mustChangePassword: boolean;
  passwordExpired: boolean;
  totpEnabled: boolean;
  // The policy requires a second factor of this account's roles and it has none yet: only enrolment answers.
  totpEnrolmentRequired: boolean;
  unit: { id: number; name: string } | null;
}

interface AccountFacts {
  totpEnabled: boolean;
  roles: Role[];
  unitId: number | null;
  unitName: string | null;
  unitPath?: string | null;
  leaderId: number | null;
}

function sessionUser(account: typeof accounts.$inferSelect, facts: AccountFacts, policy: Policy, now: Date): SessionUser {
  return {
    actor: {
      accountId: account.id,
      username: account.username,
      displayName: account.displayName,
      roles: facts.roles,
      personId: account.personId,
      unitId: facts.unitId,
      unitPath: facts.unitPath ?? null,
      leaderId: facts.leaderId,
    },
    mustChangePassword: account.mustChangePassword,
    passwordExpired: passwordExpired(account.passwordChangedAt, policy, now),
    totpEnabled: facts.totpEnabled,
    totpEnrolmentRequired: !facts.totpEnabled && totpRequiredFor(facts.roles, policy),
    unit: facts.unitId && facts.unitName ? { id: facts.unitId, name: facts.unitName } : null,
  };
}

async function buildSessionUser(db: Db, account: typeof accounts.$inferSelect, policy: Policy, now: Date): Promise<SessionUser> {
  const roles = (await store.rolesOf(db, [account.id])).get(account.id) ?? [];
  const person = account.personId ? await findPersonById(db, account.personId) : undefined;
  const leader = account.personId ? await findLeaderByPerson(db, account.personId) : undefined;
  const totpEnabled = Boolean((await store.findTotp(db, account.id))?.confirmedAt);
  return sessionUser(
    account,
    { totpEnabled, roles, unitId: person?.unitId ?? null, unitName: person?.unitName ?? null, leaderId: leader?.id ?? null },
    policy,
    now,
  );
}

export async function login(deps: Deps, meta: RequestMeta, username: string, password: string) {
  const now = deps.clock.now();
  const policy = await store.getPolicy(deps.db);
  const account = await store.findAccountByUsername(deps.db, username);
  const who: Who = { actor: null, meta };
  const loginFailed = (reason: string) => recordFailure(deps, who, { action: 'auth.login', targetType: 'account', targetId: account?.id ?? username, reason });

  const ipBlock = await findThrottle(deps.db, ipKey(meta.ip));
  if (ipBlock?.lockedUntil && isLocked(ipBlock.lockedUntil, now)) {
    await loginFailed('该网络地址登录失败次数过多，暂停登录');
    throw ipBlockedError(ipBlock.lockedUntil, now);
  }
  // A name that is no active account answers exactly as an account would: 401 until the same number of failures,
  // then 423 for the same time, with the same messages and an argon2 verify (against a dummy hash) for the timing.
  if (!account?.active) {
    const reason = account ? '账号已停用' : '账号不存在';
    const named = await findThrottle(deps.db, nameKey(username));
    if (named?.lockedUntil && isLocked(named.lockedUntil, now)) {
      await countIpFailure(deps, who, account?.id ?? username, `账号锁定期间尝试登录（${reason}）`);
      throw lockedError(named.lockedUntil, now);
    }
    await verifyDummy(password);
    const lockedUntil = await deps.db.transaction(async (tx) => {
      // Row locks in one order on every path (address, then name or account, then the audit chain): no deadlock.
      await countFailure(tx, ipKey(meta.ip), now, (state) => afterIpFailure(state, now));
      const next = await countFailure(tx, nameKey(username), now, (state) => {
        const { failedLogins, lockedUntil } = afterFailedLogin(state.failures, policy, now);
        return { failures: failedLogins, windowStartedAt: state.windowStartedAt, lockedUntil };
      });
      await recordAudit(tx, deps, who, { action: 'auth.login', targetType: 'account', targetId: account?.id ?? username, result: 'failure', reason });
      if (next.lockedUntil) {
        await recordAudit(tx, deps, who, {
          action: 'auth.lock',
          targetType: account ? 'account' : 'username',
          targetId: account?.id ?? username,
          after: { lockedUntil: next.lockedUntil },
          result: 'failure',
          reason: `连续 ${policy.maxFailedLogins} 次登录失败（${reason}）`,
        });
      }
      return next.lockedUntil;
    });
    if (lockedUntil) throw lockedError(lockedUntil, now);
    throw invalidCredentials();
  }
  if (isLocked(account.lockedUntil, now)) {
    await countIpFailure(deps, who, account.id, '账号锁定期间尝试登录');
    throw lockedError(account.lockedUntil!, now);
  }
  if (!(await verifyPassword(account.passwordHash, password))) {
    const lockedUntil = await deps.db.transaction(async (tx) => {
      await countFailure(tx, ipKey(meta.ip), now, (state) => afterIpFailure(state, now));
      const [fresh] = await tx.select().from(accounts).where(eq(accounts.id, account.id)).for('update');
      const next = afterFailedLogin(fresh!.failedLogins, policy, now);
      await tx.update(accounts).set(next).where(eq(accounts.id, account.id));
      const actor = { ...who, actor: null };
      await recordAudit(tx, deps, actor, { action: 'auth.login', targetType: 'account', targetId: account.id, result: 'failure', reason: '密码错误' });
      if (next.lockedUntil) {
        await recordAudit(tx, deps, actor, {
          action: 'auth.lock',
          targetType: 'account',
          targetId: account.id,
          after: { lockedUntil: next.lockedUntil },
          result: 'failure',
          reason: `连续 ${policy.maxFailedLogins} 次登录失败`,
        });
      }
      return next.lockedUntil;
    });
    if (lockedUntil) throw lockedError(lockedUntil, now);
    throw invalidCredentials();
  }

  // With a second factor the password opens only the second step: a short-lived challenge, not a session. The failure
  // count is not reset yet, so wrong codes after a right password still lead to the lockout.
  if ((await store.findTotp(deps.db, account.id))?.confirmedAt) {
    const challenge = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + LOGIN_CHALLENGE_MINUTES * 60_000);
    await deps.db.transaction(async (tx) => {
      await tx.insert(loginChallenges).values({ tokenHash: sessionTokenHash(challenge), accountId: account.id, createdAt: now, expiresAt });
      await recordAudit(tx, deps, who, { action: 'auth.password_ok', targetType: 'account', targetId: account.id, reason: '密码正确，待验证动态口令' });
    });
    return { kind: 'second_factor' as const, challenge, expiresAt };
  }
  return { kind: 'session' as const, ...(await startSession(deps, meta, account, policy)) };
}

// A new session for an account that has passed every factor: the failure count cleared, the login audited, and any
// audit entries of the last step (`also`) in the same transaction.
export async function startSession(
  deps: Deps,
  meta: RequestMeta,
  account: typeof accounts.$inferSelect,
  policy: Policy,
  also: (tx: Db, who: Who) => Promise<void> = async () => {},
) {
  const now = deps.clock.now();
  const token = crypto.randomBytes(32).toString('base64url');
  await deps.db.transaction(async (tx) => {
    await tx.update(accounts).set({ failedLogins: 0, lockedUntil: null }).where(eq(accounts.id, account.id));
    await tx.insert(sessions).values({
      tokenHash: sessionTokenHash(token),
      accountId: account.id,
      createdAt: now,
      lastSeenAt: now,
      ip: meta.ip,
      userAgent: meta.userAgent.slice(0, 300),
    });
    const user = await buildSessionUser(tx, account, policy, now);
    await also(tx, { actor: user.actor, meta });
    await recordAudit(tx, deps, { actor: user.actor, meta }, { action: 'auth.login', targetType: 'account', targetId: account.id });
  });
  return { token, user: await buildSessionUser(deps.db, account, policy, now) };
}

// A failed attempt that changes nothing but the address's count: its audit row and the count, in one transaction.
export async function countIpFailure(deps: Deps, who: Who, targetId: string | number, reason: string) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await countFailure(tx, ipKey(who.meta.ip), now, (state) => afterIpFailure(state, now));
    await recordAudit(tx, deps, who, { action: 'auth.login', targetType: 'account', targetId, result: 'failure', reason });
  });
}

export function ipBlockedError(until: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError('TOO_MANY_LOGIN_ATTEMPTS', `本机所在网络地址登录失败次数过多，已暂停登录，请 ${minutes} 分钟后再试`, 429);
}

export function lockedError(until: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError('ACCOUNT_LOCKED', `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试或联系安全管理员解锁`, 423);
}

const SESSION_END_MESSAGES: Record<string, string> = {
  ended: '会话已结束，请重新登录',
  idle_timeout: '长时间未操作，会话已超时，请重新登录',
  absolute_timeout: '会话已达最长时限，请重新登录',
};

// Resolves the cookie to a user, ending sessions that have timed out.
// `passive` requests (a page polling for unread messages) do not count as activity, so an idle tab still times out.
export const authenticate = (deps: Deps, token: string, opts: { passive?: boolean } = {}) => authenticateByHash(deps, sessionTokenHash(token), opts);

// Every request: one statement reads the session with its account, roles, unit, leader and the policy (nothing is
// cached, so a logout, a role change or a deactivation holds from the next request); a second, at most once a minute,
// records activity.
export async function authenticateByHash(deps: Deps, tokenHash: string, opts: { passive?: boolean } = {}): Promise<SessionUser & { tokenHash: string }> {
  const now = deps.clock.now();
  const found = await store.loadSession(deps.db, tokenHash);
  if (!found) throw unauthenticated();
  const { session, account, policy } = found;
  const state = sessionState(session, policy, now);
  if (state !== 'active') {
    if (state !== 'ended') {
      await deps.db
        .update(sessions)
        .set({ endedAt: now, endReason: state })
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.endedAt)));
    }
    throw unauthenticated(SESSION_END_MESSAGES[state]);
  }
  if (!account.active) throw unauthenticated('账号已停用');
  // Record activity at most once a minute; the idle timeout is counted in minutes.
  if (!opts.passive && now.getTime() - session.lastSeenAt.getTime() >= 60_000) {
    await deps.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  }
  return { ...sessionUser(account, found, policy, now), tokenHash };
}

export async function logout(deps: Deps, who: Who & { actor: Actor }, tokenHash: string) {
  await deps.db.transaction(async (tx) => {
    await tx.update(sessions).set({ endedAt: deps.clock.now(), endReason: 'logout' }).where(eq(sessions.tokenHash, tokenHash));
    await recordAudit(tx, deps, who, { action: 'auth.logout', targetType: 'account', targetId: who.actor.accountId });
  });
}

async function checkNewPassword(db: Db, username: string, password: string) {
  const policy = await store.getPolicy(db);
  const problems = passwordProblems(password, username, policy);
  if (problems.length) throw badRequest('WEAK_PASSWORD', `密码不符合安全策略：${problems.join('；')}`, problems);
}

export async function changePassword(deps: Deps, who: Who & { actor: Actor }, tokenHash: string, input: { currentPassword: string; newPassword: string }) {
  const account = await store.findAccountById(deps.db, who.actor.accountId);
  if (!account) throw accountNotFound();
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
    await recordFailure(deps, who, { action: 'auth.password_change', targetType: 'account', targetId: account.id, reason: '原密码错误' });
    throw badRequest('WRONG_PASSWORD', '原密码不正确');
  }
  if (input.currentPassword === input.newPassword) throw badRequest('WEAK_PASSWORD', '新密码不能与原密码相同', ['新密码不能与原密码相同']);
  await checkNewPassword(deps.db, account.username, input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now }).where(eq(accounts.id, account.id));
    await store.endSessions(tx, account.id, now, 'password_changed', tokenHash);
    await recordAudit(tx, deps, who, { action: 'auth.password_change', targetType: 'account', targetId: account.id });
  });
}

// ---- Account administration (系统管理员) and roles (安全管理员) ----

export const USERNAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/;

function presentAccount(row: Awaited<ReturnType<typeof store.listAccounts>>['items'][number], roles: Role[], now: Date) {
  const a = row.account;
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    personId: a.personId,
    personName: row.personName,
    unitName: row.unitName,
    roles,
    active: a.active,
    locked: isLocked(a.lockedUntil, now),
    mustChangePassword: a.mustChangePassword,
    totpEnabled: row.totpEnabled,
    passwordChangedAt: a.passwordChangedAt.toISOString(),
    createdAt: a.createdAt.toISOString(),
    version: a.version,
  };
}
export type AccountView = ReturnType<typeof presentAccount>;

export async function listAccounts(deps: Deps, actor: Actor, q: { keyword?: string; page: number; pageSize: number }) {
  authorize(actor, 'account.read');
  const { total, items } = await store.listAccounts(deps.db, q);
  const roles = await store.rolesOf(
    deps.db,
    items.map((i) => i.account.id),
  );
  const now = deps.clock.now();
  return { total, items: items.map((i) => presentAccount(i, roles.get(i.account.id) ?? [], now)) };
}

export async function getAccount(deps: Deps, actor: Actor, id: number): Promise<AccountView> {
  authorize(actor, 'account.read');
  const { items } = await store.listAccounts(deps.db, { page: 1, pageSize: 1, id });
  if (!items[0]) throw accountNotFound();
  const roles = await store.rolesOf(deps.db, [id]);
  return presentAccount(items[0], roles.get(id) ?? [], deps.clock.now());
}

async function assertPerson(db: Db, personId: number | null | undefined) {
  if (personId === undefined || personId === null) return;
  const person = await findPersonById(db, personId);
  if (!person?.active) throw badRequest('PERSON_NOT_FOUND', '关联人员不存在或已停用');
}

export async function createAccount(
  deps: Deps,
  who: Who & { actor: Actor },
  input: { username: string; displayName: string; personId: number | null; initialPassword: string },
) {
  authorize(who.actor, 'account.write');
  await assertPerson(deps.db, input.personId);
  await checkNewPassword(deps.db, input.username, input.initialPassword);
  const passwordHash = await hashPassword(input.initialPassword);
  const now = deps.clock.now();
  const id = await deps.db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(accounts)
        .values({
          username: input.username,
          displayName: input.displayName,
          personId: input.personId,
          passwordHash,
          mustChangePassword: true,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: accounts.id });
      await recordAudit(tx, deps, who, {
        action: 'account.create',
        targetType: 'account',
        targetId: row!.id,
        after: { username: input.username, displayName: input.displayName, personId: input.personId },
      });
      return row!.id;
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) throw conflict('USERNAME_TAKEN', '账号名已被使用');
      throw err;
    });
  return getAccount(deps, who.actor, id);
}

type AccountChange =
  | { kind: 'update'; displayName?: string; personId?: number | null; version: number }
  | { kind: 'disable' }
  | { kind: 'enable' }
  | { kind: 'unlock' }
  | { kind: 'reset_password'; newPassword: string };

export async function changeAccount(deps: Deps, who: Who & { actor: Actor }, id: number, change: AccountChange) {
  authorize(who.actor, change.kind === 'unlock' ? 'account.unlock' : 'account.write');
  const account = await store.findAccountById(deps.db, id);
  if (!account) throw accountNotFound();
  if (change.kind === 'disable' && id === who.actor.accountId) throw conflict('SELF_DISABLE', '不能停用自己的账号');
  const now = deps.clock.now();
  let set: Partial<typeof accounts.$inferInsert>;
  switch (change.kind) {
    case 'update':
      if (change.version !== account.version) throw conflict('STALE_VERSION', '该记录已被他人修改，请刷新后重试');
      await assertPerson(deps.db, change.personId);
      set = { displayName: change.displayName, personId: change.personId };
      break;
    case 'disable':
      set = { active: false };
      break;
    case 'enable':
      set = { active: true };
      break;
    case 'unlock':
      set = { lockedUntil: null, failedLogins: 0 };
      break;
    case 'reset_password':
      await checkNewPassword(deps.db, account.username, change.newPassword);
      set = { passwordHash: await hashPassword(change.newPassword), mustChangePassword: true, passwordChangedAt: now };
      break;
    default: {
      const never: never = change;
      throw new Error(`unknown account change ${JSON.stringify(never)}`);
    }
  }
  await deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(accounts)
      .set({ ...set, version: account.version + 1, updatedAt: now })
      .where(and(eq(accounts.id, id), eq(accounts.version, account.version)))
      .returning({ id: accounts.id });
    if (!updated) throw conflict('STALE_VERSION', '该记录已被他人修改，请刷新后重试');
    if (change.kind === 'disable' || change.kind === 'reset_password') await store.endSessions(tx, id, now, change.kind);
    const { passwordHash: _omit, ...visible } = set;
    await recordAudit(tx, deps, who, {
      action: `account.${change.kind}`,
      targetType: 'account',
      targetId: id,
      before: change.kind === 'update' ? { displayName: account.displayName, personId: account.personId } : undefined,
      after: visible,
    });
  });
  return getAccount(deps, who.actor, id);
}

const ADMIN_ROLES: Role[] = ['sysadmin', 'secadmin'];

export async function setRoles(deps: Deps, who: Who & { actor: Actor }, id: number, roles: Role[]) {
  authorize(who.actor, 'role.grant');
  if (id === who.actor.accountId) throw forbidden('不能修改自己的角色');
  const unique = [...new Set(roles)].sort();
  if (unique.includes('auditadmin') && unique.some((r) => ADMIN_ROLES.includes(r))) {
    throw badRequest('ROLE_SEPARATION', '审计管理员不能同时担任系统管理员或安全管理员（三员分立）');
  }
  const account = await store.findAccountById(deps.db, id);
  if (!account) throw accountNotFound();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = (await store.rolesOf(tx, [id])).get(id) ?? [];
    await tx.delete(accountRoles).where(eq(accountRoles.accountId, id));
    if (unique.length) await tx.insert(accountRoles).values(unique.map((role) => ({ accountId: id, role, grantedAt: now, grantedBy: who.actor.accountId })));
    await recordAudit(tx, deps, who, { action: 'account.roles', targetType: 'account', targetId: id, before: { roles: before }, after: { roles: unique } });
  });
  return getAccount(deps, who.actor, id);
}

export async function getPolicy(deps: Deps, actor: Actor) {
  authorize(actor, 'policy.read');
  const { id: _id, updatedAt: _u, ...policy } = await store.getPolicy(deps.db);
  return policy;
}

export async function updatePolicy(deps: Deps, who: Who & { actor: Actor }, input: Policy & { version: number }) {
  authorize(who.actor, 'policy.write');
  const { version, ...policy } = input;
  const problems = policyProblems(policy);
  if (problems.length) throw badRequest('BAD_POLICY', problems.join('；'), problems);
  await deps.db.transaction(async (tx) => {
    const before = await store.getPolicy(tx);
    const [row] = await tx
      .update(securityPolicy)
      .set({ ...policy, version: version + 1, updatedAt: deps.clock.now() })
      .where(and(eq(securityPolicy.id, 1), eq(securityPolicy.version, version)))
      .returning();
    if (!row) throw conflict('STALE_VERSION', '该记录已被他人修改，请刷新后重试');
    await recordAudit(tx, deps, who, { action: 'policy.update', targetType: 'security_policy', targetId: 1, before, after: row });
  });
  return getPolicy(deps, who.actor);
}
