// Cooperating units' parts (配合分工): each cooperating unit's own thread on a task. The lead unit or the office sets
// a part (what, by when, standard); the cooperating unit signs for it and reports on it with evidence; the lead unit
// confirms or returns the report, or explains the part away. The rules are in part-rules.ts.
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict, forbidden, notFound } from '../../errors.js';
import { can } from '../../permissions.js';
import { recordAudit } from '../audit/service.js';
import { notify, unitAccounts } from '../notify/service.js';
import { activeUnitIds, units } from '../org/read.js';
import type { Scope } from '../../permissions.js';
import {
  checkPartTransition,
  closingBlocker,
  lateParts,
  PART_ACTION_LABELS,
  PART_ACTIONS,
  PART_TRANSITIONS,
  PART_WORKING_TASK_STATUSES,
  partColour,
  partDueDay,
  partProblems,
  partsDue,
  type PartAction,
  type PartStatus,
} from './part-rules.js';
import { attachments, taskCooperators, taskPartReports, tasks } from './schema.js';
import { type Acting, loadVisibleTask, respondsFor, respondsOrCadre, staleTask, todayOf } from './access.js';
import type { TaskRow } from './read.js';
import { writeEvent } from './timeline.js';

export interface PartInput {
  unitId: number;
  part: string;
  dueDate?: string | null;
  standard?: string;
}

const partNotFound = () => notFound('PART_NOT_FOUND', '该配合单位的分工不存在');

function partsOf(db: Db, taskIds: number[]) {
  if (!taskIds.length) return Promise.resolve([]);
  return db
    .select({ cooperator: taskCooperators, unitName: units.name })
    .from(taskCooperators)
    .innerJoin(units, eq(units.id, taskCooperators.unitId))
    .where(inArray(taskCooperators.taskId, taskIds))
    .orderBy(asc(units.sortOrder), asc(units.id))
    .then((rows) => rows.map((r) => ({ ...r.cooperator, unitName: r.unitName })));
}
export type PartRow = Awaited<ReturnType<typeof partsOf>>[number];
export { partsOf };

// Checks a task's parts as sent with the task (creation or edit): active units and sensible dates.
export async function checkParts(db: Db, parts: PartInput[], task: { startDate: string; deadline: string }) {
  if (!parts.length) return;
  const names = new Map(
    (
      await db
        .select({ id: units.id, name: units.name })
        .from(units)
        .where(
          inArray(
            units.id,
            parts.map((p) => p.unitId),
          ),
        )
    ).map((u) => [u.id, u.name]),
  );
  const problems = parts.flatMap((p) =>
    partProblems({ unitName: names.get(p.unitId) ?? '配合单位', part: p.part || '配合', dueDate: p.dueDate ?? null, standard: p.standard ?? '' }, task),
  );
  if (problems.length) throw badRequest('BAD_PART', problems.join('；'), problems);
}

/**
 * Writes a task's parts as sent with the task, in the caller's transaction: a part whose terms are unchanged keeps its
 * thread; a changed one is handed over afresh (to be signed again); a unit left out loses its part (its reports stay).
 * A due day or standard not sent keeps the part's own. Then the task's parts_due.
 */
export async function writeParts(tx: Db, taskId: number, parts: PartInput[], now: Date) {
  const existing = await tx.select().from(taskCooperators).where(eq(taskCooperators.taskId, taskId));
  const kept = new Set(parts.map((p) => p.unitId));
  for (const e of existing)
    if (!kept.has(e.unitId)) await tx.delete(taskCooperators).where(and(eq(taskCooperators.taskId, taskId), eq(taskCooperators.unitId, e.unitId)));
  for (const p of parts) {
    const before = existing.find((e) => e.unitId === p.unitId);
    const terms = { part: p.part, dueDate: p.dueDate === undefined ? (before?.dueDate ?? null) : p.dueDate, standard: p.standard ?? before?.standard ?? '' };
    if (before && before.part === terms.part && before.dueDate === terms.dueDate && before.standard === terms.standard) continue;
    if (before) {
      await tx
        .update(taskCooperators)
        .set({ ...terms, status: 'assigned', setAt: now, signedAt: null, version: before.version + 1 })
        .where(and(eq(taskCooperators.taskId, taskId), eq(taskCooperators.unitId, p.unitId)));
    } else {
      await tx.insert(taskCooperators).values({ taskId, unitId: p.unitId, ...terms, setAt: now });
    }
  }
  await refreshPartsDue(tx, taskId);
}

