import ExcelJS from 'exceljs';
import { desc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, handOver, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { DOCX_TYPE } from '../../format.js';
import { DEMO_ACCOUNTS } from '../../seed/demo.js';
import { auditLog } from '../audit/schema.js';
import { accounts } from '../auth/schema.js';
import { leaders } from '../org/read.js';
import { tasks } from '../tasks/read.js';
import { EXPORT_HEADER_ROW, EXPORT_HEADERS } from './export.js';

// TEST_NOW is 2026-03-25.
let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
const person: Record<string, number> = {};

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const a of DEMO_ACCOUNTS) cookies[a.username] = await login(app, a.username);
  for (const row of await deps.db.select({ username: accounts.username, personId: accounts.personId }).from(accounts))
    if (row.personId) person[row.username] = row.personId;
  // ganbu owns a task due this month; the T01 head grades them for March, and grades lianluo lower so the year has
  // two distinct scores to band (an all-equal year bands nobody).
  const t01v01 = await unitId(deps.db, 'T01V01');
  await handOver(app, cookies.duchashi!, buildTaskInput({ leadUnitId: t01v01, responsiblePersonId: person.ganbu!, title: '村道硬化', deadline: '2026-03-31' }));
  const graded = await as('danwei', 'PUT', '/api/v1/records/assessments', {
    personId: person.ganbu,
    month: '2026-03',
    grade: 'good',
    comment: '工作主动',
    version: 0,
  });
  expect(graded.status).toBe(200);
  const lower = await as('danwei', 'PUT', '/api/v1/records/assessments', {
    personId: person.lianluo,
    month: '2026-03',
    grade: 'average',
    comment: '任务推进偏慢',
    version: 0,
  });
  expect(lower.status).toBe(200);
});
afterAll(() => deps?.close());

const as = (who: string, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);
const lastSeq = async () => (await deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0]?.seq ?? 0;
const actionsSince = async (seq: number) => (await deps.db.select().from(auditLog).where(gt(auditLog.seq, seq))).map((a) => a.action);

