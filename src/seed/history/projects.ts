// Key projects (重点项目) in the demo county: six projects registered by the office at the start of the year of
// history, each with its steps (工序) in phases, a monthly investment plan to the end of this year, the lead unit's
// actual dates and monthly reports, one running step per two projects linked to a ledger task, and a dated site photo
// each month of the last six (EXIF date and place, as a phone writes them). One project runs late (yellow), the
// preliminary one has passed its last date node (red). Written through the services on the stepping clock.
import sharp from 'sharp';
import { addCalendarDays, type Day, monthOf, monthStart } from '../../calendar/rules.js';
import { nextMonth } from '../../modules/plans/rules.js';
import { stepDue } from '../../modules/projects/rules.js';
import { addStep, createProject, linkStepTask, setInvestment, setStepActual, uploadPhoto } from '../../modules/projects/service.js';
import type { ProjectKind } from '../../shared/labels.js';
import { seededRandom } from './random.js';
import type { Sim } from './world.js';

interface Plan {
  name: string;
  kind: ProjectKind;
  total: number; // 万元
  yearShare: number; // of the total, planned in a year
  address: string;
  // Phases and their steps (name, planned days); steps follow one another from the start offset.
  phases: [string, [string, number][]][];
  startOffset: number; // days after the history starts
  fate: 'on_time' | 'late' | 'stalled';
}

const PLANS: Plan[] = [
  {
    name: '县城污水处理厂提标改造工程',
    kind: 'continuing',
    total: 18600,
    yearShare: 0.45,
    address: '城关镇滨河路东段',
    phases: [
      [
        '土建施工',
        [
          ['生化池改造', 70],
          ['深度处理车间主体', 90],
          ['配套管网', 60],
        ],
      ],
      [
        '设备安装调试',
        [
          ['设备安装', 60],
          ['联动调试', 45],
          ['竣工验收', 40],
        ],
      ],
    ],
    startOffset: 10,
    fate: 'on_time',
  },
  {
    name: '城南片区棚户区改造安置房项目',
    kind: 'under_construction',
    total: 42000,
    yearShare: 0.4,
    address: '城南新区纬三路',
    phases: [
      [
        '主体施工',
        [
          ['基础及地下室', 80],
          ['主体结构封顶', 120],
        ],
      ],
      [
        '配套及装饰',
        [
          ['外立面装饰', 70],
          ['室外配套', 60],
          ['分户验收', 45],
        ],
      ],
    ],
    startOffset: 20,
    fate: 'late',
  },
  {
    name: '经济开发区标准化厂房三期',
    kind: 'under_construction',
    total: 26500,
    yearShare: 0.5,
    address: '经济开发区创业大道',
    phases: [
      [
        '场地及基础',
        [
          ['场地平整', 30],
          ['桩基施工', 50],
        ],
      ],
      [
        '厂房建设',
        [
          ['钢结构吊装', 80],
          ['屋面及墙面', 60],
          ['水电消防', 50],
          ['竣工验收', 30],
        ],
      ],
    ],
    startOffset: 40,
    fate: 'on_time',
  },
  {
    name: '国道改线工程（县城段）',
    kind: 'continuing',
    total: 65000,
    yearShare: 0.35,
    address: '县城东外环',
    phases: [
      [
        '路基工程',
        [
          ['征迁清表', 60],
          ['路基填筑', 110],
        ],
      ],
      [
        '路面及桥涵',
        [
          ['桥涵施工', 100],
          ['路面摊铺', 70],
          ['交安设施', 40],
        ],
      ],
    ],
    startOffset: 0,
    fate: 'on_time',
  },
  {
    name: '县人民医院门诊综合楼',
    kind: 'planned_start',
    total: 31000,
    yearShare: 0.3,
    address: '人民路与健康路交口',
    phases: [
      [
        '开工准备',
        [
          ['施工图审查', 40],
          ['施工招标', 45],
          ['施工许可', 20],
        ],
      ],
      [
        '基础施工',
        [
          ['基坑支护', 60],
          ['筏板基础', 70],
        ],
      ],
    ],
    startOffset: 120,
    fate: 'on_time',
  },
  {
    name: '农产品冷链物流中心',
    kind: 'preliminary',
    total: 12800,
    yearShare: 0.15,
    address: '县城北郊物流园',
    phases: [
      [
        '前期手续',
        [
          ['项目立项', 40],
          ['用地预审', 60],
          ['环评批复', 50],
          ['规划许可', 45],
        ],
      ],
    ],
    startOffset: 150,
    fate: 'stalled',
  },
];

