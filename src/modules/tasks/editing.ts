// Creating and editing tasks (督查室), decomposing them (分解), and creating assigned tasks for other modules.
import { and, eq } from 'drizzle-orm';
import { dayOf } from '../../calendar/rules.js';
import type { Deps } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict, forbidden } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize, can, inScope } from '../../permissions.js';
import { activeUnitIds, findPersonById, isActiveLeader } from '../org/read.js';
import { handoverProblems, planProblems, STATUS_LABELS, type TaskLevel, type TaskSource, type TaskStatus } from './rules.js';
import { type ReportCadence, taskCategories, taskIndicators, taskMilestones, tasks } from './schema.js';
import { checkParts, type PartInput, writeParts } from './parts.js';
import { writeEvent } from './timeline.js';
import { type Acting, loadVisibleTask, respondsFor, staleTask, todayOf } from './access.js';
import { issueAssignmentSheet } from './sheets.js';
import { indicatorsOf, milestonesOf, sheetsOf } from './store.js';

export interface TaskInput {
  title: string;
  description: string;
  source: TaskSource;
  categoryId: number | null;
  level: TaskLevel;
  leadLeaderId: number | null;
  leadUnitId: number;
  // Each cooperating unit's part: what, and optionally by when and to what standard (parts.ts).
  cooperators: PartInput[];
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
    if (!(await isActiveLeader(db, input.leadLeaderId))) throw badRequest('LEADER_NOT_FOUND', '牵头领导不存在或已离任');
  }
  const unitIds = [input.leadUnitId, ...input.cooperators.map((c) => c.unitId)];
  const found = await activeUnitIds(db, unitIds);
  if (!found.includes(input.leadUnitId)) throw badRequest('UNIT_NOT_FOUND', '牵头单位不存在或已停用');
  if (found.length !== new Set(unitIds).size) throw badRequest('UNIT_NOT_FOUND', '配合单位中有不存在或已停用的单位');
  await checkParts(db, input.cooperators, input);
  if (input.categoryId !== null) {
    const [cat] = await db.select({ id: taskCategories.id }).from(taskCategories).where(eq(taskCategories.id, input.categoryId));
    if (!cat) throw badRequest('CATEGORY_NOT_FOUND', '事项类别不存在');
  }
  if (input.responsiblePersonId !== null) {
    const p = await findPersonById(db, input.responsiblePersonId);
    if (!p?.active) throw badRequest('PERSON_NOT_FOUND', '责任人不存在或已停用');
    return { responsibleName: input.responsibleName || p.name, responsiblePhone: input.responsiblePhone || p.phone };
  }
  return { responsibleName: input.responsibleName, responsiblePhone: input.responsiblePhone };
}

function checkHandover(task: { deadline: string; importedHistory: boolean }, handoverDay: string) {
  const problems = handoverProblems(task, handoverDay);
  if (problems.length) throw badRequest('DEADLINE_BEFORE_HANDOVER', problems.join('；'), problems);
}

// The day a task was handed over, or (not yet handed over) the earliest day it can be: today.
async function handoverDay(db: Db, task: { id: number; status: TaskStatus }, today: string): Promise<string> {
  if (task.status === 'draft' || task.status === 'declined') return today;
  const assignment = (await sheetsOf(db, task.id)).filter((s) => s.kind === 'assignment').at(-1);
  return assignment ? dayOf(assignment.issuedAt) : today;
}

// An edit is held to the rule only when it moves the deadline: an overdue task stays editable in its other fields.
async function checkEditedDeadline(
  db: Db,
  before: { id: number; status: TaskStatus; deadline: string; importedHistory: boolean },
  deadline: string,
  today: string,
) {
  if (deadline === before.deadline) return;
  checkHandover({ deadline, importedHistory: before.importedHistory }, await handoverDay(db, before, today));
}

