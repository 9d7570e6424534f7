// 考核档案 (seed 002 "针对不同的督查事项分别建立详实完备的考核档案"): everything on record about a unit's year, per item —
// its sheets, progress reports and closing —, then its published monthly scores, appeals, self-assessment and study
// ledger, in one view and one printable Word document. Reads only other modules' read models.
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { notFound } from '../../errors.js';
import { attachment } from '../../format.js';
import { authorize, inScope } from '../../permissions.js';
import { recordAudit } from '../audit/service.js';
import { loadScope } from '../org/scope.js';
import { monthScores, publishedMonths } from '../review/read.js';
import { unitSelfAssessment } from '../selfassessment/read.js';
import { unitStudyYear } from '../study/read.js';
import { unitInspectionYear } from '../inspections/read.js';
import { buildArchiveDocx } from './docx.js';
import * as store from './store.js';

export type ArchiveView = Awaited<ReturnType<typeof unitArchive>>;

export async function unitArchive(deps: Deps, actor: Actor, unitId: number, year: number) {
  authorize(actor, 'archive.read');
  const unit = await store.findUnit(deps.db, unitId);
  if (!unit || !inScope(await loadScope(deps.db, actor), unitId)) throw notFound('ARCHIVE_UNIT_NOT_FOUND');
  const today = dayOf(deps.clock.now());
  const items = await store.itemsOf(deps.db, unitId, year);
  const taskIds = items.map((i) => i.id);
  const [sheets, reports, closings] = [
    await store.sheetsOf(deps.db, taskIds),
    await store.reportsOf(deps.db, taskIds),
    await store.closingsOf(deps.db, taskIds),
  ];
  const scores = [];
  for (const m of (await publishedMonths(deps.db)).filter((p) => p.period.startsWith(`${year}-`)).reverse()) {
    const row = (await monthScores(deps.db, m.period, today)).rows.find((r) => r.unitId === unitId);
    if (row)
      scores.push({
        period: m.period,
        score: row.score,
        rank: row.rank,
        group: row.group,
        correctedScore: row.correctedScore ?? null,
        correctedRank: row.correctedRank ?? null,
      });
  }
  return {
    unit,
    year,
    printedOn: today,
    items: items.map((i) => ({
      ...i,
      sheets: sheets.filter((s) => s.taskId === i.id),
      reports: reports.filter((r) => r.taskId === i.id),
      closings: closings.filter((c) => c.taskId === i.id),
    })),
    // 明察暗访: the unit's filed inspections of the year, their findings and the rectification items they became.
    inspections: await unitInspectionYear(deps.db, unitId, year),
    scores,
    appeals: await store.appealsOf(deps.db, unitId, year),
    selfAssessment: await unitSelfAssessment(deps.db, unitId, String(year)),
    study: await unitStudyYear(deps.db, today, unitId, year),
  };
}

/** The archive as a .docx; the download is audited, as printing a unit's record is a use of it. */
export async function archiveDocx(deps: Deps, who: Who & { actor: Actor }, unitId: number, year: number) {
  const view = await unitArchive(deps, who.actor, unitId, year);
  const data = await buildArchiveDocx(view);
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, who, { action: 'archive.print', targetType: 'unit', targetId: unitId, after: { year, items: view.items.length } }),
  );
  return { data, disposition: attachment(`${view.unit.name}${year}年度考核档案.docx`, `archive-${unitId}-${year}.docx`) };
}
