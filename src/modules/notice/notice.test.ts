// The monthly notice (月度通报) of April, published through the review: the Word document holds the ranking in order,
// the charts as PNG images and the office's edited narrative; issuing freezes it and later edits are refused.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, closeJointly, demoApp, login, startWork, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { unzipEntry, zipEntries } from '../../../test/zip.js';
import { auditLog } from '../audit/schema.js';
import { periodicWork } from '../chasing/scanner.js';
import { reviewNotices } from './schema.js';

let deps: TestDeps;
let app: TestApp;
let t01 = 0;
let t02 = 0;
const s: Record<string, string> = {};
const USERS = ['duchashi', 'xiaoneng', 'kaoheban', 'lianluo', 'lingdao'] as const;
const OVERDUE = '东城片区雨污分流改造';
const EDITED = '一是城关街道要于5月15日前完成农贸市场改造收尾（通报测试编辑）。';
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function at(instant: string) {
  deps.clock.set(instant);
  for (const u of USERS) s[u] = await login(app, u);
}
const as = (who: string, method: string, path: string, body?: unknown) => call(app, s[who]!, method, path, body);
const auditCount = async (action: string) => (await deps.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)))[0]!.n;

async function create(title: string, leadUnitId: number, deadline: string, liaison: string | null) {
  const res = await as('duchashi', 'POST', '/api/v1/tasks', buildTaskInput({ title, leadUnitId, startDate: '2026-04-01', deadline, period: '2026-04' }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body!.id as number;
  expect((await as('duchashi', 'POST', `/api/v1/tasks/${id}/assign`, {})).status).toBe(200);
  if (liaison) await startWork(app, s[liaison]!, id);
  return id;
}

async function download(who: string) {
  const res = await app.request('/api/v1/reviews/2026-04/notice.docx', { headers: { cookie: s[who]! } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    data: Buffer.from(await res.arrayBuffer()),
  };
}

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  t01 = await unitId(deps.db, 'T01');
  t02 = await unitId(deps.db, 'T02');
  await at('2026-04-01T09:00:00+08:00');
  s.lianluo2 = await login(app, 'lianluo2');
  const onTime = await create('城关街道背街小巷整治', t01, '2026-04-20', 'lianluo');
  await create(OVERDUE, t02, '2026-04-15', 'lianluo2');
  // A county unit's task too, so both groups have work and charts.
  await create('老旧燃气管道更新改造', await unitId(deps.db, 'D051'), '2026-04-25', null);
  await at('2026-04-18T10:00:00+08:00');
  await closeJointly(
    app,
    s.lianluo!,
    ['duchashi', 'xiaoneng', 'kaoheban'].map((r) => s[r]!),
    onTime,
    '2026-04-17',
  );
  await at('2026-05-01T00:05:00+08:00');
  await periodicWork(deps);
  await at('2026-05-06T09:00:00+08:00');
}, 120_000);
afterAll(() => deps.close());

describe('monthly notice', () => {
  it('waits for the month to be published', async () => {
    const res = await as('duchashi', 'GET', '/api/v1/reviews/2026-04/notice');
    expect(res.status).toBe(409);
    expect(res.body!.error.message).toContain('月点评尚未发布');
    const review = await as('duchashi', 'GET', '/api/v1/reviews/2026-04');
    for (const b of review.body!.bottom as { group: string; proposed: { unitId: number }[] }[])
      if (b.proposed.length)
        expect(
          (await as('duchashi', 'POST', '/api/v1/reviews/2026-04/bottom-statements', { group: b.group, unitIds: b.proposed.map((p) => p.unitId) })).status,
        ).toBe(200);
    expect((await as('duchashi', 'POST', '/api/v1/reviews/2026-04/publish')).status).toBe(200);
  });

  it('a published month has a draft notice with figures, items and default paragraphs; units wait for the issue', async () => {
    const res = await as('kaoheban', 'GET', '/api/v1/reviews/2026-04/notice');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'draft', version: 0, issueNumber: '〔2026〕第4期', title: '关于2026年4月工作落实情况的通报' });
    expect(res.body!.overview).toMatchObject({ issued: 3, closedOnTime: 1, overdue: 2 });
    expect(res.body!.paragraphs).toEqual(res.body!.defaults);
    expect(res.body!.paragraphs.opening).toContain('全月共交办事项3件');
    const unit = res.body!.items.find((u: { unitId: number }) => u.unitId === t02);
    expect(unit.overdue).toEqual([expect.objectContaining({ title: OVERDUE, deadline: '2026-04-15', overdueDays: 15 })]);
    const denied = await as('lianluo', 'GET', '/api/v1/reviews/2026-04/notice');
    expect(denied.status).toBe(403);
    expect(denied.body!.error.message).toContain('尚未印发');
    expect((await download('lianluo')).status).toBe(403);
  });

  it('refuses an empty paragraph in Chinese and saves nothing', async () => {
    const notice = (await as('duchashi', 'GET', '/api/v1/reviews/2026-04/notice')).body!;
    const res = await as('duchashi', 'PUT', '/api/v1/reviews/2026-04/notice', { version: 0, ...notice.paragraphs, problems: '  ' });
    expect(res.status).toBe(400);
    expect(res.body!.error.message).toContain('请填写“存在问题”');
    expect(await deps.db.select().from(reviewNotices)).toHaveLength(0);
    expect((await as('lianluo', 'PUT', '/api/v1/reviews/2026-04/notice', { version: 0, ...notice.paragraphs })).status).toBe(403);
  });

  let draftXml = '';
  it('the Word document holds the ranking in order, the charts as PNG and the edited narrative', async () => {
    const notice = (await as('duchashi', 'GET', '/api/v1/reviews/2026-04/notice')).body!;
    const saved = await as('duchashi', 'PUT', '/api/v1/reviews/2026-04/notice', { version: 0, ...notice.paragraphs, requirements: EDITED });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toEqual({ period: '2026-04', version: 1 });
    const stale = await as('duchashi', 'PUT', '/api/v1/reviews/2026-04/notice', { version: 0, ...notice.paragraphs });
    expect(stale.status).toBe(409);

    const before = await auditCount('notice.download');
    const file = await download('duchashi');
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(decodeURIComponent(file.disposition!)).toContain('关于2026年4月工作落实情况的通报（征求意见稿）.docx');
    expect(await auditCount('notice.download')).toBe(before + 1);

    const xml = unzipEntry(file.data, 'word/document.xml')!;
    expect(xml).toContain('征求意见稿');
    expect(xml).toContain(EDITED);
    expect(xml).toContain(OVERDUE);
    // Each group's ranking table lists its units in rank order after its caption.
    const scores = (await as('duchashi', 'GET', '/api/v1/reviews/2026-04/scores')).body!.rows as { group: string; unitName: string }[];
    for (const [group, caption] of [
      ['town', '乡镇（街道）得分排名'],
      ['county_unit', '县直单位得分排名'],
    ] as const) {
      let from = xml.indexOf(caption);
      expect(from, caption).toBeGreaterThan(0);
      for (const row of scores.filter((r) => r.group === group)) {
        const next = xml.indexOf(`>${row.unitName}<`, from);
        expect(next, `${row.unitName} after the previous row`).toBeGreaterThan(from);
        from = next;
      }
    }
    const media = zipEntries(file.data).filter((e) => e.name.startsWith('word/media/'));
    // Per group a score chart and a rate chart.
    expect(media.length).toBe(4);
    for (const title of ['乡镇（街道）得分', '县直单位得分', '乡镇（街道）完成率与按时完成率', '县直单位完成率与按时完成率'])
      expect(xml).toContain(`图  ${title}<`);
    for (const m of media) expect(m.data.subarray(0, 8).equals(PNG_MAGIC), m.name).toBe(true);
    draftXml = xml;
  });

  it('issuing freezes the notice: edits and a second issue are refused with a clear message; units may read it', async () => {
    const issued = await as('kaoheban', 'POST', '/api/v1/reviews/2026-04/notice/issue', { version: 1 });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body).toMatchObject({ period: '2026-04', version: 2 });
    expect(await auditCount('notice.issue')).toBe(1);

    const [row] = await deps.db.select().from(reviewNotices);
    const edit = await as('duchashi', 'PUT', '/api/v1/reviews/2026-04/notice', { version: 2, opening: '改', problems: '改', requirements: '改' });
    expect(edit.status).toBe(409);
    expect(edit.body!.error.message).toBe('2026年4月的通报已印发，不能再修改');
    const again = await as('duchashi', 'POST', '/api/v1/reviews/2026-04/notice/issue', { version: 2 });
    expect(again.status).toBe(409);
    expect(again.body!.error.message).toContain('已印发');
    expect(await deps.db.select().from(reviewNotices)).toEqual([row]);

    const read = await as('lianluo', 'GET', '/api/v1/reviews/2026-04/notice');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'issued', paragraphs: { requirements: EDITED } });
    const file = await download('lianluo');
    expect(file.status).toBe(200);
    const xml = unzipEntry(file.data, 'word/document.xml')!;
    expect(xml).not.toContain('征求意见稿');
    expect(xml).toContain(EDITED);
    expect(draftXml).toContain('征求意见稿');
  });
});
