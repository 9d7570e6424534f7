// The stars module's read model: what a month's score takes from it (review/read.ts liveScores). The star winners of
// the month and the highlight work selected for it (monthly, and the half year's in its last month), each credited to
// a unit on the month's last day, as the review's facts (review/rules.ts Honour).
import { and, count, eq, isNotNull, like } from 'drizzle-orm';
import { type Day, monthEnd } from '../../calendar/rules.js';
import type { Db } from '../../db/client.js';
import { STAR_KIND_LABELS } from '../../shared/labels.js';
import { highlightDay } from './rules.js';
import { starNominations } from './schema.js';
import * as store from './store.js';

export interface MonthHonour {
  kind: 'unit_star' | 'cadre_star' | 'highlight_selected' | 'highlight_half_year';
  unitId: number;
  day: Day;
  label: string;
}

export async function monthHonours(db: Db, period: string): Promise<MonthHonour[]> {
  const month = Number(period.slice(5, 7));
  const halves = month === 6 || month === 12 ? [{ cycle: 'half_year' as const, period: `${period.slice(0, 4)}-H${month === 6 ? 1 : 2}` }] : [];
  const [winners, highlights] = await Promise.all([store.monthWinners(db, period), store.selectedHighlightsIn(db, [{ cycle: 'month', period }, ...halves])]);
  return [
    ...winners.map((w) => ({
      kind: w.kind === 'unit' ? ('unit_star' as const) : ('cadre_star' as const),
      unitId: w.unitId,
      day: monthEnd(period),
      label: `${STAR_KIND_LABELS[w.kind]}${w.personName ? `（${w.personName}）` : ''}：${w.citation}`,
    })),
    ...highlights.map((h) => ({
      kind: h.cycle === 'month' ? ('highlight_selected' as const) : ('highlight_half_year' as const),
      unitId: h.unitId,
      day: highlightDay(h.cycle, h.period),
      label: `亮点工作${h.cycle === 'month' ? '' : `（${h.period.slice(0, 4)}年${h.period.endsWith('H1') ? '上' : '下'}半年）`}：${h.title}`,
    })),
  ];
}

/** How many stars each person was awarded in the year's months (the dossier's banding: one statement for everyone). */
export async function awardedStarsOfYear(db: Db, year: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ personId: starNominations.personId, n: count() })
    .from(starNominations)
    .where(and(eq(starNominations.status, 'awarded'), isNotNull(starNominations.personId), like(starNominations.period, `${year}-%`)))
    .groupBy(starNominations.personId);
  return new Map(rows.map((r) => [r.personId!, r.n]));
}
