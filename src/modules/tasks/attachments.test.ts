import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { periodicWork } from '../chasing/scanner.js';
import { systemWho } from '../../context.js';
import { closingRequests, evidenceAttachmentIds } from '../closing/read.js';
import { checkUpload, detectType, ORPHAN_GRACE_DAYS, removeOrphanUploads, sanitizeFileName, zipEntryNames } from './attachments.js';
import { attachments } from './schema.js';

const MB = 1024 * 1024;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);

const jpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .toBuffer();
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: { r: 0, g: 90, b: 200, alpha: 0.5 } } })
    .png()
    .toBuffer();
const docxFile = () => Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('整改情况说明')] }] }));
async function xlsxFile() {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('台账').addRow(['事项', '进度']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

// A ZIP with stored (uncompressed) entries, to test the central-directory reader on archives that are not Office files.
function storedZip(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n);
    centrals.push(central, n);
    offset += 30 + n.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('upload rules', () => {
  it.each([
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'jpeg'],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'png'],
    ['PDF', PDF, 'pdf'],
    ['OLE (DOC or XLS)', OLE, 'ole'],
    ['a ZIP holding word/document.xml', storedZip(['[Content_Types].xml', 'word/document.xml']), 'docx'],
    ['a ZIP holding xl/workbook.xml', storedZip(['[Content_Types].xml', 'xl/workbook.xml']), 'xlsx'],
    ['a plain ZIP', storedZip(['readme.txt']), null],
    ['a ZIP claiming to be both', storedZip(['word/document.xml', 'xl/workbook.xml']), null],
    ['a truncated ZIP', storedZip(['word/document.xml']).subarray(0, 40), null],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>'), null],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), null],
    ['a Windows executable', Buffer.from('MZ\x90\x00\x03\x00'), null],
    ['GIF', Buffer.from('GIF89a'), null],
  ])('%s is detected by content as %s', (_name, bytes, type) => {
    expect(detectType(bytes)).toBe(type);
  });

  it('reads the entry names of real Word and Excel files', async () => {
    expect(zipEntryNames(await docxFile())).toContain('word/document.xml');
    expect(zipEntryNames(await xlsxFile())).toContain('xl/workbook.xml');
  });

  it.each([
    ['../../etc/passwd.png', 'passwd.png'],
    ['C:\\Users\\张三\\桌面\\整改报告.docx', '整改报告.docx'],
    ['现场照片（一）.jpg', '现场照片（一）.jpg'],
    ['bad\u0000name\r\n.pdf', 'badname.pdf'],
    ['report\u202Efdp.exe', 'reportfdp.exe'],
    ['..hidden.pdf', 'hidden.pdf'],
    ['a<b>:"c"|?*.pdf', 'a_b___c____.pdf'],
    [`${'长'.repeat(300)}.pdf`, `${'长'.repeat(100)}.pdf`],
  ])('the name %j is stored as %j', (raw, clean) => {
    expect(sanitizeFileName(raw)).toBe(clean);
  });

  const limits = { maxImageBytes: 10, maxDocumentBytes: 20 };
  it.each([
    ['an empty file', 'a.pdf', Buffer.alloc(0), 'FILE_EMPTY'],
    ['a PDF named .jpg', 'a.jpg', PDF.subarray(0, 10), 'FILE_TYPE_MISMATCH'],
    ['a PDF without extension', 'a', PDF.subarray(0, 10), 'FILE_TYPE_MISMATCH'],
    ['an OLE file named .docx', 'a.docx', OLE.subarray(0, 10), 'FILE_TYPE_MISMATCH'],
    ['an OLE file named .constructor', 'a.constructor', OLE.subarray(0, 10), 'FILE_TYPE_MISMATCH'],
    ['HTML named .pdf', 'a.pdf', Buffer.from('<html>'), 'FILE_TYPE_NOT_ALLOWED'],
    ['an image over the image limit', 'a.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(8)]), 'FILE_TOO_LARGE'],
    ['a document over the document limit', 'a.pdf', Buffer.concat([PDF.subarray(0, 5), Buffer.alloc(16)]), 'FILE_TOO_LARGE'],
  ])('%s is refused with %s', (_what, name, bytes, code) => {
    expect(() => checkUpload(name, bytes, limits)).toThrow(expect.objectContaining({ code }));
  });

  it.each([
    ['A.JPEG', Buffer.from([0xff, 0xd8, 0xff, 0]), 'image/jpeg'],
    ['a.pdf', PDF.subarray(0, 20), 'application/pdf'],
    ['a.doc', OLE.subarray(0, 20), 'application/msword'],
    ['a.xls', OLE.subarray(0, 20), 'application/vnd.ms-excel'],
  ])('%s within its limit is accepted as %s', (name, bytes, mime) => {
    expect(checkUpload(name, bytes, limits).mime).toBe(mime);
  });
});

describe('attachments API', () => {
  let deps: TestDeps;
  let app: TestApp;
  let dataDir: string;
  let office: string;
  let liaison: string; // T01
  let otherLiaison: string; // T02
  let t01: number;
  let t02: number;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-attachments-'));
    deps = await testDeps({ DATA_DIR: dataDir });
    app = await demoApp(deps);
    [office, liaison, otherLiaison] = await Promise.all([login(app, 'duchashi'), login(app, 'lianluo'), login(app, 'lianluo2')]);
    t01 = await unitId(deps.db, 'T01');
    t02 = await unitId(deps.db, 'T02');
  });
  afterAll(async () => {
    await deps.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const filesOnDisk = () =>
    fs.existsSync(path.join(dataDir, 'files')) ? fs.readdirSync(path.join(dataDir, 'files'), { recursive: true, encoding: 'utf8' }).sort() : [];

  async function signedTask(overrides: Record<string, unknown> = {}) {
    const created = await call(app, office, 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: t01, ...overrides }));
    const id = created.body!.id as number;
    await call(app, office, 'POST', `/api/v1/tasks/${id}/assign`, {});
    expect((await call(app, liaison, 'POST', `/api/v1/tasks/${id}/sign`, {})).status).toBe(200);
    return id;
  }

  async function upload(cookie: string | null, taskId: number, name: string, bytes: Uint8Array) {
    const form = new FormData();
    form.append('file', new File([new Uint8Array(bytes)], name));
    const res = await app.request(`/api/v1/tasks/${taskId}/attachments`, { method: 'POST', headers: cookie ? { cookie } : {}, body: form });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }

  const download = (cookie: string, taskId: number, attachmentId: number, query = '') =>
    app.request(`/api/v1/tasks/${taskId}/attachments/${attachmentId}${query}`, { headers: { cookie } });

  it('stores a JPEG and a PNG with a thumbnail at most 320 px on the long side, and audits the upload', async () => {
    const id = await signedTask();
    const photo = await jpeg(1600, 1200);
    const chart = await png(400, 1000);
    const a = await upload(liaison, id, '现场照片.jpg', photo);
    const b = await upload(liaison, id, '进度图.png', chart);
    expect(a).toMatchObject({ status: 201, body: { fileName: '现场照片.jpg', mime: 'image/jpeg', size: photo.length, hasThumbnail: true } });
    expect(b).toMatchObject({ status: 201, body: { fileName: '进度图.png', mime: 'image/png', size: chart.length, hasThumbnail: true } });

    const thumbA = await download(liaison, id, a.body.id, '?thumbnail=1');
    expect(thumbA.headers.get('content-type')).toBe('image/jpeg');
    expect(thumbA.headers.get('content-disposition')).toMatch(/^inline; filename\*=UTF-8''/);
    expect(await sharp(Buffer.from(await thumbA.arrayBuffer())).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    const thumbB = await download(liaison, id, b.body.id, '?thumbnail=1');
    expect(await sharp(Buffer.from(await thumbB.arrayBuffer())).metadata()).toMatchObject({ format: 'png', width: 128, height: 320 });

    const [row] = await deps.db.select().from(attachments).where(eq(attachments.id, a.body.id));
    expect(row).toMatchObject({ taskId: id, reportId: null, sha256: crypto.createHash('sha256').update(photo).digest('hex') });
    // Stored under a server-made key, never the user's name; the thumbnail beside it.
    expect(row!.storageKey).toMatch(/^2026\/03\/[0-9a-f-]{36}$/);
    expect(row!.thumbnailKey).toBe(`${row!.storageKey}-thumb`);
    expect(fs.readFileSync(path.join(dataDir, 'files', row!.storageKey)).equals(photo)).toBe(true);

    const audits = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'task.attachment.upload'), eq(auditLog.targetId, String(id))));
    expect(audits.map((e) => (e.after as { fileName: string }).fileName)).toEqual(['现场照片.jpg', '进度图.png']);
  });

  it('accepts Word and Excel files made by real writers', async () => {
    const id = await signedTask();
    expect((await upload(liaison, id, '整改报告.docx', await docxFile())).body).toMatchObject({
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      hasThumbnail: false,
    });
    expect((await upload(liaison, id, '台账.xlsx', await xlsxFile())).body).toMatchObject({
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  });

  it('a PDF named .jpg is a type mismatch and an HTML page named .pdf is not allowed; nothing is stored or audited', async () => {
    const id = await signedTask();
    const before = filesOnDisk();
    const pdfAsJpg = await upload(liaison, id, 'photo.jpg', PDF);
    expect(pdfAsJpg).toMatchObject({ status: 400, body: { error: { code: 'FILE_TYPE_MISMATCH', message: '文件内容与扩展名不符' } } });
    const htmlAsPdf = await upload(liaison, id, 'report.pdf', Buffer.from('<html><body onload="alert(1)">'));
    expect(htmlAsPdf).toMatchObject({ status: 400, body: { error: { code: 'FILE_TYPE_NOT_ALLOWED' } } });
    expect((await upload(liaison, id, 'empty.pdf', Buffer.alloc(0))).body.error.code).toBe('FILE_EMPTY');
    expect((await upload(liaison, id, 'broken.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))).body.error.code).toBe('IMAGE_UNREADABLE');
    expect(filesOnDisk()).toEqual(before);
    expect(
      await deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'task.attachment.upload'), eq(auditLog.targetId, String(id)))),
    ).toEqual([]);
  });

  it('keeps only the base name of a path-like file name', async () => {
    const id = await signedTask();
    const res = await upload(liaison, id, '../../etc/passwd.png', await png(10, 10));
    expect(res).toMatchObject({ status: 201, body: { fileName: 'passwd.png' } });
  });

  it('an image over 10 MB is 413, and a body over the upload limit is refused before it is read', async () => {
    const id = await signedTask();
    const bigImage = Buffer.concat([await jpeg(10, 10), Buffer.alloc(10 * MB)]);
    expect(await upload(liaison, id, 'big.jpg', bigImage)).toMatchObject({
      status: 413,
      body: { error: { code: 'FILE_TOO_LARGE', message: '图片不能超过 10MB' } },
    });
    const bigPdf = Buffer.concat([PDF, Buffer.alloc(21 * MB)]);
    expect(await upload(liaison, id, 'big.pdf', bigPdf)).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
  });

  it('only the lead unit uploads, only while the task is under way; other units see nothing', async () => {
    const id = await signedTask();
    const mine = await upload(liaison, id, '说明.pdf', PDF);
    expect(mine.status).toBe(201);
    expect((await upload(null, id, 'a.pdf', PDF)).status).toBe(401);
    expect((await upload(office, id, 'a.pdf', PDF)).status).toBe(403);
    const theirs = await upload(otherLiaison, id, 'a.pdf', PDF);
    expect(theirs).toMatchObject({ status: 404, body: { error: { code: 'TASK_NOT_FOUND' } } });
    expect((await download(otherLiaison, id, mine.body.id)).status).toBe(404);
    // The id of an attachment of another task does not open through this one.
    const other = await signedTask();
    expect((await download(liaison, other, mine.body.id)).status).toBe(404);

    const draft = await call(app, office, 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: t01 }));
    await call(app, office, 'POST', `/api/v1/tasks/${draft.body!.id}/assign`, {});
    expect(await upload(liaison, draft.body!.id, 'a.pdf', PDF)).toMatchObject({ status: 409, body: { error: { code: 'TASK_NOT_REPORTABLE' } } });
  });

  it('a cooperating unit may download but not upload', async () => {
    const id = await signedTask({ cooperators: [{ unitId: t02, part: '配合' }] });
    const { body } = await upload(liaison, id, '说明.pdf', PDF);
    expect((await download(otherLiaison, id, body.id)).status).toBe(200);
    expect((await upload(otherLiaison, id, 'a.pdf', PDF)).status).toBe(403);
  });

  it('downloads as an attachment with the UTF-8 name, the stored type and nosniff', async () => {
    const id = await signedTask();
    const { body } = await upload(liaison, id, "整改报告 (终稿)'.pdf", PDF);
    const res = await download(office, id, body.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('整改报告 ')}%28${encodeURIComponent('终稿')}%29%27.pdf`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await download(office, id, body.id, '?thumbnail=1')).status).toBe(404);
  });

  it('a progress report takes uploaded files, shown under the report', async () => {
    const id = await signedTask();
    const { body: file } = await upload(liaison, id, '现场照片.jpg', await jpeg(100, 80));
    const reported = await call(app, liaison, 'POST', `/api/v1/tasks/${id}/reports`, { text: '已完成整改', attachmentIds: [file.id] });
    expect(reported.status).toBe(201);
    const task = await call(app, office, 'GET', `/api/v1/tasks/${id}`);
    expect(task.body!.reports[0].attachments).toEqual([expect.objectContaining({ id: file.id, fileName: '现场照片.jpg', hasThumbnail: true })]);
  });

  it(`refuses more than 20 files waiting for a report`, async () => {
    const id = await signedTask();
    for (let i = 0; i < 20; i++) expect((await upload(liaison, id, `${i}.pdf`, PDF)).status).toBe(201);
    const before = filesOnDisk();
    expect(await upload(liaison, id, '21.pdf', PDF)).toMatchObject({ status: 409, body: { error: { code: 'TOO_MANY_ATTACHMENTS' } } });
    expect(filesOnDisk()).toEqual(before);
  });

  it('a failed database insert leaves no file behind', async () => {
    const id = await signedTask();
    const before = filesOnDisk();
    await deps.db.execute(sql.raw(`CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`));
    await deps.db.execute(sql.raw('CREATE TRIGGER attachments_fail BEFORE INSERT ON attachments FOR EACH ROW EXECUTE FUNCTION fail_insert()'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await upload(liaison, id, '现场照片.jpg', await jpeg(50, 50));
      expect(res).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL' } } });
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
      await deps.db.execute(sql.raw('DROP TRIGGER attachments_fail ON attachments'));
    }
    expect(filesOnDisk()).toEqual(before);
    expect(await deps.db.select().from(attachments).where(eq(attachments.taskId, id))).toEqual([]);
  });
  it(`removes uploads no report or closing request took after ${ORPHAN_GRACE_DAYS} days, with their files, once, audited`, async () => {
    const id = await signedTask();
    const up = async (name: string, cookie = liaison) => (await upload(cookie, id, name, await jpeg(60, 40))).body as { id: number };
    const [reported, orphan, evidence] = [await up('已报.jpg'), await up('遗留.jpg'), await up('佐证.jpg')];
    expect((await call(app, liaison, 'POST', `/api/v1/tasks/${id}/reports`, { text: '进展', attachmentIds: [reported.id] })).status).toBe(201);
    // Evidence of a closing request (written directly: filing one needs a finished task, beside the point here).
    const [filer] = await deps.db.select({ uploadedBy: attachments.uploadedBy }).from(attachments).where(eq(attachments.id, evidence.id));
    await deps.db.insert(closingRequests).values({
      taskId: id,
      summary: '已完成',
      finishedOn: '2026-03-25',
      attachmentIds: [evidence.id],
      filedBy: filer!.uploadedBy,
      filedAt: deps.clock.now(),
    });
    const keyOf = async (attachmentId: number) =>
      (await deps.db.select({ key: attachments.storageKey }).from(attachments).where(eq(attachments.id, attachmentId)))[0]!.key;
    const orphanKey = await keyOf(orphan.id);
    expect(filesOnDisk().filter((f) => f.includes(path.basename(orphanKey))).length).toBe(2);

    deps.clock.advance((ORPHAN_GRACE_DAYS - 1) * 86_400_000);
    // Days later the morning's session has lapsed: sign in again.
    const young = await up('新传.jpg', await login(app, 'lianluo'));
    expect(await periodicWork(deps)).toMatchObject({ orphansRemoved: 0 });
    deps.clock.advance(86_400_000 + 60_000);
    // Two processes sweeping at once (the sweep alone, as the periodic work runs it): each orphan goes exactly once.
    const sweep = () => removeOrphanUploads(deps, systemWho('orphans'), evidenceAttachmentIds());
    // Earlier tests of this file left unreported uploads too, as old as the orphan.
    const due = await deps.db
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(isNull(attachments.reportId), ne(attachments.id, evidence.id), ne(attachments.id, young.id)));
    expect(due.map((a) => a.id)).toContain(orphan.id);
    const runs = await Promise.all([sweep(), sweep()]);
    expect(runs.map((r) => r.orphansRemoved).sort((a, b) => a - b)).toEqual([0, due.length]);

    const left = await deps.db.select({ id: attachments.id }).from(attachments).where(eq(attachments.taskId, id));
    expect(left.map((a) => a.id).sort((a, b) => a - b)).toEqual([reported.id, evidence.id, young.id]);
    expect(filesOnDisk().filter((f) => f.includes(path.basename(orphanKey)))).toEqual([]);
    const reader = await login(app, 'duchashi');
    for (const kept of [reported, evidence, young]) expect((await download(reader, id, kept.id)).status).toBe(200);
    const [entry] = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'task.attachment.orphan_remove'));
    expect(entry).toMatchObject({ actorId: null, targetType: 'attachment', before: { attachmentIds: due.map((a) => a.id) } });
    expect((entry!.before as { taskIds: number[] }).taskIds).toContain(id);
  });
});