// tasks.parts_due from the task's parts, in the caller's transaction (which holds the task's row).
async function refreshPartsDue(tx: Db, taskId: number) {
  const parts = await tx
    .select({ status: taskCooperators.status, dueDate: taskCooperators.dueDate })
    .from(taskCooperators)
    .where(eq(taskCooperators.taskId, taskId));
  await tx
    .update(tasks)
    .set({ partsDue: partsDue(parts) })
    .where(eq(tasks.id, taskId));
}

// The lead unit (its own people) or the office acts for the task on its parts.
const leadsTask = (actor: Actor, scope: Scope, task: TaskRow) => can(actor, 'task.manage') || respondsFor(actor, scope, task.leadUnitId);
// The cooperating unit's own people sign for and report on its part.
const actsForPart = (actor: Actor, scope: Scope, unitId: number, action: PartAction) =>
  action === 'sign' ? respondsFor(actor, scope, unitId) : can(actor, 'task.report') && respondsOrCadre(actor, scope, unitId);

function allowedActions(actor: Actor, scope: Scope, task: TaskRow, part: { unitId: number; status: PartStatus }): PartAction[] {
  return PART_ACTIONS.filter((action) => {
    if (!checkPartTransition(action, part.status, task.status, 'x').ok) return false;
    return PART_TRANSITIONS[action].by === 'lead' ? leadsTask(actor, scope, task) : actsForPart(actor, scope, part.unitId, action);
  });
}

// ---- Setting a part later (lead unit or office)

export async function setPart(deps: Deps, who: Acting, taskId: number, input: PartInput) {
  const { task, scope } = await loadVisibleTask(deps, who.actor, taskId);
  if (!leadsTask(who.actor, scope, task)) throw forbidden('只有牵头单位或督查室可以安排配合分工');
  if (input.unitId === task.leadUnitId) throw badRequest('BAD_PART', '配合单位不能与牵头单位相同');
  if (!(await activeUnitIds(deps.db, [input.unitId])).length) throw badRequest('UNIT_NOT_FOUND', '配合单位不存在或已停用');
  if (!input.part.trim()) throw badRequest('BAD_PART', '请写明该配合单位承担的分工');
  await checkParts(deps.db, [input], task);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const locked = await lockTask(tx, taskId);
    if (['closed', 'cancelled', 'closing_requested'].includes(locked.status))
      throw conflict('ILLEGAL_TRANSITION', '事项已申请销号或已办结，不能再安排配合分工');
    const parts = await tx.select().from(taskCooperators).where(eq(taskCooperators.taskId, taskId));
    const before = parts.find((p) => p.unitId === input.unitId);
    const others = parts.filter((p) => p.unitId !== input.unitId).map((p) => ({ unitId: p.unitId, part: p.part, dueDate: p.dueDate, standard: p.standard }));
    await writeParts(tx, taskId, [...others, input], now);
    await tx
      .update(tasks)
      .set({ version: locked.version + 1, updatedAt: now })
      .where(eq(tasks.id, taskId));
    const [unit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, input.unitId));
    await writeEvent(tx, deps, who, taskId, { kind: 'part.set', note: `${unit!.name}：${input.part}${input.dueDate ? `（${input.dueDate} 前）` : ''}` });
    await recordAudit(tx, deps, who, { action: 'task.part.set', targetType: 'task', targetId: taskId, before: before ?? null, after: input });
    if (!PART_WORKING_TASK_STATUSES.includes(task.status)) return;
    await notify(tx, now, await unitAccounts(tx, [input.unitId], ['unit_head', 'unit_liaison']), {
      kind: 'part.set',
      title: '配合分工待签收',
      body: `事项“${task.title}”请${unit!.name}配合：${input.part}${input.dueDate ? `，${input.dueDate} 前完成` : ''}。请及时签收。`,
      link: `/tasks/${taskId}`,
    });
  });
}

