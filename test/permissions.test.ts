// Longer than 400 lines on purpose: the role × action matrix and the walk over every operation of the API document
// belong together, against one seeded county.
import { desc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { fixedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { Actor } from '../src/context.js';
import { sqlState } from '../src/db/errors.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { can, PERMISSIONS, type Action } from '../src/permissions.js';
import { accountRoles, accounts, type Role } from '../src/modules/auth/schema.js';
import { getPolicy } from '../src/modules/auth/store.js';
import { leaders, leaderUnits, people, units } from '../src/modules/org/schema.js';
import { DEMO_ACCOUNTS } from '../src/seed/demo.js';
import { call, demoApp, login, type TestApp } from './api.js';
import { TEST_NOW, testDeps, type TestDeps } from './db.js';

let deps: TestDeps;
let app: TestApp;
const cookies = new Map<string, string>();
const accountIds = new Map<string, number>();
let targetAccountId: number;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const a of DEMO_ACCOUNTS) cookies.set(a.username, await login(app, a.username));
  for (const row of await deps.db.select({ id: accounts.id, username: accounts.username }).from(accounts)) accountIds.set(row.username, row.id);
  // The account whose roles the matrix tries to change (created by the system admin, as the flow requires).
  const created = await call(app, cookies.get('admin')!, 'POST', '/api/v1/accounts', {
    username: 'mubiao',
    displayName: '授权目标',
    personId: null,
    initialPassword: 'Chushi#2026',
  });
  expect(created.status).toBe(201);
  targetAccountId = created.body!.id;
});
afterAll(() => deps?.close());

const as = (username: string) => {
  const cookie = cookies.get(username);
  if (!cookie) throw new Error(`no session for ${username}`);
  return cookie;
};

async function lastSeq() {
  const [row] = await deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row?.seq ?? 0;
}
const auditSince = (seq: number) => deps.db.select().from(auditLog).where(gt(auditLog.seq, seq));

// ---------------------------------------------------------------------------------------------
// (a) Deny by default: every operation in the API document refuses a caller without a session.
// ---------------------------------------------------------------------------------------------

// GET /board answers to a board token, not a session (src/modules/board/board.test.ts).
const PUBLIC_OPERATIONS = new Set([
  'GET /api/v1/board',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/login/second-factor',
  // 舆论督办: the public progress page's data, feed and photos.
  'GET /api/v1/public/progress',
  'GET /api/v1/public/progress.rss',
  'GET /api/v1/public/progress/{id}/photos/{photoId}',
]);
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface Operation {
  method: string;
  path: string;
  url: string;
  documented401: boolean;
}

// Built at collection time from a database-less app: producing the document touches no database.
async function documentedOperations(): Promise<Operation[]> {
  const docApp = createApp({ db: undefined as never, clock: fixedClock(TEST_NOW), config: loadConfig({ NODE_ENV: 'test', AUDIT_KEY: 'x' }) });
  const doc = (await (await docApp.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema?: { enum?: string[] } }[]; responses: Record<string, unknown> }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        // A syntactically valid value for every path parameter, so the request reaches the route.
        url: path.replace(/\{(\w+)\}/g, (_m, name: string) => op.parameters?.find((p) => p.name === name && p.in === 'path')?.schema?.enum?.[0] ?? '1'),
        documented401: '401' in op.responses,
      })),
  );
}
const OPERATIONS = (await documentedOperations()).filter((o) => !PUBLIC_OPERATIONS.has(`${o.method} ${o.path}`));

