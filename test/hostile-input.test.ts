// Hostile input against every operation of the API document: ids beyond PostgreSQL's int4, NUL and other control
// characters in every text field and query string, and the wrong content type. None may answer 5xx, each answers
// the error shape with a Chinese message, and nothing is written to the server log (where a stack trace would go).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JsonSchema } from '../src/openapi-document.js';
import { DEMO_ACCOUNTS } from '../src/seed/demo.js';
import { ERROR_CODES } from '../src/shared/error-codes.js';
import { call, demoApp, handOver, login, type TestApp } from './api.js';
import { buildTaskInput, unitId } from './factories.js';
import { testDeps, type TestDeps } from './db.js';
import { OPERATIONS, type Operation, resolve } from './openapi-operations.js';

const HUGE_IDS = ['2147483648', '99999999999'];
const NUL_TEXT = 'a\u0000b';

// Strings that some pattern in the document accepts (a month, a phone number, a "kind:id" list, a code).
const PATTERN_SAMPLES = ['2026-03', '13800000000', 'task:1', 'abcdef12'];

// A body that fits the schema except where `hostile` puts its value: every free-text string, or every integer.
function sample(schema: JsonSchema, hostile: 'text' | 'integer', found: { hit: boolean }): unknown {
  const s = resolve(schema);
  if (s.allOf) return Object.assign({}, ...(s.allOf as JsonSchema[]).map((part) => sample(part, hostile, found)));
  const options = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (options) return sample(options.find((o) => resolve(o).type !== 'null') ?? options[0]!, hostile, found);
  if (s.enum) return (s.enum as unknown[])[0];
  switch (s.type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      const out = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, sample(v, hostile, found)]));
      if (!Object.keys(props).length && s.additionalProperties && typeof s.additionalProperties === 'object') {
        out.key = sample(s.additionalProperties as JsonSchema, hostile, found);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, (s.minItems as number | undefined) ?? 1) }, () => sample(s.items as JsonSchema, hostile, found));
    case 'string': {
      if (s.format === 'date') return '2026-03-25';
      if (s.format === 'date-time') return '2026-03-25T09:00:00+08:00';
      if (s.format === 'binary') return 'x';
      if (s.pattern) return PATTERN_SAMPLES.find((v) => new RegExp(s.pattern as string).test(v)) ?? 'x';
      if (hostile !== 'text') return 'x'.repeat(Math.max(1, (s.minLength as number | undefined) ?? 1));
      found.hit = true;
      return NUL_TEXT + 'c'.repeat(Math.max(0, ((s.minLength as number | undefined) ?? 0) - NUL_TEXT.length));
    }
    case 'integer':
      if (hostile !== 'integer') return Math.max(1, (s.minimum as number | undefined) ?? 1);
      found.hit = true;
      return Number(HUGE_IDS[0]);
    case 'number':
      return 1;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

const pathParams = (op: Operation) => op.parameters.filter((p) => p.in === 'path');
// The default id is a task led by T01, handed over and signed, so an upload reaches its validator.
const DEFAULT_ID = '__ID__';
// Path parameters that are not ids get a well-formed value, so the request reaches the check under test.
const PATH_SAMPLES: Record<string, string> = { period: '2026-04', quarter: '2026-Q2' };
const url = (op: Operation, id = DEFAULT_ID, query = '') =>
  op.path.replace(
    /\{(\w+)\}/g,
    (_m, name: string) => PATH_SAMPLES[name] ?? (pathParams(op).find((p) => p.name === name)?.schema?.enum as string[] | undefined)?.[0] ?? id,
  ) + query;

interface Variant {
  label: string;
  url: string;
  contentType?: string;
  body?: string;
  expected: number;
}

