import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict, forbidden, notFound } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize, can, PERMISSIONS } from '../../permissions.js';
import { activeReviewOffices, reviewOfficeOf, type ReviewOffice } from '../org/read.js';
import { loadScope } from '../org/scope.js';
import { notify, unitAccounts } from '../notify/service.js';
import { checkTransition, type TaskAction, type TaskStatus } from '../tasks/rules.js';
import { loadVisibleTask, partsClosingBlocker, respondsFor, transition, type TransitionInput } from '../tasks/service.js';
import { attachmentsOf, categoryOwner, indicatorsOf, ownerUnitOf, type TaskRow } from '../tasks/read.js';
import { moveTask, recordIndicatorActuals } from '../tasks/moves.js';
import { writeEvent } from '../tasks/timeline.js';
import { closedLate, closingProblems, jointOutcome, owningReviewer, type ReviewDecision } from './rules.js';
import * as store from './store.js';
import { failpoint } from '../../failpoint.js';

type Acting = Who & { actor: Actor };

const requestNotFound = () => notFound('CLOSING_REQUEST_NOT_FOUND', '销号申请不存在');
const alreadyDecided = () => conflict('CLOSING_DECIDED', '该销号申请已审核完毕');
const notReviewer = () => forbidden('只有联审部门和事项的归口单位可以审核销号申请');
const taskMoved = () => conflict('ILLEGAL_TRANSITION', '事项状态已被他人改变，请刷新后重试');
const REVIEWER_ROLES = PERMISSIONS['closing.review'];
const OWNER_ROLES = PERMISSIONS['category.own'];
const DECISION_LABELS: Record<ReviewDecision, string> = { approve: '同意销号', reject: '不同意销号' };

async function requireReviewer(db: Db, actor: Actor) {
  const office = await reviewOfficeOf(db, actor);
  if (!office) throw forbidden('只有联审部门可以审核销号申请');
  return office;
}

// Who decides a task's closing as things stand: the active review offices, and the owning office (归口单位) of its
// category when it takes part (owningReviewer).
async function reviewersOf(db: Db, task: { categoryId: number | null; leadUnitId: number }) {
  const [offices, owner] = await Promise.all([activeReviewOffices(db), categoryOwner(db, task.categoryId)]);
  const ownerUnitId = owningReviewer(
    owner?.unitId ?? null,
    task.leadUnitId,
    offices.map((o) => o.unitId),
  );
  return { offices, owner: ownerUnitId === null ? null : { unitId: ownerUnitId, name: owner!.name } };
}
type Reviewers = Awaited<ReturnType<typeof reviewersOf>>;

// The seat the actor decides from: their review office, or the owning unit of the task's category (its head or
// liaison). Anyone else is refused, saying why.
type Seat = { officeId: number; unitId: null; name: string } | { officeId: null; unitId: number; name: string };
async function seatOf(db: Db, actor: Actor, task: TaskRow, reviewers: Reviewers): Promise<Seat> {
  const office = await reviewOfficeOf(db, actor);
  if (office) return { officeId: office.id, unitId: null, name: office.name };
  const own = ownerUnitOf(actor);
  if (own === null) throw notReviewer();
  if (reviewers.owner?.unitId === own) return { officeId: null, unitId: own, name: reviewers.owner.name };
  if ((await categoryOwner(db, task.categoryId))?.unitId !== own) throw forbidden('该事项不属于本单位归口，不能审核');
  if (task.leadUnitId === own) throw forbidden('本单位牵头的事项由联审部门审核，不能审核本单位的销号申请');
  throw forbidden('本单位已作为联审部门参加审核');
}

// A request is visible to whoever may see its task; anyone else gets the same 404 as for a missing one.
async function loadVisibleRequest(deps: Deps, actor: Actor, id: number) {
  authorize(actor, 'task.read');
  const request = await store.findRequest(deps.db, id);
  if (!request) throw requestNotFound();
  const { task, scope } = await loadVisibleTask(deps, actor, request.taskId).catch(() => {
    throw requestNotFound();
  });
  return { request, task, scope };
}

