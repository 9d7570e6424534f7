// A task's life after it is handed over: signing, progress reports with photos, the closing request and the joint
// review, or a slower road (late, stuck, declined, suspended, cancelled). Each step is a service call on the agenda;
// whatever falls after "now" never happens, which leaves the county's open work as it stands today.
import { addCalendarDays, dayOf, diffCalendarDays, type Day, monthEnd, monthOf } from '../../calendar/rules.js';
import { cancelTask, fileRequest, review } from '../../modules/closing/service.js';
import { findRequest, pendingRequestOf } from '../../modules/closing/store.js';
import { uploadAttachment } from '../../modules/tasks/attachments.js';
import { findTask } from '../../modules/tasks/store.js';
import { categoryOwner, indicatorsOf, milestonesOf } from '../../modules/tasks/read.js';
import type { ReportCadence } from '../../modules/tasks/read.js';
import { addReport, createTask, transition, type TaskInput } from '../../modules/tasks/service.js';
import type { TaskSource, TaskLevel } from '../../modules/tasks/rules.js';
import { CLOSING_SUMMARIES, type Content, DECLINE_REASONS, PROBLEMS, REJECTIONS, REPORT_TEXTS } from './content.js';
import { makePhoto } from './photos.js';
import { followParts, partTerms, settleParts } from './parts.js';
import { seededRandom } from './random.js';
import { actorOf, type Acting, type Sim, type UnitCast } from './world.js';

export type Fate = 'prompt' | 'slow' | 'stuck' | 'rejected' | 'declined' | 'cancelled' | 'suspended';

// Work handed over in the last weeks is more often still behind: that is what the county's desks show today.
export function chooseFate(sim: Sim): Fate {
  const recent = sim.end - sim.now() < 40 * 86_400_000;
  return sim.random.weighted<Fate>([
    ['prompt', recent ? 45 : 60],
    ['slow', recent ? 22 : 15],
    ['stuck', recent ? 15 : 8],
    ['rejected', 9],
    ['declined', 3],
    ['cancelled', 3],
    ['suspended', 2],
  ]);
}

interface Life {
  id: number;
  unit: UnitCast;
  fate: Fate;
  deadline: Day;
  // The day the unit means to file its closing request.
  closeOn: Day;
  reports: number;
}

const status = async (sim: Sim, id: number) => (await findTask(sim.deps.db, id))!.status;

// Milestones fall between start and deadline, spread evenly.
export function milestonesFor(names: string[], start: Day, deadline: Day) {
  const span = Math.max(diffCalendarDays(start, deadline), 0);
  if (span < 10) return [];
  return names.map((name, i) => ({ name, dueDate: addCalendarDays(start, Math.round((span * (i + 1)) / names.length)) }));
}

export interface OfficeTaskSpec {
  source: TaskSource;
  unit: UnitCast;
  leaderId: number | null;
  level: TaskLevel;
  category: number | null;
  content: Content;
  title?: string;
  start: Day;
  deadline: Day;
  cooperators: UnitCast[];
  cadence?: ReportCadence;
}

// The office drafts a task and hands it over within a working day; a draft created in the last days may still wait.
export async function officeTask(sim: Sim, spec: OfficeTaskSpec, fate: Fate = chooseFate(sim)) {
  const cooperators = spec.cooperators.filter((c) => c.id !== spec.unit.id);
  const input: TaskInput = {
    title: spec.title ?? spec.content.title,
    description: spec.content.measures,
    source: spec.source,
    categoryId: spec.category,
    level: spec.level,
    leadLeaderId: spec.leaderId,
    leadUnitId: spec.unit.id,
    cooperators: partTerms(sim, cooperators, spec.start, spec.deadline),
    responsiblePersonId: spec.unit.liaison.actor.personId,
    responsibleName: '',
    responsiblePhone: '',
    startDate: spec.start,
    deadline: spec.deadline,
    standard: spec.content.standard,
    period: monthOf(spec.start),
    milestones: spec.level === 'major' ? milestonesFor(spec.content.milestones, spec.start, spec.deadline) : [],
    indicators: spec.content.indicator ? [spec.content.indicator] : [],
    tags: [],
    reportCadence: spec.cadence ?? { kind: 'none' },
    evidenceRequired: spec.level === 'major',
  };
  const id = await createTask(sim.deps, sim.cast.office, input);
  sim.at(sim.officeTime(dayOf(new Date(sim.now())), sim.random.int(0, 1)), async () => {
    if ((await status(sim, id)) !== 'draft') return;
    await transition(sim.deps, sim.cast.office, id, 'assign', {});
    follow(sim, id, spec.unit, spec.deadline, fate);
    if (cooperators.length) followParts(sim, id, spec.unit, cooperators, spec.deadline, fate === 'slow' || fate === 'stuck');
  });
  return id;
}

