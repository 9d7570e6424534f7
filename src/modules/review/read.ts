// The monthly review's read model: a month's scores (stored once published, computed from the record before), its
// bottom-statement proposal, leaders' stars and category reports. Other modules (a later notice, appeals, quarterly
// assessment) read a month through `monthScores` and `monthReview`.
import { and, asc, eq } from 'drizzle-orm';
import { addCalendarDays, dayOf, type Day, monthEnd, monthStart, startOfDay } from '../../calendar/rules.js';
import type { Db } from '../../db/client.js';
import { REVIEW_GROUPS, type ReviewGroup } from '../../shared/labels.js';
import { monthDeductions } from '../chasing/deductions.js';
import { type Counts, monthCounts, taskCounts, withRates } from '../figures/read.js';
import { leaders, people, reviewedUnits } from '../org/read.js';
import { monthHonours } from '../stars/read.js';
import { listCategories, monthTasks, partsOf, sheetsIssuedBetween } from '../tasks/read.js';
import { correctedRanks } from './appeal-rules.js';
import {
  computedStars,
  type Fact,
  latePartsOf,
  type MonthPart,
  type MonthTask,
  proposeBottom,
  rankGroup,
  schemeFor,
  scoreOf,
  unitFacts,
  weightsOf,
} from './rules.js';
import * as store from './store.js';

export interface ScoreRow {
  unitId: number;
  unitName: string;
  group: ReviewGroup;
  position: number;
  rank: number;
  score: number; // hundredths
  issued: number;
  closedOnTime: number;
  closedLate: number;
  overdue: number;
  carried: number;
  closeRate: number | null;
  onTimeRate: number | null;
  facts: (Fact & { factId?: number })[]; // a published fact carries its id (what an appeal refers to)
  // Only in a published month with corrections (upheld appeals): the score and rank with them added, and the list.
  correctedScore?: number;
  correctedRank?: number;
  corrections?: Correction[];
}

export interface Correction {
  id: number;
  appealId: number;
  points: number; // hundredths
  reason: string;
  createdAt: Date;
}

export interface MonthScores {
  period: string;
  status: 'draft' | 'published';
  publishedAt: Date | null;
  schemeVersion: number;
  figuresFrozen: boolean;
  rows: ScoreRow[];
}

export interface LeaderStars {
  leaderId: number;
  leaderName: string;
  position: string;
  led: number;
  closedOnTime: number;
  closedLate: number;
  overdue: number;
  computed: number | null;
  stars: number | null;
  reason: string;
}

export interface CategoryReport extends Counts {
  categoryId: number;
  name: string;
  closeRate: number | null;
  onTimeRate: number | null;
}

export interface BottomGroup {
  group: ReviewGroup;
  proposed: { unitId: number; unitName: string }[];
  confirmed: { unitId: number; unitName: string }[] | null;
  reason: string;
}

const ZERO: Counts = { issued: 0, closedOnTime: 0, closedLate: 0, overdue: 0, carried: 0 };
const groupOrder = (g: ReviewGroup) => REVIEW_GROUPS.indexOf(g);
const inOrder = (rows: ScoreRow[]) => rows.sort((a, b) => groupOrder(a.group) - groupOrder(b.group) || a.position - b.position);

// The month's tasks with their cooperating parts, as the review reads them (rules.ts MonthPart).
async function tasksWithParts(db: Db, period: string): Promise<MonthTask[]> {
  const tasks = await monthTasks(db, period);
  const parts = await partsOf(
    db,
    tasks.map((t) => t.id),
  );
  const byTask = new Map<number, MonthPart[]>();
  const deadlines = new Map(tasks.map((t) => [t.id, t.deadline]));
  for (const p of parts) {
    const delivered = (p.status === 'reported' || p.status === 'done') && p.reportedAt ? dayOf(p.reportedAt) : null;
    const part = {
      unitId: p.unitId,
      unitName: p.unitName,
      dueDay: p.dueDate ?? deadlines.get(p.taskId)!,
      deliveredOn: delivered,
      explained: p.status === 'explained',
    };
    byTask.set(p.taskId, [...(byTask.get(p.taskId) ?? []), part]);
  }
  return tasks.map((t) => ({ ...t, parts: byTask.get(t.id) ?? [] }));
}

