// Closing (销号) by joint review (三部联审): pure rules.

export type ReviewDecision = 'approve' | 'reject';

export type JointOutcome = 'pending' | 'approved' | 'rejected';

// All offices approve → closed; any office rejects → back to the unit with its reasons.
export function jointOutcome(offices: number[], decisions: { officeId: number; decision: ReviewDecision }[]): JointOutcome {
  if (decisions.some((d) => d.decision === 'reject')) return 'rejected';
  return offices.every((o) => decisions.some((d) => d.officeId === o && d.decision === 'approve')) ? 'approved' : 'pending';
}

// Finished after the deadline: closed, but as late.
export const closedLate = (finishedOn: string, deadline: string) => finishedOn > deadline;

export function closingProblems(
  input: { summary: string; finishedOn: string; attachmentIds: number[] },
  task: { startDate: string; evidenceRequired: boolean },
  today: string,
): string[] {
  const problems: string[] = [];
  if (!input.summary.trim()) problems.push('请填写完成情况');
  if (input.finishedOn > today) problems.push('完成日期不能晚于今天');
  if (input.finishedOn < task.startDate) problems.push('完成日期不能早于事项开始日期');
  if (task.evidenceRequired && input.attachmentIds.length === 0) problems.push('该事项的工作标准要求提供佐证材料，请上传附件');
  return problems;
}
