// Work that reaches the office outside the monthly plan: the weekly "10+N", leaders' instructions, petitions, deputies'
// suggestions, units' own key work, and the year's major decisions imported from the county's Excel ledger.
import ExcelJS from 'exceljs';
import { addCalendarDays, dayOf, type Day, isWorkingDay } from '../../calendar/rules.js';
import { importTasks, TASK_SHEET } from '../../modules/reports/task-import.js';
import { findTask } from '../../modules/tasks/store.js';
import { createTask, transition } from '../../modules/tasks/service.js';
import { instructionTitle, petitionTitle, suggestionTitle, taskContent, UNIT_CATEGORIES, weeklyTitle } from './content.js';
import { follow, officeTask } from './tasks.js';
import { pickUnit, type Sim, type UnitCast } from './world.js';

const today = (sim: Sim) => dayOf(new Date(sim.now()));

function contentFor(sim: Sim, unit: UnitCast) {
  const category = sim.random.pick(UNIT_CATEGORIES[unit.code]!);
  return { category: sim.cast.categories.get(category) ?? null, content: taskContent(sim.random, category, unit.name) };
}

export function scheduleSources(sim: Sim, from: Day, to: Day) {
  const r = sim.random;
  let suggestion = 0;
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const busy = sim.density(day);
    const working = isWorkingDay(sim.cal, day).working;
    // Monday: the week's "10+N" key tasks, due by Friday or the Friday after.
    if (weekday === 1 && working) {
      for (let i = r.chance(0.75 * busy) ? 1 : 0; i > 0; i--) {
        sim.at(sim.time(day, 9, 30 + i), async () => {
          const unit = pickUnit(r, sim.cast);
          const { category, content } = contentFor(sim, unit);
          await officeTask(sim, {
            source: 'weekly_10n',
            unit,
            leaderId: null,
            level: 'general',
            category,
            content,
            title: weeklyTitle(r, content),
            start: today(sim),
            deadline: addCalendarDays(today(sim), r.chance(0.7) ? 4 : 11),
            cooperators: [],
          });
        });
      }
    }
    if (!working) continue;
    // A leader's written instruction (批示) about once a week.
    if (r.chance(0.12 * busy)) {
      sim.at(sim.time(day, 10, 15), async () => {
        const leader = r.pick([...sim.cast.leaders.values()].filter((l) => l.who !== null));
        const mine = sim.cast.units.filter((u) => u.leaderKey === leader.key);
        const unit = mine.length ? r.pick(mine) : pickUnit(r, sim.cast);
        const { category, content } = contentFor(sim, unit);
        const major = r.chance(0.3);
        await officeTask(sim, {
          source: 'leader_instruction',
          unit,
          leaderId: leader.id,
          level: major ? 'major' : 'general',
          category,
          content,
          title: instructionTitle(r, leader.position),
          start: today(sim),
          deadline: addCalendarDays(today(sim), major ? r.int(30, 60) : r.int(7, 14)),
          cooperators: r.chance(0.5) ? [pickUnit(r, sim.cast)] : [],
          cadence: major ? { kind: 'monthly', day: 25 } : { kind: 'none' },
        });
      });
    }
    // Petitions (信访件) go to the towns and the petition bureau.
    if (r.chance(0.09 * busy)) {
      sim.at(sim.time(day, 14, 40), async () => {
        const unit = r.pick(sim.cast.units.filter((u) => u.code.startsWith('T') || u.code === 'D052'));
        const { category, content } = contentFor(sim, unit);
        await officeTask(sim, {
          source: 'petition',
          unit,
          leaderId: null,
          level: 'general',
          category,
          content,
          title: petitionTitle(r),
          start: today(sim),
          deadline: addCalendarDays(today(sim), 15),
          cooperators: [],
        });
      });
    }
    // A unit's own key work entered by the office, now and then.
    if (r.chance(0.06 * busy)) {
      sim.at(sim.time(day, 16, 10), async () => {
        const unit = pickUnit(r, sim.cast);
        const { category, content } = contentFor(sim, unit);
        await officeTask(sim, {
          source: 'unit_key_work',
          unit,
          leaderId: null,
          level: 'general',
          category,
          content,
          start: today(sim),
          deadline: addCalendarDays(today(sim), r.int(20, 45)),
          cooperators: [],
          cadence: { kind: 'monthly', day: 25 },
        });
      });
    }
    // After the people's congress in spring, its deputies' suggestions are handed over in one batch.
    if (day.slice(5) === '03-20' || (day.slice(5) > '03-20' && day.slice(5) <= '03-23' && suggestion === 0)) {
      suggestion = 1;
      for (let n = 1; n <= 8; n++) {
        sim.at(sim.time(day, 10, n), async () => {
          const unit = pickUnit(r, sim.cast);
          const { category, content } = contentFor(sim, unit);
          await officeTask(sim, {
            source: 'deputy_suggestion',
            unit,
            leaderId: null,
            level: 'general',
            category,
            content,
            title: suggestionTitle(r, 100 + n * 7),
            start: today(sim),
            deadline: addCalendarDays(today(sim), r.int(60, 90)),
            cooperators: [],
            cadence: { kind: 'monthly', day: 25 },
          });
        });
      }
    }
  }
}

