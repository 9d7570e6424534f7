import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { systemWho } from '../../context.js';
import { scan } from '../chasing/service.js';
import { auditLog } from '../audit/schema.js';
import { tasks, taskSheets } from './schema.js';

// A task of 城关街道 (T01) with two cooperating units' parts: T02 (lianluo2 signs and reports) and D005 (explained).
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let deps: TestDeps;
let app: TestApp;
let dataDir: string;
const s: Record<string, string> = {};
let t01: number;
let t02: number;
let d005: number;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-parts-'));
  deps = await testDeps({ DATA_DIR: dataDir });
  app = await demoApp(deps);
  for (const u of ['duchashi', 'lianluo', 'lianluo2', 'ganbu']) s[u] = await login(app, u);
  [t01, t02, d005] = await Promise.all([unitId(deps.db, 'T01'), unitId(deps.db, 'T02'), unitId(deps.db, 'D005')]);
});
afterAll(async () => {
  await deps.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const getTask = async (id: number, who = 'duchashi') => (await call(app, s[who]!, 'GET', `/api/v1/tasks/${id}`)).body!;
const partOf = async (id: number, unit: number, who = 'duchashi') => (await getTask(id, who)).parts.find((p: { unitId: number }) => p.unitId === unit);
const move = async (who: string, id: number, unit: number, action: string, body: Record<string, unknown> = {}) => {
  const part = await partOf(id, unit, who);
  return call(app, s[who]!, 'POST', `/api/v1/tasks/${id}/parts/${unit}/${action}`, { version: part.version, ...body });
};

describe('cooperating units each have their own thread', () => {
  it('set at creation, signed, reported with evidence, returned, reported again, confirmed; closing waits for every part', async () => {
    const created = await call(
      app,
      s.duchashi!,
      'POST',
      '/api/v1/tasks',
      buildTaskInput({
        leadUnitId: t01,
        cooperators: [
          { unitId: t02, part: '提供改造资金测算', dueDate: '2026-03-27', standard: '测算表经财政审核' },
          { unitId: d005, part: '全程监督' },
        ],
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body!.id as number;
    expect(created.body!.parts.map((p: { status: string }) => p.status)).toEqual(['assigned', 'assigned']);
    await call(app, s.duchashi!, 'POST', `/api/v1/tasks/${id}/assign`, {});
    await call(app, s.lianluo!, 'POST', `/api/v1/tasks/${id}/sign`, {});
    await call(app, s.lianluo!, 'POST', `/api/v1/tasks/${id}/start`, {});

    // Only the cooperating unit signs its part; the lead unit sees it but cannot sign for it.
    expect((await partOf(id, t02, 'lianluo')).actions).toEqual(['explain']);
    expect((await partOf(id, t02, 'lianluo2')).actions).toEqual(['sign']);
    expect((await move('lianluo', id, t02, 'sign')).status).toBe(403);
    expect((await move('lianluo2', id, t02, 'sign')).status).toBe(200);

    // The report carries evidence uploaded by the cooperating unit.
    const form = new FormData();
    form.append('file', new File([new Uint8Array(PDF)], '资金测算表.pdf'));
    const upload = await app.request(`/api/v1/tasks/${id}/attachments`, { method: 'POST', headers: { cookie: s.lianluo2! }, body: form });
    expect(upload.status).toBe(201);
    const fileId = ((await upload.json()) as { id: number }).id;
    const reported = await move('lianluo2', id, t02, 'report', { text: '测算表已报送', attachmentIds: [fileId] });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    const part = reported.body!.parts.find((p: { unitId: number }) => p.unitId === t02);
    expect(part).toMatchObject({ status: 'reported', colour: 'blue', late: false });
    expect(part.reports[0]).toMatchObject({ text: '测算表已报送', late: false, decision: null, attachments: [{ id: fileId, fileName: '资金测算表.pdf' }] });

    expect((await move('lianluo', id, t02, 'return', { reason: '' })).status).toBe(409);
    expect((await move('lianluo', id, t02, 'return', { reason: '缺少财政审核意见' })).status).toBe(200);
    expect(await partOf(id, t02)).toMatchObject({ status: 'returned', note: '缺少财政审核意见' });

    // While a part is open the lead unit cannot file for closing: a 409 naming the parts.
    const refused = await call(app, s.lianluo!, 'POST', `/api/v1/tasks/${id}/closing-requests`, { summary: '已完成', finishedOn: '2026-03-25' });
    expect(refused.status).toBe(409);
    expect(refused.body!.error).toMatchObject({ code: 'PARTS_OPEN' });
    expect(refused.body!.error.message).toContain('县');
    expect(refused.body!.error.message).toMatch(/被退回.*待签收|待签收.*被退回/);
    expect((await getTask(id)).status).toBe('in_progress');

    expect((await move('lianluo2', id, t02, 'report', { text: '已补财政审核意见' })).status).toBe(200);
    expect((await move('lianluo', id, t02, 'confirm')).status).toBe(200);
    expect((await move('lianluo', id, d005, 'explain', { reason: '监督工作由纪委日常开展，不单列' })).status).toBe(200);
    const done = await getTask(id);
    expect(done.parts.map((p: { unitId: number; status: string }) => [p.unitId, p.status]).sort()).toEqual(
      [
        [t02, 'done'],
        [d005, 'explained'],
      ].sort(),
    );
    const filed = await call(app, s.lianluo!, 'POST', `/api/v1/tasks/${id}/closing-requests`, { summary: '已完成', finishedOn: '2026-03-25' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  });

  it('a part past its day turns the task red, names the part, and draws a warning sheet addressed to that unit', async () => {
    const created = await call(
      app,
      s.duchashi!,
      'POST',
      '/api/v1/tasks',
      buildTaskInput({
        leadUnitId: t01,
        title: '分工逾期对照',
        deadline: '2026-04-30',
        cooperators: [{ unitId: t02, part: '完成管网迁改', dueDate: '2026-03-26' }],
      }),
    );
    const id = created.body!.id as number;
    await call(app, s.duchashi!, 'POST', `/api/v1/tasks/${id}/assign`, {});
    await call(app, s.lianluo!, 'POST', `/api/v1/tasks/${id}/sign`, {});
    expect((await getTask(id)).colour).toBe('yellow');
    // The lead may reset the part's terms later; it must be signed again.
    const set = await call(app, s.lianluo!, 'PUT', `/api/v1/tasks/${id}/parts/${t02}`, {
      part: '完成管网迁改',
      dueDate: '2026-03-27',
      standard: '迁改完成并通水',
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((await call(app, s.lianluo2!, 'PUT', `/api/v1/tasks/${id}/parts/${t02}`, { part: '不做' })).status).toBe(403);

    deps.clock.set('2026-03-30T09:00:00+08:00');
    // Sessions end after days idle: sign in again on the later day.
    for (const u of ['duchashi', 'lianluo', 'lianluo2']) s[u] = await login(app, u);
    try {
      const task = await getTask(id);
      expect(task.colour).toBe('red');
      expect(task.latePartUnits).toEqual([(await partOf(id, t02)).unitName]);
      const ledger = await call(app, s.duchashi!, 'GET', `/api/v1/tasks?keyword=${encodeURIComponent('分工逾期对照')}&colour=red`);
      expect(ledger.body!.items.map((i: { id: number }) => i.id)).toEqual([id]);
      // The ledger row marks the late part (the page tags it 「配合单位 X 逾期」).
      expect(ledger.body!.items[0].cooperators).toEqual([{ unitId: t02, unitName: task.latePartUnits[0], part: '完成管网迁改', late: true }]);

      await scan(deps, systemWho('test'));
      const sheets = await deps.db.select().from(taskSheets).where(eq(taskSheets.taskId, id));
      const partSheets = sheets.filter((x) => x.dueKind?.startsWith('part_'));
      expect(partSheets.map((x) => [x.kind, x.dueKind, x.unitId])).toContainEqual(['warning', 'part_deadline', t02]);
      expect(partSheets.every((x) => x.unitId === t02)).toBe(true);
      expect(sheets.filter((x) => !x.dueKind?.startsWith('part_')).every((x) => x.unitId === t01)).toBe(true);

      // Reporting late clears the light and is kept on the report.
      await move('lianluo2', id, t02, 'sign');
      const late = await move('lianluo2', id, t02, 'report', { text: '已迁改完成' });
      expect(late.body!.colour).toBe('blue');
      const after = await call(app, s.duchashi!, 'GET', `/api/v1/tasks?keyword=${encodeURIComponent('分工逾期对照')}`);
      expect(after.body!.items[0].cooperators[0].late).toBe(false);
      expect(late.body!.parts[0].reports[0].late).toBe(true);
      const [row] = await deps.db.select({ partsDue: tasks.partsDue }).from(tasks).where(eq(tasks.id, id));
      expect(row!.partsDue).toBeNull();
    } finally {
      deps.clock.set('2026-03-25T09:00:00+08:00');
      for (const u of ['duchashi', 'lianluo', 'lianluo2']) s[u] = await login(app, u);
    }
  });

  it('the office gives each part its terms on the task form: checked in Chinese, saved with the task, audited', async () => {
    const input = buildTaskInput({ leadUnitId: t01, title: '分工条款', startDate: '2026-03-25', deadline: '2026-04-30' });
    const late = await call(app, s.duchashi!, 'POST', '/api/v1/tasks', {
      ...input,
      cooperators: [{ unitId: t02, part: '拆迁协调', dueDate: '2026-05-06', standard: '' }],
    });
    expect(late.status).toBe(400);
    expect(late.body!.error.message).toContain('的分工时限不能晚于事项完成时限（2026-04-30）');
    const early = await call(app, s.duchashi!, 'POST', '/api/v1/tasks', { ...input, cooperators: [{ unitId: t02, part: '拆迁协调', dueDate: '2026-03-20' }] });
    expect(early.body!.error.message).toContain('的分工时限不能早于开始日期');

    const created = await call(app, s.duchashi!, 'POST', '/api/v1/tasks', {
      ...input,
      cooperators: [{ unitId: t02, part: '拆迁协调', dueDate: '2026-04-10', standard: '签约率 100%' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body!.id as number;
    expect(created.body!.parts[0]).toMatchObject({ part: '拆迁协调', dueDate: '2026-04-10', standard: '签约率 100%', status: 'assigned' });

    // Editing the task (the form sends the whole task) changes a part's terms in the same write.
    const edited = await call(app, s.duchashi!, 'PUT', `/api/v1/tasks/${id}`, {
      ...input,
      version: created.body!.version,
      cooperators: [{ unitId: t02, part: '拆迁协调', dueDate: '2026-04-20', standard: '签约率 100%，腾空交付' }],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect((await partOf(id, t02)).dueDate).toBe('2026-04-20');
    const audits = await deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(id)));
    const update = audits.find((a) => a.action === 'task.update')!;
    expect((update.before as { cooperators: { dueDate: string }[] }).cooperators[0]!.dueDate).toBe('2026-04-10');
    expect((update.after as { cooperators: { dueDate: string; standard: string }[] }).cooperators[0]).toMatchObject({
      dueDate: '2026-04-20',
      standard: '签约率 100%，腾空交付',
    });
  });
});
