// Quarterly and annual assessment use cases: settings, bonus items, annual parts and publishing. Every write takes the
// assessment lock, refuses a published quarter or year, and records its audit row in its transaction.
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../errors.js';
import { authorize, can } from '../../permissions.js';
import { BONUS_KIND_LABELS, type BonusKind, GRADE_LABELS, REVIEW_GROUP_LABELS } from '../../shared/labels.js';
import { recordAudit } from '../audit/service.js';
import { propose } from '../chasing/interviews.js';
import { reviewedUnits } from '../org/read.js';
import { currentSettings, quarterAssessment, type QuarterAssessment, yearAssessment, type YearAssessment } from './read.js';
import { bonusProblems, isQuarter, isYear, partProblems, settingsProblems } from './rules.js';
import * as store from './store.js';

type Acting = Who & { actor: Actor };

const today = (deps: Deps) => dayOf(deps.clock.now());

function checkQuarter(quarter: string) {
  if (!isQuarter(quarter)) throw badRequest('BAD_PERIOD', '季度格式应为 YYYY-Qn，如 2026-Q3');
}
function checkYear(year: string) {
  if (!isYear(year)) throw badRequest('BAD_PERIOD', '年度格式应为 YYYY，如 2026');
}

// Units read a quarter or year once it is published; the county's side reads drafts too.
async function authorizeRead(actor: Actor, check: () => void, published: () => Promise<unknown>, what: string) {
  if (can(actor, 'assessment.read')) return check();
  authorize(actor, 'assessment.read_published');
  check();
  if (!(await published())) throw forbidden(`${what}尚未发布，发布后才能查看`);
}

// ---- Settings

export async function readSettings(deps: Deps, actor: Actor) {
  if (!can(actor, 'assessment.read')) authorize(actor, 'assessment.read_published');
  return currentSettings(deps.db);
}

export async function saveSettings(deps: Deps, who: Acting, input: Record<string, unknown> & { version: number }) {
  authorize(who.actor, 'assessment.manage');
  const { problems, settings } = settingsProblems(input);
  if (problems.length) throw badRequest('BAD_ASSESSMENT_SETTINGS', `考核设置不正确：${problems.join('；')}`, problems);
  return deps.db.transaction(async (tx) => {
    await store.lockAssessment(tx);
    const before = await currentSettings(tx);
    const saved = await store.saveSettings(tx, settings, input.version, deps.clock.now(), who.actor.accountId);
    if (!saved) throw conflict('STALE_VERSION', '考核设置已被他人修改，请刷新后重试');
    await recordAudit(tx, deps, who, {
      action: 'assessment.settings.save',
      targetType: 'assessment_settings',
      targetId: 1,
      before: { ...before.settings },
      after: { ...settings },
    });
    return { settings: saved.settings, version: saved.version };
  });
}

// ---- Quarters (季考核)

/** Why a draft quarter cannot be published yet, in Chinese; null when it can. */
const quarterBlocker = (q: QuarterAssessment) =>
  q.missingMonths.length ? `${q.missingMonths.join('、')} 的月点评尚未发布；季度考核须在本季度三个月的月点评都发布后进行` : null;

async function refusePublishedQuarter(tx: Deps['db'], quarter: string) {
  await store.lockAssessment(tx);
  if (await store.findQuarterPublication(tx, quarter)) throw conflict('ASSESSMENT_PUBLISHED', `${quarter} 季度考核已发布，不能再修改`);
}

export async function readQuarter(deps: Deps, actor: Actor, quarter: string) {
  await authorizeRead(
    actor,
    () => checkQuarter(quarter),
    () => store.findQuarterPublication(deps.db, quarter),
    `${quarter} 季度考核`,
  );
  const q = await quarterAssessment(deps.db, quarter, today(deps));
  const bonus = q.status === 'draft' && can(actor, 'assessment.manage') ? await store.bonusItems(deps.db, quarter) : [];
  return { ...q, bonus, blocker: q.status === 'draft' ? quarterBlocker(q) : null };
}

export async function listPublished(deps: Deps, actor: Actor) {
  if (!can(actor, 'assessment.read')) authorize(actor, 'assessment.read_published');
  return store.publishedQuarters(deps.db);
}

