import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { addCalendarDays, dayOf } from '../../calendar/rules.js';
import { units } from '../org/schema.js';
import { fixedClock } from '../../clock.js';
import type { Actor } from '../../context.js';
import { listLedger } from './ledger.js';
import { colourIs, colourSql, MONTH_COLUMNS, reportMissingSql } from './ledger-store.js';
import { reportMissing, statusColour, TASK_STATUSES, type StatusColour, type TaskStatus } from './rules.js';
import { type ReportCadence, taskMilestones, taskMonths, tasks } from './schema.js';

// The pure rules in rules.ts are the specification; the ledger runs their SQL form. These tables run many cases
// through both on a real database and require the same answer.

let deps: TestDeps;
let unitId: number;
const COLOURS: StatusColour[] = ['green', 'blue', 'yellow', 'red', 'grey'];

beforeAll(async () => {
  deps = await testDeps();
  const [unit] = await deps.db
    .insert(units)
    .values({ code: 'SQLT', name: '测试单位', kind: 'city_dept', path: '/', createdAt: new Date(), updatedAt: new Date() })
    .returning();
  unitId = unit!.id;
});
afterAll(() => deps.close());

const task = (status: TaskStatus, deadline: string, extra: Partial<typeof tasks.$inferInsert> = {}) => ({
  title: '对照',
  source: 'meeting' as const,
  level: 'general' as const,
  leadUnitId: unitId,
  startDate: '2020-01-01',
  deadline,
  period: '2026-03',
  status,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...extra,
});

describe('the ledger colour in SQL equals statusColour', () => {
  const TODAY = '2026-03-25';
  const MILESTONES = {
    none: [],
    late: [{ dueDate: '2026-03-24', doneDate: null }],
    dueToday: [{ dueDate: TODAY, doneDate: null }],
    lateButDone: [{ dueDate: '2026-03-20', doneDate: '2026-03-21' }],
    lateAmongDone: [
      { dueDate: '2026-03-10', doneDate: '2026-03-10' },
      { dueDate: '2026-03-11', doneDate: null },
    ],
  } as const;
  type Case = { status: TaskStatus; deadline: string; milestones: keyof typeof MILESTONES; partsDue: string | null };
  const cases: Case[] = [];
  // A part a cooperating unit still owes (tasks.parts_due): none, late, due soon, or later than the task's deadline.
  for (const status of TASK_STATUSES)
    for (const offset of [-30, -2, -1, 0, 1, 2, 3, 4, 5, 6, 40])
      for (const milestones of Object.keys(MILESTONES) as (keyof typeof MILESTONES)[])
        for (const partsOffset of [null, -1, 0, 2, 50])
          cases.push({
            status,
            deadline: addCalendarDays(TODAY, offset),
            milestones,
            partsDue: partsOffset === null ? null : addCalendarDays(TODAY, partsOffset),
          });

  it.each([3, 5, 0])(`agrees on ${cases.length} cases with %i due-soon days`, async (dueSoonDays) => {
    const ids = await deps.db.transaction(async (tx) => {
      const rows = await tx
        .insert(tasks)
        .values(cases.map((c) => task(c.status, c.deadline, { closedOn: c.status === 'closed' ? TODAY : null, partsDue: c.partsDue })))
        .returning({ id: tasks.id });
      const ms = rows.flatMap((r, i) => MILESTONES[cases[i]!.milestones].map((m) => ({ taskId: r.id, name: '节点', ...m })));
      await tx.insert(taskMilestones).values(ms);
      return rows.map((r) => r.id);
    });
    const got = await deps.db
      .select({ id: tasks.id, colour: colourSql(TODAY, dueSoonDays) })
      .from(tasks)
      .where(sql`${tasks.id} in ${ids}`)
      .orderBy(asc(tasks.id));
    const expected = cases.map((c, i) => ({
      id: ids[i],
      colour: statusColour(
        { status: c.status, deadline: c.deadline, closedOn: null, milestones: [...MILESTONES[c.milestones]], partsDue: c.partsDue },
        TODAY,
        dueSoonDays,
      ),
    }));
    expect(got).toEqual(expected);
    expect(new Set(got.map((g) => g.colour))).toEqual(new Set(['green', 'grey', 'red', 'yellow', 'blue']));
    // The colour filter (colourIs, the condition an index serves) holds for exactly the tasks of that colour.
    const is = Object.fromEntries(COLOURS.map((c) => [c, colourIs(c, TODAY, dueSoonDays)]));
    const filtered = await deps.db
      .select({ id: tasks.id, green: is.green!, blue: is.blue!, yellow: is.yellow!, red: is.red!, grey: is.grey! })
      .from(tasks)
      .where(sql`${tasks.id} in ${ids}`)
      .orderBy(asc(tasks.id));
    expect(filtered.map(({ id, ...flags }) => ({ id, colour: COLOURS.filter((c) => flags[c]) }))).toEqual(
      expected.map((e) => ({ id: e.id, colour: [e.colour] })),
    );
    // The same over task_months' copy of the columns (the month page's counts and colour filter).
    const m = Object.fromEntries(COLOURS.map((c) => [c, colourIs(c, TODAY, dueSoonDays, MONTH_COLUMNS)]));
    const fromMonths = await deps.db
      .select({
        id: taskMonths.taskId,
        colour: colourSql(TODAY, dueSoonDays, MONTH_COLUMNS),
        green: m.green!,
        blue: m.blue!,
        yellow: m.yellow!,
        red: m.red!,
        grey: m.grey!,
      })
      .from(taskMonths)
      .where(sql`${taskMonths.taskId} in ${ids} and ${taskMonths.period} = '2026-03'`)
      .orderBy(asc(taskMonths.taskId));
    expect(fromMonths.map(({ id, colour, ...flags }) => ({ id, colour, only: COLOURS.filter((c) => flags[c]) }))).toEqual(
      expected.map((e) => ({ ...e, only: [e.colour] })),
    );
  });

  it('changes with the day in Asia/Shanghai, at midnight there and not at midnight UTC', async () => {
    const office: Actor = { accountId: 1, username: 'o', displayName: '督查室', roles: ['office'], personId: null, unitId: null, leaderId: null };
    const deadlines = ['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-27', '2026-03-28', '2026-03-29'];
    const statuses: TaskStatus[] = ['in_progress', 'assigned', 'closing_requested', 'suspended', 'closed'];
    const cases = statuses.flatMap((status) => deadlines.flatMap((deadline) => [false, true].map((late) => ({ status, deadline, late }))));
    const rows = await deps.db
      .insert(tasks)
      .values(cases.map((c) => task(c.status, c.deadline, { title: '跨日对照', closedOn: c.status === 'closed' ? '2026-03-20' : null })))
      .returning({ id: tasks.id });
    await deps.db
      .insert(taskMilestones)
      .values(rows.flatMap((r, i) => (cases[i]!.late ? [{ taskId: r.id, name: '节点', dueDate: '2026-03-24', doneDate: null }] : [])));
    // 15:59:59 UTC is 23:59:59 of the 24th in Shanghai; a second later it is the 25th there, still the 24th in UTC.
    for (const instant of ['2026-03-24T15:59:59Z', '2026-03-24T16:00:00Z', '2026-03-25T15:59:59Z', '2026-03-25T16:00:00Z']) {
      const clocked = { ...deps, clock: fixedClock(instant) };
      const today = dayOf(clocked.clock.now());
      const page = await listLedger(clocked, office, { page: 1, pageSize: 200, keyword: '跨日对照', sort: 'deadline' });
      const byId = new Map(page.items.map((i) => [i.id, i.colour]));
      const expected = cases.map((c) =>
        statusColour({ status: c.status, deadline: c.deadline, closedOn: null, milestones: c.late ? [{ dueDate: '2026-03-24', doneDate: null }] : [] }, today),
      );
      expect(rows.map((r) => byId.get(r.id))).toEqual(expected);
      const counts = Object.fromEntries(COLOURS.map((c) => [c, expected.filter((e) => e === c).length]));
      expect(page.counts).toEqual(counts);
      for (const colour of COLOURS) {
        const one = await listLedger(clocked, office, { page: 1, pageSize: 200, keyword: '跨日对照', colour });
        expect(one.items.map((i) => i.id).sort((a, b) => a - b)).toEqual(rows.filter((_, i) => expected[i] === colour).map((r) => r.id));
      }
    }
  });
});

