// The audit admin's export of the audit log (等保 安全审计 d: records kept and analysable outside the system): every
// entry matching the filters, masked as on the page (三员分立), as an Excel workbook or a CSV file, streamed in batches.
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Actor, Deps, Who } from '../../context.js';
import { attachment, chineseTime, printedSheet } from '../../format.js';
import { authorize } from '../../permissions.js';
import { maskEntry } from './mask.js';
import type { auditLog } from './schema.js';
import { auditBatches, recordAudit, type AuditFilters } from './service.js';

export type AuditExportFormat = 'xlsx' | 'csv';

const COLUMNS = [
  { header: '序号', width: 9 },
  { header: '时间', width: 22 },
  { header: '操作人', width: 20 },
  { header: '角色', width: 14 },
  { header: '操作', width: 24 },
  { header: '对象类型', width: 12 },
  { header: '对象编号', width: 12 },
  { header: '结果', width: 8 },
  { header: '原因', width: 30 },
  { header: '变更前', width: 40 },
  { header: '变更后', width: 40 },
  { header: 'IP 地址', width: 16 },
  { header: '请求号', width: 38 },
] as const;
export const AUDIT_EXPORT_HEADERS = COLUMNS.map((c) => c.header);
const HEADER_ROW = 2;

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

export function auditExportRow(row: typeof auditLog.$inferSelect): string[] {
  const e = maskEntry(row);
  return [
    String(e.seq),
    e.occurredAt.toISOString(),
    e.actorName,
    e.actorRoles.join('、'),
    e.action,
    e.targetType,
    e.targetId,
    e.result === 'success' ? '成功' : '失败',
    e.reason,
    json(e.before),
    json(e.after),
    e.ip,
    e.requestId,
  ];
}

// RFC 4180 quoting; a field a spreadsheet would run as a formula (=, +, -, @, tab, CR) is kept as text with a quote mark.
export function csvLine(values: string[]): string {
  return `${values.map((v) => `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`).join(',')}\r\n`;
}

async function writeCsv(out: PassThrough, batches: AsyncIterable<(typeof auditLog.$inferSelect)[]>) {
  let count = 0;
  // The byte-order mark makes Excel read the file as UTF-8 (Chinese names).
  out.write(`\uFEFF${csvLine(AUDIT_EXPORT_HEADERS)}`);
  for await (const rows of batches) {
    out.write(rows.map((r) => csvLine(auditExportRow(r))).join(''));
    count += rows.length;
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  return count;
}

async function writeXlsx(out: PassThrough, batches: AsyncIterable<(typeof auditLog.$inferSelect)[]>, title: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const { ws } = printedSheet(wb, '审计日志', { headerRow: HEADER_ROW, widths: COLUMNS.map((c) => c.width), title });
  const header = ws.getRow(HEADER_ROW);
  header.values = AUDIT_EXPORT_HEADERS;
  header.font = { name: '黑体', size: 11 };
  header.commit();
  let count = 0;
  for await (const rows of batches) {
    for (const r of rows) ws.addRow(auditExportRow(r)).commit();
    count += rows.length;
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  return { count, finish: async () => (ws.commit(), await wb.commit()) };
}

/** Streams the export; the export itself is audited with its filters and row count before the file ends. */
export async function exportAudit(deps: Deps, who: Who & { actor: Actor }, q: AuditFilters, format: AuditExportFormat) {
  authorize(who.actor, 'audit.read');
  const exportedAt = deps.clock.now();
  const batches = auditBatches(deps.db, q);
  // The first batch is read here, so a database failure is still an error answer rather than a broken file.
  const first = await batches.next();
  const all = (async function* () {
    if (!first.done) yield first.value;
    yield* batches;
  })();
  const out = new PassThrough();
  const title = `${deps.config.countyName}审计日志（导出时间：${chineseTime(exportedAt)}）`;
  const audit = (count: number) =>
    deps.db.transaction((tx) =>
      recordAudit(tx, deps, who, { action: 'audit.export', targetType: 'audit_log', targetId: format, after: { filters: { ...q }, format, count } }),
    );
  const write = async () => {
    if (format === 'csv') {
      await audit(await writeCsv(out, all));
      out.end();
    } else {
      const { count, finish } = await writeXlsx(out, all, title);
      await audit(count);
      await finish();
    }
  };
  // The answer has started by now, so a failure can only cut the file short; it is logged like any other error.
  write().catch((err: unknown) => {
    console.error('审计日志导出中断', err);
    out.destroy(err as Error);
  });
  const stamp = exportedAt.toISOString().slice(0, 10);
  return {
    stream: Readable.toWeb(out) as ReadableStream<Uint8Array>,
    type: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    disposition: attachment(`审计日志-${stamp}.${format}`, `audit-log-${stamp}.${format}`),
  };
}
