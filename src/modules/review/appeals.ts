// Appeals (申诉) against a published month: a unit files one within the configured working days after publishing,
// the office upholds or dismisses it with a reason, and an upheld appeal records a correction beside the published
// score — the published rows are never touched. Writes take the review lock and record their audit row in their
// transaction.
import { eq, inArray } from 'drizzle-orm';
import { dayOf } from '../../calendar/rules.js';
import { loadCalendar } from '../../calendar/service.js';
import type { Actor, Deps, Who } from '../../context.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import { authorize, can } from '../../permissions.js';
import { APPEAL_OBJECT_LABELS, type AppealObject, type AppealStatus } from '../../shared/labels.js';
import { recordAudit } from '../audit/service.js';
import { closingRequests } from '../closing/read.js';
import { units } from '../org/read.js';
import { isMonth } from '../plans/rules.js';
import { tasks } from '../tasks/read.js';
import {
  appealDeadline,
  appealProblems,
  appealWindowRefusal,
  type AppealTarget,
  decisionProblems,
  defaultCorrection,
  objectKey,
  objectRefusal,
} from './appeal-rules.js';
import { toPoints } from './rules.js';
import * as store from './store.js';

type Acting = Who & { actor: Actor };

export interface AppealInput {
  object: AppealObject;
  id: number; // the fact's, the task's or the closing request's id
  reason: string;
  evidence: string;
}

const objectNotFound = () => notFound('APPEAL_OBJECT_NOT_FOUND', '申诉对象不存在，或不属于本单位');

/** The contested object as loaded: whose it is, what it is called, and what the rule checks. */
async function loadTarget(db: Deps['db'], period: string, input: AppealInput) {
  if (input.object === 'fact') {
    const fact = await store.findScoreFact(db, input.id);
    if (!fact || fact.period !== period) return null;
    const target: AppealTarget = { object: 'fact', unitId: fact.unitId, points: fact.points, taskId: fact.taskId };
    return { target, subject: `${fact.label}（${toPoints(fact.points)} 分）`, factId: fact.id, taskId: fact.taskId, closingRequestId: null };
  }
  if (input.object === 'colour') {
    const [task] = await db.select({ id: tasks.id, title: tasks.title, unitId: tasks.leadUnitId }).from(tasks).where(eq(tasks.id, input.id));
    if (!task || task.unitId === null) return null;
    return { target: { object: 'colour', unitId: task.unitId } as AppealTarget, subject: task.title, factId: null, taskId: task.id, closingRequestId: null };
  }
  const [request] = await db
    .select({ id: closingRequests.id, status: closingRequests.status, taskId: tasks.id, title: tasks.title, unitId: tasks.leadUnitId })
    .from(closingRequests)
    .innerJoin(tasks, eq(tasks.id, closingRequests.taskId))
    .where(eq(closingRequests.id, input.id));
  if (!request || request.unitId === null) return null;
  return {
    target: { object: 'closing', unitId: request.unitId, status: request.status } as AppealTarget,
    subject: `销号申请：${request.title}`,
    factId: null,
    taskId: request.taskId,
    closingRequestId: request.id,
  };
}

/**
 * A unit appeals an object of its published month. Refused (nothing saved): a draft month or one past its deadline
 * (409), an empty reason or evidence (400), another unit's object or a missing one (404, alike), a bonus fact or a
 * closing request not rejected (409), an object with an open appeal (409).
 */
export async function fileAppeal(deps: Deps, who: Acting, period: string, input: AppealInput) {
  authorize(who.actor, 'review.appeal');
  if (!isMonth(period)) throw badRequest('BAD_PERIOD', '月份格式应为 YYYY-MM');
  const unitId = who.actor.unitId;
  if (unitId === null) throw objectNotFound();
  const problems = appealProblems(input);
  if (problems.length) throw badRequest('BAD_APPEAL', `申诉内容不正确：${problems.join('；')}`, problems);
  const days = deps.config.appealWorkingDays;
  return deps.db.transaction(async (tx) => {
    await store.lockReview(tx);
    const publication = await store.findPublication(tx, period);
    const today = dayOf(deps.clock.now());
    const publishedOn = publication ? dayOf(publication.publishedAt) : null;
    const deadline = publishedOn ? appealDeadline(await loadCalendar(tx), publishedOn, days) : null;
    const closed = appealWindowRefusal({ period, publishedOn }, today, deadline, days);
    if (closed) throw conflict('APPEAL_NOT_ALLOWED', closed);
    const loaded = await loadTarget(tx, period, input);
    // Another unit's object answers as a missing one, so ids of other units' facts do not leak.
    if (!loaded || loaded.target.unitId !== unitId) throw objectNotFound();
    const refusal = objectRefusal(loaded.target, unitId);
    if (refusal) throw conflict('APPEAL_NOT_ALLOWED', refusal);
    // An upheld appeal corrects the unit's score of the month, so a unit without one has nothing to appeal there.
    if (!(await store.unitScore(tx, period, unitId))) throw conflict('APPEAL_NOT_ALLOWED', `本单位不参加 ${period} 的月点评，无可申诉的得分`);
    const key = objectKey(input.object, input.id);
    const open = `该${APPEAL_OBJECT_LABELS[input.object]}已有待处理的申诉，请等待处理结果`;
    if (await store.openAppealFor(tx, key)) throw conflict('APPEAL_OPEN', open);
    const created = await store.insertAppeal(tx, {
      period,
      unitId,
      object: input.object,
      objectKey: key,
      factId: loaded.factId,
      taskId: loaded.taskId,
      closingRequestId: loaded.closingRequestId,
      subject: loaded.subject,
      reason: input.reason.trim(),
      evidence: input.evidence.trim(),
      deadline: deadline!,
      filedAt: deps.clock.now(),
      filedBy: who.actor.accountId,
    });
    if (!created) throw conflict('APPEAL_OPEN', open);
    await recordAudit(tx, deps, who, {
      action: 'review.appeal.file',
      targetType: 'review_appeals',
      targetId: created.id,
      after: { period, unitId, object: created.object, objectKey: key, subject: created.subject, reason: created.reason, evidence: created.evidence },
    });
    return created;
  });
}

