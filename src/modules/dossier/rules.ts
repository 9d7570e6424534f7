// Each cadre's record (履责档案), the year's banding (分档排名) and the annual opinion (年度考核意见): pure rules.
// Nothing here counts volume (logs, frontline days): a record shows them, no score reads them (docs/review.md).
import { CADRE_GRADE_LABELS, CADRE_GRADES, type CadreGrade } from '../../shared/labels.js';

export interface Band {
  name: string;
  share: number; // per cent of the ranked list, at most; the last band takes the rest
}

export interface BandingRule {
  bands: Band[]; // best first
  // A unit flagged by the year assessment (末位) or a person interviewed twice in the year never takes the first band.
  flaggedOutOfTop: boolean;
  // A person's score: the weighted mean of the parts they have (tasks on time, the quarters' grades), then adjusted.
  person: {
    taskWeight: number;
    gradeWeight: number;
    gradePoints: Record<CadreGrade, number>;
    starBonus: number; // per cadre star of the year
    interviewPenalty: number; // per held interview of the year
  };
}

export const DEFAULT_BANDING: BandingRule = {
  bands: [
    { name: '优秀', share: 20 },
    { name: '良好', share: 50 },
    { name: '一般', share: 25 },
    { name: '较差', share: 5 },
  ],
  flaggedOutOfTop: true,
  person: { taskWeight: 60, gradeWeight: 40, gradePoints: { good: 95, fairly_good: 85, average: 75, poor: 60 }, starBonus: 3, interviewPenalty: 5 },
};

const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export function bandingProblems(rule: BandingRule): string[] {
  const problems: string[] = [];
  if (rule.bands.length < 2 || rule.bands.length > 6) problems.push('档次应为 2 至 6 个');
  const names = rule.bands.map((b) => b.name.trim());
  if (names.some((n) => !n || n.length > 10)) problems.push('档次名称不能为空，不超过 10 字');
  if (new Set(names).size !== names.length) problems.push('档次名称不能重复');
  if (rule.bands.some((b) => !isInt(b.share, 0, 100))) problems.push('各档比例应为 0 至 100 的整数（%）');
  else if (rule.bands.reduce((s, b) => s + b.share, 0) !== 100) problems.push('各档比例之和应为 100%');
  const p = rule.person;
  if (!isInt(p.taskWeight, 0, 100) || !isInt(p.gradeWeight, 0, 100) || p.taskWeight + p.gradeWeight === 0)
    problems.push('任务按期率和考核等次的权重应为 0 至 100 的整数，且不能都为 0');
  if (CADRE_GRADES.some((g) => !isInt(p.gradePoints[g], 0, 100))) problems.push('各等次折合分应为 0 至 100 的整数');
  if (!isInt(p.starBonus, 0, 20) || !isInt(p.interviewPenalty, 0, 20)) problems.push('干部之星加分、约谈减分应为 0 至 20 的整数');
  return problems;
}

// ---- A person's facts of a year and their score

export interface TaskCounts {
  onTime: number; // closed by the deadline
  late: number; // closed after it, or still open past it
  open: number; // not closed (late or not)
}

