import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps } from '../../context.js';
import { attachment, chineseDay, CM, DOC_FONT, DOC_RED, DOC_SIZE } from '../../format.js';
import { planLabel } from './rules.js';
import { documentItems } from './service.js';

const SIZE_TABLE = 24; // 小四: six columns on a landscape page
const MARGIN = { top: 2.8 * CM, bottom: 2.6 * CM, left: 2.6 * CM, right: 2.6 * CM };
// 序号 / 工作任务 / 责任领导 / 责任单位 / 完成时限 / 工作标准: 24.5 cm across A4 landscape; a date fits on one line.
const HEADERS = ['序号', '工作任务', '责任领导', '责任单位', '完成时限', '工作标准'];
const COLUMNS = [1.2 * CM, 7.4 * CM, 3.2 * CM, 3.8 * CM, 3.4 * CM, 5.5 * CM];

export interface PlanDocRow {
  title: string;
  measures: string;
  units: string[]; // the lead unit first
  deadline: string;
  standard: string;
}

export interface PlanDoc {
  title: string;
  year: string;
  documentNumber: string | null;
  issuedOn: string | null;
  intro: string;
  groups: { leader: string; rows: PlanDocRow[] }[];
}

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

// Within the plan's own year the year goes unsaid, as such tables write it: 4月28日.
const shortDay = (day: string, year: string) => (day.startsWith(`${year}-`) ? chineseDay(day).slice(5) : chineseDay(day));

const para = (text: string, opts: { font?: string; size?: number; bold?: boolean; align?: Align } = {}) =>
  new Paragraph({
    alignment: opts.align ?? AlignmentType.LEFT,
    children: [new TextRun({ text, font: opts.font ?? DOC_FONT.body, size: opts.size ?? SIZE_TABLE, bold: opts.bold })],
  });

// One paragraph per line, so line breaks typed into a form survive.
const lines = (text: string, align: Align = AlignmentType.LEFT) => (text || ' ').split('\n').map((line) => para(line, { align }));

function cell(children: Paragraph[], column: number, verticalMerge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType]) {
  return new TableCell({
    children,
    width: { size: COLUMNS[column]!, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    verticalMerge,
  });
}

function tableRows(doc: PlanDoc): TableRow[] {
  const header = new TableRow({
    tableHeader: true, // repeated on every page
    height: { value: 1 * CM, rule: HeightRule.ATLEAST },
    children: HEADERS.map((h, i) => cell([para(h, { font: DOC_FONT.head, align: AlignmentType.CENTER })], i)),
  });
  let seq = 0;
  const body = doc.groups.flatMap((group) =>
    group.rows.map((row, i) => {
      seq += 1;
      // The leader's cell spans the group, the way such tables are drawn by hand.
      const merge = group.rows.length > 1 ? (i === 0 ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE) : undefined;
      const [lead, ...others] = row.units;
      const unitLines = others.length ? [`${lead}（牵头）`, ...others].join('\n') : (lead ?? '');
      return new TableRow({
        cantSplit: true,
        height: { value: 1.2 * CM, rule: HeightRule.ATLEAST },
        children: [
          cell([para(String(seq), { align: AlignmentType.CENTER })], 0),
          cell([para(row.title, { bold: true }), ...(row.measures ? lines(row.measures) : [])], 1),
          cell(i === 0 ? lines(group.leader, AlignmentType.CENTER) : [para('')], 2, merge),
          cell(lines(unitLines, AlignmentType.CENTER), 3),
          cell([para(shortDay(row.deadline, doc.year), { align: AlignmentType.CENTER })], 4),
          cell(lines(row.standard), 5),
        ],
      });
    }),
  );
  if (!body.length) {
    body.push(
      new TableRow({ children: [new TableCell({ columnSpan: HEADERS.length, children: [para('本期无重点工作安排', { align: AlignmentType.CENTER })] })] }),
    );
  }
  return [header, ...body];
}

/** 月度（周）重点工作安排 as an A4 landscape Word document laid out like a government document. */
export async function buildPlanDocx(doc: PlanDoc): Promise<Buffer> {
  // Two characters of 三号 (16 pt) are 640 twips; Word reads the character count, other readers the twips.
  const twoChars = 640;
  const bodyText = (text: string, opts: { align?: Align; indent?: 'first' | 'right'; before?: number } = {}) =>
    new Paragraph({
      alignment: opts.align ?? AlignmentType.JUSTIFIED,
      indent:
        opts.indent === 'first' ? { firstLine: twoChars, firstLineChars: 200 } : opts.indent === 'right' ? { right: 2 * twoChars } /* 右空四字 */ : undefined,
      spacing: { before: opts.before ?? 0, line: 560 }, // 28 pt: the fixed line spacing of a document body
      children: [new TextRun({ text, font: DOC_FONT.body, size: DOC_SIZE.body })],
    });
  const document = new Document({
    styles: { default: { document: { run: { font: DOC_FONT.body, size: DOC_SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 21 * CM, height: 29.7 * CM, orientation: PageOrientation.LANDSCAPE },
            margin: MARGIN,
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: 'Times New Roman', size: 28 })],
              }),
            ],
          }),
        },
        children: [
          // The number above a red rule, as under the masthead of a 红头 document; a draft has none yet.
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 480 },
            border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: DOC_RED, space: 6 } },
            children: [new TextRun({ text: doc.documentNumber ?? '（送审稿）', font: DOC_FONT.body, size: DOC_SIZE.body })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 480, line: 700 },
            children: [new TextRun({ text: doc.title, font: DOC_FONT.title, size: DOC_SIZE.title })],
          }),
          bodyText('各乡镇（街道），县直各单位，各垂直管理单位：'),
          bodyText(doc.intro, { indent: 'first' }),
          new Paragraph({ spacing: { before: 240 }, children: [] }),
          new Table({ width: { size: COLUMNS.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: COLUMNS, rows: tableRows(doc) }),
          ...(doc.issuedOn ? [bodyText(chineseDay(doc.issuedOn), { align: AlignmentType.RIGHT, indent: 'right', before: 480 })] : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** The plan as a Word file: the issued document, or before issuing the draft for the meeting. */
export async function planDocx(deps: Deps, actor: Actor, periodId: number) {
  const { period, groups, names } = await documentItems(deps, actor, periodId);
  const label = planLabel(period.kind, period.period);
  const doc: PlanDoc = {
    title: period.title,
    year: period.period.slice(0, 4),
    documentNumber: period.documentNumber,
    issuedOn: period.issuedAt ? dayOf(period.issuedAt) : null,
    intro: `经研究，现将${label}重点工作安排印发给你们，请各责任领导、责任单位对照时间表、路线图，细化措施，压实责任，确保按时保质完成。各单位据此编制本单位预安表，按要求反馈工作进展。`,
    groups: groups.map((g) => ({
      leader: g.leaderPosition ? `${g.leaderName}\n（${g.leaderPosition}）` : g.leaderName,
      rows: g.categories.flatMap((c) =>
        c.items.map((i) => ({
          title: i.title,
          measures: i.measures,
          units: [i.leadUnitId, ...i.cooperatingUnitIds].map((u) => names.units.get(u) ?? ''),
          deadline: i.deadline,
          standard: i.standard,
        })),
      ),
    })),
  };
  const fileName = `${period.title}${period.documentNumber ? `（${period.documentNumber}）` : '（送审稿）'}.docx`;
  return { data: await buildPlanDocx(doc), disposition: attachment(fileName, `plan-${period.id}.docx`) };
}