// Evidence must be files of this task that the person acting uploaded.
async function checkAttachments(db: Db, taskId: number, ids: number[], accountId: number) {
  const files = await attachmentsOf(db, taskId);
  for (const id of ids) {
    if (!files.some((f) => f.id === id && f.uploadedBy === accountId)) throw badRequest('ATTACHMENT_NOT_FOUND', '附件不存在或不是本人上传的');
  }
}

function legalMove(action: TaskAction, from: TaskStatus) {
  const check = checkTransition(action, from, null);
  if (!check.ok) throw conflict('ILLEGAL_TRANSITION', check.message);
  return check.to;
}

// ---- Filing (销号审批表), by the lead unit

export interface ClosingInput {
  summary: string;
  indicatorResults: { indicatorId: number; actual: number }[];
  finishedOn: string;
  attachmentIds: number[];
}

export async function fileRequest(deps: Deps, who: Acting, taskId: number, input: ClosingInput) {
  const { task, scope } = await loadVisibleTask(deps, who.actor, taskId);
  if (!respondsFor(who.actor, scope, task.leadUnitId)) throw forbidden('只有牵头单位可以申请销号');
  if (await store.pendingRequestOf(deps.db, taskId)) throw store.pendingExists();
  const to = legalMove('request_closing', task.status);
  const today = dayOf(deps.clock.now());
  const problems = closingProblems(input, task, today);
  if (problems.length) throw badRequest('BAD_CLOSING_REQUEST', problems.join('；'), problems);
  const indicators = await indicatorsOf(deps.db, taskId);
  for (const r of input.indicatorResults) if (!indicators.some((i) => i.id === r.indicatorId)) throw badRequest('INDICATOR_NOT_FOUND', '指标不属于该事项');
  if (new Set(input.indicatorResults.map((r) => r.indicatorId)).size !== input.indicatorResults.length)
    throw badRequest('BAD_CLOSING_REQUEST', '指标完成值有重复');
  await checkAttachments(deps.db, taskId, input.attachmentIds, who.actor.accountId);
  const now = deps.clock.now();
  const { offices, owner } = await reviewersOf(deps.db, task);
  return deps.db.transaction(async (tx) => {
    const moved = await moveTask(tx, taskId, task.status, { status: to, updatedAt: now });
    if (!moved) throw taskMoved();
    // Read under the task's row lock, which every change of a part takes first: no part changes meanwhile.
    const partsOpen = await partsClosingBlocker(tx, taskId);
    if (partsOpen) throw conflict('PARTS_OPEN', partsOpen);
    // Late by the recorded filing time, never by the declared finish date (closedLate in rules.ts).
    const late = closedLate({ filedAt: now }, task.deadline);
    const request = await store.insertRequest(tx, {
      taskId,
      ...input,
      attachmentIds: [...new Set(input.attachmentIds)],
      late,
      filedBy: who.actor.accountId,
      filedAt: now,
    });
    await writeEvent(tx, deps, who, taskId, {
      kind: 'request_closing',
      fromStatus: task.status,
      toStatus: to,
      note: `${input.summary.slice(0, 200)}${late ? '（逾期申请）' : ''}`,
    });
    const reviewers = [
      ...(await unitAccounts(
        tx,
        offices.flatMap((o) => (o.unitId === null ? [] : [o.unitId])),
        [...REVIEWER_ROLES],
      )),
      ...(owner ? await unitAccounts(tx, [owner.unitId], [...OWNER_ROLES]) : []),
    ];
    await notify(tx, now, reviewers, {
      kind: 'closing.requested',
      title: '销号申请待联审',
      body: `事项“${task.title}”已申请销号，申报完成日期 ${input.finishedOn}${late ? '（逾期申请）' : ''}，请审核。`,
      link: `/closing-requests/${request.id}`,
    });
    await recordAudit(tx, deps, who, {
      action: 'task.request_closing',
      targetType: 'task',
      targetId: taskId,
      before: { status: task.status },
      after: { status: to, closingRequestId: request.id, ...input, late },
    });
    return request.id;
  });
}

