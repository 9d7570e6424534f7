// The record (履责档案) and the annual opinion (年度考核意见) as Word documents in the layout of government documents
// (GB/T 9704 sizes and fonts from src/format.ts): title in 小标宋, body in 仿宋, headings in 黑体, bordered tables.
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { dayOf } from '../../calendar/rules.js';
import { chineseDay, CM, DOC_FONT, DOC_SIZE } from '../../format.js';
import { CADRE_GRADE_LABELS, INTERVIEW_LEVEL_LABELS, INTERVIEW_STATUS_LABELS, SHEET_KIND_LABELS } from '../../shared/labels.js';
import { FIELD_LABELS } from './rules.js';
import type { OpinionView, PersonRecord } from './service.js';

const TEXT_CM = 21 - 2.8 - 2.6;
const SIZE_TABLE = 21;
const INDENT = { firstLine: 640 };

const run = (text: string, font = DOC_FONT.body, size = DOC_SIZE.body) => new TextRun({ text, font, size });
const title = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [run(text, DOC_FONT.title, DOC_SIZE.title)] });
const heading = (text: string) => new Paragraph({ indent: INDENT, spacing: { before: 200, after: 100 }, keepNext: true, children: [run(text, DOC_FONT.head)] });
const body = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => new Paragraph({ indent: INDENT, alignment: AlignmentType.JUSTIFIED, children: [run(l.trim())] }));

function cell(text: string, widthCm: number, head: boolean) {
  return new TableCell({
    width: { size: widthCm * CM, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: head ? { fill: 'F2F2F2' } : undefined,
    children: [new Paragraph({ children: [run(text, head ? DOC_FONT.head : DOC_FONT.song, SIZE_TABLE)] })],
  });
}

/** A bordered table with its header row repeated on every page; an empty list prints one row saying so. */
function grid(columns: readonly (readonly [string, number])[], rows: readonly (readonly string[])[]) {
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: columns.map(([t, w]) => cell(t, w, true)) });
  const lines = rows.length ? rows : [['无', ...columns.slice(1).map(() => '')]];
  return new Table({
    width: { size: TEXT_CM * CM, type: WidthType.DXA },
    columnWidths: columns.map(([, w]) => w * CM),
    rows: [header, ...lines.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, columns[i]![1], false)) }))],
  });
}

function page(docTitle: string, children: (Paragraph | Table)[], draftMark: string | null) {
  return Packer.toBuffer(
    new Document({
      title: docTitle,
      styles: { default: { document: { run: { font: DOC_FONT.body, size: DOC_SIZE.body } } } },
      sections: [
        {
          properties: {
            page: {
              size: { width: 21 * CM, height: 29.7 * CM },
              margin: { top: 3.7 * CM, bottom: 3.5 * CM, left: 2.8 * CM, right: 2.6 * CM, footer: 2.5 * CM },
            },
          },
          headers: draftMark
            ? { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(draftMark, DOC_FONT.song, 18)] })] }) }
            : undefined,
          footers: {
            default: new Footer({
              children: [
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: DOC_FONT.song, size: 28 })],
                }),
              ],
            }),
          },
          children,
        },
      ],
    }),
  );
}

const STATE_LABELS = { on_time: '按期办结', late: '逾期办结', open_late: '逾期未办结', open: '在办' } as const;

export const recordTitle = (r: PersonRecord) => `${r.person.name}${r.year}年度履责档案`;

