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

  it('a late finish closes as late', () => {
    expect(closedLate('2026-03-31', '2026-03-31')).toBe(false);
    expect(closedLate('2026-04-01', '2026-03-31')).toBe(true);
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
