// 抽签述职: the monthly lottery of units that report at the meeting, as pure functions. Anyone holding the stored
// draw can recompute it: the commitment binds the seed to the candidates before the draw, and the draw is a
// deterministic function of the seed (and the public input typed at the meeting).
//
// Commitment (published at step 1, before the draw):
//   SHA-256, hex, of the UTF-8 string of these lines joined by "\n" (no trailing newline):
//     luoshi-lottery-v1
//     period:<YYYY-MM>
//     seed:<64 lowercase hex digits: the 32 secret bytes>
//     town:<how many to draw>:<candidate unit ids, ascending, joined by ",">
//     county_unit:<how many to draw>:<candidate unit ids, ascending, joined by ",">
//
// Draw (step 2, at the meeting):
//   key    = HMAC-SHA256(key = the 32 seed bytes, message = "luoshi-lottery-v1\n<period>\n<public input>")
//            (the public input is "" when none was typed; it is trimmed before use and stored as used).
//   stream = for each group separately: HMAC-SHA256(key, "<group>:0") ‖ HMAC-SHA256(key, "<group>:1") ‖ …
//   below(n): the next 4 bytes of the group's stream as a big-endian unsigned integer x; x ≥ 2^32 − (2^32 mod n)
//            is rejected and the next 4 bytes tried (no bias); else x mod n.
//   result = over the group's candidates sorted by unit id ascending, a partial Fisher–Yates shuffle:
//            for i = 0 … k−1: j = i + below(n − i); swap(list[i], list[j]). The first k are drawn, in that order.
// The public input is mixed in so that the office, which chose the seed a day earlier, cannot know the result in
// advance, and the meeting, which chose the public input, cannot know the seed: neither alone decides the draw.
import crypto from 'node:crypto';
import { REVIEW_GROUP_LABELS, REVIEW_GROUPS, type ReviewGroup } from '../../shared/labels.js';

export const ALGORITHM = 'luoshi-lottery-v1';
export const DEFAULT_SETTINGS = { towns: 2, countyUnits: 2, excludeMonths: 3 } as const;
export const PUBLIC_INPUT_MAX = 64;

export interface LotterySettings {
  towns: number;
  countyUnits: number;
  excludeMonths: number;
}

export interface Candidate {
  unitId: number;
  group: ReviewGroup;
}

export type Counts = Record<ReviewGroup, number>;
export type Result = Record<ReviewGroup, number[]>;

export const countsOf = (s: { towns: number; countyUnits: number }): Counts => ({ town: s.towns, county_unit: s.countyUnits });

export function settingsProblems(s: LotterySettings): string[] {
  const problems: string[] = [];
  const whole = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
  if (!whole(s.towns, 0, 20)) problems.push('每月抽取的乡镇（街道）数应为 0 到 20 的整数');
  if (!whole(s.countyUnits, 0, 20)) problems.push('每月抽取的县直单位数应为 0 到 20 的整数');
  if (s.towns + s.countyUnits === 0) problems.push('每月至少抽取 1 个单位');
  if (!whole(s.excludeMonths, 0, 24)) problems.push('回避月数应为 0 到 24 的整数');
  return problems;
}

// The month `n` months before `period` (YYYY-MM).
export function monthsBefore(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) - n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

// The months whose drawn units are not candidates in `period`: the `excludeMonths` months before it.
export const exclusionWindow = (period: string, excludeMonths: number) => Array.from({ length: excludeMonths }, (_, i) => monthsBefore(period, i + 1));

// Candidates: the reviewed units minus those drawn in the window, sorted by unit id.
export function candidatesOf(reviewed: Candidate[], recentlyDrawn: Set<number>): Candidate[] {
  return reviewed
    .filter((u) => !recentlyDrawn.has(u.unitId))
    .map((u) => ({ unitId: u.unitId, group: u.group }))
    .sort((a, b) => a.unitId - b.unitId);
}

// Groups with fewer candidates than units to draw, as Chinese messages.
export function shortageProblems(candidates: Candidate[], counts: Counts): string[] {
  return REVIEW_GROUPS.flatMap((g) => {
    const n = candidates.filter((c) => c.group === g).length;
    return n < counts[g] ? [`${REVIEW_GROUP_LABELS[g]}候选单位只有 ${n} 个，少于要抽取的 ${counts[g]} 个`] : [];
  });
}

const idsOf = (candidates: Candidate[], group: ReviewGroup) =>
  candidates
    .filter((c) => c.group === group)
    .map((c) => c.unitId)
    .sort((a, b) => a - b);

