import { desc, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/schema.js';
import { call, demoApp, login, type TestApp } from './api.js';
import { testDeps, type TestDeps } from './db.js';
import { buildTaskInput, unitId } from './factories.js';

// Every state-changing operation writes exactly one audit entry of its own (等保 安全审计; L1).
// The list is checked against the OpenAPI document, so a new write route without a case here fails.

let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
const versions: Record<string, number> = {};

type Case = { op: string; action: string; run: () => Promise<{ status: number; body: Record<string, any> | null }> };

const as = (who: string, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);

const CASES: Case[] = [
  { op: 'POST /api/v1/auth/login', action: 'auth.login', run: async () => {
    const res = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kaoheban', password: 'Luoshi@2026' }) });
    cookies.kaoheban = res.headers.get('set-cookie')!.split(';')[0]!;
    return { status: res.status, body: null };
  } },
  { op: 'POST /api/v1/units', action: 'unit.create', run: async () => {
    const res = await as('admin', 'POST', '/api/v1/units', { parentId: null, kind: 'city_dept', code: 'COV1', name: '覆盖测试局' });
    ids.unit = res.body!.id;
    versions.unit = res.body!.version;
    return res;
  } },
  { op: 'PATCH /api/v1/units/{id}', action: 'unit.update', run: async () => {
    const res = await as('admin', 'PATCH', `/api/v1/units/${ids.unit}`, { version: versions.unit, name: '覆盖测试局（改）' });
    versions.unit = res.body!.version;
    return res;
  } },
  { op: 'POST /api/v1/units/{id}/move', action: 'unit.move', run: async () => {
    const res = await as('admin', 'POST', `/api/v1/units/${ids.unit}/move`, { version: versions.unit, parentId: ids.t02 });
    versions.unit = res.body!.version;
    return res;
  } },
  { op: 'POST /api/v1/units/{id}/deactivate', action: 'unit.deactivate', run: async () => {
    const res = await as('admin', 'POST', `/api/v1/units/${ids.unit}/deactivate`, { version: versions.unit, reason: '机构改革' });
    versions.unit = res.body!.version;
    return res;
  } },
  { op: 'POST /api/v1/units/{id}/activate', action: 'unit.activate', run: () => as('admin', 'POST', `/api/v1/units/${ids.unit}/activate`, { version: versions.unit }) },
  { op: 'POST /api/v1/people', action: 'person.create', run: async () => {
    const res = await as('admin', 'POST', '/api/v1/people', { name: '覆盖人员', unitId: ids.t02, title: '科员', phone: '13900001111' });
    ids.person = res.body!.id;
    versions.person = res.body!.version;
    return res;
  } },
  { op: 'PATCH /api/v1/people/{id}', action: 'person.update', run: async () => {
    const res = await as('admin', 'PATCH', `/api/v1/people/${ids.person}`, { version: versions.person, title: '副科长' });
    versions.person = res.body!.version;
    return res;
  } },
  { op: 'POST /api/v1/people/{id}/deactivate', action: 'person.deactivate', run: () => as('admin', 'POST', `/api/v1/people/${ids.person}/deactivate`, { version: versions.person }) },
  { op: 'POST /api/v1/leaders', action: 'leader.create', run: async () => {
    const res = await as('admin', 'POST', '/api/v1/leaders', { name: '覆盖领导', phone: '', position: '副县长', portfolio: '测试', unitIds: [ids.t02!] });
    ids.leader = res.body!.id;
    versions.leader = res.body!.version;
    return res;
  } },
  { op: 'PATCH /api/v1/leaders/{id}', action: 'leader.update', run: () => as('admin', 'PATCH', `/api/v1/leaders/${ids.leader}`, { version: versions.leader, portfolio: '测试（改）' }) },
  { op: 'POST /api/v1/accounts', action: 'account.create', run: async () => {
    const res = await as('admin', 'POST', '/api/v1/accounts', { username: 'coverage', displayName: '覆盖账号', personId: null, initialPassword: 'Fugai#2026x' });
    ids.account = res.body!.id;
    versions.account = res.body!.version;
    return res;
  } },
  { op: 'PATCH /api/v1/accounts/{id}', action: 'account.update', run: () => as('admin', 'PATCH', `/api/v1/accounts/${ids.account}`, { version: versions.account, displayName: '覆盖账号二' }) },
  { op: 'PUT /api/v1/accounts/{id}/roles', action: 'account.roles', run: () => as('anquan', 'PUT', `/api/v1/accounts/${ids.account}/roles`, { roles: ['cadre'] }) },
  { op: 'POST /api/v1/accounts/{id}/reset-password', action: 'account.reset_password', run: () => as('admin', 'POST', `/api/v1/accounts/${ids.account}/reset-password`, { newPassword: 'Chongzhi#2026' }) },
  { op: 'POST /api/v1/accounts/{id}/{change}', action: 'account.disable', run: () => as('admin', 'POST', `/api/v1/accounts/${ids.account}/disable`) },
  { op: 'PUT /api/v1/security-policy', action: 'policy.update', run: async () => {
    const current = await as('anquan', 'GET', '/api/v1/security-policy');
    return as('anquan', 'PUT', '/api/v1/security-policy', { ...current.body, rotationDays: 60 });
  } },
  { op: 'POST /api/v1/tasks', action: 'task.create', run: async () => {
    const res = await as('duchashi', 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: ids.t01! }));
    ids.task = res.body!.id;
    versions.task = res.body!.version;
    return res;
  } },
  { op: 'PUT /api/v1/tasks/{id}', action: 'task.update', run: () => as('duchashi', 'PUT', `/api/v1/tasks/${ids.task}`, { ...buildTaskInput({ leadUnitId: ids.t01!, title: '改后的事项' }), version: versions.task }) },
  { op: 'POST /api/v1/tasks/{id}/{action}', action: 'task.assign', run: () => as('duchashi', 'POST', `/api/v1/tasks/${ids.task}/assign`, {}) },
  { op: 'POST /api/v1/tasks/{id}/subtasks', action: 'task.create', run: () => as('duchashi', 'POST', `/api/v1/tasks/${ids.task}/subtasks`, buildTaskInput({ leadUnitId: ids.t01!, title: '子事项' })) },
  { op: 'POST /api/v1/tasks/{id}/reports', action: 'task.report', run: async () => {
    await as('lianluo', 'POST', `/api/v1/tasks/${ids.task}/sign`, {});
    return as('lianluo', 'POST', `/api/v1/tasks/${ids.task}/reports`, { text: '已推进', percent: 10 });
  } },
  { op: 'POST /api/v1/saved-filters', action: 'saved_filter.create', run: async () => {
    const res = await as('duchashi', 'POST', '/api/v1/saved-filters', { name: '红灯', query: { colour: 'red' } });
    ids.filter = res.body!.id;
    return res;
  } },
  { op: 'DELETE /api/v1/saved-filters/{id}', action: 'saved_filter.delete', run: () => as('duchashi', 'DELETE', `/api/v1/saved-filters/${ids.filter}`) },
  { op: 'POST /api/v1/tasks/{id}/urge', action: 'sheet.urge', run: () => as('duchashi', 'POST', `/api/v1/tasks/${ids.task}/urge`, { note: '请加快' }) },
  { op: 'POST /api/v1/sheets/{id}/sign', action: 'sheet.sign', run: async () => {
    const today = await as('lianluo', 'GET', '/api/v1/chasing/today');
    const urge = today.body!.toSign.find((s: { kind: string }) => s.kind === 'urge');
    return as('lianluo', 'POST', `/api/v1/sheets/${urge.id}/sign`);
  } },
  { op: 'POST /api/v1/chasing/scan', action: 'chasing.scan', run: () => as('duchashi', 'POST', '/api/v1/chasing/scan') },
  { op: 'PUT /api/v1/time-limit-rules/{id}', action: 'time_limit_rule.update', run: async () => {
    const rules = await as('duchashi', 'GET', '/api/v1/time-limit-rules');
    const r = rules.body!.items[0];
    return as('duchashi', 'PUT', `/api/v1/time-limit-rules/${r.id}`, { version: r.version, name: r.name, days: r.days, dayKind: r.dayKind, levels: r.levels, sources: r.sources, active: r.active });
  } },
  { op: 'PUT /api/v1/chasing/settings', action: 'chasing_settings.update', run: async () => {
    const current = await as('duchashi', 'GET', '/api/v1/chasing/settings');
    return as('duchashi', 'PUT', '/api/v1/chasing/settings', { ...current.body, urgeDaysBefore: 4 });
  } },
  { op: 'POST /api/v1/auth/password', action: 'auth.password_change', run: () => as('kaoheban', 'POST', '/api/v1/auth/password', { currentPassword: 'Luoshi@2026', newPassword: 'Kaohe#2026new' }) },
  { op: 'POST /api/v1/auth/logout', action: 'auth.logout', run: () => as('kaoheban', 'POST', '/api/v1/auth/logout') },
];