export function buildRecordDocx(r: PersonRecord, printedOn: string): Promise<Buffer> {
  const c = r.counts;
  return page(
    recordTitle(r),
    [
      title(recordTitle(r)),
      ...body(`单位职务：${[r.person.unitName ?? '县领导', r.person.title].filter(Boolean).join(' ')}`),
      ...body(
        `${r.year}年负责任务 ${r.tasks.length} 项：按期办结 ${c.onTime} 项，逾期 ${c.late} 项，在办 ${c.open} 项；收到督办类单据 ${c.sheets} 份；` +
          `约谈 ${c.interviews} 次；一线工作日 ${c.frontlineDays} 天；获评干部之星 ${r.stars.length} 次。` +
          (r.band ? `分档排名：${r.band.rank === null ? '未定档' : `第 ${r.band.rank} 名（共 ${r.band.ranked} 人），${r.band.band}`}。` : ''),
      ),
      heading('一、负责任务'),
      grid(
        [
          ['任务', 6.2],
          ['牵头单位', 3.2],
          ['期限', 2.4],
          ['销号', 2.4],
          ['状态', 2.4],
        ],
        r.tasks.map((t) => [t.title, t.leadUnitName, t.deadline, t.closedOn ?? '', STATE_LABELS[t.state]]),
      ),
      heading('二、收到的督办单据'),
      grid(
        [
          ['编号', 3.6],
          ['种类', 2.8],
          ['任务', 7.6],
          ['日期', 2.6],
        ],
        r.sheets.map((s) => [s.number, SHEET_KIND_LABELS[s.kind], s.taskTitle, dayOf(s.issuedAt)]),
      ),
      heading('三、之星和亮点工作'),
      grid(
        [
          ['月份', 2.4],
          ['类别', 3.0],
          ['内容', 11.2],
        ],
        [...r.stars.map((s) => [s.period, '干部之星', s.citation]), ...r.highlights.map((h) => [h.period, '单位亮点工作', h.title])],
      ),
      heading('四、约谈'),
      grid(
        [
          ['层级', 3.6],
          ['状态', 2.4],
          ['约谈日', 2.6],
          ['事由', 8.0],
        ],
        r.interviews.map((i) => [INTERVIEW_LEVEL_LABELS[i.level], INTERVIEW_STATUS_LABELS[i.status], i.heldOn ?? '', i.reason]),
      ),
      heading('五、月度考核和季度审定'),
      grid(
        [
          ['月份', 2.4],
          ['等次', 2.0],
          ['评语', 9.2],
          ['考核人', 3.0],
        ],
        r.assessments.map((a) => [a.month, CADRE_GRADE_LABELS[a.grade], a.comment, a.assessedByName]),
      ),
      ...body(
        r.quarters.length
          ? r.quarters.map((q) => `${q.quarter}：${CADRE_GRADE_LABELS[q.grade]}${q.confirmed ? '（已审定）' : '（月度建议，未审定）'}`).join('；')
          : '本年无季度等次。',
      ),
      new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 400 }, children: [run(`打印日期：${chineseDay(printedOn)}`)] }),
    ],
    null,
  );
}

export const opinionTitle = (o: OpinionView) => `${o.subjectName}${o.year}年度考核意见`;

export function buildOpinionDocx(o: OpinionView): Promise<Buffer> {
  const corrections = o.changes.filter((c) => c.kind === 'correction');
  const fields = ['band', 'summary', 'rewards', 'accountability', 'appointment'] as const;
  return page(
    opinionTitle(o),
    [
      title(opinionTitle(o)),
      ...body(`${o.subject === 'unit' ? '单位' : '干部'}：${o.subjectName}（${o.context}）`),
      ...body(`排名依据：${o.basis}${o.rank === null ? '' : `，第 ${o.rank} 名`}`),
      ...fields.flatMap((f) => [heading(FIELD_LABELS[f]), ...body(o.standing[f])]),
      ...(corrections.length
        ? [
            heading('更正记录'),
            ...corrections.flatMap((c) =>
              body(`${chineseDay(dayOf(c.changedAt))} ${c.changedByName}更正${FIELD_LABELS[c.field]}：${c.after}（理由：${c.reason}）`),
            ),
          ]
        : []),
      new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 560 }, children: [run('县委考核办')] }),
      new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(chineseDay(dayOf(o.issuedAt ?? o.draftedAt)))] }),
    ],
    o.status === 'issued' ? null : '草稿 · 未印发',
  );
}
