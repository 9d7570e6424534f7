import { describe, expect, it } from 'vitest';
import {
  carryOvers,
  changedFields,
  checkAdvance,
  checkProposalTransition,
  defaultPlanTitle,
  isLate,
  isPlanPeriod,
  itemsEditable,
  lateOnSubmit,
  monthlySchedule,
  nextMonth,
  nextPlanStatus,
  PLAN_STEPS,
  planDays,
  planMonth,
  planSchedule,
  proposalsOpen,
  reasonOverdue,
  reviewerEditable,
  scheduleFrom,
  scheduleProblems,
  undecided,
  unitEditable,
  weeklySchedule,
  weekStart,
} from './rules.js';
import { carriedTaskFinished, carriedTaskFinishedNote, checkWithdraw } from './rules.js';

describe('plan cycle', () => {
  it.each([
    ['2026-04', { proposeBy: '2026-03-25', reviewBy: '2026-03-27', consolidateBy: '2026-03-28', meetingOn: '2026-03-31' }],
    // February has 28 days: proposals by the 24th so review and consolidation fit before the meeting.
    ['2026-03', { proposeBy: '2026-02-24', reviewBy: '2026-02-26', consolidateBy: '2026-02-27', meetingOn: '2026-02-28' }],
    ['2027-01', { proposeBy: '2026-12-25', reviewBy: '2026-12-27', consolidateBy: '2026-12-28', meetingOn: '2026-12-31' }],
  ])('the schedule for %s', (month, schedule) => {
    expect(monthlySchedule(month)).toEqual(schedule);
  });

  it('the steps go in order and stop at issued', () => {
    expect(['collecting', 'reviewing', 'consolidating', 'meeting', 'issued'].map((s) => nextPlanStatus(s as never))).toEqual([
      'reviewing',
      'consolidating',
      'meeting',
      'issued',
      null,
    ]);
  });

  it('late proposals are marked, not refused', () => {
    expect(isLate('2026-03-25', '2026-03-25')).toBe(false);
    expect(isLate('2026-03-26', '2026-03-25')).toBe(true);
  });

  it.each([
    ['submit', 'draft', 'submitted'],
    ['submit', 'returned', 'submitted'],
    ['approve', 'submitted', 'approved'],
    ['return', 'submitted', 'returned'],
  ] as const)('%s from %s → %s', (action, from, to) => {
    expect(checkProposalTransition(action, from)).toEqual({ ok: true, to });
  });

  it.each([
    ['approve', 'draft'],
    ['approve', 'approved'],
    ['return', 'returned'],
    ['submit', 'submitted'],
    ['submit', 'approved'],
  ] as const)('%s from %s is refused with a message', (action, from) => {
    const r = checkProposalTransition(action, from);
    expect(r.ok).toBe(false);
  });

  it('counts undecided items', () => {
    expect(undecided([{ decision: 'approved' }, { decision: null }, { decision: 'dropped' }])).toBe(1);
  });
});

