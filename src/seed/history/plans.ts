// The monthly plan cycle (预安), month by month: the office opens the plan, units propose and their heads submit,
// the leaders in charge review (some returned and fixed), the office consolidates, the month-end meeting decides item
// by item and the plan is issued, which hands its tasks over. Kept apart so the plan-cycle rules can change here alone.
import { addCalendarDays, dayOf, monthStart } from '../../calendar/rules.js';
import { consolidate, createItem } from '../../modules/plans/consolidation.js';
import { issue } from '../../modules/plans/issue.js';
import { decide } from '../../modules/plans/meeting.js';
import { advancePeriod, createPeriod } from '../../modules/plans/periods.js';
import { createProposal, submitProposal, updateProposal } from '../../modules/plans/proposals.js';
import { reviewProposal } from '../../modules/plans/review.js';
import { monthlySchedule } from '../../modules/plans/rules.js';
import { findPeriod, findProposal, itemsOf } from '../../modules/plans/store.js';
import { RETURN_COMMENTS, taskContent, UNIT_CATEGORIES } from './content.js';
import { follow, milestonesFor, monthDeadline } from './tasks.js';
import type { Sim, UnitCast } from './world.js';

/**
 * Schedules the plan for `month`. The last plan (`current`, next month's) is still being prepared today: it is opened
 * early enough that proposals exist, and the county leader of the demo account (L05) has not yet reviewed his units'.
 */
export function schedulePlan(sim: Sim, month: string, current: boolean) {
  const r = sim.random;
  const s = monthlySchedule(month);
  const previous = addCalendarDays(monthStart(month), -1).slice(0, 7);
  let open = sim.time(`${previous}-${String(r.int(12, 15)).padStart(2, '0')}`, 9, 30);
  if (current) open = Math.max(sim.time(monthStart(previous), 9, 0), Math.min(open, sim.end - 3 * 86_400_000));
  let periodId = 0;
  sim.at(open, async () => {
    periodId = (await createPeriod(sim.deps, sim.cast.office, { kind: 'monthly', period: month })).id;
  });

  for (const unit of sim.cast.units) {
    const mine = unit.leaderKey === 'L05';
    const busy = sim.density(s.proposeBy);
    const count = mine ? (r.chance(0.4 * busy) ? 2 : 1) : r.chance(0.35 * busy) ? 1 : 0;
    for (let i = 0; i < count; i++) {
      let at = r.chance(0.1) ? sim.time(addCalendarDays(s.proposeBy, r.int(1, 2)), 10, 0) : open + r.int(1, 8) * 86_400_000 + r.int(0, 6) * 3_600_000;
      if (current && mine && at > sim.end - 3_600_000) at = open + r.next() * (sim.end - 3_600_000 - open);
      sim.at(at, () => propose(sim, () => periodId, unit, month, current));
    }
  }

  if (current) {
    sim.at(sim.time(s.proposeBy, 17, 30), () => advancePeriod(sim.deps, sim.cast.office, periodId).then(() => undefined));
    return;
  }
  sim.at(sim.time(s.proposeBy, 17, 30), () => advancePeriod(sim.deps, sim.cast.office, periodId).then(() => undefined));
  sim.at(sim.time(s.consolidateBy, 9, 0), async () => {
    await advancePeriod(sim.deps, sim.cast.office, periodId);
    await consolidate(sim.deps, sim.cast.office, periodId);
    // Now and then a leader's own assignment joins the draft (领导交办).
    if (r.chance(0.4)) {
      const unit = r.pick(sim.cast.units);
      const category = r.pick(UNIT_CATEGORIES[unit.code]!);
      const c = taskContent(r, category, unit.name);
      await createItem(sim.deps, sim.cast.office, periodId, {
        title: c.title,
        measures: c.measures,
        milestones: [],
        standard: c.standard,
        deadline: monthDeadline(month, r),
        categoryId: sim.cast.categories.get(category) ?? null,
        leadLeaderId: sim.cast.leaders.get(unit.leaderKey)!.id,
        leadUnitId: unit.id,
        cooperatingUnitIds: [],
        ...threeFixed(unit, r.chance(0.2)),
      });
    }
  });
  sim.at(sim.time(s.consolidateBy, 17, 0), () => advancePeriod(sim.deps, sim.cast.office, periodId).then(() => undefined));
  sim.at(sim.time(s.meetingOn, 15, 0), async () => {
    for (const item of await itemsOf(sim.deps.db, periodId)) {
      // Carried tasks keep their own timetable; only the month's new items are dropped or amended.
      const roll = item.carriedTaskId === null ? r.next() : 1;
      if (roll < 0.05) await decide(sim.deps, sim.cast.office, item.id, { decision: 'dropped', note: '会议研究认为条件尚不成熟，暂不列入' });
      else if (roll < 0.15)
        await decide(sim.deps, sim.cast.office, item.id, {
          decision: 'amended',
          note: '会议要求提高标准',
          changes: { standard: `${item.standard}，并形成长效管理机制` },
        });
      else await decide(sim.deps, sim.cast.office, item.id, { decision: 'approved', note: '' });
    }
  });
  sim.at(sim.time(s.meetingOn, 17, 0), async () => {
    const period = (await findPeriod(sim.deps.db, periodId))!;
    await issue(sim.deps, sim.cast.office, periodId, `示办发〔${period.meetingOn.slice(0, 4)}〕${Number(month.slice(5)) * 4 + 3}号`);
    for (const item of await itemsOf(sim.deps.db, periodId)) {
      if (item.taskId === null || item.carriedTaskId !== null) continue;
      const unit = sim.cast.units.find((u) => u.id === item.leadUnitId);
      if (unit) follow(sim, item.taskId, unit, item.deadline);
    }
  });
}

