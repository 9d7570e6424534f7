// The meeting pack (月点评会材料) as a Word document in the look of the monthly notice: a red masthead and rule, the
// title in 小标宋, numbered sections in 黑体 with the same contents as the pack page (ranking, red items, the drawn
// units and what they report, bottom statements, stars, last meeting's commitments and what became of each), then
// the instructions and commitments recorded at this meeting, and page numbers in the footer.
import { AlignmentType, BorderStyle, Document, LineRuleType, Packer, Paragraph } from 'docx';
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
import { FINDING_GRADE_LABELS, INSPECTION_MODE_LABELS, REVIEW_GROUP_LABELS } from '../../shared/labels.js';
import { OUTCOME_LABELS } from './rules.js';
import type { getPack } from './service.js';
import type { NoteRow } from './store.js';

type Pack = Awaited<ReturnType<typeof getPack>>;

export const packTitle = (period: string) => `${chineseMonth(period)}工作点评会会议材料`;

const ORD = ['一', '二', '三', '四', '五', '六', '七', '八'];
const score = (hundredths: number) => (hundredths / 100).toFixed(2);
const day = (d: string | null) => (d ? chineseDay(d) : '—');

/** The pack of `p` with this meeting's recorded `notes`, as a .docx. */
export async function buildPackDocx(p: Pack, notes: readonly NoteRow[], office: string): Promise<Buffer> {
  let h = 0;
  const next = (t: string) => heading(`${ORD[h++]}、${t}`);
  let t = 0;
  const table = (title: string) => caption(`表${++t}  ${title}`);

  const instructions = notes.filter((n) => n.note.kind === 'instruction');
  const commitments = notes.filter((n) => n.note.kind === 'commitment');

  const children = [
    new Paragraph({ children: [run('内部材料  注意保存', DOC_FONT.head)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 240 },
      children: [run('月点评会材料', DOC_FONT.title, 72, { color: DOC_RED })],
    }),
    new Paragraph({
      spacing: { before: 120, after: 480 },
      tabStops: [{ type: 'right', position: TEXT_CM * CM }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: DOC_RED, space: 8 } },
      children: [run(office), run(`\t会议日期：${chineseDay(p.meetingDate)}`)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 480, line: 700, lineRule: LineRuleType.EXACT },
      children: [run(packTitle(p.period), DOC_FONT.title, DOC_SIZE.title)],
    }),

    next('本月排名'),
    ...body(
      p.reviewStatus === 'published'
        ? '按照评分方案计分，乡镇（街道）和县直单位分组排名，得分相同的名次并列。'
        : '本月评分尚未公布，以下为按现行评分方案计算的当前结果，以公布为准。',
    ),
    ...p.ranking.flatMap((g, i) => [
      subheading(`（${ORD[i]}）${REVIEW_GROUP_LABELS[g.group]}`),
      table(`${REVIEW_GROUP_LABELS[g.group]}得分排名`),
      grid(
        [
          ['名次', 2, 'center'],
          ['单位', 9.6, 'left'],
          ['得分', 4, 'right'],
        ],
        g.rows.map((r) => [String(r.rank), r.unitName, score(r.score)]),
      ),
    ]),

    next('红灯事项（逾期未完成）'),
    ...(p.red.length
      ? [
          ...body(`截至会前，共有${p.red.reduce((n, u) => n + u.tasks.length, 0)}项事项逾期未完成，涉及${p.red.length}个单位，按责任单位列示如下。`),
          table('红灯事项'),
          grid(
            [
              ['责任单位', 4, 'left'],
              ['事项', 8.6, 'left'],
              ['完成时限', 3, 'center'],
            ],
            p.red.flatMap((u) => u.tasks.map((x) => [u.unitName, x.title, day(x.deadline)])),
          ),
        ]
      : body('截至会前，没有逾期未完成的事项。')),

    next('抽签汇报单位'),
    ...(p.lottery.length
      ? [
          table('抽签汇报单位及汇报内容'),
          grid(
            [
              ['分组', 2.8, 'center'],
              ['顺序', 1.4, 'center'],
              ['单位', 4, 'left'],
              ['须汇报的内容', 7.4, 'left'],
            ],
            p.lottery.map((d) => [REVIEW_GROUP_LABELS[d.group], String(d.order), d.unitName, d.mustReport]),
          ),
        ]
      : body('本月尚未抽签。')),

    next('表态发言'),
    ...body(
      p.bottom.length
        ? p.bottom
            .map(
              (b) =>
                `${REVIEW_GROUP_LABELS[b.group]}中，${b.units.map((u) => u.unitName).join('、')}得分居末位，须在会上作表态发言${b.confirmed ? '' : '（建议名单，待确认）'}。`,
            )
            .join('\n')
        : '本月无须作表态发言的单位。',
    ),

    next('评星'),
    ...body(p.honours.length ? p.honours.map((x) => `${x.unitName}：${x.label}`).join('\n') : '本月单位之星、干部之星和亮点工作尚未评定。'),
    ...(p.leaderStars.some((l) => l.stars !== null)
      ? [
          table('县领导星级（建议）'),
          grid(
            [
              ['县领导', 3, 'left'],
              ['职务', 6.6, 'left'],
              ['分管单位', 2.6, 'right'],
              ['星级', 3.4, 'center'],
            ],
            p.leaderStars.filter((l) => l.stars !== null).map((l) => [l.leaderName, l.position, String(l.led), '★'.repeat(l.stars!)]),
          ),
        ]
      : []),

    next('上次会议承诺落实情况'),
    ...(p.past.length
      ? [
          table('上次会议承诺落实情况'),
          grid(
            [
              ['单位', 3.4, 'left'],
              ['承诺事项', 6.6, 'left'],
              ['承诺时限', 2.8, 'center'],
              ['落实情况', 2.8, 'center'],
            ],
            p.past.map((c) => [c.unitName, c.content, day(c.dueDate), OUTCOME_LABELS[c.outcome]]),
          ),
        ]
      : body('上次会议没有作出承诺。')),
    ...(p.instructions.length ? [subheading('上次会议领导批示'), ...body(p.instructions.map((i) => `${i.leaderName}：${i.content}`).join('\n'))] : []),

    next('督查检查发现'),
    ...(p.findings.length
      ? [
          table('本月明察暗访发现'),
          grid(
            [
              ['单位', 3.2, 'left'],
              ['等次', 2, 'center'],
              ['发现', 7.6, 'left'],
              ['整改时限', 2.8, 'center'],
            ],
            p.findings.flatMap((u) =>
              [...u.problems, ...u.good].map((f) => [
                u.unitName,
                FINDING_GRADE_LABELS[f.grade],
                `${INSPECTION_MODE_LABELS[f.mode]}“${f.subject}”：${f.content}`,
                f.grade === 'good' ? '—' : day(f.deadline),
              ]),
            ),
          ),
        ]
      : body('本月无已归档的明察暗访发现。')),

    ...(notes.length
      ? [
          next('本次会议领导批示和承诺'),
          ...(instructions.length
            ? [subheading('（一）领导批示'), ...body(instructions.map((n) => `${n.note.leaderName}：${n.note.content}`).join('\n'))]
            : []),
          ...(commitments.length
            ? [
                subheading(`（${instructions.length ? '二' : '一'}）承诺`),
                grid(
                  [
                    ['单位', 3.4, 'left'],
                    ['承诺事项', 6.6, 'left'],
                    ['完成时限', 2.8, 'center'],
                    ['督办', 2.8, 'center'],
                  ],
                  commitments.map((n) => [n.unitName ?? '', n.note.content, day(n.note.dueDate), n.task?.id ? `已转为任务 #${n.task.id}` : '—']),
                ),
              ]
            : []),
        ]
      : []),

    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { ...LINE, before: 560 }, indent: { right: 4 * 0.56 * CM }, children: [run(office)] }),
  ];

  const doc = new Document({
    title: packTitle(p.period),
    styles: { default: { document: { run: { font: DOC_FONT.body, size: DOC_SIZE.body } } } },
    sections: [{ properties: { page: DOC_PAGE }, footers: { default: docPageNumberFooter() }, children }],
  });
  return Packer.toBuffer(doc);
}