// Write operations whose audit entry is asserted in their own module's tests.
const COVERED_ELSEWHERE: Record<string, string> = {
  'POST /api/v1/org/import': 'src/modules/org/import.test.ts asserts one org.import entry and none on a rejected file',
  'POST /api/v1/audit/verify': 'reads only; nothing to audit',
  'POST /api/v1/tasks/{id}/attachments': 'src/modules/tasks/attachments.test.ts asserts one task.attachment.upload entry per upload and none on a rejected file',
  'POST /api/v1/tasks/import': 'src/modules/reports/task-import.test.ts asserts one task.import entry and none on a rejected file',
  'POST /api/v1/calendar/overrides': 'src/calendar/calendar.test.ts asserts one calendar.override entry per range, none on a refused one',
  'DELETE /api/v1/calendar/overrides/{day}': 'src/calendar/calendar.test.ts asserts one calendar.override_delete entry',
  'POST /api/v1/calendar/years/{year}': 'src/calendar/calendar.test.ts asserts one calendar.year_enter entry',
  'DELETE /api/v1/calendar/years/{year}': 'src/calendar/calendar.test.ts asserts one calendar.year_delete entry',
  'POST /api/v1/calendar/add': 'a date calculator; reads only, nothing to audit',
  'POST /api/v1/notify/channels': 'src/modules/notify/notify.test.ts asserts one notify.channel_create entry, without the SMTP password',
  'PATCH /api/v1/notify/channels/{id}': 'src/modules/notify/notify.test.ts asserts one notify.channel_update entry, without the SMTP password',
  'POST /api/v1/notify/channels/{id}/test': 'src/modules/notify/notify.test.ts asserts one notify.channel_test entry',
  'POST /api/v1/inbox/{id}/read': 'marking an own message read changes no business state; not audited',
  'POST /api/v1/inbox/read-all': 'marking all own messages read changes no business state; not audited',
};

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const u of ['admin', 'anquan', 'duchashi', 'lianluo']) cookies[u] = await login(app, u);
  ids.t01 = await unitId(deps.db, 'T01');
  ids.t02 = await unitId(deps.db, 'T02');
});
afterAll(() => deps.close());

describe('audit coverage of write operations', () => {
  it('every write operation in the OpenAPI document has a case here', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} /api/v1${path.replace(/^\/api\/v1/, '')}`),
    );
    const covered = new Set([...CASES.map((c) => c.op), ...Object.keys(COVERED_ELSEWHERE)]);
    expect(writes.filter((w) => !covered.has(w))).toEqual([]);
  });

  it.each(CASES.map((c) => [c.op, c] as const))('%s writes its audit entry', async (_op, c) => {
    const [last] = await deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    const res = await c.run();
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    const entries = await deps.db.select().from(auditLog).where(gt(auditLog.seq, last!.seq));
    const own = entries.filter((e) => e.action === c.action);
    expect(own, entries.map((e) => e.action).join(',')).toHaveLength(1);
    expect(own[0]).toMatchObject({ result: 'success' });
    expect(own[0]!.requestId).not.toBe('');
  });
});
