// The assessment's read model: the settings in force, a quarter (stored once published, computed from the published
// monthly scores before) and a year. Monthly scores are read only through review/read.ts `monthScores`, so a later
// correction of a published month applies here in one place.
import type { Db } from '../../db/client.js';
import { reviewedUnits } from '../org/read.js';
import { monthScores, publishedMonths } from '../review/read.js';
import {
  type AssessedUnit,
  type AssessmentSettings,
  DEFAULT_SETTINGS,
  quarterMonths,
  quarterRows,
  type QuarterRow,
  type ScoreItem,
  yearMonths,
  yearQuarters,
  yearRows,
  type YearRow,
} from './rules.js';
import * as store from './store.js';

export async function currentSettings(db: Db): Promise<{ settings: AssessmentSettings; version: number }> {
  const row = await store.findSettings(db);
  return row ? { settings: row.settings, version: row.version } : { settings: DEFAULT_SETTINGS, version: 0 };
}

/** The published scores of the given months (those not published are left out), oldest first, with their units. */
async function publishedScores(db: Db, months: readonly string[], today: string) {
  const published = new Set((await publishedMonths(db)).map((p) => p.period));
  const scored = [];
  for (const period of months.filter((m) => published.has(m))) scored.push(await monthScores(db, period, today));
  const units = new Map<number, AssessedUnit>();
  for (const m of scored) for (const r of m.rows) units.set(r.unitId, { unitId: r.unitId, name: r.unitName, group: r.group });
  // Before any month is published the draft lists today's reviewed units, so bonus items and parts can be entered.
  const list = units.size ? [...units.values()] : (await reviewedUnits(db)).map((u) => ({ unitId: u.id, name: u.name, group: u.group }));
  return {
    missing: months.filter((m) => !published.has(m)),
    // A month's standing score: with the corrections of upheld appeals, once there are any.
    months: scored.map((m) => ({ period: m.period, scores: new Map(m.rows.map((r) => [r.unitId, r.correctedScore ?? r.score])) })),
    // Units that had work in these months: a task issued to them or a scored fact (the quarter's reward needs it).
    worked: new Set(scored.flatMap((m) => m.rows.filter((r) => r.issued > 0 || r.facts.length > 0).map((r) => r.unitId))),
    units: list,
  };
}

export interface QuarterAssessment {
  quarter: string;
  status: 'draft' | 'published';
  publishedAt: Date | null;
  settings: AssessmentSettings;
  missingMonths: string[];
  rows: QuarterRow[];
}

/** A quarter: stored rows once published; before, its published months' scores and its bonus items now. */
export async function quarterAssessment(db: Db, quarter: string, today: string): Promise<QuarterAssessment> {
  const publication = await store.findQuarterPublication(db, quarter);
  if (publication)
    return {
      quarter,
      status: 'published',
      publishedAt: publication.publishedAt,
      settings: publication.settings,
      missingMonths: [],
      rows: await store.storedQuarter(db, quarter),
    };
  const { settings } = await currentSettings(db);
  const scored = await publishedScores(db, quarterMonths(quarter), today);
  const bonus = await store.bonusItems(db, quarter);
  return {
    quarter,
    status: 'draft',
    publishedAt: null,
    settings,
    missingMonths: scored.missing,
    rows: quarterRows({ units: scored.units, months: scored.months, bonus, worked: scored.worked }, settings),
  };
}

export interface YearAssessment {
  year: string;
  status: 'draft' | 'published';
  publishedAt: Date | null;
  settings: AssessmentSettings;
  missingMonths: string[];
  missingQuarters: string[];
  missingParts: number;
  rows: (YearRow & { interviewId: number | null })[];
}

/**
 * A year: stored rows once published; before, the closing part from the year's published monthly scores and the
 * bonus items of its published quarters, and the office's parts as entered so far.
 */
export async function yearAssessment(db: Db, year: string, today: string): Promise<YearAssessment> {
  const publication = await store.findYearPublication(db, year);
  if (publication)
    return {
      year,
      status: 'published',
      publishedAt: publication.publishedAt,
      settings: publication.settings,
      missingMonths: [],
      missingQuarters: [],
      missingParts: 0,
      rows: await store.storedYear(db, year),
    };
  const { settings } = await currentSettings(db);
  const scored = await publishedScores(db, yearMonths(year), today);
  const quarters: { quarter: string; rows: QuarterRow[] }[] = [];
  const missingQuarters: string[] = [];
  for (const q of yearQuarters(year)) {
    if (await store.findQuarterPublication(db, q)) quarters.push({ quarter: q, rows: await store.storedQuarter(db, q) });
    else missingQuarters.push(q);
  }
  const records = new Map<number, ScoreItem[]>(
    scored.units.map((u) => [
      u.unitId,
      [
        ...scored.months.flatMap((m): ScoreItem[] => {
          const points = m.scores.get(u.unitId);
          return points === undefined
            ? []
            : [{ kind: 'month', label: `${m.period} 月点评得分`, points, period: m.period, bonusId: null, bonusKind: null, day: null }];
        }),
        ...quarters.flatMap((q) => (q.rows.find((r) => r.unitId === u.unitId)?.items ?? []).filter((i) => i.kind === 'bonus')),
      ],
    ]),
  );
  const entries = await store.yearParts(db, year);
  const rows = yearRows({ units: scored.units, records, entries }, settings);
  return {
    year,
    status: 'draft',
    publishedAt: null,
    settings,
    missingMonths: scored.missing,
    missingQuarters,
    missingParts: rows.reduce((n, r) => n + r.parts.filter((p) => p.points === null).length, 0),
    rows: rows.map((r) => ({ ...r, interviewId: null })),
  };
}
