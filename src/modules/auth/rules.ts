// Pure rules for passwords, lockout and sessions (等保 level 3 practice). No I/O, no clock reads.

export interface Policy {
  minLength: number;
  rotationDays: number;
  maxFailedLogins: number;
  lockMinutes: number;
  idleMinutes: number;
  absoluteHours: number;
  totpRequired: boolean;
}

// The roles the security admin's switch puts under the second factor: the county's side and the three admins.
export const TOTP_REQUIRED_ROLES = ['office', 'leader', 'discipline', 'sysadmin', 'secadmin', 'auditadmin'] as const;

export const totpRequiredFor = (roles: readonly string[], policy: Pick<Policy, 'totpRequired'>) =>
  policy.totpRequired && roles.some((r) => (TOTP_REQUIRED_ROLES as readonly string[]).includes(r));

// How long the step between a correct password and the second factor stays open.
export const LOGIN_CHALLENGE_MINUTES = 5;

export const MAX_PASSWORD_LENGTH = 128;
const MINUTE = 60_000;

export function passwordProblems(password: string, username: string, policy: Pick<Policy, 'minLength'>): string[] {
  const problems: string[] = [];
  if (password.length < policy.minLength) problems.push(`密码长度至少 ${policy.minLength} 位`);
  if (password.length > MAX_PASSWORD_LENGTH) problems.push(`密码长度不能超过 ${MAX_PASSWORD_LENGTH} 位`);
  if (!/[A-Z]/.test(password)) problems.push('密码须包含大写字母');
  if (!/[a-z]/.test(password)) problems.push('密码须包含小写字母');
  if (!/[0-9]/.test(password)) problems.push('密码须包含数字');
  if (!/[^A-Za-z0-9]/.test(password)) problems.push('密码须包含特殊符号');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含账号名');
  return problems;
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

// After a failed login: count it, and lock once the count reaches the limit.
export function afterFailedLogin(failedLogins: number, policy: Policy, now: Date): { failedLogins: number; lockedUntil: Date | null } {
  const count = failedLogins + 1;
  if (count >= policy.maxFailedLogins) return { failedLogins: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * MINUTE) };
  return { failedLogins: count, lockedUntil: null };
}

export function passwordExpired(passwordChangedAt: Date, policy: Policy, now: Date): boolean {
  return policy.rotationDays > 0 && now.getTime() - passwordChangedAt.getTime() >= policy.rotationDays * 24 * 60 * MINUTE;
}

export type SessionState = 'active' | 'ended' | 'idle_timeout' | 'absolute_timeout';

export function sessionState(s: { createdAt: Date; lastSeenAt: Date; endedAt: Date | null }, policy: Policy, now: Date): SessionState {
  if (s.endedAt) return 'ended';
  if (now.getTime() - s.createdAt.getTime() >= policy.absoluteHours * 60 * MINUTE) return 'absolute_timeout';
  if (now.getTime() - s.lastSeenAt.getTime() >= policy.idleMinutes * MINUTE) return 'idle_timeout';
  return 'active';
}

export function policyProblems(p: Policy): string[] {
  const problems: string[] = [];
  if (p.minLength < 8 || p.minLength > 64) problems.push('密码最小长度须在 8 到 64 之间');
  if (p.rotationDays < 0 || p.rotationDays > 365) problems.push('密码更换周期须在 0 到 365 天之间（0 表示不强制）');
  if (p.maxFailedLogins < 3 || p.maxFailedLogins > 10) problems.push('登录失败锁定次数须在 3 到 10 之间');
  if (p.lockMinutes < 5 || p.lockMinutes > 1440) problems.push('锁定时长须在 5 到 1440 分钟之间');
  if (p.idleMinutes < 5 || p.idleMinutes > 120) problems.push('空闲超时须在 5 到 120 分钟之间');
  if (p.absoluteHours < 1 || p.absoluteHours > 24) problems.push('会话最长时长须在 1 到 24 小时之间');
  return problems;
}

// Per client address: this many failed logins within the window blocks the address for the block time. High enough
// for a county office behind one NAT address, low enough to stop password spraying across accounts.
export const IP_THROTTLE = { maxFailures: 30, windowMinutes: 15, blockMinutes: 15 } as const;

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

// After a failed login from an address: count it in the current window (a new window once the last has passed).
export function afterIpFailure(state: ThrottleState | undefined, now: Date): ThrottleState {
  const windowOpen = state && now.getTime() - state.windowStartedAt.getTime() < IP_THROTTLE.windowMinutes * MINUTE;
  const failures = (windowOpen ? state.failures : 0) + 1;
  const windowStartedAt = windowOpen ? state.windowStartedAt : now;
  if (failures >= IP_THROTTLE.maxFailures)
    return { failures: 0, windowStartedAt: now, lockedUntil: new Date(now.getTime() + IP_THROTTLE.blockMinutes * MINUTE) };
  return { failures, windowStartedAt, lockedUntil: null };
}
