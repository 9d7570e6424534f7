// Authorization everywhere (issue 15, item 6): every operation of the API document, called as every demo role on
// objects of the caller's own unit and of another unit, answers as the declared table test/route-permissions.ts says.
// A role without the operation's action gets 403 (404 where the object lies out of its scope, like a missing id); a
// role with it never gets the permission refusal; a scoped role never gets 2xx on another unit's object.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonSchema } from '../src/openapi-document.js';
import { leaders, units } from '../src/modules/org/schema.js';
import { PERMISSIONS } from '../src/permissions.js';
import { DEMO_ACCOUNTS } from '../src/seed/demo.js';
import { ERROR_CODES } from '../src/shared/error-codes.js';
import { call, demoApp, handOver, login, startWork, type TestApp } from './api.js';
import { buildTaskInput } from './factories.js';
import { testDeps, type TestDeps } from './db.js';
import { OPERATIONS, type Operation, resolve } from './openapi-operations.js';
import { FURTHER_CHECKS, ROUTE_PERMISSIONS, type Requirement } from './route-permissions.js';

const MISSING = 99_999_999;
const GENERIC_REFUSAL = ERROR_CODES.FORBIDDEN;

// Strings that some pattern in the document accepts (a month, a phone number, a "kind:id" list, a code).
const PATTERN_SAMPLES = ['2026-03', '2026-03-25', '2026-W13', '13800000000', 'task:1', 'abcdef12', '2026-Q1', '2026'];

// Text fields that hold a day (checked by a refinement the document does not show).
const DAY_FIELD = /^(from|to|day|date)$|(Date|On)$/;

// A value the schema accepts, so the request passes the validator and reaches the permission check.
function sample(schema: JsonSchema, id: number): unknown {
  const s = resolve(schema);
  if (s.allOf) return Object.assign({}, ...(s.allOf as JsonSchema[]).map((part) => sample(part, id)));
  const options = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  // A nullable field gets null: "none" is what most refinements accept without the fields around it.
  if (options) return options.some((o) => resolve(o).type === 'null') ? null : sample(options[0]!, id);
  if (s.enum) return (s.enum as unknown[])[0];
  switch (s.type) {
    case 'object': {
      // The required fields only: an optional one left out takes its default, which every refinement accepts.
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = (s.required ?? []) as string[];
      return Object.fromEntries(
        Object.entries(props)
          .filter(([k]) => required.includes(k))
          .map(([k, v]) => [k, DAY_FIELD.test(k) && resolve(v).type === 'string' && !resolve(v).format ? '2026-03-25' : sample(v, id)]),
      );
    }
    case 'array':
      return Array.from({ length: (s.minItems as number | undefined) ?? 0 }, () => sample(s.items as JsonSchema, id));
    case 'string': {
      if (s.format === 'date') return '2026-03-25';
      if (s.format === 'date-time') return '2026-03-25T09:00:00+08:00';
      if (s.pattern) return PATTERN_SAMPLES.find((v) => new RegExp(s.pattern as string).test(v)) ?? 'x';
      return '测'.repeat(Math.max(1, (s.minLength as number | undefined) ?? 1));
    }
    case 'integer':
    case 'number': {
      // An id where the field is unbounded (ids), else the smallest value allowed (a percent, a score, a count).
      const min = (s.minimum as number | undefined) ?? 1;
      return (s.maximum as number | undefined) !== undefined && (s.maximum as number) < 1_000_000 ? min : Math.max(id, min);
    }
    case 'boolean':
      return false;
    default:
      return null;
  }
}

// ---- The county: the demo seed plus, for each unit the matrix looks at, a task and a project it leads, and for the
// two towns a closing request and a study session.

type Side = 'T01' | 'T02' | 'T01V01' | 'T05' | 'D027';
interface Objects {
  unit: number;
  task: number;
  person: number;
  // Made only for the two towns with a liaison's account (the closing request, the study session) or by the office.
  closingRequest?: number;
  studySession?: number;
  project?: number;
}

let deps: TestDeps;
let app: TestApp;
const cookies = new Map<string, string>();
const objects = new Map<Side, Objects>();
let accountId: number;
let leaderId: number;