// Milestones and indicators sent with an id keep their row (and what was recorded on it); those left out are deleted.
export async function writeMilestones(tx: Db, taskId: number, milestones: TaskInput['milestones']) {
  const existingMs = await tx.select().from(taskMilestones).where(eq(taskMilestones.taskId, taskId));
  const keptMs = new Set(milestones.flatMap((m) => (m.id ? [m.id] : [])));
  for (const m of existingMs) if (!keptMs.has(m.id)) await tx.delete(taskMilestones).where(eq(taskMilestones.id, m.id));
  for (const [i, m] of milestones.entries()) {
    if (m.id && existingMs.some((e) => e.id === m.id)) {
      await tx.update(taskMilestones).set({ name: m.name, dueDate: m.dueDate, sortOrder: i }).where(eq(taskMilestones.id, m.id));
    } else {
      await tx.insert(taskMilestones).values({ taskId, name: m.name, dueDate: m.dueDate, sortOrder: i });
    }
  }
}

async function writeIndicators(tx: Db, taskId: number, indicators: TaskInput['indicators']) {
  const existingInd = await tx.select().from(taskIndicators).where(eq(taskIndicators.taskId, taskId));
  const keptInd = new Set(indicators.flatMap((m) => (m.id ? [m.id] : [])));
  for (const m of existingInd) if (!keptInd.has(m.id)) await tx.delete(taskIndicators).where(eq(taskIndicators.id, m.id));
  for (const [i, m] of indicators.entries()) {
    const values = { name: m.name, target: m.target, unitOfMeasure: m.unitOfMeasure, sortOrder: i };
    if (m.id && existingInd.some((e) => e.id === m.id)) await tx.update(taskIndicators).set(values).where(eq(taskIndicators.id, m.id));
    else await tx.insert(taskIndicators).values({ ...values, taskId });
  }
}

async function writeChildren(tx: Db, taskId: number, input: TaskInput, now: Date) {
  await writeParts(tx, taskId, input.cooperators, now);
  await writeMilestones(tx, taskId, input.milestones);
  await writeIndicators(tx, taskId, input.indicators);
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
  cooperators: '配合单位',
  milestones: '节点',
  indicators: '指标',
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
  checkHandover({ deadline: input.deadline, importedHistory: false }, todayOf(deps));
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
  await writeChildren(tx, row!.id, input, now);
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
  const responsible = await checkTaskInput(tx, input);
  checkHandover({ deadline: input.deadline, importedHistory: false }, todayOf(deps));
  const draft = await insertDraft(tx, deps, who, input, null, responsible);
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
  const { task: before, cooperators } = await loadVisibleTask(deps, who.actor, id);
  if (before.status === 'closed' || before.status === 'cancelled') throw conflict('TASK_FINISHED', `事项已${STATUS_LABELS[before.status]}，不能修改`);
  const responsible = await checkTaskInput(deps.db, input);
  await checkEditedDeadline(deps.db, before, input.deadline, todayOf(deps));
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(tasks)
      .set({ ...taskColumns(input, responsible), version: input.version + 1, updatedAt: deps.clock.now() })
      .where(and(eq(tasks.id, id), eq(tasks.version, input.version)))
      .returning();
    if (!after) throw staleTask();
    await writeChildren(tx, id, input, deps.clock.now());
    const changed = Object.keys(taskColumns(input, responsible)).filter(
      (k) => JSON.stringify(before[k as keyof typeof before]) !== JSON.stringify(after[k as keyof typeof after]),
    );
    const names = changed.map((k) => FIELD_LABELS[k] ?? k);
    await writeEvent(tx, deps, who, id, { kind: 'edited', note: names.length ? `修改了：${names.join('、')}` : '' });
    await recordAudit(tx, deps, who, {
      action: 'task.update',
      targetType: 'task',
      targetId: id,
      // The parts' terms before and after, so a changed part (what, by when, standard) shows in the audit.
      before: { ...before, cooperators: cooperators.map((c) => ({ unitId: c.unitId, part: c.part, dueDate: c.dueDate, standard: c.standard })) },
      after: { ...after, cooperators: input.cooperators, milestones: input.milestones },
    });
  });
}

export type TaskPatch = Partial<TaskInput> & { version: number };

const CHILD_KEYS = ['cooperators', 'milestones', 'indicators'] as const;

