// Access hardening (issue 15): the lockout tells nothing about which accounts exist, logins are throttled per
// address, writes need the app's own origin, refusals are audited, and the audit admin sees no business values.
import { desc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { clientAddress } from '../src/client-ip.js';
import { loadConfig } from '../src/config.js';
import { MASK, maskValues } from '../src/modules/audit/mask.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { verifyChain } from '../src/modules/audit/service.js';
import { accounts, loginThrottle } from '../src/modules/auth/schema.js';
import { IP_THROTTLE } from '../src/modules/auth/rules.js';
import { base32Decode, totpCode } from '../src/modules/auth/totp.js';
import { DEMO_PASSWORD } from '../src/seed/demo.js';
import { APP_ORIGIN, asBrowser, call, demoApp, handOver, login, type TestApp } from './api.js';
import { buildTaskInput, unitId } from './factories.js';
import { testDeps, type TestDeps } from './db.js';

let deps: TestDeps;
let app: TestApp;
// The same app without the test helper's browser-like Origin, to try the CSRF check itself.
let bare: ReturnType<typeof createApp>;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  bare = createApp(deps);
});
afterAll(() => deps?.close());

const fromAddress = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });

async function attempt(username: string, password: string, ip: string) {
  const started = performance.now();
  const res = await app.request(
    '/api/v1/auth/login',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) },
    fromAddress(ip),
  );
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } }, ms: performance.now() - started };
}

const lastSeq = async () => (await deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0]?.seq ?? 0;
const auditSince = (seq: number) => deps.db.select().from(auditLog).where(gt(auditLog.seq, seq));

describe('the lockout does not reveal which accounts exist', () => {
  it('an unknown name, a disabled account and a real account answer the same sequence: 401 ×4, then 423 with the same message', async () => {
    await deps.db.update(accounts).set({ active: false }).where(eq(accounts.username, 'lianluo2'));
    const answers = async (username: string, ip: string) => {
      const out = [];
      for (let i = 0; i < 7; i++) out.push(await attempt(username, 'Wrong#Pass1', ip));
      return out;
    };
    const real = await answers('ganbu', '10.0.1.1');
    const unknown = await answers('no_such_person', '10.0.1.2');
    const disabled = await answers('lianluo2', '10.0.1.3');
    const shape = (xs: typeof real) => xs.map((x) => [x.status, x.body]);
    expect(shape(real).slice(0, 4)).toEqual(Array(4).fill([401, { error: { code: 'INVALID_CREDENTIALS', message: '账号或密码错误' } }]));
    expect(shape(real).slice(4)).toEqual(
      Array(3).fill([423, { error: { code: 'ACCOUNT_LOCKED', message: '登录失败次数过多，账号已锁定，请 30 分钟后再试或联系安全管理员解锁' } }]),
    );
    expect(shape(unknown)).toEqual(shape(real));
    expect(shape(disabled)).toEqual(shape(real));
    // An unknown name is checked against a dummy argon2 hash, so it is not answered markedly faster.
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    expect(median(unknown.slice(0, 4).map((x) => x.ms))).toBeGreaterThan(median(real.slice(0, 4).map((x) => x.ms)) * 0.3);
  });

  it('the right password does not open an unknown or locked name during the lock', async () => {
    const res = await attempt('ganbu', DEMO_PASSWORD, '10.0.1.4');
    expect(res.status).toBe(423);
    deps.clock.advance(31 * 60_000);
    expect((await attempt('ganbu', DEMO_PASSWORD, '10.0.1.4')).status).toBe(200);
    expect((await attempt('no_such_person', 'Wrong#Pass1', '10.0.1.4')).status).toBe(401);
  });

  it('the lock of a name that is no account is audited for the audit admin', async () => {
    const rows = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'auth.lock'));
    expect(rows.map((r) => [r.targetType, r.targetId])).toEqual(expect.arrayContaining([['username', 'no_such_person']]));
  });
});

