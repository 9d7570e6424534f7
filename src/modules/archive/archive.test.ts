import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, closeJointly, demoApp, handOver, login, startWork, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { unzipEntry } from '../../../test/zip.js';
import { auditLog } from '../audit/schema.js';

// Handed over on 10 March, read on 25 March. T01 has a closed task, an overdue one and one under way, a self-assessment and a study session.
let deps: TestDeps;
let app: TestApp;
let t01: number;
const cookies: Record<string, string> = {};
const as = (who: string, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);

beforeAll(async () => {
  deps = await testDeps();
  deps.clock.set(new Date('2026-03-10T09:00:00+08:00'));
  app = await demoApp(deps);
  const logins = async () => {
    for (const u of ['lianluo', 'lianluo2', 'duchashi', 'xiaoneng', 'kaoheban', 'ganbu', 'danwei']) cookies[u] = await login(app, u);
  };
  await logins();
  t01 = await unitId(deps.db, 'T01');
  const closed = await handOver(app, cookies.duchashi!, buildTaskInput({ leadUnitId: t01, title: '背街小巷整治', deadline: '2026-03-31' }));
  await startWork(app, cookies.lianluo!, closed);
  await as('lianluo', 'POST', `/api/v1/tasks/${closed}/reports`, { text: '完成 12 条背街小巷路面修补', percent: 80 });
  await closeJointly(
    app,
    cookies.lianluo!,
    ['duchashi', 'xiaoneng', 'kaoheban'].map((r) => cookies[r]!),
    closed,
    '2026-03-10',
  );
  await handOver(app, cookies.duchashi!, buildTaskInput({ leadUnitId: t01, title: '春季植树造林', deadline: '2026-03-20' }));
  deps.clock.set(new Date('2026-03-25T09:00:00+08:00'));
  await logins();
  await handOver(app, cookies.duchashi!, buildTaskInput({ leadUnitId: t01, title: '高标准农田建设', deadline: '2026-03-31' }));
  await as('lianluo', 'PUT', `/api/v1/self-assessments/units/${t01}/targets`, {
    period: '2026',
    version: 0,
    items: ['position', 'highlight', 'breakthrough', 'first_class'].map((standard) => ({ standard, target: `年度目标-${standard}`, planRating: 4 })),
  });
  await as('lianluo', 'POST', '/api/v1/study/sessions', { unitId: t01, kind: 'theory_study', title: '理论学习中心组第三次集体学习', day: '2026-03-27' });
});
afterAll(() => deps?.close());

describe('activity calendar', () => {
  it('a month of the task ledger: one dot per task on its deadline, red, blue or green', async () => {
    const res = await as('lianluo', 'GET', `/api/v1/activity-calendar?source=tasks&year=2026&month=3`);
    expect(res.status).toBe(200);
    const byTitle = Object.fromEntries(res.body!.items.map((i: { title: string; colour: string; day: string }) => [i.title, `${i.day} ${i.colour}`]));
    expect(byTitle).toEqual({ 春季植树造林: '2026-03-20 red', 背街小巷整治: '2026-03-31 green', 高标准农田建设: '2026-03-31 blue' });
    expect(res.body!.counts).toEqual({ red: 1, blue: 1, green: 1 });
    // Another town sees none of them; a year view has them all.
    expect((await as('lianluo2', 'GET', `/api/v1/activity-calendar?source=tasks&year=2026&month=3`)).body!.items).toEqual([]);
    expect((await as('lianluo', 'GET', `/api/v1/activity-calendar?source=tasks&year=2026`)).body!.items).toHaveLength(3);
  });

  it('the study ledger in the same view', async () => {
    const res = await as('danwei', 'GET', `/api/v1/activity-calendar?source=study&year=2026&month=3`);
    expect(res.status).toBe(200);
    expect(res.body!.items).toMatchObject([{ day: '2026-03-27', title: '理论学习中心组第三次集体学习', colour: 'blue' }]);
  });
});

describe('考核档案', () => {
  it('one unit’s year prints as one Word document, item by item, with its inspections section', async () => {
    const res = await app.request(`/api/v1/archive/units/${t01}/archive.docx?year=2026`, { headers: { cookie: cookies.lianluo! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain('2026年度考核档案.docx');
    const xml = unzipEntry(Buffer.from(await res.arrayBuffer()), 'word/document.xml')!;
    const text = xml.replace(/<[^>]+>/g, '');
    for (const part of [
      '2026年度考核档案',
      '一、交办事项',
      '背街小巷整治',
      '完成 12 条背街小巷路面修补',
      '已通过',
      '春季植树造林',
      '二、督查检查',
      '本年度无已归档的明察暗访记录',
      '三、月度评分',
      '四、申诉',
      '五、绩效自评',
      '年度目标-first_class',
      '六、学习台账',
      '理论学习中心组第三次集体学习',
    ])
      expect(text, part).toContain(part);
    expect((await deps.db.select().from(auditLog).where(eq(auditLog.action, 'archive.print'))).length).toBe(1);
  });

  it('another unit’s archive answers 404, a cadre 403', async () => {
    expect((await app.request(`/api/v1/archive/units/${t01}/archive.docx?year=2026`, { headers: { cookie: cookies.lianluo2! } })).status).toBe(404);
    expect((await app.request(`/api/v1/archive/units/${t01}/archive.docx?year=2026`, { headers: { cookie: cookies.ganbu! } })).status).toBe(403);
  });
});
