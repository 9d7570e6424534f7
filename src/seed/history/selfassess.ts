// Self-assessment (绩效自评) and the study ledger (学习台账) in the demo county. Every taking-part unit set last year's
// targets, rated its results in January and had them rated by the assessment office in February (a few rated
// themselves higher than the office did); this year's targets were set in January. The towns hold their 三会一课 and
// theory study each month of the last two, with a few absentees each time who mostly made up within two weeks; one
// session last month was never recorded (a red dot), and next week's are planned.
import { addCalendarDays, type Day, monthOf } from '../../calendar/rules.js';
import { rate, saveResults, saveTargets } from '../../modules/selfassessment/service.js';
import { createSession, getSession, recordAttendance, recordMakeup } from '../../modules/study/service.js';
import { SELF_STANDARDS, type SelfStandard, type StudyKind } from '../../shared/labels.js';
import { nextMonth } from '../../modules/plans/rules.js';
import { seededRandom } from './random.js';
import type { Sim } from './world.js';

const TARGETS: Record<SelfStandard, string[]> = {
  position: ['主要经济指标增速进入全县前三', '重点工作在全市考核中位次前移 3 位以上', '年度综合考核保持第一方阵'],
  highlight: ['打造人居环境整治示范片区一个', '形成“网格+调解”基层治理经验并在全县推广', '建成智慧政务服务专区'],
  breakthrough: ['招商引资签约亿元以上项目 2 个', '争取上级政策资金 3000 万元以上', '破解集镇污水处理难题'],
  first_class: ['争创省级乡村振兴示范乡镇', '争创全省营商环境优秀单位', '争创全国文明单位'],
};
const RESULTS: Record<SelfStandard, string[]> = {
  position: ['主要指标增速全县第二，较上年前移 2 位', '全市考核位次前移 4 位', '综合考核进入第一方阵'],
  highlight: ['示范片区建成并通过县级验收，县委现场会推广', '调解经验被市委政法委简报刊发', '政务服务专区上线运行'],
  breakthrough: ['签约亿元以上项目 1 个，另 1 个在洽谈', '争取上级资金 3600 万元', '污水处理站主体完工'],
  first_class: ['获评省级乡村振兴示范乡镇', '进入全省营商环境评价良好档', '通过市级文明单位复审'],
};
const SESSIONS: [StudyKind, string][] = [
  ['party_congress', '支部党员大会：学习传达上级会议精神'],
  ['branch_committee', '支部委员会：研究本月党建重点工作'],
  ['theory_study', '理论学习中心组集体学习'],
];
const LECTURES = ['书记讲党课：以钉钉子精神抓好工作落实', '专题党课：践行初心使命，争当实干先锋', '专题党课：加强作风建设，提升履职能力'];
const REASONS = ['到县里参加培训', '外出招商', '病假', '值守防汛一线', '下村督导'];

export function scheduleSelfAssessments(sim: Sim, today: Day, seed: number) {
  const r = seededRandom(seed + 29);
  const year = Number(today.slice(0, 4));
  const office = sim.cast.reviewers.assessment;
  const pick = (list: string[], i: number) => list[i % list.length]!;
  for (const [u, unit] of sim.cast.units.entries()) {
    const last = String(year - 1);
    const targets = (period: string) =>
      SELF_STANDARDS.map((standard) => ({ standard, target: pick(TARGETS[standard], u + Number(period)), planRating: r.int(3, 5) }));
    // Last year's targets (set at the history's start when January is before it), its results and the office's rating.
    sim.at(sim.time(`${last}-01-10`, 10, u), () =>
      saveTargets(sim.deps, unit.liaison, unit.id, { period: last, version: 0, items: targets(last) }).then(() => undefined),
    );
    const ratings = SELF_STANDARDS.map(() => r.int(3, 5));
    sim.at(sim.officeTime(`${year}-01-08`, u % 3), () =>
      saveResults(sim.deps, unit.liaison, unit.id, {
        period: last,
        version: 1,
        items: SELF_STANDARDS.map((standard, i) => ({ standard, result: pick(RESULTS[standard], u), resultRating: ratings[i]! })),
      }).then(() => undefined),
    );
    sim.at(sim.officeTime(`${year}-02-10`, u % 4), () =>
      rate(sim.deps, office, unit.id, {
        period: last,
        version: 2,
        // The office mostly agrees; now and then it rates a point lower, with its reason.
        items: SELF_STANDARDS.map((standard, i) => {
          const lower = r.chance(0.3) && ratings[i]! > 2;
          return { standard, officeRating: lower ? ratings[i]! - 1 : ratings[i]!, officeComment: lower ? '成效与自评有差距，佐证材料不足' : '' };
        }),
      }).then(() => undefined),
    );
    const now = String(year);
    sim.at(sim.officeTime(`${year}-01-12`, u % 3), () =>
      saveTargets(sim.deps, unit.liaison, unit.id, { period: now, version: 0, items: targets(now) }).then(() => undefined),
    );
  }
}

