import type ExcelJS from 'exceljs';
import { dayOf } from './calendar/rules.js';

// Dates as government documents write them: 2026年3月5日, no leading zeros.
export function chineseDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function chineseMonth(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return `${y}年${m}月`;
}

// An instant in Asia/Shanghai, to the minute.
export function chineseTime(instant: Date): string {
  const hhmm = new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
  return `${chineseDay(dayOf(instant))} ${hhmm}`;
}

// RFC 5987: an ASCII fallback for old clients, the real UTF-8 name for the rest.
export function attachment(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * A worksheet laid out like a printed government table: landscape A4 fitted to the width, the header row frozen
 * and repeated on every page, page numbers in the footer, and the title merged across the top row.
 */
export function printedSheet(wb: ExcelJS.Workbook, name: string, o: { headerRow: number; widths: number[]; title: string }) {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: o.headerRow }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${o.headerRow}:${o.headerRow}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = o.widths.map((width) => ({ width }));
  const last = ws.getColumn(o.widths.length).letter;
  ws.mergeCells(`A1:${last}1`);
  const title = ws.getCell('A1');
  title.value = o.title;
  title.font = { name: '方正小标宋简体', size: 20 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 40;
  return { ws, last };
}

// Word documents in the layout of Chinese official documents (GB/T 9704); a reader without these fonts falls back to
// a Song or Hei face. Sizes are in half-points (二号 22 pt, 三号 16 pt); lengths in twips.
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const DOC_FONT: Readonly<Record<'title' | 'body' | 'head' | 'kai' | 'song', string>> = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  head: '黑体',
  kai: '楷体_GB2312',
  song: '宋体',
};
export const DOC_RED = 'E00000';
export const DOC_SIZE: Readonly<Record<'title' | 'body', number>> = { title: 44, body: 32 };
export const CM = 567;