// Schedules the life of a task just handed over to `unit`.
export function follow(sim: Sim, id: number, unit: UnitCast, deadline: Day, fate: Fate = chooseFate(sim)) {
  const today = dayOf(new Date(sim.now()));
  const r = sim.random;
  const span = Math.max(diffCalendarDays(today, deadline), 1);
  let closeOn: Day;
  if (fate === 'slow') closeOn = addCalendarDays(deadline, r.int(1, 8));
  else if (fate === 'stuck') closeOn = addCalendarDays(deadline, r.int(45, 220));
  else closeOn = addCalendarDays(today, Math.max(3, Math.round(span * (0.75 + r.next() * 0.25))));
  const life: Life = { id, unit, fate, deadline, closeOn, reports: 0 };
  // Most units sign the same working day (the 13710 "1"); slow ones the next, drawing a warning sheet.
  const signAt = fate === 'slow' ? sim.officeTime(today, 1) : sim.now() + r.int(20, 240) * 60_000;
  sim.at(signAt, async () => {
    if ((await status(sim, id)) !== 'assigned') return;
    if (fate === 'declined') {
      await transition(sim.deps, unit.liaison, id, 'decline', { reason: r.pick(DECLINE_REASONS) });
      // The office mostly talks it over and hands it back; a few stay with the office.
      if (r.chance(0.6)) {
        sim.at(sim.officeTime(dayOf(new Date(sim.now())), r.int(1, 3)), async () => {
          if ((await status(sim, id)) !== 'declined') return;
          await transition(sim.deps, sim.cast.office, id, 'assign', {});
          follow(sim, id, unit, deadline, 'prompt');
        });
      }
      return;
    }
    await transition(sim.deps, unit.liaison, id, 'sign', {});
    scheduleReport(sim, life, fate === 'slow' ? r.int(4, 7) : r.int(1, 3), true);
    if (fate === 'cancelled') {
      sim.at(sim.officeTime(addCalendarDays(today, r.int(8, 40)), 0), async () => {
        const s = await status(sim, id);
        if (s === 'closed' || s === 'cancelled') return;
        await cancelTask(sim.deps, sim.cast.office, id, {
          reason: r.pick(['因规划调整，该事项不再实施', '经县领导同意，该事项并入其他事项统一办理', '上级政策调整，事项终止']),
        });
      });
    }
    if (fate === 'suspended') {
      sim.at(sim.officeTime(addCalendarDays(today, r.int(6, 20)), 0), async () => {
        const s = await status(sim, id);
        if (!['signed', 'in_progress', 'returned'].includes(s)) return;
        const leader = sim.cast.leaders.get(unit.leaderKey)!;
        await transition(sim.deps, sim.cast.office, id, 'suspend', { reason: '受上级审批政策调整影响，暂缓实施', approverLeaderId: leader.id });
        // Half of the older suspensions resume; the last three months' stay suspended, so the county always shows some.
        if (r.chance(0.5) && sim.now() < sim.end - 90 * 86_400_000) {
          sim.at(sim.officeTime(addCalendarDays(dayOf(new Date(sim.now())), r.int(20, 45)), 0), async () => {
            if ((await status(sim, id)) !== 'suspended') return;
            await transition(sim.deps, sim.cast.office, id, 'resume', {});
            life.fate = 'prompt';
            life.closeOn = addCalendarDays(dayOf(new Date(sim.now())), r.int(10, 30));
            scheduleReport(sim, life, r.int(2, 5), true);
          });
        }
      });
    }
  });
}

