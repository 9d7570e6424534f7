import ExcelJS from 'exceljs';
import type { Actor, Deps } from '../../context.js';
import { attachment, chineseDay, chineseTime, printedSheet } from '../../format.js';
import { STATUS_LABELS } from '../tasks/rules.js';
import { planLabel } from './rules.js';
import { unitSheet, type UnitSheet } from './service.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const COLUMNS = [
  { header: '序号', width: 6, align: 'center' },
  { header: '工作任务', width: 28, align: 'left' },
  { header: '工作措施及关键节点', width: 40, align: 'left' },
  { header: '责任领导', width: 10, align: 'center' },
  { header: '牵头/配合', width: 14, align: 'center' },
  { header: '完成时限', width: 15, align: 'center' },
  { header: '工作标准', width: 30, align: 'left' },
  { header: '完成情况', width: 14, align: 'center' },
] as const;
const HEADER_ROW = 3;

const THIN = { style: 'thin', color: { argb: 'FF000000' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

// Excel stores no automatic height for wrapped text, so estimate lines: a CJK character is two columns wide.
const displayWidth = (line: string) => [...line].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);
function rowHeight(values: string[]) {
  const lines = values.map((text, i) => text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / (COLUMNS[i]!.width - 1))), 0));
  return Math.min(409, Math.max(...lines) * 15 + 6);
}

export const sheetTitle = (sheet: UnitSheet) => `${sheet.unit.name}${planLabel(sheet.period.kind, sheet.period.period)}重点工作预安表`;

/** 预安表: the unit's items of the month on one landscape A4 page per screenful, with room to sign. */
export async function buildUnitSheetXlsx(sheet: UnitSheet, printedAt: Date) {
  const wb = new ExcelJS.Workbook();
  const { ws, last } = printedSheet(wb, '预安表', { headerRow: HEADER_ROW, widths: COLUMNS.map((c) => c.width), title: sheetTitle(sheet) });

  ws.mergeCells(`A2:${last}2`);
  const sub = ws.getCell('A2');
  sub.value = `依据：《${sheet.period.title}》${sheet.period.documentNumber ? `（${sheet.period.documentNumber}）` : ''}    打印时间：${chineseTime(printedAt)}`;
  sub.font = { name: '宋体', size: 11 };
  sub.alignment = { horizontal: 'right', vertical: 'middle' };
  ws.getRow(2).height = 20;

  const header = ws.getRow(HEADER_ROW);
  header.values = COLUMNS.map((c) => c.header);
  header.height = 28;
  header.eachCell((cell) => {
    cell.font = { name: '黑体', size: 12 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    cell.border = BORDER;
  });

  for (const i of sheet.items) {
    const steps = i.milestones.map((m) => `${chineseDay(m.dueDate)}前：${m.name}`);
    const values = [
      String(i.seq),
      i.carriedOver ? `${i.title}（挂单）` : i.title,
      [i.measures, ...steps].filter(Boolean).join('\n'),
      i.leadLeaderName,
      i.role === 'lead' ? '牵头' : `配合\n（${i.leadUnitName}牵头）`,
      chineseDay(i.deadline),
      i.standard,
      `${STATUS_LABELS[i.status]}\n${i.percent}%`,
    ];
    const row = ws.addRow(values);
    row.height = rowHeight(values);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = { name: '宋体', size: 11 };
      cell.border = BORDER;
      cell.alignment = { horizontal: COLUMNS[col - 1]!.align, vertical: 'middle', wrapText: true };
    });
  }

  // Carried tasks the plan kept but that closed before it was issued are not the unit's work this month; say so.
  if (sheet.leftOut.length) {
    const noteRow = ws.addRow([]);
    const text = `注：以下挂单事项未列入本表：${sheet.leftOut.map((i) => `${i.title}（${i.note}）`).join('；')}。`;
    ws.mergeCells(`A${noteRow.number}:${last}${noteRow.number}`);
    const note = ws.getCell(`A${noteRow.number}`);
    note.value = text;
    note.font = { name: '宋体', size: 11 };
    note.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    noteRow.height = Math.min(409, Math.ceil(displayWidth(text) / 150) * 15 + 6);
  }

  // Signatures under the table: the head answers for the sheet (主要负责人审定).
  const signRow = ws.addRow([]);
  signRow.height = 36;
  ws.mergeCells(`A${signRow.number}:${last}${signRow.number}`);
  const sign = ws.getCell(`A${signRow.number}`);
  sign.value = '单位主要负责人（签字）：                    填表人：                    联系电话：                    ';
  sign.font = { name: '宋体', size: 12 };
  sign.alignment = { horizontal: 'left', vertical: 'bottom' };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function unitSheetXlsx(deps: Deps, actor: Actor, periodId: number, unitId: number) {
  const sheet = await unitSheet(deps, actor, periodId, unitId);
  const data = await buildUnitSheetXlsx(sheet, deps.clock.now());
  return { data, disposition: attachment(`${sheetTitle(sheet)}.xlsx`, `unit-sheet-${periodId}-${unitId}.xlsx`) };
}
