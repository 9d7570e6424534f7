import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, JSON_BODY_LIMIT } from '../src/app.js';
import { asBrowser, call, demoApp, login, type TestApp } from './api.js';
import { testDeps, type TestDeps } from './db.js';

let deps: TestDeps;
let app: TestApp;
let cookie: string;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  cookie = await login(app, 'duchashi');
});
afterAll(() => deps?.close());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

function expectSecurityHeaders(res: Response) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('same-origin');
  expect(res.headers.get('x-frame-options')).toBeTruthy();
}

async function expectErrorBody(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/); // a Chinese message for the user
  return body;
}

describe('security headers (V5) and no caching of API answers (R1)', () => {
  it.each([
    ['a public API answer', null, 'GET', '/api/v1/health', 200],
    ['an authenticated API answer', 'cookie', 'GET', '/api/v1/auth/me', 200],
    ['a 401 answer', null, 'GET', '/api/v1/units', 401],
    ['a 403 answer', 'cookie', 'GET', '/api/v1/accounts', 403],
    ['a 404 answer', 'cookie', 'GET', '/api/v1/no-such-thing', 404],
  ] as const)('%s carries CSP with frame-ancestors none, nosniff, Referrer-Policy and Cache-Control no-store', async (_case, who, method, path, status) => {
    const res = await app.request(path, { method, headers: who ? { cookie } : {} });
    expect(res.status).toBe(status);
    expectSecurityHeaders(res);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the web app answers carry the same CSP and framing protection', async () => {
    const res = await app.request('/tasks/123');
    expectSecurityHeaders(res);
  });

  it('sends HSTS only when cookies are secure (behind TLS), and then marks the session cookie Secure', async () => {
    const plain = await app.request('/api/v1/health');
    expect(plain.headers.get('strict-transport-security')).toBeNull();

    const tlsApp = asBrowser(createApp({ ...deps, config: { ...deps.config, cookieSecure: true } }));
    const res = await tlsApp.request('/api/v1/health');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const loginRes = await post('/api/v1/auth/login', JSON.stringify({ username: 'kaoheban', password: 'Luoshi@2026' }));
    expect(loginRes.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    const tlsLogin = await tlsApp.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'kaoheban', password: 'Luoshi@2026' }),
    });
    expect(tlsLogin.status).toBe(200);
    expect(tlsLogin.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    // A __Host- cookie: Secure, Path=/ and no Domain, so no subdomain or plain-http page can plant or overwrite it.
    const hostCookie = tlsLogin.headers.get('set-cookie')!;
    expect(hostCookie).toMatch(/^__Host-luoshi_sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    const session = hostCookie.split(';')[0]!;
    expect((await tlsApp.request('/api/v1/auth/me', { headers: { cookie: session } })).status).toBe(200);
    // The plain name is not read behind TLS.
    expect((await tlsApp.request('/api/v1/auth/me', { headers: { cookie: session.replace('__Host-', '') } })).status).toBe(401);
    const out = await tlsApp.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie: session } });
    expect(out.headers.get('set-cookie')).toMatch(/^__Host-luoshi_sid=; Max-Age=0; Path=\/; Secure/);
  });
});

describe('error answers are JSON in the one error shape', () => {
  it('an unknown /api path answers 404 JSON, not the web app', async () => {
    const body = await expectErrorBody(await app.request('/api/v1/no-such-thing', { headers: { cookie } }), 404, 'NOT_FOUND');
    expect(body.error.message).toBe('接口不存在');
    await expectErrorBody(await app.request('/api/v2/units', { method: 'DELETE', headers: { cookie } }), 404, 'NOT_FOUND');
  });

  it('an unknown /api path without a session answers 401 (deny by default: unauthenticated callers cannot probe the route table)', async () => {
    await expectErrorBody(await app.request('/api/v1/no-such-thing'), 401, 'UNAUTHENTICATED');
  });

  it.each([
    ['with Content-Length', true],
    ['streamed, without Content-Length', false],
  ])('a JSON body over 1 MB answers 413 PAYLOAD_TOO_LARGE (%s)', async (_how, withLength) => {
    const body = JSON.stringify({ username: 'x'.repeat(JSON_BODY_LIMIT), password: 'y' });
    const headers: Record<string, string> = withLength ? { 'content-length': String(Buffer.byteLength(body)) } : {};
    await expectErrorBody(await post('/api/v1/auth/login', body, headers), 413, 'PAYLOAD_TOO_LARGE');
    await expectErrorBody(await post('/api/v1/units', body, { ...headers, cookie }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a JSON body just under 1 MB is read and validated (400, not 413)', async () => {
    const body = JSON.stringify({ username: 'x'.repeat(JSON_BODY_LIMIT - 100), password: 'y' });
    await expectErrorBody(await post('/api/v1/auth/login', body), 400, 'VALIDATION_ERROR');
  });

  it.each([
    ['truncated JSON', '{"username": "admin", "password":'],
    ['not JSON at all', 'username=admin&password=x'],
    ['an empty body', ''],
  ])('a malformed JSON body (%s) answers 400 with a Chinese message, not 500', async (_case, raw) => {
    const body = await expectErrorBody(await post('/api/v1/auth/login', raw), 400, 'MALFORMED_REQUEST');
    expect(body.error.message).toBe('请求内容不是有效的 JSON');
    await expectErrorBody(await post('/api/v1/units', raw, { cookie }), 400, 'MALFORMED_REQUEST');
  });

  it('a body of the wrong type answers 400 VALIDATION_ERROR naming the field in Chinese', async () => {
    const body = await expectErrorBody(await post('/api/v1/auth/login', JSON.stringify({ username: 'admin', password: 123 })), 400, 'VALIDATION_ERROR');
    expect(body.error.message).toContain('password');
  });

  it('an internal error answers 500 with a generic message and the request id, never the error text or a stack trace (V6)', async () => {
    const secret = 'SELECT password_hash FROM accounts -- internal detail';
    const broken = asBrowser(
      createApp({
        ...deps,
        clock: {
          now() {
            throw new Error(secret);
          },
        },
      }),
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await broken.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'Luoshi@2026' }),
      });
      const text = await res.clone().text();
      const body = await expectErrorBody(res, 500, 'INTERNAL');
      const requestId = res.headers.get('x-request-id')!;
      expect(body.error.message).toContain(requestId);
      expect(text).not.toContain('SELECT');
      expect(text).not.toContain('password_hash');
      expect(text).not.toMatch(/\bat .*\.(ts|js)/);
      expectSecurityHeaders(res);
      expect(res.headers.get('cache-control')).toBe('no-store');
      // The detail goes to the server log, tagged with the same request id.
      expect(logged).toHaveBeenCalledWith(`[${requestId}]`, expect.objectContaining({ message: secret }));
    } finally {
      logged.mockRestore();
    }
  });

  it('the session cookie is HttpOnly and SameSite=Strict, and logout asks the browser to clear its data (R1)', async () => {
    const res = await post('/api/v1/auth/login', JSON.stringify({ username: 'jiwei', password: 'Luoshi@2026' }));
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    const out = await call(app, setCookie.split(';')[0]!, 'POST', '/api/v1/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('clear-site-data')).toContain('"cookies"');
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/i);
  });
});
