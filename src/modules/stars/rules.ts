// Stars (单位之星 / 干部之星) and highlight work (亮点工作), seed 000: who may nominate what, the state machine of a
// nomination, the monthly limits, the decision by the meeting or a vote, and the periods highlights are chosen for.
// Pure: no I/O, `today` is a parameter.
import { addCalendarDays, type Day, monthEnd, monthOf, monthStart } from '../../calendar/rules.js';
import type { Role } from '../auth/read.js';
import {
  HIGHLIGHT_CYCLES,
  type HighlightCycle,
  type HighlightStatus,
  STAR_DECISION_METHODS,
  STAR_KIND_LABELS,
  STAR_KINDS,
  STAR_STATUS_LABELS,
  type StarDecisionMethod,
  type StarKind,
  type StarStatus,
} from '../../shared/labels.js';

export interface StarLimits {
  unitStarLimit: number;
  cadreStarLimit: number;
}

/** The limits a fresh county has (seed 000: 15 unit stars and 20 cadre stars a month). */
export const DEFAULT_LIMITS: StarLimits = { unitStarLimit: 15, cadreStarLimit: 20 };
export const LIMIT_MAX = 200;
export const TEXT_MAX = 2000;

const isMonth = (p: unknown): p is string => typeof p === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(p);
const previousMonth = (month: string) => monthOf(addCalendarDays(monthStart(month), -1));

export function settingsProblems(s: StarLimits): string[] {
  const problems: string[] = [];
  const ok = (n: number) => Number.isInteger(n) && n >= 1 && n <= LIMIT_MAX;
  if (!ok(s.unitStarLimit)) problems.push(`每月单位之星上限应为 1 到 ${LIMIT_MAX} 的整数`);
  if (!ok(s.cadreStarLimit)) problems.push(`每月干部之星上限应为 1 到 ${LIMIT_MAX} 的整数`);
  return problems;
}

/** A star may be nominated for this month or the last one (its meeting is early in the next month). */
export function nominationPeriodProblem(period: unknown, today: Day): string | null {
  if (!isMonth(period)) return '月份格式应为 YYYY-MM';
  const current = monthOf(today);
  if (period !== current && period !== previousMonth(current)) return `只能推荐本月（${current}）或上月（${previousMonth(current)}）的之星`;
  return null;
}

export interface Nominator {
  roles: readonly Role[];
  unitId: number | null;
}

/**
 * Who may nominate for a unit: the office for any unit; a unit's head or liaison only for their own unit (the unit
 * itself, or a cadre of it); a county leader for the units of their portfolio and the units below them (`portfolio`,
 * their data scope). Null when allowed, else the Chinese reason.
 */
export function nominatorProblem(actor: Nominator, unitId: number, portfolio: ReadonlySet<number> = new Set()): string | null {
  if (actor.roles.includes('office')) return null;
  const unitRole = actor.roles.some((r) => r === 'unit_head' || r === 'unit_liaison');
  const leader = actor.roles.includes('leader');
  if (!unitRole && !leader) return '只有县领导、单位负责人、联络员或督查室可以推荐之星';
  if ((unitRole && actor.unitId === unitId) || (leader && portfolio.has(unitId))) return null;
  return leader ? '只能推荐分管单位或分管单位的干部' : '只能推荐本单位或本单位的干部';
}

export interface NominationInput {
  kind: unknown;
  citation: unknown;
  evidence: unknown;
  personId: unknown;
}

/** The nomination's own problems; `person` is the cadre named (null when none or not found), with whether they belong to the unit. */
export function nominationProblems(input: NominationInput, person: { active: boolean; inUnit: boolean } | null): string[] {
  const problems: string[] = [];
  if (!(STAR_KINDS as readonly unknown[]).includes(input.kind)) problems.push('之星类别不正确');
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  if (!text(input.citation)) problems.push('请填写事迹（推荐理由）');
  else if (text(input.citation).length > TEXT_MAX) problems.push(`事迹不能超过 ${TEXT_MAX} 字`);
  if (!text(input.evidence)) problems.push('请填写佐证材料（文件、报道或数据）');
  else if (text(input.evidence).length > TEXT_MAX) problems.push(`佐证材料不能超过 ${TEXT_MAX} 字`);
  if (input.kind === 'unit' && input.personId != null) problems.push('单位之星不需要填写干部');
  if (input.kind === 'cadre') {
    if (input.personId == null) problems.push('干部之星请选择被推荐的干部');
    else if (!person || !person.active) problems.push('被推荐的干部不存在或已停用');
    else if (!person.inUnit) problems.push('被推荐的干部不属于该单位');
  }
  return problems;
}

/** A second nomination of the same unit (unit star) or person (cadre star) for a month is refused unless the first was rejected. */
export function duplicateProblem(kind: StarKind, existing: readonly { status: StarStatus }[]): string | null {
  return existing.some((e) => e.status !== 'rejected') ? `本月已推荐过该${kind === 'unit' ? '单位' : '干部'}的${STAR_KIND_LABELS[kind]}` : null;
}

// ---- The state machine: nominated → shortlisted | rejected; shortlisted → awarded | not_awarded | rejected.

export type StarAction = 'shortlist' | 'reject' | 'award' | 'not_award';
const MOVES: Record<StarAction, { from: readonly StarStatus[]; to: StarStatus; verb: string }> = {
  shortlist: { from: ['nominated'], to: 'shortlisted', verb: '入围' },
  reject: { from: ['nominated', 'shortlisted'], to: 'rejected', verb: '不予入围' },
  award: { from: ['shortlisted'], to: 'awarded', verb: '评定为之星' },
  not_award: { from: ['shortlisted'], to: 'not_awarded', verb: '评定为未获评' },
};

