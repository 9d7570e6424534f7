// Quarterly and annual assessment (季考核、年度考核): pure rules. Points are integer hundredths of a point throughout, as
// in the monthly review, so the items of every score sum exactly to it. Ranking is the review's tie rule (rankGroup).
import { monthEnd, monthStart } from '../../calendar/rules.js';
import { BONUS_KIND_LABELS, BONUS_KINDS, type BonusKind, type Grade, REVIEW_GROUPS, type ReviewGroup } from '../../shared/labels.js';
import { parsePoints, rankGroup } from '../review/rules.js';

// ---- Settings (考核设置)

export interface AnnualPart {
  key: string;
  name: string;
  max: number; // hundredths
}

export interface AssessmentSettings {
  // 季度综合得分前 3 名的乡镇和前 5 名的市直单位给予奖励 (seed 003).
  rewardTowns: number;
  rewardCounty: number;
  bonusPoints: Record<BonusKind, number>; // hundredths per item
  // 预安销号督查结果在单位年终绩效考核占分 30 分 (seed 001).
  closingWeight: number; // hundredths
  // The other parts of the annual assessment, entered by the office per unit.
  parts: AnnualPart[];
  // Lowest totals (hundredths) for 优秀, 良好 and 一般; below 一般 is 较差.
  grades: { excellent: number; good: number; fair: number };
  // 排名处于后两位的单位 (seed 002): per group.
  flaggedLast: number;
}

export const DEFAULT_SETTINGS: AssessmentSettings = {
  rewardTowns: 3,
  rewardCounty: 5,
  bonusPoints: { leader_instruction: 300, commendation: 200, typical_speech: 100 },
  closingWeight: 3000,
  parts: [
    { key: 'economy', name: '经济发展', max: 3000 },
    { key: 'party', name: '党的建设', max: 2000 },
    { key: 'livelihood', name: '民生事业', max: 2000 },
  ],
  grades: { excellent: 9000, good: 8000, fair: 6000 },
  flaggedLast: 2,
};

const count = (v: unknown, label: string, problems: string[], max = 50) => {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max) return v;
  problems.push(`${label}应为 0 至 ${max} 的整数`);
  return 0;
};

const pointsOf = (v: unknown, label: string, problems: string[], min = 0) => {
  const p = parsePoints(v);
  if (p === null) problems.push(`${label}不是数字（最多两位小数）`);
  else if (p < min) problems.push(`${label}不能小于 ${min / 100}`);
  return p ?? 0;
};

/** Checks settings as typed (points as numbers or decimal strings); Chinese problems, and the settings in hundredths. */
export function settingsProblems(input: Record<string, unknown>): { problems: string[]; settings: AssessmentSettings } {
  const problems: string[] = [];
  const bonusIn = (input.bonusPoints ?? {}) as Record<string, unknown>;
  const bonusPoints = Object.fromEntries(BONUS_KINDS.map((k) => [k, pointsOf(bonusIn[k], `“${BONUS_KIND_LABELS[k]}”的加分`, problems)])) as Record<
    BonusKind,
    number
  >;
  const partsIn = Array.isArray(input.parts) ? (input.parts as Record<string, unknown>[]) : [];
  if (!Array.isArray(input.parts)) problems.push('请列出年度考核的其他分项');
  const parts = partsIn.map((p, i) => {
    const name = typeof p?.name === 'string' ? p.name.trim() : '';
    if (!name) problems.push(`第 ${i + 1} 个分项缺少名称`);
    const key = typeof p?.key === 'string' ? p.key : '';
    if (!/^[a-z][a-z0-9_]{0,31}$/.test(key)) problems.push(`第 ${i + 1} 个分项的标识不正确`);
    return { key, name, max: pointsOf(p?.max, `分项“${name || i + 1}”的满分`, problems, 1) };
  });
  if (new Set(parts.map((p) => p.key)).size !== parts.length) problems.push('分项标识不能重复');
  if (new Set(parts.map((p) => p.name)).size !== parts.length) problems.push('分项名称不能重复');
  const gradesIn = (input.grades ?? {}) as Record<string, unknown>;
  const grades = {
    excellent: pointsOf(gradesIn.excellent, '“优秀”分数线', problems),
    good: pointsOf(gradesIn.good, '“良好”分数线', problems),
    fair: pointsOf(gradesIn.fair, '“一般”分数线', problems),
  };
  if (!(grades.excellent > grades.good && grades.good > grades.fair)) problems.push('分数线须依次降低：优秀 > 良好 > 一般');
  const settings: AssessmentSettings = {
    rewardTowns: count(input.rewardTowns, '乡镇奖励名额', problems),
    rewardCounty: count(input.rewardCounty, '县直单位奖励名额', problems),
    bonusPoints,
    closingWeight: pointsOf(input.closingWeight, '工作落实（预安销号）分值', problems, 1),
    parts,
    grades,
    flaggedLast: count(input.flaggedLast, '末位单位个数', problems, 10),
  };
  return { problems, settings };
}