/** A draft month computed from the record now: each reviewed unit's facts and score by the scheme in force. */
async function liveScores(db: Db, period: string, today: Day) {
  const schemes = await store.allSchemes(db);
  const scheme = schemeFor(schemes, period);
  if (!scheme) throw new Error(`no scoring scheme in force for ${period}`);
  const weights = weightsOf(scheme.weights);
  const [units, figures, tasks, sheets, deductions, manual, honours] = await Promise.all([
    reviewedUnits(db),
    monthCounts(db, period, today),
    tasksWithParts(db, period),
    sheetsIssuedBetween(db, startOfDay(monthStart(period)), startOfDay(addCalendarDays(monthEnd(period), 1))),
    monthDeductions(db, period),
    store.manualFacts(db, period),
    monthHonours(db, period),
  ]);
  const counts = new Map(figures.rows.map((r) => [r.unitId, r.counts]));
  const through = [today, monthEnd(period)].sort()[0]!;
  const withLateParts = scheme.partShare > 0 ? tasks.filter((t) => latePartsOf(t, through).length) : [];
  const rows: ScoreRow[] = [];
  for (const group of REVIEW_GROUPS) {
    const members = units.map((u) => {
      const c = counts.get(u.id) ?? ZERO;
      const facts = unitFacts(
        {
          tasks: tasks.filter((t) => t.leadUnitId === u.id),
          cooperated: withLateParts.filter((t) => latePartsOf(t, through).some((p) => p.unitId === u.id)),
          unitId: u.id,
          sheets: sheets.filter((s) => s.unitId === u.id).map((s) => ({ ...s, day: dayOf(s.issuedAt) })),
          deductions: deductions.filter((d) => d.unitId === u.id).map((d) => ({ ...d, points: Math.round(d.points * 100), day: dayOf(d.createdAt) })),
          manual: manual.filter((m) => m.unitId === u.id),
          honours: honours.filter((h) => h.unitId === u.id),
        },
        weights,
        period,
        today,
        scheme.partShare,
      );
      return { unit: u, facts, c, rates: withRates(c) };
    });
    const ranked = rankGroup(
      members
        .filter((m) => m.unit.group === group)
        .map((m) => ({ unitId: m.unit.id, name: m.unit.name, score: scoreOf(m.facts), onTimeRate: m.rates.onTimeRate, m })),
    );
    for (const r of ranked)
      rows.push({
        unitId: r.unitId,
        unitName: r.name,
        group,
        position: r.position,
        rank: r.rank,
        score: r.score,
        ...r.m.c,
        closeRate: r.m.rates.closeRate,
        onTimeRate: r.m.rates.onTimeRate,
        facts: r.m.facts,
      });
  }
  return { scheme, figuresFrozen: figures.frozen, rows, tasks };
}

/**
 * A month's scores per reviewed unit, towns first, each group in rank order. A published month answers from its
 * stored rows (never recomputed); any other month is computed now by the scheme in force for it.
 */
export async function monthScores(db: Db, period: string, today: Day): Promise<MonthScores> {
  const publication = await store.findPublication(db, period);
  if (publication) {
    const [stored, corrections] = await Promise.all([store.storedScores(db, period), store.monthCorrections(db, period)]);
    const rows: ScoreRow[] = stored.map((s) => ({ ...s, ...withRates(s) }));
    return {
      period,
      status: 'published',
      publishedAt: publication.publishedAt,
      schemeVersion: publication.schemeVersion,
      figuresFrozen: true,
      rows: inOrder(corrections.length ? withCorrections(rows, corrections) : rows),
    };
  }
  const live = await liveScores(db, period, today);
  return { period, status: 'draft', publishedAt: null, schemeVersion: live.scheme.version, figuresFrozen: live.figuresFrozen, rows: live.rows };
}