export interface PersonFacts {
  tasks: TaskCounts;
  grades: CadreGrade[]; // the year's quarter grades: confirmed, else suggested by the monthly grades
  stars: number;
  interviews: number; // held in the year
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The person's score, or null with nothing to judge (no task settled or due and no grade). The task part is the share
 * on time among those settled or due (a share, never a count); the grade part the mean of the quarters' points.
 */
export function personScore(f: PersonFacts, rule: BandingRule): number | null {
  const p = rule.person;
  const judged = f.tasks.onTime + f.tasks.late;
  const parts: [number, number][] = [];
  if (judged > 0 && p.taskWeight > 0) parts.push([(100 * f.tasks.onTime) / judged, p.taskWeight]);
  if (f.grades.length && p.gradeWeight > 0) parts.push([f.grades.reduce((s, g) => s + p.gradePoints[g], 0) / f.grades.length, p.gradeWeight]);
  if (!parts.length) return null;
  const mean = parts.reduce((s, [v, w]) => s + v * w, 0) / parts.reduce((s, [, w]) => s + w, 0);
  return round2(mean + p.starBonus * f.stars - p.interviewPenalty * f.interviews);
}

// ---- Banding

export interface BandSubject {
  id: number;
  score: number | null;
  flagged: boolean;
}

export interface Banded {
  id: number;
  rank: number | null;
  band: number | null; // index into rule.bands; null: not ranked (no score, or nothing to distinguish)
}

// What a missing band reads as: no score yet, or every score equal so nothing sets one apart.
export const NOT_BANDED = '尚无可比成绩';

/**
 * Ranks by score (equal scores share a rank) and bands by share: band i holds the subjects whose whole tie group lies
 * within ⌊(shares of bands 0..i) × n / 100⌋ positions, so no band exceeds its share and a tie is never split (a tie
 * crossing a limit goes down together). A flagged subject that would take the first band takes the second.
 * Scores that are all equal (one subject, or a year not scored yet) distinguish nobody: no one is ranked or banded,
 * rather than the whole tie going down to the last band.
 */
export function bandAll(subjects: readonly BandSubject[], rule: BandingRule): Banded[] {
  const scores = subjects.flatMap((s) => (s.score === null ? [] : [s.score]));
  if (new Set(scores).size < 2) return subjects.map((s) => ({ id: s.id, rank: null, band: null }));
  const n = scores.length;
  let cumulative = 0;
  const limits = rule.bands.map((b, i) => {
    cumulative += b.share;
    return i === rule.bands.length - 1 ? n : Math.floor((cumulative * n) / 100);
  });
  // Each score's place in the list best first: how many score higher (its rank − 1) and how many score as high (its tie's end).
  const higher = new Map<number, number>();
  const asHigh = new Map<number, number>();
  [...scores]
    .sort((a, b) => b - a)
    .forEach((x, i) => {
      if (!higher.has(x)) higher.set(x, i);
      asHigh.set(x, i + 1);
    });
  return subjects.map((s) => {
    if (s.score === null) return { id: s.id, rank: null, band: null };
    const rank = 1 + higher.get(s.score)!;
    const tieEnd = asHigh.get(s.score)!;
    let band = limits.findIndex((l) => tieEnd <= l);
    if (band === 0 && s.flagged && rule.flaggedOutOfTop) band = 1;
    return { id: s.id, rank, band };
  });
}

// ---- The draft opinion

export interface OpinionText {
  band: string;
  summary: string;
  rewards: string;
  accountability: string;
  appointment: string;
}

export interface PersonOpinionFacts extends PersonFacts {
  year: number;
  band: number | null;
  rank: number | null;
  ranked: number;
  sheets: number; // urge, warning and later sheets on their tasks
  referrals: number; // referral and admonishment sheets among them
  twoInterviews: boolean; // 一年之内两次被约谈 (chasing interview-rules needsAdjustment)
}

const NONE = '无';
const gradeLine = (grades: CadreGrade[]) => (grades.length ? `季度等次：${grades.map((g) => CADRE_GRADE_LABELS[g]).join('、')}` : '无季度等次');

export function personOpinion(f: PersonOpinionFacts, rule: BandingRule): OpinionText {
  const last = rule.bands.length - 1;
  const bandName = f.band === null ? NOT_BANDED : rule.bands[f.band]!.name;
  const place = f.band === null ? NOT_BANDED : `第 ${f.rank} 名（共 ${f.ranked} 人），${bandName}`;
  const rewards = [
    ...(f.band === 0 ? [`年度分档为${bandName}，建议评为年度考核优秀等次，予以嘉奖`] : []),
    ...(f.stars > 0 ? [`年内获评干部之星 ${f.stars} 次，建议通报表扬`] : []),
  ];
  const accountability = [
    ...(f.band === last && last > 0 ? [`年度分档为${bandName}，建议约谈提醒、限期改进`] : []),
    ...(f.referrals > 0 ? [`年内有 ${f.referrals} 份移交问责或诫勉谈话单，建议按规定追究责任`] : []),
  ];
  const appointment = [
    ...(f.twoInterviews ? ['一年之内两次被约谈，按规定建议调整岗位'] : []),
    ...(f.band === 0 && !f.twoInterviews ? ['可作为提拔重用的参考'] : []),
  ];
  return {
    band: bandName,
    summary:
      `${f.year}年负责任务：按期办结 ${f.tasks.onTime} 项，逾期 ${f.tasks.late} 项，在办 ${f.tasks.open} 项；收到督办类单据 ${f.sheets} 份；` +
      `被约谈 ${f.interviews} 次；${gradeLine(f.grades)}。分档排名：${place}。`,
    rewards: rewards.join('；') || NONE,
    accountability: accountability.join('；') || NONE,
    appointment: appointment.join('；') || NONE,
  };
}

export interface UnitOpinionFacts {
  year: number;
  total: number | null; // the year assessment's total; null while the unit has nothing scored
  gradeLabel: string | null;
  band: number | null;
  rank: number | null;
  ranked: number;
  flagged: boolean; // the assessment's last places (末位); read only when banded, as an all-equal draft's last places are arbitrary
  headTwoInterviews: string | null; // the head's name when interviewed twice in the year
}

export function unitOpinion(f: UnitOpinionFacts, rule: BandingRule): OpinionText {
  const last = rule.bands.length - 1;
  const bandName = f.band === null ? NOT_BANDED : rule.bands[f.band]!.name;
  const flagged = f.flagged && f.band !== null;
  const accountability = [
    ...(flagged ? ['年度考核排名末位，建议作出书面检查，由县委组织部约谈主要负责人'] : []),
    ...(f.band === last && last > 0 && !flagged ? [`年度分档为${bandName}，建议通报批评、限期整改`] : []),
  ];
  return {
    band: bandName,
    summary:
      f.total === null
        ? `${f.year}年度考核尚无得分，${NOT_BANDED}。`
        : `${f.year}年度考核得分 ${f.total.toFixed(2)} 分${f.gradeLabel ? `，${f.gradeLabel}` : ''}；分档排名：` +
          (f.band === null ? `${NOT_BANDED}。` : `第 ${f.rank} 名（共 ${f.ranked} 个单位），${bandName}。`),
    rewards: f.band === 0 ? `年度分档为${bandName}，建议授予年度工作落实先进单位` : NONE,
    accountability: accountability.join('；') || NONE,
    appointment: f.headTwoInterviews ? `主要负责人${f.headTwoInterviews}一年之内两次被约谈，按规定建议调整岗位` : NONE,
  };
}

// ---- Editing

export const FIELD_LABELS = { band: '分档', summary: '综合评价', rewards: '奖励建议', accountability: '问责建议', appointment: '选任建议' } as const;

export function changeProblems(input: { changes: Partial<Record<keyof OpinionText, string>>; reason: string }): string[] {
  const problems: string[] = [];
  const entries = Object.entries(input.changes).filter(([, v]) => v !== undefined);
  if (!entries.length) problems.push('没有要修改的内容');
  for (const [k, v] of entries) if (!v!.trim()) problems.push(`${FIELD_LABELS[k as keyof OpinionText]}不能为空`);
  if (input.reason.trim().length < 2) problems.push('请写明修改理由');
  return problems;
}