/** The highest total a unit can reach: the closing record's weight plus every part's maximum. */
export const fullMarks = (s: AssessmentSettings) => s.closingWeight + s.parts.reduce((sum, p) => sum + p.max, 0);

// ---- Periods

export const isQuarter = (q: unknown): q is string => typeof q === 'string' && /^\d{4}-Q[1-4]$/.test(q);
export const isYear = (y: unknown): y is string => typeof y === 'string' && /^\d{4}$/.test(y);

/** The three months of a quarter, in order: 2026-Q3 → 2026-07, 2026-08, 2026-09. */
export function quarterMonths(q: string): string[] {
  const first = (Number(q.slice(6)) - 1) * 3;
  return [1, 2, 3].map((i) => `${q.slice(0, 4)}-${String(first + i).padStart(2, '0')}`);
}
export const quarterStart = (q: string) => monthStart(quarterMonths(q)[0]!);
export const quarterEnd = (q: string) => monthEnd(quarterMonths(q)[2]!);
export const yearQuarters = (y: string) => [1, 2, 3, 4].map((n) => `${y}-Q${n}`);
export const yearMonths = (y: string) => yearQuarters(y).flatMap(quarterMonths);

// ---- Units

export interface AssessedUnit {
  unitId: number;
  name: string;
  group: ReviewGroup;
}

// ---- Quarter (季考核)

export interface BonusItem {
  id: number;
  unitId: number;
  kind: BonusKind;
  day: string;
  reason: string;
  evidence: string;
}

/** One line of a score's explanation: a month's published score, a bonus item, or (annual) a part. */
export interface ScoreItem {
  kind: 'month' | 'bonus';
  label: string;
  points: number; // hundredths
  period: string | null; // the month, for a month's score
  bonusId: number | null;
  bonusKind: BonusKind | null;
  day: string | null;
}

export interface QuarterRow extends AssessedUnit {
  score: number;
  rank: number;
  position: number;
  reward: boolean;
  items: ScoreItem[];
}

export function bonusProblems(input: { kind: unknown; day: unknown; reason: unknown; evidence: unknown }, quarter: string): string[] {
  const problems: string[] = [];
  if (!(BONUS_KINDS as readonly unknown[]).includes(input.kind)) problems.push('加分类型不正确');
  if (typeof input.day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(input.day) || input.day < quarterStart(quarter) || input.day > quarterEnd(quarter))
    problems.push(`日期必须在 ${quarter}（${quarterStart(quarter)} 至 ${quarterEnd(quarter)}）内`);
  if (typeof input.reason !== 'string' || !input.reason.trim()) problems.push('请填写事由');
  if (typeof input.evidence !== 'string' || !input.evidence.trim()) problems.push('请填写依据（批示件、表彰文件或会议记录）');
  return problems;
}

const sum = (items: readonly { points: number }[]) => items.reduce((s, i) => s + i.points, 0);

/**
 * A quarter's rows: per unit its three months' published scores (a month the unit was not scored in counts 0, shown)
 * and the quarter's bonus items at the settings' points; the score is their sum. Ranked per group by the review's tie
 * rule (ties displayed by name); the first `rewardTowns` towns and `rewardCounty` county units in display order are
 * marked for reward — a tie at the boundary is broken by that display order, so the count is exact. A unit that did no
 * work in the quarter (not in `worked`: no task issued to it and no scored fact in any of its months) and has no bonus
 * item is passed over for the reward — still ranked and shown — so a score of 0 for nothing done never earns a reward
 * over units that worked; the reward goes to the next eligible units in display order.
 */
export function quarterRows(
  input: {
    units: readonly AssessedUnit[];
    months: readonly { period: string; scores: ReadonlyMap<number, number> }[];
    bonus: readonly BonusItem[];
    worked: ReadonlySet<number>;
  },
  settings: AssessmentSettings,
): QuarterRow[] {
  const out: QuarterRow[] = [];
  for (const group of REVIEW_GROUPS) {
    const members = input.units
      .filter((u) => u.group === group)
      .map((u) => {
        const months: ScoreItem[] = input.months.map((m) => {
          const points = m.scores.get(u.unitId);
          const label = points === undefined ? `${m.period} 月点评（未参评，计 0 分）` : `${m.period} 月点评得分`;
          return { kind: 'month', label, points: points ?? 0, period: m.period, bonusId: null, bonusKind: null, day: null };
        });
        const bonus: ScoreItem[] = input.bonus
          .filter((b) => b.unitId === u.unitId)
          .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id - b.id))
          .map((b) => ({
            kind: 'bonus',
            label: `${BONUS_KIND_LABELS[b.kind]}：${b.reason}（${b.evidence}）`,
            points: settings.bonusPoints[b.kind],
            period: null,
            bonusId: b.id,
            bonusKind: b.kind,
            day: b.day,
          }));
        const items = [...months, ...bonus];
        return { ...u, items, score: sum(items), onTimeRate: null };
      });
    const places = group === 'town' ? settings.rewardTowns : settings.rewardCounty;
    let rewarded = 0;
    for (const r of rankGroup(members)) {
      const eligible = input.worked.has(r.unitId) || r.items.some((i) => i.kind === 'bonus');
      const reward = eligible && rewarded < places;
      if (reward) rewarded += 1;
      out.push({ unitId: r.unitId, name: r.name, group, score: r.score, rank: r.rank, position: r.position, reward, items: r.items });
    }
  }
  return out;
}

