import { describe, expect, it } from 'vitest';
import { type Counts, type TaskFacts, taskCounts, totalOf, unitCounts, withRates, ZERO } from './rules.js';

const task = (over: Partial<TaskFacts> = {}): TaskFacts => ({
  unitId: 1,
  status: 'in_progress',
  deadline: '2026-04-20',
  closedOn: null,
  closedLate: false,
  carriedFrom: [],
  ...over,
});
const counts = (over: Partial<Counts>): Counts => ({ ...ZERO, issued: 1, ...over });

// April's figures, seen on 1 May (the month has ended) unless a case says otherwise.
const AFTER = '2026-05-01';

describe('taskCounts: one task in one month', () => {
  it.each<[string, Partial<TaskFacts>, string, Counts | null]>([
    ['closed before the deadline, on time', { status: 'closed', closedOn: '2026-04-15' }, AFTER, counts({ closedOnTime: 1 })],
    ['closed on the deadline day, on time', { status: 'closed', closedOn: '2026-04-20' }, AFTER, counts({ closedOnTime: 1 })],
    ['closed after the deadline within the month, late', { status: 'closed', closedOn: '2026-04-25', closedLate: true }, AFTER, counts({ closedLate: 1 })],
    // Approved after the deadline but filed in time: the closing module says on time, and so do the figures.
    ['approved after the deadline, filed in time', { status: 'closed', closedOn: '2026-04-24', closedLate: false }, AFTER, counts({ closedOnTime: 1 })],
    ['open with the deadline passed: overdue', {}, AFTER, counts({ overdue: 1 })],
    ['open, due on the last day, month ended: overdue', { deadline: '2026-04-30' }, AFTER, counts({ overdue: 1 })],
    ['open, due next month: neither closed nor overdue', { deadline: '2026-05-31' }, AFTER, counts({})],
    ['closed in the next month: open and overdue in this one', { status: 'closed', closedOn: '2026-05-06', closedLate: true }, AFTER, counts({ overdue: 1 })],
    ['closed in the next month, seen later: still as at month end', { status: 'closed', closedOn: '2026-05-06' }, '2026-06-10', counts({ overdue: 1 })],
    ['carried out of April', { carriedFrom: ['2026-04'] }, AFTER, counts({ overdue: 1, carried: 1 })],
    ['carried out of March into April, then out of April (twice)', { carriedFrom: ['2026-03', '2026-04'] }, AFTER, counts({ overdue: 1, carried: 1 })],
    [
      'carried out of March into April, closed in April late',
      { carriedFrom: ['2026-03'], status: 'closed', closedOn: '2026-04-08', closedLate: true },
      AFTER,
      counts({ closedLate: 1 }),
    ],
    ['carried, not yet due: carried without overdue', { deadline: '2026-06-30', carriedFrom: ['2026-04'] }, AFTER, counts({ carried: 1 })],
    ['cancelled: not counted', { status: 'cancelled' }, AFTER, null],
    ['a draft never handed over: not counted', { status: 'draft' }, AFTER, null],
    ['suspended past the deadline: issued, not overdue', { status: 'suspended' }, AFTER, counts({})],
    ['declined past the deadline: issued, not overdue', { status: 'declined' }, AFTER, counts({})],
    ['while April runs: due before today is overdue', {}, '2026-04-21', counts({ overdue: 1 })],
    ['while April runs: due today is not overdue yet', {}, '2026-04-20', counts({})],
    ['while April runs: closed today counts', { status: 'closed', closedOn: '2026-04-20' }, '2026-04-20', counts({ closedOnTime: 1 })],
  ])('%s', (_name, over, today, expected) => {
    expect(taskCounts(task(over), '2026-04', today)).toEqual(expected);
  });
});

describe('units, totals and rates', () => {
  const tasks = [
    task({ unitId: 2, status: 'closed', closedOn: '2026-04-10' }),
    task({ unitId: 2, status: 'closed', closedOn: '2026-04-28', closedLate: true }),
    task({ unitId: 2, carriedFrom: ['2026-04'] }),
    task({ unitId: 1, status: 'closed', closedOn: '2026-04-02' }),
    task({ unitId: 1, status: 'cancelled' }),
    task({ unitId: 3, status: 'draft' }),
  ];

  it('counts by lead unit, leaves out units with nothing counted, and totals them', () => {
    const rows = unitCounts(tasks, '2026-04', AFTER);
    expect(rows).toEqual([
      { unitId: 1, counts: counts({ closedOnTime: 1 }) },
      { unitId: 2, counts: { issued: 3, closedOnTime: 1, closedLate: 1, overdue: 1, carried: 1 } },
    ]);
    expect(totalOf(rows)).toEqual({ issued: 4, closedOnTime: 2, closedLate: 1, overdue: 1, carried: 1 });
  });

  it.each<[Counts, number | null, number | null]>([
    [{ issued: 3, closedOnTime: 1, closedLate: 1, overdue: 1, carried: 1 }, 66.7, 33.3],
    [{ issued: 4, closedOnTime: 4, closedLate: 0, overdue: 0, carried: 0 }, 100, 100],
    [ZERO, null, null],
  ])('rates of %j: close %s, on time %s', (c, closeRate, onTimeRate) => {
    expect(withRates(c)).toEqual({ ...c, closeRate, onTimeRate });
  });
});
