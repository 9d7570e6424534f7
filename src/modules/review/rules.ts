// The monthly review's pure rules: weights of a scheme, the facts of a unit's month, scores, ranking with ties, the
// bottom-two proposal and leaders' stars. Points are integer hundredths of a point throughout, so facts sum exactly.
import { addCalendarDays, type Day, diffCalendarDays, monthEnd, monthStart } from '../../calendar/rules.js';
import {
  MANUAL_FACT_KINDS,
  type ManualFactKind,
  SCORE_FACT_LABELS,
  SCORE_WEIGHT_KEYS,
  type ScoreFactKind,
  type ScoreWeightKey,
  SHEET_KIND_LABELS,
  type SheetKind,
  type TaskStatus,
} from '../../shared/labels.js';
import { type Counts, taskCounts } from '../figures/read.js';
import { isMonth } from '../plans/rules.js';

export type Weights = Record<ScoreWeightKey, number>; // hundredths of a point per fact

// The facts that add points: three manual ones and the stars module's (the other two manual ones take them away).
const BONUS_KINDS: readonly ScoreWeightKey[] = [
  'highlight',
  'commendation',
  'typical_speech',
  'unit_star',
  'cadre_star',
  'highlight_selected',
  'highlight_half_year',
];

/** The default scheme (version 1, written by the migration): what a fresh county is scored by. */
export const DEFAULT_WEIGHTS: Weights = {
  closed_on_time: 200,
  closed_late: 100,
  overdue_day: -10,
  sheet_assignment: 0,
  sheet_urge: -50,
  sheet_warning: -100,
  sheet_referral: -200,
  sheet_rectify: -200,
  sheet_admonish: -300,
  carried: -100,
  missing_report: -50,
  highlight: 200,
  commendation: 300,
  typical_speech: 200,
  bottom_statement: -300,
  accountability: -500,
  unit_star: 300,
  // A cadre star honours the person; it counts for their unit only where the county's scheme says so.
  cadre_star: 0,
  highlight_selected: 200,
  highlight_half_year: 500,
};

/** A stored scheme's weights: a key the scheme predates (e.g. the stars' keys in version 1) reads as 0. */
export const weightsOf = (stored: Record<string, number>): Weights => Object.fromEntries(SCORE_WEIGHT_KEYS.map((k) => [k, stored[k] ?? 0])) as Weights;

/** A weight as typed (a number, or a decimal string), in hundredths; null when it is not a number of at most two decimals. */
export function parsePoints(value: unknown): number | null {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : null;
  if (text === null || !/^[+-]?\d{1,4}(\.\d{1,2})?$/.test(text)) return null;
  const negative = text.startsWith('-');
  const [whole, frac = ''] = text.replace(/^[+-]/, '').split('.');
  const hundredths = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return negative ? -hundredths : hundredths;
}

/** Hundredths as the API shows them: a number with at most two decimals (exact in JSON). */
export const toPoints = (hundredths: number) => hundredths / 100;

/**
 * Checks a new scheme version: every weight a number (at most two decimals, within ±9999.99), bonuses not negative,
 * deductions not positive, the cooperating units' share a whole percentage, and its effective month after every
 * published month. Chinese problems; none when valid.
 */
export function schemeProblems(input: { effectiveFrom: unknown; weights: Record<string, unknown>; partShare?: unknown }, lastPublished: string | null) {
  const problems: string[] = [];
  const { partShare } = input;
  if (partShare !== undefined && !(Number.isInteger(partShare) && (partShare as number) >= 0 && (partShare as number) <= 100))
    problems.push('配合单位承担比例应为 0 至 100 的整数（百分比）');
  if (!isMonth(input.effectiveFrom)) problems.push('生效月份格式应为 YYYY-MM');
  else if (lastPublished !== null && input.effectiveFrom <= lastPublished)
    problems.push(`生效月份必须晚于已发布的月份（最近已发布 ${lastPublished}），已发布月份的分数不能改变`);
  for (const key of Object.keys(input.weights)) if (!(SCORE_WEIGHT_KEYS as readonly string[]).includes(key)) problems.push(`未知的计分项：${key}`);
  const weights: Partial<Weights> = {};
  for (const key of SCORE_WEIGHT_KEYS) {
    const label = SCORE_FACT_LABELS[key];
    if (!(key in input.weights)) {
      problems.push(`缺少“${label}”的分值`);
      continue;
    }
    const points = parsePoints(input.weights[key]);
    if (points === null) problems.push(`“${label}”的分值不是数字（最多两位小数）`);
    else if (BONUS_KINDS.includes(key) && points < 0) problems.push(`“${label}”是加分项，分值不能为负`);
    else if ((key === 'bottom_statement' || key === 'accountability') && points > 0) problems.push(`“${label}”是减分项，分值不能为正`);
    else weights[key] = points;
  }
  return { problems, weights: weights as Weights, partShare: partShare as number | undefined };
}

