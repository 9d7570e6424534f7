import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { HEADER_ROW, LEDGER_HEADERS } from './ledger-xlsx.js';

let deps: TestDeps;
let app: TestApp;
let office: string;
let liaison: string; // T01 城关街道
let otherLiaison: string; // T02 东城街道
const t01Titles = ['城关街道背街小巷整治', '城关街道农贸市场改造'];
const t02Title = '东城街道污水管网建设';

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  [office, liaison, otherLiaison] = await Promise.all([login(app, 'duchashi'), login(app, 'lianluo'), login(app, 'lianluo2')]);
  const [t01, t02] = [await unitId(deps.db, 'T01'), await unitId(deps.db, 'T02')];
  const create = async (title: string, leadUnitId: number, deadline = '2026-04-30') =>
    (await call(app, office, 'POST', '/api/v1/tasks', buildTaskInput({ title, leadUnitId, deadline }))).body!.id as number;

  // One task signed and reported on (blue), one assigned and due in two days (yellow), one draft (grey) in T02.
  const reported = await create(t01Titles[0]!, t01);
  await call(app, office, 'POST', `/api/v1/tasks/${reported}/assign`, {});
  await call(app, liaison, 'POST', `/api/v1/tasks/${reported}/sign`, {});
  await call(app, liaison, 'POST', `/api/v1/tasks/${reported}/reports`, { text: '已完成12条小巷路面改造', percent: 40 });
  const dueSoon = await create(t01Titles[1]!, t01, '2026-03-27');
  await call(app, office, 'POST', `/api/v1/tasks/${dueSoon}/assign`, {});
  await create(t02Title, t02);
});
afterAll(() => deps.close());

async function exportLedger(cookie: string | null, query = '') {
  const res = await app.request(`/api/v1/tasks/export${query}`, { headers: cookie ? { cookie } : {} });
  if (res.status !== 200) return { status: res.status, sheet: null, res };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return { status: res.status, sheet: wb.getWorksheet('台账')!, res };
}

function dataRows(sheet: ExcelJS.Worksheet) {
  const rows: Record<string, string>[] = [];
  sheet.eachRow((row, n) => {
    if (n > HEADER_ROW) rows.push(Object.fromEntries(LEDGER_HEADERS.map((h, i) => [h, row.getCell(i + 1).text])));
  });
  return rows;
}

describe('ledger export to Excel', () => {
  it('lays out a titled 台账 with one row per task in scope, the status with its colour', async () => {
    const { status, sheet, res } = await exportLedger(office, '?period=2026-03');
    expect(status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('示范县重点工作任务台账（2026年3月）.xlsx');
    expect(sheet!.getCell('A1').text).toBe('示范县重点工作任务台账（2026年3月）');
    expect(sheet!.getCell('A2').text).toBe('导出时间：2026年3月25日 09:00');
    expect((sheet!.getRow(HEADER_ROW).values as string[]).slice(1)).toEqual(LEDGER_HEADERS);

    const ledger = await call(app, office, 'GET', '/api/v1/tasks?period=2026-03&pageSize=200');
    const rows = dataRows(sheet!);
    expect(rows.map((r) => r['工作任务'])).toEqual(ledger.body!.items.map((t: { title: string }) => t.title));
    const byTitle = new Map(rows.map((r) => [r['工作任务'], r]));
    expect(byTitle.get(t01Titles[0])).toMatchObject({ 牵头单位: '城关街道', 状态: '推进中\n蓝灯', 完成时限: '2026年4月30日' });
    expect(byTitle.get(t01Titles[0])!['进展情况']).toBe('已完成 40%\n2026年3月25日：已完成12条小巷路面改造');
    expect(byTitle.get(t01Titles[1])!['状态']).toBe('已交办\n黄灯');
    expect(byTitle.get(t02Title)!['状态']).toBe('草拟');

    const statusColumn = LEDGER_HEADERS.indexOf('状态') + 1;
    const yellowRow = rows.findIndex((r) => r['工作任务'] === t01Titles[1]) + HEADER_ROW + 1;
    expect(sheet!.getRow(yellowRow).getCell(statusColumn).fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFFFF00' } });
    expect(sheet!.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '3:3' });
  });

  it("holds only the actor's own data scope", async () => {
    const { sheet } = await exportLedger(otherLiaison);
    const titles = dataRows(sheet!).map((r) => r['工作任务']);
    expect(titles).toContain(t02Title);
    for (const t of t01Titles) expect(titles).not.toContain(t);
    expect(sheet!.getCell('A1').text).toBe('示范县重点工作任务台账（全部）');
  });

  it('applies the ledger filters', async () => {
    const { sheet } = await exportLedger(office, '?colour=yellow');
    expect(dataRows(sheet!).map((r) => r['工作任务'])).toEqual([t01Titles[1]]);
  });

  it('is audited with its filters and row count', async () => {
    await exportLedger(liaison, '?period=2026-03&keyword=城关');
    const entries = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'task.export'));
    expect(entries.at(-1)).toMatchObject({
      targetType: 'ledger',
      actorName: expect.stringContaining('lianluo'),
      after: { filters: { period: '2026-03', keyword: '城关' }, count: 2 },
    });
  });

  it('is refused without the export right (cadre) and without a session', async () => {
    expect((await exportLedger(await login(app, 'ganbu'))).status).toBe(403);
    expect((await exportLedger(null)).status).toBe(401);
  });
});