// The first report counts in working days (13710's "3"); later ones in calendar days, landing on a working day.
function scheduleReport(sim: Sim, life: Life, days: number, working = false) {
  const today = dayOf(new Date(sim.now()));
  const at = working ? sim.officeTime(today, days) : sim.officeTime(addCalendarDays(today, days), 0);
  sim.at(at, () => report(sim, life));
}

async function report(sim: Sim, life: Life) {
  const r = sim.random;
  const s = await status(sim, life.id);
  if (!['signed', 'in_progress', 'returned'].includes(s)) return;
  const today = dayOf(new Date(sim.now()));
  const due = await milestonesOf(sim.deps.db, [life.id]);
  const attachmentIds = r.chance(0.2) ? await photos(sim, life.unit.liaison, life.id, 1) : [];
  const total = Math.max(diffCalendarDays(today, life.closeOn) + life.reports * 8, 1);
  const percent = Math.min(95, Math.round(((life.reports * 8 + 5) / total) * 100));
  await addReport(sim.deps, life.unit.liaison, life.id, {
    text: r.pick(REPORT_TEXTS),
    percent: life.fate === 'stuck' ? Math.min(percent, 40 + life.reports * 3) : percent,
    problems: life.fate === 'stuck' ? r.pick(PROBLEMS.filter(Boolean)) : r.pick(PROBLEMS),
    coordination: '',
    indicatorActuals: [],
    milestonesDone: due
      .filter((m) => !m.doneDate && m.dueDate <= today && life.fate !== 'stuck')
      .map((m) => ({ milestoneId: m.id, doneDate: m.dueDate, evidence: '现场照片已随进度反馈上传' })),
    attachmentIds,
  });
  life.reports += 1;
  if (life.fate === 'cancelled' || life.fate === 'suspended' || (life.fate === 'stuck' && today < life.closeOn)) {
    // Stuck tasks report less and less often.
    scheduleReport(sim, life, life.fate === 'stuck' ? r.int(20, 35) : r.int(10, 18));
    return;
  }
  if (today >= life.closeOn || diffCalendarDays(today, life.closeOn) <= 2) {
    sim.at(sim.officeTime(life.closeOn > today ? life.closeOn : today, life.closeOn > today ? 0 : 1), () => fileClosing(sim, life));
  } else {
    scheduleReport(sim, life, Math.min(r.int(10, 18), Math.max(diffCalendarDays(today, life.closeOn) - 1, 1)));
  }
}

const PHOTOS = 12;
const photoCache: Buffer[] = [];

async function photos(sim: Sim, who: Acting, taskId: number, n: number) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    // A dozen pictures, reused: enough variety on screen without slowing the seed.
    const k = sim.random.int(0, PHOTOS - 1);
    photoCache[k] ??= await makePhoto(seededRandom(k + 1));
    const bytes = photoCache[k];
    const file = await uploadAttachment(sim.deps, who, taskId, {
      name: `现场照片${dayOf(new Date(sim.now())).replaceAll('-', '')}-${i + 1}.jpg`,
      bytes: new Uint8Array(bytes),
    });
    ids.push(file.id);
  }
  return ids;
}

