// 领导约谈: the office proposes, a county leader approves, the office records the interview and its commitments,
// each commitment becoming an assigned task. A head interviewed twice within a year is flagged for adjustment.
import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { dayOf, monthOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict, forbidden, notFound } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize, can, inScope, type Scope } from '../../permissions.js';
import { accounts } from '../auth/read.js';
import { loadScope } from '../org/scope.js';
import { notify, roleAccounts, unitAccounts } from '../notify/service.js';
import { leaders, leaderUnits, people, units } from '../org/read.js';
import { leaderUnitIds, subtreeUnitIds } from '../org/read.js';
import { tasks, taskSheets } from '../tasks/read.js';
import { writeEvent } from '../tasks/timeline.js';
import { createAssignedTask, type TaskInput } from '../tasks/service.js';
import {
  checkInterviewTransition,
  INTERVIEW_LEVEL_LABELS,
  INTERVIEW_TRANSITIONS,
  isMainLeader,
  needsAdjustment,
  noticeDraft,
  recordProblems,
  suggestedLevel,
  type TalkRecord,
  talkProblems,
  type InterviewAction,
  type InterviewLevel,
  type InterviewRecord,
  type InterviewStatus,
} from './interview-rules.js';
import { interviewCommitments, interviews } from './schema.js';

type Acting = Who & { actor: Actor };

const interviewNotFound = () => notFound('INTERVIEW_NOT_FOUND', '约谈不存在');
const staleInterview = () => conflict('ILLEGAL_TRANSITION', '约谈状态已被他人改变，请刷新后重试');

// ---- Queries

const proposer = alias(accounts, 'proposer');
const decider = alias(accounts, 'decider');

function selectInterviews(db: Db) {
  return db
    .select({
      ...getTableColumns(interviews),
      unitName: units.name,
      intervieweeName: people.name,
      proposedByName: proposer.displayName,
      decidedByName: decider.displayName,
    })
    .from(interviews)
    .innerJoin(units, eq(units.id, interviews.unitId))
    .leftJoin(people, eq(people.id, interviews.intervieweePersonId))
    .leftJoin(proposer, eq(proposer.id, interviews.proposedBy))
    .leftJoin(decider, eq(decider.id, interviews.decidedBy));
}

type InterviewRow = Awaited<ReturnType<typeof selectInterviews>>[number];

async function findInterview(db: Db, id: number) {
  const [row] = await selectInterviews(db).where(eq(interviews.id, id));
  if (!row) throw interviewNotFound();
  return row;
}

// Held interviews (约谈) of the given people (everyone's when omitted), oldest first. An admonishment talk (诫勉谈话)
// is the discipline commission's and does not count towards "interviewed twice within a year".
async function heldInterviews(db: Db, personIds?: number[]) {
  const rows = await db
    .select({ id: interviews.id, unitId: interviews.unitId, personId: interviews.intervieweePersonId, level: interviews.level, heldOn: interviews.heldOn })
    .from(interviews)
    .where(
      and(
        eq(interviews.status, 'held'),
        ne(interviews.level, 'admonishment'),
        isNotNull(interviews.intervieweePersonId),
        personIds ? inArray(interviews.intervieweePersonId, personIds) : undefined,
      ),
    )
    .orderBy(asc(interviews.heldOn), asc(interviews.id));
  return rows.map((r) => ({ ...r, personId: r.personId!, heldOn: r.heldOn! }));
}

function flaggedPeople(held: Awaited<ReturnType<typeof heldInterviews>>): Set<number> {
  const personIds = new Set(held.map((h) => h.personId));
  return new Set([...personIds].filter((p) => needsAdjustment(held.filter((h) => h.personId === p).map((h) => h.heldOn))));
}

// The unit and its head (主要负责人), who is the one interviewed.
async function unitWithHead(db: Db, unitId: number) {
  const [row] = await db
    .select({
      id: units.id,
      name: units.name,
      path: units.path,
      active: units.active,
      headPersonId: units.headPersonId,
      headName: people.name,
      headActive: people.active,
    })
    .from(units)
    .leftJoin(people, eq(people.id, units.headPersonId))
    .where(eq(units.id, unitId));
  if (!row?.active) throw badRequest('UNIT_NOT_FOUND', '单位不存在或已停用');
  if (row.headPersonId === null || !row.headActive) throw badRequest('NO_UNIT_HEAD', `${row.name}未设主要负责人，请先在组织机构中设置后再提出约谈建议`);
  return { ...row, headPersonId: row.headPersonId, headName: row.headName ?? '' };
}

