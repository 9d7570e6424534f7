// Owning offices of task categories (归口单位, seed 002) through the API on the demo county: the demo's division, the
// office reassigning a category (audited; an unknown unit refused in Chinese), the ledger and board filtered by owning
// office, the owning unit's liaison seeing an item of its category that no other scope gives it, and the sheet naming
// the owning office as issuer, in its content and its Word file.
import { and, desc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, handOver, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput } from '../../../test/factories.js';
import { unzipEntry } from '../../../test/zip.js';
import { auditLog } from '../audit/schema.js';
import { units } from '../org/read.js';

let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
const unit: Record<string, number> = {};
const category: Record<string, { id: number; ownerUnitId: number | null; ownerUnitName: string | null }> = {};

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const code of ['T01', 'D027', 'D042', 'KHB', 'D003'])
    unit[code] = (await deps.db.select({ id: units.id }).from(units).where(eq(units.code, code)))[0]!.id;
  // fagaiwei: the development and reform commission's liaison (demo account).
  for (const u of ['duchashi', 'lianluo', 'fagaiwei']) cookies[u] = await login(app, u);
  const list = await call(app, cookies.duchashi!, 'GET', '/api/v1/task-categories');
  for (const c of list.body!.items) category[c.name] = c;
});
afterAll(() => deps?.close());

const as = (who: string, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);

describe('owning offices of categories', () => {
  let taskId: number;

  it('are divided in the demo county as seed 002 describes', () => {
    expect(category['招商引资']).toMatchObject({ ownerUnitId: unit.KHB, ownerUnitName: '县考核办' });
    expect(category['项目建设']).toMatchObject({ ownerUnitId: unit.D003, ownerUnitName: '县政府办公室' });
    expect(category['工业经济']).toMatchObject({ ownerUnitId: unit.D027, ownerUnitName: '县发展和改革委员会' });
    expect(category['民生保障']).toMatchObject({ ownerUnitId: null, ownerUnitName: null });
  });

  it('are configured by the supervision office only, audited, and an unknown unit is refused in Chinese', async () => {
    const id = category['招商引资']!.id;
    expect((await as('lianluo', 'PUT', `/api/v1/task-categories/${id}/owner`, { ownerUnitId: unit.D042 })).status).toBe(403);
    const unknown = await as('duchashi', 'PUT', `/api/v1/task-categories/${id}/owner`, { ownerUnitId: 999999 });
    expect(unknown.status).toBe(400);
    expect(unknown.body!.error).toMatchObject({ code: 'UNIT_NOT_FOUND', message: '归口单位不存在或已停用' });
    expect((await as('duchashi', 'PUT', '/api/v1/task-categories/999999/owner', { ownerUnitId: null })).status).toBe(404);
    const [{ seq }] = (await deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1)) as [{ seq: number }];
    const res = await as('duchashi', 'PUT', `/api/v1/task-categories/${id}/owner`, { ownerUnitId: unit.D042 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, name: '招商引资', ownerUnitId: unit.D042, ownerUnitName: '县商务局' });
    const audit = await deps.db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.seq, seq), eq(auditLog.action, 'category.set_owner')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toEqual({ ownerUnitId: unit.KHB });
  });

  it('name the owning office as the issuer of the sheets of their items, on screen and in Word', async () => {
    taskId = await handOver(
      app,
      cookies.duchashi!,
      buildTaskInput({ leadUnitId: unit.T01!, categoryId: category['工业经济']!.id, title: '推进工业园区标准厂房建设' }),
    );
    const task = await as('duchashi', 'GET', `/api/v1/tasks/${taskId}`);
    const sheet = task.body!.sheets.find((s: { kind: string }) => s.kind === 'assignment');
    expect(sheet.content.issuer).toBe('县发展和改革委员会');
    const res = await app.request(`/api/v1/tasks/${taskId}/sheets/${sheet.id}/docx`, { headers: { cookie: cookies.duchashi! } });
    expect(res.status).toBe(200);
    const xml = unzipEntry(Buffer.from(await res.arrayBuffer()), 'word/document.xml')!;
    expect(xml).toContain('县发展和改革委员会');
  });

  it('let the owning unit see the items of its categories, and filter the ledger and the board', async () => {
    // Another unit's task: the commission sees it only as the owning office.
    expect((await as('fagaiwei', 'GET', `/api/v1/tasks/${taskId}`)).status).toBe(200);
    const own = await as('fagaiwei', 'GET', `/api/v1/tasks?pageSize=100`);
    expect(own.body!.items.map((t: { id: number }) => t.id)).toContain(taskId);
    // It still does not act for the lead unit.
    expect((await as('fagaiwei', 'POST', `/api/v1/tasks/${taskId}/sign`, {})).status).toBe(403);
    const other = await handOver(app, cookies.duchashi!, buildTaskInput({ leadUnitId: unit.T01!, categoryId: category['民生保障']!.id }));
    expect((await as('fagaiwei', 'GET', `/api/v1/tasks/${other}`)).status).toBe(404);
    const filtered = await as('duchashi', 'GET', `/api/v1/tasks?ownerUnitId=${unit.D027}&pageSize=100`);
    const ids = filtered.body!.items.map((t: { id: number }) => t.id);
    expect(ids).toContain(taskId);
    expect(ids).not.toContain(other);
    const board = await as('duchashi', 'GET', `/api/v1/chasing/board?ownerUnitId=${unit.D027}`);
    expect(board.status).toBe(200);
    expect(board.body!.items.every((s: { taskId: number }) => s.taskId !== other)).toBe(true);
  });
});
