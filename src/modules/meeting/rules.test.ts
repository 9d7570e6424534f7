import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../calendar/rules.js';
import { assemblePack, defaultMeetingDate, meetingDateProblem, noteProblems, outcomeOf, packClosedReason, packOpensOn, type PastCommitment } from './rules.js';

const cal = buildCalendar([], { yearsEntered: [] });

describe('the meeting date and when its pack opens', () => {
  it.each([
    // period, default meeting (2nd working day of M+1), pack opens (two working days before)
    ['2026-02', '2026-03-03', '2026-02-28'], // Saturday 02-28 is a working day (Spring Festival 调休)
    ['2026-03', '2026-04-02', '2026-03-31'],
    ['2026-09', '2026-10-09', '2026-09-30'], // the National Day holiday runs to 10-07; the pack opens before it
    ['2026-04', '2026-05-07', '2026-04-30'], // 劳动节 holiday 05-01 to 05-05
  ])('month %s: meeting %s, pack from %s', (period, meeting, opens) => {
    expect(defaultMeetingDate(cal, period)).toBe(meeting);
    expect(packOpensOn(cal, meeting)).toBe(opens);
  });

  it.each([
    ['2026-03-30', false],
    ['2026-03-31', true],
    ['2026-04-02', true],
    ['2026-05-10', true],
  ])('on %s the pack of 2026-03 (meeting 04-02) is available: %s', (today, available) => {
    const reason = packClosedReason('2026-03', '2026-04-02', '2026-03-31', today);
    expect(reason === null).toBe(available);
    if (!available) expect(reason).toBe('2026-03 月点评会定于 2026-04-02 召开，会议材料于会前两个工作日（2026-03-31）起生成，现在还不能查看');
  });

  it.each([
    ['2026-04-07', null],
    ['2026-03-31', '2026-03 的月点评会应在 2026-04 召开'],
    ['2026-04-31', '会议日期格式应为 YYYY-MM-DD'],
  ])('meeting date %s for 2026-03', (day, problem) => expect(meetingDateProblem('2026-03', day)).toBe(problem));
});

describe('instructions and commitments', () => {
  const base = { content: '三天内拿出整改方案', leaderName: '', unitId: 7, dueDate: '2026-04-10' };
  it.each([
    [{ ...base, kind: 'commitment' as const }, []],
    [{ ...base, kind: 'commitment' as const, unitId: null, dueDate: '2026-04-01' }, ['请选择作出承诺的单位', '承诺完成时限不能早于今天']],
    [{ ...base, kind: 'commitment' as const, content: ' ', dueDate: null }, ['请填写承诺事项', '请填写承诺完成时限（YYYY-MM-DD）']],
    [{ ...base, kind: 'instruction' as const, leaderName: '王县长', dueDate: null }, []],
    [{ ...base, kind: 'instruction' as const }, ['请填写作出批示的领导']],
  ])('%o', (input, problems) => expect(noteProblems(input, '2026-04-02')).toEqual(problems));
});

describe('the pack for a small hand-made case', () => {
  const task = (status: 'closed' | 'in_progress' | 'cancelled', deadline: string, closedOn: string | null = null) => ({ id: 1, status, deadline, closedOn });
  const past = (t: PastCommitment['task']): PastCommitment => ({ id: 1, content: '整改', unitName: '甲镇', dueDate: '2026-03-20', task: t });

  it.each([
    [task('closed', '2026-03-20', '2026-03-18'), 'done'],
    [task('closed', '2026-03-20', '2026-03-25'), 'done_late'],
    [task('in_progress', '2026-03-20'), 'overdue'],
    [task('in_progress', '2026-04-20'), 'in_progress'],
    [task('cancelled', '2026-04-20'), 'not_tracked'],
    [null, 'not_tracked'],
  ])('a commitment whose task is %o: %s', (t, outcome) => expect(outcomeOf(past(t), '2026-04-01')).toBe(outcome));

  it('ranks per group, groups red items by unit (most first), tells drawn units what to report, keeps non-empty bottoms', () => {
    const pack = assemblePack(
      {
        ranking: [
          { unitId: 2, unitName: '乙镇', group: 'town', rank: 2, score: 9000 },
          { unitId: 1, unitName: '甲镇', group: 'town', rank: 1, score: 9500 },
          { unitId: 5, unitName: '县水利局', group: 'county_unit', rank: 1, score: 9800 },
        ],
        red: [
          { id: 11, title: '河道清障', unitId: 2, unitName: '乙镇', deadline: '2026-03-10' },
          { id: 12, title: '危房改造', unitId: 5, unitName: '县水利局', deadline: '2026-03-05' },
          { id: 10, title: '秸秆禁烧', unitId: 2, unitName: '乙镇', deadline: '2026-03-01' },
        ],
        drawn: [
          { unitId: 2, unitName: '乙镇', group: 'town', order: 1 },
          { unitId: 1, unitName: '甲镇', group: 'town', order: 2 },
        ],
        bottom: [
          { group: 'town', units: [{ unitId: 2, unitName: '乙镇' }], confirmed: true },
          { group: 'county_unit', units: [], confirmed: false },
        ],
        past: [past(task('closed', '2026-03-20', '2026-03-18'))],
      },
      '2026-04-01',
    );
    expect(pack.ranking.map((g) => [g.group, g.rows.map((r) => r.unitName)])).toEqual([
      ['town', ['甲镇', '乙镇']],
      ['county_unit', ['县水利局']],
    ]);
    expect(pack.red.map((u) => [u.unitName, u.tasks.map((t) => t.id)])).toEqual([
      ['乙镇', [10, 11]],
      ['县水利局', [12]],
    ]);
    expect(pack.lottery.map((d) => [d.unitName, d.redCount, d.mustReport])).toEqual([
      ['乙镇', 2, '汇报本月重点工作落实情况，并逐项说明 2 项逾期事项的原因和整改措施'],
      ['甲镇', 0, '汇报本月重点工作落实情况、存在问题和下月打算'],
    ]);
    expect(pack.bottom.map((b) => b.group)).toEqual(['town']);
    expect(pack.past.map((c) => c.outcome)).toEqual(['done']);
  });
});
