// The monthly notice (月度通报) as a Word document in the layout of a government document (GB/T 9704): a red masthead
// with the issue number, the title in 小标宋 二号 centred, the body in 仿宋 三号 with numbered headings in 黑体, tables
// and charts, the issuing office and date at the end, and page numbers in the footer.
import { AlignmentType, BorderStyle, Document, Header, ImageRun, LineRuleType, Packer, Paragraph } from 'docx';
import { dayOf } from '../../calendar/rules.js';
import {
  chineseDay,
  chineseMonth,
  CM,
  docBody as body,
  docCaption as caption,
  DOC_FONT,
  docGrid as grid,
  docHeading as heading,
  DOC_LINE as LINE,
  DOC_PAGE,
  docPageNumberFooter,
  DOC_RED,
  docRun as run,
  DOC_SIZE,
  docSubheading as subheading,
  DOC_TEXT_CM as TEXT_CM,
} from '../../format.js';
import { REVIEW_GROUP_LABELS, REVIEW_GROUPS } from '../../shared/labels.js';
import { noticeCharts, type ChartImage } from './charts.js';
import { itemLines } from './rules.js';
import type { NoticeView } from './service.js';

const PX_PER_CM = 96 / 2.54;

export const noticeTitle = (period: string) => `关于${chineseMonth(period)}工作落实情况的通报`;

// A figure's caption goes under it.
const figureCaption = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 60, after: 200 }, children: [run(text, DOC_FONT.head, 24)] });

const image = (chart: ChartImage) => {
  const width = Math.round(TEXT_CM * PX_PER_CM);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120 },
    keepNext: true,
    children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width, height: Math.round((chart.height * width) / chart.width) } })],
  });
};

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
const score = (hundredths: number) => (hundredths / 100).toFixed(2);

