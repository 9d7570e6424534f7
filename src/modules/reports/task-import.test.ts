import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { TEST_NOW, testDeps, type TestDeps } from '../../../test/db.js';
import { auditLog } from '../audit/schema.js';
import { leaders, people } from '../org/schema.js';
import { type ImportRefs, planTaskImport, type TaskSheetRow } from './task-import.js';

// ---- The pure plan

const refs: ImportRefs = {
  leaders: [
    { id: 1, name: '王建华' },
    { id: 2, name: '李明' },
    { id: 3, name: '李明' },
  ],
  units: [
    { id: 10, code: 'T01', name: '城关街道' },
    { id: 11, code: 'T02', name: '东城街道' },
    { id: 12, code: 'V1', name: '新村' },
    { id: 13, code: 'V2', name: '新村' },
  ],
  categories: [{ id: 5, name: '城市建设' }],
};

const sheetRow = (overrides: Partial<TaskSheetRow> = {}): TaskSheetRow => ({
  row: 2,
  title: '背街小巷整治',
  description: '',
  source: '会议议定',
  category: '',
  level: '',
  leader: '',
  leadUnit: '城关街道',
  cooperators: '',
  responsibleName: '',
  responsiblePhone: '',
  startDate: '2026-03-01',
  deadline: '2026-03-31',
  standard: '',
  period: '2026-03',
  ...overrides,
});

const errorsOf = (overrides: Partial<TaskSheetRow>) => {
  const plan = planTaskImport([sheetRow(overrides)], refs);
  return plan.ok ? [] : plan.errors.flatMap((e) => e.messages);
};

describe('planning a task import', () => {
  it('resolves names, codes, labels and Excel dates into a draft task', () => {
    const plan = planTaskImport(
      [
        sheetRow({
          category: '城市建设',
          level: '重大',
          leader: '王建华',
          leadUnit: 'T01',
          cooperators: '东城街道、V1',
          startDate: new Date(Date.UTC(2026, 2, 1)),
          deadline: '2026/4/5',
          period: new Date(Date.UTC(2026, 2, 1)),
        }),
      ],
      refs,
    );
    expect(plan).toEqual({
      ok: true,
      tasks: [
        {
          title: '背街小巷整治',
          description: '',
          source: 'meeting',
          categoryId: 5,
          level: 'major',
          leadLeaderId: 1,
          leadUnitId: 10,
          cooperatorIds: [11, 12],
          responsibleName: '',
          responsiblePhone: '',
          startDate: '2026-03-01',
          deadline: '2026-04-05',
          standard: '',
          period: '2026-03',
        },
      ],
    });
  });

  it.each([
    ['an empty required column', { title: '', period: '' }, ['工作任务不能为空', '所属月份不能为空']],
    ['an unknown leader', { leader: '赵六' }, ['责任领导“赵六”不存在或已离任']],
    ['a leader name two leaders share', { leader: '李明' }, ['责任领导“李明”有重名，无法确定是哪一位']],
    ['an unknown lead unit', { leadUnit: '不存在街道' }, ['牵头单位“不存在街道”不存在或已停用']],
    ['a unit name two units share', { leadUnit: '新村' }, ['牵头单位“新村”有重名，请填写单位编码']],
    ['an unknown cooperating unit', { cooperators: '东城街道,西城街道' }, ['配合单位“西城街道”不存在或已停用']],
    ['the lead unit also cooperating', { cooperators: 'T01' }, ['配合单位不能与牵头单位相同']],
    ['a deadline before the start', { deadline: '2026-02-28' }, ['完成时限不能早于开始日期']],
    ['a date that does not exist', { startDate: '2026-02-30' }, ['开始日期“2026-02-30”不是有效日期，应为 YYYY-MM-DD']],
    ['a bad month', { period: '2026-13' }, ['所属月份“2026-13”格式不正确，应为 YYYY-MM']],
    ['an unknown source label', { source: '上级交办' }, [expect.stringContaining('来源“上级交办”不正确，应为：重大决策部署、会议议定')]],
    ['an unknown category', { category: '文化旅游' }, ['类别“文化旅游”不存在']],
    ['a bad level', { level: '紧急' }, ['等级“紧急”不正确，应为“一般”或“重大”']],
  ])('%s is a row error', (_name, overrides, messages) => {
    expect(errorsOf(overrides)).toEqual(messages);
  });

  it('reports every bad row with its own row number, and plans nothing', () => {
    const plan = planTaskImport([sheetRow({ row: 2 }), sheetRow({ row: 3, leader: '赵六' }), sheetRow({ row: 5, deadline: 'x' })], refs);
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.errors.map((e) => [e.sheet, e.row])).toEqual([
      ['台账', 3],
      ['台账', 5],
    ]);
  });
});

// ---- Through the API

let deps: TestDeps;
let app: TestApp;
let office: string;
let leaderName: string;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  office = await login(app, 'duchashi');
  const [leader] = await deps.db.select({ name: people.name }).from(leaders).innerJoin(people, eq(people.id, leaders.personId)).limit(1);
  leaderName = leader!.name;
});
afterAll(() => deps.close());

