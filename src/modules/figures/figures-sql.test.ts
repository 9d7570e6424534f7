// A live month's figures counted in SQL (store.ts monthUnitCounts) are exactly what the rule (rules.ts unitCounts)
// counts over the month's task facts, unit by unit: varied months of tasks in every state, deadlines and closings
// around the month's end and today, carried-over tasks, sub-tasks; seen from before, during and after each month.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { units } from '../org/schema.js';
import { taskCarryOvers, tasks } from '../tasks/schema.js';
import { TASK_STATUSES } from '../tasks/rules.js';
import { type Counts, unitCounts, ZERO, addCounts } from './rules.js';
import { monthFacts, monthUnitCounts } from './store.js';

let deps: TestDeps;
const TASKS = 700;
const MONTHS = ['2026-02', '2026-03', '2026-04'];
const nextMonth = (m: string) => (m === '2026-02' ? '2026-03' : m === '2026-03' ? '2026-04' : '2026-05');
// Days around the months' ends and the days the figures are taken on.
const DAYS = [
  '2026-02-01',
  '2026-02-27',
  '2026-02-28',
  '2026-03-01',
  '2026-03-02',
  '2026-03-24',
  '2026-03-25',
  '2026-03-26',
  '2026-03-30',
  '2026-03-31',
  '2026-04-01',
  '2026-04-15',
  '2026-04-30',
  '2026-05-01',
  '2026-05-20',
];
const TODAYS = ['2026-01-20', '2026-02-28', '2026-03-01', '2026-03-25', '2026-03-31', '2026-04-01', '2026-04-30', '2026-05-01', '2026-06-10'];

// A small seeded generator, so a failure repeats.
let state = 20261130;
const random = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

beforeAll(async () => {
  deps = await testDeps();
  const at = new Date();
  const unitIds: number[] = [];
  for (let i = 0; i < 6; i++) {
    const [row] = await deps.db
      .insert(units)
      .values({ code: `FIG-${i}`, name: `单位${i}`, kind: 'city_dept', parentId: null, path: '/', createdAt: at, updatedAt: at })
      .returning({ id: units.id });
    await deps.db
      .update(units)
      .set({ path: `/${row!.id}/` })
      .where(eq(units.id, row!.id));
    unitIds.push(row!.id);
  }
  const made = await deps.db
    .insert(tasks)
    .values(
      Array.from({ length: TASKS }, (_, i) => {
        const status = pick(TASK_STATUSES);
        // Mostly consistent closings, with the odd closed task without its day and open task with one.
        const closedOn = status === 'closed' ? (random() < 0.9 ? pick(DAYS) : null) : random() < 0.05 ? pick(DAYS) : null;
        return {
          title: `指标${i}`,
          source: 'meeting' as const,
          level: 'general' as const,
          leadUnitId: pick(unitIds),
          startDate: '2026-01-01',
          deadline: pick(DAYS),
          period: pick(MONTHS),
          status,
          closedOn,
          closedLate: random() < 0.4,
          createdAt: at,
          updatedAt: at,
        };
      }),
    )
    .returning({ id: tasks.id, period: tasks.period });
  // Sub-tasks of the first tasks: the lead unit's own breakdown, never counted.
  await deps.db.update(tasks).set({ parentId: made[0]!.id }).where(eq(tasks.id, made[1]!.id));
  for (let i = 2; i < 60; i += 3) {
    await deps.db
      .update(tasks)
      .set({ parentId: made[i - 1]!.id })
      .where(eq(tasks.id, made[i]!.id));
  }
  // Carried out of their month (挂单), some carried once more.
  const carries = made.flatMap((t) => {
    if (random() >= 0.3) return [];
    const to = nextMonth(t.period!);
    const once = { taskId: t.id, fromPeriod: t.period!, toPeriod: to, createdAt: at };
    return random() < 0.35 ? [once, { taskId: t.id, fromPeriod: to, toPeriod: nextMonth(to), createdAt: at }] : [once];
  });
  await deps.db.insert(taskCarryOvers).values(carries);
});
afterAll(() => deps.close());

describe('a live month counted in SQL', () => {
  it('counts every unit exactly as the rule does, in one statement, for every month seen on every day', async () => {
    let seen: Counts = ZERO;
    for (const month of [...MONTHS, '2026-05']) {
      for (const today of TODAYS) {
        const rule = unitCounts(await monthFacts(deps.db, month), month, today);
        const before = deps.statements();
        const counted = await monthUnitCounts(deps.db, month, today);
        expect(deps.statements() - before).toBe(1);
        expect(counted, `${month} seen on ${today}`).toEqual(rule);
        for (const r of counted) seen = addCounts(seen, r.counts);
      }
    }
    // Every figure was met many times, so the comparison was not between zeros.
    for (const figure of Object.values(seen)) expect(figure).toBeGreaterThan(100);
  });
});
