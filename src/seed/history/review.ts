// The monthly review (月点评) of the months before this one: at the start of each month the office enters a few
// highlight works and commendations, confirms the bottom statements, now and then adjusts a leader's stars, and
// publishes the month — after the morning run has frozen its figures. Two months see a unit's appeal (appeals.ts).
import { addCalendarDays, type Day, monthEnd, monthStart } from '../../calendar/rules.js';
import { nextMonth } from '../../modules/plans/rules.js';
import { DEFAULT_WEIGHTS } from '../../modules/review/rules.js';
import { addManualFact, adjustStars, confirmBottom, publish, readReview, saveScheme } from '../../modules/review/service.js';
import { REVIEW_GROUPS } from '../../shared/labels.js';
import { scheduleAppeal } from './appeals.js';
import { seededRandom } from './random.js';
import type { Sim } from './world.js';

const HIGHLIGHTS = [
  ['highlight', '秸秆禁烧和综合利用工作成效明显，在全市会议上作经验交流', '县委办督查通报〔{y}〕{n}号'],
  ['commendation', '招商引资签约项目数居全县前列，获县委县政府通报表扬', '县政府通报〔{y}〕{n}号'],
  ['typical_speech', '在县委常委扩大会议上作典型发言：重点项目“拿地即开工”的做法', '县委常委扩大会议纪要'],
  ['highlight', '老旧小区改造提前完成年度任务，群众满意度调查居全县第一', '县住建局验收报告'],
] as const;

export function scheduleReviews(sim: Sim, months: string[], seed: number) {
  // A stream of its own, so the review's choices leave the rest of the history as it was.
  const r = seededRandom(seed + 12);
  for (const month of months) {
    const meeting = sim.workingDay(addCalendarDays(monthEnd(month), 1), 2);
    sim.at(sim.time(meeting, 9, 30), async () => {
      const office = sim.cast.office;
      const units = sim.cast.units;
      const entries = r.int(1, 2);
      for (let i = 0; i < entries; i++) {
        const [kind, reason, evidence] = r.pick(HIGHLIGHTS);
        await addManualFact(sim.deps, office, month, {
          unitId: r.pick(units).id,
          kind,
          day: addCalendarDays(monthStart(month), r.int(5, 25)) as Day,
          reason,
          evidence: evidence.replace('{y}', month.slice(0, 4)).replace('{n}', String(r.int(3, 40))),
        });
      }
      const review = await readReview(sim.deps, office.actor, month);
      for (const group of REVIEW_GROUPS) {
        const proposed = review.bottom.find((b) => b.group === group)!.proposed.map((p) => p.unitId);
        if (proposed.length) await confirmBottom(sim.deps, office, month, { group, unitIds: proposed });
      }
      const rated = review.stars.filter((s) => s.computed !== null && s.computed < 5);
      if (rated.length && r.chance(0.5)) {
        const leader = r.pick(rated);
        await adjustStars(sim.deps, office, month, {
          leaderId: leader.leaderId,
          stars: leader.computed! + 1,
          reason: '牵头的重点项目当月取得突破，经书记专题会研究上调一星',
        });
      }
      await publish(sim.deps, office, month);
      // Units appeal two months (a month back at least, so the decision is history too): one upheld, one dismissed.
      if (month === months.at(-2)) scheduleAppeal(sim, month, meeting, 'upheld', seed);
      if (month === months.at(-3)) scheduleAppeal(sim, month, meeting, 'dismissed', seed);
      // After the last meeting the county tightens the overdue deduction from the next month on, and has cooperating
      // units whose parts were late bear half of a late task's deductions: a second version.
      if (month === months.at(-1))
        await saveScheme(sim.deps, office, {
          effectiveFrom: nextMonth(month),
          weights: { ...Object.fromEntries(Object.entries(DEFAULT_WEIGHTS).map(([k, v]) => [k, v / 100])), overdue_day: -0.2, highlight: 3 },
          partShare: 50,
          note: '加大逾期扣分力度、提高亮点工作加分；配合单位分工逾期的，承担事项扣分的一半（县委常委会研究通过）',
        });
    });
  }
}

/** The `n` months before `month`, oldest first. */
export function monthsBefore(month: string, n: number, first: string): string[] {
  const out: string[] = [];
  for (let m = first; m < month; m = nextMonth(m)) out.push(m);
  return out.slice(-n);
}
