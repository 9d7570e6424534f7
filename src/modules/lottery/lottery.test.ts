import { and, count, desc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { auditLog } from '../audit/schema.js';
import { reviewedUnits, units } from '../org/read.js';
import { drawnUnits } from './read.js';
import { commitmentOf } from './rules.js';
import { lotteryCandidates, lotteryDraws } from './schema.js';

let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
let reviewed: Awaited<ReturnType<typeof reviewedUnits>>;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const u of ['duchashi', 'lianluo', 'lingdao', 'admin']) cookies[u] = await login(app, u);
  reviewed = await reviewedUnits(deps.db);
});
afterAll(() => deps?.close());

const as = (who: string, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);
const draws = async () => (await deps.db.select({ n: count() }).from(lotteryDraws))[0]!.n;
const lastSeq = async () => (await deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0]?.seq ?? 0;
const auditSince = (seq: number) => deps.db.select().from(auditLog).where(gt(auditLog.seq, seq));

describe('settings', () => {
  it('start at the defaults, which everyone in the business reads and only the office changes', async () => {
    const read = await as('lianluo', 'GET', '/api/v1/lottery/settings');
    expect(read.body).toEqual({ towns: 2, countyUnits: 2, excludeMonths: 3, version: 0 });
    expect((await as('lianluo', 'PUT', '/api/v1/lottery/settings', read.body)).status).toBe(403);
    expect((await as('admin', 'GET', '/api/v1/lottery/settings')).status).toBe(403);

    const before = await lastSeq();
    const saved = await as('duchashi', 'PUT', '/api/v1/lottery/settings', { ...read.body, excludeMonths: 2 });
    expect(saved.body).toEqual({ towns: 2, countyUnits: 2, excludeMonths: 2, version: 1 });
    const audit = (await auditSince(before)).filter((a) => a.action === 'lottery_settings.update');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ excludeMonths: 2 });

    // A stale version, then bad values: refused, nothing changed.
    expect((await as('duchashi', 'PUT', '/api/v1/lottery/settings', { ...read.body, excludeMonths: 4 })).body!.error.code).toBe('STALE_VERSION');
    const bad = await as('duchashi', 'PUT', '/api/v1/lottery/settings', { towns: 0, countyUnits: 0, excludeMonths: 30, version: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body!.error).toMatchObject({ code: 'BAD_LOTTERY_SETTINGS' });
    expect(bad.body!.error.message).toContain('每月至少抽取 1 个单位');
    expect(bad.body!.error.message).toContain('回避月数应为 0 到 24 的整数');
    const back = await as('duchashi', 'PUT', '/api/v1/lottery/settings', { towns: 2, countyUnits: 2, excludeMonths: 3, version: 1 });
    expect(back.body).toMatchObject({ excludeMonths: 3, version: 2 });
  });
});

