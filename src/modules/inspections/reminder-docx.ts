// 督查提示件: the reminder note to the leader in charge after an inspection is filed: what was inspected, what was
// seen, the findings by grade and the rectification items with owner and deadline. A4 portrait, official layout.
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TextRun } from 'docx';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps } from '../../context.js';
import { conflict } from '../../errors.js';
import { attachment, chineseDay, CM, DOC_FONT, DOC_RED, DOC_SIZE } from '../../format.js';
import { FINDING_GRADE_LABELS, INSPECTION_METHOD_LABELS, INSPECTION_MODE_LABELS } from '../../shared/labels.js';
import { getInspection } from './service.js';

const body = (text: string, opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; font?: string; before?: number } = {}) =>
  new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 640, firstLineChars: 200 },
    spacing: { before: opts.before ?? 0, line: 560 },
    children: [new TextRun({ text, font: opts.font ?? DOC_FONT.body, size: DOC_SIZE.body })],
  });

export async function reminderDocx(deps: Deps, actor: Actor, id: number) {
  const i = await getInspection(deps, actor, id);
  const x = i.inspection;
  if (x.status !== 'filed' || !x.filedAt) throw conflict('ILLEGAL_TRANSITION', '督查归档后才生成提示件');
  const leader = i.leaderName ? `${i.leaderPosition ?? ''}${i.leaderName}` : '分管领导';
  const grades = (['serious', 'problem', 'good'] as const).map((g) => ({ g, rows: i.findingList.filter((f) => f.finding.grade === g) }));
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 480 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: DOC_RED, space: 6 } },
      children: [new TextRun({ text: `督查提示件〔${dayOf(x.filedAt).slice(0, 4)}〕第 ${x.id} 号`, font: DOC_FONT.body, size: DOC_SIZE.body })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 480, line: 700 },
      children: [new TextRun({ text: `关于${i.unitName}${x.subject}督查情况的提示`, font: DOC_FONT.title, size: DOC_SIZE.title })],
    }),
    body(`${leader}：`, { indent: false }),
    body(
      `${chineseDay(x.visitedOn!)}，${i.teamName}以${INSPECTION_MODE_LABELS[x.mode]}方式（${INSPECTION_METHOD_LABELS[x.method]}）对${i.unitName}${x.subject}进行了督查，地点：${x.place}${x.peopleMet ? `；见面人员：${x.peopleMet}` : ''}。现将有关情况提示如下：`,
    ),
    body('一、督查所见', { font: DOC_FONT.head }),
    ...x.observations.split('\n').map((line) => body(line)),
    ...grades.flatMap(({ g, rows }, n) =>
      rows.length
        ? [
            body(`${['二', '三', '四'][n]}、${FINDING_GRADE_LABELS[g]}（${rows.length} 条）`, { font: DOC_FONT.head }),
            ...rows.map((f, k) =>
              body(
                `${k + 1}. ${f.finding.content}${
                  g === 'good'
                    ? ''
                    : `（整改责任单位：${f.ownerUnitName ?? ''}${f.finding.ownerName ? `，责任人：${f.finding.ownerName}` : ''}；整改时限：${chineseDay(f.taskDeadline ?? f.finding.deadline!)}；已列入督办台账 #${f.finding.taskId}）`
                }`,
              ),
            ),
          ]
        : [],
    ),
    body(`照片 ${i.photos.length} 张附后（见系统督查记录）。请督促相关单位按时限整改到位，整改情况纳入督办台账跟踪问效。`),
    body('县委县政府督查室', { align: AlignmentType.RIGHT, indent: false, before: 480 }),
    body(chineseDay(dayOf(x.filedAt)), { align: AlignmentType.RIGHT, indent: false }),
  ];
  const document = new Document({
    styles: { default: { document: { run: { font: DOC_FONT.body, size: DOC_SIZE.body } } } },
    sections: [
      {
        properties: { page: { size: { width: 21 * CM, height: 29.7 * CM }, margin: { top: 3.7 * CM, bottom: 3.5 * CM, left: 2.8 * CM, right: 2.6 * CM } } },
        children,
      },
    ],
  });
  return { data: await Packer.toBuffer(document), disposition: attachment(`督查提示件（${i.unitName}）.docx`, `reminder-${x.id}.docx`) };
}
