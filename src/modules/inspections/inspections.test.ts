// Inspections and public disclosure through the API on the demo county (today 2026-03-25): a team and its area, an
// unannounced inspection hidden from the unit (404) until it is filed, a photo, graded findings, filing that turns
// the problem into a ledger task with its deadline and sends the 提示件; then a task marked for the public page, whose
// JSON and RSS answer without a session and show only marked items. Bad input is refused with nothing saved.
import { count, desc, eq, gt } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput } from '../../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { notifications } from '../notify/schema.js';
import { units } from '../org/read.js';
import { inspectionFindings } from './schema.js';
import { monthInspections } from './read.js';
import { unzipEntry } from '../../../test/zip.js';

let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
const unit: Record<string, number> = {};

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const u of ['duchashi', 'lianluo', 'lianluo2', 'lingdao']) cookies[u] = await login(app, u);
  for (const code of ['T01', 'T02', 'D051']) unit[code] = (await deps.db.select({ id: units.id }).from(units).where(eq(units.code, code)))[0]!.id;
});
afterAll(() => deps?.close());

const as = (who: string, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);
const lastSeq = async () => (await deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0]?.seq ?? 0;
const actionsSince = async (seq: number) =>
  (await deps.db.select({ action: auditLog.action }).from(auditLog).where(gt(auditLog.seq, seq))).map((a) => a.action);