async function fileClosing(sim: Sim, life: Life) {
  const r = sim.random;
  const s = await status(sim, life.id);
  if (s !== 'in_progress' && s !== 'returned') return;
  await settleParts(sim, life.id, life.unit);
  const task = (await findTask(sim.deps.db, life.id))!;
  const attachmentIds = task.evidenceRequired || r.chance(0.3) ? await photos(sim, life.unit.liaison, life.id, 1) : [];
  const indicators = await indicatorsOf(sim.deps.db, life.id);
  const today = dayOf(new Date(sim.now()));
  const requestId = await fileRequest(sim.deps, life.unit.liaison, life.id, {
    summary: r.pick(CLOSING_SUMMARIES),
    indicatorResults: indicators.map((i) => ({ indicatorId: i.id, actual: Math.round(i.target * (0.95 + r.next() * 0.25)) })),
    finishedOn: today,
    attachmentIds,
  });
  // The joint review: the assessment office answers first, the supervision office (督查室) last.
  const rejecting = life.fate === 'rejected' ? r.pick(['supervision', 'efficiency', 'assessment'] as const) : null;
  const delays = { assessment: r.int(0, 1), efficiency: r.int(0, 2), supervision: r.int(1, 3) };
  for (const office of ['assessment', 'efficiency', 'supervision'] as const) {
    sim.at(sim.officeTime(today, delays[office]), async () => {
      const request = await findRequest(sim.deps.db, requestId);
      if (request?.status !== 'pending') return;
      const reject = office === rejecting;
      await review(sim.deps, sim.cast.reviewers[office], requestId, { decision: reject ? 'reject' : 'approve', comment: reject ? r.pick(REJECTIONS) : '' });
      if (reject) {
        // Fixed and filed again within a week or two.
        life.fate = 'prompt';
        life.closeOn = addCalendarDays(dayOf(new Date(sim.now())), r.int(4, 12));
        scheduleReport(sim, life, r.int(1, 3), true);
      }
    });
  }
  ownerReview(sim, task, requestId, today, r.int(1, 3));
}

const OWNER_COMMENTS = ['', '经核实，完成情况与行业统计数据一致。', '符合归口管理要求，同意销号。'];

// The owning office of the item's category (归口单位) reviews too, `delay` working days after the filing; after the
// three offices or before them, the request closes on the last approval.
function ownerReview(sim: Sim, task: { leadUnitId: number; categoryId: number | null }, requestId: number, filedOn: Day, delay: number) {
  sim.at(sim.time(sim.workingDay(filedOn, delay), 10, 30), async () => {
    const owner = sim.cast.owners.get((await categoryOwner(sim.deps.db, task.categoryId))?.unitId ?? 0);
    const request = await findRequest(sim.deps.db, requestId);
    if (!owner || owner.actor.unitId === task.leadUnitId || request?.status !== 'pending') return;
    await review(sim.deps, owner, requestId, { decision: 'approve', comment: sim.random.pick(OWNER_COMMENTS) });
  });
}

/**
 * An industry item (工业经济, owned by 县发改委) whose closing request the three offices approved yesterday and the
 * commission has still to review today: its liaison (fagaiwei) finds work waiting on first login.
 */
export function scheduleOwnerPending(sim: Sim, today: Day) {
  const unit = sim.cast.units.find((u) => u.code === 'T05') ?? sim.cast.units[0]!;
  const start = sim.workingDay(addCalendarDays(today, -30), 0);
  const filedOn = sim.workingDay(addCalendarDays(today, -4), 0);
  if (filedOn >= today) return;
  let id = 0;
  sim.at(sim.time(start, 9, 20), async () => {
    id = await createTask(sim.deps, sim.cast.office, {
      title: '推进闲置厂房盘活季度目标任务',
      description: `${unit.name}成立工作专班，逐户摸清闲置厂房底数，一企一策招引项目入驻。`,
      source: 'meeting',
      categoryId: sim.cast.categories.get('工业经济') ?? null,
      level: 'general',
      leadLeaderId: null,
      leadUnitId: unit.id,
      cooperators: [],
      responsiblePersonId: unit.liaison.actor.personId,
      responsibleName: '',
      responsiblePhone: '',
      startDate: start,
      deadline: addCalendarDays(today, 20),
      standard: '完成年度目标的阶段任务，数据经统计部门确认',
      period: monthOf(start),
      milestones: [],
      indicators: [],
      tags: [],
      reportCadence: { kind: 'none' },
      evidenceRequired: false,
    });
    await transition(sim.deps, sim.cast.office, id, 'assign', {});
  });
  sim.at(sim.time(start, 15, 10), async () => {
    await transition(sim.deps, unit.liaison, id, 'sign', {});
  });
  sim.at(sim.time(sim.workingDay(start, 5), 16, 0), async () => {
    await addReport(sim.deps, unit.liaison, id, {
      text: '已盘活闲置厂房 2 处，新引进企业 1 家正在装修。',
      percent: 60,
      problems: '',
      coordination: '',
      indicatorActuals: [],
      milestonesDone: [],
      attachmentIds: [],
    });
  });
  sim.at(sim.time(filedOn, 11, 0), async () => {
    await fileRequest(sim.deps, unit.liaison, id, {
      summary: '闲置厂房 3 处全部盘活，入驻企业均已投产。',
      indicatorResults: [],
      finishedOn: filedOn,
      attachmentIds: [],
    });
  });
  const decided = sim.workingDay(filedOn, 1);
  (['assessment', 'efficiency', 'supervision'] as const).forEach((office, i) =>
    sim.at(sim.time(decided, 9 + i, 15), async () => {
      const request = await pendingRequestOf(sim.deps.db, id);
      if (request) await review(sim.deps, sim.cast.reviewers[office], request.id, { decision: 'approve', comment: '' });
    }),
  );
}

