// Progress reports (进度反馈) by the responsible unit.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { dayOf } from '../../calendar/rules.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Deps } from '../../context.js';
import { badRequest, conflict, forbidden } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from '../../permissions.js';
import { REPORTING_STATUSES, STATUS_LABELS, type TaskStatus } from './rules.js';
import { attachments, taskIndicators, taskMilestones, taskReports, tasks } from './schema.js';
import * as store from './store.js';
import { type Acting, loadVisibleTask, respondsOrCadre } from './access.js';
import type { TaskRow } from './read.js';
import { writeEvent } from './timeline.js';

export interface ReportInput {
  text: string;
  percent?: number;
  problems: string;
  coordination: string;
  indicatorActuals: { indicatorId: number; actual: number }[];
  milestonesDone: { milestoneId: number; doneDate: string; evidence: string }[];
  attachmentIds: number[];
  clientKey?: string;
}

async function reportByClientKey(db: Db, accountId: number, clientKey: string | undefined) {
  if (!clientKey) return undefined;
  const [row] = await db
    .select({ id: taskReports.id, taskId: taskReports.taskId })
    .from(taskReports)
    .where(and(eq(taskReports.reportedBy, accountId), eq(taskReports.clientKey, clientKey)));
  return row;
}

// A report sent again with the key of one already saved (a phone retrying after a lost answer) is not saved twice.
function alreadySaved(row: { id: number; taskId: number }, taskId: number) {
  if (row.taskId !== taskId) throw conflict('REPORT_KEY_REUSED', '该离线反馈的标识已用于另一事项');
  return row.id;
}

export async function addReport(deps: Deps, who: Acting, taskId: number, input: ReportInput): Promise<number> {
  const { task, scope } = await loadVisibleTask(deps, who.actor, taskId);
  const saved = await reportByClientKey(deps.db, who.actor.accountId, input.clientKey);
  if (saved) return alreadySaved(saved, taskId);
  authorize(who.actor, 'task.report');
  if (!respondsOrCadre(who.actor, scope, task.leadUnitId)) throw forbidden('只有牵头单位可以反馈进度');
  if (!REPORTING_STATUSES.includes(task.status)) throw conflict('ILLEGAL_TRANSITION', `事项当前为“${STATUS_LABELS[task.status]}”，不能反馈进度`);
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
    if (!f || f.reportId !== null || f.partReportId !== null || f.uploadedBy !== who.actor.accountId)
      throw badRequest('ATTACHMENT_NOT_FOUND', '附件不存在或已被使用');
  }
  const now = deps.clock.now();
  try {
    return await saveReport(deps, who, task, input, now);
  } catch (err) {
    const saved = isUniqueViolation(err) ? await reportByClientKey(deps.db, who.actor.accountId, input.clientKey) : undefined;
    if (saved) return alreadySaved(saved, taskId);
    throw err;
  }
}

async function saveReport(deps: Deps, who: Acting, task: TaskRow, input: ReportInput, now: Date) {
  const taskId = task.id;
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
