import { and, eq, inArray, isNull } from 'drizzle-orm';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict, forbidden, notFound } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize, can, inScope, type Scope } from '../../permissions.js';
import { loadScope } from '../org/scope.js';
import { leaders, people, units } from '../org/read.js';
import {
  checkTransition,
  CLOSING_ACTIONS,
  derivedProgress,
  planProblems,
  reportMissing,
  STATUS_LABELS,
  statusColour,
  TASK_ACTIONS,
  TRANSITIONS,
  type StatusColour,
  type TaskAction,
  type TaskLevel,
  type TaskSource,
  type TaskStatus,
} from './rules.js';
import {
  attachments,
  type ReportCadence,
  taskCategories,
  taskCooperators,
  taskEvents,
  taskIndicators,
  taskMilestones,
  taskReports,
  tasks,
  taskSheets,
} from './schema.js';
import * as store from './store.js';

export const taskNotFound = () => notFound('TASK_NOT_FOUND', '事项不存在');
const staleTask = () => conflict('STALE_VERSION', '该事项已被他人修改，请刷新后重试');
type Acting = Who & { actor: Actor };

export const todayOf = (deps: Deps) => dayOf(deps.clock.now());

// ---- Scope: a task is visible to whoever may see its lead unit, one of its cooperating units, or leads it as leader.

function visible(scope: Scope, actor: Actor, task: { leadUnitId: number; leadLeaderId: number | null }, cooperatorUnitIds: number[]) {
  return (
    scope.all ||
    inScope(scope, task.leadUnitId) ||
    cooperatorUnitIds.some((u) => inScope(scope, u)) ||
    (actor.leaderId !== null && task.leadLeaderId === actor.leaderId)
  );
}

export async function loadVisibleTask(deps: Deps, actor: Actor, id: number) {
  authorize(actor, 'task.read');
  const task = await store.findTask(deps.db, id);
  if (!task) throw taskNotFound();
  const scope = await loadScope(deps.db, actor);
  const cooperators = await store.cooperatorsOf(deps.db, [id]);
  if (
    !visible(
      scope,
      actor,
      task,
      cooperators.map((c) => c.unitId),
    )
  )
    throw taskNotFound();
  return { task, scope, cooperators };
}

// The responsible unit acts only on tasks its own unit (or a unit below it) leads.
export function respondsFor(actor: Actor, scope: Scope, leadUnitId: number) {
  return can(actor, 'task.respond') && !scope.all && inScope(scope, leadUnitId) && actor.unitId !== null;
}

export function availableActions(actor: Actor, scope: Scope, task: { status: TaskStatus; suspendedFrom: TaskStatus | null; leadUnitId: number }): TaskAction[] {
  return TASK_ACTIONS.filter((action) => {
    if (CLOSING_ACTIONS.includes(action) || !checkTransition(action, task.status, task.suspendedFrom).ok) return false;
    return TRANSITIONS[action].by === 'office' ? can(actor, 'task.manage') : respondsFor(actor, scope, task.leadUnitId);
  });
}

// ---- The ledger

export interface LedgerQuery extends Omit<store.TaskFilter, 'scope' | 'overdueOn' | 'unitId'> {
  unitId?: number;
  colour?: StatusColour;
  overdue?: boolean;
  missingReport?: boolean;
  sort?: 'deadline' | '-deadline' | 'updatedAt' | '-updatedAt' | 'percent' | '-percent';
  page: number;
  pageSize: number;
}

async function taskScopeFilter(deps: Deps, actor: Actor) {
  const scope = await loadScope(deps.db, actor);
  return { scope, filter: scope.all ? undefined : { unitIds: [...scope.unitIds], leaderId: actor.leaderId } };
}

