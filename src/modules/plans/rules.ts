// The monthly (预安) and weekly (10+N) plan cycle: pure rules, no I/O, no clock reads.
import { addCalendarDays, diffCalendarDays, monthEnd, monthOf, monthStart } from '../../calendar/rules.js';
import { PLAN_STATUS_LABELS, PROPOSAL_STATUS_LABELS, type ItemDecision, type PlanStatus, type ProposalStatus, type TaskStatus } from '../../shared/labels.js';

export { DECISION_LABELS, PLAN_STATUS_LABELS, PROPOSAL_STATUS_LABELS, type ItemDecision, type ProposalStatus } from '../../shared/labels.js';

export type PlanKind = 'monthly' | 'weekly';

// The steps in order; each moves the plan one step on (会议研究 → 印发 happens by issuing).
export const PLAN_STEPS: PlanStatus[] = ['collecting', 'reviewing', 'consolidating', 'meeting', 'issued'];

export function nextPlanStatus(status: PlanStatus): PlanStatus | null {
  const i = PLAN_STEPS.indexOf(status);
  return i >= 0 && i < PLAN_STEPS.length - 1 ? PLAN_STEPS[i + 1]! : null;
}

// The office moves the plan on by hand up to the meeting; the meeting ends by issuing, which creates the tasks.
export function checkAdvance(from: PlanStatus): { ok: true; to: PlanStatus } | { ok: false; message: string } {
  if (from === 'meeting') return { ok: false, message: '计划已进入会议研究，请逐项决定后印发' };
  const to = nextPlanStatus(from);
  if (!to) return { ok: false, message: `计划已${PLAN_STATUS_LABELS[from]}，不能再推进` };
  return { ok: true, to };
}

export interface PlanSchedule {
  proposeBy: string;
  reviewBy: string;
  consolidateBy: string;
  meetingOn: string;
}

