// The monthly meeting through the API on the demo county (today 2026-03-25): the pack refused before it opens and
// assembled after; an instruction and a commitment recorded, the commitment turned into a task that the ledger then
// lists; each write with its audit row, bad input refused with nothing saved.
import { count, desc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { unzipEntry } from '../../../test/zip.js';
import { auditLog } from '../audit/schema.js';
import { units } from '../org/read.js';
import { meetingNotes } from './schema.js';

let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
let town: number;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const u of ['duchashi', 'lingdao', 'lianluo']) cookies[u] = await login(app, u);
  town = (await deps.db.select({ id: units.id }).from(units).where(eq(units.code, 'T01')))[0]!.id;
});
afterAll(() => deps?.close());

const as = (who: string, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);
const lastSeq = async () => (await deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0]?.seq ?? 0;
const actionsSince = async (seq: number) =>
  (await deps.db.select({ action: auditLog.action }).from(auditLog).where(gt(auditLog.seq, seq))).map((a) => a.action);

describe('the pack', () => {
  it('is refused with a clear message before two working days ahead of the meeting', async () => {
    const res = await as('lingdao', 'GET', '/api/v1/meetings/2026-03/pack');
    expect(res.status).toBe(409);
    expect(res.body!.error).toMatchObject({ code: 'MEETING_PACK_NOT_READY', message: expect.stringContaining('2026-03 月点评会定于 2026-04-02 召开') });
    const meeting = await as('lingdao', 'GET', '/api/v1/meetings/2026-03');
    expect(meeting.body).toMatchObject({ meetingDate: '2026-04-02', isDefault: true, opensOn: '2026-03-31', available: false });
  });

  it("assembles February's pack: ranking per group, red items, bottom statements", async () => {
    const res = await as('lingdao', 'GET', '/api/v1/meetings/2026-02/pack');
    expect(res.status).toBe(200);
    expect(res.body!.ranking.map((g: { group: string }) => g.group)).toEqual(['town', 'county_unit']);
    expect(res.body!.ranking[0].rows.length).toBeGreaterThan(0);
    expect(Array.isArray(res.body!.red)).toBe(true);
    expect(Array.isArray(res.body!.past)).toBe(true);
  });

  it('is not for units', async () => {
    expect((await as('lianluo', 'GET', '/api/v1/meetings/2026-02/pack')).status).toBe(403);
  });

  it('moves with the date the office sets (audited)', async () => {
    const before = await lastSeq();
    const res = await as('duchashi', 'PUT', '/api/v1/meetings/2026-03/date', { meetingDate: '2026-04-01', version: 0 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ meetingDate: '2026-04-01', isDefault: false, opensOn: '2026-03-30', version: 1 });
    expect(await actionsSince(before)).toEqual(['meeting.set_date']);
    expect((await as('duchashi', 'PUT', '/api/v1/meetings/2026-03/date', { meetingDate: '2026-05-01', version: 1 })).status).toBe(400);
  });
});