// Rows with their colour, missing-report flag and derived progress. The colour rule runs in one place (rules.ts).
export async function ledgerRows(deps: Deps, actor: Actor, q: Omit<LedgerQuery, 'page' | 'pageSize'>) {
  authorize(actor, 'task.read');
  const { filter: scopeFilter } = await taskScopeFilter(deps, actor);
  const today = todayOf(deps);
  const unitIds = q.unitId === undefined ? undefined : [q.unitId];
  const rows = await store.findTasks(deps.db, { ...q, scope: scopeFilter, unitId: unitIds, overdueOn: q.overdue ? today : undefined });
  const ids = rows.map((r) => r.id);
  const [milestones, cooperators, lastReports, signed, children] = await Promise.all([
    store.milestonesOf(deps.db, ids),
    store.cooperatorsOf(deps.db, ids),
    store.lastReportDays(deps.db, ids),
    store.signedAtOf(deps.db, ids),
    store.childrenOf(deps.db, ids),
  ]);
  let items = rows.map((r) => {
    const ms = milestones.filter((m) => m.taskId === r.id);
    const kids = children.filter((c) => c.parentId === r.id);
    const signedAt = signed.get(r.id);
    const lastReport = lastReports.get(r.id);
    const next = ms.find((m) => !m.doneDate);
    const reporting = ['signed', 'in_progress', 'returned'].includes(r.status) && signedAt !== undefined;
    return {
      ...r,
      percent: derivedProgress(kids) ?? r.percent,
      childCount: kids.length,
      colour: statusColour({ status: r.status, deadline: r.deadline, closedOn: r.closedOn, milestones: ms }, today),
      cooperators: cooperators.filter((c) => c.taskId === r.id).map(({ unitId, unitName, part }) => ({ unitId, unitName, part })),
      lastReportAt: lastReport?.toISOString() ?? null,
      reportMissing: reporting && reportMissing({ cadence: r.reportCadence, since: dayOf(signedAt), lastReport: lastReport ? dayOf(lastReport) : null }, today),
      nextMilestone: next ? { name: next.name, dueDate: next.dueDate } : null,
    };
  });
  if (q.colour) items = items.filter((i) => i.colour === q.colour);
  if (q.missingReport) items = items.filter((i) => i.reportMissing);
  if (q.sort) {
    const desc = q.sort.startsWith('-');
    const key = q.sort.replace('-', '') as 'deadline' | 'updatedAt' | 'percent';
    items.sort((a, b) => {
      const av = key === 'updatedAt' ? a.updatedAt.getTime() : a[key];
      const bv = key === 'updatedAt' ? b.updatedAt.getTime() : b[key];
      return (av < bv ? -1 : av > bv ? 1 : a.id - b.id) * (desc ? -1 : 1);
    });
  }
  return items;
}

export type LedgerRow = Awaited<ReturnType<typeof ledgerRows>>[number];

// The colour counts are taken before the colour filter, so each chip shows its own number whichever is chosen.
export async function listLedger(deps: Deps, actor: Actor, q: LedgerQuery) {
  const unfiltered = await ledgerRows(deps, actor, { ...q, colour: undefined });
  const counts = { green: 0, blue: 0, yellow: 0, red: 0, grey: 0 } satisfies Record<StatusColour, number>;
  for (const i of unfiltered) counts[i.colour] += 1;
  const all = q.colour ? unfiltered.filter((i) => i.colour === q.colour) : unfiltered;
  return { total: all.length, counts, items: all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize) };
}

// ---- One task

export async function getTask(deps: Deps, actor: Actor, id: number) {
  const { task, scope, cooperators } = await loadVisibleTask(deps, actor, id);
  const [view, milestones, indicators, reports, files, sheets, children] = await Promise.all([
    store.findTaskView(deps.db, id),
    store.milestonesOf(deps.db, [id]),
    store.indicatorsOf(deps.db, id),
    store.reportsOf(deps.db, id),
    store.attachmentsOf(deps.db, id),
    store.sheetsOf(deps.db, id),
    store.findTasks(deps.db, { parentId: id }),
  ]);
  const today = todayOf(deps);
  return {
    ...view!,
    description: task.description,
    standard: task.standard,
    responsiblePersonId: task.responsiblePersonId,
    suspendedFrom: task.suspendedFrom,
    evidenceRequired: task.evidenceRequired,
    closedLate: task.closedLate,
    percent: derivedProgress(children) ?? task.percent,
    colour: statusColour({ status: task.status, deadline: task.deadline, closedOn: task.closedOn, milestones }, today),
    cooperators: cooperators.map(({ unitId, unitName, part }) => ({ unitId, unitName, part })),
    milestones: milestones.map(({ taskId: _t, ...m }) => m),
    indicators: indicators.map(({ taskId: _t, ...i }) => i),
    reports: reports.map((r) => ({ ...r, reportedAt: r.reportedAt.toISOString(), attachments: files.filter((f) => f.reportId === r.id).map(presentFile) })),
    attachments: files.map(presentFile),
    sheets: sheets.map(presentSheet),
    children: children.map((c) => ({ id: c.id, title: c.title, leadUnitName: c.leadUnitName, status: c.status, percent: c.percent, deadline: c.deadline })),
    actions: availableActions(actor, scope, task),
    canEdit: can(actor, 'task.manage') && !['closed', 'cancelled'].includes(task.status),
    canReport: can(actor, 'task.report') && respondsOrCadre(actor, scope, task.leadUnitId) && ['signed', 'in_progress', 'returned'].includes(task.status),
    canDecompose: ['assigned', 'signed', 'in_progress'].includes(task.status) && (can(actor, 'task.manage') || respondsFor(actor, scope, task.leadUnitId)),
    // Filed through POST /tasks/{id}/closing-requests, not as an action.
    canRequestClosing: respondsFor(actor, scope, task.leadUnitId) && checkTransition('request_closing', task.status, task.suspendedFrom).ok,
  };
}