// For month M: units propose by the `proposeDay` (default 25th) of month M-1, leaders review two days later,
// the office consolidates two days after that, and the month-end meeting is on the last day of M-1.
export function monthlySchedule(month: string, proposeDay = 25): PlanSchedule {
  const previousEnd = addCalendarDays(monthStart(month), -1);
  const previousMonth = previousEnd.slice(0, 7);
  const day = Math.min(proposeDay, Number(previousEnd.slice(8)) - 4);
  const proposeBy = `${previousMonth}-${String(day).padStart(2, '0')}`;
  const reviewBy = addCalendarDays(proposeBy, 2);
  const consolidateBy = addCalendarDays(reviewBy, 1);
  return { proposeBy, reviewBy, consolidateBy, meetingOn: previousEnd };
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const isMonth = (p: unknown): p is string => typeof p === 'string' && MONTH_PATTERN.test(p);

export const nextMonth = (month: string) => monthOf(addCalendarDays(monthEnd(month), 1));

// The Monday of an ISO week '2026-W15' (week 1 holds 4 January), or null when the year has no such week.
export function weekStart(week: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const jan4 = `${m[1]}-01-04`;
  const weekday = ((new Date(`${jan4}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const monday = addCalendarDays(jan4, 1 - weekday + (Number(m[2]) - 1) * 7);
  // A week belongs to the year of its Thursday.
  return Number(m[2]) >= 1 && Number(addCalendarDays(monday, 3).slice(0, 4)) === year ? monday : null;
}

// The weekly 10+N plan runs the same steps within the week before: units by Thursday, review, consolidation
// and the meeting on Friday.
export function weeklySchedule(week: string): PlanSchedule {
  const monday = weekStart(week);
  if (!monday) throw new RangeError(`不是有效的周：${week}`);
  const friday = addCalendarDays(monday, -3);
  return { proposeBy: addCalendarDays(monday, -4), reviewBy: friday, consolidateBy: friday, meetingOn: friday };
}

export const isPlanPeriod = (kind: PlanKind, period: string) => (kind === 'monthly' ? isMonth(period) : weekStart(period) !== null);

export const planSchedule = (kind: PlanKind, period: string) => (kind === 'monthly' ? monthlySchedule(period) : weeklySchedule(period));

// Units get at least these days to propose when a plan is opened after its usual proposal date.
export const LATE_OPENING_PROPOSE_DAYS = 3;

// The usual schedule, or, when the plan is opened after its proposal date, the same steps with the same spacing moved
// on so that units have LATE_OPENING_PROPOSE_DAYS from `today` (a plan opened on 11-30 has no step in the past).
export function scheduleFrom(usual: PlanSchedule, today: string): PlanSchedule {
  if (usual.proposeBy >= today) return usual;
  const shift = diffCalendarDays(usual.proposeBy, addCalendarDays(today, LATE_OPENING_PROPOSE_DAYS));
  return {
    proposeBy: addCalendarDays(usual.proposeBy, shift),
    reviewBy: addCalendarDays(usual.reviewBy, shift),
    consolidateBy: addCalendarDays(usual.consolidateBy, shift),
    meetingOn: addCalendarDays(usual.meetingOn, shift),
  };
}

export const SCHEDULE_STEPS = ['proposeBy', 'reviewBy', 'consolidateBy', 'meetingOn'] as const;
export const SCHEDULE_LABELS: Record<(typeof SCHEDULE_STEPS)[number], string> = {
  proposeBy: '单位申报截止日',
  reviewBy: '分管领导审核截止日',
  consolidateBy: '督查室汇总截止日',
  meetingOn: '会议研究日',
};

// The office's own step dates: in the order of the steps, and none moved to a day already past (a date left as it was
// may stay in the past).
export function scheduleProblems(before: PlanSchedule, after: PlanSchedule, today: string): string[] {
  const problems: string[] = [];
  for (const step of SCHEDULE_STEPS) {
    if (after[step] !== before[step] && after[step] < today) problems.push(`${SCHEDULE_LABELS[step]}不能早于今天`);
  }
  SCHEDULE_STEPS.slice(1).forEach((step, i) => {
    const previous = SCHEDULE_STEPS[i]!;
    if (after[step] < after[previous]) problems.push(`${SCHEDULE_LABELS[step]}不能早于${SCHEDULE_LABELS[previous]}`);
  });
  return problems;
}

// The step dates can be changed until the plan is issued.
export const scheduleEditable = (status: PlanStatus) => status !== 'issued';

// The days the plan covers: task start dates and the earliest deadline.
export function planDays(kind: PlanKind, period: string): { start: string; end: string } {
  if (kind === 'monthly') return { start: monthStart(period), end: monthEnd(period) };
  const start = weekStart(period)!;
  return { start, end: addCalendarDays(start, 6) };
}

// The ledger month of the plan's tasks: a week counts in the month of its Thursday, like its ISO year.
export const planMonth = (kind: PlanKind, period: string) => (kind === 'monthly' ? period : monthOf(addCalendarDays(weekStart(period)!, 3)));

export function planLabel(kind: PlanKind, period: string): string {
  if (kind === 'weekly') return `${period.slice(0, 4)}年第${Number(period.slice(6))}周`;
  return `${period.slice(0, 4)}年${Number(period.slice(5))}月`;
}

export const defaultPlanTitle = (kind: PlanKind, period: string) => `${planLabel(kind, period)}${kind === 'weekly' ? '“10+N”' : ''}重点工作安排`;

// A proposal filed after its deadline is marked late, never refused.
export const isLate = (submittedOn: string, proposeBy: string) => submittedOn > proposeBy;

// Lateness is fixed at the first submission: a proposal the leader returned and the unit resubmits keeps it.
export const lateOnSubmit = (previous: { submittedAt: Date | null; late: boolean }, submittedOn: string, proposeBy: string) =>
  previous.submittedAt === null ? isLate(submittedOn, proposeBy) : previous.late;

export type ProposalAction = 'submit' | 'approve' | 'return';

const PROPOSAL_TRANSITIONS: Record<ProposalAction, { from: ProposalStatus[]; to: ProposalStatus; label: string }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', label: '提交' },
  approve: { from: ['submitted'], to: 'approved', label: '审核通过' },
  return: { from: ['submitted'], to: 'returned', label: '退回修改' },
};

// The unit edits its own proposal until it submits it; after that the leader in charge or the office edit it, saying why.
export const unitEditable = (s: ProposalStatus) => s === 'draft' || s === 'returned';
export const reviewerEditable = (s: ProposalStatus) => s === 'submitted' || s === 'approved';

export function checkProposalTransition(action: ProposalAction, from: ProposalStatus): { ok: true; to: ProposalStatus } | { ok: false; message: string } {
  const t = PROPOSAL_TRANSITIONS[action];
  if (!t.from.includes(from)) return { ok: false, message: `申报当前为“${PROPOSAL_STATUS_LABELS[from]}”，不能${t.label}` };
  return { ok: true, to: t.to };
}

// Units draft, edit and submit, and leaders review, while collecting or reviewing (a returned proposal may be fixed and
// resubmitted during review, marked late). From consolidation on the plan takes no more proposals.
export const proposalsOpen = (status: PlanStatus) => status === 'collecting' || status === 'reviewing';

export const proposalsClosedMessage = (status: PlanStatus) => `计划已进入“${PLAN_STATUS_LABELS[status]}”阶段，不再接受申报或修改申报`;

// The office edits the draft while consolidating and during the meeting; the meeting decides item by item.
export const itemsEditable = (status: PlanStatus) => status === 'consolidating' || status === 'meeting';

// The rest of 三定 that both proposals and items carry into the task.
export const RESPONSIBILITY_FIELDS = [
  'responsiblePersonId',
  'responsibleName',
  'responsiblePhone',
  'indicators',
  'level',
  'reportCadence',
  'evidenceRequired',
] as const;

export const PROPOSAL_FIELDS = [
  'title',
  'measures',
  'timetable',
  'milestones',
  'standard',
  'deadline',
  'categoryId',
  'leadLeaderId',
  'cooperatingUnitIds',
  ...RESPONSIBILITY_FIELDS,
] as const;
export const ITEM_FIELDS = [
  'title',
  'measures',
  'milestones',
  'standard',
  'deadline',
  'categoryId',
  'leadLeaderId',
  'leadUnitId',
  'cooperatingUnitIds',
  ...RESPONSIBILITY_FIELDS,
] as const;
export type PlanField = (typeof PROPOSAL_FIELDS)[number] | (typeof ITEM_FIELDS)[number];

export const FIELD_LABELS: Record<PlanField, string> = {
  title: '工作任务',
  measures: '工作措施',
  timetable: '时间表',
  milestones: '关键节点',
  standard: '工作标准',
  deadline: '完成时限',
  categoryId: '类别',
  leadLeaderId: '责任领导',
  leadUnitId: '责任单位',
  cooperatingUnitIds: '配合单位',
  responsiblePersonId: '责任人',
  responsibleName: '责任人姓名',
  responsiblePhone: '联系电话',
  indicators: '量化指标',
  level: '等级',
  reportCadence: '报送频次',
  evidenceRequired: '销号佐证',
};

// The fields whose values differ (compared as JSON, so lists and objects compare by content).
export function changedFields<K extends string>(before: Partial<Record<K, unknown>>, after: Partial<Record<K, unknown>>, fields: readonly K[]): K[] {
  return fields.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));
}

// Before the plan may be issued every item needs the meeting's decision.
export function undecided(items: { decision: ItemDecision | null }[]): number {
  return items.filter((i) => i.decision === null).length;
}

// ---- Month-end roll-over (挂单)

// The carry-overs a task still open in `current` needs so that it stands in `thisMonth`: one per month that ended.
export function carryOvers(current: string, thisMonth: string): { fromPeriod: string; toPeriod: string }[] {
  const out: { fromPeriod: string; toPeriod: string }[] = [];
  for (let from = current; from < thisMonth; from = nextMonth(from)) out.push({ fromPeriod: from, toPeriod: nextMonth(from) });
  return out;
}

export const REASON_GRACE_MS = 2 * 86_400_000;

// A unit that has not stated why its task was carried over is reminded once it is more than two days late.
export const reasonOverdue = (carriedAt: Date, now: Date) => now.getTime() - carriedAt.getTime() > REASON_GRACE_MS;

// ---- Carried tasks (挂单) in the next plan

export interface CarriedTaskState {
  status: TaskStatus;
  closedOn: string | null;
}

// A carried task that closed or was cancelled is no more work for the plan to issue.
export const CARRIED_FINISHED: readonly TaskStatus[] = ['closed', 'cancelled'];
export const carriedTaskFinished = (s: Pick<CarriedTaskState, 'status'>) => CARRIED_FINISHED.includes(s.status);

// What a draft or a proposal says of a carried task that finished: '已于4月20日销号', or null while it is open.
export function carriedTaskFinishedNote(s: CarriedTaskState): string | null {
  if (!carriedTaskFinished(s)) return null;
  if (s.status === 'cancelled') return '已撤销';
  return s.closedOn ? `已于${Number(s.closedOn.slice(5, 7))}月${Number(s.closedOn.slice(8))}日销号` : '已销号';
}

// A proposal is withdrawn (e.g. a pre-filled draft whose task is about to close) while the plan takes proposals: by
// its unit before the leader approves it, by the office at any point before consolidation.
export function checkWithdraw(status: ProposalStatus, by: 'unit' | 'office'): { ok: true } | { ok: false; message: string } {
  const from: ProposalStatus[] = by === 'office' ? ['draft', 'submitted', 'returned', 'approved'] : ['draft', 'submitted', 'returned'];
  if (from.includes(status)) return { ok: true };
  const label = PROPOSAL_STATUS_LABELS[status];
  return { ok: false, message: status === 'approved' ? `申报已${label}，请联系督查室撤回` : `申报当前为“${label}”，不能撤回` };
}
