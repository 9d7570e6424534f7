// The monthly notices (月度通报) of the published months: once the meeting's lottery has been drawn, the office takes
// the generated paragraphs, rewrites the requirements in its own words, and issues the notice.
import { addCalendarDays, type Day } from '../../calendar/rules.js';
import { issueNotice, readNotice, saveNotice } from '../../modules/notice/service.js';
import { nextMonth } from '../../modules/plans/rules.js';
import type { Sim } from './world.js';

const CLOSING = '各单位要对照本通报逐项查摆问题，举一反三抓好整改，整改情况于下月5日前报县委县政府督查室。';

export function scheduleNotices(sim: Sim, months: string[]) {
  for (const month of months) {
    // The lottery of the next month is drawn at its meeting (seed/history/lottery.ts); the notice follows that afternoon.
    const commitDay = sim.workingDay(`${nextMonth(month)}-05` as Day, 0);
    const meetingDay = sim.workingDay(addCalendarDays(commitDay, 1), 1);
    sim.at(sim.time(meetingDay, 16, 0), async () => {
      const office = sim.cast.office;
      const draft = await readNotice(sim.deps, office.actor, month);
      const saved = await saveNotice(sim.deps, office, month, {
        version: draft.version,
        ...draft.paragraphs,
        requirements: `${draft.paragraphs.requirements}\n${CLOSING}`,
      });
      await issueNotice(sim.deps, office, month, { version: saved.version });
    });
  }
}
