import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { buildNoticeDocx, buildSheetDocx } from './sheet-docx.js';

let deps: TestDeps;
let app: TestApp;
let office: string;
let liaison: string; // T01 城关街道
let otherLiaison: string; // T02

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  [office, liaison, otherLiaison] = await Promise.all([login(app, 'duchashi'), login(app, 'lianluo'), login(app, 'lianluo2')]);
});
afterAll(() => deps.close());

// Reads one entry of a ZIP archive through its central directory: enough to look inside a .docx.
function unzipEntry(zip: Buffer, name: string): string | undefined {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const [method, size, nameLength, extraLength, commentLength, offset] = [
      zip.readUInt16LE(at + 10),
      zip.readUInt32LE(at + 20),
      zip.readUInt16LE(at + 28),
      zip.readUInt16LE(at + 30),
      zip.readUInt16LE(at + 32),
      zip.readUInt32LE(at + 42),
    ];
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
      const data = zip.subarray(start, start + size);
      return (method === 0 ? data : zlib.inflateRawSync(data)).toString('utf8');
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return undefined;
}

async function assignedTask(title: string) {
  const created = await call(app, office, 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: await unitId(deps.db, 'T01'), title }));
  const assigned = await call(app, office, 'POST', `/api/v1/tasks/${created.body!.id}/assign`, {});
  return { id: created.body!.id as number, sheet: assigned.body!.sheets[0] as { id: number; number: string } };
}

async function download(cookie: string | null, taskId: number, sheetId: number) {
  return app.request(`/api/v1/tasks/${taskId}/sheets/${sheetId}/docx`, { headers: cookie ? { cookie } : {} });
}

describe('assignment sheet as Word', () => {
  it('is a .docx whose document carries the number, the unit and the matter, named after the number', async () => {
    const { id, sheet } = await assignedTask('推进老旧小区改造交办单测试');
    const res = await download(office, id, sheet.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const disposition = res.headers.get('content-disposition')!;
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(`工作交办单-${sheet.number}.docx`);
    const zip = Buffer.from(await res.arrayBuffer());
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    const xml = unzipEntry(zip, 'word/document.xml')!;
    for (const text of [
      '督查督办工作交办单',
      sheet.number,
      '城关街道',
      '推进老旧小区改造交办单测试',
      '2026年3月31日',
      '签收人',
      '请于收到本单后按要求办理，并按时反馈办理情况。',
    ]) {
      expect(xml).toContain(text);
    }
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
  });

  it('shows who signed and when once the unit has signed', async () => {
    const { id, sheet } = await assignedTask('签收后的交办单');
    const signed = await call(app, liaison, 'POST', `/api/v1/tasks/${id}/sign`, {});
    expect(signed.status).toBe(200);
    const me = await call(app, liaison, 'GET', '/api/v1/auth/me');
    const xml = unzipEntry(Buffer.from(await (await download(liaison, id, sheet.id)).arrayBuffer()), 'word/document.xml')!;
    expect(me.body!.user.displayName).toBeTruthy();
    expect(xml).toContain(me.body!.user.displayName);
    expect(xml).toContain('2026年3月25日 09:00');
  });

  it('is 404 for a sheet of a task outside the data scope, the same as a missing one', async () => {
    const { id, sheet } = await assignedTask('只属于城关街道的交办单');
    const theirs = await download(otherLiaison, id, sheet.id);
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual(await (await download(otherLiaison, 999_999, sheet.id)).json());
    expect((await download(office, id, 999_999)).status).toBe(404);
  });

  it('needs a session', async () => {
    const { id, sheet } = await assignedTask('未登录下载');
    expect((await download(null, id, sheet.id)).status).toBe(401);
  });
});

describe('chasing sheets as Word', () => {
  it('a warning sheet (预警单) prints its kind, number, unit, the missed limit and its closing words', async () => {
    const { id } = await assignedTask('预警单打印测试');
    // The sign limit is the day of assignment; the next morning's scan warns.
    deps.clock.set('2026-03-26T08:00:00+08:00');
    const office2 = await login(app, 'duchashi');
    await call(app, office2, 'POST', '/api/v1/chasing/scan');
    const task = await call(app, office2, 'GET', `/api/v1/tasks/${id}`);
    const warning = task.body!.sheets.find((s: { kind: string }) => s.kind === 'warning');
    const res = await download(office2, id, warning.id);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe(`工作预警单-${warning.number}.docx`);
    const xml = unzipEntry(Buffer.from(await res.arrayBuffer()), 'word/document.xml')!;
    for (const text of ['督查督办工作预警单', warning.number, '城关街道', '预警单打印测试', '签收部署（2026-03-25）', '已超过时限未完成']) {
      expect(xml).toContain(text);
    }
    deps.clock.set('2026-03-25T09:00:00+08:00');
  });
});

describe('what the ladder adds to a printed sheet (issue 9)', () => {
  const xmlOf = async (doc: Promise<Buffer>) => unzipEntry(await doc, 'word/document.xml')!;
  const rectify = {
    kind: 'rectify' as const,
    number: '督改〔2026〕3号',
    content: { unit: '城关街道', matter: '老旧管网改造', due: '逐月升级（2026-03-31）', deadline: '2026-03-20', note: '', points: '1' },
    issuedAt: new Date('2026-04-01T08:00:00+08:00'),
    signedAt: null,
  };

  it('a rectification order states its deduction; a sheet without one has no such row', async () => {
    expect(await xmlOf(buildSheetDocx(rectify, null))).toContain('扣减绩效考核得分 1 分');
    const { points: _p, ...content } = rectify.content;
    expect(await xmlOf(buildSheetDocx({ ...rectify, kind: 'warning', content }, null))).not.toContain('扣减绩效考核得分');
  });

  it('a sheet counted over a year without holiday data says its dates are provisional (暂定)', async () => {
    const provisional = { ...rectify, content: { ...rectify.content, due: '首次反馈（2027-01-07，暂定）', provisional: 'true' } };
    const xml = await xmlOf(buildSheetDocx(provisional, null));
    expect(xml).toContain('首次反馈（2027-01-07，暂定）');
    expect(xml).toContain('时限按周一至周五暂定计算（暂定）');
    expect(await xmlOf(buildSheetDocx(rectify, null))).not.toContain('暂定');
  });

  it('a notice (通报) prints its title, each paragraph, the issuer and the date', async () => {
    const xml = await xmlOf(buildNoticeDocx({ title: '关于对城关街道张三同志进行诫勉谈话的通报', text: '第一段。\n第二段。', publishedOn: '2026-05-08' }));
    for (const text of ['通　报', '关于对城关街道张三同志进行诫勉谈话的通报', '第一段。', '第二段。', '县纪委监委', '2026年5月8日'])
      expect(xml).toContain(text);
  });
});