async function template(cookie: string) {
  const res = await app.request('/api/v1/tasks/import/template', { headers: { cookie } });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

async function upload(cookie: string, data: BlobPart, name = 'tasks.xlsx') {
  const form = new FormData();
  form.append('file', new File([data], name));
  const res = await app.request('/api/v1/tasks/import', { method: 'POST', headers: { cookie }, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function filled(rows: (string | Date)[][]) {
  const wb = await template(office);
  const sheet = wb.getWorksheet('台账')!;
  rows.forEach((values, i) => {
    sheet.getRow(i + 2).values = values;
  });
  return wb.xlsx.writeBuffer();
}

const taskCount = async () => (await call(app, office, 'GET', '/api/v1/tasks?pageSize=1')).body!.total as number;

const row = (title: string, extra: Partial<Record<'leader' | 'deadline', string | Date>> = {}) => [
  title,
  '完成 3 个小区改造',
  '会议议定',
  '城市建设',
  '一般',
  extra.leader ?? leaderName,
  'T01',
  '东城街道、西城街道',
  '张三',
  '13900000000',
  new Date(Date.UTC(2026, 2, 1)),
  extra.deadline ?? '2026-03-31',
  '通过验收',
  '2026-03',
];

describe('task import API', () => {
  it('imports the filled-in template as drafts, each with its created event, under one audit entry', async () => {
    const before = await taskCount();
    const res = await upload(office, await filled([row('导入事项甲'), row('导入事项乙')]));
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(2);
    expect(await taskCount()).toBe(before + 2);

    const ledger = await call(app, office, 'GET', '/api/v1/tasks?keyword=导入事项&pageSize=200');
    expect(ledger.body!.items.map((t: { title: string }) => t.title).sort()).toEqual(['导入事项乙', '导入事项甲'].sort());
    expect(ledger.body!.items[0]).toMatchObject({
      status: 'draft',
      leadUnitName: '城关街道',
      leadLeaderName: leaderName,
      categoryName: '城市建设',
      period: '2026-03',
    });
    expect(ledger.body!.items[0].cooperators.map((c: { unitName: string }) => c.unitName).sort()).toEqual(['东城街道', '西城街道'].sort());

    const history = await call(app, office, 'GET', `/api/v1/tasks/${res.body.ids[0]}/history`);
    expect(history.body!.items).toMatchObject([{ kind: 'created', toStatus: 'draft' }]);
    const audits = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'task.import'));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toEqual({ count: 2, ids: res.body.ids, history: 0 });
  });

  it('flags a row whose deadline has passed as imported history: it may be assigned with that deadline and is never chased', async () => {
    // Today is 2026-03-25 (the test clock): the row due 03-10 is history, the row due 03-31 an ordinary task.
    const res = await upload(office, await filled([row('历史事项', { deadline: '2026-03-10' }), row('当前事项')]));
    expect(res.status).toBe(200);
    const [historyId, currentId] = res.body.ids as number[];
    const history = await call(app, office, 'GET', `/api/v1/tasks/${historyId}`);
    expect(history.body).toMatchObject({ importedHistory: true, deadline: '2026-03-10' });
    expect((await call(app, office, 'GET', `/api/v1/tasks/${currentId}`)).body).toMatchObject({ importedHistory: false });

    expect((await call(app, office, 'POST', `/api/v1/tasks/${historyId}/assign`, {})).status).toBe(200);
    deps.clock.set('2026-06-02T09:00:00+08:00');
    office = await login(app, 'duchashi');
    await call(app, office, 'POST', '/api/v1/chasing/scan');
    const sheets = (await call(app, office, 'GET', `/api/v1/tasks/${historyId}`)).body!.sheets as { kind: string }[];
    expect(sheets.map((s) => s.kind)).toEqual(['assignment']);
    deps.clock.set(TEST_NOW);
    office = await login(app, 'duchashi');
  });

  it('refuses the whole file when one row is bad, naming the row, and saves nothing', async () => {
    const before = await taskCount();
    const imports = async () => (await deps.db.select().from(auditLog).where(eq(auditLog.action, 'task.import'))).length;
    const importsBefore = await imports();
    const res = await upload(office, await filled([row('好的一行'), row('坏的一行', { deadline: '2026-02-01' })]));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('IMPORT_INVALID');
    expect(res.body.error.details.rows).toEqual([{ sheet: '台账', row: 3, messages: ['完成时限不能早于开始日期'] }]);
    expect(await taskCount()).toBe(before);
    expect(await imports()).toBe(importsBefore);
  });

  it('refuses a PDF renamed to .xlsx', async () => {
    const res = await upload(office, new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'tasks.xlsx');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('IMPORT_BAD_FILE');
  });

  it('refuses an empty template', async () => {
    const res = await upload(office, await filled([]));
    expect(res.body.error.code).toBe('IMPORT_EMPTY');
  });

  it('is for the supervision office only', async () => {
    const liaison = await login(app, 'lianluo');
    expect((await app.request('/api/v1/tasks/import/template', { headers: { cookie: liaison } })).status).toBe(403);
    expect((await upload(liaison, await filled([row('联络员导入')]))).status).toBe(403);
    expect((await app.request('/api/v1/tasks/import', { method: 'POST', body: new FormData() })).status).toBe(401);
  });
});
