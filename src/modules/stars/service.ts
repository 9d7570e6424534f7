// Stars (单位之星 / 干部之星) and highlight work (亮点工作): the use cases. Every write of a month's stars locks the
// month first (store.lockMonth), so its limit holds when two decisions arrive together.
import { saveSettingsRow } from '../../db/settings-row.js';
import { and, eq, inArray } from 'drizzle-orm';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { badRequest, conflict, forbidden, notFound } from '../../errors.js';
import { authorize } from '../../permissions.js';
import type { HighlightCycle, StarKind } from '../../shared/labels.js';
import { recordAudit } from '../audit/service.js';
import { activeUnitIds, findPersonById, subtreeUnitIds } from '../org/read.js';
import { loadScope } from '../org/scope.js';
import { isMonth } from '../plans/rules.js';
import {
  decisionProblems,
  duplicateProblem,
  highlightDecisionProblem,
  highlightProblems,
  limitProblem,
  nominationPeriodProblem,
  nominationProblems,
  nominatorProblem,
  reasonProblem,
  settingsProblems,
  type StarAction,
  type StarLimits,
  starTransition,
} from './rules.js';
import { highlightNominations, starMonths, starNominations, starSettings } from './schema.js';
import * as store from './store.js';

type Acting = Who & { actor: Actor };

const closedMessage = (period: string) => `${period} 的评星已定案，不能再推荐、入围或评定`;

// ---- Settings (督查室)

export async function getSettings(deps: Deps, actor: Actor) {
  authorize(actor, 'stars.read');
  return store.getSettings(deps.db);
}

export async function updateSettings(deps: Deps, who: Acting, input: StarLimits & { version: number }) {
  authorize(who.actor, 'stars.manage');
  const { version, ...limits } = input;
  const problems = settingsProblems(limits);
  if (problems.length) throw badRequest('BAD_STAR_SETTINGS', problems.join('；'), problems);
  await deps.db.transaction(async (tx) => {
    const before = await store.getSettings(tx);
    const after = await saveSettingsRow(tx, starSettings, version, { ...limits, updatedAt: deps.clock.now(), updatedBy: who.actor.accountId });
    if (!after) throw conflict('STALE_VERSION', '评星设置已被他人修改，请刷新后重试');
    await recordAudit(tx, deps, who, { action: 'star_settings.update', targetType: 'star_settings', targetId: 1, before, after });
  });
  return store.getSettings(deps.db);
}

// ---- A month's stars

/** A month's nominations as the actor may see them: the county's side all; a unit its own and every winner. */
export async function monthStars(deps: Deps, actor: Actor, period: string) {
  authorize(actor, 'stars.read');
  if (!isMonth(period)) throw badRequest('VALIDATION_ERROR', '月份格式应为 YYYY-MM');
  const scope = await loadScope(deps.db, actor);
  const [month, items, settings, unitAwarded, cadreAwarded] = await Promise.all([
    store.findMonth(deps.db, period),
    store.monthNominations(deps.db, period, scope.all ? null : [...scope.unitIds]),
    store.getSettings(deps.db),
    store.awardedCount(deps.db, period, 'unit'),
    store.awardedCount(deps.db, period, 'cadre'),
  ]);
  return { period, closed: store.isClosed(month), closedAt: month?.closedAt ?? null, settings, awarded: { unit: unitAwarded, cadre: cadreAwarded }, items };
}

export async function listMonths(deps: Deps, actor: Actor) {
  authorize(actor, 'stars.read');
  return store.monthsWithNominations(deps.db);
}

export interface NominateInput {
  period: string;
  kind: StarKind;
  unitId: number;
  personId: number | null;
  citation: string;
  evidence: string;
}