export function canonicalCommitment(input: { period: string; seedHex: string; candidates: Candidate[]; counts: Counts }): string {
  return [
    ALGORITHM,
    `period:${input.period}`,
    `seed:${input.seedHex.toLowerCase()}`,
    ...REVIEW_GROUPS.map((g) => `${g}:${input.counts[g]}:${idsOf(input.candidates, g).join(',')}`),
  ].join('\n');
}

export const commitmentOf = (input: Parameters<typeof canonicalCommitment>[0]) =>
  crypto.createHash('sha256').update(canonicalCommitment(input), 'utf8').digest('hex');

export const normalizePublicInput = (s: string | null | undefined) => (s ?? '').trim();

export function publicInputProblems(s: string): string[] {
  if (s.length > PUBLIC_INPUT_MAX) return [`现场公开数字不能超过 ${PUBLIC_INPUT_MAX} 个字符`];
  if (/[\u0000-\u001f\u007f]/.test(s)) return ['现场公开数字不能含控制字符'];
  return [];
}

// The group's byte stream as uniform integers: below(n) is uniform in [0, n).
export function groupStream(seedHex: string, period: string, publicInput: string, group: ReviewGroup) {
  const key = crypto.createHmac('sha256', Buffer.from(seedHex, 'hex')).update(`${ALGORITHM}\n${period}\n${publicInput}`, 'utf8').digest();
  let block = Buffer.alloc(0);
  let counter = 0;
  let offset = 0;
  const nextWord = () => {
    if (offset + 4 > block.length) {
      block = crypto.createHmac('sha256', key).update(`${group}:${counter++}`, 'utf8').digest();
      offset = 0;
    }
    const word = block.readUInt32BE(offset);
    offset += 4;
    return word;
  };
  return {
    nextWord,
    below: (n: number) => uniformBelow(nextWord, n),
  };
}

// An integer uniform in [0, n) from 32-bit words: words at or above the largest multiple of n are rejected.
export function uniformBelow(nextWord: () => number, n: number): number {
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const x = nextWord();
    if (x < limit) return x % n;
  }
}

export function drawResult(input: { seedHex: string; period: string; publicInput: string; candidates: Candidate[]; counts: Counts }): Result {
  const result = { town: [], county_unit: [] } as Result;
  for (const g of REVIEW_GROUPS) {
    const list = idsOf(input.candidates, g);
    const k = input.counts[g];
    if (k > list.length) throw new Error(`${g}: ${k} to draw from ${list.length}`);
    const stream = groupStream(input.seedHex, input.period, input.publicInput, g);
    for (let i = 0; i < k; i++) {
      const j = i + stream.below(list.length - i);
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    result[g] = list.slice(0, k);
  }
  return result;
}

export interface StoredDraw {
  period: string;
  counts: Counts;
  candidates: Candidate[];
  commitment: string;
  seedHex: string;
  publicInput: string | null;
  result: Result | null;
}

export interface Verification {
  ok: boolean;
  commitmentOk: boolean;
  // null while the draw has not been made yet.
  resultOk: boolean | null;
  expectedCommitment: string;
  expectedResult: Result | null;
  problems: string[];
}

// Recomputes the commitment and the result from what is stored; any difference is a problem.
export function verifyDraw(stored: StoredDraw): Verification {
  const problems: string[] = [];
  const expectedCommitment = /^[0-9a-f]{64}$/.test(stored.seedHex)
    ? commitmentOf({ period: stored.period, seedHex: stored.seedHex, candidates: stored.candidates, counts: stored.counts })
    : '';
  const commitmentOk = expectedCommitment !== '' && expectedCommitment === stored.commitment;
  if (!commitmentOk) problems.push('承诺值不符：种子、候选名单或抽取数与抽签前公布的承诺值对不上');
  let expectedResult: Result | null = null;
  let resultOk: boolean | null = null;
  if (stored.result) {
    const short = shortageProblems(stored.candidates, stored.counts);
    if (expectedCommitment && !short.length) {
      expectedResult = drawResult({
        seedHex: stored.seedHex,
        period: stored.period,
        publicInput: stored.publicInput ?? '',
        candidates: stored.candidates,
        counts: stored.counts,
      });
    }
    resultOk = expectedResult !== null && REVIEW_GROUPS.every((g) => sameList(expectedResult![g], stored.result![g] ?? []));
    if (!resultOk) problems.push('抽签结果不符：按种子和候选名单重新计算的结果与保存的结果不同');
  }
  return { ok: problems.length === 0, commitmentOk, resultOk, expectedCommitment, expectedResult, problems };
}

const sameList = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
