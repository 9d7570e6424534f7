import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { auditLog } from '../audit/schema.js';
import { verifyChain } from '../audit/service.js';
import { type ExistingUnit, type ImportSheets, MAX_UNIT_ROWS, planImport, type PersonSheetRow, type UnitSheetRow } from './import.js';
import { people, units } from './schema.js';

// Pure-test rows: Excel row numbers start at 2, below the header.
const unit = (code: string, kind: string, parentCode = '', name = `${code}单位`): Omit<UnitSheetRow, 'row'> => ({
  code,
  name,
  kind,
  parentCode,
  sortOrder: '',
});
const person = (name: string, unitCode: string, role = '', phone = ''): Omit<PersonSheetRow, 'row'> => ({ name, unitCode, title: '', phone, role });
const sheets = (u: Omit<UnitSheetRow, 'row'>[], p: Omit<PersonSheetRow, 'row'>[] = []): ImportSheets => ({
  units: u.map((r, i) => ({ ...r, row: i + 2 })),
  people: p.map((r, i) => ({ ...r, row: i + 2 })),
});
const db = new Map<string, ExistingUnit>([
  ['T01', { id: 1, kind: 'town', path: '/1/', active: true }],
  ['D01', { id: 2, kind: 'city_dept', path: '/2/', active: true }],
  ['OLD', { id: 3, kind: 'town', path: '/3/', active: false }],
]);
const errorsOf = (s: ImportSheets) => {
  const plan = planImport(s, db);
  return plan.ok ? [] : plan.errors;
};