// The hostile requests an operation can be sent, from what its document entry declares.
function variants(op: Operation): Variant[] {
  const out: Variant[] = [];
  const idParams = pathParams(op).filter((p) => p.schema?.type === 'integer' || p.schema?.type === 'number');
  const jsonBody = op.json ? JSON.stringify(sample(op.json, 'integer', { hit: false })) : undefined;
  const sendBody = op.json ? { contentType: 'application/json', body: JSON.stringify(sample(op.json, 'text', { hit: false })) } : {};
  if (idParams.length) for (const id of HUGE_IDS) out.push({ label: `path id ${id}`, url: url(op, id), ...sendBody, expected: 400 });
  for (const p of op.parameters.filter((q) => q.in === 'query')) {
    const type = resolve(p.schema ?? {}).type;
    if (type === 'integer' || type === 'number') {
      for (const id of HUGE_IDS) out.push({ label: `query ${p.name}=${id}`, url: url(op, DEFAULT_ID, `?${p.name}=${id}`), ...sendBody, expected: 400 });
    } else {
      out.push({ label: `query ${p.name} with NUL`, url: url(op, DEFAULT_ID, `?${p.name}=${encodeURIComponent(NUL_TEXT)}`), ...sendBody, expected: 400 });
    }
  }
  if (op.json) {
    const text = { hit: false };
    const nulBody = JSON.stringify(sample(op.json, 'text', text));
    if (text.hit) out.push({ label: 'NUL in every text field', url: url(op), contentType: 'application/json', body: nulBody, expected: 400 });
    const integer = { hit: false };
    sample(op.json, 'integer', integer);
    if (integer.hit) out.push({ label: 'huge integers in the body', url: url(op), contentType: 'application/json', body: jsonBody, expected: 400 });
    out.push({ label: 'text/plain to a JSON route', url: url(op), contentType: 'text/plain', body: '{}', expected: 415 });
    out.push({ label: 'form to a JSON route', url: url(op), contentType: 'application/x-www-form-urlencoded', body: 'a=1', expected: 415 });
  }
  if (op.multipart) out.push({ label: 'JSON to an upload route', url: url(op), contentType: 'application/json', body: '{"file":"x"}', expected: 415 });
  return out;
}

let deps: TestDeps;
let app: TestApp;
const cookies = new Map<string, string>();
let taskId: number;
const loggedErrors = vi.spyOn(console, 'error');

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const a of DEMO_ACCOUNTS) cookies.set(a.username, await login(app, a.username));
  taskId = await handOver(app, cookies.get('duchashi')!, buildTaskInput({ leadUnitId: await unitId(deps.db, 'T01') }));
  expect((await call(app, cookies.get('lianluo')!, 'POST', `/api/v1/tasks/${taskId}/sign`, {})).status).toBe(200);
  loggedErrors.mockClear();
});
afterAll(() => deps?.close());

async function send(v: Variant, method: string, cookie: string | null) {
  const res = await app.request(v.url.replaceAll(DEFAULT_ID, String(taskId)), {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(v.contentType ? { 'content-type': v.contentType } : {}) },
    body: method === 'GET' ? undefined : v.body,
  });
  const text = await res.text();
  return { status: res.status, text };
}

function expectErrorShape(text: string) {
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(ERROR_CODES)).toContain(body.error.code);
  expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(body.error.message).not.toMatch(/\bat \S|Error:|SQL|postgres|zod/i);
}

// The office first: it may call most operations.
const ACCOUNT_ORDER = ['duchashi', ...DEMO_ACCOUNTS.map((a) => a.username).filter((u) => u !== 'duchashi')];
const WALKED = OPERATIONS.map((op) => [op.name, op, variants(op)] as const).filter(([, , v]) => v.length > 0);

describe('every operation of the API document, as an account allowed to call it', () => {
  it('the walk covers the API (guards against an empty iteration)', () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(100);
    expect(WALKED.length).toBeGreaterThanOrEqual(90);
    expect(WALKED.flatMap(([, , v]) => v).length).toBeGreaterThanOrEqual(400);
  });

  it.each(WALKED)('%s: no 5xx, the error shape, the right status', async (_name, op, vs) => {
    const wrong: string[] = [];
    for (const v of vs) {
      // The first account whose role passes the route's permission checks, so the hostile input reaches the validator.
      let res = await send(v, op.method, null);
      if (op.path !== '/api/v1/auth/login') {
        for (const cookie of ACCOUNT_ORDER.map((u) => cookies.get(u)!)) {
          res = await send(v, op.method, cookie);
          if (res.status !== 403) break;
        }
      }
      expect(res.status, `${v.label}: ${res.text}`).toBeLessThan(500);
      expectErrorShape(res.text);
      if (res.status !== v.expected) wrong.push(`${v.label}: ${res.status} ${res.text}`);
    }
    expect(wrong).toEqual([]);
  });

  it('nothing reached the server log (no stack trace)', () => {
    expect(loggedErrors.mock.calls).toEqual([]);
  });
});

