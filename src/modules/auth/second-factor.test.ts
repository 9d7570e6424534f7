// The second factor end to end through the API: enrolment, the two-step login, wrong and replayed codes, recovery
// codes, the policy that requires it, and the security admin's reset.
import { desc, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, sessionCookie, type TestApp } from '../../../test/api.js';
import { TEST_NOW, testDeps, type TestDeps } from '../../../test/db.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { auditLog } from '../audit/schema.js';
import { accountTotp, recoveryCodes } from './schema.js';
import { base32Decode, totpCode } from './totp.js';

let deps: TestDeps;
let app: TestApp;
let anquan: string;
let startSeq: number;
// Everything a test shows the user once; none of it may appear in the audit log.
const shown: string[] = [];

beforeAll(async () => {
  deps = await testDeps();
  deps.clock.set(TEST_NOW);
  app = await demoApp(deps);
  anquan = await login(app, 'anquan');
  const [last] = await deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  startSeq = last!.seq;
});
afterAll(() => deps?.close());

const passwordStep = (username: string) =>
  app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
const secondStep = async (challenge: string, code: string) => {
  const res = await app.request('/api/v1/auth/login/second-factor', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ challenge, code }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any>, cookie: res.headers.get('set-cookie') };
};
const challengeFor = async (username: string) => {
  const res = await passwordStep(username);
  expect(res.status).toBe(202);
  expect(res.headers.get('set-cookie')).toBeNull();
  return ((await res.json()) as { secondFactor: { challenge: string } }).secondFactor.challenge;
};
const lastAudit = async (action: string) => (await deps.db.select().from(auditLog).where(gt(auditLog.seq, startSeq))).filter((e) => e.action === action).at(-1);
const codeNow = (secret: string) => totpCode(base32Decode(secret)!, deps.clock.now());
const nextStep = () => deps.clock.advance(30_000);

async function enrol(cookie: string) {
  const start = await call(app, cookie, 'POST', '/api/v1/auth/totp/enrolment');
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  const secret = start.body!.secret as string;
  shown.push(secret);
  const confirmed = await call(app, cookie, 'POST', '/api/v1/auth/totp/enrolment/confirm', { code: codeNow(secret) });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  shown.push(...(confirmed.body!.recoveryCodes as string[]));
  return { secret, recoveryCodes: confirmed.body!.recoveryCodes as string[], start: start.body! };
}

async function accountId(username: string) {
  const res = await call(app, anquan, 'GET', `/api/v1/accounts?keyword=${username}`);
  return (res.body!.items as { id: number; username: string }[]).find((a) => a.username === username)!.id;
}