// ---- Joint review (三部联审)

export async function review(deps: Deps, who: Acting, requestId: number, input: { decision: ReviewDecision; comment: string }) {
  if (!can(who.actor, 'closing.review') && ownerUnitOf(who.actor) === null) throw notReviewer();
  const { request, task } = await loadVisibleRequest(deps, who.actor, requestId);
  const seat = await seatOf(deps.db, who.actor, task, await reviewersOf(deps.db, task));
  const comment = input.comment.trim();
  if (input.decision === 'reject' && !comment) throw badRequest('COMMENT_REQUIRED', '不同意销号须填写理由');
  if (request.status !== 'pending') throw alreadyDecided();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    // Locked while deciding, so of two last approvals the second sees the first, and only one closes the task.
    const locked = await store.lockRequest(tx, requestId);
    if (locked.status !== 'pending') throw alreadyDecided();
    const review = await store.insertReview(tx, {
      requestId,
      officeId: seat.officeId,
      unitId: seat.unitId,
      reviewerId: who.actor.accountId,
      decision: input.decision,
      comment,
      at: now,
    });
    if (!review) throw conflict('ALREADY_REVIEWED', `${seat.name}已审核过该销号申请`);
    // Who must agree is read as it stands now (the category's owner at decision time).
    const { offices, owner } = await reviewersOf(tx, task);
    const reviews = await store.reviewsOf(tx, [requestId]);
    const outcome = jointOutcome(
      offices.map((o) => o.id),
      owner?.unitId ?? null,
      reviews,
    );
    await writeEvent(tx, deps, who, task.id, {
      kind: 'closing_review',
      note: `${seat.name}${seat.unitId === null ? '' : '（归口单位）'}${DECISION_LABELS[input.decision]}${comment ? `：${comment}` : ''}`,
    });
    if (outcome !== 'pending') await settle(tx, deps, who, locked, task, outcome, reviews);
    await recordAudit(tx, deps, who, {
      action: 'closing.review',
      targetType: 'closing_request',
      targetId: requestId,
      after: { taskId: task.id, officeId: seat.officeId, unitId: seat.unitId, decision: input.decision, comment, outcome },
    });
  });
}

// All offices approved: the task is closed (green; late if the request was filed after the deadline now in force).
// One rejected: back to the unit.
async function settle(
  tx: Db,
  deps: Deps,
  who: Acting,
  request: Awaited<ReturnType<typeof store.lockRequest>>,
  task: TaskRow,
  outcome: 'approved' | 'rejected',
  reviews: Awaited<ReturnType<typeof store.reviewsOf>>,
) {
  const now = deps.clock.now();
  const action = outcome === 'approved' ? 'close' : 'return';
  const to = legalMove(action, 'closing_requested');
  const late = closedLate(request, task.deadline);
  if (!(await store.settleRequest(tx, request.id, outcome, now, late))) throw alreadyDecided();
  const moved = await moveTask(
    tx,
    task.id,
    'closing_requested',
    outcome === 'approved' ? { status: to, closedOn: dayOf(now), closedLate: late, percent: 100, updatedAt: now } : { status: to, updatedAt: now },
  );
  if (!moved) throw taskMoved();
  failpoint(deps.config, 'closing.settle');
  if (outcome === 'approved') await recordIndicatorActuals(tx, task.id, request.indicatorResults);
  const reasons = reviews.filter((r) => r.decision === 'reject').map((r) => `${r.officeName}：${r.comment}`);
  const note = outcome === 'approved' ? `三部联审通过${late ? '，逾期销号' : ''}` : `联审未通过。${reasons.join('；')}`;
  await writeEvent(tx, deps, who, task.id, { kind: action, fromStatus: 'closing_requested', toStatus: to, note });
  const unit = await unitAccounts(tx, [task.leadUnitId], ['unit_head', 'unit_liaison']);
  await notify(tx, now, [...unit, request.filedBy], {
    kind: `closing.${outcome}`,
    title: outcome === 'approved' ? '事项已销号' : '销号申请未通过',
    body: outcome === 'approved' ? `事项“${task.title}”经三部联审同意销号。` : `事项“${task.title}”的销号申请未通过，请整改后重新申请。${reasons.join('；')}`,
    link: `/tasks/${task.id}`,
  });
  await recordAudit(tx, deps, who, {
    action: `task.${action}`,
    targetType: 'task',
    targetId: task.id,
    before: { status: 'closing_requested' },
    after: { status: to, closingRequestId: request.id, closedLate: outcome === 'approved' ? late : undefined },
    reason: note,
  });
}