describe('login throttling per address', () => {
  it(`after ${IP_THROTTLE.maxFailures} failures from one address in ${IP_THROTTLE.windowMinutes} minutes, that address may not log in for a while; others may`, async () => {
    const ip = '10.0.2.1';
    for (let i = 0; i < IP_THROTTLE.maxFailures; i++) {
      // Spraying: a different name each time, so no account lock comes first.
      expect((await attempt(`spray_${i}`, 'Wrong#Pass1', ip)).status).toBe(401);
    }
    const blocked = await attempt('kaoheban', DEMO_PASSWORD, ip);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toEqual({
      code: 'TOO_MANY_LOGIN_ATTEMPTS',
      message: `本机所在网络地址登录失败次数过多，已暂停登录，请 ${IP_THROTTLE.blockMinutes} 分钟后再试`,
    });
    expect((await attempt('kaoheban', DEMO_PASSWORD, '10.0.2.2')).status).toBe(200);
    deps.clock.advance(IP_THROTTLE.blockMinutes * 60_000);
    expect((await attempt('kaoheban', DEMO_PASSWORD, ip)).status).toBe(200);
  });

  it('concurrent failures from one address, on real and unknown names, are all counted and none fails with 500', async () => {
    const ip = '10.0.2.9';
    const names = ['ganbu', 'xiaoneng', 'jiwei', 'ghost_a', 'ghost_b', 'ghost_c', 'lingdao', 'ghost_d', 'kaoheban', 'ghost_e'];
    const answers = await Promise.all(names.map((n) => attempt(n, 'Wrong#Pass1', ip)));
    expect(answers.map((a) => a.status)).toEqual(names.map(() => 401));
    const [row] = await deps.db
      .select()
      .from(loginThrottle)
      .where(eq(loginThrottle.key, `ip:${ip}`));
    expect(row!.failures).toBe(names.length);
    expect((await verifyChain(deps)).problems).toEqual([]);
  });

  it('failures spread over more than the window do not add up', async () => {
    const ip = '10.0.2.3';
    for (let i = 0; i < IP_THROTTLE.maxFailures - 1; i++) await attempt(`slow_${i}`, 'Wrong#Pass1', ip);
    deps.clock.advance(IP_THROTTLE.windowMinutes * 60_000);
    expect((await attempt('slow_last', 'Wrong#Pass1', ip)).status).toBe(401);
    expect((await attempt('kaoheban', DEMO_PASSWORD, ip)).status).toBe(200);
  });
});

describe('X-Forwarded-For is believed only from a configured reverse proxy', () => {
  const PROXY = '10.9.9.9';
  const failFrom = async (target: TestApp, peer: string, forwardedFor: string) => {
    const before = await lastSeq();
    const res = await target.request(
      '/api/v1/auth/login',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: APP_ORIGIN, 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ username: 'xff_probe', password: 'Wrong#Pass1' }),
      },
      fromAddress(peer),
    );
    expect(res.status).toBe(401);
    return (await auditSince(before)).map((r) => r.ip);
  };

  it('without TRUSTED_PROXIES the header is ignored: the throttle and the audit trail see the socket’s peer', async () => {
    expect(deps.config.trustedProxies.size).toBe(0);
    expect(new Set(await failFrom(app, '10.0.7.1', '203.0.113.7'))).toEqual(new Set(['10.0.7.1']));
    const [row] = await deps.db.select().from(loginThrottle).where(eq(loginThrottle.key, 'ip:203.0.113.7'));
    expect(row).toBeUndefined();
  });

  it('behind the trusted proxy the client is the last address the proxy saw; a spoofed left part and other peers are not believed', async () => {
    const proxied = asBrowser(createApp({ ...deps, config: { ...deps.config, trustedProxies: new Set([PROXY]) } }));
    // The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
    expect(new Set(await failFrom(proxied, PROXY, '1.2.3.4, 203.0.113.8'))).toEqual(new Set(['203.0.113.8']));
    expect(new Set(await failFrom(proxied, `::ffff:${PROXY}`, '203.0.113.8'))).toEqual(new Set(['203.0.113.8']));
    const [row] = await deps.db.select().from(loginThrottle).where(eq(loginThrottle.key, 'ip:203.0.113.8'));
    expect(row!.failures).toBe(2);
    // A peer that is not the proxy cannot choose its address.
    expect(new Set(await failFrom(proxied, '10.0.7.2', '203.0.113.9'))).toEqual(new Set(['10.0.7.2']));
  });

  it.each([
    ['one proxy', '10.9.9.9', '198.51.100.1', '198.51.100.1'],
    ['two trusted hops', '10.9.9.9', '198.51.100.1, 10.9.9.8', '198.51.100.1'],
    ['garbage in the header stops at the last trusted hop', '10.9.9.9', 'evil, not-an-ip', '10.9.9.9'],
    ['an empty header', '10.9.9.9', '', '10.9.9.9'],
    ['an untrusted peer', '10.0.0.5', '198.51.100.1', '10.0.0.5'],
  ])('clientAddress: %s', (_name, peer, header, expected) => {
    expect(clientAddress(peer, header, new Set(['10.9.9.9', '10.9.9.8']))).toBe(expected);
  });

  it('TRUSTED_PROXIES takes addresses only', () => {
    expect([...loadConfig({ TRUSTED_PROXIES: '10.9.9.9, ::1' }).trustedProxies]).toEqual(['10.9.9.9', '::1']);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8' })).toThrow(/TRUSTED_PROXIES/);
  });
});