describe('(a) every operation requires a session (meta-test over the OpenAPI document)', () => {
  it('the document lists the API (guards against an empty iteration)', () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(25);
    expect(OPERATIONS.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['GET /api/v1/units', 'PUT /api/v1/accounts/{id}/roles', 'GET /api/v1/audit']),
    );
  });

  it('every /api route in the router table is in the document, so the iteration below covers it', () => {
    const documented = new Set(OPERATIONS.map((o) => `${o.method} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`));
    const routed = app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => !['GET /api/v1/health', 'GET /api/openapi.json', 'POST /api/v1/auth/login', 'POST /api/v1/auth/login/second-factor'].includes(r))
      .filter((r) => !PUBLIC_OPERATIONS.has(r.replace(/:(\w+)/g, '{$1}')));
    expect([...new Set(routed)].filter((r) => !documented.has(r))).toEqual([]);
  });

  it.each(OPERATIONS.map((o) => [`${o.method} ${o.path}`, o] as const))('%s without a cookie → 401, before the body is validated', async (_name, op) => {
    const res = await call(app, null, op.method, op.url, op.method === 'GET' ? undefined : {});
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
  });

  it.each(OPERATIONS.map((o) => [`${o.method} ${o.path}`, o] as const))('%s with a forged session cookie → 401', async (_name, op) => {
    const res = await call(app, 'luoshi_sid=forged-token-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', op.method, op.url, op.method === 'GET' ? undefined : {});
    expect(res.status).toBe(401);
    expect(res.body!.error.code).toBe('UNAUTHENTICATED');
  });

  it('every non-public operation documents its 401 answer', () => {
    expect(OPERATIONS.filter((o) => !o.documented401).map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it.each(OPERATIONS.filter((o) => o.method === 'GET' && !o.path.startsWith('/api/v1/auth/')).map((o) => [`${o.method} ${o.path}`, o] as const))(
    '%s as an account with no role → 403 (function-level deny by default)',
    async (_name, op) => {
      const res = await call(app, await noRoleCookie(), op.method, op.url);
      expect(res.status).toBe(403);
      expect(res.body!.error.code).toBe('FORBIDDEN');
    },
  );
});

// An account created by the system admin holds no role until the security admin grants one.
let noRole: string | undefined;
async function noRoleCookie() {
  if (noRole) return noRole;
  const created = await call(app, as('admin'), 'POST', '/api/v1/accounts', {
    username: 'wujuese',
    displayName: '无角色',
    personId: null,
    initialPassword: 'Chushi#2026',
  });
  expect(created.body!.roles).toEqual([]);
  const first = await login(app, 'wujuese', 'Chushi#2026');
  const changed = await call(app, first, 'POST', '/api/v1/auth/password', { currentPassword: 'Chushi#2026', newPassword: 'Gaiguo@2026' });
  expect(changed.status).toBe(200);
  noRole = first;
  return noRole;
}

// ---------------------------------------------------------------------------------------------
// (b) The permission matrix: each demo account × each action, and (e) every 403 is audited.
// ---------------------------------------------------------------------------------------------

type ActionName =
  | 'list units'
  | 'create unit'
  | 'list people'
  | 'list accounts'
  | 'create account'
  | 'grant roles'
  | 'reset second factor'
  | 'read policy'
  | 'put policy'
  | 'read audit'
  | 'verify audit'
  | 'name audited objects'
  | 'monthly figures'
  | 'lottery draws'
  | 'commit lottery';

let serial = 0;
const ACTIONS: Record<ActionName, { permission: Action; ok: number; request: () => Promise<[string, string, unknown?]> }> = {
  'list units': { permission: 'org.read', ok: 200, request: async () => ['GET', '/api/v1/units'] },
  'create unit': {
    permission: 'org.write',
    ok: 201,
    request: async () => ['POST', '/api/v1/units', { parentId: null, kind: 'city_dept', code: `MX${++serial}`, name: `矩阵测试单位${serial}` }],
  },
  'list people': { permission: 'people.read', ok: 200, request: async () => ['GET', '/api/v1/people'] },
  'list accounts': { permission: 'account.read', ok: 200, request: async () => ['GET', '/api/v1/accounts'] },
  'create account': {
    permission: 'account.write',
    ok: 201,
    request: async () => [
      'POST',
      '/api/v1/accounts',
      { username: `juzhen${++serial}`, displayName: '矩阵测试', personId: null, initialPassword: 'Chushi#2026' },
    ],
  },
  'grant roles': { permission: 'role.grant', ok: 200, request: async () => ['PUT', `/api/v1/accounts/${targetAccountId}/roles`, { roles: ['cadre'] }] },
  // The target has no second factor: past the permission check the answer is 409 TOTP_NOT_ENABLED.
  'reset second factor': { permission: 'account.totp_reset', ok: 409, request: async () => ['POST', `/api/v1/accounts/${targetAccountId}/reset-totp`] },
  'read policy': { permission: 'policy.read', ok: 200, request: async () => ['GET', '/api/v1/security-policy'] },
  'put policy': {
    permission: 'policy.write',
    ok: 200,
    request: async () => {
      const { id: _id, updatedAt: _u, ...policy } = await getPolicy(deps.db);
      return ['PUT', '/api/v1/security-policy', policy];
    },
  },
  'read audit': { permission: 'audit.read', ok: 200, request: async () => ['GET', '/api/v1/audit'] },
  'verify audit': { permission: 'audit.read', ok: 200, request: async () => ['POST', '/api/v1/audit/verify'] },
  'name audited objects': { permission: 'audit.read', ok: 200, request: async () => ['GET', '/api/v1/audit/objects'] },
  'monthly figures': { permission: 'figures.read', ok: 200, request: async () => ['GET', '/api/v1/figures/monthly'] },
  'lottery draws': { permission: 'lottery.read', ok: 200, request: async () => ['GET', '/api/v1/lottery/draws'] },
  'commit lottery': { permission: 'lottery.manage', ok: 201, request: async () => ['POST', `/api/v1/lottery/months/${2030 + ++serial}-01/commit`] },
};

// The matrix as the rules require it (三员分立 and least privilege), written out so that a change to PERMISSIONS shows up here.
const BUSINESS: ActionName[] = ['list units', 'list people', 'monthly figures', 'lottery draws'];
const ALLOWED: Record<Role, ActionName[]> = {
  sysadmin: ['list units', 'create unit', 'list people', 'list accounts', 'create account', 'read policy'], // no grant, no audit
  secadmin: ['list accounts', 'grant roles', 'reset second factor', 'read policy', 'put policy'], // no accounts, no org
  auditadmin: ['read audit', 'verify audit', 'name audited objects'], // audit only
  office: [...BUSINESS, 'commit lottery'],
  assessment: BUSINESS,
  leader: BUSINESS,
  discipline: BUSINESS,
  unit_head: BUSINESS,
  unit_liaison: BUSINESS,
  cadre: BUSINESS,
};

const actorWith = (role: Role): Actor => ({ accountId: 0, username: 'x', displayName: 'x', roles: [role], personId: null, unitId: null, leaderId: null });

describe('(b) permission matrix: role × action', () => {
  it('the written matrix agrees with the PERMISSIONS table in permissions.ts', () => {
    for (const [role, allowed] of Object.entries(ALLOWED) as [Role, ActionName[]][]) {
      for (const [name, action] of Object.entries(ACTIONS) as [ActionName, (typeof ACTIONS)[ActionName]][]) {
        expect(can(actorWith(role), action.permission), `${role} × ${name}`).toBe(allowed.includes(name));
      }
    }
  });

  it('三员分立 in the table: only the security admin grants roles or sets policy, only the audit admin reads the audit log', () => {
    expect(PERMISSIONS['role.grant']).toEqual(['secadmin']);
    expect(PERMISSIONS['policy.write']).toEqual(['secadmin']);
    expect(PERMISSIONS['audit.read']).toEqual(['auditadmin']);
    expect(PERMISSIONS['account.write']).toEqual(['sysadmin']);
    expect(PERMISSIONS['org.write']).toEqual(['sysadmin']);
    const lists: [string, readonly Role[]][] = Object.entries(PERMISSIONS);
    for (const [action, list] of lists) {
      if (list.includes('auditadmin')) expect(list, action).toEqual(['auditadmin']);
    }
  });

  it("诫勉谈话 is the discipline commission's alone: it records the talk and publishes the notice (issue 9)", () => {
    expect(PERMISSIONS['interview.admonish']).toEqual(['discipline']);
    for (const role of ['office', 'leader', 'assessment', 'unit_head'] as const) expect(can(actorWith(role), 'interview.admonish'), role).toBe(false);
  });

  it('the three administrators hold no business permission (admin is not a superuser of business data)', () => {
    // The working calendar and the notification channels are system configuration kept by the system admin, not business data.
    const ADMIN_ACTIONS = /^(org|people|account|role|policy|audit|calendar|notify)\./;
    const lists: [string, readonly Role[]][] = Object.entries(PERMISSIONS);
    const business = lists.filter(([action]) => !ADMIN_ACTIONS.test(action));
    for (const [action, list] of business) {
      expect(
        list.filter((r) => r === 'sysadmin' || r === 'secadmin' || r === 'auditadmin'),
        action,
      ).toEqual([]);
    }
  });

  const rows = DEMO_ACCOUNTS.flatMap((a) =>
    (Object.keys(ACTIONS) as ActionName[]).map((name) => [a.username, a.role, name, ALLOWED[a.role].includes(name) ? ACTIONS[name].ok : 403] as const),
  );

  it.each(rows)('%s (%s) × %s → %i', async (username, _role, name, expected) => {
    const [method, path, body] = await ACTIONS[name].request();
    const before = await lastSeq();
    const res = await call(app, as(username), method, path, body);
    expect(res.status, JSON.stringify(res.body)).toBe(expected);
    const denied = (await auditSince(before)).filter((r) => r.action === 'access.denied');
    if (expected === 403) {
      // (e) the refusal is in the audit trail: who, which route, failure.
      expect(res.body!.error.code).toBe('FORBIDDEN');
      expect(denied).toHaveLength(1);
      expect(denied[0]).toMatchObject({ actorId: accountIds.get(username), targetType: 'route', targetId: `${method} ${path}`, result: 'failure' });
    } else {
      expect(denied).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// (c) Data scope by id, and list scope == per-object check (Z2, Z3, Z4, Z5)
// ---------------------------------------------------------------------------------------------

async function unitId(code: string) {
  const [u] = await deps.db.select({ id: units.id }).from(units).where(eq(units.code, code));
  if (!u) throw new Error(`no unit ${code}`);
  return u.id;
}
async function headOf(code: string) {
  const [u] = await deps.db.select({ head: units.headPersonId }).from(units).where(eq(units.code, code));
  return u!.head!;
}
async function liaisonOf(code: string) {
  const [u] = await deps.db.select({ liaison: units.liaisonPersonId }).from(units).where(eq(units.code, code));
  return u!.liaison!;
}

// The units each account may see, computed independently of the server: walk parentId from the roots.
async function subtreeOf(rootCodes: string[]): Promise<Set<number>> {
  const all = await deps.db.select({ id: units.id, parentId: units.parentId, code: units.code }).from(units);
  const seen = new Set(all.filter((u) => rootCodes.includes(u.code)).map((u) => u.id));
  for (let grew = true; grew;) {
    grew = false;
    for (const u of all) {
      if (u.parentId !== null && seen.has(u.parentId) && !seen.has(u.id)) {
        seen.add(u.id);
        grew = true;
      }
    }
  }
  return seen;
}

async function portfolioCodes(leaderKeyPersonUsername: string) {
  const [acc] = await deps.db.select({ personId: accounts.personId }).from(accounts).where(eq(accounts.username, leaderKeyPersonUsername));
  const [leader] = await deps.db.select({ id: leaders.id }).from(leaders).where(eq(leaders.personId, acc!.personId!));
  const rows = await deps.db
    .select({ code: units.code })
    .from(leaderUnits)
    .innerJoin(units, eq(units.id, leaderUnits.unitId))
    .where(eq(leaderUnits.leaderId, leader!.id));
  return rows.map((r) => r.code);
}

async function listAllPeople(username: string, query = '') {
  const items: { id: number; unitId: number | null }[] = [];
  for (let page = 1; ; page++) {
    const res = await call(app, as(username), 'GET', `/api/v1/people?pageSize=200&page=${page}${query}`);
    expect(res.status).toBe(200);
    items.push(...res.body!.items);
    if (items.length >= res.body!.total || res.body!.items.length === 0) {
      expect(items).toHaveLength(res.body!.total);
      return items;
    }
  }
}

const getRaw = async (username: string, path: string) => {
  const res = await app.request(path, { headers: { cookie: as(username) } });
  return { status: res.status, text: await res.text() };
};

describe('(c) data scope by id: out of scope answers exactly like a missing id', () => {
  const MISSING = 99_999_999;

  it.each([
    ['lianluo', 'T01', 'head', 200],
    ['lianluo', 'T01V01', 'head', 200],
    ['lianluo', 'T01V02', 'liaison', 200],
    ['lianluo', 'T02', 'head', 404],
    ['lianluo', 'T02V01', 'head', 404],
    ['lianluo', 'DCS', 'liaison', 404],
    ['lianluo2', 'T02', 'head', 200],
    ['lianluo2', 'T02V01', 'liaison', 200],
    ['lianluo2', 'T01', 'head', 404],
    ['lianluo2', 'T01V01', 'head', 404],
    ['danwei', 'T01V01', 'liaison', 200],
    ['danwei', 'T02', 'liaison', 404],
    ['ganbu', 'T01V01', 'head', 200],
    ['ganbu', 'T01', 'head', 404], // a village cadre does not see its town (the parent)
    ['ganbu', 'T01V02', 'head', 404], // nor a sibling village
    ['lingdao', 'T01', 'head', 200],
    ['lingdao', 'T02V01', 'head', 200],
    ['lingdao', 'T03', 'liaison', 200],
    ['lingdao', 'D051', 'head', 200],
    ['lingdao', 'T05', 'head', 404],
    ['lingdao', 'DCS', 'head', 404],
    ['duchashi', 'T05', 'head', 200],
    ['duchashi', 'T01V01', 'liaison', 200],
    ['kaoheban', 'T05', 'liaison', 200],
    ['jiwei', 'T02', 'head', 200],
    ['admin', 'T05', 'head', 200],
  ] as const)('%s GET /people of %s %s → %i', async (username, code, as_, expected) => {
    const id = as_ === 'head' ? await headOf(code) : await liaisonOf(code);
    const res = await getRaw(username, `/api/v1/people/${id}`);
    expect(res.status).toBe(expected);
    if (expected === 200) expect(JSON.parse(res.text)).toMatchObject({ id, unitId: await unitId(code) });
    else expect(res.text).toBe((await getRaw(username, `/api/v1/people/${MISSING}`)).text);
  });

  it('a missing id answers 404 PERSON_NOT_FOUND', async () => {
    const res = await getRaw('lianluo', `/api/v1/people/${MISSING}`);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toEqual({ error: { code: 'PERSON_NOT_FOUND', message: '人员不存在' } });
  });

  it.each(['anquan', 'shenji'])('%s (an administrator without business scope) cannot list or read people: 403', async (username) => {
    expect((await call(app, as(username), 'GET', '/api/v1/people')).status).toBe(403);
    expect((await call(app, as(username), 'GET', `/api/v1/people/${await headOf('T01')}`)).status).toBe(403);
  });

  it('a unit filter outside the scope yields nothing rather than the other unit', async () => {
    const res = await call(app, as('lianluo'), 'GET', `/api/v1/people?unitId=${await unitId('T02')}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], total: 0 });
    const own = await call(app, as('lianluo'), 'GET', `/api/v1/people?unitId=${await unitId('T01V01')}`);
    expect(own.body!.items.map((p: { unitId: number }) => p.unitId)).toEqual([await unitId('T01V01'), await unitId('T01V01')]);
  });

  const SCOPES: [string, () => Promise<string[] | 'all'>][] = [
    ['lianluo', async () => ['T01']],
    ['lianluo2', async () => ['T02']],
    ['danwei', async () => ['T01']],
    ['ganbu', async () => ['T01V01']],
    ['lingdao', () => portfolioCodes('lingdao')],
    ['duchashi', async () => 'all'],
    ['admin', async () => 'all'],
  ];

  it.each(SCOPES)('Z5: the people list of %s is exactly its scope, and each sampled id answers 200 iff listed', async (username, roots) => {
    const allPeople = await deps.db.select({ id: people.id, unitId: people.unitId, active: people.active }).from(people);
    const codes = await roots();
    const scope = codes === 'all' ? null : await subtreeOf(codes);
    const expected = allPeople.filter((p) => p.active && (scope === null || (p.unitId !== null && scope.has(p.unitId)))).map((p) => p.id);
    if (username === 'lingdao') expect(codes).toEqual(expect.arrayContaining(['T01', 'T02', 'T03', 'D051', 'D052']));

    const listed = await listAllPeople(username);
    expect(listed.map((p) => p.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    if (scope) for (const p of listed) expect(scope.has(p.unitId!), `person ${p.id} of unit ${p.unitId}`).toBe(true);

    // Per-object check on a deterministic sample of every person (in and out of scope) agrees with the list.
    const listedIds = new Set(listed.map((p) => p.id));
    const sample = allPeople.filter((_p, i) => i % 23 === 0).concat(allPeople.filter((p) => listedIds.has(p.id)).slice(0, 10));
    for (const p of sample) {
      const res = await call(app, as(username), 'GET', `/api/v1/people/${p.id}`);
      expect(res.status, `person ${p.id}`).toBe(listedIds.has(p.id) ? 200 : 404);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// (d) Z8: a reorganisation applies to live sessions at once
// ---------------------------------------------------------------------------------------------

describe('(d) moving a unit changes who sees it at the very next request (Z8)', () => {
  it('after T01V01 moves under T02, lianluo (same session) no longer sees its people and lianluo2 does; moving back restores it', async () => {
    const village = await unitId('T01V01');
    const person = await headOf('T01V01');
    const move = async (parentCode: string) => {
      const unit = await call(app, as('admin'), 'GET', `/api/v1/units/${village}`);
      const res = await call(app, as('admin'), 'POST', `/api/v1/units/${village}/move`, { version: unit.body!.version, parentId: await unitId(parentCode) });
      expect(res.status).toBe(200);
      expect(res.body!.parentId).toBe(await unitId(parentCode));
    };
    const status = async (username: string) => (await call(app, as(username), 'GET', `/api/v1/people/${person}`)).status;
    const listsVillage = async (username: string) => (await listAllPeople(username)).some((p) => p.unitId === village);

    expect([await status('lianluo'), await status('lianluo2')]).toEqual([200, 404]);
    await move('T02');
    try {
      expect(await status('lianluo')).toBe(404);
      expect(await status('danwei')).toBe(404);
      expect(await status('lianluo2')).toBe(200);
      expect(await status('ganbu')).toBe(200); // the village's own cadre still sees it
      expect(await listsVillage('lianluo')).toBe(false);
      expect(await listsVillage('lianluo2')).toBe(true);
    } finally {
      await move('T01');
    }
    expect([await status('lianluo'), await status('lianluo2')]).toEqual([200, 404]);
  });
});

// ---------------------------------------------------------------------------------------------
// (f) 三员分立 in the API and in the database; (g) CSRF
// ---------------------------------------------------------------------------------------------

describe('(f) the audit admin role never shares an account with the system or security admin role (D1)', () => {
  it.each([[['sysadmin', 'auditadmin']], [['secadmin', 'auditadmin']], [['auditadmin', 'secadmin', 'sysadmin']]])(
    'PUT roles %j → 400 ROLE_SEPARATION and the roles stay as they were',
    async (roles) => {
      const before = await deps.db.select().from(accountRoles).where(eq(accountRoles.accountId, targetAccountId));
      const res = await call(app, as('anquan'), 'PUT', `/api/v1/accounts/${targetAccountId}/roles`, { roles });
      expect(res.status).toBe(400);
      expect(res.body!.error.code).toBe('ROLE_SEPARATION');
      expect(await deps.db.select().from(accountRoles).where(eq(accountRoles.accountId, targetAccountId))).toEqual(before);
    },
  );

  it('the security admin cannot change their own roles', async () => {
    const res = await call(app, as('anquan'), 'PUT', `/api/v1/accounts/${accountIds.get('anquan')}/roles`, { roles: ['secadmin', 'office'] });
    expect(res.status).toBe(403);
  });

  it.each([
    ['admin', 'auditadmin'],
    ['anquan', 'auditadmin'],
    ['shenji', 'sysadmin'],
    ['shenji', 'secadmin'],
  ] as const)('the database trigger refuses giving %s the role %s even when the API is bypassed', async (username, role) => {
    const insert = deps.db.insert(accountRoles).values({ accountId: accountIds.get(username)!, role, grantedAt: new Date(TEST_NOW) });
    const err = await insert.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err, 'insert should have been refused').toBeDefined();
    expect(sqlState(err)).toBe('23514');
  });
});

describe('(g) CSRF: state changes from another origin are refused', () => {
  const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    app.request(path, {
      method,
      headers: { cookie: as('lianluo'), host: 'luoshi.example.gov.cn', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it.each([
    ['a foreign origin', 'http://evil.example'],
    ['the same host name on another port', 'http://luoshi.example.gov.cn:8080'],
    ['an opaque origin (sandboxed frame)', 'null'],
  ])('a POST with %s → 403 CSRF_REJECTED, and nothing happens', async (_case, origin) => {
    const res = await send('POST', '/api/v1/auth/logout', { origin });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CSRF_REJECTED');
    expect((await call(app, as('lianluo'), 'GET', '/api/v1/auth/me')).status).toBe(200); // still logged in
  });

  it('a cross-origin login is refused too (login CSRF)', async () => {
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example', host: 'luoshi.example.gov.cn' },
      body: JSON.stringify({ username: 'lianluo', password: 'Luoshi@2026' }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('a same-origin POST and a GET from anywhere pass the origin check', async () => {
    const same = await send('PUT', `/api/v1/accounts/${targetAccountId}/roles`, { origin: 'http://luoshi.example.gov.cn' }, { roles: ['cadre'] });
    expect(same.status).toBe(403); // reached the permission check: lianluo may not grant roles
    expect(((await same.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const get = await send('GET', '/api/v1/auth/me', { origin: 'http://evil.example' });
    expect(get.status).toBe(200);
  });
});