export const respondsOrCadre = (actor: Actor, scope: Scope, leadUnitId: number) => !scope.all && inScope(scope, leadUnitId) && actor.unitId !== null;

const presentFile = (f: Awaited<ReturnType<typeof store.attachmentsOf>>[number]) => ({
  id: f.id,
  reportId: f.reportId,
  fileName: f.fileName,
  mime: f.mime,
  size: f.size,
  hasThumbnail: f.thumbnailKey !== null,
  uploadedAt: f.uploadedAt.toISOString(),
});

export const presentSheet = (s: typeof taskSheets.$inferSelect) => ({
  id: s.id,
  kind: s.kind,
  number: s.number,
  unitId: s.unitId,
  content: s.content,
  issuedAt: s.issuedAt.toISOString(),
  signedAt: s.signedAt?.toISOString() ?? null,
  declinedAt: s.declinedAt?.toISOString() ?? null,
  declineReason: s.declineReason,
});

export async function taskHistory(deps: Deps, actor: Actor, id: number) {
  await loadVisibleTask(deps, actor, id);
  const events = await store.eventsOf(deps.db, id);
  return events.map((e) => ({ ...e, at: e.at.toISOString() }));
}

// ---- Create and edit (督查室)

export interface TaskInput {
  title: string;
  description: string;
  source: TaskSource;
  categoryId: number | null;
  level: TaskLevel;
  leadLeaderId: number | null;
  leadUnitId: number;
  cooperators: { unitId: number; part: string }[];
  responsiblePersonId: number | null;
  responsibleName: string;
  responsiblePhone: string;
  startDate: string;
  deadline: string;
  standard: string;
  period: string;
  milestones: { id?: number; name: string; dueDate: string }[];
  indicators: { id?: number; name: string; target: number; unitOfMeasure: string }[];
  tags: string[];
  reportCadence: ReportCadence;
  // Evidence must come with the closing request (照单验收); false when left out.
  evidenceRequired?: boolean;
}

async function checkTaskInput(db: Db, input: TaskInput) {
  const problems = planProblems({
    startDate: input.startDate,
    deadline: input.deadline,
    leadUnitId: input.leadUnitId,
    cooperatingUnitIds: input.cooperators.map((c) => c.unitId),
    milestones: input.milestones,
  });
  if (problems.length) throw badRequest('BAD_TASK', problems.join('；'), problems);
  if (input.leadLeaderId !== null) {
    const [leader] = await db.select({ active: leaders.active }).from(leaders).where(eq(leaders.id, input.leadLeaderId));
    if (!leader?.active) throw badRequest('LEADER_NOT_FOUND', '牵头领导不存在或已离任');
  }
  const unitIds = [input.leadUnitId, ...input.cooperators.map((c) => c.unitId)];
  const found = await db
    .select({ id: units.id })
    .from(units)
    .where(and(inArray(units.id, unitIds), eq(units.active, true)));
  if (!found.some((u) => u.id === input.leadUnitId)) throw badRequest('UNIT_NOT_FOUND', '牵头单位不存在或已停用');
  if (found.length !== new Set(unitIds).size) throw badRequest('UNIT_NOT_FOUND', '配合单位中有不存在或已停用的单位');
  if (input.categoryId !== null) {
    const [cat] = await db.select({ id: taskCategories.id }).from(taskCategories).where(eq(taskCategories.id, input.categoryId));
    if (!cat) throw badRequest('CATEGORY_NOT_FOUND', '事项类别不存在');
  }
  if (input.responsiblePersonId !== null) {
    const [p] = await db.select().from(people).where(eq(people.id, input.responsiblePersonId));
    if (!p?.active) throw badRequest('PERSON_NOT_FOUND', '责任人不存在或已停用');
    return { responsibleName: input.responsibleName || p.name, responsiblePhone: input.responsiblePhone || p.phone };
  }
  return { responsibleName: input.responsibleName, responsiblePhone: input.responsiblePhone };
}