/**
 * The office upholds or dismisses an open appeal, always with a reason. Upholding records a correction of the unit's
 * published score: the typed points, or by default the contested points reversed (appeal-rules defaultCorrection).
 */
export async function decideAppeal(deps: Deps, who: Acting, id: number, input: { decision: 'uphold' | 'dismiss'; reason: string; points?: unknown }) {
  authorize(who.actor, 'review.appeal.decide');
  return deps.db.transaction(async (tx) => {
    await store.lockReview(tx);
    const appeal = await store.findAppeal(tx, id);
    if (!appeal) throw notFound('APPEAL_NOT_FOUND', '申诉不存在');
    if (appeal.status !== 'open') throw conflict('APPEAL_DECIDED', '该申诉已处理，不能再次处理');
    const score = await store.unitScore(tx, appeal.period, appeal.unitId);
    const fallback = score ? defaultCorrection(appeal, score.facts) : 0;
    const { problems, points } = decisionProblems(input, fallback);
    if (problems.length) throw badRequest('BAD_APPEAL_DECISION', `申诉处理意见不正确：${problems.join('；')}`, problems);
    const now = deps.clock.now();
    const status: AppealStatus = input.decision === 'uphold' ? 'upheld' : 'dismissed';
    const settled = await store.settleAppeal(tx, id, { status, decisionReason: input.reason.trim(), decidedAt: now, decidedBy: who.actor.accountId });
    if (!settled) throw conflict('APPEAL_DECIDED', '该申诉已处理，不能再次处理');
    const correction =
      status === 'upheld' && score
        ? await store.insertCorrection(tx, {
            scoreId: score.id,
            appealId: id,
            points: points!,
            reason: settled.decisionReason!,
            createdAt: now,
            createdBy: who.actor.accountId,
          })
        : null;
    await recordAudit(tx, deps, who, {
      action: 'review.appeal.decide',
      targetType: 'review_appeals',
      targetId: id,
      before: { status: appeal.status },
      after: {
        status,
        reason: settled.decisionReason,
        period: appeal.period,
        unitId: appeal.unitId,
        correctionId: correction?.id ?? null,
        points: correction ? toPoints(correction.points) : null,
        scoreBefore: score ? toPoints(score.score) : null,
      },
    });
    return { appeal: settled, correction };
  });
}

/** Appeals, newest first: a unit sees its own, the county's side all; by status and month; one page, exact total. */
export async function listAppeals(deps: Deps, actor: Actor, query: { status?: AppealStatus; period?: string; page: number; pageSize: number }) {
  const all = can(actor, 'review.read');
  if (!all) authorize(actor, 'review.read_published');
  if (query.period !== undefined && !isMonth(query.period)) throw badRequest('BAD_PERIOD', '月份格式应为 YYYY-MM');
  // A unit's account without a unit sees none (unit id 0 matches nothing).
  const filter = { status: query.status, period: query.period, ...(all ? {} : { unitId: actor.unitId ?? 0 }) };
  const { items, total } = await store.listAppeals(deps.db, filter, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
  const corrections = await store.correctionsOfAppeals(
    deps.db,
    items.map((a) => a.id),
  );
  const unitIds = [...new Set(items.map((a) => a.unitId))];
  const names = new Map(
    unitIds.length ? (await deps.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds))).map((u) => [u.id, u.name]) : [],
  );
  // For the office's decide dialog: the correction an open appeal would make by default.
  const deciding = can(actor, 'review.appeal.decide');
  const suggested = await Promise.all(
    items.map(async (a) => {
      if (!deciding || a.status !== 'open') return null;
      const score = await store.unitScore(deps.db, a.period, a.unitId);
      return score ? defaultCorrection(a, score.facts) : 0;
    }),
  );
  return {
    items: items.map((a, i) => ({ ...a, unitName: names.get(a.unitId) ?? '', correction: corrections.get(a.id) ?? null, suggestedPoints: suggested[i]! })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
