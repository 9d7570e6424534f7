// The monthly review's use cases: scheme versions, manual facts, bottom statements, star adjustments and publishing.
// Every write takes the review lock, refuses a published month, and records its audit row in its transaction.
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { badRequest, conflict, forbidden, notFound } from '../../errors.js';
import { authorize, can } from '../../permissions.js';
import { type ManualFactKind, REVIEW_GROUP_LABELS, REVIEW_GROUPS, type ReviewGroup, SCORE_FACT_LABELS } from '../../shared/labels.js';
import { recordAudit } from '../audit/service.js';
import { isActiveLeader, reviewedUnits } from '../org/read.js';
import { isMonth } from '../plans/rules.js';
import { manualFactProblems, schemeFor, schemeProblems } from './rules.js';
import { liveExtras, liveScores, monthReview, monthScores } from './read.js';
import * as store from './store.js';

type Acting = Who & { actor: Actor };

function checkPeriod(period: string) {
  if (!isMonth(period)) throw badRequest('BAD_PERIOD', '月份格式应为 YYYY-MM');
}

// Units may read a month once it is published; the county's side reads every month.
async function authorizeRead(deps: Deps, actor: Actor, period: string) {
  if (can(actor, 'review.read')) return checkPeriod(period);
  authorize(actor, 'review.read_published');
  checkPeriod(period);
  if (!(await store.findPublication(deps.db, period))) throw forbidden('该月点评尚未发布，发布后才能查看');
}

export async function readScores(deps: Deps, actor: Actor, period: string) {
  await authorizeRead(deps, actor, period);
  return monthScores(deps.db, period, dayOf(deps.clock.now()));
}

export async function readReview(deps: Deps, actor: Actor, period: string) {
  await authorizeRead(deps, actor, period);
  const review = await monthReview(deps.db, period, dayOf(deps.clock.now()));
  const manual = review.status === 'draft' && can(actor, 'review.manage') ? await store.manualFacts(deps.db, period) : [];
  return { ...review, manual, blocker: review.status === 'draft' ? publishBlocker(review) : null };
}

export async function listPublished(deps: Deps, actor: Actor) {
  if (!can(actor, 'review.read')) authorize(actor, 'review.read_published');
  return store.publishedPeriods(deps.db);
}

/** Why a draft month cannot be published yet, in Chinese; null when it can. */
function publishBlocker(review: {
  period: string;
  figuresFrozen: boolean;
  bottom: { group: ReviewGroup; proposed: unknown[]; confirmed: unknown[] | null }[];
}) {
  if (!review.figuresFrozen) return `${review.period} 的月度指标尚未冻结（月末结束后由定时任务冻结），冻结后才能发布`;
  const open = review.bottom.filter((b) => b.proposed.length > 0 && b.confirmed === null);
  if (open.length) return `请先确认${open.map((b) => REVIEW_GROUP_LABELS[b.group]).join('、')}的末位表态单位`;
  return null;
}

async function refusePublished(tx: Deps['db'], period: string) {
  await store.lockReview(tx);
  if (await store.findPublication(tx, period)) throw conflict('REVIEW_PUBLISHED', `${period} 的月点评已发布，不能再修改`);
}

// ---- Scheme versions

export async function listSchemes(deps: Deps, actor: Actor) {
  if (!can(actor, 'review.read')) authorize(actor, 'review.manage');
  const today = dayOf(deps.clock.now());
  const schemes = await store.allSchemes(deps.db);
  const current = schemeFor(schemes, today.slice(0, 7));
  return { items: schemes.map((s) => ({ ...s, inForce: s.id === current?.id })), lastPublished: await store.lastPublished(deps.db) };
}