/**
 * Partial update (PATCH): the fields sent replace the task's, the rest stay as they are. The merged task passes the
 * same checks as a full update; cooperators, milestones and indicators are rewritten only when their key is sent.
 */
export async function patchTask(deps: Deps, who: Acting, id: number, patch: TaskPatch) {
  authorize(who.actor, 'task.manage');
  const { task: before, cooperators } = await loadVisibleTask(deps, who.actor, id);
  if (before.status === 'closed' || before.status === 'cancelled') throw conflict('TASK_FINISHED', `事项已${STATUS_LABELS[before.status]}，不能修改`);
  // The client's changes apply to the version it saw, never silently onto a newer one.
  if (before.version !== patch.version) throw staleTask();
  const [milestones, indicators] = await Promise.all([milestonesOf(deps.db, [id]), indicatorsOf(deps.db, id)]);
  const current: TaskInput = {
    title: before.title,
    description: before.description,
    source: before.source,
    categoryId: before.categoryId,
    level: before.level,
    leadLeaderId: before.leadLeaderId,
    leadUnitId: before.leadUnitId,
    cooperators: cooperators.map((c) => ({ unitId: c.unitId, part: c.part, dueDate: c.dueDate, standard: c.standard })),
    responsiblePersonId: before.responsiblePersonId,
    responsibleName: before.responsibleName,
    responsiblePhone: before.responsiblePhone,
    startDate: before.startDate,
    deadline: before.deadline,
    standard: before.standard,
    period: before.period,
    milestones: milestones.map((m) => ({ id: m.id, name: m.name, dueDate: m.dueDate })),
    indicators: indicators.map((i) => ({ id: i.id, name: i.name, target: i.target, unitOfMeasure: i.unitOfMeasure })),
    tags: before.tags,
    reportCadence: before.reportCadence,
    evidenceRequired: before.evidenceRequired,
  };
  const { version, ...fields } = patch;
  const sent = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<TaskInput>;
  const merged: TaskInput = { ...current, ...sent };
  // A newly chosen responsible person brings their own name and phone unless others are sent with them.
  if (sent.responsiblePersonId != null && sent.responsiblePersonId !== before.responsiblePersonId) {
    if (sent.responsibleName === undefined) merged.responsibleName = '';
    if (sent.responsiblePhone === undefined) merged.responsiblePhone = '';
  }
  const responsible = await checkTaskInput(deps.db, merged);
  await checkEditedDeadline(deps.db, before, merged.deadline, todayOf(deps));
  await deps.db.transaction(async (tx) => {
    const columns = taskColumns(merged, responsible);
    const [after] = await tx
      .update(tasks)
      .set({ ...columns, version: version + 1, updatedAt: deps.clock.now() })
      .where(and(eq(tasks.id, id), eq(tasks.version, version)))
      .returning();
    if (!after) throw staleTask();
    const changedColumns = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    const changedChildren = CHILD_KEYS.filter((k) => k in sent && JSON.stringify(current[k]) !== JSON.stringify(merged[k]));
    if (changedChildren.includes('cooperators')) await writeParts(tx, id, merged.cooperators, deps.clock.now());
    if (changedChildren.includes('milestones')) await writeMilestones(tx, id, merged.milestones);
    if (changedChildren.includes('indicators')) await writeIndicators(tx, id, merged.indicators);
    const names = [...new Set([...changedColumns, ...changedChildren].map((k) => FIELD_LABELS[k] ?? k))];
    await writeEvent(tx, deps, who, id, { kind: 'edited', note: names.length ? `修改了：${names.join('、')}` : '' });
    await recordAudit(tx, deps, who, {
      action: 'task.update',
      targetType: 'task',
      targetId: id,
      before: {
        ...Object.fromEntries(changedColumns.map((k) => [k, before[k]])),
        ...Object.fromEntries(changedChildren.map((k) => [k, current[k]])),
      },
      after: {
        ...Object.fromEntries(changedColumns.map((k) => [k, after[k]])),
        ...Object.fromEntries(changedChildren.map((k) => [k, merged[k]])),
      },
    });
  });
}
