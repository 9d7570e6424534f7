// The monthly meeting (月点评会) in the demo county: at the meeting of two months ago (held early last month) the
// leaders gave two instructions and three units made commitments, each turned into a task the same morning. One
// task is closed since, one is overdue and one still running, so this month's pack shows what became of each.
import { addCalendarDays, type Day } from '../../calendar/rules.js';
import { defaultMeetingDate } from '../../modules/meeting/rules.js';
import { addNote, commitmentToTask } from '../../modules/meeting/service.js';
import { follow } from './tasks.js';
import type { Sim } from './world.js';

const COMMITMENTS = [
  { content: '集镇污水管网收尾工程完工并通水', days: 15, fate: 'prompt' },
  { content: '逾期未办结的 3 件信访件全部办结并回访', days: 10, fate: 'stuck' },
  { content: '高标准农田建设项目完成竣工验收资料', days: 0, fate: 'slow' },
] as const;

export function scheduleMeeting(sim: Sim, month: string, today: Day) {
  const meeting = defaultMeetingDate(sim.cal, month);
  if (meeting >= today) return;
  sim.at(sim.time(meeting, 11, 30), async () => {
    const leaders = [...sim.cast.leaders.values()];
    const office = sim.cast.office;
    await addNote(sim.deps, office, month, {
      kind: 'instruction',
      content: '红灯事项牵头单位主要负责人要亲自调度，下次会议前逐项销号',
      leaderName: leaders[0]!.name,
      unitId: null,
      dueDate: null,
      taskId: null,
    });
    await addNote(sim.deps, office, month, {
      kind: 'instruction',
      content: '承诺事项纳入督办台账，督查室每周跟踪通报',
      leaderName: (leaders[1] ?? leaders[0])!.name,
      unitId: null,
      dueDate: null,
      taskId: null,
    });
    for (const [i, c] of COMMITMENTS.entries()) {
      const unit = sim.cast.units[i]!;
      // The third is due after today, so it is still running.
      const dueDate = c.days ? addCalendarDays(meeting, c.days) : addCalendarDays(today, 20);
      const note = await addNote(sim.deps, office, month, { kind: 'commitment', content: c.content, leaderName: '', unitId: unit.id, dueDate, taskId: null });
      const turned = await commitmentToTask(sim.deps, office, note.note.id, note.note.version);
      follow(sim, turned.task!.id!, unit, dueDate, c.fate);
    }
  });
}