// A site seen from the same spot month after month: the building rises with `progress` (0…1). No text.
async function sitePhoto(progress: number, hue: number, taken: Day, place: { latitude: number; longitude: number }): Promise<Buffer> {
  const floors = Math.max(1, Math.round(progress * 9));
  const top = 300 - floors * 24;
  const windows = Array.from({ length: floors }, (_, f) =>
    Array.from(
      { length: 6 },
      (_, w) => `<rect x="${168 + w * 26}" y="${300 - (f + 1) * 24 + 6}" width="14" height="12" fill="#5d6d7e" opacity="${progress > 0.6 ? 0.7 : 0.25}"/>`,
    ).join(''),
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360">
  <rect width="480" height="360" fill="hsl(${205 + (hue % 20)},55%,82%)"/>
  <rect y="300" width="480" height="60" fill="hsl(${35 + (hue % 15)},25%,58%)"/>
  <rect x="160" y="${top}" width="168" height="${300 - top}" fill="${progress > 0.7 ? '#d9d2c3' : '#a7a39b'}"/>${windows}
  <line x1="380" y1="300" x2="380" y2="${Math.min(top, 150) - 30}" stroke="#e67e22" stroke-width="6"/>
  <line x1="300" y1="${Math.min(top, 150) - 30}" x2="450" y2="${Math.min(top, 150) - 30}" stroke="#e67e22" stroke-width="5"/>
  <rect x="40" y="282" width="70" height="18" fill="#2c3e50" opacity="0.7"/>
</svg>`;
  const dms = (v: number) => {
    const d = Math.floor(v);
    const m = Math.floor((v - d) * 60);
    return `${d}/1 ${m}/1 ${Math.round(((v - d) * 60 - m) * 6000)}/100`;
  };
  return sharp(Buffer.from(svg))
    .withExif({
      IFD2: { DateTimeOriginal: `${taken.replaceAll('-', ':')} 10:${String(hue % 60).padStart(2, '0')}:00` },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: dms(place.latitude), GPSLongitudeRef: 'E', GPSLongitude: dms(place.longitude) },
    })
    .jpeg({ quality: 60 })
    .toBuffer();
}

export function scheduleProjects(sim: Sim, first: Day, today: Day, seed: number) {
  const random = seededRandom(seed * 31 + 14);
  const office = sim.cast.office;
  const lastMonth = `${today.slice(0, 4)}-12`;
  for (const [n, plan] of PLANS.entries()) {
    const unit = sim.cast.units[(n * 7) % sim.cast.units.length]!;
    const leader = sim.cast.leaders.get(unit.leaderKey) ?? null;
    const place = { latitude: 32.7 + random.int(0, 900) / 10_000, longitude: 118.1 + random.int(0, 900) / 10_000 };
    // Steps back to back from the start; the stalled project's plan is squeezed so its last node is already past.
    let day = addCalendarDays(first, plan.startOffset);
    const steps = plan.phases.flatMap(([phase, list]) =>
      list.map(([name, days]) => {
        const planned = plan.fate === 'stalled' ? Math.round(days * 0.8) : days;
        const step = { phase, name, plannedStart: day, plannedDays: planned, id: 0, version: 1 };
        day = addCalendarDays(day, planned);
        return step;
      }),
    );
    const yearPlan = Math.round(plan.total * plan.yearShare);
    const months: string[] = [];
    for (let m = monthOf(first); m <= lastMonth; m = nextMonth(m)) months.push(m);
    const monthly = months.map(() => Math.round((yearPlan / 12) * (0.7 + random.int(0, 60) / 100)));
    let projectId = 0;

    sim.at(sim.time(first, 9, 10 + n), async () => {
      const created = await createProject(sim.deps, office, {
        name: plan.name,
        kind: plan.kind,
        totalInvestment: plan.total,
        investmentBefore: plan.kind === 'continuing' ? Math.round(plan.total * 0.3) : 0,
        leadLeaderId: leader?.id ?? null,
        leadUnitId: unit.id,
        responsibleName: unit.liaison.actor.displayName,
        responsiblePhone: `1390000${String(1000 + n * 37).slice(0, 4)}`,
        address: plan.address,
        longitude: place.longitude,
        latitude: place.latitude,
      });
      projectId = created.project.id;
      for (const [i, s] of steps.entries()) {
        const after = await addStep(sim.deps, office, projectId, {
          phase: s.phase,
          seq: i + 1,
          name: s.name,
          plannedStart: s.plannedStart,
          plannedDays: s.plannedDays,
          unitId: unit.id,
          personName: unit.liaison.actor.displayName,
          phone: '',
        });
        s.id = after.steps.at(-1)!.id;
      }
      for (const [i, m] of months.entries()) await setInvestment(sim.deps, office, projectId, m, { planned: monthly[i]!, done: null, version: 0 });
    });

    // The unit enters each step's actual start and end; late projects slip, the stalled one stops half way.
    const slip = plan.fate === 'late' ? 25 : 0;
    let delay = 0;
    for (const [i, s] of steps.entries()) {
      const start = addCalendarDays(s.plannedStart, delay + random.int(0, 3));
      const end = addCalendarDays(stepDue(s), delay + random.int(-4, 4) + slip);
      delay += random.int(-2, 3) + slip;
      if (start >= today || (plan.fate === 'stalled' && i >= 2)) break;
      sim.at(sim.time(start, 16), async () => {
        await setStepActual(sim.deps, unit.liaison, s.id, { actualStart: start, actualEnd: null, version: s.version });
        s.version += 1;
      });
      // Every other project has its running step chased through the ledger, from the day it starts.
      if (n % 2 === 1 && end >= today) {
        sim.at(sim.time(start, 17), async () => {
          await linkStepTask(sim.deps, office, s.id, { taskId: null, version: s.version });
          s.version += 1;
        });
      }
      if (end < today && end > start) {
        sim.at(sim.time(end, 16), async () => {
          await setStepActual(sim.deps, unit.liaison, s.id, { actualStart: start, actualEnd: end, version: s.version });
          s.version += 1;
        });
      }
    }

    // The month's investment reported on the fifth of the next; a late project reports less than planned.
    for (const [i, m] of months.entries()) {
      const reportDay = addCalendarDays(monthStart(nextMonth(m)), 4);
      if (reportDay >= today) break;
      const factor = plan.fate === 'on_time' ? 0.9 + random.int(0, 25) / 100 : 0.5 + random.int(0, 30) / 100;
      sim.at(sim.time(reportDay, 10), () =>
        setInvestment(sim.deps, unit.liaison, projectId, m, { planned: monthly[i]!, done: Math.round(monthly[i]! * factor), version: 1 }).then(() => undefined),
      );
    }

    // A site photo around the 20th of each of the last six months (and this month once the day has come).
    const progressOf = (d: Day) =>
      Math.min(1, Math.max(0, (Date.parse(d) - Date.parse(steps[0]!.plannedStart)) / (Date.parse(day) - Date.parse(steps[0]!.plannedStart))));
    for (const m of months.filter((m) => m <= monthOf(today)).slice(-7)) {
      const taken = addCalendarDays(monthStart(m), 17 + random.int(0, 5));
      if (taken > today || taken < steps[0]!.plannedStart) continue;
      sim.at(sim.time(taken, 15), async () => {
        const bytes = await sitePhoto(progressOf(taken) * (plan.fate === 'on_time' ? 1 : 0.6), n * 7, taken, place);
        await uploadPhoto(sim.deps, unit.liaison, projectId, { name: `现场${taken}.jpg`, bytes }, { takenOn: null, caption: plan.address });
      });
    }
  }
}
