// The periodic work each morning (sheets along the ladder, month-end roll-over), the units answering it (signing
// sheets, stating why a task was carried over), and interviews (约谈) of units that fell behind.
import { and, count, desc, eq, gte, inArray, lt, ne } from 'drizzle-orm';
import { addCalendarDays, dayOf, type Day, diffCalendarDays, isWorkingDay } from '../../calendar/rules.js';
import { decide, propose, record } from '../../modules/chasing/interviews.js';
import { periodicWork } from '../../modules/chasing/scanner.js';
import { signSheet } from '../../modules/chasing/service.js';
import { setCarryOverReason } from '../../modules/plans/rollover.js';
import { taskCarryOvers, tasks, taskSheets } from '../../modules/tasks/read.js';
import { findTask } from '../../modules/tasks/store.js';
import { CARRY_REASONS } from './content.js';
import { follow } from './tasks.js';
import type { Sim } from './world.js';

// Every morning at 08:30 the scanner runs, as the server's would; then the units answer what it sent them.
export function scheduleMornings(sim: Sim, from: Day, to: Day) {
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) {
    // The office's morning run on working days: sheets carry working-day dates, and a month's roll-over waits for it.
    if (!isWorkingDay(sim.cal, day).working) continue;
    sim.at(sim.time(day, 8, 30), async () => {
      const since = new Date(sim.now());
      await periodicWork(sim.deps);
      await answerSheets(sim, since, day);
      await answerCarryOvers(sim, since, day);
    });
  }
}

async function answerSheets(sim: Sim, since: Date, day: Day) {
  const r = sim.random;
  const issued = await sim.deps.db
    .select({ id: taskSheets.id, unitId: taskSheets.unitId })
    .from(taskSheets)
    .where(and(gte(taskSheets.issuedAt, since), ne(taskSheets.kind, 'assignment')))
    .orderBy(taskSheets.id);
  for (const sheet of issued) {
    const unit = sim.cast.units.find((u) => u.id === sheet.unitId);
    // Most sheets are signed within two working days; some still wait on the unit's desk.
    if (!unit || r.chance(0.12)) continue;
    sim.at(sim.officeTime(day, r.int(0, 2)), () => signSheet(sim.deps, unit.liaison, sheet.id));
  }
}

async function answerCarryOvers(sim: Sim, since: Date, day: Day) {
  const r = sim.random;
  const carried = await sim.deps.db
    .select({ taskId: taskCarryOvers.taskId, unitId: tasks.leadUnitId })
    .from(taskCarryOvers)
    .innerJoin(tasks, eq(tasks.id, taskCarryOvers.taskId))
    .where(and(gte(taskCarryOvers.createdAt, since), eq(taskCarryOvers.reason, '')))
    .orderBy(taskCarryOvers.id);
  for (const c of carried) {
    const unit = sim.cast.units.find((u) => u.id === c.unitId);
    // Units state their reasons within days; only lately carried tasks may still lack one today.
    if (!unit || (diffCalendarDays(day, dayOf(new Date(sim.end))) < 10 && r.chance(0.4))) continue;
    sim.at(
      sim.officeTime(
        day,
        r.weighted([
          [0, 5],
          [1, 3],
          [4, 1],
        ] as const),
      ),
      async () => {
        // A task closed meanwhile needs no reason.
        const task = await findTask(sim.deps.db, c.taskId);
        if (task?.status === 'closed' || task?.status === 'cancelled') return;
        await setCarryOverReason(sim.deps, unit.liaison, c.taskId, r.pick(CARRY_REASONS));
      },
    );
  }
}

const OPEN = ['assigned', 'signed', 'in_progress', 'returned'] as const;

// On the given days the office looks for the unit with the most overdue tasks and proposes an interview of its head.
export function scheduleInterviews(sim: Sim, days: Day[]) {
  const interviewed = new Set<number>();
  for (const day of days) {
    sim.at(sim.officeTime(day, 0), async () => {
      const r = sim.random;
      const today = dayOf(new Date(sim.now()));
      const unitIds = sim.cast.units.map((u) => u.id);
      const [worst] = await sim.deps.db
        .select({ unitId: tasks.leadUnitId, n: count() })
        .from(tasks)
        .where(and(inArray(tasks.status, [...OPEN]), lt(tasks.deadline, today), inArray(tasks.leadUnitId, unitIds)))
        .groupBy(tasks.leadUnitId)
        .orderBy(desc(count()), tasks.leadUnitId)
        .limit(1);
      if (!worst) return;
      const unit = sim.cast.units.find((u) => u.id === worst.unitId)!;
      const slow = await sim.deps.db
        .select({ id: tasks.id })
        .from(tasks)
        .where(and(eq(tasks.leadUnitId, unit.id), inArray(tasks.status, [...OPEN]), lt(tasks.deadline, today)))
        .orderBy(tasks.deadline)
        .limit(3);
      const again = interviewed.has(unit.id);
      interviewed.add(unit.id);
      const interview = await propose(sim.deps, sim.cast.office, {
        unitId: unit.id,
        reason: `${unit.name}有 ${worst.n} 项事项逾期未完成，经督办仍进展缓慢`,
        taskIds: slow.map((s) => s.id),
        level: again ? 'main_leader' : 'organisation_head',
      });
      const leader = (again ? sim.cast.leaders.get('L02') : sim.cast.leaders.get(unit.leaderKey))?.who ?? sim.cast.leaders.get('L02')!.who!;
      sim.at(sim.officeTime(today, r.int(1, 2)), async () => {
        const approve = r.chance(0.85);
        await decide(sim.deps, leader, interview.id, approve ? 'approve' : 'reject', approve ? '同意约谈' : '先由督查室下发整改通知，暂不约谈');
        if (!approve) return;
        const decidedOn = dayOf(new Date(sim.now()));
        sim.at(sim.officeTime(decidedOn, r.int(2, 5)), async () => {
          const heldOn = dayOf(new Date(sim.now()));
          const held = await record(sim.deps, sim.cast.office, interview.id, {
            heldOn,
            interviewer: again ? '县委副书记、县长' : '县委常委、县委办公室主任',
            findings: '单位主要负责人作了表态发言，承认工作推进不力，承诺限期整改到位。',
            commitments: [
              { content: `${unit.name}限期完成逾期事项整改并报送整改报告`, dueDate: addCalendarDays(heldOn, r.int(20, 35)) },
              { content: `${unit.name}建立周调度机制，主要负责人每周专题研究一次`, dueDate: addCalendarDays(heldOn, r.int(10, 20)) },
            ],
          });
          for (const c of held.commitments) if (c.taskId !== null) follow(sim, c.taskId, unit, c.dueDate, r.chance(0.8) ? 'prompt' : 'slow');
        });
      });
    });
  }
}
