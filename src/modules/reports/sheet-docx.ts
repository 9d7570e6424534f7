import { AlignmentType, BorderStyle, Document, HeightRule, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps } from '../../context.js';
import { noticeOf } from '../chasing/interviews.js';
import { SHEET_KIND_LABELS } from '../chasing/rules.js';
import { conflict } from '../../errors.js';
import type { SheetKind } from '../tasks/read.js';
import * as tasks from '../tasks/service.js';
import { attachment, chineseDay, chineseTime, CM, DOC_FONT, DOC_RED, DOC_SIZE } from '../../format.js';

const SIZE_TABLE = 28;
const TABLE_WIDTH = 21 * CM - 2.8 * CM - 2.6 * CM;
// Label, value, label, value: the last value column holds a signing time on one line.
const COLUMNS = [2.6 * CM, 4 * CM, 2.6 * CM, 6.4 * CM];

export interface SheetForDocx {
  kind: SheetKind;
  number: string;
  content: Record<string, string>;
  issuedAt: Date;
  signedAt: Date | null;
}

// One paragraph per line, so line breaks typed into a form survive.
const lines = (text: string, run: { font: string; size: number }, alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT) =>
  (text || ' ').split('\n').map((line) => new Paragraph({ alignment, children: [new TextRun({ text: line, ...run })] }));

const cell = (children: Paragraph[], from: number, columnSpan = 1) =>
  new TableCell({
    children,
    columnSpan,
    width: { size: COLUMNS.slice(from, from + columnSpan).reduce((a, b) => a + b, 0), type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 80, bottom: 80, left: 120, right: 120 },
  });

const head = (label: string, from: number) => cell(lines(label, { font: DOC_FONT.head, size: SIZE_TABLE }, AlignmentType.CENTER), from);
const value = (text: string, from: number, columnSpan = 1) => cell(lines(text, { font: DOC_FONT.body, size: SIZE_TABLE }), from, columnSpan);

// Tall rows leave room for handwriting on a printed copy.
const row = (label: string, text: string, minHeight = 0.9) =>
  new TableRow({ height: { value: minHeight * CM, rule: HeightRule.ATLEAST }, children: [head(label, 0), value(text, 1, 3)] });

// What each kind of sheet tells the unit, under its table.
const CLOSING_WORDS: Record<SheetKind, string> = {
  assignment: '请于收到本单后按要求办理，并按时反馈办理情况。',
  urge: '该事项即将到期，请加快推进，确保按时完成，并及时反馈办理情况。',
  warning: '该事项已超过时限未完成，请立即整改，并于收到本单后 3 个工作日内书面说明原因及整改措施。',
  referral: '该事项经预警后仍未完成，现移交县纪委监委，依规依纪启动问责程序。',
  rectify: '该事项当月未完成，责令限期整改，并按规定扣减绩效考核得分。',
  admonish: '该事项延期仍未完成，由纪检监察机关对责任人进行诫勉谈话，并予以通报。',
};

function contentRows(sheet: SheetForDocx): TableRow[] {
  const c = sheet.content;
  if (sheet.kind === 'assignment') {
    return [
      row('承办单位', c.unit ?? ''),
      row('交办事项', c.matter ?? ''),
      row('具体要求', c.description ?? '', 3.5),
      row('完成时限', c.deadline ? chineseDay(c.deadline) : ''),
      row('工作标准', c.standard ?? '', 2.5),
      row('责任领导', c.leader ?? ''),
      row('责任人', c.responsible ?? ''),
    ];
  }
  return [
    row('承办单位', c.unit ?? ''),
    row('督办事项', c.matter ?? ''),
    row('督办事由', c.due ?? '', 2),
    row('完成时限', c.deadline ? chineseDay(c.deadline) : ''),
    row('责任领导', c.leader ?? ''),
    // The deduction the rectification order makes, stated on the sheet itself.
    ...(c.points ? [row('扣分', `扣减绩效考核得分 ${c.points} 分`)] : []),
    row('备注', c.note ?? '', 2),
  ];
}

// Dates counted over a year whose holidays are not yet entered were taken Monday to Friday.
const PROVISIONAL_NOTE = '注：本单日期所在年份尚未录入法定节假日安排，时限按周一至周五暂定计算（暂定）。';