describe('instructions and commitments', () => {
  it('refuses a commitment without a unit or date, saving nothing', async () => {
    const notes = async () => (await deps.db.select({ n: count() }).from(meetingNotes))[0]!.n;
    const n = await notes();
    const res = await as('duchashi', 'POST', '/api/v1/meetings/2026-02/notes', { kind: 'commitment', content: '整改' });
    expect(res.status).toBe(400);
    expect(res.body!.error.message).toBe('请选择作出承诺的单位；请填写承诺完成时限（YYYY-MM-DD）');
    expect(await notes()).toBe(n);
  });

  it('records an instruction and a commitment; the commitment becomes a task the ledger lists', async () => {
    const before = await lastSeq();
    const instruction = await as('duchashi', 'POST', '/api/v1/meetings/2026-02/notes', {
      kind: 'instruction',
      content: '红灯事项一周内清零',
      leaderName: '王县长',
    });
    expect(instruction.status).toBe(201);
    const commitment = await as('duchashi', 'POST', '/api/v1/meetings/2026-02/notes', {
      kind: 'commitment',
      content: '四月十日前完成集镇污水管网收尾',
      unitId: town,
      dueDate: '2026-04-10',
    });
    expect(commitment.status).toBe(201);
    expect(commitment.body).toMatchObject({ kind: 'commitment', unitId: town, createdTask: null, version: 1 });
    expect(await actionsSince(before)).toEqual(['meeting.instruction', 'meeting.commitment']);

    const mid = await lastSeq();
    const turned = await as('duchashi', 'POST', `/api/v1/meetings/notes/${commitment.body!.id}/task`, { version: 1 });
    expect(turned.status).toBe(200);
    expect(turned.body!.createdTask).toMatchObject({ status: 'assigned', deadline: '2026-04-10' });
    expect(await actionsSince(mid)).toEqual(['task.create', 'task.assign', 'meeting.to_task']);
    expect((await as('duchashi', 'POST', `/api/v1/meetings/notes/${commitment.body!.id}/task`, { version: 2 })).status).toBe(409);

    const ledger = await as('duchashi', 'GET', `/api/v1/tasks?keyword=${encodeURIComponent('集镇污水管网收尾')}`);
    expect(ledger.body!.items.map((t: { id: number }) => t.id)).toContain(turned.body!.createdTask.id);
    const unitLedger = await as('lianluo', 'GET', `/api/v1/tasks?source=meeting`);
    expect(unitLedger.body!.items.map((t: { id: number }) => t.id)).toContain(turned.body!.createdTask.id);

    const meeting = await as('lingdao', 'GET', '/api/v1/meetings/2026-02');
    expect(meeting.body!.notes.map((n: { kind: string }) => n.kind)).toEqual(['instruction', 'commitment']);
  });

  it('an instruction cannot be turned into a task', async () => {
    const instruction = await as('duchashi', 'POST', '/api/v1/meetings/2026-02/notes', { kind: 'instruction', content: '加强调度', leaderName: '李书记' });
    const res = await as('duchashi', 'POST', `/api/v1/meetings/notes/${instruction.body!.id}/task`, { version: 1 });
    expect(res.status).toBe(409);
    expect(res.body!.error.message).toBe('只有承诺可以转为任务');
  });
});

describe('the Word pack', () => {
  const download = async (who: string, period: string) => {
    const res = await app.request(`/api/v1/meetings/${period}/pack.docx`, { headers: { cookie: cookies[who]! } });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      disposition: res.headers.get('content-disposition'),
      data: Buffer.from(await res.arrayBuffer()),
    };
  };

  it("holds what the page shows, in order, with this meeting's instructions and commitments; each download audited", async () => {
    const before = await lastSeq();
    const file = await download('lingdao', '2026-02');
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(decodeURIComponent(file.disposition!)).toContain('2026年2月工作点评会会议材料.docx');
    expect(await actionsSince(before)).toEqual(['meeting.pack_download']);

    const xml = unzipEntry(file.data, 'word/document.xml')!;
    const pack = (await as('lingdao', 'GET', '/api/v1/meetings/2026-02/pack')).body!;
    // The sections in the page's order.
    let from = 0;
    for (const section of [
      '月点评会材料',
      '一、本月排名',
      '二、红灯事项',
      '三、抽签汇报单位',
      '四、表态发言',
      '五、评星',
      '六、上次会议承诺落实情况',
      '七、督查检查发现',
      '八、本次会议领导批示和承诺',
    ]) {
      const at = xml.indexOf(section, from);
      expect(at, section).toBeGreaterThan(from);
      from = at;
    }
    // Each group's ranking lists its units in rank order.
    for (const g of pack.ranking as { group: string; rows: { unitName: string }[] }[]) {
      let at = xml.indexOf(g.group === 'town' ? '乡镇（街道）得分排名' : '县直单位得分排名');
      expect(at).toBeGreaterThan(0);
      for (const r of g.rows) {
        const next = xml.indexOf(`>${r.unitName}<`, at);
        expect(next, r.unitName).toBeGreaterThan(at);
        at = next;
      }
    }
    for (const u of pack.red as { tasks: { title: string }[] }[]) for (const t of u.tasks) expect(xml).toContain(t.title);
    for (const d of pack.lottery as { mustReport: string }[]) expect(xml).toContain(d.mustReport);
    expect(xml).toContain('王县长：红灯事项一周内清零');
    expect(xml).toContain('四月十日前完成集镇污水管网收尾');
    expect(xml).toMatch(/已转为任务 #\d+/);
  });

  it('is refused like the pack: before it opens, and to units', async () => {
    expect((await download('lingdao', '2026-03')).status).toBe(409);
    expect((await download('lianluo', '2026-02')).status).toBe(403);
  });
});