/** The status after `action`, or the Chinese reason it is not allowed now. */
export function starTransition(status: StarStatus, action: StarAction): { to: StarStatus } | { problem: string } {
  const move = MOVES[action];
  if (!move.from.includes(status)) return { problem: `推荐当前为“${STAR_STATUS_LABELS[status]}”，不能${move.verb}` };
  return { to: move.to };
}

/** The monthly limit for a kind: refused with the limit named when `awarded` winners already fill it. */
export function limitProblem(kind: StarKind, period: string, awarded: number, limits: StarLimits): string | null {
  const limit = kind === 'unit' ? limits.unitStarLimit : limits.cadreStarLimit;
  if (awarded < limit) return null;
  return `${period} 的${STAR_KIND_LABELS[kind]}已评 ${awarded} 个，达到每月上限 ${limit} 个，不能再评（上限由督查室在评星设置中调整）`;
}

export interface DecisionInput {
  award: boolean;
  method: unknown;
  votesFor?: unknown;
  votesAgainst?: unknown;
  votesAbstain?: unknown;
}

/**
 * A decision is taken by the meeting (no counts) or by a vote: the three counts are whole numbers, and a star is
 * awarded only with more than half of the votes cast for it (and refused otherwise), so the record agrees with the count.
 */
export function decisionProblems(d: DecisionInput): string[] {
  if (!(STAR_DECISION_METHODS as readonly unknown[]).includes(d.method)) return ['请选择评定方式（会议研究或投票表决）'];
  const counts = [d.votesFor, d.votesAgainst, d.votesAbstain];
  if ((d.method as StarDecisionMethod) === 'meeting') return counts.some((c) => c != null) ? ['会议研究评定不填写票数'] : [];
  if (!counts.every((c) => typeof c === 'number' && Number.isInteger(c) && c >= 0 && c <= 10000))
    return ['投票表决请填写赞成、反对、弃权票数（0 到 10000 的整数）'];
  const [yes, no, abstain] = counts as number[];
  const cast = yes! + no! + abstain!;
  if (cast === 0) return ['投票表决至少要有一票'];
  const passed = yes! * 2 > cast;
  if (d.award && !passed) return [`赞成票 ${yes} 未超过投票总数 ${cast} 的半数，不能评为之星`];
  if (!d.award && passed) return [`赞成票 ${yes} 已超过投票总数 ${cast} 的半数，应评为之星`];
  return [];
}

export const reasonProblem = (reason: unknown, what: string): string | null =>
  typeof reason !== 'string' || !reason.trim() ? `请填写${what}的理由` : reason.trim().length > TEXT_MAX ? `理由不能超过 ${TEXT_MAX} 字` : null;

// ---- Highlight work (亮点工作): monthly, and half-yearly (YYYY-H1, YYYY-H2).

const halfOf = (month: string) => `${month.slice(0, 4)}-H${Number(month.slice(5, 7)) <= 6 ? 1 : 2}`;
const previousHalf = (half: string) => (half.endsWith('H2') ? `${half.slice(0, 4)}-H1` : `${Number(half.slice(0, 4)) - 1}-H2`);

/** The month a highlight's points belong to: its own month, or the last month of its half year. */
export function highlightScoreMonth(cycle: HighlightCycle, period: string): string {
  return cycle === 'month' ? period : `${period.slice(0, 4)}-${period.endsWith('H1') ? '06' : '12'}`;
}

/** The day its fact carries in that month: the month's last day. */
export const highlightDay = (cycle: HighlightCycle, period: string): Day => monthEnd(highlightScoreMonth(cycle, period));

export function highlightProblems(input: { cycle: unknown; period: unknown; title: unknown; description: unknown; evidence: unknown }, today: Day): string[] {
  const problems: string[] = [];
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const month = monthOf(today);
  if (!(HIGHLIGHT_CYCLES as readonly unknown[]).includes(input.cycle)) problems.push('评选周期不正确');
  else if (input.cycle === 'month') {
    if (!isMonth(input.period)) problems.push('月份格式应为 YYYY-MM');
    else if (input.period !== month && input.period !== previousMonth(month))
      problems.push(`月度亮点工作只能推荐本月（${month}）或上月（${previousMonth(month)}）的`);
  } else {
    const half = halfOf(month);
    if (typeof input.period !== 'string' || !/^\d{4}-H[12]$/.test(input.period)) problems.push('半年格式应为 YYYY-H1 或 YYYY-H2');
    else if (input.period !== half && input.period !== previousHalf(half))
      problems.push(`半年亮点工作只能推荐本半年（${half}）或上半年（${previousHalf(half)}）的`);
  }
  if (!text(input.title)) problems.push('请填写亮点工作的名称');
  else if (text(input.title).length > 100) problems.push('名称不能超过 100 字');
  if (!text(input.description)) problems.push('请填写亮点工作的做法和成效');
  else if (text(input.description).length > TEXT_MAX) problems.push(`做法和成效不能超过 ${TEXT_MAX} 字`);
  if (!text(input.evidence)) problems.push('请填写佐证材料');
  else if (text(input.evidence).length > TEXT_MAX) problems.push(`佐证材料不能超过 ${TEXT_MAX} 字`);
  return problems;
}

/** Only a highlight waiting for selection is decided, once. */
export function highlightDecisionProblem(status: HighlightStatus): string | null {
  return status === 'nominated' ? null : '该亮点工作已评选，不能重复评选';
}

export { halfOf };