describe('import validation', () => {
  it('orders parents before children wherever they appear in the sheet', () => {
    const plan = planImport(sheets([unit('V1', '村居', 'T9'), unit('T9', '乡镇街道'), unit('S1', '市直单位', 'D01')]), db);
    expect(plan).toMatchObject({
      ok: true,
      units: [
        { code: 'T9', kind: 'town', parentCode: null },
        { code: 'V1', kind: 'village', parentCode: 'T9' },
        { code: 'S1', parentCode: 'D01' },
      ],
    });
  });

  it.each([
    ['an empty code', [unit('', '市直单位')], '单位编码不能为空'],
    ['a malformed code', [unit('A B', '市直单位')], '单位编码“A B”格式不正确：须为 1–32 位字母、数字、下划线或横线'],
    ['a code already in the database', [unit('D01', '市直单位')], '单位编码 D01 在系统中已存在'],
    ['an unknown type', [unit('X1', '局')], '单位类型“局”不正确，应为：市直单位、乡镇街道、村居、垂直单位、领导小组办公室'],
    ['a missing parent', [unit('X1', '市直单位', 'NOPE')], '上级单位编码 NOPE 在本文件和系统中都不存在'],
    ['an inactive parent in the database', [unit('X1', '市直单位', 'OLD')], '上级单位已停用'],
    ['a village under a department in the database', [unit('V1', '村居', 'D01')], '村居必须隶属于乡镇街道'],
    ['a village without a parent', [unit('V1', '村居')], '村居必须隶属于乡镇街道'],
    ['a unit under its own code', [unit('X1', '市直单位', 'X1')], '上级单位编码形成循环：X1 → X1'],
    ['a bad sort order', [{ ...unit('X1', '市直单位'), sortOrder: '-1' }], '排序须为 0–100000 的整数'],
  ])('rejects %s', (_name, rows, message) => {
    expect(errorsOf(sheets(rows))).toEqual([{ sheet: '单位', row: 2, messages: [message] }]);
  });

  it('rejects a village under a town-less parent in the same file', () => {
    expect(errorsOf(sheets([unit('D9', '市直单位'), unit('V9', '村居', 'D9')]))).toEqual([{ sheet: '单位', row: 3, messages: ['村居必须隶属于乡镇街道'] }]);
  });

  it('reports a duplicate code on the later row, naming the first', () => {
    expect(errorsOf(sheets([unit('X1', '市直单位'), unit('X1', '市直单位')]))).toEqual([{ sheet: '单位', row: 3, messages: ['单位编码 X1 与第 2 行重复'] }]);
  });

  it('reports every row of a parent cycle', () => {
    const errors = errorsOf(sheets([unit('A', '市直单位', 'B'), unit('B', '市直单位', 'C'), unit('C', '市直单位', 'A'), unit('E', '市直单位', 'A')]));
    expect(errors.map((e) => e.row)).toEqual([2, 3, 4]);
    expect(errors[0]!.messages[0]).toMatch(/^上级单位编码形成循环：/);
  });

  it.each([
    ['a missing name', person('', 'D01'), '姓名不能为空'],
    ['an unknown unit', person('甲', 'NOPE'), '所属单位编码 NOPE 在本文件和系统中都不存在'],
    ['an inactive unit', person('甲', 'OLD'), '所属单位 OLD 已停用'],
    ['a bad phone', person('甲', 'D01', '', '123'), '手机号码“123”格式不正确'],
    ['an unknown role', person('甲', 'X1', '局长'), '身份“局长”不正确，应为“主要负责人”“联络员”或留空'],
    ['a role named like an object property', person('甲', 'X1', 'toString'), '身份“toString”不正确，应为“主要负责人”“联络员”或留空'],
    ['a head for a unit already in the database', person('甲', 'D01', '主要负责人'), '单位 D01 已在系统中，其主要负责人请在“组织机构”中设置'],
  ])('rejects a person with %s', (_name, row, message) => {
    expect(errorsOf(sheets([unit('X1', '市直单位')], [row]))).toEqual([{ sheet: '人员', row: 2, messages: [message] }]);
  });

  it('allows one head and one liaison per unit', () => {
    const s = sheets(
      [unit('X1', '市直单位')],
      [person('甲', 'X1', '主要负责人'), person('乙', 'X1', '联络员', '0371-12345678'), person('丙', 'X1', '主要负责人'), person('丁', 'D01')],
    );
    expect(errorsOf(s)).toEqual([{ sheet: '人员', row: 4, messages: ['单位 X1 的主要负责人已在第 2 行指定'] }]);
  });

  it('caps the number of unit rows', () => {
    const many = Array.from({ length: MAX_UNIT_ROWS + 1 }, (_, i) => unit(`U${i}`, '市直单位'));
    expect(errorsOf(sheets(many))).toEqual([{ sheet: '单位', row: MAX_UNIT_ROWS + 2, messages: [`“单位”工作表最多 ${MAX_UNIT_ROWS} 行，请分批导入`] }]);
  });
});

const UNIT_HEADER = ['单位编码', '单位名称', '单位类型', '上级单位编码', '排序'];
const PERSON_HEADER = ['姓名', '所属单位编码', '职务', '手机号码', '身份'];