// ---- Who may see and decide

async function leaderPosition(db: Db, actor: Actor): Promise<string | null> {
  if (actor.leaderId === null) return null;
  const [row] = await db.select({ position: leaders.position }).from(leaders).where(eq(leaders.id, actor.leaderId));
  return row?.position ?? null;
}

// Office, assessment and discipline see every interview; a leader those of the units in their portfolio; the main leaders all.
async function readScope(deps: Deps, actor: Actor): Promise<Scope> {
  authorize(actor, 'interview.read');
  const scope = await loadScope(deps.db, actor);
  if (scope.all) return scope;
  return isMainLeader((await leaderPosition(deps.db, actor)) ?? '') ? { all: true } : scope;
}

// The leader in charge of the unit (or of a unit above it) decides; the main leaders (县委书记, 县长) may decide for any unit.
async function mayDecide(db: Db, actor: Actor, unitId: number): Promise<boolean> {
  if (!can(actor, 'interview.decide') || actor.leaderId === null) return false;
  if (isMainLeader((await leaderPosition(db, actor)) ?? '')) return true;
  return (await subtreeUnitIds(db, await leaderUnitIds(db, actor.leaderId))).includes(unitId);
}

// Who is asked to decide: the leaders in charge of the unit or of a unit above it; the main leaders when there are none.
async function deciderAccounts(tx: Db, unitPath: string): Promise<number[]> {
  const line = unitPath.split('/').filter(Boolean).map(Number);
  const active = await tx.select({ id: leaders.id, personId: leaders.personId, position: leaders.position }).from(leaders).where(eq(leaders.active, true));
  const links = await tx.select({ leaderId: leaderUnits.leaderId }).from(leaderUnits).where(inArray(leaderUnits.unitId, line));
  const inCharge = active.filter((l) => links.some((k) => k.leaderId === l.id));
  const personIds = (inCharge.length ? inCharge : active.filter((l) => isMainLeader(l.position))).map((l) => l.personId);
  const rows = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.active, true), inArray(accounts.personId, personIds)));
  return rows.map((r) => r.id);
}

// ---- Reading

const presentInterview = (r: InterviewRow, flagged: boolean) => ({
  id: r.id,
  unitId: r.unitId,
  unitName: r.unitName,
  intervieweePersonId: r.intervieweePersonId,
  intervieweeName: r.intervieweeName ?? '',
  level: r.level,
  reason: r.reason,
  taskIds: r.taskIds,
  status: r.status,
  // The scanner opens an admonishment when the ladder reaches it.
  proposedByName: r.proposedByName ?? '系统（逐月升级）',
  proposedAt: r.proposedAt.toISOString(),
  decidedByName: r.decidedByName,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  decisionNote: r.decisionNote,
  heldOn: r.heldOn,
  interviewer: r.interviewer,
  findings: r.findings,
  sheetId: r.sheetId,
  attendees: r.attendees,
  noticeText: r.noticeText,
  noticePublishedAt: r.noticePublishedAt?.toISOString() ?? null,
  version: r.version,
  // 建议调整岗位: the interviewee has been interviewed twice within a year.
  flagged,
});

export async function listInterviews(deps: Deps, actor: Actor, q: { status?: InterviewStatus; unitId?: number }) {
  const scope = await readScope(deps, actor);
  const rows = await selectInterviews(deps.db)
    .where(
      and(
        q.status ? eq(interviews.status, q.status) : undefined,
        q.unitId ? eq(interviews.unitId, q.unitId) : undefined,
        scope.all ? undefined : inArray(interviews.unitId, [...scope.unitIds]),
      ),
    )
    .orderBy(desc(interviews.proposedAt), desc(interviews.id));
  const personIds = [...new Set(rows.flatMap((r) => (r.intervieweePersonId === null ? [] : [r.intervieweePersonId])))];
  const flagged = flaggedPeople(await heldInterviews(deps.db, personIds));
  return rows.map((r) => presentInterview(r, r.intervieweePersonId !== null && flagged.has(r.intervieweePersonId)));
}