async function lockTask(tx: Db, taskId: number) {
  const [row] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for('update');
  return row!;
}

// ---- Moves on a part

export interface PartMoveInput {
  version: number;
  reason?: string;
  text?: string;
  attachmentIds?: number[];
}

export async function movePart(deps: Deps, who: Acting, taskId: number, unitId: number, action: PartAction, input: PartMoveInput) {
  const { task, scope, cooperators } = await loadVisibleTask(deps, who.actor, taskId);
  if (!cooperators.some((c) => c.unitId === unitId)) throw partNotFound();
  const by = PART_TRANSITIONS[action].by;
  if (by === 'lead' ? !leadsTask(who.actor, scope, task) : !actsForPart(who.actor, scope, unitId, action)) {
    throw forbidden(by === 'lead' ? '只有牵头单位或督查室可以确认、退回或说明配合分工' : '只有该配合单位可以签收或报告本单位的分工');
  }
  const reason = (action === 'report' ? input.text : input.reason) ?? '';
  const attachmentIds = action === 'report' ? (input.attachmentIds ?? []) : [];
  const now = deps.clock.now();
  const today = todayOf(deps);
  return deps.db.transaction(async (tx) => {
    const locked = await lockTask(tx, taskId);
    const [part] = await tx
      .select()
      .from(taskCooperators)
      .where(and(eq(taskCooperators.taskId, taskId), eq(taskCooperators.unitId, unitId)));
    if (!part) throw partNotFound();
    if (part.version !== input.version) throw conflict('STALE_VERSION', '该分工已被他人修改，请刷新后重试');
    const check = checkPartTransition(action, part.status, locked.status, reason);
    if (!check.ok) throw conflict('ILLEGAL_TRANSITION', check.message);
    const set: Partial<typeof taskCooperators.$inferInsert> = { status: check.to, version: part.version + 1 };
    if (action === 'sign') set.signedAt = now;
    if (action === 'report') set.reportedAt = now;
    if (action === 'return' || action === 'explain') set.note = reason;
    if (action === 'confirm') set.note = '';
    const [after] = await tx
      .update(taskCooperators)
      .set(set)
      .where(and(eq(taskCooperators.taskId, taskId), eq(taskCooperators.unitId, unitId), eq(taskCooperators.version, part.version)))
      .returning();
    if (!after) throw staleTask();
    if (action === 'report') await saveReport(tx, who, part, reason, attachmentIds, now, partDueDay(part, locked.deadline) < today);
    if (action === 'confirm' || action === 'return') await decideReport(tx, who, taskId, unitId, action, input.reason ?? '', now);
    await refreshPartsDue(tx, taskId);
    // The task's version moves with its parts: its colour and its chasing (the scanner's mark) depend on them.
    await tx
      .update(tasks)
      .set({ version: locked.version + 1, updatedAt: now })
      .where(eq(tasks.id, taskId));
    const [unit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, unitId));
    await writeEvent(tx, deps, who, taskId, {
      kind: `part.${action}`,
      note: `${unit!.name}：${PART_ACTION_LABELS[action]}${reason ? `，${reason.slice(0, 200)}` : ''}`,
    });
    await recordAudit(tx, deps, who, {
      action: `task.part.${action}`,
      targetType: 'task',
      targetId: taskId,
      before: { unitId, status: part.status },
      after: { unitId, status: check.to, ...(reason ? { reason } : {}), ...(attachmentIds.length ? { attachmentIds } : {}) },
    });
    await notifyPartMove(tx, deps, locked, unit!.name, unitId, action, reason);
    return { status: check.to, version: after.version };
  });
}

async function saveReport(tx: Db, who: Acting, part: typeof taskCooperators.$inferSelect, text: string, attachmentIds: number[], now: Date, late: boolean) {
  const [report] = await tx
    .insert(taskPartReports)
    .values({ taskId: part.taskId, unitId: part.unitId, reportedBy: who.actor.accountId, reportedAt: now, text, late })
    .returning({ id: taskPartReports.id });
  if (!attachmentIds.length) return;
  const linked = await tx
    .update(attachments)
    .set({ partReportId: report!.id })
    .where(
      and(
        inArray(attachments.id, attachmentIds),
        eq(attachments.taskId, part.taskId),
        eq(attachments.uploadedBy, who.actor.accountId),
        isNull(attachments.reportId),
        isNull(attachments.partReportId),
      ),
    )
    .returning({ id: attachments.id });
  if (linked.length !== new Set(attachmentIds).size) throw badRequest('ATTACHMENT_NOT_FOUND', '附件不存在或已被使用');
}