// A monthly item's deadline: within the last twelve days of its month.
export const monthDeadline = (month: string, random: Sim['random']) => addCalendarDays(monthEnd(month), -random.int(0, 12));

// Two tasks the office handed to 东关社区 (a community under 城关街道), so its head (danwei.t01v01) finds work on first
// login: one signed and reported on, one handed over yesterday and waiting to be signed.
const VILLAGE_WORK = [
  {
    title: '推进老旧小区雨污分流改造入户宣传',
    description: '东关社区逐栋逐户上门宣传改造方案，收集居民意见，配合施工单位做好入户协调。',
    standard: '入户宣传覆盖率100%，居民意见逐条登记并答复',
    startIn: -12,
    deadlineIn: 18,
  },
  {
    title: '开展冬季燃气安全入户排查',
    description: '东关社区联合物业对辖区居民燃气管线、报警装置逐户排查，建立隐患台账。',
    standard: '排查全覆盖，隐患当日登记、限期整改销号',
    startIn: -1,
    deadlineIn: 25,
  },
];

export function scheduleVillageWork(sim: Sim, today: Day) {
  for (const [i, work] of VILLAGE_WORK.entries()) {
    let start = addCalendarDays(today, work.startIn);
    while (sim.workingDay(start, 0) !== start) start = addCalendarDays(start, -1);
    let id = 0;
    let head: Acting;
    sim.at(sim.time(start, 10, 5 + i), async () => {
      head = await actorOf(sim.deps, 'danwei.t01v01');
      id = await createTask(sim.deps, sim.cast.office, {
        title: work.title,
        description: work.description,
        source: 'meeting',
        categoryId: null,
        level: 'general',
        leadLeaderId: null,
        leadUnitId: head.actor.unitId!,
        cooperators: [],
        responsiblePersonId: head.actor.personId,
        responsibleName: '',
        responsiblePhone: '',
        startDate: start,
        deadline: addCalendarDays(today, work.deadlineIn),
        standard: work.standard,
        period: monthOf(start),
        milestones: [],
        indicators: [],
        tags: [],
        reportCadence: { kind: 'none' },
        evidenceRequired: false,
      });
      await transition(sim.deps, sim.cast.office, id, 'assign', {});
    });
    if (work.startIn > -5) continue;
    sim.at(sim.time(start, 16, 20), async () => {
      await transition(sim.deps, head, id, 'sign', {});
    });
    sim.at(sim.time(sim.workingDay(start, 6), 17, 0), async () => {
      await addReport(sim.deps, head, id, {
        text: '已完成 6 栋 212 户入户宣传，收集意见 37 条，已答复 30 条。',
        percent: 45,
        problems: '部分出租户联系不上',
        coordination: '',
        indicatorActuals: [],
        milestonesDone: [],
        attachmentIds: [],
      });
    });
  }
}