// The caller's own side and a side of another unit (out of his data scope) for the roles that see only part of the county.
const SIDES: Record<string, { own: Side; other?: Side }> = {
  danwei: { own: 'T01', other: 'T02' },
  lianluo: { own: 'T01', other: 'T02' },
  lianluo2: { own: 'T02', other: 'T01' },
  ganbu: { own: 'T01V01', other: 'T02' },
  lingdao: { own: 'T01', other: 'T05' },
  fagaiwei: { own: 'D027', other: 'T02' },
};
const sideOf = (username: string) => SIDES[username] ?? { own: 'T01' as const };

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const a of DEMO_ACCOUNTS) cookies.set(a.username, await login(app, a.username));
  for (const side of ['T01', 'T02', 'T01V01', 'T05', 'D027'] as const) {
    const [u] = await deps.db.select().from(units).where(eq(units.code, side));
    const task = await handOver(app, cookies.get('duchashi')!, buildTaskInput({ leadUnitId: u!.id, title: `${side} 的矩阵事项` }));
    const project = await create('duchashi', 'POST /api/v1/projects', { leadUnitId: u!.id });
    objects.set(side, { unit: u!.id, task, person: (u!.headPersonId ?? u!.liaisonPersonId)!, project });
  }
  for (const [side, liaison] of [
    ['T01', 'lianluo'],
    ['T02', 'lianluo2'],
  ] as const) {
    const o = objects.get(side)!;
    await startWork(app, cookies.get(liaison)!, o.task);
    o.closingRequest = await create(liaison, 'POST /api/v1/tasks/{id}/closing-requests', {}, `/api/v1/tasks/${o.task}/closing-requests`);
    o.studySession = await create(liaison, 'POST /api/v1/study/sessions', { unitId: o.unit });
  }
  const created = await call(app, cookies.get('admin')!, 'POST', '/api/v1/accounts', {
    username: 'juzhenmubiao',
    displayName: '矩阵目标',
    personId: null,
    initialPassword: 'Chushi#2026',
  });
  expect(created.status).toBe(201);
  accountId = created.body!.id;
  const [leader] = await deps.db.select({ id: leaders.id }).from(leaders).limit(1);
  leaderId = leader!.id;
}, 60_000);
afterAll(() => deps?.close());

// An object made through the API with the document's sample body, as `username`; its id.
async function create(username: string, name: string, overrides: Record<string, unknown>, url = name.split(' ')[1]!) {
  const op = OPERATIONS.find((o) => o.name === name)!;
  const res = await call(app, cookies.get(username)!, op.method, url, { ...(sample(op.json!, 1) as object), ...overrides });
  if (res.status !== 201) throw new Error(`${name} as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body!.id as number;
}

// What a path parameter names: a unit-scoped object of the side, another known object, or a well-formed value.
function paramValue(op: Operation, name: string, side: Side): string {
  const o = objects.get(side)!;
  const enumFirst = (op.parameters.find((p) => p.name === name && p.in === 'path')?.schema?.enum as string[] | undefined)?.[0];
  if (enumFirst) return enumFirst;
  if (name === 'period') return '2026-03';
  if (name === 'quarter') return '2026-Q1';
  if (name === 'year') return '2026';
  if (name === 'day') return '2026-05-01';
  if (name === 'unitId') return String(o.unit);
  if (name !== 'id') return String(MISSING);
  const kind = unitScopedKind(op.path);
  if (kind) return String(o[kind] ?? MISSING);
  if (op.path.startsWith('/api/v1/accounts/')) return String(accountId);
  if (op.path.startsWith('/api/v1/leaders/')) return String(leaderId);
  return String(MISSING);
}

// The kind of unit-scoped object an operation's {id} names, if any.
function unitScopedKind(path: string): keyof Objects | undefined {
  if (/^\/api\/v1\/tasks\/\{id\}/.test(path)) return 'task';
  if (/^\/api\/v1\/(units|archive\/units|self-assessments\/units)\/\{id\}/.test(path)) return 'unit';
  if (/^\/api\/v1\/(people|records\/people|dossier\/people)\/\{id\}/.test(path)) return 'person';
  if (/^\/api\/v1\/closing-requests\/\{id\}/.test(path)) return 'closingRequest';
  if (/^\/api\/v1\/study\/sessions\/\{id\}/.test(path)) return 'studySession';
  if (/^\/api\/v1\/projects\/\{id\}/.test(path)) return 'project';
  return undefined;
}

function request(op: Operation, side: Side): { url: string; init: RequestInit } {
  const o = objects.get(side)!;
  const query = op.parameters
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${p.name}=${encodeURIComponent(String(/unitid/i.test(p.name) ? o.unit : sample(p.schema ?? {}, o.unit)))}`);
  const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => paramValue(op, name, side)) + (query.length ? `?${query.join('&')}` : '');
  if (op.multipart) {
    const form = new FormData();
    for (const [k, v] of Object.entries((resolve(op.multipart).properties ?? {}) as Record<string, JsonSchema>)) {
      const s = resolve(v);
      if (s.format === 'binary' || (s.type === 'array' && resolve(s.items as JsonSchema).format === 'binary'))
        form.append(k, new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'a.png', { type: 'image/png' }));
      else form.append(k, String(sample(s, o.unit)));
    }
    return { url, init: { method: op.method, body: form } };
  }
  if (op.json) return { url, init: { method: op.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(sample(op.json, o.unit)) } };
  return { url, init: { method: op.method } };
}

