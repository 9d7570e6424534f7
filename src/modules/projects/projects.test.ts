// Key projects through the API on the demo county (today 2026-03-25): the office registers a project and its steps,
// the lead unit reports actual dates, the month's investment and dated photos (EXIF date and place read), a step is
// linked to a new ledger task, the comparison pairs the photos and prints; another unit sees none of it.
import { desc, eq, gt } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { unitId } from '../../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { tasks } from '../tasks/read.js';
import { keyProjects } from './read.js';

let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
let t01: number;
let projectId: number;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const u of ['duchashi', 'lianluo', 'lianluo2', 'lingdao']) cookies[u] = await login(app, u);
  t01 = await unitId(deps.db, 'T01');
});
afterAll(() => deps?.close());

const as = (who: string, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);
const lastSeq = async () => (await deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0]?.seq ?? 0;
const actionsSince = async (seq: number) =>
  (await deps.db.select({ action: auditLog.action }).from(auditLog).where(gt(auditLog.seq, seq))).map((a) => a.action);

const photo = (exif?: Record<string, Record<string, string>>) => {
  const image = sharp({ create: { width: 160, height: 120, channels: 3, background: '#7fa0c0' } });
  return (exif ? image.withExif(exif) : image).jpeg().toBuffer();
};
async function upload(who: string, id: number, bytes: Uint8Array, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes)], '现场.jpg'));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await app.request(`/api/v1/projects/${id}/photos`, { method: 'POST', headers: { cookie: cookies[who]! }, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('the register and its steps', () => {
  it('registers a project and its steps (office), each audited', async () => {
    const before = await lastSeq();
    const created = await as('duchashi', 'POST', '/api/v1/projects', {
      name: '城关镇污水管网改造',
      kind: 'under_construction',
      totalInvestment: 3000,
      investmentBefore: 500,
      leadUnitId: t01,
      responsibleName: '王建国',
      responsiblePhone: '13900000001',
      address: '城关镇解放路',
      longitude: 118.15,
      latitude: 32.76,
    });
    expect(created.status).toBe(201);
    projectId = created.body!.projectId;
    const steps = [
      { phase: '管网铺设', seq: 1, name: '路面开挖', plannedStart: '2026-03-01', plannedDays: 10 },
      { phase: '管网铺设', seq: 2, name: '管道安装', plannedStart: '2026-03-11', plannedDays: 40 },
    ];
    for (const s of steps)
      expect((await as('duchashi', 'POST', `/api/v1/projects/${projectId}/steps`, { ...s, unitId: t01, personName: '李工' })).status).toBe(201);
    expect(await actionsSince(before)).toEqual(['project.create', 'project.step_add', 'project.step_add']);
    const detail = await as('lianluo', 'GET', `/api/v1/projects/${projectId}`);
    // The first step's node (03-10) has passed undone: the project is yellow, the step red.
    expect(detail.body).toMatchObject({ colour: 'yellow', leadUnitId: t01, canReport: true, canManage: false });
    expect(detail.body!.steps.map((s: any) => [s.name, s.dueDate, s.colour])).toEqual([
      ['路面开挖', '2026-03-10', 'red'],
      ['管道安装', '2026-04-19', 'blue'],
    ]);
  });

  it('refuses bad input with Chinese messages, and a unit may not register', async () => {
    const bad = await as('duchashi', 'POST', `/api/v1/projects/${projectId}/steps`, {
      phase: '',
      seq: 1,
      name: 'x',
      plannedStart: '2026-02-30',
      plannedDays: 0,
      unitId: t01,
    });
    expect(bad.status).toBe(400);
    expect(bad.body!.error.message).toContain('请填写工序所属部分');
    expect(
      (await as('lianluo', 'POST', '/api/v1/projects', { name: 'x', kind: 'continuing', totalInvestment: 1, leadUnitId: t01, responsibleName: 'x' })).status,
    ).toBe(403);
  });

  it('lets the unit enter actual dates, and the project turns blue', async () => {
    const { body } = await as('lianluo', 'GET', `/api/v1/projects/${projectId}`);
    const first = body!.steps[0];
    expect(
      (await as('lianluo', 'PUT', `/api/v1/projects/steps/${first.id}/actual`, { actualStart: '2026-03-02', actualEnd: '2026-03-30', version: first.version }))
        .status,
    ).toBe(400);
    const res = await as('lianluo', 'PUT', `/api/v1/projects/steps/${first.id}/actual`, {
      actualStart: '2026-03-02',
      actualEnd: '2026-03-12',
      version: first.version,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ colour: 'blue' });
    expect(res.body!.steps[0]).toMatchObject({ actualEnd: '2026-03-12', colour: 'green' });
  });

  it('links a step to a new ledger task assigned to the step unit, due at its date node', async () => {
    const { body } = await as('duchashi', 'GET', `/api/v1/projects/${projectId}`);
    const second = body!.steps[1];
    const before = await lastSeq();
    const res = await as('duchashi', 'POST', `/api/v1/projects/steps/${second.id}/task`, { version: second.version });
    expect(res.status).toBe(200);
    const taskId = res.body!.steps[1].taskId as number;
    const [task] = await deps.db.select().from(tasks).where(eq(tasks.id, taskId));
    expect(task).toMatchObject({ title: '城关镇污水管网改造：管道安装', leadUnitId: t01, deadline: '2026-04-19', status: 'assigned' });
    expect(await actionsSince(before)).toEqual(['task.create', 'task.assign', 'project.step_link']);
    expect((await as('duchashi', 'POST', `/api/v1/projects/steps/${second.id}/task`, { version: second.version + 1 })).body!.error.code).toBe(
      'STEP_ALREADY_LINKED',
    );
  });

  it('removes a step entered by mistake (office, audited), but not one whose work has begun', async () => {
    const added = await as('duchashi', 'POST', `/api/v1/projects/${projectId}/steps`, {
      phase: '管网铺设',
      seq: 9,
      name: '误录工序',
      plannedStart: '2026-05-01',
      plannedDays: 5,
      unitId: t01,
    });
    const mistaken = added.body!.steps.find((s: any) => s.name === '误录工序').id as number;
    expect((await as('lianluo', 'DELETE', `/api/v1/projects/steps/${mistaken}`)).status).toBe(403);
    const before = await lastSeq();
    const removed = await as('duchashi', 'DELETE', `/api/v1/projects/steps/${mistaken}`);
    expect(removed.status).toBe(200);
    expect(removed.body!.steps.map((s: any) => s.name)).toEqual(['路面开挖', '管道安装']);
    expect(await actionsSince(before)).toEqual(['project.step_remove']);
    expect((await as('duchashi', 'DELETE', `/api/v1/projects/steps/${mistaken}`)).status).toBe(404);
    const begun = await as('duchashi', 'DELETE', `/api/v1/projects/steps/${removed.body!.steps[0].id}`);
    expect(begun.status).toBe(409);
    expect(begun.body!.error.message).toContain('已填报实际开始日期，不能删除');
  });

  it('keeps the project from another unit: 404 as if missing', async () => {
    expect((await as('lianluo2', 'GET', `/api/v1/projects/${projectId}`)).status).toBe(404);
    expect((await as('lianluo2', 'GET', '/api/v1/projects')).body!.items.some((p: any) => p.projectId === projectId)).toBe(false);
  });
});

describe('investment', () => {
  it('takes the plan from the office and the done figure from the unit, and draws the year curve', async () => {
    expect((await as('duchashi', 'PUT', `/api/v1/projects/${projectId}/investments/2026-02`, { planned: 200, done: null, version: 0 })).status).toBe(200);
    expect((await as('duchashi', 'PUT', `/api/v1/projects/${projectId}/investments/2026-03`, { planned: 300, done: null, version: 0 })).status).toBe(200);
    // The unit may report done, not change the plan.
    expect((await as('lianluo', 'PUT', `/api/v1/projects/${projectId}/investments/2026-02`, { planned: 999, done: 150, version: 1 })).status).toBe(403);
    expect((await as('lianluo', 'PUT', `/api/v1/projects/${projectId}/investments/2026-02`, { planned: 200, done: 150, version: 1 })).status).toBe(200);
    expect((await as('lianluo', 'PUT', `/api/v1/projects/${projectId}/investments/2026-05`, { planned: 0, done: 10, version: 0 })).status).toBe(400);
    const res = await as('lianluo', 'PUT', `/api/v1/projects/${projectId}/investments/2026-03`, { planned: 300, done: 320, version: 1 });
    expect(res.body).toMatchObject({ plannedThisYear: 500, doneThisYear: 470, cumulative: 970 });
    expect(res.body!.curve[2]).toMatchObject({ period: '2026-03', planned: 300, done: 320, plannedSum: 500, doneSum: 470 });
    const mine = async (day: string) => (await keyProjects(deps.db, day)).find((p) => p.project.id === projectId);
    expect(await mine('2026-03-25')).toMatchObject({ plannedThisYear: 500, doneThisYear: 470, cumulative: 970, colour: 'blue', lateSteps: 0 });
    expect(await keyProjects(deps.db, '2026-03-25', { all: false, unitIds: new Set([t01 + 1]) })).toEqual([]);
    expect(await mine('2026-04-25')).toMatchObject({ colour: 'red', lateSteps: 1 });
  });
});

describe('photos and the comparison (影像比绩)', () => {
  it('reads the date and place from EXIF, else takes the date given, and pairs the two', async () => {
    const before = await lastSeq();
    const withExif = await upload(
      'lianluo',
      projectId,
      await photo({
        IFD2: { DateTimeOriginal: '2026:03:18 09:30:00' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '32/1 45/1 36/1', GPSLongitudeRef: 'E', GPSLongitude: '118/1 9/1 0/1' },
      }),
      { takenOn: '2026-03-01', caption: '解放路段' },
    );
    expect(withExif).toMatchObject({ status: 201, body: { takenOn: '2026-03-18', dateSource: 'exif', caption: '解放路段' } });
    expect(withExif.body.latitude).toBeCloseTo(32.76, 2);
    expect(withExif.body.longitude).toBeCloseTo(118.15, 2);
    const entered = await upload('lianluo', projectId, await photo(), { takenOn: '2026-02-20' });
    expect(entered).toMatchObject({ status: 201, body: { takenOn: '2026-02-20', dateSource: 'entered', latitude: null } });
    expect(await actionsSince(before)).toEqual(['project.photo_upload', 'project.photo_upload']);
    expect((await upload('lianluo2', projectId, await photo())).status).toBe(404);
    expect((await upload('lianluo', projectId, new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 1]))).status).toBe(400);

    const comparison = await as('lingdao', 'GET', '/api/v1/projects/comparison?period=2026-03');
    const item = comparison.body!.items.find((i: any) => i.projectId === projectId);
    expect(item).toMatchObject({ before: { id: entered.body.id }, after: { id: withExif.body.id } });
    const thumb = await app.request(`/api/v1/projects/${projectId}/photos/${withExif.body.id}?thumbnail=1`, { headers: { cookie: cookies.lingdao! } });
    expect(thumb.status).toBe(200);
    expect((await sharp(new Uint8Array(await thumb.arrayBuffer())).metadata()).width).toBeLessThanOrEqual(320);
  });

  it('prints the month as a Word document (audited)', async () => {
    const before = await lastSeq();
    const res = await app.request('/api/v1/projects/comparison.docx?period=2026-03', { headers: { cookie: cookies.duchashi! } });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain('2026-03 重点项目影像比绩.docx');
    expect(await actionsSince(before)).toEqual(['project.comparison_export']);
    expect((await as('duchashi', 'GET', '/api/v1/projects/comparison?period=2026-13')).status).toBe(400);
  });
});