/** A sheet (交办单, 催办单, 预警单 …) as an A4 Word document with government margins. */
export async function buildSheetDocx(sheet: SheetForDocx, signer: string | null): Promise<Buffer> {
  const signed = sheet.signedAt !== null;
  const table = new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMNS,
    rows: [
      ...contentRows(sheet),
      new TableRow({
        height: { value: 1.2 * CM, rule: HeightRule.ATLEAST },
        children: [head('签收人', 0), value(signed ? (signer ?? '') : '', 1), head('签收时间', 2), value(signed ? chineseTime(sheet.signedAt!) : '', 3)],
      }),
    ],
  });
  const doc = new Document({
    styles: { default: { document: { run: { font: DOC_FONT.body, size: DOC_SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 21 * CM, height: 29.7 * CM },
            margin: { top: 3.7 * CM, bottom: 3.5 * CM, left: 2.8 * CM, right: 2.6 * CM },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: `督查督办${SHEET_KIND_LABELS[sheet.kind]}`, font: DOC_FONT.title, size: DOC_SIZE.title, color: DOC_RED })],
          }),
          // The red rule under the number, as on a 红头 document.
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { after: 360 },
            border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: DOC_RED, space: 6 } },
            children: [new TextRun({ text: sheet.number, font: DOC_FONT.body, size: DOC_SIZE.body })],
          }),
          table,
          new Paragraph({
            spacing: { before: 360 },
            indent: { firstLineChars: 200 },
            children: [new TextRun({ text: CLOSING_WORDS[sheet.kind], font: DOC_FONT.body, size: DOC_SIZE.body })],
          }),
          ...(sheet.content.provisional
            ? [new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: PROVISIONAL_NOTE, font: DOC_FONT.body, size: SIZE_TABLE })] })]
            : []),
          // The category's owning office (归口单位) signs its items' sheets.
          ...(sheet.content.issuer
            ? [
                new Paragraph({
                  alignment: AlignmentType.RIGHT,
                  spacing: { before: 480 },
                  indent: { right: 4 * 0.56 * CM },
                  children: [new TextRun({ text: sheet.content.issuer, font: DOC_FONT.body, size: DOC_SIZE.body })],
                }),
              ]
            : []),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: sheet.content.issuer ? 0 : 480 },
            indent: { right: 4 * 0.56 * CM },
            children: [new TextRun({ text: chineseDay(dayOf(sheet.issuedAt)), font: DOC_FONT.body, size: DOC_SIZE.body })],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The sheet as a Word file, for whoever may see its task (otherwise 404). */
export async function sheetDocx(deps: Deps, actor: Actor, taskId: number, sheetId: number) {
  const sheet = await tasks.getSheet(deps, actor, taskId, sheetId);
  // The signer's name is on the task's own timeline: the first signing at or after the sheet's signing time.
  const signKind = sheet.kind === 'assignment' ? 'sign' : 'sheet.sign';
  const signing = sheet.signedAt
    ? (await tasks.taskHistory(deps, actor, taskId)).find((e) => e.kind === signKind && e.at >= sheet.signedAt!.toISOString())
    : undefined;
  const fileName = `${SHEET_KIND_LABELS[sheet.kind]}-${sheet.number}.docx`;
  return { data: await buildSheetDocx(sheet, signing?.actorName ?? null), disposition: attachment(fileName, `${sheet.kind}-sheet-${sheet.id}.docx`) };
}

/** A notice (通报) as an A4 Word document: red title, body paragraphs with a first-line indent, the issuer and date. */
export async function buildNoticeDocx(notice: { title: string; text: string; publishedOn: string }): Promise<Buffer> {
  const doc = new Document({
    styles: { default: { document: { run: { font: DOC_FONT.body, size: DOC_SIZE.body } } } },
    sections: [
      {
        properties: {
          page: { size: { width: 21 * CM, height: 29.7 * CM }, margin: { top: 3.7 * CM, bottom: 3.5 * CM, left: 2.8 * CM, right: 2.6 * CM } },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 360 },
            border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: DOC_RED, space: 6 } },
            children: [new TextRun({ text: '通　报', font: DOC_FONT.title, size: DOC_SIZE.title, color: DOC_RED })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 360 },
            children: [new TextRun({ text: notice.title, font: DOC_FONT.title, size: DOC_SIZE.body + 4 })],
          }),
          ...notice.text
            .split('\n')
            .map(
              (line) => new Paragraph({ indent: { firstLineChars: 200 }, children: [new TextRun({ text: line, font: DOC_FONT.body, size: DOC_SIZE.body })] }),
            ),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: 480 },
            indent: { right: 4 * 0.56 * CM },
            children: [new TextRun({ text: '县纪委监委', font: DOC_FONT.body, size: DOC_SIZE.body })],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            indent: { right: 4 * 0.56 * CM },
            children: [new TextRun({ text: chineseDay(notice.publishedOn), font: DOC_FONT.body, size: DOC_SIZE.body })],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The published notice of an admonishment talk as a Word file, for whoever may read the interview. */
export async function noticeDocx(deps: Deps, actor: Actor, interviewId: number) {
  const notice = await noticeOf(deps, actor, interviewId);
  if (!notice.published || !notice.publishedAt) throw conflict('ILLEGAL_TRANSITION', '通报尚未发布');
  const data = await buildNoticeDocx({ title: notice.title, text: notice.text, publishedOn: dayOf(new Date(notice.publishedAt)) });
  return { data, disposition: attachment(`${notice.title}.docx`, `notice-${interviewId}.docx`) };
}
