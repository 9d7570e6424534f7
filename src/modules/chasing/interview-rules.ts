// 领导约谈: pure rules, no I/O, no clock reads.
import { diffCalendarDays, type Day } from '../../calendar/rules.js';
import { INTERVIEW_STATUS_LABELS, type InterviewLevel, type InterviewStatus } from '../../shared/labels.js';

export {
  INTERVIEW_LEVEL_LABELS,
  INTERVIEW_LEVELS,
  INTERVIEW_STATUS_LABELS,
  INTERVIEW_STATUSES,
  type InterviewLevel,
  type InterviewStatus,
} from '../../shared/labels.js';

// record_talk and publish_notice are the discipline commission's, for an admonishment (诫勉谈话) only.
export const INTERVIEW_ACTIONS = ['approve', 'reject', 'record', 'record_talk', 'publish_notice'] as const;
export type InterviewAction = (typeof INTERVIEW_ACTIONS)[number];

export const INTERVIEW_TRANSITIONS: Record<InterviewAction, { from: InterviewStatus; to: InterviewStatus; label: string }> = {
  approve: { from: 'proposed', to: 'approved', label: '批准' },
  reject: { from: 'proposed', to: 'rejected', label: '不予批准' },
  record: { from: 'approved', to: 'held', label: '登记约谈' },
  record_talk: { from: 'approved', to: 'held', label: '登记谈话情况' },
  publish_notice: { from: 'held', to: 'held', label: '发布通报' },
};

export function checkInterviewTransition(action: InterviewAction, from: InterviewStatus): { ok: true; to: InterviewStatus } | { ok: false; message: string } {
  const t = INTERVIEW_TRANSITIONS[action];
  if (t.from !== from) return { ok: false, message: `约谈当前为“${INTERVIEW_STATUS_LABELS[from]}”，不能${t.label}` };
  return { ok: true, to: t.to };
}

// 主要领导: the county Party secretary and the county head. Positions are free text such as '县委副书记、县长',
// so a title must be one whole '、'-separated part: '副县长' and '县委副书记' are not main leaders.
const MAIN_LEADER_TITLES = ['县委书记', '县长'];
export const isMainLeader = (position: string) => position.split(/[、，,\s]+/).some((part) => MAIN_LEADER_TITLES.includes(part));

// "一年之内": at most 365 days apart.
export const YEAR_DAYS = 365;

// 一年之内两次被约谈的单位主要负责同志，要对其岗位进行调整: two or more held interviews within the year ending on the latest.
export function needsAdjustment(heldOn: Day[]): boolean {
  const latest = [...heldOn].sort().at(-1);
  if (!latest) return false;
  return heldOn.filter((d) => diffCalendarDays(d, latest) <= YEAR_DAYS).length >= 2;
}

// 约谈后成效仍不明显的，由主要领导进行约谈: a head already interviewed within the past year is next interviewed by the main leader.
export function suggestedLevel(heldOn: Day[], today: Day): InterviewLevel {
  return heldOn.some((d) => diffCalendarDays(d, today) <= YEAR_DAYS) ? 'main_leader' : 'organisation_head';
}

export interface InterviewRecord {
  heldOn: Day;
  commitments: { content: string; dueDate: Day }[];
}

// Bad-input rules for recording a held interview. Chinese messages; empty when fine.
export function recordProblems(r: InterviewRecord, today: Day, approvedOn: Day): string[] {
  const problems: string[] = [];
  if (r.heldOn > today) problems.push('约谈日期不能晚于今天');
  if (r.heldOn < approvedOn) problems.push(`约谈日期不能早于批准日期（${approvedOn}）`);
  for (const c of r.commitments) if (c.dueDate < r.heldOn) problems.push(`承诺“${c.content}”的完成时限不能早于约谈日期`);
  return problems;
}

export interface TalkRecord {
  heldOn: Day;
  attendees: string;
  outcome: string;
}

// Bad-input rules for recording an admonishment talk. Chinese messages; empty when fine.
export function talkProblems(r: TalkRecord, today: Day, openedOn: Day): string[] {
  const problems: string[] = [];
  if (r.heldOn > today) problems.push('谈话日期不能晚于今天');
  if (r.heldOn < openedOn) problems.push(`谈话日期不能早于诫勉谈话通知签发日期（${openedOn}）`);
  if (!r.attendees.trim()) problems.push('请填写参加人员');
  if (!r.outcome.trim()) problems.push('请填写谈话结果');
  return problems;
}

// The notice (通报) of a held admonishment talk, as first drafted for the commission to publish or amend.
export function noticeDraft(t: {
  unitName: string;
  intervieweeName: string;
  taskTitles: string[];
  sheetNumber: string;
  heldOn: Day;
  attendees: string;
  outcome: string;
}): {
  title: string;
  text: string;
} {
  const who = t.intervieweeName ? `${t.unitName}${t.intervieweeName}同志` : `${t.unitName}有关负责同志`;
  const matters = t.taskTitles.map((x) => `“${x}”`).join('、');
  return {
    title: `关于对${who}进行诫勉谈话的通报`,
    text: [
      `${t.unitName}牵头的${matters}逾期仍未完成，经责令限期整改后仍未落实到位，县督查室签发了诫勉谈话通知书（${t.sheetNumber}）。`,
      `${t.heldOn.slice(0, 4)}年${Number(t.heldOn.slice(5, 7))}月${Number(t.heldOn.slice(8))}日，县纪委监委对${who}进行了诫勉谈话。参加人员：${t.attendees}。`,
      `谈话结果：${t.outcome}`,
      '现予通报。各单位要引以为戒，严格落实“13710”工作制度，确保各项工作按时保质完成。',
    ].join('\n'),
  };
}
