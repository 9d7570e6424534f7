// The stored month membership (task_months, kept by the triggers of migration task_months) equals the rule — a task
// belongs to its own period and to every month it was carried into, with its columns as they are now and whether it
// was carried out of that month — through task inserts and changes, carry-overs added, changed and removed, and task
// deletes; and the office's month page, which reads task_months alone, answers as the rule and the general path do.
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { addCalendarDays } from '../../calendar/rules.js';
import type { Actor } from '../../context.js';
import { units } from '../org/schema.js';
import { insertCarryOver } from './carry-overs.js';
import { listLedger } from './ledger.js';
import { monthAlone } from './ledger-store.js';
import { LedgerFilter } from './routes.js';
import { statusColour, TASK_STATUSES, type StatusColour, type TaskStatus } from './rules.js';
import { taskCarryOvers, taskMilestones, taskMonths, tasks } from './schema.js';

let deps: TestDeps;
const unitIds: number[] = [];
const COLOURS: StatusColour[] = ['green', 'blue', 'yellow', 'red', 'grey'];
const office: Actor = { accountId: 1, username: 'o', displayName: '督查室', roles: ['office'], personId: null, unitId: null, leaderId: null };

beforeAll(async () => {
  deps = await testDeps();
  const at = new Date();
  for (const code of ['TM-A', 'TM-B']) {
    const [row] = await deps.db.insert(units).values({ code, name: code, kind: 'city_dept', path: '/', createdAt: at, updatedAt: at }).returning();
    unitIds.push(row!.id);
  }
});
afterAll(() => deps.close());

const task = (i: number, period: string, status: TaskStatus, deadline: string, extra: Partial<typeof tasks.$inferInsert> = {}) => ({
  title: `月份${i}`,
  source: 'meeting' as const,
  level: 'general' as const,
  leadUnitId: unitIds[i % 2]!,
  startDate: '2026-01-01',
  deadline,
  period,
  status,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...extra,
});

// The rule, worked out here from the tasks and carry-overs as read: not the triggers' SQL.
async function expectedMonths() {
  const all = await deps.db.select().from(tasks);
  const carries = await deps.db.select().from(taskCarryOvers);
  return all
    .flatMap((t) => {
      const own = carries.filter((c) => c.taskId === t.id);
      const periods = [...new Set([t.period, ...own.map((c) => c.toPeriod)])];
      return periods.map((period) => ({
        taskId: t.id,
        period,
        status: t.status,
        deadline: t.deadline,
        partsDue: t.partsDue,
        leadUnitId: t.leadUnitId,
        parentId: t.parentId,
        closedOn: t.closedOn,
        closedLate: t.closedLate,
        carriedOut: own.some((c) => c.fromPeriod === period),
      }));
    })
    .sort((a, b) => a.taskId - b.taskId || a.period.localeCompare(b.period));
}
const storedMonths = () => deps.db.select().from(taskMonths).orderBy(asc(taskMonths.taskId), asc(taskMonths.period));

