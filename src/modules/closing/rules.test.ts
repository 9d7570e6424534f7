import { describe, expect, it } from 'vitest';
import { closedLate, closingProblems, jointOutcome } from './rules.js';

describe('joint review (三部联审)', () => {
  const offices = [1, 2, 3];
  it.each([
    ['nobody has decided', [], 'pending'],
    [
      'two of three approve',
      [
        { officeId: 1, decision: 'approve' },
        { officeId: 2, decision: 'approve' },
      ],
      'pending',
    ],
    [
      'all three approve',
      [
        { officeId: 1, decision: 'approve' },
        { officeId: 2, decision: 'approve' },
        { officeId: 3, decision: 'approve' },
      ],
      'approved',
    ],
    [
      'one rejects',
      [
        { officeId: 1, decision: 'approve' },
        { officeId: 2, decision: 'reject' },
      ],
      'rejected',
    ],
    [
      'one rejects even after the others approve',
      [
        { officeId: 1, decision: 'approve' },
        { officeId: 3, decision: 'approve' },
        { officeId: 2, decision: 'reject' },
      ],
      'rejected',
    ],
  ] as const)('%s → %s', (_name, decisions, outcome) => {
    expect(jointOutcome(offices, [...decisions])).toBe(outcome);
  });

  // Each case is a request's life against a deadline of 2026-03-31, times as recorded (UTC; Shanghai is 8 hours
  // ahead). The declared finish date and the approval time decide nothing: deciding by the declared date, as before,
  // gets the late cases wrong.
  const at = (iso: string) => new Date(iso);
  it.each([
    [
      'filed seven days late, declaring the deadline day',
      { finishedOn: '2026-03-31', filedAt: at('2026-04-07T02:00Z'), decidedAt: at('2026-04-08T02:00Z') },
      true,
    ],
    ['filed late, declaring an earlier day', { finishedOn: '2026-03-20', filedAt: at('2026-04-01T02:00Z'), decidedAt: at('2026-04-01T08:00Z') }, true],
    ['filed just after midnight in Shanghai', { finishedOn: '2026-03-31', filedAt: at('2026-03-31T16:30Z'), decidedAt: at('2026-04-01T02:00Z') }, true],
    ['filed on the deadline day', { finishedOn: '2026-03-31', filedAt: at('2026-03-31T15:30Z'), decidedAt: at('2026-03-31T15:50Z') }, false],
    ['filed on time, approved after the deadline', { finishedOn: '2026-03-28', filedAt: at('2026-03-30T02:00Z'), decidedAt: at('2026-04-10T02:00Z') }, false],
    ['returned, then filed again after the deadline', { finishedOn: '2026-03-29', filedAt: at('2026-04-02T02:00Z'), decidedAt: at('2026-04-03T02:00Z') }, true],
  ])('%s → late: %s', (_name, request, late) => {
    expect(closedLate(request, '2026-03-31')).toBe(late);
  });

  it.each([
    ['a sound request', { summary: '已完成', finishedOn: '2026-03-20', attachmentIds: [1] }, false, []],
    ['no summary', { summary: ' ', finishedOn: '2026-03-20', attachmentIds: [] }, false, ['请填写完成情况']],
    ['finished in the future', { summary: '已完成', finishedOn: '2026-03-26', attachmentIds: [] }, false, ['完成日期不能晚于今天']],
    [
      'no evidence where the standard requires it',
      { summary: '已完成', finishedOn: '2026-03-20', attachmentIds: [] },
      true,
      ['该事项的工作标准要求提供佐证材料，请上传附件'],
    ],
  ])('%s', (_name, input, evidenceRequired, problems) => {
    expect(closingProblems(input, { startDate: '2026-03-01', evidenceRequired }, '2026-03-25')).toEqual(problems);
  });
});