async function workbook(unitRows: (string | number)[][], personRows: (string | number)[][] = []) {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('单位').addRows([UNIT_HEADER, ...unitRows]);
  wb.addWorksheet('人员').addRows([PERSON_HEADER, ...personRows]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('organisation import API', () => {
  let deps: TestDeps;
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    deps = await testDeps();
    app = await demoApp(deps);
    admin = await login(app, 'admin');
  });
  afterAll(() => deps.close());

  async function upload(cookie: string | null, data: Uint8Array, filename = '组织机构.xlsx') {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)]), filename);
    const res = await app.request('/api/v1/org/import', { method: 'POST', body: form, headers: cookie ? { cookie } : {} });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }

  const unitByCode = async (code: string) => (await deps.db.select().from(units).where(eq(units.code, code)))[0]!;
  const counts = async () => ({
    units: (await deps.db.select({ n: count() }).from(units))[0]!.n,
    people: (await deps.db.select({ n: count() }).from(people))[0]!.n,
    audit: (await deps.db.select({ n: count() }).from(auditLog))[0]!.n,
  });

  it('the template downloads, and filled in it imports units and people with parents, paths, head and liaison', async () => {
    const res = await app.request('/api/v1/org/import/template', { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('组织机构导入模板.xlsx')}`);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((s) => s.name)).toEqual(['单位', '人员', '说明']);
    const unitSheet = wb.getWorksheet('单位')!;
    const personSheet = wb.getWorksheet('人员')!;
    expect((unitSheet.getRow(1).values as string[]).slice(1)).toEqual(UNIT_HEADER);
    expect((personSheet.getRow(1).values as string[]).slice(1)).toEqual(PERSON_HEADER);
    expect(unitSheet.getRow(1).font?.bold).toBe(true);
    expect(unitSheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(wb.getWorksheet('说明')!.getColumn(2).values.join('')).toContain('领导小组办公室');

    // Overwrite the example rows and add more, the way a user fills the sheet.
    const fill = (sheet: ExcelJS.Worksheet, rows: (string | number)[][]) => rows.forEach((r, i) => (sheet.getRow(i + 2).values = r));
    fill(unitSheet, [
      ['T90V01', '新建村', '村居', 'T90', 1],
      ['T90', '新建镇', '乡镇街道', '', 900],
      ['D028S09', '县第九中学', '县直单位', 'D028', ''],
    ]);
    fill(personSheet, [
      ['王一', 'T90', '党委书记', '13900000001', '主要负责人'],
      ['王二', 'T90', '党政办主任', 13900000002, '联络员'],
      ['王三', 'T90V01', '村文书', '', ''],
      ['王四', 'D028S09', '校长', '', '主要负责人'],
    ]);
    const before = await counts();
    const out = await upload(admin, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(out).toEqual({ status: 200, body: { units: 3, people: 4 } });

    const [town, village, school, dept] = await Promise.all(['T90', 'T90V01', 'D028S09', 'D028'].map(unitByCode));
    expect(town).toMatchObject({ parentId: null, path: `/${town!.id}/`, kind: 'town', name: '新建镇', sortOrder: 900 });
    expect(village).toMatchObject({ parentId: town!.id, path: `/${town!.id}/${village!.id}/`, kind: 'village' });
    expect(school).toMatchObject({ parentId: dept!.id, path: `${dept!.path}${school!.id}/`, kind: 'city_dept' });
    const imported = await deps.db.select().from(people).where(eq(people.unitId, town!.id));
    expect(imported.map((p) => [p.name, p.phone])).toEqual([
      ['王一', '13900000001'],
      ['王二', '13900000002'],
    ]);
    expect(town!.headPersonId).toBe(imported.find((p) => p.name === '王一')!.id);
    expect(town!.liaisonPersonId).toBe(imported.find((p) => p.name === '王二')!.id);
    expect(village!.headPersonId).toBeNull();

    // Through the API too: the new units show up with their head's name.
    const list = await call(app, admin, 'GET', '/api/v1/units');
    expect(list.body!.items.find((u: any) => u.code === 'D028S09')).toMatchObject({ parentId: dept!.id, headName: '王四' });

    expect(await counts()).toEqual({ units: before.units + 3, people: before.people + 4, audit: before.audit + 1 });
    const [entry] = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'org.import'));
    expect(entry).toMatchObject({
      targetType: 'org',
      targetId: 'import',
      actorName: '系统管理员（admin）',
      after: { units: ['T90', 'T90V01', 'D028S09'], people: 4 },
    });
    expect((await verifyChain(deps)).problems).toEqual([]);
  });

  it('a parent listed after its child in the same file works', async () => {
    const out = await upload(
      admin,
      await workbook([
        ['T92V01', '后置村', '村居', 'T92'],
        ['T92', '后置镇', '乡镇街道'],
      ]),
    );
    expect(out.status).toBe(200);
    const [town, village] = await Promise.all([unitByCode('T92'), unitByCode('T92V01')]);
    expect(village).toMatchObject({ parentId: town.id, path: `/${town.id}/${village.id}/` });
  });

  it('one bad row among good ones: 400 with its row number and message, and nothing written', async () => {
    const before = await counts();
    const out = await upload(
      admin,
      await workbook(
        [
          ['T93', '好镇', '乡镇街道'],
          ['T93V01', '好村', '村居', 'T93'],
        ],
        [
          ['赵一', 'T93', '镇长', '13900000011', '主要负责人'],
          ['赵二', 'T93V01', '村文书', '123'],
          ['赵三', 'D001', '科员'],
        ],
      ),
    );
    expect(out).toEqual({
      status: 400,
      body: {
        error: {
          code: 'IMPORT_INVALID',
          message: '导入文件有 1 行错误，未导入任何数据',
          details: { rows: [{ sheet: '人员', row: 3, messages: ['手机号码“123”格式不正确'] }] },
        },
      },
    });
    expect(await counts()).toEqual(before);
    expect(await deps.db.select().from(units).where(eq(units.code, 'T93'))).toEqual([]);
  });

  it('rejects a village under a department', async () => {
    const out = await upload(admin, await workbook([['T94V01', '错村', '村居', 'D028']]));
    expect(out.status).toBe(400);
    expect(out.body.error.details.rows).toEqual([{ sheet: '单位', row: 2, messages: ['村居必须隶属于乡镇街道'] }]);
  });

  it('rejects a parent cycle within the file', async () => {
    const out = await upload(
      admin,
      await workbook([
        ['C1', '甲', '县直单位', 'C2'],
        ['C2', '乙', '县直单位', 'C1'],
      ]),
    );
    expect(out.status).toBe(400);
    expect(out.body.error.details.rows).toEqual([
      { sheet: '单位', row: 2, messages: ['上级单位编码形成循环：C1 → C2 → C1'] },
      { sheet: '单位', row: 3, messages: ['上级单位编码形成循环：C1 → C2 → C1'] },
    ]);
  });

  it.each([
    ['a text file renamed .xlsx', Buffer.from('单位编码,单位名称\nX1,甲')],
    ['a broken ZIP', Buffer.from('PK\x03\x04 not really a zip')],
  ])('judges the file by content: %s is IMPORT_BAD_FILE', async (_name, data) => {
    expect(await upload(admin, data, '组织机构导入模板.xlsx')).toEqual({
      status: 400,
      body: { error: { code: 'IMPORT_BAD_FILE', message: '文件不是有效的 Excel（.xlsx）文件' } },
    });
  });

  it('asks for the template when columns are missing, for data when the sheets are empty, and for a file when none is sent', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('单位').addRow(['单位编码', '单位名称']);
    const out = await upload(admin, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(out.body.error).toEqual({ code: 'IMPORT_BAD_FILE', message: '“单位”工作表缺少“单位类型”列，请使用导入模板' });
    expect((await upload(admin, await workbook([]))).body.error).toEqual({ code: 'IMPORT_EMPTY', message: '文件中没有可导入的数据' });
    const empty = await app.request('/api/v1/org/import', { method: 'POST', body: new FormData(), headers: { cookie: admin } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as any).error.code).toBe('VALIDATION_ERROR');
  });

  it('is for the system administrator only: 403 for the supervision office, 401 without login', async () => {
    const office = await login(app, 'duchashi');
    const data = await workbook([['T95', '越权镇', '乡镇街道']]);
    expect((await upload(office, data)).status).toBe(403);
    expect((await call(app, office, 'GET', '/api/v1/org/import/template')).status).toBe(403);
    expect((await upload(null, data)).status).toBe(401);
    expect((await call(app, null, 'GET', '/api/v1/org/import/template')).status).toBe(401);
    expect(await deps.db.select().from(units).where(eq(units.code, 'T95'))).toEqual([]);
  });

  it('appears in the OpenAPI document with a binary file field', async () => {
    const doc = (await call(app, null, 'GET', '/api/openapi.json')).body!;
    expect(doc.paths['/api/v1/org/import/template'].get).toBeDefined();
    expect(doc.paths['/api/v1/org/import'].post.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({
      type: 'string',
      format: 'binary',
    });
  });
});