async function writeEvent(tx: Db, deps: Deps, who: Acting, taskId: number, e: { kind: string; fromStatus?: TaskStatus; toStatus?: TaskStatus; note?: string }) {
  await tx.insert(taskEvents).values({ taskId, at: deps.clock.now(), actorId: who.actor.accountId, actorName: who.actor.displayName, ...e });
}

async function writeChildren(tx: Db, taskId: number, input: TaskInput) {
  await tx.delete(taskCooperators).where(eq(taskCooperators.taskId, taskId));
  if (input.cooperators.length) await tx.insert(taskCooperators).values(input.cooperators.map((c) => ({ ...c, taskId })));

  const existingMs = await tx.select().from(taskMilestones).where(eq(taskMilestones.taskId, taskId));
  const keptMs = new Set(input.milestones.flatMap((m) => (m.id ? [m.id] : [])));
  for (const m of existingMs) if (!keptMs.has(m.id)) await tx.delete(taskMilestones).where(eq(taskMilestones.id, m.id));
  for (const [i, m] of input.milestones.entries()) {
    if (m.id && existingMs.some((e) => e.id === m.id)) {
      await tx.update(taskMilestones).set({ name: m.name, dueDate: m.dueDate, sortOrder: i }).where(eq(taskMilestones.id, m.id));
    } else {
      await tx.insert(taskMilestones).values({ taskId, name: m.name, dueDate: m.dueDate, sortOrder: i });
    }
  }

  const existingInd = await tx.select().from(taskIndicators).where(eq(taskIndicators.taskId, taskId));
  const keptInd = new Set(input.indicators.flatMap((m) => (m.id ? [m.id] : [])));
  for (const m of existingInd) if (!keptInd.has(m.id)) await tx.delete(taskIndicators).where(eq(taskIndicators.id, m.id));
  for (const [i, m] of input.indicators.entries()) {
    const values = { name: m.name, target: m.target, unitOfMeasure: m.unitOfMeasure, sortOrder: i };
    if (m.id && existingInd.some((e) => e.id === m.id)) await tx.update(taskIndicators).set(values).where(eq(taskIndicators.id, m.id));
    else await tx.insert(taskIndicators).values({ ...values, taskId });
  }
}

const FIELD_LABELS: Record<string, string> = {
  title: '工作任务',
  description: '具体内容',
  source: '来源',
  categoryId: '类别',
  level: '等级',
  leadLeaderId: '责任领导',
  leadUnitId: '牵头单位',
  responsiblePersonId: '责任人',
  responsibleName: '责任人',
  responsiblePhone: '联系电话',
  startDate: '开始日期',
  deadline: '完成时限',
  standard: '工作标准',
  period: '所属月份',
  tags: '标签',
  reportCadence: '报送频次',
  evidenceRequired: '销号佐证',
};

const taskColumns = (input: TaskInput, responsible: { responsibleName: string; responsiblePhone: string }) => ({
  title: input.title,
  description: input.description,
  source: input.source,
  categoryId: input.categoryId,
  level: input.level,
  leadLeaderId: input.leadLeaderId,
  leadUnitId: input.leadUnitId,
  responsiblePersonId: input.responsiblePersonId,
  ...responsible,
  startDate: input.startDate,
  deadline: input.deadline,
  standard: input.standard,
  period: input.period,
  tags: [...new Set(input.tags)],
  reportCadence: input.reportCadence,
  evidenceRequired: input.evidenceRequired ?? false,
});

