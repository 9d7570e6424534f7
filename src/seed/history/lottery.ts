// 抽签述职 in the demo county: each month the office publishes the candidates and the commitment a few days before
// the meeting, and draws at the meeting with a number read out in the room.
import { addCalendarDays, type Day } from '../../calendar/rules.js';
import { commitDraw, makeDraw } from '../../modules/lottery/service.js';
import type { Sim } from './world.js';

export function scheduleLottery(sim: Sim, months: string[]) {
  for (const month of months) {
    const commitDay = sim.workingDay(`${month}-05` as Day, 0);
    const meetingDay = sim.workingDay(addCalendarDays(commitDay, 1), 1);
    // The history's own seed bytes, drawn from its seeded generator, so the demo county is the same on every run.
    const seed = () => Buffer.from(Array.from({ length: 32 }, () => sim.random.int(0, 255)));
    sim.at(sim.time(commitDay, 10, 30), async () => {
      await commitDraw(sim.deps, sim.cast.office, month, seed);
    });
    sim.at(sim.time(meetingDay, 9, 20), async () => {
      await makeDraw(sim.deps, sim.cast.office, month, String(sim.random.int(0, 9999)).padStart(4, '0'));
    });
  }
}