describe('plan cycle: advancing, weeks and edits', () => {
  it.each([
    ['collecting', 'reviewing'],
    ['reviewing', 'consolidating'],
    ['consolidating', 'meeting'],
  ] as const)('the office advances %s → %s', (from, to) => {
    expect(checkAdvance(from)).toEqual({ ok: true, to });
  });

  it.each(['meeting', 'issued'] as const)('%s cannot be advanced by hand: the meeting ends by issuing', (from) => {
    const r = checkAdvance(from);
    expect(r.ok).toBe(false);
  });

  it.each([
    ['2026-W01', '2025-12-29'],
    ['2026-W15', '2026-04-06'],
    ['2026-W53', '2026-12-28'], // 2026 starts on a Thursday, so it has 53 weeks
    ['2027-W01', '2027-01-04'],
    ['2027-W53', null],
    ['2026-W00', null],
    ['2026-15', null],
  ])('week %s starts on %s', (week, monday) => {
    expect(weekStart(week)).toBe(monday);
  });

  it('the weekly 10+N plan: units by Thursday, the meeting on Friday of the week before', () => {
    expect(weeklySchedule('2026-W15')).toEqual({ proposeBy: '2026-04-02', reviewBy: '2026-04-03', consolidateBy: '2026-04-03', meetingOn: '2026-04-03' });
    expect(planSchedule('weekly', '2026-W01').meetingOn).toBe('2025-12-26');
    expect(() => weeklySchedule('2027-W53')).toThrow();
  });

  it.each([
    ['monthly', '2026-04', true],
    ['monthly', '2026-13', false],
    ['monthly', '2026-W15', false],
    ['weekly', '2026-W15', true],
    ['weekly', '2026-04', false],
  ] as const)('%s period %s is valid: %s', (kind, period, ok) => {
    expect(isPlanPeriod(kind, period)).toBe(ok);
  });

  it('a plan covers its month or week; a week counts in the month of its Thursday', () => {
    expect(planDays('monthly', '2026-02')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(planDays('weekly', '2026-W15')).toEqual({ start: '2026-04-06', end: '2026-04-12' });
    expect(planMonth('weekly', '2026-W14')).toBe('2026-04'); // Monday 30 March, Thursday 2 April
    expect(planMonth('monthly', '2026-04')).toBe('2026-04');
  });

  it('titles read like the document', () => {
    expect(defaultPlanTitle('monthly', '2026-04')).toBe('2026年4月重点工作安排');
    expect(defaultPlanTitle('weekly', '2026-W15')).toBe('2026年第15周“10+N”重点工作安排');
  });

  it('proposals are open while collecting and reviewing only', () => {
    expect(PLAN_STEPS.filter(proposalsOpen)).toEqual(['collecting', 'reviewing']);
    expect(PLAN_STEPS.filter(itemsEditable)).toEqual(['consolidating', 'meeting']);
  });

  it('the unit edits until it submits; the reviewer edits once submitted', () => {
    const all = ['draft', 'submitted', 'returned', 'approved'] as const;
    expect(all.filter(unitEditable)).toEqual(['draft', 'returned']);
    expect(all.filter(reviewerEditable)).toEqual(['submitted', 'approved']);
  });

  it('changed fields compare lists by content', () => {
    const before = { title: '甲', milestones: [{ name: '方案', dueDate: '2026-04-10' }], cooperatingUnitIds: [1, 2] };
    const after = { title: '甲', milestones: [{ name: '方案', dueDate: '2026-04-12' }], cooperatingUnitIds: [1, 2] };
    expect(changedFields(before, after, ['title', 'milestones', 'cooperatingUnitIds'])).toEqual(['milestones']);
  });
});

describe('issue 9: lateness fixed at first submission, step dates from the creation day', () => {
  const first = new Date('2026-03-24T10:00:00+08:00');
  it.each([
    ['first submission on time', { submittedAt: null, late: false }, '2026-03-25', false],
    ['first submission late', { submittedAt: null, late: false }, '2026-03-26', true],
    ['returned, resubmitted after the date: stays on time', { submittedAt: first, late: false }, '2026-03-27', false],
    ['first submitted late, resubmitted: stays late', { submittedAt: first, late: true }, '2026-03-25', true],
  ] as const)('%s', (_, previous, day, late) => {
    expect(lateOnSubmit(previous, day, '2026-03-25')).toBe(late);
  });

  const may = monthlySchedule('2026-05');
  it.each([
    ['opened before the proposal date: the usual dates', '2026-04-20', may],
    ['opened on the proposal date: the usual dates', '2026-04-25', may],
    // Opened after: the steps keep their spacing, units get three days from today.
    ['opened the day after', '2026-04-26', { proposeBy: '2026-04-29', reviewBy: '2026-05-01', consolidateBy: '2026-05-02', meetingOn: '2026-05-04' }],
    ['a May plan opened on 11-30', '2026-11-30', { proposeBy: '2026-12-03', reviewBy: '2026-12-05', consolidateBy: '2026-12-06', meetingOn: '2026-12-08' }],
  ])('%s (%s)', (_, today, expected) => {
    const s = scheduleFrom(may, today);
    expect(s).toEqual(expected);
    expect(Object.values(s).every((d) => d >= today)).toBe(true);
  });

  it('a weekly plan opened late moves on the same way', () => {
    expect(scheduleFrom(weeklySchedule('2026-W15'), '2026-04-03')).toEqual({
      proposeBy: '2026-04-06',
      reviewBy: '2026-04-07',
      consolidateBy: '2026-04-07',
      meetingOn: '2026-04-07',
    });
  });

  const before = { proposeBy: '2026-03-25', reviewBy: '2026-03-27', consolidateBy: '2026-03-28', meetingOn: '2026-03-31' };
  it.each([
    ['unchanged, even with past dates', {}, []],
    ['the proposal date moved later', { proposeBy: '2026-03-26' }, []],
    ['a past date left as it was, a later one moved', { meetingOn: '2026-04-01' }, []],
    ['moved onto a past day', { reviewBy: '2026-03-25' }, ['分管领导审核截止日不能早于今天']],
    ['out of order', { proposeBy: '2026-03-29' }, ['分管领导审核截止日不能早于单位申报截止日']],
    ['the meeting before consolidation', { meetingOn: '2026-03-27' }, ['会议研究日不能早于督查室汇总截止日']],
  ])('step dates: %s', (_, change, problems) => {
    expect(scheduleProblems(before, { ...before, ...change }, '2026-03-26')).toEqual(problems);
  });
});

describe('month-end roll-over', () => {
  it.each([
    ['2026-03', '2026-04', [{ fromPeriod: '2026-03', toPeriod: '2026-04' }]],
    ['2026-04', '2026-04', []],
    ['2026-05', '2026-04', []],
    // A task missed for two months (the scanner was down) is carried through each month.
    [
      '2025-12',
      '2026-02',
      [
        { fromPeriod: '2025-12', toPeriod: '2026-01' },
        { fromPeriod: '2026-01', toPeriod: '2026-02' },
      ],
    ],
  ])('a task open in %s during %s is carried %j', (current, thisMonth, expected) => {
    expect(carryOvers(current, thisMonth)).toEqual(expected);
  });

  it('the next month wraps the year', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
  });

  it('a missing reason is chased after more than two days', () => {
    const at = new Date('2026-05-01T00:10:00+08:00');
    expect(reasonOverdue(at, new Date('2026-05-03T00:10:00+08:00'))).toBe(false);
    expect(reasonOverdue(at, new Date('2026-05-03T00:11:00+08:00'))).toBe(true);
  });
});