export async function createTask(deps: Deps, who: Acting, input: TaskInput & { parentId?: number | null }) {
  const parentId = input.parentId ?? null;
  if (parentId === null) {
    authorize(who.actor, 'task.manage');
  } else {
    // Decomposition (分解): the office, or the parent's lead unit handing parts down its own tree.
    const { task: parent, scope } = await loadVisibleTask(deps, who.actor, parentId);
    if (!can(who.actor, 'task.manage') && !respondsFor(who.actor, scope, parent.leadUnitId)) throw forbidden('只有督查室或牵头单位可以分解事项');
    if (!['assigned', 'signed', 'in_progress'].includes(parent.status))
      throw conflict('ILLEGAL_TRANSITION', `上级事项为“${STATUS_LABELS[parent.status]}”，不能分解`);
    if (input.deadline > parent.deadline) throw badRequest('BAD_TASK', '子事项的完成时限不能晚于上级事项');
    if (!can(who.actor, 'task.manage') && !inScope(scope, input.leadUnitId)) throw badRequest('BAD_TASK', '只能分解给本单位或下级单位');
  }
  const responsible = await checkTaskInput(deps.db, input);
  return deps.db.transaction(async (tx) => (await insertDraft(tx, deps, who, input, parentId, responsible)).id);
}

async function insertDraft(
  tx: Db,
  deps: Deps,
  who: Acting,
  input: TaskInput,
  parentId: number | null,
  responsible: { responsibleName: string; responsiblePhone: string },
) {
  const now = deps.clock.now();
  const [row] = await tx
    .insert(tasks)
    .values({ ...taskColumns(input, responsible), parentId, status: 'draft', createdBy: who.actor.accountId, createdAt: now, updatedAt: now })
    .returning();
  await writeChildren(tx, row!.id, input);
  await writeEvent(tx, deps, who, row!.id, { kind: parentId ? 'decomposed' : 'created', toStatus: 'draft', note: parentId ? `由事项 #${parentId} 分解` : '' });
  await recordAudit(tx, deps, who, {
    action: 'task.create',
    targetType: 'task',
    targetId: row!.id,
    after: { ...row, cooperators: input.cooperators, milestones: input.milestones, indicators: input.indicators },
  });
  return row!;
}

/**
 * Creates a task and assigns it (交办, with its numbered sheet) inside the caller's transaction, for modules whose
 * own write produces tasks (约谈承诺). Both steps are audited as if the office had taken them one after the other.
 */
export async function createAssignedTask(tx: Db, deps: Deps, who: Acting, input: TaskInput) {
  authorize(who.actor, 'task.manage');
  const draft = await insertDraft(tx, deps, who, input, null, await checkTaskInput(tx, input));
  // Inserted by this transaction and invisible to others until it commits, so no status guard is needed.
  const [assigned] = await tx
    .update(tasks)
    .set({ status: 'assigned', version: draft.version + 1, updatedAt: deps.clock.now() })
    .where(eq(tasks.id, draft.id))
    .returning();
  await issueAssignmentSheet(tx, deps, who, assigned!);
  await writeEvent(tx, deps, who, draft.id, { kind: 'assign', fromStatus: 'draft', toStatus: 'assigned' });
  await recordAudit(tx, deps, who, {
    action: 'task.assign',
    targetType: 'task',
    targetId: draft.id,
    before: { status: 'draft' },
    after: { status: 'assigned' },
  });
  return assigned!;
}

export async function updateTask(deps: Deps, who: Acting, id: number, input: TaskInput & { version: number }) {
  authorize(who.actor, 'task.manage');
  const { task: before } = await loadVisibleTask(deps, who.actor, id);
  if (before.status === 'closed' || before.status === 'cancelled') throw conflict('TASK_FINISHED', `事项已${STATUS_LABELS[before.status]}，不能修改`);
  const responsible = await checkTaskInput(deps.db, input);
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(tasks)
      .set({ ...taskColumns(input, responsible), version: input.version + 1, updatedAt: deps.clock.now() })
      .where(and(eq(tasks.id, id), eq(tasks.version, input.version)))
      .returning();
    if (!after) throw staleTask();
    await writeChildren(tx, id, input);
    const changed = Object.keys(taskColumns(input, responsible)).filter(
      (k) => JSON.stringify(before[k as keyof typeof before]) !== JSON.stringify(after[k as keyof typeof after]),
    );
    const names = changed.map((k) => FIELD_LABELS[k] ?? k);
    await writeEvent(tx, deps, who, id, { kind: 'edited', note: names.length ? `修改了：${names.join('、')}` : '' });
    await recordAudit(tx, deps, who, {
      action: 'task.update',
      targetType: 'task',
      targetId: id,
      before,
      after: { ...after, cooperators: input.cooperators, milestones: input.milestones },
    });
  });
}

// ---- State changes

export interface TransitionInput {
  reason?: string;
  approverLeaderId?: number;
}

/**
 * `alsoInTransaction` lets a module above this one (closing, when a task under review is cancelled) make its own
 * change in the same transaction as the move.
 */