export async function getInterview(deps: Deps, actor: Actor, id: number) {
  const scope = await readScope(deps, actor);
  const row = await findInterview(deps.db, id);
  if (!inScope(scope, row.unitId)) throw interviewNotFound();
  const [held, slowTasks, commitments, decides] = await Promise.all([
    heldInterviews(deps.db, row.intervieweePersonId === null ? [] : [row.intervieweePersonId]),
    deps.db.select({ id: tasks.id, title: tasks.title, status: tasks.status, deadline: tasks.deadline }).from(tasks).where(inArray(tasks.id, row.taskIds)),
    deps.db
      .select({
        id: interviewCommitments.id,
        content: interviewCommitments.content,
        dueDate: interviewCommitments.dueDate,
        taskId: interviewCommitments.taskId,
        taskStatus: tasks.status,
      })
      .from(interviewCommitments)
      .leftJoin(tasks, eq(tasks.id, interviewCommitments.taskId))
      .where(eq(interviewCommitments.interviewId, id))
      .orderBy(asc(interviewCommitments.id)),
    mayDecide(deps.db, actor, row.unitId),
  ]);
  const actions: InterviewAction[] = [];
  const admonishment = row.level === 'admonishment';
  if (row.status === 'proposed' && decides) actions.push('approve', 'reject');
  if (row.status === 'approved' && !admonishment && can(actor, 'interview.record')) actions.push('record');
  if (row.status === 'approved' && admonishment && can(actor, 'interview.admonish')) actions.push('record_talk');
  if (row.status === 'held' && admonishment && !row.noticePublishedAt && can(actor, 'interview.admonish')) actions.push('publish_notice');
  const flagged = row.intervieweePersonId !== null && flaggedPeople(held).has(row.intervieweePersonId);
  return { ...presentInterview(row, flagged), tasks: slowTasks, commitments, actions };
}

// 建议调整岗位: every head interviewed twice within a year, with their held interviews, newest first.
export async function listFlags(deps: Deps, actor: Actor) {
  const scope = await readScope(deps, actor);
  const held = await heldInterviews(deps.db);
  const flagged = [...flaggedPeople(held)].filter((personId) => held.some((h) => h.personId === personId && inScope(scope, h.unitId)));
  if (!flagged.length) return [];
  const [persons, heads, unitNames] = await Promise.all([
    deps.db.select({ id: people.id, name: people.name, title: people.title }).from(people).where(inArray(people.id, flagged)),
    deps.db
      .select({ personId: units.headPersonId })
      .from(units)
      .where(and(eq(units.active, true), inArray(units.headPersonId, flagged))),
    deps.db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(
        inArray(
          units.id,
          held.map((h) => h.unitId),
        ),
      ),
  ]);
  return persons.map((p) => ({
    personId: p.id,
    name: p.name,
    title: p.title,
    // False once the person no longer heads a unit, i.e. the adjustment has been made.
    stillHead: heads.some((h) => h.personId === p.id),
    interviews: held
      .filter((h) => h.personId === p.id)
      .reverse()
      .map((h) => ({ id: h.id, unitId: h.unitId, unitName: unitNames.find((u) => u.id === h.unitId)?.name ?? '', level: h.level, heldOn: h.heldOn })),
  }));
}

// The level the next interview of the unit's head should have: main_leader when this head was interviewed here within a year.
export async function suggest(deps: Deps, actor: Actor, unitId: number) {
  const scope = await readScope(deps, actor);
  if (!inScope(scope, unitId)) throw notFound('UNIT_NOT_FOUND', '单位不存在');
  const unit = await unitWithHead(deps.db, unitId);
  const held = await heldInterviews(deps.db, [unit.headPersonId]);
  const here = held.filter((h) => h.unitId === unitId);
  const last = here.at(-1);
  return {
    unitId,
    unitName: unit.name,
    headPersonId: unit.headPersonId,
    headName: unit.headName,
    suggestedLevel: suggestedLevel(
      here.map((h) => h.heldOn),
      dayOf(deps.clock.now()),
    ),
    lastInterview: last ? { id: last.id, level: last.level, heldOn: last.heldOn } : null,
    flagged: needsAdjustment(held.map((h) => h.heldOn)),
  };
}

// ---- Writing