describe('the second factor under the same throttle', () => {
  it('wrong codes from one address count toward that address’s block, and the second step answers 429 like the first', async () => {
    deps.clock.advance(IP_THROTTLE.blockMinutes * 60_000);
    const cookie = await login(app, 'lingdao');
    const secret = (await call(app, cookie, 'POST', '/api/v1/auth/totp/enrolment')).body!.secret as string;
    const key = base32Decode(secret)!;
    expect((await call(app, cookie, 'POST', '/api/v1/auth/totp/enrolment/confirm', { code: totpCode(key, deps.clock.now()) })).status).toBe(200);
    const ip = '10.0.2.7';
    const challenge = async () => {
      const res = await attempt('lingdao', DEMO_PASSWORD, ip);
      expect(res.status).toBe(202);
      return (res.body as unknown as { secondFactor: { challenge: string } }).secondFactor.challenge;
    };
    const second = (c: string, code: string) =>
      app.request(
        '/api/v1/auth/login/second-factor',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ challenge: c, code }) },
        fromAddress(ip),
      );
    const open = await challenge();
    // Spraying names from the same address first, then wrong codes, until the address's count is full.
    for (let i = 0; i < IP_THROTTLE.maxFailures - 3; i++) await attempt(`spray2_${i}`, 'Wrong#Pass1', ip);
    expect((await second(open, '000000')).status).toBe(401);
    expect((await second(open, '111111')).status).toBe(401);
    expect((await second(open, '222222')).status).toBe(401);
    deps.clock.advance(30_000);
    const blocked = await second(open, totpCode(key, deps.clock.now()));
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
  });
});

describe('CSRF: writes only from the app’s own pages', () => {
  const body = JSON.stringify({ username: 'kaoheban', password: DEMO_PASSWORD });
  const loginWith = (headers: Record<string, string>) =>
    bare.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it.each([
    ['no Origin and no Sec-Fetch-Site', {}],
    ['Sec-Fetch-Site cross-site, no Origin', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    ['the app’s Origin but Sec-Fetch-Site cross-site', { origin: APP_ORIGIN, 'sec-fetch-site': 'cross-site' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['Origin null (a sandboxed frame)', { origin: 'null' }],
  ])('%s → 403 CSRF_REJECTED, audited', async (_name, headers: Record<string, string>) => {
    const seq = await lastSeq();
    const res = await loginWith(headers);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'CSRF_REJECTED', message: '请求来源不被允许：只能从本系统页面提交' } });
    const rows = await auditSince(seq);
    expect(rows.map((r) => [r.action, r.result, r.targetId])).toEqual([['access.csrf_rejected', 'failure', 'POST /api/v1/auth/login']]);
    expect(rows[0]!.reason).toContain(headers.origin ?? '（无）');
  });

  it.each([
    ['the app’s Origin', { origin: APP_ORIGIN }],
    ['the app’s Origin and Sec-Fetch-Site same-origin', { origin: APP_ORIGIN, 'sec-fetch-site': 'same-origin' }],
    ['no Origin but Sec-Fetch-Site same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['no Origin but Sec-Fetch-Site none (typed by the user)', { 'sec-fetch-site': 'none' }],
  ])('%s → accepted', async (_name, headers) => {
    expect((await loginWith(headers)).status).toBe(200);
  });

  it('reads need no Origin', async () => {
    const cookie = await login(app, 'duchashi');
    expect((await bare.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(200);
  });

  it('a signed-in user’s Origin-less write is refused before it touches anything', async () => {
    const cookie = await login(app, 'duchashi');
    const res = await bare.request('/api/v1/saved-filters', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '伪造', query: {} }),
    });
    expect(res.status).toBe(403);
    expect((await call(app, cookie, 'GET', '/api/v1/saved-filters')).body!.items).toEqual([]);
  });
});

