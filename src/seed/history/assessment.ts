// The quarterly and annual assessment (季考核、年度考核): a few days after the last month of a quarter is reviewed, the
// assessment office enters the quarter's bonus items (批示, 表扬, 典型发言) and publishes it; late in the year it has
// begun entering the annual parts (经济发展, 党的建设 …) of some units, so the year's draft is alive.
import { addCalendarDays, type Day, diffCalendarDays, monthEnd } from '../../calendar/rules.js';
import { addBonusItem, publishQuarter, readYear, savePart } from '../../modules/assessment/service.js';
import { DEFAULT_SETTINGS, quarterEnd, quarterMonths, quarterStart } from '../../modules/assessment/rules.js';
import { seededRandom } from './random.js';
import type { Sim } from './world.js';

const BONUS = [
  ['leader_instruction', '秋粮收储工作获市委主要领导肯定性批示', '市委书记批示件〔{y}〕{n}号'],
  ['commendation', '安全生产大检查成绩突出，获市政府通报表扬', '市政府通报〔{y}〕{n}号'],
  ['typical_speech', '在全市项目建设观摩会上作典型发言', '全市项目建设观摩会会议纪要'],
  ['commendation', '森林防火工作零火情，获市防火指挥部表彰', '市森防指表彰决定〔{y}〕{n}号'],
] as const;

const PART_REASONS: Record<string, string[]> = {
  economy: ['全年主要经济指标完成情况，依据县统计局年报', '固定资产投资和招商引资任务完成情况（县发改委、商务局核定）'],
  party: ['党建工作述职评议和基层党组织建设考核结果（县委组织部核定）'],
  livelihood: ['民生实事完成情况和群众满意度测评结果'],
};

/** The latest quarter whose three months are all among `months` (the reviewed ones), or null. */
export function lastFullQuarter(months: readonly string[]): string | null {
  const full = [...new Set(months.map((m) => `${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5)) / 3)}`))]
    .filter((q) => quarterMonths(q).every((m) => months.includes(m)))
    .sort();
  return full.at(-1) ?? null;
}

export function scheduleAssessments(sim: Sim, months: readonly string[], today: Day, seed: number) {
  const r = seededRandom(seed + 13);
  const quarter = lastFullQuarter(months);
  if (quarter) {
    // Two working days after the quarter's last monthly review meeting.
    const day = sim.workingDay(addCalendarDays(monthEnd(quarterMonths(quarter)[2]!), 1), 4);
    sim.at(sim.time(day, 10, 0), async () => {
      const who = sim.cast.reviewers.assessment;
      const span = diffCalendarDays(quarterStart(quarter), quarterEnd(quarter));
      for (let i = 0; i < 4; i++) {
        const [kind, reason, evidence] = BONUS[i]!;
        await addBonusItem(sim.deps, who, quarter, {
          unitId: r.pick(sim.cast.units).id,
          kind,
          day: addCalendarDays(quarterStart(quarter), r.int(3, span)),
          reason,
          evidence: evidence.replace('{y}', quarter.slice(0, 4)).replace('{n}', String(r.int(2, 60))),
        });
      }
      await publishQuarter(sim.deps, who, quarter);
    });
  }
  // The year's draft: a week before now the office has entered the parts of some units.
  const year = today.slice(0, 4);
  sim.at(sim.time(sim.workingDay(addCalendarDays(today, -7), 0), 16, 0), async () => {
    const who = sim.cast.reviewers.assessment;
    const draft = await readYear(sim.deps, who.actor, year);
    const units = [...draft.rows.filter((u) => u.group === 'town').slice(0, 4), ...draft.rows.filter((u) => u.group === 'county_unit').slice(0, 4)];
    for (const unit of units)
      for (const part of DEFAULT_SETTINGS.parts.slice(0, 2)) {
        const max = part.max / 100;
        await savePart(sim.deps, who, year, {
          unitId: unit.unitId,
          partKey: part.key,
          points: r.int(Math.round(max * 0.6), max),
          reason: r.pick(PART_REASONS[part.key]!),
        });
      }
  });
}
