// 单位之星 / 干部之星 and 亮点工作 in the demo county: late in each month units put forward themselves, a cadre and
// their highlight work; the day before the meeting the office shortlists and selects, and at the meeting (before the
// review is published) the stars are decided — by the meeting, now and then by a vote — and the month is closed. The
// current month has nominations waiting. Half-year highlight work is chosen in the first month of the next half.
import { addCalendarDays, type Day, monthEnd } from '../../calendar/rules.js';
import {
  closeMonth,
  decide,
  decideHighlight,
  listHighlights,
  monthStars,
  nominate,
  nominateHighlight,
  reject,
  shortlist,
} from '../../modules/stars/service.js';
import { seededRandom } from './random.js';
import type { Sim, UnitCast } from './world.js';

const UNIT_CITATIONS = [
  ['秸秆禁烧和综合利用实现“零火点”，综合利用率达 95%', '县委办督查通报'],
  ['重点项目“拿地即开工”，当月新开工项目 3 个，投资进度居全县第一', '县发改委项目调度月报'],
  ['信访积案清零，群众满意度测评居全县前列', '县信访局通报'],
  ['招商引资签约亿元以上项目 2 个，当月到位资金超序时进度', '县招商中心月度统计'],
  ['人居环境整治月度考评第一，被市里作为现场观摩点', '市人居环境整治现场会通知'],
  ['防汛抢险组织有力，转移群众 300 余人无一伤亡', '县防指通报'],
  ['营商环境“一窗通办”改革，办件时限压缩 60%', '县政务服务中心数据'],
] as const;

const CADRE_CITATIONS = [
  '驻村蹲点 40 天，协调解决灌溉水源问题，受益群众 2000 余人',
  '连续 20 天坚守项目一线，推动征迁签约率从 60% 提高到 100%',
  '牵头化解一起历时 5 年的信访积案，当事人送来锦旗',
  '带队开展安全生产大排查，发现并督促整改隐患 56 处',
  '放弃节假日休息，完成 3 个村的集体经济收益分配方案',
] as const;

const HIGHLIGHTS = [
  ['“周例会+现场办公”推进重点项目', '每周在项目现场召开调度会，当场解决问题，当月解决堵点 12 个'],
  ['村级“积分超市”激发治理活力', '群众参与人居环境整治兑换积分，参与率由 40% 提高到 85%'],
  ['“企业吹哨、部门报到”服务机制', '企业诉求 24 小时内响应，办结率 100%，获市营商办推广'],
  ['网格化矛盾纠纷排查调处', '网格员每日走访，矛盾纠纷就地化解率 98%'],
  ['农村集体经济“抱团发展”', '5 个村联合成立合作社，村均增收 8 万元'],
] as const;

// What a county leader saw on their rounds of a unit in their portfolio (领导推荐).
const LEADER_CITATIONS = [
  ['调研中看到该单位征迁攻坚一线推进扎实，群众工作细致，值得全县学习', '县领导调研督导情况'],
  ['分管领域月度调度排名第一，重点任务全部提前完成', '县领导分管领域调度会纪要'],
] as const;

const NOT_SHORTLISTED = ['事迹为常规工作，突出性不够', '佐证材料不足，建议补充后下月再报'];
const NOT_SELECTED = '做法尚在试行，成效有待检验，建议持续推进后再报';