async function uploadPhoto(who: string, id: number, place = '青石镇垃圾中转站', takenAt: string | null = '2026-03-24T10:15:00+08:00') {
  const bytes = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 120, g: 160, b: 90 } } })
    .jpeg()
    .toBuffer();
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes)], '现场.jpg'));
  if (takenAt) form.append('takenAt', takenAt);
  form.append('place', place);
  const res = await app.request(`/api/v1/inspections/${id}/photos`, { method: 'POST', headers: { cookie: cookies[who]! }, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('an unannounced inspection', () => {
  let team: number;
  let id: number;
  let version: number;
  let taskId: number;

  it('has a team whose area bounds what it may inspect', async () => {
    const res = await as('duchashi', 'POST', '/api/v1/inspection-teams', {
      name: '第一督查组',
      leadName: '王建国',
      members: ['李明', '赵敏'],
      unitIds: [unit.T01, unit.T02],
    });
    expect(res.status).toBe(201);
    team = res.body!.id;
    const outside = await as('duchashi', 'POST', '/api/v1/inspections', {
      cycle: 'month',
      period: '2026-03',
      teamId: team,
      unitId: unit.D051,
      subject: '人居环境整治',
      mode: 'unannounced',
      method: 'on_site',
    });
    expect(outside.status).toBe(400);
    expect(outside.body!.error.message).toContain('不在“第一督查组”的督查范围内');
  });

  it('is planned by the office and invisible to the inspected unit', async () => {
    const before = await lastSeq();
    const res = await as('duchashi', 'POST', '/api/v1/inspections', {
      cycle: 'month',
      period: '2026-03',
      teamId: team,
      unitId: unit.T01,
      subject: '人居环境整治',
      mode: 'unannounced',
      method: 'on_site',
      plannedOn: '2026-03-24',
    });
    expect(res.status).toBe(201);
    id = res.body!.id;
    expect(await actionsSince(before)).toEqual(['inspection.plan']);
    expect((await as('lianluo', 'GET', `/api/v1/inspections/${id}`)).status).toBe(404);
    expect((await as('lianluo', 'GET', '/api/v1/inspections')).body!.items.map((i: { id: number }) => i.id)).not.toContain(id);
    // Nor to the leader in charge, whose portfolio holds the unit, until the 提示件 comes with the filing.
    expect((await as('lingdao', 'GET', `/api/v1/inspections/${id}`)).status).toBe(404);
  });

  it('records the visit, a photo with time and place, and graded findings', async () => {
    const recorded = await as('duchashi', 'PUT', `/api/v1/inspections/${id}/record`, {
      visitedOn: '2026-03-24',
      place: '青石镇集镇区、垃圾中转站',
      peopleMet: '镇分管副镇长',
      observations: '集镇主街道整洁；中转站周边有垃圾堆放。',
      version: 1,
    });
    expect(recorded.status).toBe(200);
    version = recorded.body!.version;
    const beforePhoto = await lastSeq();
    const photo = await uploadPhoto('duchashi', id);
    expect(photo.status).toBe(201);
    expect(await actionsSince(beforePhoto)).toEqual(['inspection.photo']);
    expect(photo.body.photos[0]).toMatchObject({ place: '青石镇垃圾中转站', takenAt: '2026-03-24T02:15:00.000Z' });
    expect((await uploadPhoto('lianluo', id)).status).toBe(403);
    // A photo whose time the browser does not know is stamped with the upload's time.
    const untimed = await uploadPhoto('duchashi', id, '青石镇集镇主街', null);
    expect(untimed.status).toBe(201);
    expect(untimed.body.photos[1]).toMatchObject({ place: '青石镇集镇主街', takenAt: deps.clock.now().toISOString() });

    const noOwner = await as('duchashi', 'POST', `/api/v1/inspections/${id}/findings`, {
      grade: 'problem',
      content: '中转站周边垃圾堆放',
      deadline: '2026-04-10',
    });
    expect(noOwner.status).toBe(400);
    expect(noOwner.body!.error.message).toBe('问题须明确整改责任单位');
    const noDeadline = await as('duchashi', 'POST', `/api/v1/inspections/${id}/findings`, {
      grade: 'serious',
      content: '中转站周边垃圾堆放',
      ownerUnitId: unit.T01,
    });
    expect(noDeadline.body!.error.message).toBe('问题须明确整改时限');
    expect(await deps.db.select({ n: count() }).from(inspectionFindings)).toEqual([{ n: 0 }]);

    const problem = await as('duchashi', 'POST', `/api/v1/inspections/${id}/findings`, {
      grade: 'problem',
      content: '中转站周边垃圾堆放，未及时清运',
      ownerUnitId: unit.T01,
      ownerName: '张卫东',
      deadline: '2026-04-10',
    });
    expect(problem.status).toBe(201);
    const good = await as('duchashi', 'POST', `/api/v1/inspections/${id}/findings`, { grade: 'good', content: '推行“门前三包”积分制，群众参与度高' });
    expect(good.body!.findings).toHaveLength(2);
    expect((await as('lianluo', 'GET', `/api/v1/inspections/${id}`)).status).toBe(404);
  });

  it('when filed, the problem becomes a ledger task the unit sees with its deadline, and the leader gets the 提示件', async () => {
    const before = await lastSeq();
    const res = await as('duchashi', 'POST', `/api/v1/inspections/${id}/file`, { version });
    expect(res.status).toBe(200);
    expect(res.body!.status).toBe('filed');
    const actions = await actionsSince(before);
    expect(actions).toContain('task.assign');
    expect(actions.at(-1)).toBe('inspection.file');
    taskId = res.body!.findings.find((f: { grade: string }) => f.grade === 'problem').task.id;

    const seen = await as('lianluo', 'GET', `/api/v1/inspections/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body!.findings[0].task).toMatchObject({ id: taskId, status: 'assigned', deadline: '2026-04-10' });
    const task = await as('lianluo', 'GET', `/api/v1/tasks/${taskId}`);
    expect(task.status).toBe(200);
    expect(task.body).toMatchObject({ source: 'inspection', deadline: '2026-04-10', responsibleName: '张卫东' });
    expect((await as('lianluo2', 'GET', `/api/v1/inspections/${id}`)).status).toBe(404);

    const reminders = await deps.db.select().from(notifications).where(eq(notifications.kind, 'inspection.reminder'));
    expect(reminders.length).toBeGreaterThan(0);
    const doc = await app.request(`/api/v1/inspections/${id}/reminder`, { headers: { cookie: cookies.lingdao! } });
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toContain('wordprocessingml');
    expect((await as('duchashi', 'POST', `/api/v1/inspections/${id}/findings`, { grade: 'good', content: '再加一条' })).status).toBe(409);
  });

  it('lets the unit put its good practice forward as highlight work, once', async () => {
    const found = (await as('lianluo', 'GET', `/api/v1/inspections/${id}`)).body!.findings.find((f: { grade: string }) => f.grade === 'good');
    const res = await as('lianluo', 'POST', `/api/v1/inspections/${id}/findings/${found.id}/highlight`);
    expect(res.status).toBe(200);
    expect(res.body!.findings.find((f: { id: number }) => f.id === found.id).highlightId).toBeGreaterThan(0);
    expect((await as('lianluo', 'POST', `/api/v1/inspections/${id}/findings/${found.id}/highlight`)).status).toBe(409);
  });

  it('appears, once filed, in the unit’s assessment archive and in the month’s findings read model for the meeting pack', async () => {
    const res = await app.request(`/api/v1/archive/units/${unit.T01}/archive.docx?year=2026`, { headers: { cookie: cookies.duchashi! } });
    expect(res.status).toBe(200);
    const text = unzipEntry(Buffer.from(await res.arrayBuffer()), 'word/document.xml')!.replace(/<[^>]+>/g, '');
    for (const part of ['二、督查检查', '暗访·实地督查：', '第一督查组', '中转站周边垃圾堆放，未及时清运', '好的做法', '推行“门前三包”积分制'])
      expect(text, part).toContain(part);
    const month = await monthInspections(deps.db, '2026-03');
    const visit = month.find((v) => v.id === id)!;
    expect(visit.findings.map((f) => f.grade).sort()).toEqual(['good', 'problem']);
    expect(visit.findings.find((f) => f.grade === 'problem')!.task).toMatchObject({ id: taskId, deadline: expect.any(String) });
    expect(await monthInspections(deps.db, '2026-02')).toEqual([]);
  });

  describe('public disclosure', () => {
    let other: number;

    it('refuses a public item carrying a phone or identity number, with a clear message', async () => {
      const phone = await as('duchashi', 'PUT', `/api/v1/tasks/${taskId}/disclosure`, { summary: '已清运，联系人 13912345678', version: 0 });
      expect(phone.status).toBe(400);
      expect(phone.body!.error.message).toBe('公开的进展中含有电话号码，不能公开，请删除后再标记公开');
      const idNo = await as('duchashi', 'PUT', `/api/v1/tasks/${taskId}/disclosure`, { summary: '涉及农户 330102198001011234', version: 0 });
      expect(idNo.body!.error.message).toContain('身份证号码');
    });

    it('shows only marked items, without a session, as JSON and RSS', async () => {
      const before = await lastSeq();
      const res = await as('duchashi', 'PUT', `/api/v1/tasks/${taskId}/disclosure`, { summary: '中转站周边垃圾已清运，正在建立日常保洁机制', version: 0 });
      expect(res.status).toBe(200);
      expect(await actionsSince(before)).toEqual(['disclosure.mark']);
      const created = await as('duchashi', 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: unit.T02!, title: '未公开的事项' }));
      other = created.body!.id;

      const json = await app.request('/api/v1/public/progress');
      expect(json.status).toBe(200);
      const body = (await json.json()) as { items: Record<string, unknown>[] };
      expect(body.items.map((i) => i.title)).toEqual([expect.stringContaining('中转站周边垃圾堆放')]);
      expect(Object.keys(body.items[0]!).sort()).toEqual([
        'colour',
        'deadline',
        'id',
        'leaderName',
        'markedAt',
        'photoIds',
        'progress',
        'status',
        'title',
        'unitName',
      ]);
      expect(JSON.stringify(body)).not.toContain('张卫东');
      const rss = await app.request('/api/v1/public/progress.rss');
      expect(rss.headers.get('content-type')).toContain('application/rss+xml');
      const text = await rss.text();
      expect(text).toContain('中转站周边垃圾已清运');
      expect(text).not.toContain('未公开的事项');
      expect((await app.request('/api/v1/disclosures')).status).toBe(401);
      expect((await as('lianluo', 'GET', '/api/v1/disclosures')).status).toBe(403);
    });

    it('drops a withdrawn item from the page', async () => {
      expect(other).toBeGreaterThan(0);
      const res = await as('duchashi', 'POST', `/api/v1/tasks/${taskId}/disclosure/withdraw`, { version: 1 });
      expect(res.status).toBe(200);
      const body = (await (await app.request('/api/v1/public/progress')).json()) as { items: unknown[] };
      expect(body.items).toEqual([]);
    });
  });
});