export async function saveScheme(
  deps: Deps,
  who: Acting,
  input: { effectiveFrom: unknown; weights: Record<string, unknown>; partShare?: unknown; note?: string },
) {
  authorize(who.actor, 'review.manage');
  return deps.db.transaction(async (tx) => {
    await store.lockReview(tx);
    const { problems, weights, partShare: sent } = schemeProblems(input, await store.lastPublished(tx));
    if (problems.length) throw badRequest('BAD_SCHEME', `评分方案不正确：${problems.join('；')}`, problems);
    // Not sent: the new version keeps the latest version's split.
    const partShare = sent ?? (await store.allSchemes(tx))[0]?.partShare ?? 0;
    const created = await store.insertScheme(tx, {
      effectiveFrom: input.effectiveFrom as string,
      weights,
      partShare,
      note: (input.note ?? '').trim(),
      createdAt: deps.clock.now(),
      createdBy: who.actor.accountId,
    });
    await recordAudit(tx, deps, who, {
      action: 'review.scheme.create',
      targetType: 'review_schemes',
      targetId: created.id,
      after: { version: created.version, effectiveFrom: created.effectiveFrom, weights, partShare },
    });
    return created;
  });
}

// ---- Manual facts

export async function addManualFact(
  deps: Deps,
  who: Acting,
  period: string,
  input: { unitId: number; kind: ManualFactKind; day: string; reason: string; evidence: string },
) {
  authorize(who.actor, 'review.manage');
  checkPeriod(period);
  const problems = manualFactProblems(input, period);
  if (problems.length) throw badRequest('BAD_MANUAL_FACT', `加减分事项不正确：${problems.join('；')}`, problems);
  const unit = (await reviewedUnits(deps.db)).find((u) => u.id === input.unitId);
  if (!unit) throw notFound('UNIT_NOT_FOUND', '单位不存在、已停用或不参加月点评');
  return deps.db.transaction(async (tx) => {
    await refusePublished(tx, period);
    const created = await store.insertManualFact(tx, {
      period,
      unitId: unit.id,
      kind: input.kind,
      day: input.day,
      reason: input.reason.trim(),
      evidence: input.evidence.trim(),
      createdAt: deps.clock.now(),
      createdBy: who.actor.accountId,
    });
    await recordAudit(tx, deps, who, {
      action: 'review.fact.add',
      targetType: 'review_manual_facts',
      targetId: created.id,
      after: {
        period,
        unitId: unit.id,
        unitName: unit.name,
        kind: SCORE_FACT_LABELS[created.kind],
        day: created.day,
        reason: created.reason,
        evidence: created.evidence,
      },
    });
    return created;
  });
}

export async function withdrawManualFact(deps: Deps, who: Acting, period: string, id: number) {
  authorize(who.actor, 'review.manage');
  checkPeriod(period);
  return deps.db.transaction(async (tx) => {
    await refusePublished(tx, period);
    const fact = await store.findManualFact(tx, id);
    if (!fact || fact.period !== period || fact.withdrawnAt) throw notFound('MANUAL_FACT_NOT_FOUND', '加减分事项不存在或已撤回');
    const withdrawn = await store.withdrawManualFact(tx, id, deps.clock.now(), who.actor.accountId);
    if (!withdrawn) throw conflict('STALE_VERSION');
    await recordAudit(tx, deps, who, { action: 'review.fact.withdraw', targetType: 'review_manual_facts', targetId: id, before: { ...fact } });
    return withdrawn;
  });
}

// ---- Bottom statements (末位表态)

export async function confirmBottom(deps: Deps, who: Acting, period: string, input: { group: ReviewGroup; unitIds: number[]; reason?: string }) {
  authorize(who.actor, 'review.manage');
  checkPeriod(period);
  return deps.db.transaction(async (tx) => {
    await refusePublished(tx, period);
    const today = dayOf(deps.clock.now());
    const live = await liveScores(tx, period, today);
    const { bottom } = await liveExtras(tx, period, today, live.rows, live.tasks);
    const proposed = bottom.find((b) => b.group === input.group)!.proposed.map((p) => p.unitId);
    const members = new Set(live.rows.filter((r) => r.group === input.group).map((r) => r.unitId));
    const unitIds = [...new Set(input.unitIds)];
    const reason = (input.reason ?? '').trim();
    const problems: string[] = [];
    if (!unitIds.length || unitIds.length > 2) problems.push('须确认 1 至 2 个表态单位');
    if (unitIds.some((id) => !members.has(id))) problems.push(`表态单位必须是${REVIEW_GROUP_LABELS[input.group]}中参加月点评的单位`);
    const same = unitIds.length === proposed.length && unitIds.every((id) => proposed.includes(id));
    if (!same && !reason) problems.push('确认的单位与系统建议不同，请填写理由');
    if (problems.length) throw badRequest('BAD_BOTTOM_STATEMENT', `末位表态单位不正确：${problems.join('；')}`, problems);
    const now = deps.clock.now();
    await store.replaceBottomStatements(
      tx,
      period,
      input.group,
      unitIds.map((unitId) => ({ unitId, proposed, reason, confirmedAt: now, confirmedBy: who.actor.accountId })),
    );
    await recordAudit(tx, deps, who, {
      action: 'review.bottom.confirm',
      targetType: 'review_bottom_statements',
      targetId: `${period}/${input.group}`,
      after: { period, group: input.group, proposed, confirmed: unitIds, reason },
    });
    return { period, group: input.group, proposed, confirmed: unitIds, reason };
  });
}

