// The second factor (等保 身份鉴别 d): enrolment, the login's second step with a TOTP code or a recovery code, the
// recovery codes, disabling, and the security admin's reset. No secret or code ever reaches the audit log or the logs.
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Actor, Deps, RequestMeta, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { AppError, badRequest, conflict, forbidden } from '../../errors.js';
import { authorize } from '../../permissions.js';
import { recordAudit, recordFailure } from '../audit/service.js';
import { afterFailedLogin, afterIpFailure, isLocked, totpRequiredFor } from './rules.js';
import { accounts, accountTotp, loginChallenges, recoveryCodes } from './schema.js';
import { keyedHash, open, seal } from './secret-box.js';
import { accountNotFound, countIpFailure, getAccount, ipBlockedError, lockedError, sessionTokenHash, startSession } from './service.js';
import * as store from './store.js';
import { countFailure, findThrottle, ipKey } from './throttle.js';
import {
  base32Encode,
  isRecoveryCodeShape,
  matchTotp,
  newRecoveryCode,
  newTotpSecret,
  normalizeRecoveryCode,
  otpauthUri,
  RECOVERY_CODE_COUNT,
} from './totp.js';

const wrongCode = () => new AppError('INVALID_SECOND_FACTOR', '动态口令或恢复码不正确', 401);
const challengeGone = () => new AppError('LOGIN_CHALLENGE_EXPIRED', '登录验证已过期，请重新输入账号和密码', 401);

async function newRecoveryCodes(tx: Db, deps: Deps, accountId: number, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
  await tx
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ accountId, codeHash: keyedHash(deps.config.secretKey, normalizeRecoveryCode(code)), createdAt: now })));
  return codes;
}

async function recoveryCodesLeft(db: Db, accountId: number) {
  const rows = await db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}

export async function totpStatus(deps: Deps, actor: Actor) {
  const row = await store.findTotp(deps.db, actor.accountId);
  const policy = await store.getPolicy(deps.db);
  return {
    enabled: Boolean(row?.confirmedAt),
    enrolling: Boolean(row && !row.confirmedAt),
    required: totpRequiredFor(actor.roles, policy),
    enabledAt: row?.confirmedAt?.toISOString() ?? null,
    recoveryCodesLeft: row?.confirmedAt ? await recoveryCodesLeft(deps.db, actor.accountId) : 0,
  };
}

// Starts (or restarts) enrolment with a new key. The key is returned here and only here, to be scanned or typed in.
export async function startEnrolment(deps: Deps, who: Who & { actor: Actor }) {
  const existing = await store.findTotp(deps.db, who.actor.accountId);
  if (existing?.confirmedAt) throw conflict('TOTP_ALREADY_ENABLED', '已启用动态口令；如需更换手机，请先停用再重新绑定');
  const secret = newTotpSecret();
  const now = deps.clock.now();
  const values = { secretSealed: seal(deps.config.secretKey, secret), confirmedAt: null, lastUsedStep: null, createdAt: now };
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(accountTotp)
      .values({ accountId: who.actor.accountId, ...values })
      .onConflictDoUpdate({ target: accountTotp.accountId, set: values });
    await recordAudit(tx, deps, who, { action: 'auth.totp_enrol_start', targetType: 'account', targetId: who.actor.accountId });
  });
  const uri = otpauthUri(secret, who.actor.username);
  return { secret: base32Encode(secret), otpauthUri: uri, qrCode: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

// A code of the account's key, not used before: its time step. Refusals are audited under `action`.
async function checkCode(deps: Deps, who: Who & { actor: Actor }, action: string, code: string, pending: boolean) {
  const row = await store.findTotp(deps.db, who.actor.accountId);
  if (!row || Boolean(row.confirmedAt) === pending) {
    throw pending ? conflict('TOTP_NOT_ENROLLING', '请先开始绑定动态口令') : conflict('TOTP_NOT_ENABLED', '尚未启用动态口令');
  }
  const step = matchTotp(open(deps.config.secretKey, row.secretSealed), code.trim(), deps.clock.now(), row.lastUsedStep);
  if (step === undefined) {
    await recordFailure(deps, who, { action, targetType: 'account', targetId: who.actor.accountId, reason: '动态口令不正确或已使用' });
    throw badRequest('INVALID_SECOND_FACTOR', '动态口令不正确或已使用，请输入手机上显示的最新 6 位数字');
  }
  return { row, step };
}

// Spends `step` only if no later or equal step was spent meanwhile (two requests racing with one code).
async function spendStep(tx: Db, accountId: number, step: number) {
  const [spent] = await tx
    .update(accountTotp)
    .set({ lastUsedStep: step })
    .where(and(eq(accountTotp.accountId, accountId), or(isNull(accountTotp.lastUsedStep), lt(accountTotp.lastUsedStep, step))))
    .returning({ accountId: accountTotp.accountId });
  if (!spent) throw badRequest('INVALID_SECOND_FACTOR', '动态口令已使用，请等待下一个动态口令');
}

export async function confirmEnrolment(deps: Deps, who: Who & { actor: Actor }, code: string) {
  const { step } = await checkCode(deps, who, 'auth.totp_enrol', code, true);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await spendStep(tx, who.actor.accountId, step);
    await tx.update(accountTotp).set({ confirmedAt: now }).where(eq(accountTotp.accountId, who.actor.accountId));
    const codes = await newRecoveryCodes(tx, deps, who.actor.accountId, now);
    await recordAudit(tx, deps, who, {
      action: 'auth.totp_enrol',
      targetType: 'account',
      targetId: who.actor.accountId,
      after: { recoveryCodes: codes.length },
    });
    return { recoveryCodes: codes };
  });
}

