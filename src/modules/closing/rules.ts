// Closing (销号) by joint review (三部联审): pure rules.
import { dayOf } from '../../calendar/rules.js';

export type ReviewDecision = 'approve' | 'reject';

export type JointOutcome = 'pending' | 'approved' | 'rejected';

// One decision of the joint review: by a review office, or by the owning office (归口单位) of the task's category as a unit.
export interface Decision {
  officeId: number | null;
  unitId: number | null;
  decision: ReviewDecision;
}

/**
 * All offices approve, and the owning unit too when it takes part (owningReviewer) → closed; anyone rejects → back to
 * the unit with its reasons.
 */
export function jointOutcome(offices: number[], ownerUnitId: number | null, decisions: Decision[]): JointOutcome {
  if (decisions.some((d) => d.decision === 'reject')) return 'rejected';
  const approved = (by: (d: Decision) => boolean) => decisions.some((d) => by(d) && d.decision === 'approve');
  const officesAgree = offices.every((o) => approved((d) => d.officeId === o));
  const ownerAgrees = ownerUnitId === null || approved((d) => d.unitId === ownerUnitId);
  return officesAgree && ownerAgrees ? 'approved' : 'pending';
}

/**
 * The owning office (归口单位) of a task's category joins its joint review, as the category stands when deciding:
 * not when the category has none, not when it leads the task itself (nobody reviews their own request: the offices
 * decide alone), and not when it already sits in the review as one of the offices' units. null: it does not take part.
 */
export function owningReviewer(ownerUnitId: number | null, leadUnitId: number, officeUnitIds: (number | null)[]): number | null {
  if (ownerUnitId === null || ownerUnitId === leadUnitId || officeUnitIds.includes(ownerUnitId)) return null;
  return ownerUnitId;
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
