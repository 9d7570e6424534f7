import { describe, expect, it } from 'vitest';
import {
  canonicalCommitment,
  candidatesOf,
  commitmentOf,
  drawResult,
  exclusionWindow,
  groupStream,
  monthsBefore,
  settingsProblems,
  shortageProblems,
  uniformBelow,
  verifyDraw,
  type Candidate,
  type StoredDraw,
} from './rules.js';

// Seed 00 01 02 … 1f; towns 11–15, county units 21–26; 2 and 2 to draw.
const SEED = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join('');
const CANDIDATES: Candidate[] = [
  ...[15, 11, 13, 12, 14].map((unitId) => ({ unitId, group: 'town' as const })),
  ...[26, 21, 22, 25, 23, 24].map((unitId) => ({ unitId, group: 'county_unit' as const })),
];
const COUNTS = { town: 2, county_unit: 2 };

describe('the commitment', () => {
  it('is SHA-256 of the documented canonical string, candidates sorted by id', () => {
    const input = { period: '2026-03', seedHex: SEED, candidates: CANDIDATES, counts: COUNTS };
    expect(canonicalCommitment(input)).toBe(`luoshi-lottery-v1\nperiod:2026-03\nseed:${SEED}\ntown:2:11,12,13,14,15\ncounty_unit:2:21,22,23,24,25,26`);
    // Computed independently (Python hashlib.sha256 over the same string).
    expect(commitmentOf(input)).toBe('c6d0a8e0b04acf47ca5be49e0ac3c3e28e50a88230f80f5a366917427c57a168');
  });
});

describe('the draw is a deterministic function of the seed and the public input', () => {
  // Words of each group's stream (HMAC-SHA256 counter mode, computed independently with Python's hmac) and the
  // partial Fisher–Yates by hand. Public input "": towns [11,12,13,14,15]: 0x42755952 mod 5 = 4 → swap 0,4 →
  // [15,12,13,14,11]; 0x644c31d5 mod 4 = 1 → swap 1,2 → [15,13,…]. County units [21…26]: 0xefd873b3 mod 6 = 5 →
  // swap 0,5 → [26,22,23,24,25,21]; 0x8ddaf85a mod 5 = 2 → swap 1,3 → [26,24,…].
  it.each([
    ['', [0x42755952, 0x644c31d5], [0xefd873b3, 0x8ddaf85a], { town: [15, 13], county_unit: [26, 24] }],
    // "0731": 0x4e97c2f9 mod 5 = 2 → [13,12,11,14,15]; 0x634a090b mod 4 = 3 → swap 1,4 → [13,15,…].
    // 0xfdbc06fa mod 6 = 4 → [25,22,23,24,21,26]; 0x562963db mod 5 = 0 → swap 1,1 → [25,22,…].
    ['0731', [0x4e97c2f9, 0x634a090b], [0xfdbc06fa, 0x562963db], { town: [13, 15], county_unit: [25, 22] }],
  ] as const)('public input %j', (publicInput, townWords, countyWords, expected) => {
    const town = groupStream(SEED, '2026-03', publicInput, 'town');
    expect([town.nextWord(), town.nextWord()]).toEqual(townWords);
    const county = groupStream(SEED, '2026-03', publicInput, 'county_unit');
    expect([county.nextWord(), county.nextWord()]).toEqual(countyWords);
    const input = { seedHex: SEED, period: '2026-03', publicInput, candidates: CANDIDATES, counts: COUNTS };
    expect(drawResult(input)).toEqual(expected);
    // Again, and with the candidates in another order: the same result.
    expect(drawResult({ ...input, candidates: [...CANDIDATES].reverse() })).toEqual(expected);
  });

  it('another seed, another period: another stream', () => {
    const input = { seedHex: SEED, period: '2026-03', publicInput: '', candidates: CANDIDATES, counts: COUNTS };
    expect(drawResult({ ...input, seedHex: 'ff'.repeat(32) })).not.toEqual(drawResult(input));
    expect(groupStream(SEED, '2026-04', '', 'town').nextWord()).not.toBe(0x42755952);
  });

  it('drawing every candidate draws each once', () => {
    const r = drawResult({ seedHex: 'ff'.repeat(32), period: '2025-12', publicInput: '', candidates: CANDIDATES, counts: { town: 5, county_unit: 6 } });
    expect([...r.town].sort()).toEqual([11, 12, 13, 14, 15]);
    expect([...r.county_unit].sort()).toEqual([21, 22, 23, 24, 25, 26]);
  });

  it.each([
    // n = 3: 2^32 mod 3 = 1, so the largest word 2^32 − 1 is rejected and the next one used.
    [[0xffffffff, 7], 3, 1],
    [[0xfffffffe, 7], 3, 0xfffffffe % 3],
    [[5], 1, 0],
    // n = 6: 2^32 mod 6 = 4, so 2^32 − 4 … 2^32 − 1 are rejected.
    [[0xfffffffc, 0xffffffff, 11], 6, 5],
  ])('uniformBelow(%j, %i) = %i (rejection sampling)', (words, n, expected) => {
    const queue = [...words];
    expect(uniformBelow(() => queue.shift()!, n)).toBe(expected);
  });
});

