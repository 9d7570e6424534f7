import crypto from 'node:crypto';
import { saveSettingsRow } from '../../db/settings-row.js';
import { and, eq } from 'drizzle-orm';
import type { Actor, Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import { authorize } from '../../permissions.js';
import { recordAudit } from '../audit/service.js';
import { reviewedUnits } from '../org/read.js';
import {
  candidatesOf,
  commitmentOf,
  countsOf,
  drawResult,
  exclusionWindow,
  normalizePublicInput,
  publicInputProblems,
  settingsProblems,
  shortageProblems,
  verifyDraw,
  type LotterySettings,
} from './rules.js';
import { lotteryCandidates, lotteryDraws, lotterySettings } from './schema.js';
import * as store from './store.js';

type Acting = Who & { actor: Actor };

// ---- Settings (督查室)

export async function getSettings(deps: Deps, actor: Actor) {
  authorize(actor, 'lottery.read');
  const { towns, countyUnits, excludeMonths, version } = await store.getSettings(deps.db);
  return { towns, countyUnits, excludeMonths, version };
}

export async function updateSettings(deps: Deps, who: Acting, input: LotterySettings & { version: number }) {
  authorize(who.actor, 'lottery.manage');
  const { version, ...set } = input;
  const problems = settingsProblems(set);
  if (problems.length) throw badRequest('BAD_LOTTERY_SETTINGS', problems.join('；'), problems);
  await deps.db.transaction(async (tx) => {
    const before = await store.getSettings(tx);
    const after = await saveSettingsRow(tx, lotterySettings, version, { ...set, updatedAt: deps.clock.now() });
    if (!after) throw conflict('STALE_VERSION', '抽签设置已被他人修改，请刷新后重试');
    await recordAudit(tx, deps, who, { action: 'lottery_settings.update', targetType: 'lottery_settings', targetId: 1, before, after });
  });
  return getSettings(deps, who.actor);
}

// ---- Draws

export type DrawView = Awaited<ReturnType<typeof withCandidates>>[number];

async function withCandidates(db: Db, draws: store.DrawRow[]) {
  const candidates = await store.candidatesOfDraws(
    db,
    draws.map((d) => d.id),
  );
  return draws.map((draw) => {
    const own = candidates.filter((c) => c.drawId === draw.id);
    return { draw, candidates: own, verification: verifyDraw(storedOf(draw, own)) };
  });
}

const storedOf = (draw: store.DrawRow, candidates: store.CandidateRow[]) => ({
  period: draw.period,
  counts: countsOf(draw),
  candidates: candidates.map((c) => ({ unitId: c.unitId, group: c.group })),
  commitment: draw.commitment,
  seedHex: draw.seed,
  publicInput: draw.publicInput,
  result: draw.result,
});

export async function listDraws(deps: Deps, actor: Actor) {
  authorize(actor, 'lottery.read');
  return withCandidates(deps.db, await store.listDraws(deps.db));
}

export async function getDraw(deps: Deps, actor: Actor, id: number) {
  authorize(actor, 'lottery.read');
  return loadDraw(deps.db, id);
}

async function loadDraw(db: Db, id: number) {
  const draw = await store.findDraw(db, id);
  if (!draw) throw notFound('LOTTERY_NOT_FOUND');
  return (await withCandidates(db, [draw]))[0]!;
}

// For the command line (npm run lottery:verify): no session, the operator has the database itself.
export const verifyStoredDraw = (db: Db, id: number) => loadDraw(db, id);

// Step 1 (the office, before the meeting): freeze the candidates, choose the secret seed, publish the commitment.
// `newSeed` is crypto.randomBytes for every real draw; only the demo history passes its own, so the demo county is
// the same on every run.
export async function commitDraw(deps: Deps, who: Acting, period: string, newSeed: () => Buffer = () => crypto.randomBytes(32)) {
  authorize(who.actor, 'lottery.manage');
  if (await store.findDrawByPeriod(deps.db, period)) throw conflict('LOTTERY_EXISTS', `${period} 已公布抽签候选名单，不能重复公布`);
  const id = await deps.db.transaction(async (tx) => {
    const settings = await store.getSettings(tx);
    const window = exclusionWindow(period, settings.excludeMonths);
    const recent = new Set((await store.drawnInPeriods(tx, window)).flatMap((d) => [...(d.result?.town ?? []), ...(d.result?.county_unit ?? [])]));
    const reviewed = await reviewedUnits(tx);
    const names = new Map(reviewed.map((u) => [u.id, u.name]));
    const candidates = candidatesOf(
      reviewed.map((u) => ({ unitId: u.id, group: u.group })),
      recent,
    );
    const counts = countsOf(settings);
    const short = shortageProblems(candidates, counts);
    if (short.length) throw badRequest('LOTTERY_TOO_FEW', `${short.join('；')}，不能抽签。请调整抽取数或回避月数`, short);
    const seedHex = newSeed().toString('hex');
    const commitment = commitmentOf({ period, seedHex, candidates, counts });
    const [draw] = await tx
      .insert(lotteryDraws)
      .values({
        period,
        state: 'committed',
        towns: settings.towns,
        countyUnits: settings.countyUnits,
        excludeMonths: settings.excludeMonths,
        commitment,
        seed: seedHex,
        committedAt: deps.clock.now(),
        committedBy: who.actor.displayName,
      })
      .onConflictDoNothing({ target: lotteryDraws.period })
      .returning();
    if (!draw) throw conflict('LOTTERY_EXISTS', `${period} 已公布抽签候选名单，不能重复公布`);
    const rows = candidates.map((c) => ({ drawId: draw.id, unitId: c.unitId, unitName: names.get(c.unitId) ?? '', group: c.group }));
    if (rows.length) await tx.insert(lotteryCandidates).values(rows);
    // The seed stays out of the audit row until the draw reveals it: the audit trail is readable before the meeting.
    await recordAudit(tx, deps, who, {
      action: 'lottery.commit',
      targetType: 'lottery_draw',
      targetId: draw.id,
      after: {
        period,
        counts,
        excludeMonths: settings.excludeMonths,
        excludedPeriods: window,
        candidates: rows.map(({ unitId, unitName, group }) => ({ unitId, unitName, group })),
        commitment,
      },
    });
    return draw.id;
  });
  return loadDraw(deps.db, id);
}

// Step 2 (the office, at the meeting): reveal the seed, mix in the public input, compute and store the result.
export async function makeDraw(deps: Deps, who: Acting, period: string, rawPublicInput: string | null) {
  authorize(who.actor, 'lottery.manage');
  const publicInput = normalizePublicInput(rawPublicInput);
  const problems = publicInputProblems(publicInput);
  if (problems.length) throw badRequest('BAD_PUBLIC_INPUT', problems.join('；'), problems);
  const id = await deps.db.transaction(async (tx) => {
    const [draw] = await tx.select().from(lotteryDraws).where(eq(lotteryDraws.period, period)).for('update');
    if (!draw) throw conflict('LOTTERY_NOT_COMMITTED', `${period} 尚未公布候选名单和承诺值，请先公布再抽签`);
    if (draw.state !== 'committed') throw conflict('LOTTERY_DRAWN', `${period} 已抽签，不能重复抽签`);
    const candidates = await store.candidatesOfDraws(tx, [draw.id]);
    const stored = storedOf(draw, candidates);
    // The draw runs only on exactly what was committed to.
    if (!verifyDraw(stored).commitmentOk) throw conflict('LOTTERY_TAMPERED');
    const result = drawResult({ seedHex: draw.seed, period, publicInput, candidates: stored.candidates, counts: stored.counts });
    const [after] = await tx
      .update(lotteryDraws)
      .set({ state: 'drawn', publicInput, result, drawnAt: deps.clock.now(), drawnBy: who.actor.displayName })
      .where(and(eq(lotteryDraws.id, draw.id), eq(lotteryDraws.state, 'committed')))
      .returning();
    if (!after) throw conflict('LOTTERY_DRAWN', `${period} 已抽签，不能重复抽签`);
    const names = new Map(candidates.map((c) => [c.unitId, c.unitName]));
    await recordAudit(tx, deps, who, {
      action: 'lottery.draw',
      targetType: 'lottery_draw',
      targetId: draw.id,
      before: { state: 'committed' },
      after: {
        period,
        commitment: draw.commitment,
        seed: draw.seed,
        publicInput,
        candidates: candidates.map(({ unitId, unitName, group }) => ({ unitId, unitName, group })),
        result: Object.fromEntries(Object.entries(result).map(([g, ids]) => [g, ids.map((unitId) => ({ unitId, unitName: names.get(unitId) ?? '' }))])),
      },
    });
    return draw.id;
  });
  return loadDraw(deps.db, id);
}