export async function nominate(deps: Deps, who: Acting, input: NominateInput) {
  authorize(who.actor, 'stars.nominate');
  const bad = (problems: string[]) => badRequest('BAD_STAR_NOMINATION', problems.join('；'), problems);
  // A leader's portfolio is their data scope: the units they are in charge of and those below them.
  const scope = who.actor.roles.includes('leader') ? await loadScope(deps.db, who.actor) : null;
  const notYours = nominatorProblem(who.actor, input.unitId, scope && !scope.all ? scope.unitIds : undefined);
  if (notYours) throw forbidden(notYours);
  const today = dayOf(deps.clock.now());
  const periodProblem = nominationPeriodProblem(input.period, today);
  if (periodProblem) throw bad([periodProblem]);
  if (!(await activeUnitIds(deps.db, [input.unitId])).length) throw bad(['被推荐的单位不存在或已停用']);
  let person: { active: boolean; inUnit: boolean } | null = null;
  if (input.kind === 'cadre' && input.personId != null) {
    const found = await findPersonById(deps.db, input.personId);
    const unitTree = await subtreeUnitIds(deps.db, [input.unitId]);
    if (found) person = { active: found.active, inUnit: found.unitId !== null && unitTree.includes(found.unitId) };
  }
  const problems = nominationProblems(input, person);
  if (problems.length) throw bad(problems);
  const personId = input.kind === 'cadre' ? input.personId : null;
  const id = await deps.db.transaction(async (tx) => {
    const month = await store.lockMonth(tx, input.period, deps.clock.now());
    if (store.isClosed(month)) throw conflict('STARS_MONTH_CLOSED', closedMessage(input.period));
    const duplicate = duplicateProblem(input.kind, await store.sameNominee(tx, input.period, input.kind, input.unitId, personId));
    if (duplicate) throw bad([duplicate]);
    const [row] = await tx
      .insert(starNominations)
      .values({
        period: input.period,
        kind: input.kind,
        unitId: input.unitId,
        personId,
        citation: input.citation.trim(),
        evidence: input.evidence.trim(),
        status: 'nominated',
        nominatedAt: deps.clock.now(),
        nominatedBy: who.actor.accountId,
      })
      .returning();
    await recordAudit(tx, deps, who, { action: 'star.nominate', targetType: 'star_nomination', targetId: row!.id, after: row });
    return row!.id;
  });
  return nominationView(deps, id);
}

async function nominationView(deps: Deps, id: number) {
  const [row] = await store.nominationsWhere(deps.db, eq(starNominations.id, id));
  return row!;
}

async function moveNomination(
  deps: Deps,
  who: Acting,
  id: number,
  action: StarAction,
  version: number,
  extra: (tx: Deps['db'], row: NonNullable<Awaited<ReturnType<typeof store.findNomination>>>) => Promise<Partial<typeof starNominations.$inferInsert>>,
) {
  authorize(who.actor, 'stars.manage');
  const found = await store.findNomination(deps.db, id);
  if (!found) throw notFound('STAR_NOMINATION_NOT_FOUND');
  await deps.db.transaction(async (tx) => {
    const month = await store.lockMonth(tx, found.period, deps.clock.now());
    if (store.isClosed(month)) throw conflict('STARS_MONTH_CLOSED', closedMessage(found.period));
    const before = (await store.findNomination(tx, id))!;
    if (before.version !== version) throw conflict('STALE_VERSION', '该推荐已被他人处理，请刷新后重试');
    const move = starTransition(before.status, action);
    if ('problem' in move) throw conflict('ILLEGAL_TRANSITION', move.problem);
    const set = { ...(await extra(tx, before)), status: move.to, version: before.version + 1 };
    const [after] = await tx
      .update(starNominations)
      .set(set)
      .where(and(eq(starNominations.id, id), eq(starNominations.version, version)))
      .returning();
    if (!after) throw conflict('STALE_VERSION', '该推荐已被他人处理，请刷新后重试');
    await recordAudit(tx, deps, who, { action: `star.${action}`, targetType: 'star_nomination', targetId: id, before, after });
  });
  return nominationView(deps, id);
}