describe('the missing-report flag in SQL equals reportMissing', () => {
  const CADENCES: ReportCadence[] = [
    { kind: 'none' },
    ...[1, 3, 7, 30].map((days) => ({ kind: 'every_n_days' as const, days })),
    ...[1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ kind: 'weekly' as const, weekday })),
    ...[1, 15, 28, 29, 30, 31].map((day) => ({ kind: 'monthly' as const, day })),
  ];
  const STATUSES: TaskStatus[] = ['signed', 'in_progress', 'returned', 'assigned', 'closing_requested'];
  const REPORTING: TaskStatus[] = ['signed', 'in_progress', 'returned'];
  // Month ends, a leap day, a year's turn and an ordinary Wednesday.
  const TODAYS = ['2026-03-25', '2026-03-01', '2026-03-31', '2024-02-29', '2024-03-01', '2026-01-01', '2026-05-31'];

  it.each(TODAYS)('agrees on every cadence, signing day and last report on %s', async (today) => {
    const sinceOffsets = [-70, -35, -10, -8, -7, -2, -1, 0];
    const lastOffsets: (number | null)[] = [null, -40, -8, -3, -2, -1, 0];
    type Case = { status: TaskStatus; cadence: ReportCadence; since: string; lastReport: string | null };
    const cases: Case[] = [];
    for (const cadence of CADENCES)
      for (const s of sinceOffsets)
        for (const l of lastOffsets) {
          if (l !== null && l < s) continue;
          const status = STATUSES[cases.length % STATUSES.length]!;
          cases.push({ status, cadence, since: addCalendarDays(today, s), lastReport: l === null ? null : addCalendarDays(today, l) });
        }
    // The signing day and the last report's day ride in start_date and closed_on: the expression takes any day column.
    const rows = await deps.db
      .insert(tasks)
      .values(cases.map((c) => task(c.status, today, { reportCadence: c.cadence, startDate: c.since, closedOn: c.lastReport })))
      .returning({ id: tasks.id });
    const ids = rows.map((r) => r.id);
    const missing = reportMissingSql(today, {
      status: sql`${tasks.status}`,
      cadence: sql`${tasks.reportCadence}`,
      signedOn: sql`${tasks.startDate}`,
      lastReportOn: sql`${tasks.closedOn}`,
    });
    const got = await deps.db
      .select({ id: tasks.id, missing })
      .from(tasks)
      .where(sql`${tasks.id} in ${ids}`)
      .orderBy(asc(tasks.id));
    const expected = cases.map((c, i) => ({
      id: ids[i],
      missing: REPORTING.includes(c.status) && reportMissing({ cadence: c.cadence, since: c.since, lastReport: c.lastReport }, today),
    }));
    expect(got).toEqual(expected);
    expect(got.some((g) => g.missing)).toBe(true);
    expect(got.some((g) => !g.missing)).toBe(true);
  });
});
