// The annual opinion (年度考核意见) in the demo county: two days before now the assessment office has drafted the year's
// opinions from the records and the banding, and added a proposal to the first-placed unit's with its reason; none is
// issued yet (the year is not over).
import { addCalendarDays, type Day } from '../../calendar/rules.js';
import { draftOpinions, editOpinion, listOpinions } from '../../modules/dossier/service.js';
import type { Sim } from './world.js';

export function scheduleOpinions(sim: Sim, today: Day) {
  const year = Number(today.slice(0, 4));
  sim.at(sim.time(sim.workingDay(addCalendarDays(today, -2), 0), 15, 30), async () => {
    const who = sim.cast.reviewers.assessment;
    await draftOpinions(sim.deps, who, year);
    const { items } = await listOpinions(sim.deps, who.actor, year);
    const first = items.find((o) => o.subject === 'unit' && o.rank === 1);
    if (first)
      await editOpinion(sim.deps, who, first.id, {
        changes: { rewards: `${first.rewards === '无' ? '' : `${first.rewards}；`}建议在全县年度工作总结会上作典型发言` },
        reason: '经县委考核委员会初步研究',
        version: first.version,
      });
  });
}