describe('the record (履责档案)', () => {
  it('the cadre sees their own record, without the band', async () => {
    const r = await as('ganbu', 'GET', `/api/v1/dossier/people/${person.ganbu}?year=2026`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ year: 2026, counts: { onTime: 0, late: 0, open: 1, sheets: 0, interviews: 0, frontlineDays: 0 }, band: null });
    expect(r.body!.tasks).toMatchObject([{ title: '村道硬化', state: 'open', as: 'responsible' }]);
    expect(r.body!.quarters).toEqual([{ quarter: '2026-Q1', grade: 'good', confirmed: false }]);
  });

  it('the unit head sees their unit’s people; another unit answers 404; the office sees the band', async () => {
    expect((await as('danwei', 'GET', `/api/v1/dossier/people/${person.ganbu}`)).status).toBe(200);
    expect((await as('lianluo2', 'GET', `/api/v1/dossier/people/${person.ganbu}`)).status).toBe(404);
    expect((await as('ganbu', 'GET', `/api/v1/dossier/people/${person.danwei}`)).status).toBe(404);
    const r = await as('kaoheban', 'GET', `/api/v1/dossier/people/${person.ganbu}`);
    expect(r.body!.band).toMatchObject({ rank: 1, score: 95, ranked: 2 });
  });

  it('prints as Word', async () => {
    const res = await app.request(`/api/v1/dossier/people/${person.ganbu}/record.docx?year=2026`, { headers: { cookie: cookies.ganbu! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX_TYPE);
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(/2026年度履责档案\.docx$/);
  });

  it('the banding rule is the assessment office’s; a bad rule is refused in Chinese', async () => {
    const { body } = await as('kaoheban', 'GET', '/api/v1/dossier/rule');
    expect((await as('duchashi', 'PUT', '/api/v1/dossier/rule', body)).status).toBe(403);
    const bad = await as('kaoheban', 'PUT', '/api/v1/dossier/rule', {
      ...body,
      rule: {
        ...body!.rule,
        bands: [
          { name: '优秀', share: 50 },
          { name: '其他', share: 40 },
        ],
      },
    });
    expect(bad.body!.error).toMatchObject({ code: 'BAD_BANDING_RULE', message: '各档比例之和应为 100%' });
    const saved = await as('kaoheban', 'PUT', '/api/v1/dossier/rule', {
      ...body,
      rule: {
        ...body!.rule,
        bands: [
          { name: '优秀', share: 30 },
          { name: '其他', share: 70 },
        ],
      },
    });
    expect(saved.body).toMatchObject({ version: 1 });
    const bands = await as('kaoheban', 'GET', '/api/v1/dossier/bands?year=2026');
    expect(bands.body!.rule.bands).toHaveLength(2);
    expect(bands.body!.persons).toMatchObject([
      { id: person.ganbu, score: 95, rank: 1, band: 1 },
      { id: person.lianluo, score: 75, rank: 2, band: 1 },
    ]);
    await as('kaoheban', 'PUT', '/api/v1/dossier/rule', { ...body, version: 1 });
  });
});

describe('the annual opinion (年度考核意见)', () => {
  let id: number;

  it('the assessment office drafts the year once; drafting again keeps what is there', async () => {
    expect((await as('ganbu', 'POST', '/api/v1/opinions/draft', { year: 2026 })).status).toBe(403);
    const first = await as('kaoheban', 'POST', '/api/v1/opinions/draft', { year: 2026 });
    expect(first.body!.drafted).toBeGreaterThan(1);
    const again = await as('kaoheban', 'POST', '/api/v1/opinions/draft', { year: 2026 });
    expect(again.body).toMatchObject({ drafted: 0, kept: first.body!.drafted });
    const list = await as('kaoheban', 'GET', '/api/v1/opinions?year=2026');
    const mine = list.body!.items.find((o: { subject: string; subjectId: number }) => o.subject === 'person' && o.subjectId === person.ganbu);
    expect(mine).toMatchObject({ status: 'draft', rank: 1, basis: '综合得分 95.00' });
    id = mine.id;
  });

  it('edits need a reason and are recorded', async () => {
    const none = await as('kaoheban', 'PATCH', `/api/v1/opinions/${id}`, { changes: { rewards: '建议嘉奖' }, reason: '', version: 1 });
    expect(none.body!.error).toMatchObject({ code: 'BAD_OPINION_CHANGE', message: '请写明修改理由' });
    const before = await lastSeq();
    const ok = await as('kaoheban', 'PATCH', `/api/v1/opinions/${id}`, { changes: { rewards: '建议嘉奖' }, reason: '经考核委员会研究', version: 1 });
    expect(ok.body).toMatchObject({
      version: 2,
      text: { rewards: '建议嘉奖' },
      changes: [{ kind: 'edit', field: 'rewards', after: '建议嘉奖', reason: '经考核委员会研究' }],
    });
    expect(await actionsSince(before)).toEqual(['opinion.edit']);
    const stale = await as('kaoheban', 'PATCH', `/api/v1/opinions/${id}`, { changes: { rewards: '无' }, reason: '再议', version: 1 });
    expect(stale.body!.error.code).toBe('STALE_VERSION');
  });

  it('issued opinions are frozen; corrections stand beside the issued text', async () => {
    const issued = await as('kaoheban', 'POST', `/api/v1/opinions/${id}/issue`, { version: 2 });
    expect(issued.body).toMatchObject({ status: 'issued', issuedAt: expect.any(String) });
    const edit = await as('kaoheban', 'PATCH', `/api/v1/opinions/${id}`, { changes: { rewards: '无' }, reason: '再议', version: 3 });
    expect(edit.status).toBe(409);
    expect(edit.body!.error).toMatchObject({ code: 'OPINION_ISSUED' });
    expect(edit.body!.error.message).toContain('已印发，已冻结，不能再修改');
    const corrected = await as('kaoheban', 'POST', `/api/v1/opinions/${id}/corrections`, { field: 'rewards', text: '建议通报表扬', reason: '嘉奖名额调整' });
    expect(corrected.body).toMatchObject({ text: { rewards: '建议嘉奖' }, standing: { rewards: '建议通报表扬' }, version: 3 });
    expect(corrected.body!.changes.at(-1)).toMatchObject({ kind: 'correction', before: '建议嘉奖', after: '建议通报表扬', reason: '嘉奖名额调整' });
    const res = await app.request(`/api/v1/opinions/${id}/opinion.docx`, { headers: { cookie: cookies.kaoheban! } });
    expect(res.headers.get('content-type')).toBe(DOCX_TYPE);
  });

  it('the Excel export holds the same rows and texts as the JSON', async () => {
    const before = await lastSeq();
    const res = await app.request('/api/v1/opinions/export.xlsx?year=2026', { headers: { cookie: cookies.kaoheban! } });
    expect(res.status).toBe(200);
    expect(await actionsSince(before)).toEqual(['opinion.export']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(EXPORT_HEADER_ROW).values as unknown[]).slice(1)).toEqual(EXPORT_HEADERS);
    const { items } = (await as('kaoheban', 'GET', '/api/v1/opinions?year=2026')).body!;
    expect(ws.rowCount).toBe(EXPORT_HEADER_ROW + items.length);
    items.forEach((o: Record<string, any>, i: number) => {
      const row = ws.getRow(EXPORT_HEADER_ROW + 1 + i);
      const cell = (h: string) => row.getCell(EXPORT_HEADERS.indexOf(h) + 1).value;
      expect([cell('名称'), cell('分档'), cell('综合评价'), cell('奖励建议'), cell('问责建议'), cell('选任建议'), cell('状态')]).toEqual([
        o.subjectName,
        o.standing.band,
        o.standing.summary,
        o.standing.rewards,
        o.standing.accountability,
        o.standing.appointment,
        o.status === 'issued' ? '已印发' : '草稿',
      ]);
    });
    expect((await as('ganbu', 'GET', '/api/v1/opinions?year=2026')).status).toBe(403);
  });
});

