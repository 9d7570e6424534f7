// The weekly 10+N (周交办) of the last few weeks: on Tuesday the office opens next week's plan, a few units propose
// on Wednesday and their leaders approve, and on Friday the office consolidates, the weekly meeting decides and the
// plan is issued, which hands its tasks over. Next week's plan is still collecting today.
import { addCalendarDays, type Day, diffCalendarDays } from '../../calendar/rules.js';
import { consolidate } from '../../modules/plans/consolidation.js';
import { issue } from '../../modules/plans/issue.js';
import { decide } from '../../modules/plans/meeting.js';
import { advancePeriod, createPeriod } from '../../modules/plans/periods.js';
import { createProposal, submitProposal } from '../../modules/plans/proposals.js';
import { reviewProposal } from '../../modules/plans/review.js';
import { weeklySchedule } from '../../modules/plans/rules.js';
import { itemsOf } from '../../modules/plans/store.js';
import { taskContent, UNIT_CATEGORIES, weeklyTitle } from './content.js';
import { threeFixed } from './plans.js';
import { follow } from './tasks.js';
import type { Sim, UnitCast } from './world.js';

// '2026-W15' for the ISO week starting on `monday` (a week belongs to the year of its Thursday).
function isoWeek(monday: Day): string {
  const thursday = addCalendarDays(monday, 3);
  const n = Math.floor(diffCalendarDays(`${thursday.slice(0, 4)}-01-01`, thursday) / 7) + 1;
  return `${thursday.slice(0, 4)}-W${String(n).padStart(2, '0')}`;
}

/** The weekly plans from `weeks` weeks before the one holding `today` up to next week's. */
export function scheduleWeeklyPlans(sim: Sim, today: Day, weeks: number) {
  const monday = addCalendarDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  for (let i = -weeks + 1; i <= 1; i++) scheduleWeek(sim, isoWeek(addCalendarDays(monday, 7 * i)));
}

function scheduleWeek(sim: Sim, week: string) {
  const r = sim.random;
  const s = weeklySchedule(week);
  // Only units whose leader in charge has an account can be approved; the demo leader's wait for him next week.
  const units = sim.cast.units.filter((u) => sim.cast.leaders.get(u.leaderKey)?.who);
  let periodId = 0;
  const proposals: { id: number; unit: UnitCast }[] = [];
  sim.at(sim.time(addCalendarDays(s.proposeBy, -2), 9, 0), async () => {
    periodId = (await createPeriod(sim.deps, sim.cast.office, { kind: 'weekly', period: week })).id;
  });
  for (const [n, unit] of [r.pick(units), r.pick(units)].entries()) {
    sim.at(sim.time(addCalendarDays(s.proposeBy, -1), 10 + 2 * n, r.int(0, 59)), async () => {
      const category = r.pick(UNIT_CATEGORIES[unit.code]!);
      const c = taskContent(r, category, unit.name);
      const monday = addCalendarDays(s.meetingOn, 3);
      const row = await createProposal(sim.deps, unit.liaison, periodId, {
        title: weeklyTitle(r, c),
        measures: c.measures,
        timetable: `本周一部署，周三前${c.milestones[0]}，周五前完成并报送佐证材料。`,
        milestones: [],
        standard: c.standard,
        deadline: addCalendarDays(monday, 4),
        categoryId: sim.cast.categories.get(category) ?? null,
        leadLeaderId: null,
        cooperatingUnitIds: [],
        ...threeFixed(unit, false),
      });
      await submitProposal(sim.deps, unit.submitter, row.id);
      proposals.push({ id: row.id, unit });
    });
  }
  sim.at(sim.time(s.proposeBy, 16, 0), async () => {
    for (const p of proposals) await reviewProposal(sim.deps, sim.cast.leaders.get(p.unit.leaderKey)!.who!, p.id, 'approve', '同意');
    await advancePeriod(sim.deps, sim.cast.office, periodId);
  });
  sim.at(sim.time(s.meetingOn, 9, 0), async () => {
    await advancePeriod(sim.deps, sim.cast.office, periodId);
    await consolidate(sim.deps, sim.cast.office, periodId);
    await advancePeriod(sim.deps, sim.cast.office, periodId);
  });
  sim.at(sim.time(s.meetingOn, 15, 0), async () => {
    const items = await itemsOf(sim.deps.db, periodId);
    for (const item of items) await decide(sim.deps, sim.cast.office, item.id, { decision: 'approved', note: '周例会同意交办' });
    await issue(sim.deps, sim.cast.office, periodId, `示督办〔${s.meetingOn.slice(0, 4)}〕${Number(week.slice(6))}号`);
    for (const item of await itemsOf(sim.deps.db, periodId)) {
      const unit = sim.cast.units.find((u) => u.id === item.leadUnitId);
      if (item.taskId !== null && unit) follow(sim, item.taskId, unit, item.deadline);
    }
  });
}
