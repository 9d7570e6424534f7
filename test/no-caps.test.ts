import { like, min, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLOUR_LABELS, statusColour, type StatusColour, type TaskStatus } from '../src/modules/tasks/rules.js';
import { HEADER_ROW } from '../src/modules/reports/ledger-xlsx.js';
import { tasks } from '../src/modules/tasks/schema.js';
import { call, demoApp, login, type TestApp } from './api.js';
import { testDeps, type TestDeps } from './db.js';
import { unitId } from './factories.js';

// More tasks than any of the old silent caps (ledger 5,000, board 2,000 sheets, today's list 1,000 tasks).
const TASKS = 6000;
const TODAY = '2026-03-25';
const STATUSES: TaskStatus[] = ['draft', 'assigned', 'signed', 'in_progress', 'closing_requested', 'returned', 'closed', 'suspended'];

let deps: TestDeps;
let app: TestApp;
let office: string;
let liaison: string; // T01: every bulk task is led by T01
let firstId: number;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  [office, liaison] = await Promise.all([login(app, 'duchashi'), login(app, 'lianluo')]);
  const t01 = await unitId(deps.db, 'T01');
  // Statuses in turn, deadlines spread from 20 days ago to 40 days ahead, a late milestone on every seventh task.
  await deps.db.execute(sql`
    insert into tasks (title, source, level, lead_unit_id, start_date, deadline, period, status, percent, created_at, updated_at)
    select '批量事项' || g, 'meeting', 'general', ${t01}, date '2026-03-01', date '2026-03-05' + (g % 61), '2026-03',
           (${sql.raw(`array[${STATUSES.map((s) => `'${s}'`).join(',')}]`)})[1 + g % ${STATUSES.length}], g % 101, now(), now()
    from generate_series(1, ${TASKS}) g`);
  const [first] = await deps.db
    .select({ id: min(tasks.id) })
    .from(tasks)
    .where(like(tasks.title, '批量事项%'));
  firstId = first!.id!;
  await deps.db.execute(sql`
    insert into task_milestones (task_id, name, due_date)
    select id, '节点', date '2026-03-20' from tasks where title like '批量事项%' and id % 7 = 0`);
  // One open urge sheet for every task being chased, numbered past any the demo data issued.
  await deps.db.execute(sql`
    insert into task_sheets (task_id, kind, year, seq, number, unit_id, content, issued_at, due_kind, due_day)
    select id, 'urge', 2026, 100000 + id, '督催〔2026〕' || (100000 + id) || '号', lead_unit_id, '{}'::jsonb, now(), 'manual', date '2026-03-24'
    from tasks where title like '批量事项%' and status in ('assigned', 'signed', 'in_progress', 'closing_requested', 'returned')`);
}, 120_000);
afterAll(() => deps.close());

const bulkStatus = (g: number) => STATUSES[g % STATUSES.length]!;
const bulkDeadline = (g: number) => new Date(Date.UTC(2026, 2, 5 + (g % 61))).toISOString().slice(0, 10);

// The colours counted from the rule in TypeScript over the same data the SQL above generated.
function expectedCounts() {
  const counts: Record<StatusColour, number> = { green: 0, blue: 0, yellow: 0, red: 0, grey: 0 };
  for (let g = 1; g <= TASKS; g++) {
    const id = firstId + g - 1;
    const milestones = id % 7 === 0 ? [{ dueDate: '2026-03-20', doneDate: null }] : [];
    counts[statusColour({ status: bulkStatus(g), deadline: bulkDeadline(g), closedOn: null, milestones }, TODAY)] += 1;
  }
  return counts;
}

describe('no silent caps past 5,000 tasks', () => {
  it('the ledger counts every task and its colours exactly', async () => {
    const first = await call(app, office, 'GET', '/api/v1/tasks?keyword=批量事项&pageSize=20');
    expect(first.status).toBe(200);
    expect(first.body!.total).toBe(TASKS);
    const counts = first.body!.counts as Record<StatusColour, number>;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(TASKS);
    expect(counts).toEqual(expectedCounts());
    expect(first.body!.items).toHaveLength(20);
  });

  it('pages far past the old cap, in the same order', async () => {
    const page300 = await call(app, office, 'GET', '/api/v1/tasks?keyword=批量事项&page=300&pageSize=20');
    expect(page300.body!.total).toBe(TASKS);
    expect(page300.body!.items).toHaveLength(20);
    const page251 = await call(app, office, 'GET', '/api/v1/tasks?keyword=批量事项&page=251&pageSize=20');
    expect(page251.body!.items).toHaveLength(20);
    const deadlines = [...page251.body!.items, ...page300.body!.items].map((i: { deadline: string }) => i.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
  });

  it('filters by colour with exact totals, the chips unchanged', async () => {
    const red = await call(app, office, 'GET', '/api/v1/tasks?keyword=批量事项&colour=red&pageSize=200&page=2');
    const expected = expectedCounts();
    expect(red.body!.total).toBe(expected.red);
    expect(red.body!.counts).toEqual(expected);
    expect(red.body!.items.every((i: { colour: string }) => i.colour === 'red')).toBe(true);
  });

  it('exports every matching row', async () => {
    const res = await app.request('/api/v1/tasks/export?keyword=批量事项', { headers: { cookie: office } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('台账')!;
    let rows = 0;
    let reds = 0;
    sheet.eachRow((row, n) => {
      if (n <= HEADER_ROW) return;
      rows += 1;
      if (row.getCell(9).text.endsWith(COLOUR_LABELS.red)) reds += 1;
    });
    expect(rows).toBe(TASKS);
    expect(reds).toBe(expectedCounts().red);
    expect(sheet.getCell(`A${HEADER_ROW + TASKS}`).value).toBe(TASKS);
  });

  it('the board and the list for today report exact totals above their old caps', async () => {
    const chased = Math.floor(TASKS / STATUSES.length) * 5; // five of the eight statuses are chased
    const board = await call(app, office, 'GET', '/api/v1/chasing/board?kind=urge&pageSize=50&page=60');
    expect(board.status).toBe(200);
    expect(board.body!.total).toBeGreaterThanOrEqual(chased);
    expect(board.body!.counts.urge).toBe(board.body!.total);
    expect(board.body!.items).toHaveLength(50);

    const today = await call(app, liaison, 'GET', '/api/v1/chasing/today?pageSize=20&toSignPage=150');
    expect(today.status).toBe(200);
    expect(today.body!.toSignTotal).toBeGreaterThanOrEqual(chased);
    expect(today.body!.toSign).toHaveLength(20);
    expect(today.body!.dueTotal).toBeGreaterThan(1000);
  });
});
