import { describe, expect, it } from 'vitest';
import {
  checkPartTransition,
  closingBlocker,
  lateParts,
  PART_ACTIONS,
  PART_STATUSES,
  partColour,
  partProblems,
  partsDue,
  type PartAction,
  type PartStatus,
} from './part-rules.js';
import { statusColour, TASK_STATUSES, type TaskStatus } from './rules.js';

describe('part states and moves', () => {
  // Every (action, part state) pair with the task under way: the state it leads to, or refused (null).
  const table: Record<PartAction, Partial<Record<PartStatus, PartStatus>>> = {
    sign: { assigned: 'signed' },
    report: { signed: 'reported', returned: 'reported' },
    confirm: { reported: 'done' },
    return: { reported: 'returned' },
    explain: { assigned: 'explained', signed: 'explained', reported: 'explained', returned: 'explained' },
  };
  for (const action of PART_ACTIONS)
    for (const status of PART_STATUSES) {
      const to = table[action][status] ?? null;
      it(`${action} from ${status} → ${to ?? 'refused'}`, () => {
        const check = checkPartTransition(action, status, 'in_progress', '理由');
        expect(check.ok ? check.to : null).toBe(to);
        if (!check.ok) expect(check.message).toMatch(/该分工当前为“.+”，不能/);
      });
    }

  const working: TaskStatus[] = ['assigned', 'signed', 'in_progress', 'returned'];
  it.each(TASK_STATUSES.map((s) => [s, working.includes(s)] as const))('with the task %s, parts move: %s', (task, moves) => {
    expect(checkPartTransition('sign', 'assigned', task).ok).toBe(moves);
  });

  it('return and explain need a reason', () => {
    expect(checkPartTransition('return', 'reported', 'in_progress', '  ')).toEqual({ ok: false, message: '退回须写明理由' });
    expect(checkPartTransition('explain', 'signed', 'in_progress', '')).toEqual({ ok: false, message: '说明情况须写明理由' });
    expect(checkPartTransition('confirm', 'reported', 'in_progress', '').ok).toBe(true);
  });
});

describe('the closing condition', () => {
  const part = (unitName: string, status: PartStatus) => ({ unitName, status, dueDate: null });
  it.each([
    [[], null],
    [[part('甲局', 'done')], null],
    [[part('甲局', 'done'), part('乙局', 'explained')], null],
    [[part('甲局', 'done'), part('乙局', 'reported')], '配合单位的分工尚未全部完成：乙局（已报告待确认）。请先确认其报告或说明情况，再申请销号'],
    [[part('甲局', 'assigned'), part('乙局', 'returned')], '配合单位的分工尚未全部完成：甲局（待签收）、乙局（被退回）。请先确认其报告或说明情况，再申请销号'],
    [[part('甲局', 'signed')], '配合单位的分工尚未全部完成：甲局（办理中）。请先确认其报告或说明情况，再申请销号'],
  ] as const)('%j → %s', (parts, message) => {
    expect(closingBlocker([...parts])).toBe(message);
  });
});

describe('part colour, the parts owed and the late ones', () => {
  const TODAY = '2026-03-25';
  const task = { status: 'in_progress' as TaskStatus, deadline: '2026-04-30' };
  it.each([
    ['assigned', '2026-03-24', 'red'],
    ['signed', '2026-03-27', 'yellow'],
    ['returned', '2026-04-20', 'blue'],
    ['signed', null, 'blue'],
    // Reported: waiting on the lead, not late on the cooperating unit's side.
    ['reported', '2026-03-01', 'blue'],
    ['done', '2026-03-01', 'green'],
    ['explained', '2026-03-01', 'green'],
  ] as const)('%s, due %s → %s', (status, dueDate, colour) => {
    expect(partColour({ unitName: '甲局', status, dueDate }, task, TODAY)).toBe(colour);
  });
  it('is grey while the task is not chased, red with the task when due with it', () => {
    expect(partColour({ unitName: '甲局', status: 'signed', dueDate: '2026-03-01' }, { status: 'suspended', deadline: '2026-04-30' }, TODAY)).toBe('grey');
    expect(partColour({ unitName: '甲局', status: 'signed', dueDate: null }, { status: 'in_progress', deadline: '2026-03-20' }, TODAY)).toBe('red');
  });

  const parts = [
    { unitName: '甲局', status: 'signed' as PartStatus, dueDate: '2026-03-20' },
    { unitName: '乙局', status: 'reported' as PartStatus, dueDate: '2026-03-10' },
    { unitName: '丙局', status: 'returned' as PartStatus, dueDate: '2026-04-02' },
    { unitName: '丁局', status: 'assigned' as PartStatus, dueDate: null },
  ];
  it('owed parts give the task its earliest due day; reported and settled ones do not', () => {
    expect(partsDue(parts)).toBe('2026-03-20');
    expect(partsDue(parts.slice(1))).toBe('2026-04-02');
    expect(partsDue([parts[1]!])).toBeNull();
    expect(partsDue([])).toBeNull();
  });
  it('names the late parts: owed and past their own due day (or the task deadline)', () => {
    expect(lateParts(parts, '2026-04-30', TODAY).map((p) => p.unitName)).toEqual(['甲局']);
    expect(lateParts(parts, '2026-03-24', TODAY).map((p) => p.unitName)).toEqual(['甲局', '丁局']);
  });
  it('the task colour counts the parts owed as a deadline', () => {
    const base = { status: 'in_progress' as TaskStatus, deadline: '2026-04-30', closedOn: null, milestones: [] };
    expect(statusColour({ ...base, partsDue: partsDue(parts) }, TODAY)).toBe('red');
    expect(statusColour({ ...base, partsDue: '2026-03-27' }, TODAY)).toBe('yellow');
    expect(statusColour({ ...base, partsDue: null }, TODAY)).toBe('blue');
    expect(statusColour({ ...base, status: 'closed', partsDue: '2026-03-01' }, TODAY)).toBe('green');
  });
});

describe('part terms', () => {
  const task = { startDate: '2026-03-01', deadline: '2026-04-30' };
  it.each([
    [{ part: '提供用地指标', dueDate: '2026-04-10' }, []],
    [{ part: '  ', dueDate: null }, ['请写明配合单位“甲局”承担的分工']],
    [{ part: '提供', dueDate: '2026-05-01' }, ['配合单位“甲局”的分工时限不能晚于事项完成时限（2026-04-30）']],
    [{ part: '提供', dueDate: '2026-02-01' }, ['配合单位“甲局”的分工时限不能早于开始日期']],
  ])('%j → %j', (terms, problems) => {
    expect(partProblems({ unitName: '甲局', standard: '', ...terms }, task)).toEqual(problems);
  });
});
