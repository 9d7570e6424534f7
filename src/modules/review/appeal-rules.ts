// Appeals (申诉) against a published month, pure: the filing deadline in working days, what may be appealed, the
// points an upheld appeal corrects by default, and a month's scores and ranks once its corrections are added.
import { addWorkingDays, type Calendar, type Day } from '../../calendar/rules.js';
import type { AppealObject, ReviewGroup } from '../../shared/labels.js';
import { parsePoints, rankGroup } from './rules.js';

/**
 * The last day an appeal against a month published on `publishedOn` may be filed: the `days`-th working day after
 * it, by the county calendar (a month published on Friday with 5 days may be appealed through the next Friday;
 * holidays and adjusted weekends move it as they move every other time limit).
 */
export const appealDeadline = (cal: Calendar, publishedOn: Day, days: number): Day => addWorkingDays(cal, publishedOn, days).day;

/** Why an appeal may not be filed against the month now, in Chinese; null when it may. */
export function appealWindowRefusal(month: { period: string; publishedOn: Day | null }, today: Day, deadline: Day | null, days: number): string | null {
  if (month.publishedOn === null || deadline === null) return `${month.period} 的月点评尚未发布，发布后才能申诉`;
  if (today > deadline) return `申诉期已过：${month.period} 的月点评于 ${month.publishedOn} 发布，应在发布后 ${days} 个工作日内（${deadline} 前）提出申诉`;
  return null;
}

/** Problems of an appeal as filed (reason and evidence), in Chinese; none when it may be filed. */
export function appealProblems(input: { reason: string; evidence: string }): string[] {
  const problems: string[] = [];
  if (!input.reason.trim()) problems.push('请填写申诉理由');
  if (!input.evidence.trim()) problems.push('请填写申诉依据（文件、照片说明或其他证明材料）');
  return problems;
}

/** What an appeal's object is checked against: the contested row, as loaded, and whose it is. */
export type AppealTarget =
  | { object: 'fact'; unitId: number; points: number; taskId: number | null }
  | { object: 'colour'; unitId: number }
  | { object: 'closing'; unitId: number; status: 'pending' | 'approved' | 'rejected' };

/**
 * Why the object may not be appealed by `unitId`, in Chinese; null when it may. Only the unit's own objects, only a
 * deduction among the facts (a bonus is nobody's grievance), only a closing request that was rejected.
 */
export function objectRefusal(target: AppealTarget, unitId: number): string | null {
  if (target.unitId !== unitId) return '只能对本单位的得分事项、事项或销号申请提出申诉';
  if (target.object === 'fact' && target.points >= 0) return '只能对扣分事项提出申诉，加分事项无需申诉';
  if (target.object === 'closing' && target.status !== 'rejected') return '只能对被退回（未通过）的销号申请提出申诉';
  return null;
}

/** The key that makes one open appeal per object. */
export const objectKey = (object: AppealObject, id: number) => `${object}:${id}`;

/**
 * The correction an upheld appeal makes unless the office sets another: a contested fact's points reversed; for a
 * task's colour or its rejected closing, the deductions of that task in the unit's score reversed (the overdue days,
 * the carrying and the sheets that a wrong colour or a wrongly rejected closing brought). Hundredths.
 */
export function defaultCorrection(
  appeal: { object: AppealObject; factId: number | null; taskId: number | null },
  facts: readonly { id: number; points: number; taskId: number | null }[],
): number {
  const contested =
    appeal.object === 'fact'
      ? facts.filter((f) => f.id === appeal.factId)
      : facts.filter((f) => f.taskId !== null && f.taskId === appeal.taskId && f.points < 0);
  return contested.reduce((s, f) => s - f.points, 0);
}

/** Problems of a decision, in Chinese, and its correction in hundredths (the default when none was typed). */
export function decisionProblems(input: { decision: 'uphold' | 'dismiss'; reason: string; points?: unknown }, fallback: number) {
  const problems: string[] = [];
  if (!input.reason.trim()) problems.push(input.decision === 'uphold' ? '请填写申诉成立的理由' : '请填写申诉不成立的理由');
  let points: number | null = null;
  if (input.decision === 'uphold') {
    points = input.points === undefined || input.points === null || input.points === '' ? fallback : parsePoints(input.points);
    if (points === null) problems.push('更正分值应为数字（最多两位小数）');
  } else if (input.points !== undefined && input.points !== null && input.points !== '') problems.push('申诉不成立时不更正分值');
  return { problems, points };
}

export interface Correctable {
  unitId: number;
  unitName: string;
  group: ReviewGroup;
  score: number; // hundredths, as published
  onTimeRate: number | null;
}

/**
 * A published month's scores with its corrections added: each unit's corrected score, and its corrected rank within
 * its group by the same tie rule as publishing (rankGroup). Keyed by unit.
 */
export function correctedRanks(rows: readonly Correctable[], corrections: readonly { unitId: number; points: number }[]) {
  const out = new Map<number, { correctedScore: number; correctedRank: number }>();
  const groups = [...new Set(rows.map((r) => r.group))];
  for (const group of groups) {
    const ranked = rankGroup(
      rows
        .filter((r) => r.group === group)
        .map((r) => ({
          unitId: r.unitId,
          name: r.unitName,
          onTimeRate: r.onTimeRate,
          score: r.score + corrections.filter((c) => c.unitId === r.unitId).reduce((s, c) => s + c.points, 0),
        })),
    );
    for (const r of ranked) out.set(r.unitId, { correctedScore: r.score, correctedRank: r.rank });
  }
  return out;
}