export async function addBonusItem(
  deps: Deps,
  who: Acting,
  quarter: string,
  input: { unitId: number; kind: BonusKind; day: string; reason: string; evidence: string },
) {
  authorize(who.actor, 'assessment.manage');
  checkQuarter(quarter);
  const problems = bonusProblems(input, quarter);
  if (problems.length) throw badRequest('BAD_BONUS_ITEM', `季度加分事项不正确：${problems.join('；')}`, problems);
  return deps.db.transaction(async (tx) => {
    await refusePublishedQuarter(tx, quarter);
    const unit = (await quarterAssessment(tx, quarter, today(deps))).rows.find((r) => r.unitId === input.unitId);
    if (!unit) throw notFound('UNIT_NOT_FOUND', '单位不存在或不参加本季度考核');
    const created = await store.insertBonusItem(tx, {
      quarter,
      unitId: unit.unitId,
      kind: input.kind,
      day: input.day,
      reason: input.reason.trim(),
      evidence: input.evidence.trim(),
      createdAt: deps.clock.now(),
      createdBy: who.actor.accountId,
    });
    await recordAudit(tx, deps, who, {
      action: 'assessment.bonus.add',
      targetType: 'assessment_bonus_items',
      targetId: created.id,
      after: {
        quarter,
        unitId: unit.unitId,
        unitName: unit.name,
        kind: BONUS_KIND_LABELS[created.kind],
        day: created.day,
        reason: created.reason,
        evidence: created.evidence,
      },
    });
    return created;
  });
}

export async function withdrawBonusItem(deps: Deps, who: Acting, quarter: string, id: number) {
  authorize(who.actor, 'assessment.manage');
  checkQuarter(quarter);
  return deps.db.transaction(async (tx) => {
    await refusePublishedQuarter(tx, quarter);
    const item = await store.findBonusItem(tx, id);
    if (!item || item.quarter !== quarter || item.withdrawnAt) throw notFound('BONUS_ITEM_NOT_FOUND', '季度加分事项不存在或已撤回');
    const withdrawn = await store.withdrawBonusItem(tx, id, deps.clock.now(), who.actor.accountId);
    if (!withdrawn) throw conflict('STALE_VERSION');
    await recordAudit(tx, deps, who, { action: 'assessment.bonus.withdraw', targetType: 'assessment_bonus_items', targetId: id, before: { ...item } });
    return withdrawn;
  });
}

/**
 * Publishes and freezes a quarter: its rows (months' scores and bonus items, rank, reward mark) and the settings used
 * are stored in one transaction with the audit row. Refused while a month of the quarter is unpublished, and again.
 */
export async function publishQuarter(deps: Deps, who: Acting, quarter: string) {
  authorize(who.actor, 'assessment.manage');
  checkQuarter(quarter);
  return deps.db.transaction(async (tx) => {
    await refusePublishedQuarter(tx, quarter);
    const q = await quarterAssessment(tx, quarter, today(deps));
    const blocker = quarterBlocker(q);
    if (blocker) throw conflict('ASSESSMENT_NOT_PUBLISHABLE', blocker);
    const publishedAt = deps.clock.now();
    if (!(await store.insertQuarter(tx, { quarter, settings: q.settings, publishedAt, publishedBy: who.actor.accountId }, q.rows)))
      throw conflict('ASSESSMENT_PUBLISHED', `${quarter} 季度考核已发布，不能再修改`);
    await recordAudit(tx, deps, who, {
      action: 'assessment.quarter.publish',
      targetType: 'assessment_quarter_publications',
      targetId: quarter,
      after: {
        units: q.rows.length,
        scores: q.rows.map((r) => [r.unitId, r.score, r.rank]),
        reward: q.rows.filter((r) => r.reward).map((r) => r.unitId),
      },
    });
    return quarterAssessment(tx, quarter, today(deps));
  });
}

// ---- Years (年度考核)

/** Why a draft year cannot be published yet, in Chinese; null when it can. */
function yearBlocker(y: YearAssessment) {
  if (y.missingMonths.length) return `${y.missingMonths.join('、')} 的月点评尚未发布；年度考核须在全年十二个月的月点评都发布后进行`;
  if (y.missingQuarters.length) return `${y.missingQuarters.join('、')} 的季度考核尚未发布`;
  if (y.missingParts) return `还有 ${y.missingParts} 项分项得分未录入`;
  return null;
}

async function refusePublishedYear(tx: Deps['db'], year: string) {
  await store.lockAssessment(tx);
  if (await store.findYearPublication(tx, year)) throw conflict('ASSESSMENT_PUBLISHED', `${year} 年度考核已发布，不能再修改`);
}