export function scheduleStudy(sim: Sim, today: Day, seed: number) {
  const r = seededRandom(seed + 31);
  const towns = sim.cast.units.filter((u) => u.code.startsWith('T'));
  // The last two months only, to keep the history fast.
  let month = monthOf(addCalendarDays(today, -45));
  const months: string[] = [];
  for (; month <= monthOf(today); month = nextMonth(month)) months.push(month);
  for (const [t, town] of towns.entries()) {
    const who = town.liaison;
    const sessions: [StudyKind, string, Day][] = [];
    for (const [m, mo] of months.entries()) {
      SESSIONS.forEach(([kind, title], i) => sessions.push([kind, title, sim.workingDay(`${mo}-0${3 + i * 2}`, t)]));
      if (m % 2 === 1) sessions.push(['party_lecture', LECTURES[(m + t) % LECTURES.length]!, sim.workingDay(`${mo}-20`, t)]);
    }
    for (const [s, [kind, title, day]] of sessions.entries()) {
      if (day >= today) continue;
      // Planned a week ahead (the same day when the history's start is later), held and recorded on the day.
      const plannedOn = addCalendarDays(day, -7);
      let id = 0;
      sim.at(sim.time(plannedOn, 9, t), async () => {
        id = (await createSession(sim.deps, who, { unitId: town.id, kind, title, day, place: '党员活动室', topic: title })).id;
      });
      // One session a town never recorded: it stays red on the calendar.
      if (s === sessions.length - 4 && t === 0) continue;
      sim.at(sim.time(day, 17, t), async () => {
        const detail = await getSession(sim.deps, who.actor, id);
        const absent = r
          .shuffle(detail.roster)
          .slice(0, r.chance(0.6) ? 1 : 0)
          .map((p) => ({ personId: p.id, reason: r.pick(REASONS) }));
        const held = await recordAttendance(sim.deps, who, id, { version: detail.version, absent });
        for (const a of held.attendance.filter((x) => !x.present)) {
          // Most make up within the two weeks; some late; the recent ones may still be open.
          const after = r.weighted([
            [r.int(2, 12), 6],
            [r.int(16, 25), 1],
          ] as const);
          const on = addCalendarDays(day, after);
          if (on < today)
            sim.at(sim.time(on, 16, 30), () =>
              recordMakeup(sim.deps, who, a.id, { day: on, note: '观看学习录像，自学会议材料并撰写心得体会' }).then(() => undefined),
            );
        }
      });
    }
    // Next week's sessions, already planned.
    const ahead = addCalendarDays(today, 7);
    sim.at(sim.time(addCalendarDays(today, -1), 10, t), () =>
      createSession(sim.deps, who, {
        unitId: town.id,
        kind: 'theory_study',
        title: '理论学习中心组集体学习（专题研讨）',
        day: sim.workingDay(ahead, 0),
        place: '党员活动室',
        topic: '',
      }).then(() => undefined),
    );
  }
}