describe('the year banding counted in the database', () => {
  it("agrees with each person's record: tasks due in the year by state, sheets, stars and rank", async () => {
    // A leader's task counts once for the leader's person also when they are its responsible person.
    const [leader] = await deps.db.select({ id: leaders.id, personId: leaders.personId }).from(leaders).limit(1);
    const t01v01 = await unitId(deps.db, 'T01V01');
    const lead = (title: string, responsiblePersonId: number) =>
      handOver(app, cookies.duchashi!, buildTaskInput({ leadUnitId: t01v01, leadLeaderId: leader!.id, responsiblePersonId, title }));
    const closedLate = await lead('桥梁加固', person.ganbu!);
    await lead('河道清淤', leader!.personId);
    await lead('路灯改造', person.lianluo!);
    await deps.db.update(tasks).set({ status: 'closed', closedLate: true, closedOn: '2026-04-03' }).where(eq(tasks.id, closedLate));
    const bands = await as('kaoheban', 'GET', '/api/v1/dossier/bands?year=2026&pageSize=200');
    const persons = bands.body!.persons as { id: number; tasks: object; sheets: number; stars: number; rank: number | null }[];
    const owning = persons.filter((p) => Object.values(p.tasks).some((n) => n > 0));
    expect(owning.length).toBeGreaterThan(1);
    for (const p of persons) {
      const record = (await as('kaoheban', 'GET', `/api/v1/dossier/people/${p.id}?year=2026`)).body!;
      const { onTime, late, open, sheets } = record.counts;
      expect({ id: p.id, tasks: p.tasks, sheets: p.sheets, stars: p.stars, rank: p.rank }).toEqual({
        id: p.id,
        tasks: { onTime, late, open },
        sheets,
        stars: record.stars.length,
        rank: record.band.rank,
      });
    }
  });

  it('answers one page of each list in rank order, with the totals', async () => {
    const all = (await as('kaoheban', 'GET', '/api/v1/dossier/bands?year=2026&pageSize=200')).body!;
    expect(all.personTotal).toBe(all.persons.length);
    expect(all.unitTotal).toBe(all.units.length);
    expect(all.personTotal).toBeGreaterThan(2);
    const second = (await as('kaoheban', 'GET', '/api/v1/dossier/bands?year=2026&pageSize=2&personPage=2&unitPage=3')).body!;
    expect(second).toMatchObject({ personTotal: all.personTotal, unitTotal: all.unitTotal });
    expect(second.persons).toEqual(all.persons.slice(2, 4));
    expect(second.units).toEqual(all.units.slice(4, 6));
  });
});