describe('task_months', () => {
  it('stays equal to the rule through inserts, changes, carry-overs and deletes', async () => {
    const check = async (step: string) => expect(await storedMonths(), step).toEqual(await expectedMonths());
    const made = await deps.db
      .insert(tasks)
      .values(Array.from({ length: 12 }, (_, i) => task(i, i < 6 ? '2026-01' : '2026-02', TASK_STATUSES[i % TASK_STATUSES.length]!, '2026-02-10')))
      .returning({ id: tasks.id });
    const id = (i: number) => made[i]!.id;
    await check('inserted');
    // The month-end roll-overs: January's into February, and some of those on into March.
    const at = new Date();
    for (let i = 0; i < 6; i++) await insertCarryOver(deps.db, { taskId: id(i), fromPeriod: '2026-01', toPeriod: '2026-02', createdAt: at });
    for (const i of [0, 1, 7]) await insertCarryOver(deps.db, { taskId: id(i), fromPeriod: '2026-02', toPeriod: '2026-03', createdAt: at });
    // A second run of the roll-over writes nothing.
    expect(await insertCarryOver(deps.db, { taskId: id(0), fromPeriod: '2026-01', toPeriod: '2026-02', createdAt: at })).toBeUndefined();
    await check('carried');
    await deps.db
      .update(tasks)
      .set({ status: 'closed', closedOn: '2026-03-02', closedLate: true })
      .where(eq(tasks.id, id(0)));
    await deps.db
      .update(tasks)
      .set({ deadline: '2026-03-31', partsDue: '2026-03-20' })
      .where(eq(tasks.id, id(1)));
    await deps.db
      .update(tasks)
      .set({ leadUnitId: unitIds[1]!, parentId: id(2) })
      .where(eq(tasks.id, id(3)));
    // A change that touches none of the copied columns.
    await deps.db
      .update(tasks)
      .set({ percent: 40, title: '改名' })
      .where(eq(tasks.id, id(4)));
    await check('changed');
    await deps.db
      .update(tasks)
      .set({ period: '2026-04' })
      .where(eq(tasks.id, id(5)));
    await deps.db
      .update(tasks)
      .set({ period: '2026-02' })
      .where(eq(tasks.id, id(8)));
    await check('moved to another month');
    await deps.db
      .update(taskCarryOvers)
      .set({ toPeriod: '2026-05' })
      .where(eq(taskCarryOvers.taskId, id(7)));
    await deps.db.delete(taskCarryOvers).where(eq(taskCarryOvers.taskId, id(1)));
    await check('carry-overs changed and removed');
    // A rolled-back write leaves the months as they were.
    await deps.db
      .transaction(async (tx) => {
        await tx
          .update(tasks)
          .set({ status: 'cancelled' })
          .where(eq(tasks.id, id(9)));
        await insertCarryOver(tx, { taskId: id(9), fromPeriod: '2026-02', toPeriod: '2026-03', createdAt: at });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await check('rolled back');
    await deps.db.delete(taskCarryOvers).where(eq(taskCarryOvers.taskId, id(2)));
    await deps.db
      .update(tasks)
      .set({ parentId: null })
      .where(eq(tasks.id, id(3)));
    await deps.db.delete(tasks).where(inArray(tasks.id, [id(2), id(10)]));
    await check('deleted');
    expect((await storedMonths()).length).toBeGreaterThan(15);
  });
});

describe('the month page from task_months', () => {
  it('is taken for the route’s query by a month alone, and not when another condition needs the tasks', () => {
    const query = (q: Record<string, string>) => ({ ...LedgerFilter.parse(q), scope: undefined, unitId: undefined, overdueOn: undefined });
    expect(monthAlone(query({ period: '2026-06', sort: 'deadline' }))).toBe('2026-06');
    expect(monthAlone(query({ period: '2026-06', colour: 'red' }))).toBe('2026-06');
    expect(monthAlone(query({ period: '2026-06', missingReport: 'true' }))).toBeUndefined();
    expect(monthAlone(query({ period: '2026-06', keyword: '月份' }))).toBeUndefined();
    expect(monthAlone({ ...query({ period: '2026-06' }), scope: { unitIds: [1], leaderId: null } })).toBeUndefined();
    expect(monthAlone(query({ sort: 'deadline' }))).toBeUndefined();
  });

  it('counts, colours and pages a month as the rule does and as the general path does', async () => {
    const month = '2026-06';
    const today = '2026-03-25'; // TEST_NOW
    const statuses: TaskStatus[] = ['in_progress', 'assigned', 'returned', 'closed', 'suspended', 'draft', 'signed'];
    const offsets = [-20, -1, 0, 2, 3, 4, 30];
    const rows = statuses.flatMap((status, s) => offsets.map((o, d) => ({ status, deadline: addCalendarDays(today, o), carried: (s + d) % 3 === 0 })));
    const made = await deps.db
      .insert(tasks)
      .values(rows.map((r, i) => task(i, r.carried ? '2026-05' : month, r.status, r.deadline, { closedOn: r.status === 'closed' ? today : null })))
      .returning({ id: tasks.id });
    // Carried into the month from May; a late milestone on some; planned in May and not carried: not the month's.
    for (const [i, r] of rows.entries())
      if (r.carried) await insertCarryOver(deps.db, { taskId: made[i]!.id, fromPeriod: '2026-05', toPeriod: month, createdAt: new Date() });
    const late = made.filter((_, i) => i % 4 === 1);
    await deps.db.insert(taskMilestones).values(late.map((t) => ({ taskId: t.id, name: '节点', dueDate: '2026-03-20', doneDate: null })));
    await deps.db.insert(tasks).values(task(0, '2026-05', 'in_progress', today));
    // Changes after the carry-overs: the copy follows them (a blue task becomes red and first; a grey one yellow).
    await deps.db
      .update(tasks)
      .set({ deadline: addCalendarDays(today, -30) })
      .where(eq(tasks.id, made[6]!.id));
    await deps.db
      .update(tasks)
      .set({ status: 'in_progress', deadline: addCalendarDays(today, 1) })
      .where(eq(tasks.id, made[29]!.id));
    const current = new Map(
      (
        await deps.db
          .select()
          .from(tasks)
          .where(
            inArray(
              tasks.id,
              made.map((t) => t.id),
            ),
          )
      ).map((t) => [t.id, t]),
    );
    const lateIds = new Set(late.map((t) => t.id));
    const expected = made
      .map((t) => current.get(t.id)!)
      .map((t) => ({
        id: t.id,
        deadline: t.deadline,
        colour: statusColour(
          { status: t.status, deadline: t.deadline, closedOn: t.closedOn, milestones: lateIds.has(t.id) ? [{ dueDate: '2026-03-20', doneDate: null }] : [] },
          today,
        ),
      }))
      .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id - b.id);
    const counts = Object.fromEntries(COLOURS.map((c) => [c, expected.filter((e) => e.colour === c).length]));
    expect(Object.values(counts).every((n) => n > 0)).toBe(true);

    const before = deps.statements();
    const page = await listLedger(deps, office, { page: 1, pageSize: 10, period: month, sort: 'deadline' });
    expect(deps.statements() - before).toBe(2); // the counts and the page
    expect(page.total).toBe(expected.length);
    expect(page.counts).toEqual(counts);
    expect(page.items.map((i) => [i.id, i.colour])).toEqual(expected.slice(0, 10).map((e) => [e.id, e.colour]));
    const second = await listLedger(deps, office, { page: 2, pageSize: 10, period: month, sort: 'deadline' });
    expect(second.items.map((i) => i.id)).toEqual(expected.slice(10, 20).map((e) => e.id));
    const backwards = await listLedger(deps, office, { page: 1, pageSize: 10, period: month, sort: '-deadline' });
    expect(backwards.items.map((i) => i.id)).toEqual(
      expected
        .map((e) => e.id)
        .reverse()
        .slice(0, 10),
    );
    for (const colour of COLOURS) {
      const one = await listLedger(deps, office, { page: 1, pageSize: 200, period: month, sort: 'deadline', colour });
      expect(one.total).toBe(counts[colour]);
      expect(one.items.map((i) => i.id)).toEqual(expected.filter((e) => e.colour === colour).map((e) => e.id));
    }
    // The same month through the general path (another condition needs the tasks' own columns): the same answer.
    const general = await listLedger(deps, office, { page: 1, pageSize: 200, period: month, sort: 'deadline', keyword: '月份' });
    expect(general.counts).toEqual(counts);
    expect(general.items.map((i) => i.id)).toEqual(expected.map((e) => e.id));
  });
});
