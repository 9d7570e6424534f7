import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  CLOSING_ACTIONS,
  derivedProgress,
  handoverProblems,
  lastDueDay,
  planProblems,
  reportMissing,
  statusColour,
  TASK_ACTIONS,
  TASK_STATUSES,
  TRANSITIONS,
  type TaskAction,
  type TaskStatus,
} from './rules.js';

// Every (action, from) pair: the allowed ones and where they lead; everything else is refused.
const ALLOWED: Record<TaskAction, Partial<Record<TaskStatus, TaskStatus | 'back'>>> = {
  assign: { draft: 'assigned', declined: 'assigned' },
  sign: { assigned: 'signed' },
  decline: { assigned: 'declined' },
  start: { signed: 'in_progress', returned: 'in_progress' },
  request_closing: { in_progress: 'closing_requested', returned: 'closing_requested' },
  close: { closing_requested: 'closed' },
  return: { closing_requested: 'returned' },
  suspend: { assigned: 'suspended', signed: 'suspended', in_progress: 'suspended', returned: 'suspended' },
  resume: { suspended: 'back' },
  cancel: {
    draft: 'cancelled',
    assigned: 'cancelled',
    declined: 'cancelled',
    signed: 'cancelled',
    in_progress: 'cancelled',
    closing_requested: 'cancelled',
    returned: 'cancelled',
    suspended: 'cancelled',
  },
};

const pairs = TASK_ACTIONS.flatMap((action) => TASK_STATUSES.map((from) => [action, from] as const));

describe('task life cycle', () => {
  it.each(pairs)('%s from %s', (action, from) => {
    const expected = ALLOWED[action][from];
    const result = checkTransition(action, from, 'in_progress');
    if (expected === undefined) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^事项当前为“.+”，不能/);
    } else {
      expect(result).toEqual({ ok: true, to: expected === 'back' ? 'in_progress' : expected });
    }
  });

  it('a closed or cancelled task can do nothing more', () => {
    for (const action of TASK_ACTIONS) {
      expect(checkTransition(action, 'closed', null).ok).toBe(false);
      expect(checkTransition(action, 'cancelled', null).ok).toBe(false);
    }
  });

  it('resume returns to the state the task was suspended from', () => {
    expect(checkTransition('resume', 'suspended', 'signed')).toEqual({ ok: true, to: 'signed' });
    expect(checkTransition('resume', 'suspended', null).ok).toBe(false);
  });

  it('the office assigns, closes, returns, suspends and cancels; the unit signs, declines and asks to close', () => {
    const byOffice = TASK_ACTIONS.filter((a) => TRANSITIONS[a].by === 'office');
    expect(byOffice.sort()).toEqual(['assign', 'cancel', 'close', 'resume', 'return', 'suspend']);
  });

  it('the moves into and out of 申请销号, short of cancelling, are the closing review’s alone', () => {
    const touching = TASK_ACTIONS.filter(
      (a) => a !== 'cancel' && (TRANSITIONS[a].to === 'closing_requested' || TRANSITIONS[a].from.includes('closing_requested')),
    );
    expect(touching).toEqual([...CLOSING_ACTIONS]);
  });

  it.each(['decline', 'return', 'suspend', 'cancel'] as const)('%s needs a reason', (action) => {
    expect(TRANSITIONS[action].needsReason).toBe(true);
  });
});

describe('status colour (亮灯)', () => {
  const base = { deadline: '2026-03-31', closedOn: null, milestones: [] as { dueDate: string; doneDate: string | null }[] };
  it.each([
    ['closed is green', { ...base, status: 'closed' as const, closedOn: '2026-03-20' }, '2026-04-10', 'green'],
    ['on schedule is blue', { ...base, status: 'in_progress' as const }, '2026-03-25', 'blue'],
    ['4 days left is blue', { ...base, status: 'signed' as const }, '2026-03-27', 'blue'],
    ['3 days left is yellow', { ...base, status: 'signed' as const }, '2026-03-28', 'yellow'],
    ['due today is yellow', { ...base, status: 'in_progress' as const }, '2026-03-31', 'yellow'],
    ['a day overdue is red', { ...base, status: 'in_progress' as const }, '2026-04-01', 'red'],
    ['waiting for closing review but overdue is red', { ...base, status: 'closing_requested' as const }, '2026-04-02', 'red'],
    [
      'a late milestone makes it yellow',
      { ...base, status: 'in_progress' as const, milestones: [{ dueDate: '2026-03-20', doneDate: null }] },
      '2026-03-21',
      'yellow',
    ],
    [
      'a milestone done late is no longer a warning',
      { ...base, status: 'in_progress' as const, milestones: [{ dueDate: '2026-03-20', doneDate: '2026-03-22' }] },
      '2026-03-23',
      'blue',
    ],
    [
      'a milestone due today is not late',
      { ...base, status: 'in_progress' as const, milestones: [{ dueDate: '2026-03-20', doneDate: null }] },
      '2026-03-20',
      'blue',
    ],
    ['draft is not counted', { ...base, status: 'draft' as const }, '2026-04-10', 'grey'],
    ['suspended is not counted', { ...base, status: 'suspended' as const }, '2026-04-10', 'grey'],
    ['cancelled is not counted', { ...base, status: 'cancelled' as const }, '2026-04-10', 'grey'],
    ['declined is not counted', { ...base, status: 'declined' as const }, '2026-04-10', 'grey'],
  ])('%s', (_name, task, today, colour) => {
    expect(statusColour(task, today)).toBe(colour);
  });

  it('the due-soon threshold is configurable', () => {
    const task = { ...base, status: 'in_progress' as const };
    expect(statusColour(task, '2026-03-26', 5)).toBe('yellow');
    expect(statusColour(task, '2026-03-26', 3)).toBe('blue');
  });
});

