// Cooperating units' parts (配合分工) in the demo county: each cooperating unit signs for its part, reports on it,
// mostly on time, sometimes late; the lead unit confirms or, now and then, returns the report. Before the lead files
// for closing it settles what is left (confirms a report, or explains the part), as the closing rule requires.
import { addCalendarDays, dayOf, diffCalendarDays, type Day } from '../../calendar/rules.js';
import { movePart, partsOf } from '../../modules/tasks/service.js';
import { findTask } from '../../modules/tasks/store.js';
import type { PartAction } from '../../modules/tasks/part-rules.js';
import type { Sim, UnitCast } from './world.js';

const PARTS = ['提供政策和资金支持', '负责用地手续办理', '做好项目审批服务', '配合开展现场核查', '负责相关数据统计报送', '协调供水供电接入'];
const PART_REPORTS = ['分工任务已完成，相关材料已报牵头单位', '已按要求办结，附办理情况说明', '已完成现场核查并形成报告'];
const WORKING = ['assigned', 'signed', 'in_progress', 'returned'];

// The terms of each cooperating unit's part as the office writes them into a new task.
export function partTerms(sim: Sim, cooperators: UnitCast[], start: Day, deadline: Day) {
  const span = diffCalendarDays(start, deadline);
  return cooperators.map((c) => ({
    unitId: c.id,
    part: sim.random.pick(PARTS),
    dueDate: span >= 10 ? addCalendarDays(deadline, -sim.random.int(3, Math.min(10, span - 3))) : null,
    standard: '',
  }));
}

async function part(sim: Sim, taskId: number, unitId: number) {
  const [task, parts] = await Promise.all([findTask(sim.deps.db, taskId), partsOf(sim.deps.db, [taskId])]);
  const found = parts.find((p) => p.unitId === unitId);
  return task && found && WORKING.includes(task.status) ? { task, part: found } : undefined;
}

async function act(
  sim: Sim,
  who: UnitCast,
  taskId: number,
  unitId: number,
  action: PartAction,
  from: string[],
  extra: { reason?: string; text?: string } = {},
) {
  const found = await part(sim, taskId, unitId);
  if (!found || !from.includes(found.part.status)) return false;
  await movePart(sim.deps, who.liaison, taskId, unitId, action, { version: found.part.version, ...extra });
  return true;
}

// Schedules the cooperating units' threads of a task just handed over to `lead`.
export function followParts(sim: Sim, taskId: number, lead: UnitCast, cooperators: UnitCast[], deadline: Day, slow: boolean) {
  const r = sim.random;
  const today = dayOf(new Date(sim.now()));
  cooperators.forEach((unit, i) => {
    sim.at(sim.now() + r.int(40, 400) * 60_000, async () => {
      if (!(await act(sim, unit, taskId, unit.id, 'sign', ['assigned']))) return;
      const found = await part(sim, taskId, unit.id);
      const due = found?.part.dueDate ?? deadline;
      // On a slow task the first cooperating unit reports after its day: the task's light blames its part meanwhile.
      const late = slow && i === 0;
      const on = late ? addCalendarDays(due, r.int(2, 6)) : addCalendarDays(due, -r.int(0, 3));
      const reportOn = on > today ? on : addCalendarDays(today, 1);
      sim.at(sim.officeTime(reportOn, 0), () => report(sim, taskId, lead, unit));
    });
  });
}

async function report(sim: Sim, taskId: number, lead: UnitCast, unit: UnitCast) {
  const r = sim.random;
  if (!(await act(sim, unit, taskId, unit.id, 'report', ['signed', 'returned'], { text: r.pick(PART_REPORTS) }))) return;
  sim.at(sim.officeTime(dayOf(new Date(sim.now())), r.int(0, 1)), async () => {
    const found = await part(sim, taskId, unit.id);
    if (found?.part.status !== 'reported') return;
    // One report in eight goes back for more.
    if (found.part.reportedAt && r.chance(0.12) && (await act(sim, lead, taskId, unit.id, 'return', ['reported'], { reason: '佐证材料不全，请补充' }))) {
      sim.at(sim.officeTime(dayOf(new Date(sim.now())), r.int(1, 3)), () => report(sim, taskId, lead, unit));
      return;
    }
    await act(sim, lead, taskId, unit.id, 'confirm', ['reported']);
  });
}

// Before filing for closing the lead unit confirms the reports waiting and explains the parts still owed.
export async function settleParts(sim: Sim, taskId: number, lead: UnitCast) {
  for (const p of await partsOf(sim.deps.db, [taskId])) {
    if (p.status === 'reported') await act(sim, lead, taskId, p.unitId, 'confirm', ['reported']);
    else if (['assigned', 'signed', 'returned'].includes(p.status)) {
      await act(sim, lead, taskId, p.unitId, 'explain', ['assigned', 'signed', 'returned'], { reason: '该项工作已由牵头单位统筹完成' });
    }
  }
}