export function scheduleStars(sim: Sim, reviewed: string[], current: string, seed: number) {
  // A stream of its own, so the stars' choices leave the rest of the history as it was; the leaders' another.
  const r = seededRandom(seed + 13);
  const lr = seededRandom(seed + 17);
  const evidence = (text: string, month: string) => `${text}（${month.slice(0, 4)}年${Number(month.slice(5, 7))}月）`;

  const nominateMonth = (month: string, units: UnitCast[]) =>
    sim.at(sim.time(sim.workingDay(`${month}-20` as Day, 0), 10, 15), async () => {
      for (const u of units) {
        const [citation, source] = r.pick(UNIT_CITATIONS);
        await nominate(sim.deps, u.liaison, { period: month, kind: 'unit', unitId: u.id, personId: null, citation, evidence: evidence(source, month) });
      }
      for (const u of units.slice(0, Math.ceil(units.length / 2))) {
        const personId = u.liaison.actor.personId;
        if (personId !== null)
          await nominate(sim.deps, u.liaison, {
            period: month,
            kind: 'cadre',
            unitId: u.id,
            personId,
            citation: r.pick(CADRE_CITATIONS),
            evidence: evidence('本单位党组会议推荐意见', month),
          });
      }
      for (const u of units.slice(0, 3)) {
        const [title, description] = r.pick(HIGHLIGHTS);
        await nominateHighlight(sim.deps, u.liaison, {
          cycle: 'month',
          period: month,
          unitId: u.id,
          title,
          description,
          evidence: evidence('单位工作简报', month),
        });
      }
    });

  // The next day a county leader with an account puts forward a unit of their portfolio its liaison did not (T01 is
  // left for the browser test's own nominations).
  const leaderNominates = (month: string, taken: UnitCast[]) =>
    sim.at(sim.time(sim.workingDay(`${month}-21` as Day, 0), 16, 0), async () => {
      const open = sim.cast.units.filter((u) => u.code !== 'T01' && !taken.includes(u) && sim.cast.leaders.get(u.leaderKey)?.who);
      if (!open.length) return;
      const u = lr.pick(open);
      const [citation, source] = lr.pick(LEADER_CITATIONS);
      await nominate(sim.deps, sim.cast.leaders.get(u.leaderKey)!.who!, {
        period: month,
        kind: 'unit',
        unitId: u.id,
        personId: null,
        citation,
        evidence: evidence(source, month),
      });
    });

  for (const month of reviewed) {
    const units = r.shuffle(sim.cast.units).slice(0, r.int(5, 8));
    nominateMonth(month, units);
    leaderNominates(month, units);
    const meeting = sim.workingDay(addCalendarDays(monthEnd(month), 1), 2);
    // The day before the meeting: the office shortlists all but one and selects the month's highlight work.
    sim.at(sim.time(sim.workingDay(addCalendarDays(monthEnd(month), 1), 1), 15, 0), async () => {
      const items = (await monthStars(sim.deps, sim.cast.office.actor, month)).items;
      for (const [i, { n }] of items.entries()) {
        if (i === 1) await reject(sim.deps, sim.cast.office, n.id, { version: n.version, reason: r.pick(NOT_SHORTLISTED) });
        else await shortlist(sim.deps, sim.cast.office, n.id, { version: n.version });
      }
      for (const [i, { h }] of (await listHighlights(sim.deps, sim.cast.office.actor, { cycle: 'month', period: month })).entries())
        await decideHighlight(sim.deps, sim.cast.office, h.id, {
          version: h.version,
          select: i !== 2,
          reason: i !== 2 ? '做法有创新、成效可量化，在全县推广' : NOT_SELECTED,
        });
    });
    // At the meeting, before the review is published (09:30): the stars are decided and the month closed.
    sim.at(sim.time(meeting, 9, 0), async () => {
      const items = (await monthStars(sim.deps, sim.cast.office.actor, month)).items.filter(({ n }) => n.status === 'shortlisted');
      const byVote = r.chance(0.5);
      for (const [i, { n }] of items.entries()) {
        const award = i !== items.length - 1;
        const votes = award
          ? { votesFor: r.int(9, 13), votesAgainst: r.int(0, 2), votesAbstain: r.int(0, 1) }
          : { votesFor: 4, votesAgainst: 7, votesAbstain: 2 };
        await decide(sim.deps, sim.cast.office, n.id, {
          version: n.version,
          award,
          ...(byVote ? { method: 'vote', ...votes } : { method: 'meeting' }),
          note: byVote ? '县委常委扩大会议投票表决' : '县委常委扩大会议研究确定',
        });
      }
      await closeMonth(sim.deps, sim.cast.office, month);
    });
    // The first month of a half year: the last half's highlight work is put forward and chosen.
    if (month.endsWith('-01') || month.endsWith('-07')) {
      const half = month.endsWith('-01') ? `${Number(month.slice(0, 4)) - 1}-H2` : `${month.slice(0, 4)}-H1`;
      const put = sim.time(sim.workingDay(`${month}-06` as Day, 0), 11, 0);
      const picks = r.shuffle(sim.cast.units).slice(0, 4);
      sim.at(put, async () => {
        for (const u of picks) {
          const [title, description] = r.pick(HIGHLIGHTS);
          await nominateHighlight(sim.deps, u.liaison, {
            cycle: 'half_year',
            period: half,
            unitId: u.id,
            title,
            description,
            evidence: '半年工作总结及第三方评估',
          });
        }
      });
      sim.at(sim.time(sim.workingDay(`${month}-14` as Day, 0), 16, 0), async () => {
        for (const [i, { h }] of (await listHighlights(sim.deps, sim.cast.office.actor, { cycle: 'half_year', period: half })).entries())
          await decideHighlight(sim.deps, sim.cast.office, h.id, { version: h.version, select: i < 2, reason: i < 2 ? '半年亮点工作评选入选' : NOT_SELECTED });
      });
    }
  }
  // This month: nominations waiting for the office (T01 left for its own liaison, as in the browser test).
  const waiting = r.shuffle(sim.cast.units.filter((u) => u.code !== 'T01')).slice(0, 4);
  nominateMonth(current, waiting);
  leaderNominates(current, waiting);
}
