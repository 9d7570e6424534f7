// The documents: a person's record and an opinion as Word, the year's opinions as Excel for the organisation
// department and the pay system (the same rows and texts as GET /opinions, corrections applied).
import ExcelJS from 'exceljs';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { attachment, printedSheet } from '../../format.js';
import { recordAudit } from '../audit/service.js';
import { buildOpinionDocx, buildRecordDocx, opinionTitle, recordTitle } from './docx.js';
import { FIELD_LABELS } from './rules.js';
import { getOpinion, listOpinions, personRecord } from './service.js';

export async function recordDocx(deps: Deps, actor: Actor, personId: number, year?: number) {
  const record = await personRecord(deps, actor, personId, year);
  const data = await buildRecordDocx(record, dayOf(deps.clock.now()));
  return { data, disposition: attachment(`${recordTitle(record)}.docx`, `record-${personId}-${record.year}.docx`) };
}

export async function opinionDocx(deps: Deps, actor: Actor, id: number) {
  const opinion = await getOpinion(deps, actor, id);
  const data = await buildOpinionDocx(opinion);
  return { data, disposition: attachment(`${opinionTitle(opinion)}${opinion.status === 'issued' ? '' : '（草稿）'}.docx`, `opinion-${id}.docx`) };
}

export const EXPORT_HEADERS = [
  '序号',
  '类别',
  '名称',
  '单位职务或分组',
  '排名',
  '排名依据',
  '分档',
  '综合评价',
  '奖励建议',
  '问责建议',
  '选任建议',
  '状态',
  '印发日期',
  '更正',
];
export const EXPORT_HEADER_ROW = 2;

/** Every opinion of the year, one row each, in the order of the page. */
export async function opinionsXlsx(deps: Deps, who: Who & { actor: Actor }, asked?: number) {
  const { year, items: opinions } = await listOpinions(deps, who.actor, asked);
  const wb = new ExcelJS.Workbook();
  const { ws } = printedSheet(wb, `${year}年度考核意见`, {
    headerRow: EXPORT_HEADER_ROW,
    widths: [6, 6, 14, 22, 6, 18, 8, 48, 30, 30, 30, 8, 12, 30],
    title: `${year}年度考核意见`,
  });
  const header = ws.getRow(EXPORT_HEADER_ROW);
  header.values = EXPORT_HEADERS;
  header.font = { bold: true };
  opinions.forEach((o, i) => {
    const row = ws.addRow([
      i + 1,
      o.subject === 'unit' ? '单位' : '干部',
      o.subjectName,
      o.context,
      o.rank ?? '',
      o.basis,
      o.standing.band,
      o.standing.summary,
      o.standing.rewards,
      o.standing.accountability,
      o.standing.appointment,
      o.status === 'issued' ? '已印发' : '草稿',
      o.issuedAt ? dayOf(o.issuedAt) : '',
      o.changes
        .filter((c) => c.kind === 'correction')
        .map((c) => `${dayOf(c.changedAt)} ${FIELD_LABELS[c.field]}：${c.reason}`)
        .join('\n'),
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, who, { action: 'opinion.export', targetType: 'annual_opinions', targetId: year, after: { year, count: opinions.length } }),
  );
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  return { data, disposition: attachment(`${year}年度考核意见.xlsx`, `opinions-${year}.xlsx`) };
}
