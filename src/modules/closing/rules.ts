// Closing (销号) by joint review (三部联审): pure rules.
import { dayOf } from '../../calendar/rules.js';

export type ReviewDecision = 'approve' | 'reject';

export type JointOutcome = 'pending' | 'approved' | 'rejected';

// All offices approve → closed; any office rejects → back to the unit with its reasons.
export function jointOutcome(offices: number[], decisions: { officeId: number; decision: ReviewDecision }[]): JointOutcome {
  if (decisions.some((d) => d.decision === 'reject')) return 'rejected';
  return offices.every((o) => decisions.some((d) => d.officeId === o && d.decision === 'approve')) ? 'approved' : 'pending';
}

/**
 * Closed late (逾期销号), decided from recorded times only: a task closes on time when the closing request that was
 * approved was filed (its recorded filing time, as a day in Asia/Shanghai) on or before the deadline in force, which
 * is the task's deadline as it stands when the request is filed and again when the joint review settles it (a
 * deadline changed in between counts as changed). The approval day does not matter: the unit finished in time, the
 * review's pace is not its fault. A request filed after the deadline is late whatever finish date it declares; the
 * declared date (申报完成日期) is only the unit's statement. A request returned and filed again after the deadline is
 * late too, since the finish was not accepted in time.
 */
export const closedLate = (request: { filedAt: Date }, deadline: string) => dayOf(request.filedAt) > deadline;

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