export const shortlist = (deps: Deps, who: Acting, id: number, input: { version: number; reason?: string }) =>
  moveNomination(deps, who, id, 'shortlist', input.version, async () => ({
    reviewReason: input.reason?.trim() ?? '',
    reviewedAt: deps.clock.now(),
    reviewedBy: who.actor.accountId,
  }));

export function reject(deps: Deps, who: Acting, id: number, input: { version: number; reason: string }) {
  const problem = reasonProblem(input.reason, '不予入围');
  if (problem) throw badRequest('BAD_STAR_DECISION', problem);
  return moveNomination(deps, who, id, 'reject', input.version, async () => ({
    reviewReason: input.reason.trim(),
    reviewedAt: deps.clock.now(),
    reviewedBy: who.actor.accountId,
  }));
}

export interface DecideInput {
  version: number;
  award: boolean;
  method: 'meeting' | 'vote';
  votesFor?: number | null;
  votesAgainst?: number | null;
  votesAbstain?: number | null;
  note?: string;
}

/** The meeting or a vote decides a shortlisted nomination; an award is refused once the month's limit is full. */
export function decide(deps: Deps, who: Acting, id: number, input: DecideInput) {
  const problems = decisionProblems(input);
  if (problems.length) throw badRequest('BAD_STAR_DECISION', problems.join('；'), problems);
  return moveNomination(deps, who, id, input.award ? 'award' : 'not_award', input.version, async (tx, row) => {
    if (input.award) {
      // Counted under the month's lock (taken in moveNomination), so no parallel award is uncounted here.
      const full = limitProblem(row.kind, row.period, await store.awardedCount(tx, row.period, row.kind), await store.getSettings(tx));
      if (full) throw conflict('STAR_LIMIT_REACHED', full);
    }
    const vote = input.method === 'vote';
    return {
      method: input.method,
      votesFor: vote ? input.votesFor! : null,
      votesAgainst: vote ? input.votesAgainst! : null,
      votesAbstain: vote ? input.votesAbstain! : null,
      decisionNote: input.note?.trim() ?? '',
      decidedAt: deps.clock.now(),
      decidedBy: who.actor.accountId,
    };
  });
}

/** 定案: the month's stars are final; nothing of the month can be nominated, shortlisted or decided afterwards. */
export async function closeMonth(deps: Deps, who: Acting, period: string) {
  authorize(who.actor, 'stars.manage');
  if (!isMonth(period)) throw badRequest('VALIDATION_ERROR', '月份格式应为 YYYY-MM');
  if (!(await store.findMonth(deps.db, period))) throw badRequest('BAD_STAR_DECISION', `${period} 没有之星推荐，无需定案`);
  await deps.db.transaction(async (tx) => {
    const month = await store.lockMonth(tx, period, deps.clock.now());
    if (store.isClosed(month)) throw conflict('STARS_MONTH_CLOSED', `${period} 的评星已定案，不能重复定案`);
    const [after] = await tx
      .update(starMonths)
      .set({ closedAt: deps.clock.now(), closedBy: who.actor.accountId })
      .where(eq(starMonths.period, period))
      .returning();
    await recordAudit(tx, deps, who, { action: 'star_month.close', targetType: 'star_month', targetId: period, before: month, after });
  });
  return monthStars(deps, who.actor, period);
}

// ---- Honours of a unit or a person (their history)

// Winners and selected highlights are read out at the meeting and sent to every unit, so anyone in the business reads
// them: a unit's stars and highlights, or the stars of a person (their cadre stars).
export async function honours(deps: Deps, actor: Actor, by: { unitId?: number; personId?: number }) {
  authorize(actor, 'stars.read');
  if (by.unitId === undefined && by.personId === undefined) throw badRequest('VALIDATION_ERROR', '请指定单位或干部');
  const [stars, highlights] = await Promise.all([
    store.winnersOf(deps.db, by),
    by.unitId === undefined ? [] : store.highlightsWhere(deps.db, and(eq(highlightNominations.unitId, by.unitId), eq(highlightNominations.status, 'selected'))),
  ]);
  return { stars, highlights };
}