export async function propose(deps: Deps, who: Acting, input: { unitId: number; reason: string; taskIds: number[]; level: InterviewLevel }) {
  authorize(who.actor, 'interview.propose');
  const unit = await unitWithHead(deps.db, input.unitId);
  const taskIds = [...new Set(input.taskIds)];
  const led = await deps.db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(inArray(tasks.id, taskIds), eq(tasks.leadUnitId, unit.id)));
  if (led.length !== taskIds.length) throw badRequest('BAD_TASKS', `所列事项须为${unit.name}牵头的事项`);
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(interviews)
      .values({
        unitId: unit.id,
        intervieweePersonId: unit.headPersonId,
        level: input.level,
        reason: input.reason,
        taskIds,
        status: 'proposed',
        proposedBy: who.actor.accountId,
        proposedAt: now,
      })
      .returning();
    await recordAudit(tx, deps, who, { action: 'interview.propose', targetType: 'interview', targetId: row!.id, after: row });
    await notify(tx, now, await deciderAccounts(tx, unit.path), {
      kind: 'interview.propose',
      title: '约谈建议待审批',
      body: `建议对${unit.name}主要负责人${unit.headName}进行${INTERVIEW_LEVEL_LABELS[input.level]}，事由：${input.reason}。请审批。`,
      link: `/interviews/${row!.id}`,
    });
    return row!.id;
  });
  return getInterview(deps, who.actor, id);
}

export async function decide(deps: Deps, who: Acting, id: number, action: 'approve' | 'reject', note: string) {
  authorize(who.actor, 'interview.decide');
  const interview = await findInterview(deps.db, id);
  if (!(await mayDecide(deps.db, who.actor, interview.unitId))) throw forbidden('只有分管该单位的县领导或县委书记、县长可以审批约谈建议');
  const check = checkInterviewTransition(action, interview.status);
  if (!check.ok) throw conflict('ILLEGAL_TRANSITION', check.message);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(interviews)
      .set({ status: check.to, decidedBy: who.actor.accountId, decidedAt: now, decisionNote: note, version: interview.version + 1 })
      .where(and(eq(interviews.id, id), eq(interviews.status, INTERVIEW_TRANSITIONS[action].from)))
      .returning();
    if (!after) throw staleInterview();
    await recordAudit(tx, deps, who, {
      action: `interview.${action}`,
      targetType: 'interview',
      targetId: id,
      before: { status: interview.status },
      after: { status: check.to },
      reason: note,
    });
    const verdict = action === 'approve' ? '已批准' : '未获批准';
    await notify(tx, now, [...(interview.proposedBy === null ? [] : [interview.proposedBy]), ...(await roleAccounts(tx, ['office']))], {
      kind: `interview.${action}`,
      title: `约谈建议${verdict}`,
      body: `对${interview.unitName}主要负责人${interview.intervieweeName}的约谈建议${verdict}（${who.actor.displayName}）${note ? `：${note}` : ''}。`,
      link: `/interviews/${id}`,
    });
  });
  return getInterview(deps, who.actor, id);
}

const commitmentTask = (interview: InterviewRow, heldOn: string, c: { content: string; dueDate: string }): TaskInput => ({
  title: c.content,
  description: `${heldOn}约谈${interview.unitName}主要负责人${interview.intervieweeName}时作出的承诺（约谈 #${interview.id}）。`,
  source: 'interview',
  categoryId: null,
  level: 'general',
  leadLeaderId: null,
  leadUnitId: interview.unitId,
  cooperators: [],
  responsiblePersonId: interview.intervieweePersonId,
  responsibleName: '',
  responsiblePhone: '',
  startDate: heldOn,
  deadline: c.dueDate,
  standard: '落实约谈承诺',
  period: monthOf(c.dueDate),
  milestones: [],
  indicators: [],
  tags: [],
  reportCadence: { kind: 'none' },
});