/** The scheme in force for `period`: the highest version whose effective month is on or before it. */
export function schemeFor<S extends { version: number; effectiveFrom: string }>(schemes: readonly S[], period: string): S | undefined {
  return schemes.filter((s) => s.effectiveFrom <= period).sort((a, b) => b.version - a.version)[0];
}

// ---- Facts

export interface Fact {
  kind: ScoreFactKind;
  label: string;
  points: number; // hundredths
  day: Day;
  taskId: number | null;
  sheetId: number | null;
  manualId: number | null;
}

/** What the facts need of one task belonging to the month (tasks/read.ts monthTasks). */
export interface MonthTask {
  id: number;
  title: string;
  leadUnitId: number;
  leadLeaderId: number | null;
  categoryId: number | null;
  status: TaskStatus;
  deadline: Day;
  closedOn: Day | null;
  closedLate: boolean;
  carriedFrom: readonly string[];
  // The cooperating units' parts (配合分工), for splitting the task's deductions (splitTaskPoints).
  parts?: readonly MonthPart[];
}

/** A cooperating unit's part as the review reads it: its due day and the day it was delivered (reported). */
export interface MonthPart {
  unitId: number;
  unitName: string;
  dueDay: Day; // its own due day, or the task's deadline
  deliveredOn: Day | null; // the day of its report while reported or done; null while still owed
  explained: boolean; // explained away by the lead: never blamed
}

export interface MonthSheet {
  id: number;
  taskId: number;
  unitId: number;
  kind: SheetKind;
  dueKind: string | null;
  number: string;
  day: Day;
}

export interface MonthDeduction {
  taskId: number;
  sheetId: number;
  unitId: number;
  points: number; // hundredths deducted (positive)
  reason: string;
  day: Day;
}

/** A star won or a highlight selected in the month (stars/read.ts monthHonours), credited to a unit. */
export interface Honour {
  kind: 'unit_star' | 'cadre_star' | 'highlight_selected' | 'highlight_half_year';
  unitId: number;
  day: Day;
  label: string;
}

export interface ManualFact {
  id: number;
  unitId: number;
  kind: ManualFactKind;
  day: Day;
  reason: string;
}

const NOT_CHASED: readonly TaskStatus[] = ['draft', 'cancelled', 'declined', 'suspended'];

/**
 * The days of `month` a task spent past its deadline, through `through` (the month's last day once ended): each day
 * after the deadline up to the day before its closing. Tasks not being chased (suspended, declined) count none. A task
 * overdue over several months counts each month's own days, so no day is counted twice.
 */
export function overdueDays(t: Pick<MonthTask, 'status' | 'deadline' | 'closedOn'>, month: string, through: Day): { days: number; last: Day } | null {
  if (NOT_CHASED.includes(t.status)) return null;
  const first = [addCalendarDays(t.deadline, 1), monthStart(month)].sort().at(-1)!;
  const ends = [monthEnd(month), through];
  if (t.closedOn !== null) ends.push(addCalendarDays(t.closedOn, -1));
  const last = ends.sort()[0]!;
  return first <= last ? { days: diffCalendarDays(first, last) + 1, last } : null;
}

/**
 * The parts of a task that were late (配合分工逾期) as at `through`: not explained away, and delivered after their due
 * day or still owed past it. These are the parts the task's deductions are split with.
 */
export const latePartsOf = (t: Pick<MonthTask, 'parts'>, through: Day): MonthPart[] =>
  (t.parts ?? []).filter((p) => !p.explained && p.dueDay < (p.deliveredOn ?? through));

/**
 * Who bears a task's deduction (`points`, hundredths, not positive) when cooperating parts were late: the late parts'
 * units together bear `share` percent, in equal shares (rounded to the hundredth), and the lead unit the rest, so the
 * shares sum exactly to `points`. No late part, a zero share or a bonus: the lead unit bears it all.
 */
