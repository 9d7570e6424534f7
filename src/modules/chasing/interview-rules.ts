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

export const INTERVIEW_ACTIONS = ['approve', 'reject', 'record'] as const;
export type InterviewAction = (typeof INTERVIEW_ACTIONS)[number];

export const INTERVIEW_TRANSITIONS: Record<InterviewAction, { from: InterviewStatus; to: InterviewStatus; label: string }> = {
  approve: { from: 'proposed', to: 'approved', label: '批准' },
  reject: { from: 'proposed', to: 'rejected', label: '不予批准' },
  record: { from: 'approved', to: 'held', label: '登记约谈' },
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
