// 明察暗访 and 舆论督办 in the demo county: one standing team over the history's units; in each of the last three
// months an open and an unannounced inspection, visited mid-month with a photo, a good practice and a problem, and
// filed (the problem becomes a rectification task, the leader in charge gets the 提示件). This month's unannounced
// visit is recorded but not yet filed, so the unit sees nothing of it. The first rectification task is on the public page.
import { addCalendarDays, type Day, monthStart } from '../../calendar/rules.js';
import { mark } from '../../modules/disclosure/service.js';
import { addFinding, addPhoto, createTeam, fileInspection, planInspection, recordVisit } from '../../modules/inspections/service.js';
import { makePhoto } from './photos.js';
import { seededRandom } from './random.js';
import type { Sim } from './world.js';

const VISITS = [
  { subject: '人居环境整治', place: '集镇主街及垃圾中转站', good: '推行“门前三包”积分制，群众参与度高', problem: '垃圾中转站周边有垃圾堆放，未及时清运' },
  { subject: '安全生产', place: '辖区内规模以上企业', good: '企业安全生产台账规范，隐患整改闭环', problem: '一家企业消防通道堆放杂物，应急照明损坏' },
  { subject: '重点项目推进', place: '项目建设现场', good: '项目现场实行挂图作战，进度一目了然', problem: '项目进度滞后于序时计划，征迁扫尾未完成' },
] as const;

export function scheduleInspections(sim: Sim, months: string[], today: Day) {
  // Its own random stream, so the rest of the history stays as it was.
  const random = seededRandom(16);
  let team = 0;
  let disclosed = false;
  const start = monthStart(months[0]!);
  sim.at(sim.time(sim.workingDay(start, 0), 9), async () => {
    const units = sim.cast.units.slice(0, 4);
    team = (await createTeam(sim.deps, sim.cast.office, { name: '第一督查组', leadName: '周立新', members: ['陈静', '刘洋'], unitIds: units.map((u) => u.id) }))
      .id;
  });
  for (const [m, month] of months.entries()) {
    for (const mode of ['open', 'unannounced'] as const) {
      const unit = sim.cast.units[(m * 2 + (mode === 'open' ? 0 : 1)) % 4]!;
      const visit = VISITS[(m + (mode === 'open' ? 0 : 1)) % VISITS.length]!;
      const visitDay = sim.workingDay(addCalendarDays(monthStart(month), 12), 0);
      if (visitDay >= today) continue;
      const current = m === months.length - 1;
      sim.at(sim.time(sim.workingDay(monthStart(month), 1), 10), async () => {
        const plan = await planInspection(sim.deps, sim.cast.office, {
          cycle: 'month',
          period: month,
          teamId: team,
          unitId: unit.id,
          subject: visit.subject,
          mode,
          method: 'on_site',
          plannedOn: visitDay,
        });
        sim.at(sim.time(visitDay, 16, 30), async () => {
          const id = plan.inspection.id;
          const recorded = await recordVisit(sim.deps, sim.cast.office, id, {
            visitedOn: visitDay,
            place: `${unit.name}${visit.place}`,
            peopleMet: mode === 'open' ? '单位分管负责人' : '',
            observations: `${mode === 'open' ? '现场查看' : '不打招呼、直奔现场'}，${visit.good.slice(0, 8)}等工作有成效，也发现一些问题。`,
            version: plan.inspection.version,
          });
          await addPhoto(
            sim.deps,
            sim.cast.office,
            id,
            { name: '现场.jpg', bytes: await makePhoto(random) },
            { takenAt: new Date(sim.time(visitDay, 10, 20)), place: `${unit.name}${visit.place}` },
          );
          await addFinding(sim.deps, sim.cast.office, id, { grade: 'good', content: visit.good, ownerUnitId: null, ownerName: '', deadline: null });
          await addFinding(sim.deps, sim.cast.office, id, {
            grade: mode === 'unannounced' ? 'serious' : 'problem',
            content: visit.problem,
            ownerUnitId: unit.id,
            ownerName: '',
            deadline: addCalendarDays(visitDay, 20),
          });
          if (current && mode === 'unannounced') return;
          const filed = await fileInspection(sim.deps, sim.cast.office, id, recorded.inspection.version);
          const taskId = filed.findingList.find((f) => f.finding.taskId !== null)?.finding.taskId;
          if (!disclosed && taskId) {
            disclosed = true;
            await mark(sim.deps, sim.cast.office, taskId, {
              summary: `督查发现问题后，${unit.name}已制定整改方案，明确责任人和时限，正在逐项整改。`,
              photoIds: [],
              version: 0,
            });
          }
        });
      });
    }
  }
}