export async function transition(
  deps: Deps,
  who: Acting,
  id: number,
  action: TaskAction,
  input: TransitionInput,
  alsoInTransaction?: (tx: Db, now: Date) => Promise<void>,
) {
  // Closing needs the joint review; these moves happen only there.
  if (CLOSING_ACTIONS.includes(action)) throw conflict('USE_CLOSING_REQUEST', '请通过销号申请办理');
  const { task, scope } = await loadVisibleTask(deps, who.actor, id);
  const rule = TRANSITIONS[action];
  if (rule.by === 'office') authorize(who.actor, 'task.manage');
  else if (!respondsFor(who.actor, scope, task.leadUnitId)) throw forbidden(`只有牵头单位可以${rule.label}`);
  const check = checkTransition(action, task.status, task.suspendedFrom);
  if (!check.ok) throw conflict('ILLEGAL_TRANSITION', check.message);
  const reason = input.reason?.trim() ?? '';
  if (rule.needsReason && !reason) throw badRequest('REASON_REQUIRED', `${rule.label}须填写原因`);
  let note = reason;
  if (action === 'suspend') {
    if (!input.approverLeaderId) throw badRequest('APPROVER_REQUIRED', '暂缓须注明批准的领导');
    const [approver] = await deps.db
      .select({ name: people.name })
      .from(leaders)
      .innerJoin(people, eq(people.id, leaders.personId))
      .where(and(eq(leaders.id, input.approverLeaderId), eq(leaders.active, true)));
    if (!approver) throw badRequest('LEADER_NOT_FOUND', '批准暂缓的领导不存在');
    note = `${reason}（经${approver.name}批准）`;
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(tasks)
      .set({
        status: check.to,
        suspendedFrom: action === 'suspend' ? task.status : null,
        version: task.version + 1,
        updatedAt: now,
      })
      .where(and(eq(tasks.id, id), eq(tasks.status, task.status)))
      .returning();
    if (!after) throw conflict('ILLEGAL_TRANSITION', '事项状态已被他人改变，请刷新后重试');
    if (action === 'assign') await issueAssignmentSheet(tx, deps, who, after);
    if (action === 'sign' || action === 'decline') await answerAssignmentSheet(tx, who, id, action, reason, now);
    await alsoInTransaction?.(tx, now);
    await writeEvent(tx, deps, who, id, { kind: action, fromStatus: task.status, toStatus: check.to, note });
    await recordAudit(tx, deps, who, {
      action: `task.${action}`,
      targetType: 'task',
      targetId: id,
      before: { status: task.status },
      after: { status: check.to },
      reason: note,
    });
  });
  return getTask(deps, who.actor, id);
}

async function issueAssignmentSheet(tx: Db, deps: Deps, who: Acting, task: typeof tasks.$inferSelect) {
  const year = Number(dayOf(deps.clock.now()).slice(0, 4));
  const seq = await store.nextSheetSeq(tx, 'assignment', year);
  const [unit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, task.leadUnitId));
  const [leader] = task.leadLeaderId
    ? await tx
        .select({ name: people.name, position: leaders.position })
        .from(leaders)
        .innerJoin(people, eq(people.id, leaders.personId))
        .where(eq(leaders.id, task.leadLeaderId))
    : [];
  await tx.insert(taskSheets).values({
    taskId: task.id,
    kind: 'assignment',
    year,
    seq,
    number: `督〔${year}〕${seq}号`,
    unitId: task.leadUnitId,
    content: {
      unit: unit?.name ?? '',
      matter: task.title,
      description: task.description,
      deadline: task.deadline,
      standard: task.standard,
      leader: leader ? `${leader.position} ${leader.name}` : '',
      responsible: [task.responsibleName, task.responsiblePhone].filter(Boolean).join(' '),
    },
    issuedAt: deps.clock.now(),
    issuedBy: who.actor.accountId,
  });
}

async function answerAssignmentSheet(tx: Db, who: Acting, taskId: number, action: 'sign' | 'decline', reason: string, now: Date) {
  const sheets = await store.sheetsOf(tx, taskId);
  const open = sheets.filter((s) => s.kind === 'assignment' && !s.signedAt && !s.declinedAt).at(-1);
  if (!open) throw conflict('NO_OPEN_SHEET', '没有待签收的交办单');
  await tx
    .update(taskSheets)
    .set(action === 'sign' ? { signedAt: now, signedBy: who.actor.accountId } : { declinedAt: now, declineReason: reason, signedBy: who.actor.accountId })
    .where(eq(taskSheets.id, open.id));
}

