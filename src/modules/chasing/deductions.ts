// Score deductions (扣分) made by the months-overdue ladder, as the task page and the unit's page show them.
// The tasks module and the web read them only through these functions; the table stays the chasing module's.
import { desc, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.js';
import type { Db } from '../../db/client.js';
import { notFound } from '../../errors.js';
import { authorize, inScope } from '../../permissions.js';
import { units } from '../org/read.js';
import { loadScope } from '../org/scope.js';
import { tasks, taskSheets } from '../tasks/read.js';
import { loadVisibleTask } from '../tasks/service.js';
import { scoreDeductions } from './schema.js';

function selectDeductions(db: Db) {
  return db
    .select({
      id: scoreDeductions.id,
      taskId: scoreDeductions.taskId,
      taskTitle: tasks.title,
      unitId: scoreDeductions.unitId,
      unitName: units.name,
      sheetId: scoreDeductions.sheetId,
      sheetNumber: taskSheets.number,
      period: scoreDeductions.period,
      points: scoreDeductions.points,
      reason: scoreDeductions.reason,
      createdAt: scoreDeductions.createdAt,
    })
    .from(scoreDeductions)
    .innerJoin(tasks, eq(tasks.id, scoreDeductions.taskId))
    .innerJoin(units, eq(units.id, scoreDeductions.unitId))
    .innerJoin(taskSheets, eq(taskSheets.id, scoreDeductions.sheetId));
}

type DeductionRow = Awaited<ReturnType<typeof selectDeductions>>[number];

const present = (r: DeductionRow) => ({ ...r, createdAt: r.createdAt.toISOString() });

// Points are numeric(…) and may carry halves; summed to two decimals so 0.1 + 0.2 reads 0.3.
const sum = (rows: { points: number }[]) => Math.round(rows.reduce((s, r) => s + r.points, 0) * 100) / 100;

/** The deductions a task brought on its lead unit, for whoever may see the task. */
export async function taskDeductions(deps: Deps, actor: Actor, taskId: number) {
  await loadVisibleTask(deps, actor, taskId);
  const rows = await selectDeductions(deps.db).where(eq(scoreDeductions.taskId, taskId)).orderBy(desc(scoreDeductions.createdAt), desc(scoreDeductions.id));
  return { items: rows.map(present), total: sum(rows) };
}

/** A unit's deductions, newest first, with the total of each month and of all; for whoever sees the unit's tasks. */
export async function unitDeductions(deps: Deps, actor: Actor, unitId: number, q: { year?: number }) {
  authorize(actor, 'task.read');
  const scope = await loadScope(deps.db, actor);
  const [unit] = await deps.db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, unitId));
  if (!unit || !inScope(scope, unitId)) throw notFound('UNIT_NOT_FOUND', '单位不存在');
  const rows = (
    await selectDeductions(deps.db)
      .where(eq(scoreDeductions.unitId, unitId))
      .orderBy(desc(scoreDeductions.period), desc(scoreDeductions.createdAt), desc(scoreDeductions.id))
  ).filter((r) => q.year === undefined || r.period.startsWith(`${q.year}-`));
  const periods = [...new Set(rows.map((r) => r.period))];
  const months = periods.map((period) => {
    const own = rows.filter((r) => r.period === period);
    return { period, count: own.length, points: sum(own) };
  });
  return { unitId, unitName: unit.name, items: rows.map(present), months, total: sum(rows) };
}

/** Every deduction booked for `period`, for the monthly review's scores (read by the system, not per actor). */
export function monthDeductions(db: Db, period: string) {
  return db
    .select({
      taskId: scoreDeductions.taskId,
      sheetId: scoreDeductions.sheetId,
      unitId: scoreDeductions.unitId,
      points: scoreDeductions.points,
      reason: scoreDeductions.reason,
      createdAt: scoreDeductions.createdAt,
    })
    .from(scoreDeductions)
    .where(eq(scoreDeductions.period, period))
    .orderBy(scoreDeductions.id);
}