// The office imports the year's major decisions (年度重点工作) from its Excel ledger, then hands them over.
export function scheduleImport(sim: Sim, day: Day) {
  sim.at(sim.time(day, 10, 0), async () => {
    const r = sim.random;
    const year = day.slice(0, 4);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet(TASK_SHEET);
    sheet.addRow([
      '工作任务',
      '具体内容',
      '来源',
      '类别',
      '等级',
      '责任领导',
      '牵头单位',
      '配合单位',
      '责任人',
      '联系电话',
      '开始日期',
      '完成时限',
      '工作标准',
      '所属月份',
    ]);
    const rows: { unit: UnitCast; deadline: Day }[] = [];
    for (let i = 0; i < 10; i++) {
      const unit = pickUnit(r, sim.cast);
      const category = r.pick(UNIT_CATEGORIES[unit.code]!);
      const c = taskContent(r, category, unit.name);
      const leader = sim.cast.leaders.get(unit.leaderKey)!;
      const deadline = `${year}-${r.pick(['06-30', '09-30', '11-30', '12-20'])}`;
      rows.push({ unit, deadline });
      sheet.addRow([
        `${year}年重点：${c.title}`,
        c.measures,
        '重大决策部署',
        category,
        '重大',
        leader.name,
        unit.code,
        '',
        '',
        '',
        day,
        deadline,
        c.standard,
        day.slice(0, 7),
      ]);
    }
    const data = await wb.xlsx.writeBuffer();
    const { ids } = await importTasks(sim.deps, sim.cast.office, data as ArrayBuffer);
    ids.forEach((id, i) => {
      sim.at(sim.officeTime(day, 1), async () => {
        if ((await findTask(sim.deps.db, id))?.status !== 'draft') return;
        await transition(sim.deps, sim.cast.office, id, 'assign', {});
        follow(sim, id, rows[i]!.unit, rows[i]!.deadline);
      });
    });
  });
}

// A few drafts the office is still writing today.
export function scheduleDrafts(sim: Sim, day: Day) {
  for (let i = 0; i < 3; i++) {
    sim.at(sim.time(day, 9, 10 + i * 7), async () => {
      const unit = pickUnit(sim.random, sim.cast);
      const { category, content } = contentFor(sim, unit);
      await createTask(sim.deps, sim.cast.office, {
        title: content.title,
        description: content.measures,
        source: 'leader_instruction',
        categoryId: category,
        level: 'general',
        leadLeaderId: null,
        leadUnitId: unit.id,
        cooperators: [],
        responsiblePersonId: null,
        responsibleName: '',
        responsiblePhone: '',
        startDate: today(sim),
        deadline: addCalendarDays(today(sim), 14),
        standard: content.standard,
        period: today(sim).slice(0, 7),
        milestones: [],
        indicators: [],
        tags: [],
        reportCadence: { kind: 'none' },
      });
    });
  }
}