// The error of an answer, if it is one (files and feeds answer other content).
function errorOf(text: string): { error?: { code?: string; message?: string } } | null {
  try {
    return JSON.parse(text) as { error?: { code?: string; message?: string } };
  } catch {
    return null;
  }
}

async function send(username: string, op: Operation, side: Side) {
  const { url, init } = request(op, side);
  const headers = new Headers(init.headers);
  headers.set('cookie', cookies.get(username)!);
  const res = await app.request(url, { ...init, headers });
  return { url, status: res.status, body: errorOf(await res.text()) };
}

const permitted = (requirement: Requirement, role: string) =>
  requirement === 'session' || (requirement !== 'public' && requirement.some((a) => (PERMISSIONS[a] as readonly string[]).includes(role)));

// The unit directory itself (GET /units/{id}) is county-wide, as the org tree every picker shows; what a unit has on
// record (its deductions, archive, self-assessment) is scoped.
const COUNTY_WIDE = ['GET /api/v1/units/{id}'];

const CALLED = OPERATIONS.filter((op) => {
  const requirement = ROUTE_PERMISSIONS[op.name];
  // The public operations have no session to check (test/permissions.test.ts covers their anonymous answers);
  // logging out would end the session the matrix goes on using.
  return requirement !== 'public' && op.name !== 'POST /api/v1/auth/logout';
});

describe('the declared permission table', () => {
  it('declares every operation of the API document, and nothing else', () => {
    const documented = OPERATIONS.map((o) => o.name).sort();
    expect(documented.length).toBeGreaterThan(200);
    expect(documented.filter((name) => !(name in ROUTE_PERMISSIONS))).toEqual([]);
    expect(Object.keys(ROUTE_PERMISSIONS).filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('names only actions of src/permissions.ts, and explains every further check', () => {
    for (const [name, requirement] of Object.entries(ROUTE_PERMISSIONS)) {
      if (typeof requirement !== 'string') for (const action of requirement) expect(PERMISSIONS, name).toHaveProperty([action]);
    }
    expect(Object.keys(FURTHER_CHECKS).filter((name) => !Array.isArray(ROUTE_PERMISSIONS[name]))).toEqual([]);
  });
});

// The mismatches of one operation called as one demo account, on its own side and, for a scoped role, on another unit's.
async function check(op: Operation, account: (typeof DEMO_ACCOUNTS)[number]): Promise<string[]> {
  const out: string[] = [];
  const requirement = ROUTE_PERMISSIONS[op.name]!;
  const sides = sideOf(account.username);
  const mine = await send(account.username, op, sides.own);
  const where = `${account.username} (${account.role}) ${op.method} ${mine.url} → ${mine.status} ${mine.body?.error?.message ?? ''}`;
  if (mine.status >= 500) out.push(`5xx: ${where}`);
  if (permitted(requirement, account.role)) {
    const refused = mine.status === 403 && (mine.body?.error?.message === GENERIC_REFUSAL || !(op.name in FURTHER_CHECKS));
    if (refused) out.push(`permitted but refused: ${where}`);
  } else if (!(mine.status === 403 || (mine.status === 404 && /\{\w+\}/.test(op.path)))) {
    out.push(`not permitted but answered: ${where}`);
  }
  const kind = unitScopedKind(op.path);
  if (sides.other && kind && objects.get(sides.other)![kind] !== undefined && !COUNTY_WIDE.includes(op.name)) {
    const theirs = await send(account.username, op, sides.other);
    if (theirs.status !== 403 && theirs.status !== 404)
      out.push(`another unit's object: ${account.username} ${op.method} ${theirs.url} → ${theirs.status} ${theirs.body?.error?.message ?? ''}`);
  }
  return out;
}

describe('every operation as every demo role', () => {
  // Reads change nothing, so the roles call each at once; writes go one after another, after every read.
  it('reads answer as the declared table says, on objects of the own unit and of another unit', async () => {
    const mismatches: string[] = [];
    for (const op of CALLED.filter((o) => o.method === 'GET')) mismatches.push(...(await Promise.all(DEMO_ACCOUNTS.map((a) => check(op, a)))).flat());
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('writes answer as the declared table says, on objects of the own unit and of another unit', async () => {
    const mismatches: string[] = [];
    for (const op of CALLED.filter((o) => o.method !== 'GET')) for (const account of DEMO_ACCOUNTS) mismatches.push(...(await check(op, account)));
    expect(mismatches).toEqual([]);
  }, 300_000);
});
