// The unit's assessment archive (考核档案) as one Word document, A4 portrait in the 公文 fonts: a title, then one
// numbered section per kind of record, each item's sheets, reports and closing under its own heading, page numbers
// in the footer. Everything the page shows, nothing cut short.
import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import { dayOf } from '../../calendar/rules.js';
import { chineseDay, chineseMonth, chineseTime, CM, DOC_FONT, DOC_SIZE } from '../../format.js';
import {
  APPEAL_STATUS_LABELS,
  CLOSING_STATUS_LABELS,
  REVIEW_GROUP_LABELS,
  SELF_STANDARD_LABELS,
  SELF_STATUS_LABELS,
  SHEET_KIND_LABELS,
  STATUS_LABELS,
  STUDY_KIND_LABELS,
  DOT_COLOUR_LABELS,
  FINDING_GRADE_LABELS,
  INSPECTION_METHOD_LABELS,
  INSPECTION_MODE_LABELS,
} from '../../shared/labels.js';
import type { ArchiveView } from './service.js';

const TEXT_CM = 21 - 2.8 - 2.6;
const SIZE_TABLE = 21;
const run = (text: string, font = DOC_FONT.body, size = DOC_SIZE.body) => new TextRun({ text, font, size });
const para = (text: string) => new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 480 }, children: [run(text)] });
const heading = (text: string) => new Paragraph({ spacing: { before: 240, after: 120 }, keepNext: true, children: [run(text, DOC_FONT.head)] });
const subheading = (text: string) => new Paragraph({ spacing: { before: 160, after: 80 }, keepNext: true, children: [run(text, DOC_FONT.kai)] });
const note = (text: string) => new Paragraph({ spacing: { after: 80 }, children: [run(text, DOC_FONT.song, SIZE_TABLE)] });

type Col = readonly [string, number];
function cell(text: string, widthCm: number, head: boolean) {
  return new TableCell({
    width: { size: widthCm * CM, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: head ? { fill: 'F2F2F2' } : undefined,
    children: text.split('\n').map((line) => new Paragraph({ children: [run(line, head ? DOC_FONT.head : DOC_FONT.song, SIZE_TABLE)] })),
  });
}
// Column widths are scaled to the text width; the header row repeats on every page.
function grid(columns: readonly Col[], rows: readonly (readonly string[])[]) {
  const sum = columns.reduce((a, [, w]) => a + w, 0);
  const widths = columns.map(([, w]) => (w * TEXT_CM) / sum);
  return new Table({
    width: { size: TEXT_CM * CM, type: WidthType.DXA },
    columnWidths: widths.map((w) => Math.round(w * CM)),
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map(([t], i) => cell(t, widths[i]!, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, widths[i]!, false)) })),
    ],
  });
}
const orNone = (rows: readonly (readonly string[])[], table: () => Table, none: string) => (rows.length ? [table()] : [note(none)]);
const score = (h: number) => (h / 100).toFixed(2);