export async function record(deps: Deps, who: Acting, id: number, input: InterviewRecord & { interviewer: string; findings: string }) {
  authorize(who.actor, 'interview.record');
  const interview = await findInterview(deps.db, id);
  if (interview.level === 'admonishment') throw conflict('ILLEGAL_TRANSITION', '诫勉谈话由纪委监委登记谈话情况');
  const check = checkInterviewTransition('record', interview.status);
  if (!check.ok) throw conflict('ILLEGAL_TRANSITION', check.message);
  const now = deps.clock.now();
  const problems = recordProblems(input, dayOf(now), dayOf(interview.decidedAt!));
  if (problems.length) throw badRequest('BAD_INTERVIEW', problems.join('；'), problems);
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(interviews)
      .set({ status: check.to, heldOn: input.heldOn, interviewer: input.interviewer, findings: input.findings, version: interview.version + 1 })
      .where(and(eq(interviews.id, id), eq(interviews.status, INTERVIEW_TRANSITIONS.record.from)))
      .returning();
    if (!after) throw staleInterview();
    const commitments = [];
    for (const c of input.commitments) {
      const task = await createAssignedTask(tx, deps, who, commitmentTask(interview, input.heldOn, c));
      const [row] = await tx.insert(interviewCommitments).values({ interviewId: id, content: c.content, dueDate: c.dueDate, taskId: task.id }).returning();
      commitments.push(row!);
    }
    await recordAudit(tx, deps, who, {
      action: 'interview.record',
      targetType: 'interview',
      targetId: id,
      before: { status: interview.status },
      after: { status: check.to, heldOn: input.heldOn, interviewer: input.interviewer, findings: input.findings, commitments },
    });
    await notify(tx, now, await unitAccounts(tx, [interview.unitId], ['unit_head', 'unit_liaison']), {
      kind: 'interview.record',
      title: '约谈承诺已交办',
      body: `${input.heldOn}约谈中作出的 ${commitments.length} 项承诺已作为督办事项交办，请及时签收并按时落实。`,
      link: '/tasks?source=interview',
    });
  });
  return getInterview(deps, who.actor, id);
}

// ---- 诫勉谈话: opened by the months-overdue ladder, held and recorded by the discipline commission, published as a notice

/**
 * Opens the admonishment talk the ladder's sheet calls for, inside the scanner's transaction: an interview of the task's
 * responsible person (else the unit's head) assigned to the discipline commission, which is told in its inbox.
 */
export async function openAdmonishment(tx: Db, deps: Deps, who: Who, task: typeof tasks.$inferSelect, sheet: { id: number; number: string }) {
  const now = deps.clock.now();
  const [unit] = await tx.select({ name: units.name, headPersonId: units.headPersonId }).from(units).where(eq(units.id, task.leadUnitId));
  const [row] = await tx
    .insert(interviews)
    .values({
      unitId: task.leadUnitId,
      intervieweePersonId: task.responsiblePersonId ?? unit?.headPersonId ?? null,
      level: 'admonishment',
      reason: `事项“${task.title}”逾期仍未完成，经责令限期整改仍未落实，签发诫勉谈话通知书 ${sheet.number}`,
      taskIds: [task.id],
      // Required by the ladder (001), so no leader's approval is asked.
      status: 'approved',
      proposedBy: who.actor?.accountId ?? null,
      proposedAt: now,
      decidedAt: now,
      sheetId: sheet.id,
    })
    .returning();
  await recordAudit(tx, deps, who, { action: 'interview.admonish', targetType: 'interview', targetId: row!.id, after: row });
  await notify(
    tx,
    now,
    await roleAccounts(tx, ['discipline']),
    {
      kind: 'interview.admonish',
      title: `诫勉谈话 ${sheet.number}`,
      body: `${unit?.name ?? ''}牵头的事项“${task.title}”逾期仍未完成，已签发诫勉谈话通知书，请组织诫勉谈话并登记谈话情况。`,
      link: `/interviews/${row!.id}`,
    },
    // The sheet itself went to the robot channels already; this is the commission's own task list.
    { inboxOnly: true },
  );
}

async function findAdmonishment(db: Db, id: number) {
  const interview = await findInterview(db, id);
  if (interview.level !== 'admonishment') throw conflict('ILLEGAL_TRANSITION', '只有诫勉谈话由纪委监委登记和通报');
  return interview;
}