describe('commit, then draw', () => {
  let drawId: number;
  let drawn: Record<string, any>;

  it('drawing before committing is refused', async () => {
    const res = await as('duchashi', 'POST', '/api/v1/lottery/months/2026-03/draw', { publicInput: '1' });
    expect(res.status).toBe(409);
    expect(res.body!.error).toEqual({ code: 'LOTTERY_NOT_COMMITTED', message: '2026-03 尚未公布候选名单和承诺值，请先公布再抽签' });
    expect(await draws()).toBe(0);
  });

  it('only the office commits; the commit freezes every reviewed unit and publishes the commitment, not the seed', async () => {
    expect((await as('lianluo', 'POST', '/api/v1/lottery/months/2026-03/commit')).status).toBe(403);
    expect((await as('lingdao', 'POST', '/api/v1/lottery/months/2026-03/commit')).status).toBe(403);
    const before = await lastSeq();
    const res = await as('duchashi', 'POST', '/api/v1/lottery/months/2026-03/commit');
    expect(res.status).toBe(201);
    drawId = res.body!.id;
    expect(res.body).toMatchObject({ period: '2026-03', state: 'committed', towns: 2, countyUnits: 2, excludeMonths: 3, seed: null, result: null });
    expect(res.body!.commitment).toMatch(/^[0-9a-f]{64}$/);
    const expected = reviewed.map((u) => ({ unitId: u.id, unitName: u.name, group: u.group })).sort((a, b) => a.unitId - b.unitId);
    expect(res.body!.candidates).toEqual(expected);
    expect(expected.filter((c) => c.group === 'town').length).toBeGreaterThan(2);
    expect(res.body!.verification).toMatchObject({ ok: true, commitmentOk: true, resultOk: null });

    const audit = (await auditSince(before)).filter((a) => a.action === 'lottery.commit');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ period: '2026-03', commitment: res.body!.commitment, candidates: expected });
    expect(JSON.stringify(audit[0]!.after)).not.toContain((await deps.db.select().from(lotteryDraws))[0]!.seed);

    // A unit sees the candidates and the commitment before the draw, not the seed.
    const seen = await as('lianluo', 'GET', `/api/v1/lottery/draws/${drawId}`);
    expect(seen.body).toMatchObject({ state: 'committed', commitment: res.body!.commitment, seed: null });
    expect(seen.body!.candidates).toHaveLength(expected.length);
    expect(await drawnUnits(deps.db, '2026-03')).toEqual([]);
  });

  it('a second commit for the month is refused', async () => {
    const res = await as('duchashi', 'POST', '/api/v1/lottery/months/2026-03/commit');
    expect(res.status).toBe(409);
    expect(res.body!.error).toEqual({ code: 'LOTTERY_EXISTS', message: '2026-03 已公布抽签候选名单，不能重复公布' });
    expect(await draws()).toBe(1);
  });

  it('only the office draws; the draw reveals the seed that matches the commitment, and the result verifies', async () => {
    expect((await as('lianluo', 'POST', '/api/v1/lottery/months/2026-03/draw', {})).status).toBe(403);
    const tooLong = await as('duchashi', 'POST', '/api/v1/lottery/months/2026-03/draw', { publicInput: '9'.repeat(65) });
    expect(tooLong.body!.error.code).toBe('BAD_PUBLIC_INPUT');
    const before = await lastSeq();
    const res = await as('duchashi', 'POST', '/api/v1/lottery/months/2026-03/draw', { publicInput: ' 0731 ' });
    expect(res.status).toBe(200);
    drawn = res.body!;
    expect(drawn).toMatchObject({ state: 'drawn', publicInput: '0731', verification: { ok: true, commitmentOk: true, resultOk: true } });
    expect(drawn.seed).toMatch(/^[0-9a-f]{64}$/);
    const candidates = drawn.candidates as { unitId: number; group: 'town' | 'county_unit' }[];
    expect(commitmentOf({ period: '2026-03', seedHex: drawn.seed, candidates, counts: { town: 2, county_unit: 2 } })).toBe(drawn.commitment);
    const result = drawn.result as { unitId: number; group: string; order: number }[];
    expect(result.map((r) => [r.group, r.order])).toEqual([
      ['town', 1],
      ['town', 2],
      ['county_unit', 1],
      ['county_unit', 2],
    ]);
    for (const r of result) expect(candidates.find((c) => c.unitId === r.unitId)?.group).toBe(r.group);
    expect(new Set(result.map((r) => r.unitId)).size).toBe(4);

    const audit = (await auditSince(before)).filter((a) => a.action === 'lottery.draw');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ seed: drawn.seed, publicInput: '0731', commitment: drawn.commitment });
    expect((audit[0]!.after as { candidates: unknown[] }).candidates).toHaveLength(candidates.length);
    expect((audit[0]!.after as { result: { town: { unitId: number }[] } }).result.town.map((u) => u.unitId)).toEqual(
      result.filter((r) => r.group === 'town').map((r) => r.unitId),
    );

    // The meeting pages read who reports.
    expect(await drawnUnits(deps.db, '2026-03')).toEqual(result.map((r) => ({ ...r, unitName: expect.any(String) })));
  });

  it('a second draw for the month is refused and changes nothing', async () => {
    const res = await as('duchashi', 'POST', '/api/v1/lottery/months/2026-03/draw', { publicInput: '0000' });
    expect(res.status).toBe(409);
    expect(res.body!.error).toEqual({ code: 'LOTTERY_DRAWN', message: '2026-03 已抽签，不能重复抽签' });
    expect((await as('lianluo', 'GET', `/api/v1/lottery/draws/${drawId}`)).body).toEqual(drawn);
  });

  it('verification fails when a stored candidate, the result or the seed is altered', async () => {
    const verify = async () => (await as('lianluo', 'GET', `/api/v1/lottery/draws/${drawId}/verify`)).body!;
    expect(await verify()).toMatchObject({ ok: true, problems: [] });

    const [row] = await deps.db.select().from(lotteryDraws).where(eq(lotteryDraws.id, drawId));
    const [candidate] = await deps.db.select().from(lotteryCandidates).where(eq(lotteryCandidates.drawId, drawId)).limit(1);
    // A candidate swapped for a unit that was not on the list (a village: never reviewed, so never a candidate).
    const [village] = await deps.db.select({ id: units.id }).from(units).where(eq(units.kind, 'village')).limit(1);
    await deps.db.update(lotteryCandidates).set({ unitId: village!.id }).where(eq(lotteryCandidates.id, candidate!.id));
    expect(await verify()).toMatchObject({ ok: false, commitmentOk: false });
    await deps.db.update(lotteryCandidates).set(candidate!).where(eq(lotteryCandidates.id, candidate!.id));
    expect(await verify()).toMatchObject({ ok: true });

    // The result altered: the first town drawn replaced by another candidate town.
    const otherTown = (drawn.candidates as { unitId: number; group: string }[]).find((c) => c.group === 'town' && !row!.result!.town.includes(c.unitId))!;
    await deps.db
      .update(lotteryDraws)
      .set({ result: { ...row!.result!, town: [otherTown.unitId, row!.result!.town[1]!] } })
      .where(eq(lotteryDraws.id, drawId));
    expect(await verify()).toMatchObject({ ok: false, commitmentOk: true, resultOk: false });
    await deps.db.update(lotteryDraws).set({ result: row!.result }).where(eq(lotteryDraws.id, drawId));

    // The seed altered (one hex digit).
    const flipped = `${row!.seed.slice(0, -1)}${row!.seed.endsWith('0') ? '1' : '0'}`;
    await deps.db.update(lotteryDraws).set({ seed: flipped }).where(eq(lotteryDraws.id, drawId));
    const bad = await verify();
    expect(bad).toMatchObject({ ok: false, commitmentOk: false, resultOk: false });
    expect(bad.problems).toContain('承诺值不符：种子、候选名单或抽取数与抽签前公布的承诺值对不上');
    await deps.db.update(lotteryDraws).set({ seed: row!.seed }).where(eq(lotteryDraws.id, drawId));
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('units drawn in the last N months are not candidates; later months see them again', async () => {
    const drawnIds = (drawn.result as { unitId: number }[]).map((r) => r.unitId);
    const april = await as('duchashi', 'POST', '/api/v1/lottery/months/2026-04/commit');
    expect(april.status).toBe(201);
    const aprilIds = (april.body!.candidates as { unitId: number }[]).map((c) => c.unitId);
    expect(aprilIds).toHaveLength(reviewed.length - 4);
    for (const id of drawnIds) expect(aprilIds).not.toContain(id);
    // July's window is April to June: March's units are candidates again.
    const july = await as('duchashi', 'POST', '/api/v1/lottery/months/2026-07/commit');
    expect(july.body!.candidates).toHaveLength(reviewed.length);
  });

  it('a draw whose stored candidates no longer match the commitment is refused', async () => {
    const may = await as('duchashi', 'POST', '/api/v1/lottery/months/2026-05/commit');
    const [candidate] = await deps.db.select().from(lotteryCandidates).where(eq(lotteryCandidates.drawId, may.body!.id)).limit(1);
    await deps.db.delete(lotteryCandidates).where(eq(lotteryCandidates.id, candidate!.id));
    const res = await as('duchashi', 'POST', '/api/v1/lottery/months/2026-05/draw', {});
    expect(res.status).toBe(409);
    expect(res.body!.error.code).toBe('LOTTERY_TAMPERED');
    const [row] = await deps.db.select().from(lotteryDraws).where(eq(lotteryDraws.id, may.body!.id));
    expect(row).toMatchObject({ state: 'committed', result: null });
  });

  it('fewer candidates than draws in a group is refused with the group named, and nothing is saved', async () => {
    const towns = reviewed.filter((u) => u.group === 'town').length;
    expect(towns).toBeLessThan(20);
    const current = (await as('duchashi', 'GET', '/api/v1/lottery/settings')).body!;
    await as('duchashi', 'PUT', '/api/v1/lottery/settings', { ...current, towns: towns + 1 });
    const before = await draws();
    const res = await as('duchashi', 'POST', '/api/v1/lottery/months/2026-09/commit');
    expect(res.status).toBe(400);
    expect(res.body!.error.code).toBe('LOTTERY_TOO_FEW');
    expect(res.body!.error.message).toContain(`乡镇（街道）候选单位只有 ${towns} 个，少于要抽取的 ${towns + 1} 个`);
    expect(await draws()).toBe(before);
    expect(
      await deps.db
        .select()
        .from(lotteryDraws)
        .where(and(eq(lotteryDraws.period, '2026-09'))),
    ).toEqual([]);
  });

  it('lists every draw, newest first, with its verification; a bad month or id is refused', async () => {
    const list = await as('lianluo', 'GET', '/api/v1/lottery/draws');
    expect(list.body!.items.map((d: { period: string }) => d.period)).toEqual(['2026-07', '2026-05', '2026-04', '2026-03']);
    expect(list.body!.items.map((d: { verification: { ok: boolean } }) => d.verification.ok)).toEqual([true, false, true, true]);
    expect((await as('duchashi', 'POST', '/api/v1/lottery/months/2026-13/commit')).status).toBe(400);
    expect((await as('lianluo', 'GET', '/api/v1/lottery/draws/99999')).body!.error.code).toBe('LOTTERY_NOT_FOUND');
  });
});