export function splitTaskPoints(points: number, lateUnitIds: readonly number[], share: number): { lead: number; parts: Map<number, number> } {
  const parts = new Map<number, number>();
  if (points >= 0 || share <= 0 || !lateUnitIds.length) return { lead: points, parts };
  const each = -Math.round((-points * Math.min(share, 100)) / 100 / lateUnitIds.length);
  for (const id of lateUnitIds) parts.set(id, each);
  return { lead: points - each * lateUnitIds.length, parts };
}

const taskFact = (kind: ScoreFactKind, t: MonthTask, points: number, day: Day, label: string): Fact => ({
  kind,
  label,
  points,
  day,
  taskId: t.id,
  sheetId: null,
  manualId: null,
});

/**
 * All facts of a month for one unit, in order (day, then kind, then source): its tasks counted by the figures' rule
 * (figures/rules.ts taskCounts, as at the month end), their overdue days, the sheets it received, booked deductions
 * the office's manual facts and the month's stars and selected highlight work (honours). Facts worth no points under the scheme are left out.
 * With `partShare`, a led task's deductions are split with the cooperating units whose parts were late, and this unit
 * bears its share of the tasks in `cooperated` (splitTaskPoints).
 */
export function unitFacts(
  input: {
    tasks: readonly MonthTask[];
    sheets: readonly MonthSheet[];
    deductions: readonly MonthDeduction[];
    manual: readonly ManualFact[];
    honours?: readonly Honour[];
    // Tasks led by other units in which this unit's part was late; with `partShare` it bears a share of their deductions.
    cooperated?: readonly MonthTask[];
    unitId?: number;
  },
  weights: Weights,
  month: string,
  today: Day,
  partShare = 0,
): Fact[] {
  const end = monthEnd(month);
  const through = today > end ? end : today;
  const facts: Fact[] = [];
  // A task's deductions (carried, overdue days) split with its late parts: the lead's share names the late units.
  const split = (t: MonthTask, points: number) => {
    const late = partShare > 0 ? latePartsOf(t, through) : [];
    return {
      late,
      ...splitTaskPoints(
        points,
        late.map((p) => p.unitId),
        partShare,
      ),
    };
  };
  const leadLabel = (label: string, late: MonthPart[], lead: number, points: number) =>
    lead === points ? label : `${label}（配合单位 ${late.map((p) => p.unitName).join('、')} 分工逾期，承担 ${100 - partShare}%）`;
  for (const t of input.tasks) {
    const c = taskCounts({ ...t, unitId: t.leadUnitId }, month, today);
    if (!c) continue;
    if (c.closedOnTime) facts.push(taskFact('closed_on_time', t, weights.closed_on_time, t.closedOn!, `按时销号：${t.title}`));
    if (c.closedLate) facts.push(taskFact('closed_late', t, weights.closed_late, t.closedOn!, `逾期销号：${t.title}`));
    if (c.carried) {
      const s = split(t, weights.carried);
      facts.push(taskFact('carried', t, s.lead, end, leadLabel(`挂单转下月：${t.title}`, s.late, s.lead, weights.carried)));
    }
    const od = overdueDays(t, month, through);
    if (od) {
      const s = split(t, od.days * weights.overdue_day);
      facts.push(taskFact('overdue_day', t, s.lead, od.last, leadLabel(`逾期 ${od.days} 天：${t.title}`, s.late, s.lead, od.days * weights.overdue_day)));
    }
  }
  // This unit's share of the deductions of tasks whose parts it was late with (配合分工逾期).
  for (const t of input.cooperated ?? []) {
    const c = taskCounts({ ...t, unitId: t.leadUnitId }, month, today);
    if (!c || input.unitId === undefined) continue;
    const own = (points: number) => split(t, points).parts.get(input.unitId!) ?? 0;
    const label = (what: string) => `配合分工逾期：${t.title}（${what}，配合单位承担 ${partShare}%）`;
    if (c.carried) facts.push(taskFact('carried', t, own(weights.carried), end, label('挂单转下月')));
    const od = overdueDays(t, month, through);
    if (od) facts.push(taskFact('overdue_day', t, own(od.days * weights.overdue_day), od.last, label(`逾期 ${od.days} 天`)));
  }
  for (const s of input.sheets) {
    const kind = `sheet_${s.kind}` as ScoreWeightKey;
    const sheet = { day: s.day, taskId: s.taskId, sheetId: s.id, manualId: null };
    facts.push({ kind, label: `${SHEET_KIND_LABELS[s.kind]} ${s.number}`, points: weights[kind], ...sheet });
    // A sheet chasing a periodic report means the report was missing (未按时报送).
    if (s.dueKind === 'report') facts.push({ kind: 'missing_report', label: `未按时报送（${s.number}）`, points: weights.missing_report, ...sheet });
  }
  for (const d of input.deductions)
    facts.push({ kind: 'deduction', label: d.reason, points: -d.points, day: d.day, taskId: d.taskId, sheetId: d.sheetId, manualId: null });
  for (const m of input.manual) facts.push({ kind: m.kind, label: m.reason, points: weights[m.kind], day: m.day, taskId: null, sheetId: null, manualId: m.id });
  for (const h of input.honours ?? [])
    facts.push({ kind: h.kind, label: h.label, points: weights[h.kind], day: h.day, taskId: null, sheetId: null, manualId: null });
  const order = (f: Fact) => [f.day, KIND_ORDER.indexOf(f.kind), f.taskId ?? 0, f.sheetId ?? 0, f.manualId ?? 0] as const;
  return facts
    .filter((f) => f.points !== 0)
    .sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
      return 0;
    });
}