export async function recordTalk(deps: Deps, who: Acting, id: number, input: TalkRecord & { interviewer: string }) {
  authorize(who.actor, 'interview.admonish');
  const interview = await findAdmonishment(deps.db, id);
  const check = checkInterviewTransition('record_talk', interview.status);
  if (!check.ok) throw conflict('ILLEGAL_TRANSITION', check.message);
  const now = deps.clock.now();
  const problems = talkProblems(input, dayOf(now), dayOf(interview.decidedAt ?? interview.proposedAt));
  if (problems.length) throw badRequest('BAD_INTERVIEW', problems.join('；'), problems);
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(interviews)
      .set({
        status: check.to,
        heldOn: input.heldOn,
        interviewer: input.interviewer,
        attendees: input.attendees,
        findings: input.outcome,
        version: interview.version + 1,
      })
      .where(and(eq(interviews.id, id), eq(interviews.status, INTERVIEW_TRANSITIONS.record_talk.from)))
      .returning();
    if (!after) throw staleInterview();
    await recordAudit(tx, deps, who, {
      action: 'interview.record_talk',
      targetType: 'interview',
      targetId: id,
      before: { status: interview.status },
      after: { status: check.to, heldOn: input.heldOn, interviewer: input.interviewer, attendees: input.attendees, outcome: input.outcome },
    });
    for (const taskId of interview.taskIds)
      await writeEvent(tx, deps, who, taskId, { kind: 'interview.record_talk', note: `${input.heldOn} 县纪委监委进行诫勉谈话（约谈 #${id}）` });
    await notify(
      tx,
      now,
      await roleAccounts(tx, ['office']),
      {
        kind: 'interview.record_talk',
        title: '诫勉谈话已进行',
        body: `${input.heldOn}县纪委监委对${interview.unitName}${interview.intervieweeName ?? ''}进行了诫勉谈话。`,
        link: `/interviews/${id}`,
      },
      { inboxOnly: true },
    );
  });
  return getInterview(deps, who.actor, id);
}

// The notice as first drafted from the recorded talk; the commission may amend the text before publishing.
async function draftNotice(db: Db, interview: InterviewRow) {
  const [matters, sheet] = await Promise.all([
    db.select({ title: tasks.title }).from(tasks).where(inArray(tasks.id, interview.taskIds)),
    interview.sheetId ? db.select({ number: taskSheets.number }).from(taskSheets).where(eq(taskSheets.id, interview.sheetId)) : Promise.resolve([]),
  ]);
  return noticeDraft({
    unitName: interview.unitName,
    intervieweeName: interview.intervieweeName ?? '',
    taskTitles: matters.map((m) => m.title),
    sheetNumber: sheet[0]?.number ?? '',
    heldOn: interview.heldOn!,
    attendees: interview.attendees,
    outcome: interview.findings,
  });
}

export async function noticeOf(deps: Deps, actor: Actor, id: number) {
  const interview = await getInterview(deps, actor, id);
  const row = await findAdmonishment(deps.db, id);
  if (row.status !== 'held') throw conflict('ILLEGAL_TRANSITION', '诫勉谈话尚未登记谈话情况，不能生成通报');
  const draft = await draftNotice(deps.db, row);
  return {
    interviewId: id,
    title: draft.title,
    text: row.noticePublishedAt ? row.noticeText : draft.text,
    published: row.noticePublishedAt !== null,
    publishedAt: interview.noticePublishedAt,
  };
}

/** Publishes the notice (通报): the office and the unit are told, and each task's timeline carries it. */
export async function publishNotice(deps: Deps, who: Acting, id: number, input: { text: string }) {
  authorize(who.actor, 'interview.admonish');
  const interview = await findAdmonishment(deps.db, id);
  if (interview.status !== 'held') throw conflict('ILLEGAL_TRANSITION', '诫勉谈话尚未登记谈话情况，不能发布通报');
  if (interview.noticePublishedAt) throw conflict('ALREADY_PUBLISHED', '该诫勉谈话的通报已发布');
  const draft = await draftNotice(deps.db, interview);
  const text = input.text.trim() || draft.text;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(interviews)
      .set({ noticeText: text, noticePublishedAt: now, noticePublishedBy: who.actor.accountId, version: interview.version + 1 })
      .where(and(eq(interviews.id, id), isNull(interviews.noticePublishedAt)))
      .returning();
    if (!after) throw conflict('ALREADY_PUBLISHED', '该诫勉谈话的通报已发布');
    await recordAudit(tx, deps, who, { action: 'interview.publish_notice', targetType: 'interview', targetId: id, after: { title: draft.title, text } });
    for (const taskId of interview.taskIds) await writeEvent(tx, deps, who, taskId, { kind: 'interview.notice', note: `通报：${draft.title}\n${text}` });
    const readers = [...(await roleAccounts(tx, ['office'])), ...(await unitAccounts(tx, [interview.unitId], ['unit_head', 'unit_liaison']))];
    await notify(tx, now, readers, {
      kind: 'interview.notice',
      title: `通报：${draft.title}`,
      body: text,
      link: interview.taskIds.length ? `/tasks/${interview.taskIds[0]}` : '/',
    });
  });
  return noticeOf(deps, who.actor, id);
}