// ---- Leaders' stars (评星)

export async function adjustStars(deps: Deps, who: Acting, period: string, input: { leaderId: number; stars: number; reason: string }) {
  authorize(who.actor, 'review.manage');
  checkPeriod(period);
  const problems: string[] = [];
  if (!Number.isInteger(input.stars) || input.stars < 1 || input.stars > 5) problems.push('星级应为 1 至 5 的整数');
  if (!input.reason.trim()) problems.push('请填写调整理由');
  if (problems.length) throw badRequest('BAD_STAR_RATING', `星级评定不正确：${problems.join('；')}`, problems);
  if (!(await isActiveLeader(deps.db, input.leaderId))) throw notFound('LEADER_NOT_FOUND', '县领导不存在或已离任');
  return deps.db.transaction(async (tx) => {
    await refusePublished(tx, period);
    const saved = await store.upsertStarAdjustment(tx, {
      period,
      leaderId: input.leaderId,
      stars: input.stars,
      reason: input.reason.trim(),
      adjustedAt: deps.clock.now(),
      adjustedBy: who.actor.accountId,
    });
    await recordAudit(tx, deps, who, {
      action: 'review.stars.adjust',
      targetType: 'review_star_adjustments',
      targetId: saved.id,
      after: { period, leaderId: saved.leaderId, stars: saved.stars, reason: saved.reason },
    });
    return saved;
  });
}

// ---- Publishing (发布)

/**
 * Publishes and freezes a month: its scores, ranks, facts and scheme version are stored, with its bottom statements,
 * leaders' stars and category reports, all in one transaction with the audit row. Refused while the month's figures
 * are not frozen or a bottom statement is unconfirmed, and for a month already published.
 */
export async function publish(deps: Deps, who: Acting, period: string) {
  authorize(who.actor, 'review.manage');
  checkPeriod(period);
  return deps.db.transaction(async (tx) => {
    await refusePublished(tx, period);
    const today = dayOf(deps.clock.now());
    const live = await liveScores(tx, period, today);
    const extras = await liveExtras(tx, period, today, live.rows, live.tasks);
    const blocker = publishBlocker({ period, figuresFrozen: live.figuresFrozen, bottom: extras.bottom });
    if (blocker) throw conflict('REVIEW_NOT_PUBLISHABLE', blocker);
    const now = deps.clock.now();
    await store.claimPublication(tx, {
      period,
      schemeId: live.scheme.id,
      schemeVersion: live.scheme.version,
      snapshot: extras as unknown as Record<string, unknown>,
      publishedAt: now,
      publishedBy: who.actor.accountId,
    });
    await store.insertScores(tx, period, live.rows);
    await recordAudit(tx, deps, who, {
      action: 'review.publish',
      targetType: 'review_publications',
      targetId: period,
      after: {
        schemeVersion: live.scheme.version,
        units: live.rows.length,
        scores: Object.fromEntries(REVIEW_GROUPS.map((g) => [g, live.rows.filter((r) => r.group === g).map((r) => [r.unitId, r.score, r.rank])])),
        bottom: extras.bottom.map((b) => ({ group: b.group, confirmed: b.confirmed?.map((c) => c.unitId) ?? [] })),
      },
    });
    return monthScores(tx, period, today);
  });
}