// ---- Site check (实地核查), by a reviewer before deciding

export async function addSiteCheck(deps: Deps, who: Acting, requestId: number, input: { checkedOn: string; notes: string; attachmentIds: number[] }) {
  await requireReviewer(deps.db, who.actor);
  const { request, task } = await loadVisibleRequest(deps, who.actor, requestId);
  if (request.status !== 'pending') throw alreadyDecided();
  if (input.checkedOn > dayOf(deps.clock.now())) throw badRequest('BAD_SITE_CHECK', '核查日期不能晚于今天');
  if (input.checkedOn < dayOf(request.filedAt)) throw badRequest('BAD_SITE_CHECK', '核查日期不能早于申请日期');
  await checkAttachments(deps.db, task.id, input.attachmentIds, who.actor.accountId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await store.insertSiteCheck(tx, {
      requestId,
      ...input,
      attachmentIds: [...new Set(input.attachmentIds)],
      checkedBy: who.actor.accountId,
      at: now,
    });
    await writeEvent(tx, deps, who, task.id, { kind: 'closing_site_check', note: `实地核查（${input.checkedOn}）：${input.notes.slice(0, 200)}` });
    await recordAudit(tx, deps, who, {
      action: 'closing.site_check',
      targetType: 'closing_request',
      targetId: requestId,
      after: { siteCheckId: row.id, taskId: task.id, ...input },
    });
  });
}

// ---- Reading

// The reader's seats: the review office they act for, and the unit whose categories they own (归口单位).
type MySeats = { office: ReviewOffice | undefined; ownerUnitId: number | null };

function presentRequest(row: store.RequestRow, offices: ReviewOffice[], reviews: Awaited<ReturnType<typeof store.reviewsOf>>, me: MySeats) {
  const own = reviews.filter((r) => r.requestId === row.request.id);
  const r = row.request;
  const ownerUnitId = owningReviewer(
    row.ownerUnitId,
    row.leadUnitId,
    offices.map((o) => o.unitId),
  );
  const mayReview =
    (me.office !== undefined && !own.some((v) => v.officeId === me.office!.id)) ||
    (me.office === undefined && ownerUnitId !== null && me.ownerUnitId === ownerUnitId && !own.some((v) => v.unitId === ownerUnitId));
  return {
    id: r.id,
    taskId: r.taskId,
    taskTitle: row.taskTitle,
    taskStatus: row.taskStatus,
    taskDeadline: row.taskDeadline,
    leadUnitId: row.leadUnitId,
    leadUnitName: row.leadUnitName,
    status: r.status,
    finishedOn: r.finishedOn,
    late: r.late,
    filedByName: row.filedByName,
    filedAt: r.filedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    offices: offices.map((o) => ({ id: o.id, name: o.name, decision: own.find((v) => v.officeId === o.id)?.decision ?? null })),
    ownerUnit:
      ownerUnitId === null ? null : { id: ownerUnitId, name: row.ownerUnitName ?? '', decision: own.find((v) => v.unitId === ownerUnitId)?.decision ?? null },
    canReview: r.status === 'pending' && mayReview,
  };
}

