// Appeals (申诉) in the demo county: the day after a month's review meeting a unit appeals one of its deductions,
// and two working days later the office decides. One month's appeal is upheld (a correction beside the published
// score), an earlier month's dismissed.
import { dayOf, type Day } from '../../calendar/rules.js';
import { decideAppeal, fileAppeal } from '../../modules/review/appeals.js';
import { monthScores } from '../../modules/review/read.js';
import { seededRandom } from './random.js';
import type { Sim } from './world.js';

// What a unit writes, and what the office answers, per outcome.
const STORIES = {
  upheld: {
    reason: '该事项因上级调整项目规划暂停施工，延期已经分管县领导书面同意，逾期期间不应计扣分',
    evidence: '县政府专题会议纪要〔{y}〕{n}号；分管县领导批示件',
    decision: '经核实，延期已经分管县领导同意，会议纪要在案，申诉成立，冲回该项扣分',
  },
  dismissed: {
    reason: '督办单送达时正值换届，联络员变动，未能及时签收办理，请求不予扣分',
    evidence: '镇党委关于联络员调整的说明',
    decision: '人员调整不影响单位履职，督办单已按规定送达，扣分依据充分，申诉不成立',
  },
} as const;

/** Schedules one appeal against `month`, filed the working day after its meeting and decided two working days later. */
export function scheduleAppeal(sim: Sim, month: string, meeting: Day, outcome: keyof typeof STORIES, seed: number) {
  // A stream of its own, so the appeal's choices leave the rest of the history as it was.
  const r = seededRandom(seed + (outcome === 'upheld' ? 31 : 37));
  const story = STORIES[outcome];
  sim.at(sim.time(sim.workingDay(meeting, 1), 10, 20), async () => {
    const scores = await monthScores(sim.deps.db, month, dayOf(sim.deps.clock.now()));
    // The deduction the story is about (a late task, or a chasing sheet), else any deduction.
    const fits = (kind: string) => (outcome === 'upheld' ? kind === 'overdue_day' || kind === 'carried' : kind.startsWith('sheet_'));
    const contested = sim.cast.units.flatMap((u) => {
      const deductions = scores.rows.find((row) => row.unitId === u.id)?.facts.filter((f) => f.points < 0 && f.factId !== undefined) ?? [];
      const fact = deductions.find((f) => fits(f.kind)) ?? deductions[0];
      return fact ? [{ u, factId: fact.factId!, fitting: fits(fact.kind) }] : [];
    });
    const fitting = contested.filter((c) => c.fitting);
    if (!contested.length) return;
    const { u, factId } = r.pick(fitting.length ? fitting : contested);
    const appeal = await fileAppeal(sim.deps, u.liaison, month, {
      object: 'fact',
      id: factId,
      reason: story.reason,
      evidence: story.evidence.replace('{y}', month.slice(0, 4)).replace('{n}', String(r.int(5, 60))),
    });
    sim.at(sim.time(sim.workingDay(meeting, 3), 15, 10), async () => {
      await decideAppeal(sim.deps, sim.cast.office, appeal.id, { decision: outcome === 'upheld' ? 'uphold' : 'dismiss', reason: story.decision });
    });
  });
}
