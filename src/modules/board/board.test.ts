// The public board: opened with a board token, no login; revoked tokens refused; the token opens nothing else; the
// answer carries names and units only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, handOver, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, firstLeaderId, unitId } from '../../../test/factories.js';
import { boardTokens } from './schema.js';
import { hashBoardToken } from './rules.js';

let deps: TestDeps;
let app: TestApp;
let office = '';
let token = '';
let tokenId = 0;

const board = (t: string | null) => app.request('/api/v1/board', { headers: t === null ? {} : { 'x-board-token': t } });

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  deps.clock.set('2026-03-20T09:00:00+08:00');
  office = await login(app, 'duchashi');
  const [t01, t02] = [await unitId(deps.db, 'T01'), await unitId(deps.db, 'T02')];
  const leader = await firstLeaderId(deps.db);
  const major = { level: 'major' as const, leadLeaderId: leader, responsibleName: '王五', responsiblePhone: '13912345678' };
  await handOver(app, office, buildTaskInput({ ...major, title: '重大事项逾期', leadUnitId: t01, startDate: '2026-03-01', deadline: '2026-03-20' }));
  await handOver(app, office, buildTaskInput({ ...major, title: '重大事项正常', leadUnitId: t02, startDate: '2026-03-20', deadline: '2026-05-31' }));
  await handOver(app, office, buildTaskInput({ title: '一般事项', leadUnitId: t01, startDate: '2026-03-20', deadline: '2026-05-31' }));
  const project = await call(app, office, 'POST', '/api/v1/projects', {
    name: '城关污水管网改造',
    kind: 'under_construction',
    totalInvestment: 3000,
    leadUnitId: t02,
    leadLeaderId: leader,
    responsibleName: '王五',
    responsiblePhone: '13912345678',
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  const step = {
    phase: '管网铺设',
    seq: 1,
    name: '路面开挖',
    plannedStart: '2026-03-01',
    plannedDays: 10,
    unitId: t02,
    personName: '王五',
    phone: '13912345678',
  };
  expect((await call(app, office, 'POST', `/api/v1/projects/${project.body!.projectId}/steps`, step)).status).toBe(201);
  deps.clock.set('2026-03-25T09:00:00+08:00');
  office = await login(app, 'duchashi');
  const created = await call(app, office, 'POST', '/api/v1/board-tokens', { name: '政务大厅电子屏' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  token = created.body!.token;
  tokenId = created.body!.id;
}, 180_000);
afterAll(() => deps.close());

describe('the public board', () => {
  it('keeps only the hash of a token, and lists tokens without it', async () => {
    const [row] = await deps.db.select().from(boardTokens);
    expect(row!.tokenHash).toBe(hashBoardToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const list = await call(app, office, 'GET', '/api/v1/board-tokens');
    expect(list.body).toEqual([{ id: tokenId, name: '政务大厅电子屏', createdAt: '2026-03-25T01:00:00.000Z', revokedAt: null }]);
  });

  it('shows the key tasks by unit in three lights, with no phone number or account', async () => {
    const res = await board(token);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as {
      totals: Record<string, number>;
      units: { unitName: string; tiles: { title: string; colour: string }[] }[];
      projects: { unitName: string; tiles: { name: string; colour: string; lateSteps: number }[] }[];
    };
    // One red and one green task, and the red project.
    expect(body.totals).toEqual({ red: 2, yellow: 0, green: 1 });
    expect(body.units.map((u) => [u.unitName, u.tiles.map((t) => [t.title, t.colour])])).toEqual([
      ['城关街道', [['重大事项逾期', 'red']]],
      ['东城街道', [['重大事项正常', 'green']]],
    ]);
    // The project's only step passed its node (03-10) undone.
    expect(body.projects).toEqual([
      { unitName: '东城街道', tiles: [{ name: '城关污水管网改造', colour: 'red', lateSteps: 1, leaderName: expect.any(String) }] },
    ]);
    expect(text).not.toContain('一般事项');
    for (const personal of ['13912345678', '王五', 'duchashi', 'lianluo', 'responsible', 'phone', 'account', 'username']) expect(text).not.toContain(personal);
  });

  it('opens nothing else: every other route answers 401 to the token, as header or as cookie', async () => {
    for (const path of [
      '/api/v1/auth/me',
      '/api/v1/tasks',
      '/api/v1/cockpit',
      '/api/v1/board-tokens',
      '/api/v1/units',
      '/api/v1/people',
      '/api/v1/figures/monthly',
    ]) {
      const withHeader = await app.request(path, { headers: { 'x-board-token': token } });
      expect(withHeader.status, path).toBe(401);
      const withCookie = await app.request(path, { headers: { cookie: `luoshi_sid=${token}`, 'x-board-token': token } });
      expect(withCookie.status, path).toBe(401);
    }
  });

  it('refuses a missing or unknown token', async () => {
    expect((await board(null)).status).toBe(401);
    expect((await board('x'.repeat(43))).status).toBe(401);
  });

  it('refuses the token once revoked, and only the office revokes', async () => {
    expect((await call(app, await login(app, 'lianluo'), 'POST', `/api/v1/board-tokens/${tokenId}/revoke`)).status).toBe(403);
    const revoked = await call(app, office, 'POST', `/api/v1/board-tokens/${tokenId}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body!.revokedAt).not.toBeNull();
    const res = await board(token);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BOARD_TOKEN_INVALID');
    expect((await call(app, office, 'POST', `/api/v1/board-tokens/${tokenId}/revoke`)).status).toBe(409);
    expect((await call(app, office, 'POST', '/api/v1/board-tokens/9999/revoke')).status).toBe(404);
  });

  it('refuses an empty screen name', async () => {
    const res = await call(app, office, 'POST', '/api/v1/board-tokens', { name: ' ' });
    expect(res.status).toBe(400);
    expect(res.body!.error.code).toBe('BAD_BOARD_TOKEN');
  });
});