// ---- Year (年度考核)

/**
 * The closing-record part (工作落实，预安销号): weight × the unit's year record ÷ the best record of its group, in
 * hundredths rounded half up. The year record is the sum of the year's published monthly scores and the bonus items
 * of its published quarters. A record of zero or below earns 0; when no unit of the group has a positive record, all
 * earn 0. The best unit earns the whole weight.
 */
export function closingPart(record: number, best: number, weight: number): number {
  if (record <= 0 || best <= 0) return 0;
  return Math.floor((2 * weight * record + best) / (2 * best));
}

export function gradeOf(total: number, g: AssessmentSettings['grades']): Grade {
  return total >= g.excellent ? 'excellent' : total >= g.good ? 'good' : total >= g.fair ? 'fair' : 'poor';
}

export interface PartEntry {
  unitId: number;
  partKey: string;
  points: number;
  reason: string;
}

export interface YearPartLine {
  key: string; // 'closing' for the closing record
  name: string;
  max: number;
  points: number | null; // null: not entered yet (counts 0)
  reason: string;
}

export interface YearRow extends AssessedUnit {
  record: number; // the year record the closing part is scaled from
  recordItems: ScoreItem[]; // its months and bonus items
  best: number; // the group's best record
  parts: YearPartLine[];
  total: number;
  rank: number;
  position: number;
  grade: Grade;
  flagged: boolean;
}

export const CLOSING_PART_KEY = 'closing';

/**
 * The annual rows: the closing-record part (closingPart) and the office's parts (missing ones count 0), their sum the
 * total; ranked per group by the review's tie rule; graded by the thresholds; the last `flaggedLast` in display order
 * of each group flagged for a written self-criticism and an interview of the head.
 */
export function yearRows(
  input: { units: readonly AssessedUnit[]; records: ReadonlyMap<number, ScoreItem[]>; entries: readonly PartEntry[] },
  settings: AssessmentSettings,
): YearRow[] {
  const out: YearRow[] = [];
  for (const group of REVIEW_GROUPS) {
    const own = input.units.filter((u) => u.group === group).map((u) => ({ u, items: input.records.get(u.unitId) ?? [] }));
    const best = Math.max(0, ...own.map((o) => sum(o.items)));
    const members = own.map(({ u, items }) => {
      const record = sum(items);
      const parts: YearPartLine[] = [
        {
          key: CLOSING_PART_KEY,
          name: '工作落实（预安销号）',
          max: settings.closingWeight,
          points: closingPart(record, best, settings.closingWeight),
          reason: '',
        },
        ...settings.parts.map((p) => {
          const e = input.entries.find((x) => x.unitId === u.unitId && x.partKey === p.key);
          return { key: p.key, name: p.name, max: p.max, points: e ? e.points : null, reason: e?.reason ?? '' };
        }),
      ];
      return { ...u, record, recordItems: items, best, parts, score: parts.reduce((s, p) => s + (p.points ?? 0), 0), onTimeRate: null };
    });
    const ranked = rankGroup(members);
    for (const r of ranked)
      out.push({
        unitId: r.unitId,
        name: r.name,
        group,
        record: r.record,
        recordItems: r.recordItems,
        best: r.best,
        parts: r.parts,
        total: r.score,
        rank: r.rank,
        position: r.position,
        grade: gradeOf(r.score, settings.grades),
        flagged: r.position > ranked.length - settings.flaggedLast,
      });
  }
  return out;
}

export function partProblems(
  input: { partKey: unknown; points: unknown; reason: unknown },
  settings: AssessmentSettings,
): { problems: string[]; points: number } {
  const problems: string[] = [];
  const part = settings.parts.find((p) => p.key === input.partKey);
  if (!part) problems.push('分项不存在（工作落实分项由月点评计算，不能录入）');
  const points = parsePoints(input.points);
  if (points === null) problems.push('分值不是数字（最多两位小数）');
  else if (part && (points < 0 || points > part.max)) problems.push(`“${part.name}”的分值应在 0 至 ${part.max / 100} 之间`);
  if (typeof input.reason !== 'string' || !input.reason.trim()) problems.push('请填写评分依据');
  return { problems, points: points ?? 0 };
}