export async function regenerateRecoveryCodes(deps: Deps, who: Who & { actor: Actor }, code: string) {
  const { step } = await checkCode(deps, who, 'auth.totp_recovery_codes', code, false);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await spendStep(tx, who.actor.accountId, step);
    const codes = await newRecoveryCodes(tx, deps, who.actor.accountId, now);
    await recordAudit(tx, deps, who, {
      action: 'auth.totp_recovery_codes',
      targetType: 'account',
      targetId: who.actor.accountId,
      after: { recoveryCodes: codes.length },
    });
    return { recoveryCodes: codes };
  });
}

async function removeSecondFactor(tx: Db, accountId: number) {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
  await tx.delete(accountTotp).where(eq(accountTotp.accountId, accountId));
}

export async function disableTotp(deps: Deps, who: Who & { actor: Actor }, code: string) {
  const policy = await store.getPolicy(deps.db);
  if (totpRequiredFor(who.actor.roles, policy)) throw forbidden('安全策略要求您的角色使用动态口令，不能停用');
  const { step } = await checkCode(deps, who, 'auth.totp_disable', code, false);
  await deps.db.transaction(async (tx) => {
    await spendStep(tx, who.actor.accountId, step);
    await removeSecondFactor(tx, who.actor.accountId);
    await recordAudit(tx, deps, who, { action: 'auth.totp_disable', targetType: 'account', targetId: who.actor.accountId });
  });
  return totpStatus(deps, who.actor);
}

// The security admin clears a lost second factor; the user enrols again at the next login (if the policy requires
// it) and their open sessions end.
export async function resetTotp(deps: Deps, who: Who & { actor: Actor }, accountId: number) {
  authorize(who.actor, 'account.totp_reset');
  const account = await store.findAccountById(deps.db, accountId);
  if (!account) throw accountNotFound();
  const row = await store.findTotp(deps.db, accountId);
  if (!row) throw conflict('TOTP_NOT_ENABLED', '该账号未启用动态口令，无需重置');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await removeSecondFactor(tx, accountId);
    await store.endSessions(tx, accountId, now, 'totp_reset');
    await recordAudit(tx, deps, who, {
      action: 'account.totp_reset',
      targetType: 'account',
      targetId: accountId,
      before: { totpEnabled: Boolean(row.confirmedAt) },
      after: { totpEnabled: false },
    });
  });
  return getAccount(deps, who.actor, accountId);
}

/**
 * The login's second step: the challenge from a correct password and a TOTP code or a recovery code. A wrong code
 * counts toward the account's lockout and the address's throttle like a wrong password.
 */