describe('a deadline before the handover is refused (issue 9), except for imported history', () => {
  it.each([
    ['a deadline after the handover day', { deadline: '2026-03-31', importedHistory: false }, '2026-03-16', []],
    ['a deadline on the handover day', { deadline: '2026-03-16', importedHistory: false }, '2026-03-16', []],
    [
      'a deadline the day before the handover',
      { deadline: '2026-03-15', importedHistory: false },
      '2026-03-16',
      ['完成时限（2026-03-15）不能早于交办日期（2026-03-16）'],
    ],
    [
      'a deadline a month before the handover',
      { deadline: '2026-02-10', importedHistory: false },
      '2026-03-16',
      ['完成时限（2026-02-10）不能早于交办日期（2026-03-16）'],
    ],
    ['imported history with its deadline long past', { deadline: '2025-06-30', importedHistory: true }, '2026-03-16', []],
  ])('%s', (_name, task, handoverDay, problems) => {
    expect(handoverProblems(task, handoverDay)).toEqual(problems);
  });
});

describe('owner and schedule checks (三定)', () => {
  const plan = {
    startDate: '2026-03-01',
    deadline: '2026-03-31',
    leadUnitId: 1,
    cooperatingUnitIds: [2],
    milestones: [{ name: '方案', dueDate: '2026-03-10' }],
  };
  it.each([
    ['a sound plan', plan, []],
    ['deadline before start', { ...plan, deadline: '2026-02-28', milestones: [] }, ['完成时限不能早于开始日期']],
    ['cooperating unit equal to the lead unit', { ...plan, cooperatingUnitIds: [1] }, ['配合单位不能与牵头单位相同']],
    ['milestone after the deadline', { ...plan, milestones: [{ name: '验收', dueDate: '2026-04-02' }] }, ['关键节点“验收”的时间晚于完成时限']],
    ['milestone before the start', { ...plan, milestones: [{ name: '启动', dueDate: '2026-02-20' }] }, ['关键节点“启动”的时间早于开始日期']],
  ])('%s', (_name, p, problems) => {
    expect(planProblems(p)).toEqual(problems);
  });
});

describe('derived progress of a decomposed task', () => {
  it.each([
    [[], null],
    [
      [
        { status: 'in_progress' as const, percent: 40 },
        { status: 'in_progress' as const, percent: 60 },
      ],
      50,
    ],
    [
      [
        { status: 'closed' as const, percent: 80 },
        { status: 'signed' as const, percent: 0 },
      ],
      50,
    ],
    [
      [
        { status: 'cancelled' as const, percent: 0 },
        { status: 'in_progress' as const, percent: 30 },
      ],
      30,
    ],
  ])('%j → %s', (children, expected) => {
    expect(derivedProgress(children)).toBe(expected);
  });
});

describe('reporting cadence', () => {
  it.each([
    ['none is never missing', { kind: 'none' as const }, null, '2026-03-25', null, false],
    ['every 7 days: not yet due', { kind: 'every_n_days' as const, days: 7 }, null, '2026-03-07', null, false],
    ['every 7 days: due on day 7, not missing until it ends', { kind: 'every_n_days' as const, days: 7 }, null, '2026-03-08', '2026-03-08', false],
    ['every 7 days: missing the day after', { kind: 'every_n_days' as const, days: 7 }, null, '2026-03-09', '2026-03-08', true],
    ['every 7 days: reported on the due day', { kind: 'every_n_days' as const, days: 7 }, '2026-03-08', '2026-03-10', '2026-03-08', false],
    ['every 7 days: next period missed', { kind: 'every_n_days' as const, days: 7 }, '2026-03-08', '2026-03-16', '2026-03-15', true],
    ['weekly on Monday (2026-03-23 is a Monday)', { kind: 'weekly' as const, weekday: 1 }, '2026-03-16', '2026-03-25', '2026-03-23', true],
    ['weekly on Monday, reported Tuesday', { kind: 'weekly' as const, weekday: 1 }, '2026-03-24', '2026-03-25', '2026-03-23', false],
    ['weekly: the first Monday after signing is only due', { kind: 'weekly' as const, weekday: 1 }, null, '2026-03-02', '2026-03-02', false],
    ['monthly on the 20th', { kind: 'monthly' as const, day: 20 }, null, '2026-03-25', '2026-03-20', true],
    ['monthly on the 20th, before it comes', { kind: 'monthly' as const, day: 20 }, null, '2026-03-19', null, false],
    ['monthly on the 31st falls on the last day of a short month', { kind: 'monthly' as const, day: 31 }, '2026-03-31', '2026-05-01', '2026-04-30', true],
  ])('%s', (_name, cadence, lastReport, today, due, missing) => {
    const input = { cadence, since: '2026-03-01', lastReport };
    expect(lastDueDay(input, today)).toBe(due);
    expect(reportMissing(input, today)).toBe(missing);
  });
});