// ---- Highlight work (亮点工作)

export async function listHighlights(deps: Deps, actor: Actor, filter: { cycle?: HighlightCycle; period?: string }) {
  authorize(actor, 'stars.read');
  const scope = await loadScope(deps.db, actor);
  const own = scope.all ? undefined : scope.unitIds.size ? inArray(highlightNominations.unitId, [...scope.unitIds]) : eq(highlightNominations.id, 0);
  return store.highlightsWhere(
    deps.db,
    and(
      filter.cycle ? eq(highlightNominations.cycle, filter.cycle) : undefined,
      filter.period ? eq(highlightNominations.period, filter.period) : undefined,
      own,
    ),
  );
}

export async function nominateHighlight(
  deps: Deps,
  who: Acting,
  input: { cycle: HighlightCycle; period: string; unitId: number; title: string; description: string; evidence: string },
) {
  authorize(who.actor, 'highlight.nominate');
  const bad = (problems: string[]) => badRequest('BAD_HIGHLIGHT', problems.join('；'), problems);
  const whoProblem = nominatorProblem(who.actor, input.unitId);
  if (whoProblem) throw forbidden(whoProblem.replace('之星', '亮点工作').replace('或本单位的干部', '的亮点工作'));
  const problems = highlightProblems(input, dayOf(deps.clock.now()));
  if (!(await activeUnitIds(deps.db, [input.unitId])).length) problems.push('单位不存在或已停用');
  if (problems.length) throw bad(problems);
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(highlightNominations)
      .values({
        cycle: input.cycle,
        period: input.period,
        unitId: input.unitId,
        title: input.title.trim(),
        description: input.description.trim(),
        evidence: input.evidence.trim(),
        status: 'nominated',
        nominatedAt: deps.clock.now(),
        nominatedBy: who.actor.accountId,
      })
      .returning();
    await recordAudit(tx, deps, who, { action: 'highlight.nominate', targetType: 'highlight_nomination', targetId: row!.id, after: row });
    return row!.id;
  });
  return highlightView(deps, id);
}

async function highlightView(deps: Deps, id: number) {
  const [row] = await store.highlightsWhere(deps.db, eq(highlightNominations.id, id));
  return row!;
}

export async function decideHighlight(deps: Deps, who: Acting, id: number, input: { select: boolean; reason: string; version: number }) {
  authorize(who.actor, 'stars.manage');
  const found = await store.findHighlight(deps.db, id);
  if (!found) throw notFound('HIGHLIGHT_NOT_FOUND');
  const problem = reasonProblem(input.reason, input.select ? '入选' : '不入选');
  if (problem) throw badRequest('BAD_HIGHLIGHT', problem);
  const decided = highlightDecisionProblem(found.status);
  if (decided) throw conflict('ILLEGAL_TRANSITION', decided);
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(highlightNominations)
      .set({
        status: input.select ? 'selected' : 'not_selected',
        reason: input.reason.trim(),
        decidedAt: deps.clock.now(),
        decidedBy: who.actor.accountId,
        version: found.version + 1,
      })
      .where(and(eq(highlightNominations.id, id), eq(highlightNominations.version, input.version), eq(highlightNominations.status, 'nominated')))
      .returning();
    if (!after) throw conflict('STALE_VERSION', '该亮点工作已被他人评选，请刷新后重试');
    await recordAudit(tx, deps, who, {
      action: `highlight.${input.select ? 'select' : 'not_select'}`,
      targetType: 'highlight_nomination',
      targetId: id,
      before: found,
      after,
    });
  });
  return highlightView(deps, id);
}