describe('enrolment and the two-step login', () => {
  let secret: string;
  let recovery: string[];

  it('enrols with a QR code and the secret, confirmed by a current code, and shows 10 recovery codes', async () => {
    const cookie = await login(app, 'xiaoneng');
    expect((await call(app, cookie, 'GET', '/api/v1/auth/totp')).body).toMatchObject({ enabled: false, enrolling: false, required: false });
    const start = await call(app, cookie, 'POST', '/api/v1/auth/totp/enrolment');
    expect(start.body!.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(await lastAudit('auth.totp_enrol_start')).toMatchObject({ result: 'success', targetType: 'account' });
    expect(start.body!.otpauthUri).toContain(`secret=${start.body!.secret}`);
    expect(start.body!.otpauthUri).toContain('issuer=%E8%90%BD%E5%AE%9E');
    const wrong = await call(app, cookie, 'POST', '/api/v1/auth/totp/enrolment/confirm', { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(await lastAudit('auth.totp_enrol')).toMatchObject({ result: 'failure' });

    ({ secret, recoveryCodes: recovery } = await enrol(cookie));
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    expect((await call(app, cookie, 'GET', '/api/v1/auth/totp')).body).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    // The secret is stored sealed, the recovery codes hashed; starting again is refused, so the secret is never shown twice.
    const rows = JSON.stringify([...(await deps.db.select().from(accountTotp)), ...(await deps.db.select().from(recoveryCodes))]);
    expect(rows).not.toContain(secret);
    for (const code of recovery) expect(rows).not.toContain(code.replace('-', ''));
    expect((await call(app, cookie, 'POST', '/api/v1/auth/totp/enrolment')).status).toBe(409);
    expect(await lastAudit('auth.totp_enrol')).toMatchObject({ result: 'success', after: { recoveryCodes: 10 } });
  });

  it('asks for the code after the password: the challenge is no session', async () => {
    const challenge = await challengeFor('xiaoneng');
    expect((await call(app, `luoshi_sid=${challenge}`, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect(await lastAudit('auth.password_ok')).toMatchObject({ result: 'success' });
    // The code used for enrolment is spent: the same code in the same window is refused.
    const replay = await secondStep(challenge, codeNow(secret));
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('INVALID_SECOND_FACTOR');
    expect(await lastAudit('auth.second_factor')).toMatchObject({ result: 'failure', reason: '动态口令已使用过（重放）' });
    nextStep();
    const ok = await secondStep(challenge, codeNow(secret));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.user).toMatchObject({ username: 'xiaoneng', totpEnabled: true });
    const cookie = ok.cookie!.split(';')[0]!;
    expect((await call(app, cookie, 'GET', '/api/v1/auth/me')).status).toBe(200);
    expect(await lastAudit('auth.login')).toMatchObject({ result: 'success' });
    // The challenge is single use, and the code too.
    expect((await secondStep(challenge, codeNow(secret))).body.error.code).toBe('LOGIN_CHALLENGE_EXPIRED');
    expect((await secondStep(await challengeFor('xiaoneng'), codeNow(secret))).status).toBe(401);
  });

  it('lets a challenge expire after five minutes', async () => {
    nextStep();
    const challenge = await challengeFor('xiaoneng');
    deps.clock.advance(5 * 60_000 + 1000);
    const late = await secondStep(challenge, codeNow(secret));
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('LOGIN_CHALLENGE_EXPIRED');
  });

  it('takes each recovery code once', async () => {
    nextStep();
    const ok = await secondStep(await challengeFor('xiaoneng'), recovery[0]!.toLowerCase());
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(await lastAudit('auth.recovery_code_used')).toMatchObject({ after: { recoveryCodesLeft: 9 } });
    expect((await secondStep(await challengeFor('xiaoneng'), recovery[0]!)).status).toBe(401);
    expect(await lastAudit('auth.second_factor')).toMatchObject({ result: 'failure', reason: '恢复码错误或已使用' });
  });

  it('counts wrong codes toward the lockout like wrong passwords, and a right password does not clear them', async () => {
    nextStep();
    // One failure above; four more make five, the policy's limit.
    for (let i = 0; i < 3; i++) expect((await secondStep(await challengeFor('xiaoneng'), '123456')).status).toBe(401);
    const locked = await secondStep(await challengeFor('xiaoneng'), '654321');
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(await lastAudit('auth.lock')).toMatchObject({ targetId: String(await accountId('xiaoneng')) });
    // Locked: even the right password answers 423 now.
    expect((await passwordStep('xiaoneng')).status).toBe(423);
    deps.clock.advance(31 * 60_000);
  });

  it('lets the security admin reset a lost second factor, audited, ending the sessions', async () => {
    nextStep();
    anquan = await login(app, 'anquan');
    const old = sessionCookie(
      await secondStep(await challengeFor('xiaoneng'), codeNow(secret)).then((r) => new Response(null, { headers: { 'set-cookie': r.cookie! } })),
    );
    const id = await accountId('xiaoneng');
    const admin = await login(app, 'admin');
    expect((await call(app, admin, 'POST', `/api/v1/accounts/${id}/reset-totp`)).status).toBe(403);
    const reset = await call(app, anquan, 'POST', `/api/v1/accounts/${id}/reset-totp`);
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(reset.body).toMatchObject({ totpEnabled: false });
    expect(await lastAudit('account.totp_reset')).toMatchObject({ result: 'success', before: { totpEnabled: true }, after: { totpEnabled: false } });
    expect((await call(app, old, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await passwordStep('xiaoneng')).status).toBe(200);
    expect((await call(app, anquan, 'POST', `/api/v1/accounts/${id}/reset-totp`)).body!.error.code).toBe('TOTP_NOT_ENABLED');
  });
});

describe('the policy that requires a second factor', () => {
  it('sends an office, leader, discipline or admin user without one to enrolment and nowhere else', async () => {
    anquan = await login(app, 'anquan');
    const policy = (await call(app, anquan, 'GET', '/api/v1/security-policy')).body!;
    expect(policy.totpRequired).toBe(false);
    const on = await call(app, anquan, 'PUT', '/api/v1/security-policy', { ...policy, totpRequired: true });
    expect(on.status).toBe(200);
    expect(await lastAudit('policy.update')).toMatchObject({ after: { totpRequired: true } });

    const jiwei = await login(app, 'jiwei');
    expect((await call(app, jiwei, 'GET', '/api/v1/auth/me')).body!.user).toMatchObject({ totpEnrolmentRequired: true });
    const blocked = await call(app, jiwei, 'GET', '/api/v1/tasks');
    expect(blocked.status).toBe(403);
    expect(blocked.body!.error.code).toBe('TOTP_ENROLMENT_REQUIRED');
    nextStep();
    const { secret } = await enrol(jiwei);
    expect((await call(app, jiwei, 'GET', '/api/v1/tasks')).status).toBe(200);
    nextStep();
    const refused = await call(app, jiwei, 'POST', '/api/v1/auth/totp/disable', { code: codeNow(secret) });
    expect(refused.status).toBe(403);

    // A unit's cadre is not under the rule: no enrolment needed, and one who enrolled may disable it.
    const ganbu = await login(app, 'ganbu');
    expect((await call(app, ganbu, 'GET', '/api/v1/auth/me')).body!.user).toMatchObject({ totpEnrolmentRequired: false });
    expect((await call(app, ganbu, 'GET', '/api/v1/tasks')).status).toBe(200);
    const own = await enrol(ganbu);
    nextStep();
    const codes = await call(app, ganbu, 'POST', '/api/v1/auth/totp/recovery-codes', { code: codeNow(own.secret) });
    expect(codes.status).toBe(200);
    shown.push(...(codes.body!.recoveryCodes as string[]));
    expect(await lastAudit('auth.totp_recovery_codes')).toMatchObject({ result: 'success', after: { recoveryCodes: 10 } });
    nextStep();
    const off = await call(app, ganbu, 'POST', '/api/v1/auth/totp/disable', { code: codeNow(own.secret) });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({ enabled: false });
    expect(await lastAudit('auth.totp_disable')).toMatchObject({ result: 'success' });

    // The security admin is under the rule too: enrolment first, then the policy page answers again.
    expect((await call(app, anquan, 'GET', '/api/v1/security-policy')).body!.error.code).toBe('TOTP_ENROLMENT_REQUIRED');
    await enrol(anquan);
    const current = (await call(app, anquan, 'GET', '/api/v1/security-policy')).body!;
    expect((await call(app, anquan, 'PUT', '/api/v1/security-policy', { ...current, totpRequired: false })).status).toBe(200);
  });
});

it('writes no secret, code or recovery code into the audit log', async () => {
  const entries = JSON.stringify(await deps.db.select().from(auditLog).where(gt(auditLog.seq, startSeq)));
  expect(shown.length).toBeGreaterThan(20);
  for (const value of shown) {
    expect(entries).not.toContain(value);
    expect(entries).not.toContain(value.replace('-', ''));
  }
  expect(entries).not.toMatch(/"code"\s*:/);
});