export async function completeLogin(deps: Deps, meta: RequestMeta, challenge: string, code: string) {
  const now = deps.clock.now();
  const who: Who = { actor: null, meta };
  const [pending] = await deps.db
    .select()
    .from(loginChallenges)
    .where(eq(loginChallenges.tokenHash, sessionTokenHash(challenge)));
  if (!pending || pending.usedAt || pending.expiresAt.getTime() <= now.getTime()) {
    await recordFailure(deps, who, {
      action: 'auth.second_factor',
      targetType: 'account',
      targetId: pending?.accountId ?? '（未知）',
      reason: '登录验证不存在、已使用或已过期',
    });
    throw challengeGone();
  }
  const account = await store.findAccountById(deps.db, pending.accountId);
  const ipBlock = await findThrottle(deps.db, ipKey(meta.ip));
  if (ipBlock?.lockedUntil && isLocked(ipBlock.lockedUntil, now)) {
    await recordFailure(deps, who, {
      action: 'auth.second_factor',
      targetType: 'account',
      targetId: pending.accountId,
      reason: '该网络地址登录失败次数过多，暂停登录',
    });
    throw ipBlockedError(ipBlock.lockedUntil, now);
  }
  if (!account?.active) {
    await recordFailure(deps, who, { action: 'auth.second_factor', targetType: 'account', targetId: pending.accountId, reason: '账号已停用' });
    throw challengeGone();
  }
  if (isLocked(account.lockedUntil, now)) {
    await countIpFailure(deps, who, account.id, '账号锁定期间尝试验证动态口令');
    throw lockedError(account.lockedUntil!, now);
  }
  const policy = await store.getPolicy(deps.db);
  const totp = await store.findTotp(deps.db, account.id);
  const trimmed = code.trim();
  const step = totp?.confirmedAt ? matchTotp(open(deps.config.secretKey, totp.secretSealed), trimmed, now, totp.lastUsedStep) : undefined;
  const recoveryHash = step === undefined && isRecoveryCodeShape(trimmed) ? keyedHash(deps.config.secretKey, normalizeRecoveryCode(trimmed)) : undefined;

  const spend = async (tx: Db, actorWho: Who) => {
    await tx
      .update(loginChallenges)
      .set({ usedAt: now })
      .where(and(eq(loginChallenges.tokenHash, pending.tokenHash), isNull(loginChallenges.usedAt)));
    if (step !== undefined) {
      const [spent] = await tx
        .update(accountTotp)
        .set({ lastUsedStep: step })
        .where(and(eq(accountTotp.accountId, account.id), or(isNull(accountTotp.lastUsedStep), lt(accountTotp.lastUsedStep, step))))
        .returning({ accountId: accountTotp.accountId });
      if (!spent) return false;
      await recordAudit(tx, deps, actorWho, { action: 'auth.second_factor', targetType: 'account', targetId: account.id, after: { method: 'totp' } });
      return true;
    }
    if (!recoveryHash) return false;
    const [used] = await tx
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(recoveryCodes.accountId, account.id), eq(recoveryCodes.codeHash, recoveryHash), isNull(recoveryCodes.usedAt)))
      .returning({ id: recoveryCodes.id });
    if (!used) return false;
    const left = await recoveryCodesLeft(tx, account.id);
    await recordAudit(tx, deps, actorWho, { action: 'auth.second_factor', targetType: 'account', targetId: account.id, after: { method: 'recovery_code' } });
    await recordAudit(tx, deps, actorWho, {
      action: 'auth.recovery_code_used',
      targetType: 'account',
      targetId: account.id,
      after: { recoveryCodesLeft: left },
    });
    return true;
  };

  if (step !== undefined || recoveryHash) {
    try {
      return await startSession(deps, meta, account, policy, async (tx, actorWho) => {
        if (!(await spend(tx, actorWho))) throw wrongCode();
      });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'INVALID_SECOND_FACTOR')) throw err;
    }
  }
  // A replayed code within its window is told apart in the audit log only; the answer is the same.
  const replayed = totp?.confirmedAt && step === undefined && matchTotp(open(deps.config.secretKey, totp.secretSealed), trimmed, now, null) !== undefined;
  const lockedUntil = await deps.db.transaction(async (tx) => {
    await countFailure(tx, ipKey(meta.ip), now, (state) => afterIpFailure(state, now));
    const [fresh] = await tx.select().from(accounts).where(eq(accounts.id, account.id)).for('update');
    const next = afterFailedLogin(fresh!.failedLogins, policy, now);
    await tx.update(accounts).set(next).where(eq(accounts.id, account.id));
    const reason = replayed ? '动态口令已使用过（重放）' : recoveryHash ? '恢复码错误或已使用' : '动态口令错误';
    await recordAudit(tx, deps, who, { action: 'auth.second_factor', targetType: 'account', targetId: account.id, result: 'failure', reason });
    if (next.lockedUntil) {
      await tx.update(loginChallenges).set({ usedAt: now }).where(eq(loginChallenges.tokenHash, pending.tokenHash));
      await recordAudit(tx, deps, who, {
        action: 'auth.lock',
        targetType: 'account',
        targetId: account.id,
        after: { lockedUntil: next.lockedUntil },
        result: 'failure',
        reason: `连续 ${policy.maxFailedLogins} 次登录失败（含动态口令）`,
      });
    }
    return next.lockedUntil;
  });
  if (lockedUntil) throw lockedError(lockedUntil, now);
  throw wrongCode();
}