/** The notice of `n` as a .docx: what the page shows, laid out for print. */
export async function buildNoticeDocx(n: NoticeView): Promise<Buffer> {
  const issued = n.status === 'issued';
  const bottomIds = new Set(n.bottom.flatMap((b) => (b.confirmed ?? []).map((u) => u.unitId)));
  const charts = await noticeCharts(n.rows, REVIEW_GROUPS, bottomIds);
  const chartOf = (title: string) => charts.filter((c) => c.title.includes(title));
  const day = n.issuedAt ? dayOf(n.issuedAt) : dayOf(n.publishedAt);
  const o = n.overview;

  const overviewTable = grid(
    [
      ['分组', 2.1, 'center'],
      ['参评单位', 1.8, 'right'],
      ['交办', 1.1, 'right'],
      ['已销号', 1.5, 'right'],
      ['按时销号', 1.8, 'right'],
      ['逾期未完成', 2.2, 'right'],
      ['挂单', 1.2, 'right'],
      ['完成率', 1.7, 'right'],
      ['按时完成率', 2.2, 'right'],
    ],
    [...n.groups.map((g) => ({ ...g, label: REVIEW_GROUP_LABELS[g.group] })), { ...o, label: '合计' }].map((g) => [
      g.label,
      String(g.units),
      String(g.issued),
      String(g.closedOnTime + g.closedLate),
      String(g.closedOnTime),
      String(g.overdue),
      String(g.carried),
      pct(g.closeRate),
      pct(g.onTimeRate),
    ]),
  );

  const rankingTable = (group: (typeof REVIEW_GROUPS)[number]) =>
    grid(
      [
        ['名次', 1.2, 'center'],
        ['单位', 4.0, 'left'],
        ['得分', 1.6, 'right'],
        ['交办', 1.3, 'right'],
        ['按时销号', 1.8, 'right'],
        ['逾期销号', 1.8, 'right'],
        ['逾期未完成', 2.2, 'right'],
        ['挂单', 1.7, 'right'],
      ],
      n.rows
        .filter((r) => r.group === group)
        .map((r) => [
          String(r.rank),
          r.unitName,
          score(r.score),
          String(r.issued),
          String(r.closedOnTime),
          String(r.closedLate),
          String(r.overdue),
          String(r.carried),
        ]),
    );

  const ORD = ['一', '二', '三', '四', '五', '六', '七', '八'];
  let h = 0;
  const next = (t: string) => heading(`${ORD[h++]}、${t}`);

  // Deadlines in the notice's own year without the year, as 11月30日.
  const deadline = (d: string) => (d.startsWith(n.period.slice(0, 4)) ? chineseDay(d).slice(5) : chineseDay(d));
  const itemRows = itemLines(n.items).map((i) => [i.unitName, i.title, deadline(i.deadline), i.state]);
  const drawnText = REVIEW_GROUPS.map((g) => {
    const list = n.drawn.filter((d) => d.group === g);
    return list.length ? `${REVIEW_GROUP_LABELS[g]}：${list.map((d) => d.unitName).join('、')}` : '';
  }).filter(Boolean);

  const children = [
    ...(issued ? [] : [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run('征求意见稿', DOC_FONT.head, DOC_SIZE.body, { color: DOC_RED })] })]),
    // The masthead (版头): the document's name in red, the issue number, the issuer and date, then the red rule.
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 240 },
      children: [run('督查工作通报', DOC_FONT.title, 72, { color: DOC_RED })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(n.issueNumber)] }),
    new Paragraph({
      spacing: { before: 120, after: 480 },
      tabStops: [{ type: 'right', position: TEXT_CM * CM }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: DOC_RED, space: 8 } },
      children: [run(n.office), run(`\t${chineseDay(day)}`)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 480, line: 700, lineRule: LineRuleType.EXACT },
      children: [run(n.title, DOC_FONT.title, DOC_SIZE.title)],
    }),
    new Paragraph({ spacing: LINE, children: [run('各乡镇（街道）党（工）委、政府（办事处），县直各单位：')] }),
    ...body(n.paragraphs.opening),

    next('总体情况'),
    ...body(
      `${chineseMonth(n.period)}，全县共交办事项${o.issued}件，已销号${o.closedOnTime + o.closedLate}件，完成率${pct(o.closeRate)}，按时完成率${pct(o.onTimeRate)}；逾期未完成${o.overdue}件，挂单转下月${o.carried}件。分组情况见表1。`,
    ),
    caption('表1  月度工作落实总体情况'),
    overviewTable,
    ...chartOf('完成率').flatMap((c) => [image(c), figureCaption(`图  ${c.title}`)]),

    next('考核排名'),
    ...body('按照评分方案，根据各单位交办事项办结、逾期、挂单和督办单等情况计分，乡镇（街道）和县直单位分组排名；得分相同的名次并列。'),
    ...REVIEW_GROUPS.flatMap((g, i) => [
      subheading(`（${ORD[i]}）${REVIEW_GROUP_LABELS[g]}`),
      caption(`表${i + 2}  ${REVIEW_GROUP_LABELS[g]}得分排名`),
      rankingTable(g),
      ...chartOf(`${REVIEW_GROUP_LABELS[g]}得分`).flatMap((c) => [image(c), figureCaption(`图  ${c.title}`)]),
    ]),

    next('末位表态和抽签述职'),
    ...body(
      [
        ...REVIEW_GROUPS.map((g) => {
          const b = n.bottom.find((x) => x.group === g);
          const list = b?.confirmed ?? [];
          return list.length
            ? `${REVIEW_GROUP_LABELS[g]}中，${list.map((u) => u.unitName).join('、')}得分居末位，须在点评会上作表态发言。`
            : `${REVIEW_GROUP_LABELS[g]}本月无末位表态单位。`;
        }),
        drawnText.length ? `经抽签，以下单位在点评会上述职：${drawnText.join('；')}。` : '本月未进行抽签述职。',
      ].join('\n'),
    ),

    next('逾期未完成和挂单事项'),
    ...(itemRows.length
      ? [
          ...body(`截至月末，共有逾期未完成事项${o.overdue}件、挂单转下月事项${o.carried}件，按责任单位列示如下（见表4）。`),
          caption('表4  逾期未完成和挂单事项'),
          grid(
            [
              ['责任单位', 3.2, 'left'],
              ['事项', 7.0, 'left'],
              ['完成时限', 2.6, 'center'],
              ['情况', 2.8, 'center'],
            ],
            itemRows,
          ),
        ]
      : body('本月无逾期未完成和挂单事项。')),

    next('专项工作情况'),
    caption('表5  分类专项工作情况'),
    grid(
      [
        ['类别', 3.3, 'left'],
        ['交办', 1.5, 'right'],
        ['已销号', 1.7, 'right'],
        ['按时销号', 1.8, 'right'],
        ['逾期未完成', 2.2, 'right'],
        ['挂单', 1.2, 'right'],
        ['完成率', 1.7, 'right'],
        ['按时完成率', 2.2, 'right'],
      ],
      n.categories.map((c) => [
        c.name,
        String(c.issued),
        String(c.closedOnTime + c.closedLate),
        String(c.closedOnTime),
        String(c.overdue),
        String(c.carried),
        pct(c.closeRate),
        pct(c.onTimeRate),
      ]),
    ),

    next('存在问题'),
    ...body(n.paragraphs.problems),
    next('下步要求'),
    ...body(n.paragraphs.requirements),

    // The issuer and the date, right-aligned four characters in from the margin.
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { ...LINE, before: 560 }, indent: { right: 4 * 0.56 * CM }, children: [run(n.office)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 4 * 0.56 * CM }, children: [run(chineseDay(day))] }),
  ];

  const doc = new Document({
    title: n.title,
    styles: { default: { document: { run: { font: DOC_FONT.body, size: DOC_SIZE.body } } } },
    sections: [
      {
        properties: { page: DOC_PAGE },
        headers: issued
          ? undefined
          : {
              default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run('征求意见稿 · 未印发', DOC_FONT.song, 18)] })] }),
            },
        footers: { default: docPageNumberFooter() },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
