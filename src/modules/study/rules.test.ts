import { describe, expect, it } from 'vitest';
import { attendanceProblems, completionRate, makeupDue, makeupProblems, mondayOf, sessionColour, sessionProblems } from './rules.js';

describe('学习台账 rules', () => {
  it.each([
    [{ status: 'planned', day: '2026-03-26', openMakeups: 0, overdueMakeups: 0 }, 'blue'],
    [{ status: 'planned', day: '2026-03-25', openMakeups: 0, overdueMakeups: 0 }, 'blue'],
    [{ status: 'planned', day: '2026-03-24', openMakeups: 0, overdueMakeups: 0 }, 'red'],
    [{ status: 'held', day: '2026-03-20', openMakeups: 0, overdueMakeups: 0 }, 'green'],
    [{ status: 'held', day: '2026-03-20', openMakeups: 2, overdueMakeups: 0 }, 'blue'],
    [{ status: 'held', day: '2026-03-01', openMakeups: 2, overdueMakeups: 1 }, 'red'],
  ] as const)('%o on 2026-03-25 is %s', (s, colour) => {
    expect(sessionColour(s, '2026-03-25')).toBe(colour);
  });

  it.each([
    [{ kind: 'theory_study', title: '学习', day: '2026-03-20', place: '', topic: '' }, []],
    [{ kind: 'x', title: ' ', day: '2026-13-01', place: '', topic: '' }, ['请选择活动类型', '请填写活动名称', '请填写正确的日期']],
    [{ kind: 'party_lecture', title: '党课', day: '2026-01-01', place: '', topic: '' }, ['只能登记 60 天以内的学习活动']],
  ])('session %#', (input, problems) => {
    expect(sessionProblems(input, '2026-03-25')).toEqual(problems);
  });

  it('attendance waits for the day and names only people on the roll', () => {
    expect(attendanceProblems({ day: '2026-03-26' }, '2026-03-25', [1, 2], [])).toEqual(['学习活动在 2026-03-26 开展，当天起才能登记出勤']);
    expect(attendanceProblems({ day: '2026-03-25' }, '2026-03-25', [1, 2], [{ personId: 3, reason: '' }])).toEqual(['缺席人员应为本单位在册人员']);
    expect(
      attendanceProblems(
        { day: '2026-03-25' },
        '2026-03-25',
        [1, 2],
        [
          { personId: 1, reason: '' },
          { personId: 1, reason: '' },
        ],
      ),
    ).toEqual(['同一人只能登记一次缺席']);
  });

  it('a make-up is due two weeks after the session, dated between the session and today, with what was studied', () => {
    expect(makeupDue('2026-03-20')).toBe('2026-04-03');
    expect(makeupProblems({ day: '2026-03-19', note: '自学' }, { sessionDay: '2026-03-20' }, '2026-03-25')).toEqual(['补学日期不能早于学习活动']);
    expect(makeupProblems({ day: '2026-03-26', note: '' }, { sessionDay: '2026-03-20' }, '2026-03-25')).toEqual([
      '补学日期不能晚于今天',
      '请填写补学内容（学了什么、如何补学）',
    ]);
  });

  it('completion counts the present and the made-up; the week is keyed by its Monday', () => {
    expect(completionRate({ total: 8, present: 6, madeUp: 1 })).toBe(87.5);
    expect(completionRate({ total: 0, present: 0, madeUp: 0 })).toBeNull();
    expect(mondayOf('2026-03-25')).toBe('2026-03-23');
    expect(mondayOf('2026-03-29')).toBe('2026-03-23');
    expect(mondayOf('2026-03-30')).toBe('2026-03-30');
  });
});