// 三定: the unit's liaison answers for it (name and phone come from the person); major work reports weekly.
export function threeFixed(unit: UnitCast, major: boolean) {
  return {
    responsiblePersonId: unit.liaison.actor.personId,
    responsibleName: '',
    responsiblePhone: '',
    indicators: [],
    level: major ? ('major' as const) : ('general' as const),
    reportCadence: major ? { kind: 'weekly' as const, weekday: 5 } : { kind: 'none' as const },
    evidenceRequired: false,
  };
}

async function propose(sim: Sim, periodId: () => number, unit: UnitCast, month: string, current: boolean) {
  const r = sim.random;
  const period = await findPeriod(sim.deps.db, periodId());
  if (!period || (period.status !== 'collecting' && period.status !== 'reviewing')) return;
  const category = r.pick(UNIT_CATEGORIES[unit.code]!);
  const c = taskContent(r, category, unit.name);
  const deadline = monthDeadline(month, r);
  const others = sim.cast.units.filter((u) => u.id !== unit.id);
  const row = await createProposal(sim.deps, unit.liaison, period.id, {
    title: c.title,
    measures: c.measures,
    timetable: `${Number(month.slice(5))}月上旬：${c.milestones[0]}；中旬：集中推进；下旬：${c.milestones.at(-1)}并报送佐证材料。`,
    milestones: milestonesFor(c.milestones, monthStart(month), deadline),
    standard: c.standard,
    deadline,
    categoryId: sim.cast.categories.get(category) ?? null,
    leadLeaderId: null,
    cooperatingUnitIds: r.chance(0.2) ? [r.pick(others).id] : [],
    ...threeFixed(unit, r.chance(0.2)),
  });
  const submitAt = sim.now() + r.int(1, 20) * 3_600_000;
  sim.at(Math.min(submitAt, Math.max(sim.now() + 60_000, sim.end - 1_800_000)), async () => {
    await submitProposal(sim.deps, unit.submitter, row.id);
    leaderReview(sim, unit, row.id, current);
  });
}

function leaderReview(sim: Sim, unit: UnitCast, proposalId: number, current: boolean) {
  const r = sim.random;
  const leader = sim.cast.leaders.get(unit.leaderKey)?.who;
  // The demo leader's desk: this month's proposals of his units wait for him.
  if (!leader || (current && unit.leaderKey === 'L05')) return;
  sim.at(sim.officeTime(dayOf(new Date(sim.now())), r.int(0, 1)), async () => {
    const p = await findProposal(sim.deps.db, proposalId);
    if (p?.status !== 'submitted') return;
    if (r.chance(0.12)) {
      await reviewProposal(sim.deps, leader, proposalId, 'return', r.pick(RETURN_COMMENTS));
      sim.at(sim.now() + r.int(2, 20) * 3_600_000, async () => {
        const back = (await findProposal(sim.deps.db, proposalId))!;
        await updateProposal(sim.deps, unit.liaison, proposalId, {
          version: back.version,
          timetable: `${back.timetable}（已按分管领导意见细化到周）`,
          standard: `${back.standard}，按周报送进度`,
        });
        await submitProposal(sim.deps, unit.submitter, proposalId);
        leaderReview(sim, unit, proposalId, current);
      });
    } else {
      await reviewProposal(sim.deps, leader, proposalId, 'approve', r.pick(['同意', '同意，请抓好落实', '']));
    }
  });
}
