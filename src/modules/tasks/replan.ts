// A monthly plan that takes up a carried task (挂单) gives it the plan's deadline, milestones and standard, inside
// the plan's own issuing transaction.
import { and, asc, eq } from 'drizzle-orm';
import type { Deps } from '../../context.js';
import type { Db } from '../../db/client.js';
import { chineseDay } from '../../format.js';
import { recordAudit } from '../audit/service.js';
import { type Acting, staleTask, taskNotFound } from './access.js';
import { writeMilestones } from './editing.js';
import type { TaskStatus } from './rules.js';
import { taskMilestones, tasks } from './schema.js';
import { writeEvent } from './timeline.js';

export interface PlanTerms {
  deadline: string;
  milestones: { name: string; dueDate: string }[];
  standard: string;
  planTitle: string;
  documentNumber: string;
}

export type ReplanOutcome =
  | { applied: true; before: { deadline: string; standard: string }; after: { deadline: string; standard: string } }
  | { applied: false; status: TaskStatus; closedOn: string | null };

/**
 * Applies an issued plan's terms to a carried task. A task that closed or was cancelled meanwhile is left as it is
 * (the caller leaves it out of the plan). Milestones already done stay done; the plan's milestones replace the open
 * ones, keeping the row of an open milestone with the same name.
 */
export async function applyPlanToTask(tx: Db, deps: Deps, who: Acting, taskId: number, terms: PlanTerms): Promise<ReplanOutcome> {
  // The row lock orders this against a closing decided at the same moment: either that lands first and the task is
  // left out, or it waits for the plan.
  const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for('no key update');
  if (!task) throw taskNotFound();
  if (task.status === 'closed' || task.status === 'cancelled') return { applied: false, status: task.status, closedOn: task.closedOn };
  const existing = await tx
    .select()
    .from(taskMilestones)
    .where(eq(taskMilestones.taskId, taskId))
    .orderBy(asc(taskMilestones.sortOrder), asc(taskMilestones.id));
  const done = existing.filter((m) => m.doneDate !== null);
  const open = existing.filter((m) => m.doneDate === null);
  const planned = terms.milestones.map((m) => {
    const i = open.findIndex((o) => o.name === m.name);
    const id = i >= 0 ? open.splice(i, 1)[0]!.id : undefined;
    return { id, name: m.name, dueDate: m.dueDate };
  });
  const milestones = [...done.map((m) => ({ id: m.id, name: m.name, dueDate: m.dueDate })), ...planned];
  await writeMilestones(tx, taskId, milestones);
  const now = deps.clock.now();
  const [after] = await tx
    .update(tasks)
    .set({ deadline: terms.deadline, standard: terms.standard, version: task.version + 1, updatedAt: now })
    .where(and(eq(tasks.id, taskId), eq(tasks.version, task.version)))
    .returning();
  if (!after) throw staleTask();
  const deadline =
    task.deadline === terms.deadline
      ? `完成时限仍为${chineseDay(terms.deadline)}`
      : `完成时限由${chineseDay(task.deadline)}调整为${chineseDay(terms.deadline)}`;
  await writeEvent(tx, deps, who, taskId, {
    kind: 'replanned',
    note: `挂单事项列入《${terms.planTitle}》（${terms.documentNumber}）：${deadline}，节点和工作标准按计划执行`,
  });
  const before = { deadline: task.deadline, standard: task.standard };
  const changed = { deadline: after.deadline, standard: after.standard };
  await recordAudit(tx, deps, who, {
    action: 'task.replan',
    targetType: 'task',
    targetId: taskId,
    before: { ...before, milestones: existing.map((m) => ({ id: m.id, name: m.name, dueDate: m.dueDate, doneDate: m.doneDate })) },
    after: { ...changed, milestones, plan: terms.planTitle, documentNumber: terms.documentNumber },
  });
  return { applied: true, before, after: changed };
}