describe('refusals are audited', () => {
  it('a request for an object outside the caller’s scope (answered 404) is recorded as a refusal', async () => {
    const office = await login(app, 'duchashi');
    const taskOfT02 = await handOver(app, office, buildTaskInput({ leadUnitId: await unitId(deps.db, 'T02') }));
    const liaisonOfT01 = await login(app, 'lianluo');
    const seq = await lastSeq();
    expect((await call(app, liaisonOfT01, 'GET', `/api/v1/tasks/${taskOfT02}`)).status).toBe(404);
    const rows = await auditSince(seq);
    expect(rows.map((r) => [r.action, r.result, r.targetId, r.actorName])).toEqual([
      ['access.not_found', 'failure', `GET /api/v1/tasks/${taskOfT02}`, expect.stringContaining('lianluo')],
    ]);
  });
});

describe('the audit admin sees who did what to which object, not the business values (三员分立)', () => {
  it('masks every value but ids, states and versions, keeping the keys', () => {
    expect(
      maskValues({ id: 7, title: '修路', leadUnitId: 3, status: 'assigned', version: 2, cooperators: [{ unitId: 4, part: '配合' }], tags: ['民生'] }),
    ).toEqual({
      id: 7,
      title: MASK,
      leadUnitId: 3,
      status: 'assigned',
      version: 2,
      cooperators: [{ unitId: 4, part: MASK }],
      tags: [MASK],
    });
    expect(maskValues('一段文字')).toBe(MASK);
    expect(maskValues(null)).toBeNull();
  });

  it('the audit log read shows the task’s keys with masked values, security actions in full, and the chain still verifies', async () => {
    const office = await login(app, 'duchashi');
    const title = '机密事项名称-审计脱敏';
    const id = await handOver(app, office, buildTaskInput({ leadUnitId: await unitId(deps.db, 'T01'), title }));
    const auditor = await login(app, 'shenji');
    const res = await call(app, auditor, 'GET', `/api/v1/audit?target=${id}&pageSize=50`);
    expect(res.status).toBe(200);
    const created = (res.body!.items as { action: string; after: Record<string, unknown>; actorName: string; targetId: string }[]).find(
      (e) => e.action === 'task.create',
    )!;
    expect(created.actorName).toContain('duchashi');
    expect(created.targetId).toBe(String(id));
    expect(created.after.title).toBe(MASK);
    expect(created.after.leadUnitId).toEqual(expect.any(Number));
    expect(JSON.stringify(res.body)).not.toContain(title);
    // The keyword cannot probe a masked value.
    expect((await call(app, auditor, 'GET', `/api/v1/audit?keyword=${encodeURIComponent(title)}`)).body!.total).toBe(0);
    // Logins stay in full: the audit admin reviews them.
    const logins = await call(app, auditor, 'GET', '/api/v1/audit?action=auth.lock&pageSize=50');
    expect(logins.body!.items.some((e: { reason: string }) => e.reason.includes('连续'))).toBe(true);
    // The raw row is unchanged, and the chain verifies over it.
    const [raw] = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'task.create')).orderBy(desc(auditLog.seq)).limit(1);
    expect((raw!.after as { title: string }).title).toBe(title);
    expect((await verifyChain(deps)).problems).toEqual([]);
    expect((await call(app, auditor, 'POST', '/api/v1/audit/verify', {})).body!.ok).toBe(true);
  });
});
