// A year of the demo county's history, written through the services as the people of the county would have done it,
// with a clock of its own stepped from a year ago up to "now". Deterministic for a seed and a "now".
import { count } from 'drizzle-orm';
import { addCalendarDays, dayOf, type Day, monthOf, monthStart } from '../../calendar/rules.js';
import { loadCalendar } from '../../calendar/service.js';
import { fixedClock } from '../../clock.js';
import type { Deps } from '../../context.js';
import { nextMonth } from '../../modules/plans/rules.js';
import { tasks } from '../../modules/tasks/read.js';
import { scheduleAssessments } from './assessment.js';
import { scheduleInterviews, scheduleMornings } from './chasing.js';
import { scheduleDigests } from './digest.js';
import { scheduleInspections } from './inspections.js';
import { scheduleOpinions } from './dossier.js';
import { scheduleLottery } from './lottery.js';
import { scheduleMeeting } from './meeting.js';
import { scheduleNotices } from './notice.js';
import { schedulePlan } from './plans.js';
import { scheduleProjects } from './projects.js';
import { seededRandom } from './random.js';
import { scheduleRecords } from './records.js';
import { scheduleSelfAssessments, scheduleStudy } from './selfassess.js';
import { monthsBefore as reviewedMonths, scheduleReviews } from './review.js';
import { scheduleDrafts, scheduleImport, scheduleSources } from './sources.js';
import { scheduleStars } from './stars.js';
import { scheduleOwnerPending, scheduleVillageWork } from './tasks.js';
import { scheduleWeeklyPlans } from './weekly.js';
import { buildCast, Sim } from './world.js';

export const DEFAULT_HISTORY_SEED = 2026;

const monthsBefore = (month: string, n: number) => {
  let m = month;
  for (let i = 0; i < n; i++) m = monthOf(addCalendarDays(monthStart(m), -1));
  return m;
};

// The history starts on the first day of the month twelve months before now's, at 08:00 in Asia/Shanghai.
export function historyStart(now: Date): Date {
  return new Date(`${monthStart(monthsBefore(monthOf(dayOf(now)), 12))}T08:00:00+08:00`);
}

export interface HistoryResult {
  // Moves a rule refused along the way (counted, as a person would have been told no).
  refused: string[];
  tasks: number;
}

/**
 * Writes the history into a database holding only the demo organisation (seedDemo).
 * Does nothing when tasks exist already. `deps` is left untouched: the services run on a copy with a stepping clock.
 */
export async function seedHistory(deps: Deps, opts: { seed: number; now: Date; onProgress?: (fraction: number) => void }): Promise<HistoryResult> {
  const [existing] = await deps.db.select({ n: count() }).from(tasks);
  if ((existing?.n ?? 0) > 0) return { refused: [], tasks: existing!.n };
  const start = historyStart(opts.now);
  // Accounts the history needs are made today, like the demo's own (a password set a year ago would have expired).
  const cast = await buildCast({ ...deps, clock: fixedClock(opts.now) });
  const clock = fixedClock(start);
  const simDeps = { ...deps, clock };
  const sim = new Sim(simDeps, seededRandom(opts.seed), await loadCalendar(deps.db), opts.now.getTime(), cast);

  const first = dayOf(start);
  const today = dayOf(opts.now);
  const thisMonth = monthOf(today);
  // Plans for the eleven months since the start and this month, all issued; next month's is being prepared.
  for (let m = nextMonth(monthOf(first)); m <= thisMonth; m = nextMonth(m)) schedulePlan(sim, m, false);
  schedulePlan(sim, nextMonth(thisMonth), true);
  scheduleSources(sim, first, today);
  scheduleWeeklyPlans(sim, today, 4);
  const january = `${first.slice(0, 7) === `${first.slice(0, 4)}-01` ? first.slice(0, 4) : Number(first.slice(0, 4)) + 1}-01-05`;
  if (january < today) scheduleImport(sim, sim.workingDay(january, 0));
  scheduleInterviews(
    sim,
    [9, 7, 5, 3, 2, 1, 0].map((n) => `${monthsBefore(thisMonth, n)}-10` as Day),
  );
  scheduleMornings(sim, first, today);
  // The lottery of the last six months and this one (the current month's draw only once its meeting is past).
  scheduleLottery(
    sim,
    [6, 5, 4, 3, 2, 1, 0].map((n) => monthsBefore(thisMonth, n)),
  );
  scheduleDrafts(sim, dayOf(new Date(opts.now.getTime() - 2 * 3_600_000)));
  const reviewed = reviewedMonths(thisMonth, 4, nextMonth(monthOf(first)));
  scheduleReviews(sim, reviewed, opts.seed);
  scheduleNotices(sim, reviewed);
  scheduleAssessments(sim, reviewed, today, opts.seed);
  await scheduleRecords(sim, today, opts.seed);
  // Stars and highlight work of the reviewed months, decided at their meetings before the review is published.
  scheduleStars(sim, reviewed, thisMonth, opts.seed);
  // Last meeting's instructions and commitments, for the current pack's "what became of each".
  scheduleMeeting(sim, monthsBefore(thisMonth, 2), today);
  // Key projects with their steps, monthly investment and site photos.
  scheduleProjects(sim, first, today, opts.seed);
  scheduleSelfAssessments(sim, today, opts.seed);
  scheduleStudy(sim, today, opts.seed);
  // The board's tokens, and a work group with its last two weeks of daily digests.
  scheduleDigests(sim, today);
  // Inspections of the last three months and this one (this month's unannounced visit not yet filed).
  scheduleInspections(
    sim,
    [3, 2, 1, 0].map((n) => monthsBefore(thisMonth, n)),
    today,
  );
  // An industry item waiting only for 县发改委's closing review (归口单位), for its liaison's first login.
  scheduleOwnerPending(sim, today);
  // Work for 东关社区's head: one task under way, one to sign.
  scheduleVillageWork(sim, today);
  // The year's draft opinions from the records, after the year's parts above.
  scheduleOpinions(sim, today);
  await sim.run(opts.onProgress);
  const [written] = await deps.db.select({ n: count() }).from(tasks);
  return { refused: sim.skipped, tasks: written?.n ?? 0 };
}
