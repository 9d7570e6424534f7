import { AlignmentType, Footer, LineRuleType, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
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

// The body of a 公文 page: A4 less margins of 2.8 cm (left) and 2.6 cm (right); fixed 28-point lines, as a page of
// 22 lines holds them; the first line indented two characters of 三号 (16 pt) in twips (LibreOffice ignores Word's
// firstLineChars).
export const DOC_TEXT_CM = 21 - 2.8 - 2.6;
export const DOC_LINE = { line: 560, lineRule: LineRuleType.EXACT };
export const DOC_INDENT = { firstLine: 640 };
const DOC_TABLE_SIZE = 21;

export const docRun = (text: string, font = DOC_FONT.body, size = DOC_SIZE.body, extra: { bold?: boolean; color?: string } = {}) =>
  new TextRun({ text, font, size, ...extra });

// Body text: one paragraph per line, first line indented two characters.
export const docBody = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => new Paragraph({ indent: DOC_INDENT, spacing: DOC_LINE, alignment: AlignmentType.JUSTIFIED, children: [docRun(line)] }));

export const docHeading = (text: string) => new Paragraph({ indent: DOC_INDENT, spacing: DOC_LINE, keepNext: true, children: [docRun(text, DOC_FONT.head)] });
export const docSubheading = (text: string) => new Paragraph({ indent: DOC_INDENT, spacing: DOC_LINE, keepNext: true, children: [docRun(text, DOC_FONT.kai)] });
export const docCaption = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 80 }, keepNext: true, children: [docRun(text, DOC_FONT.head, 24)] });

export type DocAlign = 'left' | 'center' | 'right';
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT };

function docCell(text: string, widthCm: number, align: DocAlign, head: boolean) {
  return new TableCell({
    width: { size: widthCm * CM, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: head ? { fill: 'F2F2F2' } : undefined,
    children: [new Paragraph({ alignment: ALIGN[align], children: [docRun(text, head ? DOC_FONT.head : DOC_FONT.song, DOC_TABLE_SIZE)] })],
  });
}

/** A bordered table with a header row repeated on every page. Columns: [title, width in cm, alignment]. */
export function docGrid(columns: readonly (readonly [string, number, DocAlign])[], rows: readonly (readonly string[])[]) {
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: columns.map(([t, w]) => docCell(t, w, 'center', true)) });
  return new Table({
    width: { size: DOC_TEXT_CM * CM, type: WidthType.DXA },
    columnWidths: columns.map(([, w]) => w * CM),
    alignment: AlignmentType.CENTER,
    rows: [header, ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => docCell(v, columns[i]![1], columns[i]![2], false)) }))],
  });
}

// An A4 page with the 公文 margins, and its footer: the page number between dashes, centred.
export const DOC_PAGE = {
  size: { width: 21 * CM, height: 29.7 * CM },
  margin: { top: 3.7 * CM, bottom: 3.5 * CM, left: 2.8 * CM, right: 2.6 * CM, footer: 2.5 * CM },
};
export const docPageNumberFooter = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: DOC_FONT.song, size: 28 })],
      }),
    ],
  });