describe('the anonymous login', () => {
  it.each([
    ['NUL in the account name', { username: 'admin\u0000', password: 'x' }],
    ['NUL in the password', { username: 'admin', password: 'Luoshi@2026\u0000' }],
    ['an escape character', { username: '\u001b[31madmin', password: 'x' }],
    ['an unpaired surrogate', { username: 'admin\ud800', password: 'x' }],
  ])('%s → 400 with a Chinese message', async (_name, body) => {
    const res = await send({ label: '', url: '/api/v1/auth/login', contentType: 'application/json', body: JSON.stringify(body), expected: 400 }, 'POST', null);
    expect(res.status).toBe(400);
    expectErrorShape(res.text);
    expect(JSON.parse(res.text).error.message).toContain('控制字符');
  });

  it('tabs and line breaks are allowed in multi-line text', async () => {
    const res = await app.request('/api/v1/saved-filters', {
      method: 'POST',
      headers: { cookie: cookies.get('duchashi')!, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '重点\t事项', query: { keyword: '第一行\r\n第二行' } }),
    });
    expect(res.status).toBe(201);
  });
});

describe('saved filters', () => {
  it('a filter holding an id beyond int4 is refused when saved, not stored to fail later', async () => {
    const cookie = cookies.get('duchashi')!;
    const save = (query: Record<string, unknown>) =>
      app.request('/api/v1/saved-filters', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ name: '超大编号', query }),
      });
    for (const query of [{ unitId: '2147483648' }, { leaderId: 99999999999 }, { categoryId: '0' }]) {
      const res = await save(query);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_ERROR');
    }
    const list = (await (await app.request('/api/v1/saved-filters', { headers: { cookie } })).json()) as { items: { name: string }[] };
    expect(list.items.map((i) => i.name)).not.toContain('超大编号');
  });
});

// Property: any text, hostile or not. Mostly ordinary characters, often a control character or half a surrogate pair.
const anyChar = fc.oneof(
  fc.integer({ min: 0x20, max: 0xd7ff }).map((n) => String.fromCharCode(n)),
  fc.constantFrom('\u0000', '\u0001', '\u0008', '\t', '\n', '\u000b', '\r', '\u001b', '\u007f', '\ud800', '\udc00', '😀'),
);
const anyText = fc.string({ unit: anyChar, minLength: 1, maxLength: 20 });
const refused = (text: string) =>
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('property: any text in a body, a query or the login', () => {
  it('a saved filter is stored when its text is clean and refused with 400 otherwise, never 5xx', async () => {
    const cookie = cookies.get('duchashi')!;
    await fc.assert(
      fc.asyncProperty(anyText, anyText, async (name, keyword) => {
        const res = await send(
          { label: '', url: '/api/v1/saved-filters', contentType: 'application/json', body: JSON.stringify({ name, query: { keyword } }), expected: 0 },
          'POST',
          cookie,
        );
        // zod trims first; what is left is checked.
        const expected = name.trim() === '' || refused(name.trim()) || refused(keyword.trim()) ? 400 : 201;
        expect(res.status, res.text).toBe(expected);
        if (res.status === 201) await call(app, cookie, 'DELETE', `/api/v1/saved-filters/${JSON.parse(res.text).id}`);
        else expectErrorShape(res.text);
        // A URL carries UTF-8, which has no half surrogates (invalid bytes are tried below).
        const inQuery = keyword.replace(/[\uD800-\uDFFF]/g, '');
        const listed = await send({ label: '', url: `/api/v1/tasks?keyword=${encodeURIComponent(inQuery)}`, expected: 0 }, 'GET', cookie);
        expect(listed.status, listed.text).toBe(refused(inQuery.trim()) ? 400 : 200);
      }),
      { numRuns: 60 },
    );
  });

  it.each(['%ED%A0%80', '%FF', '%', '%E4%B8'])('a query string with invalid UTF-8 (%s) is no 5xx', async (raw) => {
    const res = await send({ label: '', url: `/api/v1/tasks?keyword=${raw}&status=${raw}`, expected: 0 }, 'GET', cookies.get('duchashi')!);
    expect(res.status).toBeLessThan(500);
  });

  it('the anonymous login answers 400 for such text and 401 otherwise, never 5xx', async () => {
    let address = 0;
    await fc.assert(
      fc.asyncProperty(anyText, anyText, async (username, password) => {
        address += 1;
        const res = await app.request(
          '/api/v1/auth/login',
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `x${username}`, password }) },
          { incoming: { socket: { remoteAddress: `10.9.${address >> 8}.${address & 255}` } } },
        );
        const text = await res.text();
        expect(res.status, text).toBe(refused(`x${username}`.trim()) || refused(password) ? 400 : 401);
        expectErrorShape(text);
      }),
      { numRuns: 40 },
    );
  });
});