export async function getSheet(deps: Deps, actor: Actor, taskId: number, sheetId: number) {
  await loadVisibleTask(deps, actor, taskId);
  const sheet = (await store.sheetsOf(deps.db, taskId)).find((s) => s.id === sheetId);
  if (!sheet) throw notFound('SHEET_NOT_FOUND', '交办单不存在');
  return sheet;
}

// ---- Progress reports (进度反馈)

export interface ReportInput {
  text: string;
  percent?: number;
  problems: string;
  coordination: string;
  indicatorActuals: { indicatorId: number; actual: number }[];
  milestonesDone: { milestoneId: number; doneDate: string; evidence: string }[];
  attachmentIds: number[];
}

export async function addReport(deps: Deps, who: Acting, taskId: number, input: ReportInput) {
  const { task, scope } = await loadVisibleTask(deps, who.actor, taskId);
  authorize(who.actor, 'task.report');
  if (!respondsOrCadre(who.actor, scope, task.leadUnitId)) throw forbidden('只有牵头单位可以反馈进度');
  if (!['signed', 'in_progress', 'returned'].includes(task.status))
    throw conflict('ILLEGAL_TRANSITION', `事项当前为“${STATUS_LABELS[task.status]}”，不能反馈进度`);
  const today = dayOf(deps.clock.now());
  const [milestones, indicators, files] = await Promise.all([
    store.milestonesOf(deps.db, [taskId]),
    store.indicatorsOf(deps.db, taskId),
    store.attachmentsOf(deps.db, taskId),
  ]);
  for (const m of input.milestonesDone) {
    if (!milestones.some((x) => x.id === m.milestoneId)) throw badRequest('MILESTONE_NOT_FOUND', '关键节点不属于该事项');
    if (m.doneDate > today) throw badRequest('BAD_REPORT', '节点完成日期不能晚于今天');
  }
  for (const a of input.indicatorActuals) if (!indicators.some((x) => x.id === a.indicatorId)) throw badRequest('INDICATOR_NOT_FOUND', '指标不属于该事项');
  for (const id of input.attachmentIds) {
    const f = files.find((x) => x.id === id);
    if (!f || f.reportId !== null || f.uploadedBy !== who.actor.accountId) throw badRequest('ATTACHMENT_NOT_FOUND', '附件不存在或已被使用');
  }
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [report] = await tx
      .insert(taskReports)
      .values({ taskId, reportedBy: who.actor.accountId, reportedAt: now, ...input, percent: input.percent ?? null })
      .returning();
    for (const m of input.milestonesDone)
      await tx.update(taskMilestones).set({ doneDate: m.doneDate, evidence: m.evidence }).where(eq(taskMilestones.id, m.milestoneId));
    for (const a of input.indicatorActuals) await tx.update(taskIndicators).set({ actual: a.actual }).where(eq(taskIndicators.id, a.indicatorId));
    if (input.attachmentIds.length) {
      const linked = await tx
        .update(attachments)
        .set({ reportId: report!.id })
        .where(and(inArray(attachments.id, input.attachmentIds), isNull(attachments.reportId)))
        .returning({ id: attachments.id });
      // Two reports sent at once must not both claim one file.
      if (linked.length !== new Set(input.attachmentIds).size) throw conflict('ATTACHMENT_TAKEN', '附件已被另一次反馈使用，请刷新后重试');
    }
    // The first report of a signed task starts it.
    const status: TaskStatus = task.status === 'signed' ? 'in_progress' : task.status;
    const [after] = await tx
      .update(tasks)
      .set({ percent: input.percent ?? task.percent, status, version: task.version + 1, updatedAt: now })
      .where(and(eq(tasks.id, taskId), eq(tasks.status, task.status)))
      .returning({ id: tasks.id });
    if (!after) throw conflict('ILLEGAL_TRANSITION', '事项状态已被他人改变，请刷新后重试');
    await writeEvent(tx, deps, who, taskId, { kind: 'report', fromStatus: task.status, toStatus: status, note: input.text.slice(0, 200) });
    await recordAudit(tx, deps, who, { action: 'task.report', targetType: 'task', targetId: taskId, after: { reportId: report!.id, ...input } });
    return report!.id;
  });
}