export async function readYear(deps: Deps, actor: Actor, year: string) {
  await authorizeRead(
    actor,
    () => checkYear(year),
    () => store.findYearPublication(deps.db, year),
    `${year} 年度考核`,
  );
  const y = await yearAssessment(deps.db, year, today(deps));
  return { ...y, blocker: y.status === 'draft' ? yearBlocker(y) : null };
}

export async function savePart(deps: Deps, who: Acting, year: string, input: { unitId: number; partKey: string; points: unknown; reason: string }) {
  authorize(who.actor, 'assessment.manage');
  checkYear(year);
  return deps.db.transaction(async (tx) => {
    await refusePublishedYear(tx, year);
    const { settings } = await currentSettings(tx);
    const { problems, points } = partProblems(input, settings);
    if (problems.length) throw badRequest('BAD_YEAR_PART', `分项得分不正确：${problems.join('；')}`, problems);
    // Today's reviewed units answer at once; a unit since deactivated is found among the year's assessed units.
    const unit =
      (await reviewedUnits(tx)).find((u) => u.id === input.unitId) ??
      (await yearAssessment(tx, year, today(deps))).rows.map((r) => ({ id: r.unitId, name: r.name })).find((u) => u.id === input.unitId);
    if (!unit) throw notFound('UNIT_NOT_FOUND', '单位不存在或不参加本年度考核');
    const before = await store.findYearPart(tx, year, unit.id, input.partKey);
    const saved = await store.upsertYearPart(tx, {
      year,
      unitId: unit.id,
      partKey: input.partKey,
      points,
      reason: input.reason.trim(),
      enteredAt: deps.clock.now(),
      enteredBy: who.actor.accountId,
    });
    await recordAudit(tx, deps, who, {
      action: 'assessment.part.save',
      targetType: 'assessment_year_parts',
      targetId: saved.id,
      before: before ? { points: before.points, reason: before.reason } : null,
      after: { year, unitId: unit.id, unitName: unit.name, partKey: saved.partKey, points: saved.points, reason: saved.reason },
    });
    return saved;
  });
}

/**
 * Publishes and freezes a year: totals, ranks, grades and the parts are stored, and for each flagged unit an interview
 * proposal of its head is made through the chasing module's `propose`, run inside this transaction (a savepoint), so
 * the year is published with all its proposals or not at all; each stored flagged row names its interview.
 */
export async function publishYear(deps: Deps, who: Acting, year: string) {
  authorize(who.actor, 'assessment.manage');
  checkYear(year);
  return deps.db.transaction(async (tx) => {
    await refusePublishedYear(tx, year);
    const y = await yearAssessment(tx, year, today(deps));
    const blocker = yearBlocker(y);
    if (blocker) throw conflict('ASSESSMENT_NOT_PUBLISHABLE', blocker);
    const rows = [];
    for (const r of y.rows) {
      if (!r.flagged) {
        rows.push({ ...r, interviewId: null });
        continue;
      }
      const reason =
        `${year}年度工作落实考核${REVIEW_GROUP_LABELS[r.group]}排名后${y.settings.flaggedLast}位（第 ${r.rank} 名，总分 ${r.total / 100}，` +
        `${GRADE_LABELS[r.grade]}），责成向县委、县政府写出书面检查，并约谈单位主要负责人`;
      try {
        const interview = await propose({ ...deps, db: tx }, who, { unitId: r.unitId, reason, taskIds: [], level: 'organisation_head' });
        rows.push({ ...r, interviewId: interview.id });
      } catch (e) {
        // A unit without a head cannot be proposed for an interview: nothing is published, and the office is told why.
        if (e instanceof AppError) throw conflict('ASSESSMENT_NOT_PUBLISHABLE', `不能发布：${e.message}`);
        throw e;
      }
    }
    const publishedAt = deps.clock.now();
    if (!(await store.insertYear(tx, { year, settings: y.settings, publishedAt, publishedBy: who.actor.accountId }, rows)))
      throw conflict('ASSESSMENT_PUBLISHED', `${year} 年度考核已发布，不能再修改`);
    await recordAudit(tx, deps, who, {
      action: 'assessment.year.publish',
      targetType: 'assessment_year_publications',
      targetId: year,
      after: {
        units: rows.length,
        totals: rows.map((r) => [r.unitId, r.total, r.rank, r.grade]),
        flagged: rows.filter((r) => r.flagged).map((r) => ({ unitId: r.unitId, interviewId: r.interviewId })),
      },
    });
    return yearAssessment(tx, year, today(deps));
  });
}