describe('candidates and the exclusion window', () => {
  it.each([
    ['2026-03', 3, ['2026-02', '2026-01', '2025-12']],
    ['2026-01', 1, ['2025-12']],
    ['2026-03', 0, []],
  ])('the window of %s over %i months', (period, n, expected) => {
    expect(exclusionWindow(period, n)).toEqual(expected);
  });

  it('monthsBefore crosses years', () => {
    expect(monthsBefore('2026-01', 13)).toBe('2024-12');
  });

  it('recently drawn units are not candidates; the rest are sorted by id', () => {
    expect(candidatesOf(CANDIDATES, new Set([13, 26]))).toEqual([
      ...[11, 12, 14, 15].map((unitId) => ({ unitId, group: 'town' })),
      ...[21, 22, 23, 24, 25].map((unitId) => ({ unitId, group: 'county_unit' })),
    ]);
  });

  it.each([
    [{ town: 2, county_unit: 2 }, []],
    [{ town: 5, county_unit: 6 }, []],
    [{ town: 6, county_unit: 2 }, ['乡镇（街道）候选单位只有 5 个，少于要抽取的 6 个']],
    [{ town: 6, county_unit: 7 }, ['乡镇（街道）候选单位只有 5 个，少于要抽取的 6 个', '县直单位候选单位只有 6 个，少于要抽取的 7 个']],
  ])('shortage for counts %j', (counts, expected) => {
    expect(shortageProblems(CANDIDATES, counts)).toEqual(expected);
  });

  it.each([
    [{ towns: 2, countyUnits: 2, excludeMonths: 3 }, 0],
    [{ towns: 0, countyUnits: 0, excludeMonths: 3 }, 1],
    [{ towns: 1.5, countyUnits: 2, excludeMonths: 3 }, 1],
    [{ towns: 2, countyUnits: -1, excludeMonths: 3 }, 1],
    [{ towns: 2, countyUnits: 2, excludeMonths: 25 }, 1],
    [{ towns: 21, countyUnits: 2, excludeMonths: -1 }, 2],
  ])('settings %j have %i problems', (settings, n) => {
    expect(settingsProblems(settings)).toHaveLength(n);
  });
});

describe('verifyDraw recomputes from what is stored', () => {
  const drawn: StoredDraw = {
    period: '2026-03',
    counts: COUNTS,
    candidates: CANDIDATES,
    commitment: 'c6d0a8e0b04acf47ca5be49e0ac3c3e28e50a88230f80f5a366917427c57a168',
    seedHex: SEED,
    publicInput: '0731',
    result: { town: [13, 15], county_unit: [25, 22] },
  };

  it('passes the intact draw, and a committed one not yet drawn', () => {
    expect(verifyDraw(drawn)).toMatchObject({ ok: true, commitmentOk: true, resultOk: true, problems: [] });
    expect(verifyDraw({ ...drawn, publicInput: null, result: null })).toMatchObject({ ok: true, commitmentOk: true, resultOk: null });
  });

  it.each<[string, Partial<StoredDraw>, { commitmentOk: boolean; resultOk: boolean | null }]>([
    ['a candidate replaced', { candidates: CANDIDATES.map((c) => (c.unitId === 14 ? { ...c, unitId: 16 } : c)) }, { commitmentOk: false, resultOk: false }],
    ['a candidate removed', { candidates: CANDIDATES.filter((c) => c.unitId !== 11) }, { commitmentOk: false, resultOk: false }],
    [
      'a candidate moved to the other group',
      { candidates: CANDIDATES.map((c) => (c.unitId === 21 ? { ...c, group: 'town' } : c)) },
      { commitmentOk: false, resultOk: false },
    ],
    ['the seed', { seedHex: `${SEED.slice(0, 63)}0` }, { commitmentOk: false, resultOk: false }],
    ['the seed, garbled', { seedHex: 'not hex' }, { commitmentOk: false, resultOk: false }],
    ['the counts', { counts: { town: 3, county_unit: 2 } }, { commitmentOk: false, resultOk: false }],
    ['the result', { result: { town: [13, 14], county_unit: [25, 22] } }, { commitmentOk: true, resultOk: false }],
    ['the result order', { result: { town: [15, 13], county_unit: [25, 22] } }, { commitmentOk: true, resultOk: false }],
    ['the public input', { publicInput: '0732' }, { commitmentOk: true, resultOk: false }],
    ['the commitment', { commitment: '0'.repeat(64) }, { commitmentOk: false, resultOk: true }],
  ])('fails when %s is altered', (_what, change, expected) => {
    const v = verifyDraw({ ...drawn, ...change });
    expect(v).toMatchObject({ ok: false, ...expected });
    expect(v.problems.length).toBeGreaterThan(0);
  });
});