async function decideReport(tx: Db, who: Acting, taskId: number, unitId: number, action: 'confirm' | 'return', note: string, now: Date) {
  const [latest] = await tx
    .select({ id: taskPartReports.id })
    .from(taskPartReports)
    .where(and(eq(taskPartReports.taskId, taskId), eq(taskPartReports.unitId, unitId), isNull(taskPartReports.decision)))
    .orderBy(desc(taskPartReports.reportedAt), desc(taskPartReports.id))
    .limit(1);
  if (!latest) return;
  await tx
    .update(taskPartReports)
    .set({ decision: action === 'confirm' ? 'confirmed' : 'returned', decisionNote: note, decidedBy: who.actor.accountId, decidedAt: now })
    .where(eq(taskPartReports.id, latest.id));
}

// The cooperating unit hears of the lead's decisions; the lead unit hears of a part signed or reported.
async function notifyPartMove(tx: Db, deps: Deps, task: TaskRow, unitName: string, unitId: number, action: PartAction, reason: string) {
  const toLead = PART_TRANSITIONS[action].by === 'cooperator';
  const recipients = await unitAccounts(tx, [toLead ? task.leadUnitId : unitId], ['unit_head', 'unit_liaison']);
  const body = toLead
    ? `${unitName}已${PART_ACTION_LABELS[action]}（事项“${task.title}”）${action === 'report' ? '，请确认或退回' : ''}。`
    : `事项“${task.title}”中贵单位的配合分工：牵头单位${PART_ACTION_LABELS[action]}${reason ? `，${reason}` : ''}。`;
  await notify(tx, deps.clock.now(), recipients, { kind: `part.${action}`, title: `配合分工：${PART_ACTION_LABELS[action]}`, body, link: `/tasks/${task.id}` });
}

// ---- Reads

// A task's parts for its page: each part's thread, colour and the actions open to the actor; and the late ones.
export async function partsView(db: Db, actor: Actor, scope: Scope, task: TaskRow, today: string) {
  const parts = await partsOf(db, [task.id]);
  const reports = parts.length
    ? await db.select().from(taskPartReports).where(eq(taskPartReports.taskId, task.id)).orderBy(asc(taskPartReports.reportedAt), asc(taskPartReports.id))
    : [];
  const late = new Set(lateParts(parts, task.deadline, today).map((p) => p.unitId));
  return parts.map((p) => ({
    unitId: p.unitId,
    unitName: p.unitName,
    part: p.part,
    dueDate: p.dueDate,
    standard: p.standard,
    status: p.status,
    signedAt: p.signedAt?.toISOString() ?? null,
    reportedAt: p.reportedAt?.toISOString() ?? null,
    note: p.note,
    version: p.version,
    colour: partColour(p, task, today),
    late: late.has(p.unitId),
    actions: allowedActions(actor, scope, task, p),
    reports: reports
      .filter((r) => r.unitId === p.unitId)
      .map((r) => ({
        id: r.id,
        text: r.text,
        reportedAt: r.reportedAt.toISOString(),
        late: r.late,
        decision: r.decision,
        decisionNote: r.decisionNote,
      })),
  }));
}

// The refusal of a closing request while a part is neither done nor explained (closing module, before filing).
export async function partsClosingBlocker(db: Db, taskId: number): Promise<string | null> {
  return closingBlocker(await partsOf(db, [taskId]));
}

// Whether the actor's unit holds a part it may report on now (to upload evidence for it).
export async function reportsOnPart(db: Db, actor: Actor, scope: Scope, taskId: number) {
  const parts = await partsOf(db, [taskId]);
  return parts.some((p) => PART_TRANSITIONS.report.from.includes(p.status) && actsForPart(actor, scope, p.unitId, 'report'));
}
