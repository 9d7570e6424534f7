// The public board and 微信亮绩 in the demo county: the office made a board token for the service hall's screen two
// months ago (and revoked the one of a retired meeting-room screen); a work group for the three central towns was set
// up two weeks ago and its daily digest has gone out at 18:00 on every working day since.
import { addCalendarDays, type Day, isWorkingDay } from '../../calendar/rules.js';
import { systemWho } from '../../context.js';
import { createBoardToken, revokeBoardToken } from '../../modules/board/service.js';
import { createWorkGroup, sendDueDigests } from '../../modules/digest/service.js';
import type { Sim } from './world.js';

const TOWNS = ['T01', 'T02', 'T03'];

// The `n` working days before `today`, oldest first.
function workingDaysBefore(sim: Sim, today: Day, n: number): Day[] {
  const days: Day[] = [];
  for (let d = addCalendarDays(today, -1); days.length < n; d = addCalendarDays(d, -1)) if (isWorkingDay(sim.cal, d).working) days.unshift(d);
  return days;
}

export function scheduleDigests(sim: Sim, today: Day) {
  const office = sim.cast.office;
  sim.at(sim.time(workingDaysBefore(sim, today, 40)[0]!, 10), async () => {
    const old = await createBoardToken(sim.deps, office, { name: '三楼会议室电子屏' });
    await createBoardToken(sim.deps, office, { name: '政务服务大厅电子屏' });
    await revokeBoardToken(sim.deps, office, old.row.id);
  });
  const days = workingDaysBefore(sim, today, 10);
  sim.at(sim.time(days[0]!, 9), async () => {
    const towns = sim.cast.units.filter((u) => TOWNS.includes(u.code));
    const personIds = towns.map((u) => u.liaison.actor.personId).filter((id): id is number => id !== null);
    await createWorkGroup(sim.deps, office, {
      name: '城关片区工作群',
      channelId: null,
      sendAt: '18:00',
      active: true,
      unitIds: towns.map((u) => u.id),
      personIds,
    });
  });
  for (const day of days) sim.at(sim.time(day, 18, 5), () => sendDueDigests(sim.deps, systemWho('demo-history-digest')).then(() => undefined));
}
