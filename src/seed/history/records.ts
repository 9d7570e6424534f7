// People's records in the demo county: the weekly logs of the demo cadre (ganbu) and a few liaisons over the last
// weeks, the frontline days of the leaders with accounts and of the T01 secretary over the year, and those of the other
// taking-part units' heads (no accounts of their own) logged on their behalf by the units' liaisons (代为登记) — some
// keep pace, some fall behind —, the T01 head's monthly assessments of the town's cadres, and the assessment office's confirmation of
// the second quarter and most of the third (ganbu's third quarter waits for the committee).
import { inArray } from 'drizzle-orm';
import { addCalendarDays, type Day, diffCalendarDays as diffDays, monthEnd } from '../../calendar/rules.js';
import { units } from '../../modules/org/read.js';
import { CADRE_GRADES } from '../../shared/labels.js';
import { confirmQuarter, logFrontlineDay, saveAssessment, saveWorkLog, unitAssessments } from '../../modules/records/service.js';
import { isoWeekOf, monthsOfQuarter, suggestedGrade } from '../../modules/records/rules.js';
import { weekStart } from '../../modules/plans/rules.js';
import { seededRandom } from './random.js';
import { actorOf, type Acting, type Sim } from './world.js';

const DONE = [
  '走访辖区困难群众{n}户，登记住房、就医需求，建立帮扶台账',
  '配合做好秸秆禁烧巡查，夜间值守{n}次，未发现火点',
  '组织召开村民代表会议，议定村内道路硬化方案',
  '完成高标准农田项目{n}个地块的现场核查，拍照留档',
  '参加镇党委理论学习中心组学习，撰写心得体会一篇',
  '排查矛盾纠纷{n}起，已调解化解{m}起',
  '督促{n}个村完成人居环境整治问题整改，逐一复核销号',
  '整理本周工作台账，报送镇党政办',
];
const PLANNED = [
  '继续推进人居环境整治，重点清理房前屋后杂物',
  '配合做好防汛物资清点，检查排水沟渠',
  '走访新型农业经营主体，了解春耕生产困难',
  '组织网格员开展安全生产隐患排查',
  '完成低保、特困对象动态调整入户核查',
  '跟进信访件办理，按期答复群众',
];
const PLACES = ['城关街道', '东城街道', '西城街道', '经济开发区', '县重点项目工地', '青石村', '石桥村', '柳河村', '白马村', '县人民医院', '县产业园'];
const PURPOSES = [
  '调研重点项目建设进度，现场协调用地问题',
  '督导秸秆禁烧和人居环境整治',
  '接访群众，现场化解信访积案',
  '检查安全生产和防汛准备',
  '走访企业，协调解决用工和融资难题',
  '调研乡村振兴示范村建设',
];
const COMMENTS: Record<string, string[]> = {
  good: ['工作主动，包村任务完成出色，群众评价高', '台账规范，急难险重任务冲在前面'],
  fairly_good: ['能按时完成交办任务，工作较为扎实', '履职尽责，个别工作进度稍慢'],
  average: ['基本完成任务，主动性有待加强', '工作完成一般，记实内容较简单'],
  poor: ['多项交办任务逾期，需加强督促', '本月工作落实不到位，已谈心谈话'],
};

const fill = (text: string, r: ReturnType<typeof seededRandom>) => text.replace('{n}', String(r.int(3, 12))).replace('{m}', String(r.int(1, 3)));