const KIND_ORDER: readonly ScoreFactKind[] = [...SCORE_WEIGHT_KEYS, 'deduction'];

/** A score is the sum of its facts' points, exactly (hundredths). */
export const scoreOf = (facts: readonly { points: number }[]) => facts.reduce((s, f) => s + f.points, 0);

// ---- Ranking (排名)

export interface Rankable {
  unitId: number;
  name: string;
  score: number; // hundredths
  onTimeRate: number | null;
}

/**
 * The tie rule (排名规则): within a group, a higher score ranks higher; equal scores share a rank and the next rank
 * skips (competition ranking: 1, 1, 3). For display, rows of one rank are ordered by on-time rate (higher first, none
 * last), then by name in Chinese order. `position` is the display order, 1-based.
 */
export function rankGroup<R extends Rankable>(rows: readonly R[]): (R & { rank: number; position: number })[] {
  const sorted = [...rows].sort(
    (a, b) => b.score - a.score || (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || a.name.localeCompare(b.name, 'zh-Hans-CN') || a.unitId - b.unitId,
  );
  let rank = 0;
  return sorted.map((r, i) => {
    if (i === 0 || sorted[i - 1]!.score !== r.score) rank = i + 1;
    return { ...r, rank, position: i + 1 };
  });
}

/**
 * The units proposed for the bottom statement (末位表态) of a group: the last two in display order among units that
 * had work issued in the month (a unit with nothing to do is not judged). The office confirms or replaces them.
 */
export function proposeBottom(ranked: readonly { unitId: number; position: number; issued: number }[], n = 2): number[] {
  return ranked
    .filter((r) => r.issued > 0)
    .sort((a, b) => b.position - a.position)
    .slice(0, n)
    .map((r) => r.unitId);
}

// ---- Leaders' stars (评星, seed 000: 5 stars the best)

/**
 * A leader's stars for the month from the items they lead that were settled in it: closed on time count whole, closed
 * late half, overdue not at all. Share ≥ 90% → 5, ≥ 75% → 4, ≥ 60% → 3, ≥ 40% → 2, else 1. Null with nothing settled.
 */
export function computedStars(c: Pick<Counts, 'closedOnTime' | 'closedLate' | 'overdue'>): number | null {
  const settled = c.closedOnTime + c.closedLate + c.overdue;
  if (!settled) return null;
  const twice = 2 * c.closedOnTime + c.closedLate; // the share in halves, compared in integers
  const at = (percent: number) => twice * 100 >= percent * 2 * settled;
  return at(90) ? 5 : at(75) ? 4 : at(60) ? 3 : at(40) ? 2 : 1;
}

export function manualFactProblems(input: { kind: unknown; day: unknown; reason: unknown; evidence: unknown }, period: string): string[] {
  const problems: string[] = [];
  if (!(MANUAL_FACT_KINDS as readonly unknown[]).includes(input.kind)) problems.push('加减分类型不正确');
  if (typeof input.day !== 'string' || input.day < monthStart(period) || input.day > monthEnd(period)) problems.push(`日期必须在 ${period} 内`);
  if (typeof input.reason !== 'string' || !input.reason.trim()) problems.push('请填写事由');
  if (typeof input.evidence !== 'string' || !input.evidence.trim()) problems.push('请填写依据（文件、批示或会议记录）');
  return problems;
}