describe('carried tasks in the next plan', () => {
  it.each([
    [{ status: 'in_progress', closedOn: null }, false, null],
    [{ status: 'closing_requested', closedOn: null }, false, null],
    [{ status: 'suspended', closedOn: null }, false, null],
    [{ status: 'closed', closedOn: '2026-04-28' }, true, '已于4月28日销号'],
    [{ status: 'closed', closedOn: '2026-12-05' }, true, '已于12月5日销号'],
    [{ status: 'cancelled', closedOn: null }, true, '已撤销'],
  ] as const)('a carried task %j is finished: %s, noted %j', (state, finished, note) => {
    expect(carriedTaskFinished(state)).toBe(finished);
    expect(carriedTaskFinishedNote(state)).toBe(note);
  });

  it.each([
    ['draft', 'unit', true],
    ['returned', 'unit', true],
    ['submitted', 'unit', true],
    ['approved', 'unit', false],
    ['withdrawn', 'unit', false],
    ['draft', 'office', true],
    ['approved', 'office', true],
    ['withdrawn', 'office', false],
  ] as const)('a %s proposal may be withdrawn by the %s: %s', (status, by, ok) => {
    expect(checkWithdraw(status, by).ok).toBe(ok);
  });

  it('a withdrawn proposal is neither edited, submitted nor reviewed', () => {
    expect(unitEditable('withdrawn')).toBe(false);
    expect(reviewerEditable('withdrawn')).toBe(false);
    for (const action of ['submit', 'approve', 'return'] as const) expect(checkProposalTransition(action, 'withdrawn').ok).toBe(false);
  });
});