async function mySeats(db: Db, actor: Actor): Promise<MySeats> {
  return { office: await reviewOfficeOf(db, actor), ownerUnitId: ownerUnitOf(actor) };
}

export async function listRequests(
  deps: Deps,
  actor: Actor,
  q: { status?: store.RequestStatus; toReview?: boolean; taskId?: number; page: number; pageSize: number },
) {
  authorize(actor, 'task.read');
  const [scope, me] = await Promise.all([loadScope(deps.db, actor), mySeats(deps.db, actor)]);
  const filter: store.RequestFilter = {
    status: q.status,
    taskId: q.taskId,
    scope: scope.all ? undefined : { unitIds: [...scope.unitIds], leaderId: actor.leaderId, ownerUnitId: ownerUnitOf(actor) },
    toReview: q.toReview ? toReviewFilter(me) : undefined,
  };
  // Nothing to review for someone without a seat.
  if (q.toReview && !filter.toReview) return { total: 0, items: [] };
  const [total, rows, offices] = await Promise.all([
    store.countRequests(deps.db, filter),
    store.findRequests(deps.db, filter, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    activeReviewOffices(deps.db),
  ]);
  const reviews = await store.reviewsOf(
    deps.db,
    rows.map((r) => r.request.id),
  );
  return { total, items: rows.map((r) => presentRequest(r, offices, reviews, me)) };
}

function toReviewFilter(me: MySeats): store.RequestFilter['toReview'] {
  if (me.office) return { officeId: me.office.id };
  if (me.ownerUnitId !== null) return { ownerUnitId: me.ownerUnitId };
  return undefined;
}

export async function taskRequests(deps: Deps, actor: Actor, taskId: number) {
  await loadVisibleTask(deps, actor, taskId);
  return listRequests(deps, actor, { taskId, page: 1, pageSize: 200 });
}

export async function getRequest(deps: Deps, actor: Actor, id: number) {
  const { request, task } = await loadVisibleRequest(deps, actor, id);
  const [row, offices, reviews, siteChecks, indicators, files, me] = await Promise.all([
    store.findRequestRow(deps.db, id),
    activeReviewOffices(deps.db),
    store.reviewsOf(deps.db, [id]),
    store.siteChecksOf(deps.db, id),
    indicatorsOf(deps.db, task.id),
    attachmentsOf(deps.db, task.id),
    mySeats(deps.db, actor),
  ]);
  const filesOf = (ids: number[]) =>
    files.filter((f) => ids.includes(f.id)).map((f) => ({ id: f.id, fileName: f.fileName, mime: f.mime, size: f.size, hasThumbnail: f.thumbnailKey !== null }));
  return {
    ...presentRequest(row!, offices, reviews, me),
    summary: request.summary,
    indicatorResults: request.indicatorResults.map((r) => {
      const i = indicators.find((x) => x.id === r.indicatorId);
      return { indicatorId: r.indicatorId, name: i?.name ?? '', target: i?.target ?? null, unitOfMeasure: i?.unitOfMeasure ?? '', actual: r.actual };
    }),
    attachments: filesOf(request.attachmentIds),
    task: {
      id: task.id,
      title: task.title,
      standard: task.standard,
      startDate: task.startDate,
      deadline: task.deadline,
      status: task.status,
      percent: task.percent,
      evidenceRequired: task.evidenceRequired,
    },
    reviews: reviews.map(({ requestId: _r, at, ...v }) => ({ ...v, at: at.toISOString() })),
    siteChecks: siteChecks.map(({ attachmentIds, at, ...s }) => ({ ...s, attachments: filesOf(attachmentIds), at: at.toISOString() })),
    canSiteCheck: request.status === 'pending' && me.office !== undefined,
  };
}

// Cancelling a task (撤销) also takes its pending closing request, if any, out of the reviewers' queue, in one transaction.
export function cancelTask(deps: Deps, who: Acting, taskId: number, input: TransitionInput) {
  return transition(deps, who, taskId, 'cancel', input, (tx, now) => store.settlePendingOfTask(tx, taskId, now));
}