/** A published month's rows with their corrections: the published figures stay as stored, the corrected ones beside. */
function withCorrections(rows: ScoreRow[], corrections: (Correction & { unitId: number })[]): ScoreRow[] {
  const corrected = correctedRanks(rows, corrections);
  return rows.map((r) => ({
    ...r,
    ...corrected.get(r.unitId)!,
    corrections: corrections.filter((c) => c.unitId === r.unitId).map(({ unitId: _u, ...c }) => c),
  }));
}

export interface ReviewExtras {
  bottom: BottomGroup[];
  stars: LeaderStars[];
  categories: CategoryReport[];
}

/** Leaders' stars, category reports and the bottom statements of a draft month, from its live scores. */
async function liveExtras(db: Db, period: string, today: Day, rows: ScoreRow[], tasks: MonthTask[]): Promise<ReviewExtras> {
  const names = new Map(rows.map((r) => [r.unitId, r.unitName]));
  const named = (ids: number[]) => ids.map((unitId) => ({ unitId, unitName: names.get(unitId) ?? '' }));
  const confirmed = await store.bottomStatements(db, period);
  const bottom = REVIEW_GROUPS.map((group) => {
    const own = confirmed.filter((c) => c.group === group);
    return {
      group,
      proposed: named(proposeBottom(rows.filter((r) => r.group === group))),
      confirmed: own.length ? named(own.map((c) => c.unitId)) : null,
      reason: own[0]?.reason ?? '',
    };
  });

  const counted = tasks.flatMap((t) => {
    const c = taskCounts({ ...t, unitId: t.leadUnitId }, period, today);
    return c ? [{ t, c }] : [];
  });
  const sumOf = (list: typeof counted) =>
    list.reduce<Counts>(
      (s, { c }) => ({
        issued: s.issued + c.issued,
        closedOnTime: s.closedOnTime + c.closedOnTime,
        closedLate: s.closedLate + c.closedLate,
        overdue: s.overdue + c.overdue,
        carried: s.carried + c.carried,
      }),
      ZERO,
    );

  const adjustments = new Map((await store.starAdjustments(db, period)).map((a) => [a.leaderId, a]));
  const leaderRows = await db
    .select({ id: leaders.id, name: people.name, position: leaders.position })
    .from(leaders)
    .innerJoin(people, eq(people.id, leaders.personId))
    .where(and(eq(leaders.active, true)))
    .orderBy(asc(leaders.sortOrder), asc(leaders.id));
  const stars = leaderRows.map((l) => {
    const c = sumOf(counted.filter(({ t }) => t.leadLeaderId === l.id));
    const computed = computedStars(c);
    const adjusted = adjustments.get(l.id);
    return {
      leaderId: l.id,
      leaderName: l.name,
      position: l.position,
      led: c.issued,
      closedOnTime: c.closedOnTime,
      closedLate: c.closedLate,
      overdue: c.overdue,
      computed,
      stars: adjusted ? adjusted.stars : computed,
      reason: adjusted?.reason ?? '',
    };
  });

  const categories = (await listCategories(db)).map((cat) => {
    const c = sumOf(counted.filter(({ t }) => t.categoryId === cat.id));
    return { categoryId: cat.id, name: cat.name, ...withRates(c) };
  });
  return { bottom, stars, categories };
}

/** The whole month's review: its scores and, beside them, bottom statements, leaders' stars and category reports. */
export async function monthReview(db: Db, period: string, today: Day): Promise<MonthScores & ReviewExtras> {
  const publication = await store.findPublication(db, period);
  if (publication) return { ...(await monthScores(db, period, today)), ...(publication.snapshot as unknown as ReviewExtras) };
  const live = await liveScores(db, period, today);
  const extras = await liveExtras(db, period, today, live.rows, live.tasks);
  return { period, status: 'draft', publishedAt: null, schemeVersion: live.scheme.version, figuresFrozen: live.figuresFrozen, rows: live.rows, ...extras };
}

/** The published months, newest first (period, when, scheme version): which months have stored scores. */
export const publishedMonths = (db: Db) => store.publishedPeriods(db);

export { liveScores, liveExtras };
// Appeals, for a unit's archive (考核档案): read in joins only; the review module writes them.
export { reviewAppeals } from './schema.js';
