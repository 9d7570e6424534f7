// Closed late (逾期销号) is decided by when the request was filed, not by the finish date the unit declares; the
// ledger and its Excel export show the close date and the flag, and filter on it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, handOver, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { HEADER_ROW, LEDGER_HEADERS } from '../reports/ledger-xlsx.js';

let deps: TestDeps;
let app: TestApp;
const s: Record<string, string> = {};
const USERS = ['duchashi', 'xiaoneng', 'kaoheban', 'lianluo'] as const;
const REVIEWERS = ['duchashi', 'xiaoneng', 'kaoheban'] as const;
const ids: Record<'onTime' | 'filedLate' | 'refiledLate', number> = { onTime: 0, filedLate: 0, refiledLate: 0 };

// Sessions idle out after 30 minutes, so moving the clock means logging in again.
async function at(instant: string) {
  deps.clock.set(instant);
  for (const u of USERS) s[u] = await login(app, u);
}
const as = (who: string, method: string, path: string, body?: unknown) => call(app, s[who]!, method, path, body);
const file = async (taskId: number, finishedOn: string) => {
  const res = await as('lianluo', 'POST', `/api/v1/tasks/${taskId}/closing-requests`, { summary: '已全部完成并通过验收', finishedOn });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body!;
};
const approveAll = async (requestId: number) => {
  for (const r of REVIEWERS)
    expect((await as(r, 'POST', `/api/v1/closing-requests/${requestId}/reviews`, { decision: 'approve', comment: '' })).status).toBe(201);
};

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  const t01 = await unitId(deps.db, 'T01');
  // Handed over on 10 March, all due on or after the 20th, and under way.
  await at('2026-03-10T09:00:00+08:00');
  const start = async (title: string, deadline: string) => {
    const id = await handOver(app, s.duchashi!, buildTaskInput({ title, leadUnitId: t01, deadline }));
    await as('lianluo', 'POST', `/api/v1/tasks/${id}/sign`, {});
    await as('lianluo', 'POST', `/api/v1/tasks/${id}/start`, {});
    return id;
  };
  ids.onTime = await start('按时申请销号的事项', '2026-03-31');
  ids.filedLate = await start('逾期申请销号的事项', '2026-03-20');
  ids.refiledLate = await start('退回后逾期重报的事项', '2026-03-31');
});
afterAll(() => deps.close());

describe('closed late by the recorded filing time', () => {
  it('a request filed on the deadline day and approved after it closes on time', async () => {
    await at('2026-03-31T17:30:00+08:00');
    const filed = await file(ids.onTime, '2026-03-30');
    expect(filed.late).toBe(false);
    await at('2026-04-02T10:00:00+08:00');
    await approveAll(filed.id);
    expect((await as('duchashi', 'GET', `/api/v1/tasks/${ids.onTime}`)).body).toMatchObject({ status: 'closed', closedOn: '2026-04-02', closedLate: false });
  });

  it('a request filed seven days late declaring an earlier finish closes late', async () => {
    await at('2026-03-27T10:00:00+08:00');
    const filed = await file(ids.filedLate, '2026-03-18');
    expect(filed).toMatchObject({ late: true, finishedOn: '2026-03-18' });
    await approveAll(filed.id);
    expect((await as('duchashi', 'GET', `/api/v1/tasks/${ids.filedLate}`)).body).toMatchObject({ status: 'closed', closedOn: '2026-03-27', closedLate: true });
  });

  it('a request returned and filed again after the deadline closes late', async () => {
    await at('2026-03-30T10:00:00+08:00');
    const first = await file(ids.refiledLate, '2026-03-29');
    expect(first.late).toBe(false);
    expect((await as('xiaoneng', 'POST', `/api/v1/closing-requests/${first.id}/reviews`, { decision: 'reject', comment: '佐证不足' })).status).toBe(201);
    await at('2026-04-01T10:00:00+08:00');
    const second = await file(ids.refiledLate, '2026-03-29');
    expect(second.late).toBe(true);
    await approveAll(second.id);
    expect((await as('duchashi', 'GET', `/api/v1/tasks/${ids.refiledLate}`)).body).toMatchObject({ closedOn: '2026-04-01', closedLate: true });
  });

  it('the ledger shows each close date and flag, and its closedLate filter returns exactly the late closings', async () => {
    const all = await as('duchashi', 'GET', '/api/v1/tasks?pageSize=200&status=closed');
    const byId = new Map(all.body!.items.map((t: { id: number }) => [t.id, t]));
    expect(byId.get(ids.onTime)).toMatchObject({ closedOn: '2026-04-02', closedLate: false });
    expect(byId.get(ids.filedLate)).toMatchObject({ closedOn: '2026-03-27', closedLate: true });
    const late = await as('duchashi', 'GET', '/api/v1/tasks?pageSize=200&closedLate=true');
    expect(late.body!.total).toBe(2);
    expect(late.body!.items.map((t: { id: number }) => t.id).sort()).toEqual([ids.filedLate, ids.refiledLate].sort());
  });

  it('the Excel export states the close date and 逾期销号, under the same filter', async () => {
    const res = await app.request('/api/v1/tasks/export?closedLate=true', { headers: { cookie: s.duchashi! } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('台账')!;
    const column = (h: string) => LEDGER_HEADERS.indexOf(h as (typeof LEDGER_HEADERS)[number]) + 1;
    const rows: Record<string, string> = {};
    sheet.eachRow((row, n) => {
      if (n > HEADER_ROW) rows[row.getCell(column('工作任务')).text] = row.getCell(column('状态')).text;
    });
    expect(rows).toEqual({ 逾期申请销号的事项: '已销号\n绿灯\n2026年3月27日销号\n逾期销号', 退回后逾期重报的事项: '已销号\n绿灯\n2026年4月1日销号\n逾期销号' });
  });
});