export async function buildArchiveDocx(a: ArchiveView): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(`${a.unit.name}${a.year}年度考核档案`, DOC_FONT.title, DOC_SIZE.title)],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(`截至${chineseDay(a.printedOn)}`, DOC_FONT.kai)] }),
    para(
      `本档案汇集${a.unit.name}${a.year}年度牵头承办的 ${a.items.length} 项交办事项的督办单、进展报告和销号记录，以及月度评分、申诉、绩效自评和学习台账，作为年度考核的依据。`,
    ),
  ];

  body.push(heading('一、交办事项'));
  if (!a.items.length) body.push(note('本年度无牵头承办的交办事项。'));
  a.items.forEach((item, n) => {
    body.push(subheading(`（${n + 1}）${item.title}`));
    body.push(
      note(
        `月份：${chineseMonth(item.period)}　完成时限：${chineseDay(item.deadline)}　状态：${STATUS_LABELS[item.status]}${
          item.closedOn ? `（${chineseDay(item.closedOn)}销号${item.closedLate ? '，逾期' : ''}）` : ''
        }　进度：${item.percent}%　责任人：${item.responsibleName || '—'}`,
      ),
    );
    if (item.standard) body.push(note(`验收标准：${item.standard}`));
    const sheetRows = item.sheets.map((s) => [SHEET_KIND_LABELS[s.kind], s.number, chineseTime(s.issuedAt), s.signedAt ? chineseTime(s.signedAt) : '未签收']);
    body.push(
      ...orNone(
        sheetRows,
        () =>
          grid(
            [
              ['督办单', 2],
              ['编号', 3],
              ['下发', 3],
              ['签收', 3],
            ],
            sheetRows,
          ),
        '督办单：无。',
      ),
    );
    const reportRows = item.reports.map((r) => [
      chineseDay(dayOf(r.reportedAt)),
      r.percent === null ? '—' : `${r.percent}%`,
      r.problems ? `${r.text}\n存在问题：${r.problems}` : r.text,
    ]);
    body.push(
      ...orNone(
        reportRows,
        () =>
          grid(
            [
              ['报告日期', 2.6],
              ['进度', 1.4],
              ['进展情况', 9],
            ],
            reportRows,
          ),
        '进展报告：无。',
      ),
    );
    const closingRows = item.closings.map((c) => [
      chineseTime(c.filedAt),
      chineseDay(c.finishedOn),
      CLOSING_STATUS_LABELS[c.status],
      c.decidedAt ? chineseTime(c.decidedAt) : '—',
      c.summary,
    ]);
    body.push(
      ...orNone(
        closingRows,
        () =>
          grid(
            [
              ['申请', 3],
              ['完成日', 2.6],
              ['结果', 1.6],
              ['审核', 3],
              ['完成情况', 5],
            ],
            closingRows,
          ),
        '销号申请：无。',
      ),
    );
  });

  body.push(heading('二、督查检查'));
  // Each filed visit, then its findings with the rectification item each problem became.
  if (!a.inspections.length) body.push(note('本年度无已归档的明察暗访记录。'));
  for (const v of a.inspections) {
    body.push(
      subheading(`${chineseDay(v.visitedOn)} ${INSPECTION_MODE_LABELS[v.mode]}·${INSPECTION_METHOD_LABELS[v.method]}：${v.subject}`),
      note(`督查组：${v.teamName}${v.place ? `；地点：${v.place}` : ''}`),
    );
    const rows = v.findings.map((f) => [
      FINDING_GRADE_LABELS[f.grade],
      f.content,
      f.task ? `${f.task.title}\n${f.ownerName ? `${f.ownerName}，` : ''}限 ${chineseDay(f.task.deadline)}` : '—',
      f.task ? (f.task.closedOn ? `已销号（${chineseDay(f.task.closedOn)}）` : STATUS_LABELS[f.task.status as keyof typeof STATUS_LABELS]) : '—',
    ]);
    body.push(
      ...orNone(
        rows,
        () =>
          grid(
            [
              ['等次', 2],
              ['发现', 6],
              ['整改事项', 5],
              ['整改情况', 3],
            ],
            rows,
          ),
        '未记录发现。',
      ),
    );
  }

  body.push(heading('三、月度评分'));
  const scoreRows = a.scores.map((s) => [
    chineseMonth(s.period),
    REVIEW_GROUP_LABELS[s.group],
    score(s.score),
    String(s.rank),
    s.correctedScore === null ? '—' : `${score(s.correctedScore)}（第 ${s.correctedRank} 名）`,
  ]);
  body.push(
    ...orNone(
      scoreRows,
      () =>
        grid(
          [
            ['月份', 2.4],
            ['分组', 2.4],
            ['得分', 1.8],
            ['名次', 1.4],
            ['申诉更正后', 3.4],
          ],
          scoreRows,
        ),
      '本年度尚无已公布的月度评分。',
    ),
  );

  body.push(heading('四、申诉'));
  const appealRows = a.appeals.map((p) => [chineseMonth(p.period), p.subject, p.reason, APPEAL_STATUS_LABELS[p.status], p.decisionReason ?? '—']);
  body.push(
    ...orNone(
      appealRows,
      () =>
        grid(
          [
            ['月份', 2.2],
            ['申诉事项', 3.4],
            ['理由', 4],
            ['结果', 2],
            ['处理意见', 3.4],
          ],
          appealRows,
        ),
      '本年度无申诉。',
    ),
  );

  body.push(heading('五、绩效自评'));
  const s = a.selfAssessment;
  if (!s) body.push(note('本年度尚未填写绩效自评。'));
  else {
    body.push(
      note(`状态：${SELF_STATUS_LABELS[s.status]}${s.ratedByName ? `（评定：${s.ratedByName}）` : ''}。差距为自评减考核办评定，只作对照，不计入得分。`),
    );
    const rows = s.items.map((i) => {
      const gap = s.gap.lines.find((g) => g.standard === i.standard)?.gap ?? null;
      return [
        SELF_STANDARD_LABELS[i.standard],
        i.target,
        i.planRating ? String(i.planRating) : '—',
        i.result || '—',
        i.resultRating === null ? '—' : String(i.resultRating),
        i.officeRating === null ? '—' : String(i.officeRating),
        gap === null ? '—' : gap > 0 ? `+${gap}` : String(gap),
      ];
    });
    body.push(
      grid(
        [
          ['标准', 1.6],
          ['年初目标', 4],
          ['预评', 1.1],
          ['完成情况', 4],
          ['自评', 1.1],
          ['考核办', 1.3],
          ['差距', 1.1],
        ],
        rows,
      ),
    );
  }

  body.push(heading('六、学习台账'));
  const sessionRows = a.study.sessions.map((x) => [
    chineseDay(x.day),
    STUDY_KIND_LABELS[x.kind],
    x.title,
    x.status === 'planned' ? '计划' : `${x.attended} / ${x.attended + x.absent}`,
    DOT_COLOUR_LABELS[x.colour],
  ]);
  body.push(
    ...orNone(
      sessionRows,
      () =>
        grid(
          [
            ['日期', 2.8],
            ['类型', 2.4],
            ['活动', 5],
            ['实到 / 应到', 2],
            ['状态', 1.6],
          ],
          sessionRows,
        ),
      '本年度无学习活动记录。',
    ),
  );
  const peopleRows = a.study.people.map((p) => [
    p.name,
    String(p.total),
    String(p.present),
    String(p.madeUp),
    String(p.open),
    p.rate === null ? '—' : `${p.rate}%`,
  ]);
  if (peopleRows.length) {
    body.push(subheading('个人完成情况'));
    body.push(
      grid(
        [
          ['姓名', 2.4],
          ['应到', 1.4],
          ['出席', 1.4],
          ['已补学', 1.6],
          ['待补学', 1.6],
          ['完成率', 1.8],
        ],
        peopleRows,
      ),
    );
  }

  const doc = new Document({
    creator: '落实',
    title: `${a.unit.name}${a.year}年度考核档案`,
    sections: [
      {
        properties: { page: { size: { width: 21 * CM, height: 29.7 * CM }, margin: { top: 3.7 * CM, bottom: 3.5 * CM, left: 2.8 * CM, right: 2.6 * CM } } },
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
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
