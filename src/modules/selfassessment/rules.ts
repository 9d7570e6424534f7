// 绩效自评 rules: when targets and results may be written, what a line must hold, and the gap between the unit's
// rating of its results and the office's. Pure: `today` is a parameter.
import type { Day } from '../../calendar/rules.js';
import { SELF_STANDARD_LABELS, SELF_STANDARDS, type SelfStandard, type SelfStatus } from '../../shared/labels.js';
import type { SelfItem } from './schema.js';

export const MAX_TEXT = 500;

/**
 * The results of a year are rated from its last month (1 December) through 31 March of the next year, when the
 * year-end assessment is done.
 */
export const resultWindow = (period: string) => ({ from: `${period}-12-01`, to: `${Number(period) + 1}-03-31` });

export type Verdict = { ok: true } | { ok: false; message: string };

// Targets are set for the current or the next year, and stay open until the results are rated.
export function targetsWritable(period: string, today: Day, status: SelfStatus | null): Verdict {
  const year = Number(today.slice(0, 4));
  if (Number(period) < year) return { ok: false, message: `${period} 年已过，不能再设定目标` };
  if (Number(period) > year + 1) return { ok: false, message: `只能设定本年度或下一年度的目标` };
  if (status && status !== 'planned') return { ok: false, message: `${period} 年已自评结果，目标不能再修改` };
  return { ok: true };
}

export function resultsWritable(period: string, today: Day, status: SelfStatus | null): Verdict {
  if (!status) return { ok: false, message: `${period} 年尚未设定目标，请先按四项标准设定目标` };
  if (status === 'rated') return { ok: false, message: `考核办已评定 ${period} 年，自评结果不能再修改` };
  const w = resultWindow(period);
  if (today < w.from || today > w.to) return { ok: false, message: `${period} 年的结果自评在 ${w.from} 至 ${w.to} 之间填写` };
  return { ok: true };
}

const ratingProblem = (label: string, what: string, v: number | null | undefined) =>
  v === null || v === undefined || !Number.isInteger(v) || v < 1 || v > 5 ? `${label}：${what}应为 1 至 5 的整数` : null;

function linesProblems<T extends { standard: SelfStandard }>(lines: T[], check: (l: T, label: string) => (string | null)[]): string[] {
  const problems: string[] = [];
  const given = lines.map((l) => l.standard);
  for (const s of SELF_STANDARDS) if (!given.includes(s)) problems.push(`缺少“${SELF_STANDARD_LABELS[s]}”一项`);
  if (new Set(given).size !== given.length) problems.push('同一标准只能填写一次');
  for (const l of lines) problems.push(...check(l, SELF_STANDARD_LABELS[l.standard]).filter((p): p is string => p !== null));
  return problems;
}

const textProblem = (label: string, what: string, text: string) =>
  !text.trim() ? `${label}：请填写${what}` : text.length > MAX_TEXT ? `${label}：${what}不超过 ${MAX_TEXT} 字` : null;

export const targetProblems = (lines: { standard: SelfStandard; target: string; planRating: number }[]) =>
  linesProblems(lines, (l, label) => [textProblem(label, '目标', l.target), ratingProblem(label, '预评', l.planRating)]);

export const resultProblems = (lines: { standard: SelfStandard; result: string; resultRating: number }[]) =>
  linesProblems(lines, (l, label) => [textProblem(label, '完成情况', l.result), ratingProblem(label, '自评', l.resultRating)]);

export const officeProblems = (lines: { standard: SelfStandard; officeRating: number; officeComment: string }[]) =>
  linesProblems(lines, (l, label) => [
    ratingProblem(label, '考核办评定', l.officeRating),
    l.officeComment.length > MAX_TEXT ? `${label}：意见不超过 ${MAX_TEXT} 字` : null,
  ]);

/** The unit's rating of its results minus the office's, per standard and in sum; null where either is missing. */
export function gapOf(items: SelfItem[]) {
  const lines = SELF_STANDARDS.map((s) => {
    const i = items.find((x) => x.standard === s);
    const gap = i && i.resultRating !== null && i.officeRating !== null ? i.resultRating - i.officeRating : null;
    return { standard: s, gap };
  });
  const known = lines.filter((l) => l.gap !== null);
  return { lines, total: known.length === lines.length ? known.reduce((a, l) => a + l.gap!, 0) : null };
}

// Lines in the standards' order, with what the new step writes merged in.
export function mergeLines(before: SelfItem[], patch: (s: SelfStandard) => Partial<SelfItem>): SelfItem[] {
  return SELF_STANDARDS.map((standard) => {
    const old = before.find((x) => x.standard === standard) ?? {
      standard,
      target: '',
      planRating: 0,
      result: '',
      resultRating: null,
      officeRating: null,
      officeComment: '',
    };
    return { ...old, ...patch(standard), standard };
  });
}
