import { describe, expect, it } from 'vitest';
import { closedLate, closingProblems, jointOutcome, owningReviewer, type Decision } from './rules.js';

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
    expect(
      jointOutcome(
        offices,
        null,
        decisions.map((d) => ({ ...d, unitId: null })),
      ),
    ).toBe(outcome);
  });

  // With the owning office (归口单位, unit 9) taking part, it is one more reviewer that must agree.
  const office = (officeId: number, decision: Decision['decision']): Decision => ({ officeId, unitId: null, decision });
  const unit = (unitId: number, decision: Decision['decision']): Decision => ({ officeId: null, unitId, decision });
  it.each([
    ['all three offices approve, the owning unit has not', [office(1, 'approve'), office(2, 'approve'), office(3, 'approve')], 'pending'],
    ['the owning unit approves first, then the offices', [unit(9, 'approve'), office(1, 'approve'), office(2, 'approve'), office(3, 'approve')], 'approved'],
    ['only the owning unit approves', [unit(9, 'approve')], 'pending'],
    ['the owning unit rejects after the offices approve', [office(1, 'approve'), office(2, 'approve'), office(3, 'approve'), unit(9, 'reject')], 'rejected'],
    ['an office rejects after the owning unit approves', [unit(9, 'approve'), office(2, 'reject')], 'rejected'],
    // The category changed hands while pending: the former owner's approval does not stand for the new one.
    ['another unit approved, not the owner', [unit(8, 'approve'), office(1, 'approve'), office(2, 'approve'), office(3, 'approve')], 'pending'],
  ] as const)('with the owning unit: %s → %s', (_name, decisions, outcome) => {
    expect(jointOutcome(offices, 9, [...decisions])).toBe(outcome);
  });

  it.each([
    ['a category without an owner', null, 5, [10, 11, 12], null],
    ['an owner that is not the lead unit', 9, 5, [10, 11, 12], 9],
    ['the owner leads the task itself', 9, 9, [10, 11, 12], null],
    ['the owner is one of the review offices’ units', 11, 5, [10, 11, 12], null],
  ] as const)('owning reviewer: %s → %s', (_name, owner, lead, officeUnits, reviewer) => {
    expect(owningReviewer(owner, lead, [...officeUnits])).toBe(reviewer);
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