/** `today`: the history's last day; the current week's log is left for the cadre to write. */
export async function scheduleRecords(sim: Sim, today: Day, seed: number) {
  // A stream of its own, so the records' choices leave the rest of the history as it was.
  const r = seededRandom(seed + 13);
  const cadre = await actorOf(sim.deps, 'ganbu');
  const head = await actorOf(sim.deps, 'danwei');
  const office = sim.cast.reviewers.assessment;

  // 周记实: ganbu and the liaisons of three towns, each Friday evening of the last eight weeks (a week missed now and then).
  const writers: Acting[] = [cadre, ...sim.cast.units.filter((u) => u.code.startsWith('T')).map((u) => u.liaison)];
  const thisWeek = isoWeekOf(today);
  for (let back = 8; back >= 1; back--) {
    const week = isoWeekOf(addCalendarDays(today, -7 * back));
    if (week === thisWeek) continue;
    const friday = addCalendarDays(weekStart(week)!, 4);
    for (const [i, who] of writers.entries()) {
      if (i > 0 && r.chance(0.2)) continue;
      const done = r
        .shuffle(DONE)
        .slice(0, r.int(2, 4))
        .map((t, n) => `${n + 1}. ${fill(t, r)}`)
        .join('\n');
      const planned = r
        .shuffle(PLANNED)
        .slice(0, 2)
        .map((t, n) => `${n + 1}. ${t}`)
        .join('\n');
      sim.at(sim.time(friday, 17, 30 + i), () => saveWorkLog(sim.deps, who, { week, done, planned, version: 0 }).then(() => undefined));
    }
  }

  // 一线工作日 since 1 January: each logger's share of the pace (above 1 keeps ahead; below falls behind).
  const year = today.slice(0, 4);
  // The logger, for whom (undefined: themselves), the target and the share.
  const loggers: [Acting, number | undefined, number, number][] = [[head, undefined, 100, 0.9]];
  for (const [i, leader] of [...sim.cast.leaders.values()].filter((l) => l.who).entries())
    loggers.push([leader.who!, undefined, 60, [1.15, 0.7, 1.05, 0.85, 1.2][i % 5]!]);
  // The other taking-part units' heads (town secretaries, department heads) have no account: their liaisons log for them.
  const others = sim.cast.units.filter((u) => u.code !== 'T01');
  const heads = new Map(
    (
      await sim.deps.db
        .select({ id: units.id, head: units.headPersonId })
        .from(units)
        .where(
          inArray(
            units.id,
            others.map((u) => u.id),
          ),
        )
    ).map((u) => [u.id, u.head]),
  );
  for (const [i, unit] of others.entries()) {
    const personId = heads.get(unit.id);
    if (personId) loggers.push([unit.liaison, personId, unit.code.startsWith('T') ? 100 : 80, [1.1, 0.75, 1.05, 0.6][i % 4]!]);
  }
  for (const [who, personId, target, share] of loggers) {
    // Days are spread evenly at the logger's own rate, a day or two of jitter, evenings of the day itself.
    const count = Math.floor((target * share * (diffDays(`${year}-01-01`, today) + 1)) / 365);
    const step = (diffDays(`${year}-01-01`, today) + 1) / Math.max(1, count);
    let last = '';
    for (let n = 0; n < count; n++) {
      const day = addCalendarDays(
        `${year}-01-01`,
        Math.min(diffDays(`${year}-01-01`, today) - 1, Math.floor(n * step + r.int(0, Math.max(0, Math.floor(step) - 1)))),
      );
      if (day <= last || day >= today) continue;
      last = day;
      const place = r.pick(PLACES);
      const purpose = r.pick(PURPOSES);
      sim.at(sim.time(day, 19, 0), () => logFrontlineDay(sim.deps, who, { personId, day, place, purpose }).then(() => undefined));
    }
  }

  // 月考核: the T01 head grades the town's cadres on the second working day of each month since April.
  const months: string[] = [];
  for (let m = 4; `${year}-${String(m).padStart(2, '0')}` < today.slice(0, 7); m++) months.push(`${year}-${String(m).padStart(2, '0')}`);
  for (const month of months) {
    const on = sim.workingDay(addCalendarDays(monthEnd(month), 1), 1);
    sim.at(sim.time(on, 10, 0), async () => {
      const page = await unitAssessments(sim.deps, head.actor, { unitId: head.actor.unitId!, month });
      for (const row of page.rows) {
        // Most cadres steady, one or two with a weaker month.
        const grade = r.weighted([
          [CADRE_GRADES[0], 3],
          [CADRE_GRADES[1], 4],
          [CADRE_GRADES[2], 1.5],
          [CADRE_GRADES[3], 0.3],
        ] as const);
        await saveAssessment(sim.deps, head, { personId: row.person.id, month, grade, comment: r.pick(COMMENTS[grade]!), version: 0 });
      }
    });
  }

  // 季审定: the assessment office for the committee, a week of working days into the next quarter (after the head's
  // grades of the quarter's last month).
  for (const quarter of [`${year}-Q2`, `${year}-Q3`]) {
    const on = sim.workingDay(addCalendarDays(monthEnd(monthsOfQuarter(quarter)[2]!), 1), 6);
    if (on >= today) continue;
    sim.at(sim.time(on, 15, 0), async () => {
      const pages = [];
      for (const month of monthsOfQuarter(quarter)) pages.push(await unitAssessments(sim.deps, office.actor, { unitId: head.actor.unitId!, month }));
      for (const row of pages[2]!.rows) {
        if (quarter.endsWith('Q3') && row.person.id === cadre.actor.personId) continue;
        const proposals = pages.flatMap((p) => p.rows.filter((x) => x.person.id === row.person.id && x.assessment).map((x) => x.assessment!));
        const suggested = suggestedGrade(proposals);
        if (!suggested) continue;
        // Now and then the committee stands a grade apart from the head's proposals, and says why.
        const raise = suggested !== 'good' && r.chance(0.15);
        await confirmQuarter(sim.deps, office, {
          personId: row.person.id,
          quarter,
          grade: raise ? CADRE_GRADES[CADRE_GRADES.indexOf(suggested) - 1]! : suggested,
          reason: raise ? '在防汛救灾一线表现突出，经考核委员会研究提高一个等次' : '',
        });
      }
    });
  }
}
