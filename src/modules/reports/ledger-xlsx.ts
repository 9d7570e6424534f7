import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from '../../permissions.js';
import { COLOUR_LABELS, STATUS_LABELS, type StatusColour } from '../tasks/rules.js';
import { ledgerBatches, type LedgerFilters, type LedgerRow } from '../tasks/ledger.js';
import { attachment, chineseDay, chineseMonth, chineseTime, printedSheet } from '../../format.js';
import { latestReports, type LatestReport } from './store.js';

const COLUMNS = [
  { header: '序号', width: 6, align: 'center' },
  { header: '工作任务', width: 32, align: 'left' },
  { header: '责任领导', width: 11, align: 'center' },
  { header: '牵头单位', width: 14, align: 'center' },
  { header: '配合单位', width: 16, align: 'left' },
  { header: '责任人', width: 13, align: 'center' },
  { header: '完成时限', width: 15, align: 'center' },
  { header: '进展情况', width: 44, align: 'left' },
  { header: '状态', width: 10, align: 'center' },
] as const;
export const LEDGER_HEADERS = COLUMNS.map((c) => c.header);
export const HEADER_ROW = 3;

// Solid fills a printed copy still shows; grey (not chased) gets none.
const FILLS: Record<Exclude<StatusColour, 'grey'>, { fill: string; font: string }> = {
  red: { fill: 'FFFF0000', font: 'FFFFFFFF' },
  yellow: { fill: 'FFFFFF00', font: 'FF000000' },
  blue: { fill: 'FF00B0F0', font: 'FFFFFFFF' },
  green: { fill: 'FF00B050', font: 'FFFFFFFF' },
};

const THIN = { style: 'thin', color: { argb: 'FF000000' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

const ledgerTitle = (county: string, period: string | undefined) => `${county}重点工作任务台账（${period ? chineseMonth(period) : '全部'}）`;

// A closed task also states its close date, and 逾期销号 when its request was filed after the deadline.
function statusText(row: Pick<LedgerRow, 'status' | 'colour' | 'closedOn' | 'closedLate'>) {
  const lines = [STATUS_LABELS[row.status]];
  if (row.colour !== 'grey') lines.push(COLOUR_LABELS[row.colour]);
  if (row.closedOn) lines.push(`${chineseDay(row.closedOn)}销号`);
  if (row.closedLate) lines.push('逾期销号');
  return lines.join('\n');
}

function progressText(row: LedgerRow, report: LatestReport | undefined) {
  const percent = `已完成 ${row.percent}%`;
  return report ? `${percent}\n${chineseDay(dayOf(report.reportedAt))}：${report.text}` : percent;
}

// Excel stores no automatic height for wrapped text, so estimate lines: a CJK character is two columns wide.
// 409 points is the tallest row Excel allows.
const displayWidth = (line: string) => [...line].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);

function rowHeight(values: string[]) {
  const lines = values.map((text, i) => text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / (COLUMNS[i]!.width - 1))), 0));
  return Math.min(409, Math.max(...lines) * 15 + 6);
}

/**
 * Writes the ledger as a 台账 workbook to `out` while the batches arrive: title, export time, one bordered row per task,
 * ready to print on landscape A4. Each row is committed as it is written, so only the rows of one batch are in memory.
 * `beforeEnd` runs after the last row, before the file is finished. Returns the number of rows.
 */
export async function writeLedgerXlsx(
  out: PassThrough,
  batches: AsyncIterable<LedgerRow[]>,
  reportsOf: (taskIds: number[]) => Promise<Map<number, LatestReport>>,
  meta: { county: string; period?: string; exportedAt: Date },
  beforeEnd: (count: number) => Promise<void>,
) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const { ws, last: lastColumn } = printedSheet(wb, '台账', {
    headerRow: HEADER_ROW,
    widths: COLUMNS.map((c) => c.width),
    title: ledgerTitle(meta.county, meta.period),
  });

  ws.mergeCells(`A2:${lastColumn}2`);
  const date = ws.getCell('A2');
  date.value = `导出时间：${chineseTime(meta.exportedAt)}`;
  date.font = { name: '宋体', size: 11 };
  date.alignment = { horizontal: 'right', vertical: 'middle' };
  ws.getRow(2).height = 20;

  const header = ws.getRow(HEADER_ROW);
  header.values = LEDGER_HEADERS;
  header.height = 28;
  header.eachCell((cell) => {
    cell.font = { name: '黑体', size: 12 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    cell.border = BORDER;
  });
  header.commit();

  let count = 0;
  for await (const rows of batches) {
    const reports = await reportsOf(rows.map((r) => r.id));
    for (const r of rows) {
      count += 1;
      const values = [
        count,
        r.title,
        r.leadLeaderName ?? '',
        r.leadUnitName,
        r.cooperators.map((c) => c.unitName).join('、'),
        [r.responsibleName, r.responsiblePhone].filter(Boolean).join('\n'),
        chineseDay(r.deadline),
        progressText(r, reports.get(r.id)),
        statusText(r),
      ];
      const row = ws.addRow(values);
      row.height = rowHeight(values.map(String));
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cell.font = { name: '宋体', size: 11 };
        cell.border = BORDER;
        cell.alignment = { horizontal: COLUMNS[col - 1]!.align, vertical: 'middle', wrapText: true };
      });
      if (r.colour !== 'grey') {
        const status = row.getCell(COLUMNS.length);
        status.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[r.colour].fill } };
        status.font = { name: '宋体', size: 11, bold: true, color: { argb: FILLS[r.colour].font } };
      }
      row.commit();
    }
    // Let the client catch up before reading the next batch.
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  await beforeEnd(count);
  ws.commit();
  await wb.commit();
  return count;
}

/**
 * Exports the ledger the actor may see under the same filters as the ledger page, as a stream of every matching row;
 * every export is audited (等保) with its row count before the file ends.
 */
export async function exportLedger(deps: Deps, who: Who & { actor: Actor }, q: LedgerFilters) {
  authorize(who.actor, 'task.export');
  const batches = ledgerBatches(deps, who.actor, q);
  // The first batch is read here, so a refusal or a bad filter is still an error answer rather than a broken file.
  const first = await batches.next();
  const all = (async function* () {
    if (!first.done) yield first.value;
    yield* batches;
  })();
  const out = new PassThrough();
  const meta = { county: deps.config.countyName, period: q.period, exportedAt: deps.clock.now() };
  const audit = (count: number) =>
    deps.db.transaction((tx) => recordAudit(tx, deps, who, { action: 'task.export', targetType: 'ledger', targetId: 'xlsx', after: { filters: q, count } }));
  // The answer has started by now, so a failure can only cut the file short; it is logged like any other error.
  writeLedgerXlsx(out, all, (ids) => latestReports(deps.db, ids), meta, audit).catch((err: unknown) => {
    console.error('台账导出中断', err);
    out.destroy(err as Error);
  });
  const fileName = `${ledgerTitle(deps.config.countyName, q.period)}.xlsx`;
  return { stream: Readable.toWeb(out) as ReadableStream<Uint8Array>, disposition: attachment(fileName, 'ledger.xlsx') };
}
