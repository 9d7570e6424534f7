// Request and response schemas shared by the plans module's route files, with the presenters that fill them.
import { z } from '@hono/zod-openapi';
import { Id, IdParam } from '../../http.js';
import { LEVEL_LABELS, PROPOSAL_STATUSES, TASK_LEVELS } from '../../shared/labels.js';
import { Cadence } from '../tasks/task-detail.js';
import { DECISION_LABELS, PLAN_STATUS_LABELS, PROPOSAL_STATUS_LABELS, planLabel } from './rules.js';
import * as store from './store.js';

const Day = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
export { Id };
export const Text = (max: number) => z.string().trim().max(max);
const Binary = z.any().openapi({ type: 'string', format: 'binary' });
export const fileResponse = (type: string, description: string) => ({ description, content: { [type]: { schema: Binary } } });

const Milestone = z.object({ name: Text(200).min(1, '请填写节点名称'), dueDate: Day });
const Indicator = z.object({ name: Text(200).min(1, '请填写指标名称'), target: z.number().finite(), unitOfMeasure: Text(20).default('') });
const Content = {
  title: Text(200).min(1, '请填写工作任务'),
  measures: Text(5000).default(''),
  milestones: z.array(Milestone).max(50).default([]),
  standard: Text(5000).default(''),
  deadline: Day,
  categoryId: Id.nullable().default(null),
  leadLeaderId: Id.nullable().default(null),
  cooperatingUnitIds: z.array(Id).max(50).default([]),
  responsiblePersonId: Id.nullable().default(null).describe('责任人（人员库）；姓名、电话未填时取其登记的'),
  responsibleName: Text(50).default(''),
  responsiblePhone: Text(30).default(''),
  indicators: z.array(Indicator).max(50).default([]).describe('量化指标'),
  level: z.enum(TASK_LEVELS).default('general'),
  reportCadence: Cadence.default({ kind: 'none' }).describe('进度报送频次'),
  evidenceRequired: z.boolean().default(false).describe('销号时是否必须提供佐证材料'),
};
export const ProposalInput = z.object({ ...Content, timetable: Text(5000).default('') }).openapi('PlanProposalInput');
export const ItemInput = z.object({ ...Content, leadUnitId: Id }).openapi('PlanItemInput');
// A patch names only what changes; without defaults, so nothing unnamed is reset.
export const ProposalChanges = z.object({
  title: Content.title.optional(),
  measures: Text(5000).optional(),
  timetable: Text(5000).optional(),
  milestones: z.array(Milestone).max(50).optional(),
  standard: Text(5000).optional(),
  deadline: Day.optional(),
  categoryId: Id.nullable().optional(),
  leadLeaderId: Id.nullable().optional(),
  cooperatingUnitIds: z.array(Id).max(50).optional(),
  responsiblePersonId: Id.nullable().optional(),
  responsibleName: Text(50).optional(),
  responsiblePhone: Text(30).optional(),
  indicators: z.array(Indicator).max(50).optional(),
  level: z.enum(TASK_LEVELS).optional(),
  reportCadence: Cadence.optional(),
  evidenceRequired: z.boolean().optional(),
});
export const ItemChanges = ProposalChanges.omit({ timetable: true }).extend({ leadUnitId: Id.optional() });
export const Reason = Text(500);
export const ScheduleChanges = z.object({ proposeBy: Day.optional(), reviewBy: Day.optional(), consolidateBy: Day.optional(), meetingOn: Day.optional() });
export const PlanParam = IdParam;

export const Period = z
  .object({
    id: z.number(),
    kind: z.enum(['monthly', 'weekly']),
    period: z.string(),
    label: z.string(),
    title: z.string(),
    status: z.enum(['collecting', 'reviewing', 'consolidating', 'meeting', 'issued']),
    statusLabel: z.string(),
    proposeBy: z.string(),
    reviewBy: z.string(),
    consolidateBy: z.string(),
    meetingOn: z.string(),
    documentNumber: z.string().nullable(),
    issuedAt: z.string().nullable(),
    version: z.number(),
  })
  .openapi('PlanPeriod');

export const presentPeriod = (p: store.PeriodRow): z.infer<typeof Period> => ({
  id: p.id,
  kind: p.kind,
  period: p.period,
  label: planLabel(p.kind, p.period),
  title: p.title,
  status: p.status,
  statusLabel: PLAN_STATUS_LABELS[p.status],
  proposeBy: p.proposeBy,
  reviewBy: p.reviewBy,
  consolidateBy: p.consolidateBy,
  meetingOn: p.meetingOn,
  documentNumber: p.documentNumber,
  issuedAt: p.issuedAt?.toISOString() ?? null,
  version: p.version,
});

// 三定 as a proposal and an item show it.
const responsibilityFields = {
  responsiblePersonId: z.number().nullable(),
  responsibleName: z.string().describe('责任人姓名；未填时为所选人员的姓名'),
  responsiblePhone: z.string(),
  indicators: z.array(z.object({ name: z.string(), target: z.number(), unitOfMeasure: z.string() })),
  level: z.enum(TASK_LEVELS),
  levelLabel: z.string(),
  reportCadence: Cadence,
  evidenceRequired: z.boolean(),
};

export const Proposal = z
  .object({
    id: z.number(),
    periodId: z.number(),
    unitId: z.number(),
    unitName: z.string(),
    status: z.enum(PROPOSAL_STATUSES),
    statusLabel: z.string(),
    title: z.string(),
    measures: z.string(),
    timetable: z.string(),
    milestones: z.array(z.object({ name: z.string(), dueDate: z.string() })),
    standard: z.string(),
    deadline: z.string(),
    categoryId: z.number().nullable(),
    categoryName: z.string(),
    leadLeaderId: z.number().nullable(),
    leadLeaderName: z.string(),
    cooperatingUnitIds: z.array(z.number()),
    cooperatingUnitNames: z.array(z.string()),
    ...responsibilityFields,
    carriedTaskId: z.number().nullable(),
    late: z.boolean(),
    submittedAt: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewComment: z.string(),
    withdrawReason: z.string(),
    version: z.number(),
    updatedAt: z.string(),
  })
  .openapi('PlanProposal');

// Without names (an item), the responsible name is as entered; the task takes the person's own when it is empty.
const presentResponsibility = (r: store.ProposalRow | store.ItemRow, n?: store.Names) => ({
  responsiblePersonId: r.responsiblePersonId,
  responsibleName: r.responsibleName || (r.responsiblePersonId ? (n?.people.get(r.responsiblePersonId) ?? '') : ''),
  responsiblePhone: r.responsiblePhone,
  indicators: r.indicators,
  level: r.level,
  levelLabel: LEVEL_LABELS[r.level],
  reportCadence: r.reportCadence,
  evidenceRequired: r.evidenceRequired,
});

export const presentProposal = (p: store.ProposalRow, n: store.Names): z.infer<typeof Proposal> => ({
  id: p.id,
  periodId: p.periodId,
  unitId: p.unitId,
  unitName: n.units.get(p.unitId) ?? '',
  status: p.status,
  statusLabel: PROPOSAL_STATUS_LABELS[p.status],
  title: p.title,
  measures: p.measures,
  timetable: p.timetable,
  milestones: p.milestones,
  standard: p.standard,
  deadline: p.deadline,
  categoryId: p.categoryId,
  categoryName: p.categoryId ? (n.categories.get(p.categoryId)?.name ?? '') : '',
  leadLeaderId: p.leadLeaderId,
  leadLeaderName: p.leadLeaderId ? (n.leaders.get(p.leadLeaderId)?.name ?? '') : '',
  cooperatingUnitIds: p.cooperatingUnitIds,
  cooperatingUnitNames: p.cooperatingUnitIds.map((u) => n.units.get(u) ?? ''),
  ...presentResponsibility(p, n),
  carriedTaskId: p.carriedTaskId,
  late: p.late,
  submittedAt: p.submittedAt?.toISOString() ?? null,
  reviewedAt: p.reviewedAt?.toISOString() ?? null,
  reviewComment: p.reviewComment,
  withdrawReason: p.withdrawReason,
  version: p.version,
  updatedAt: p.updatedAt.toISOString(),
});

export const Item = z
  .object({
    id: z.number(),
    periodId: z.number(),
    origin: z.enum(['proposal', 'leader_assigned', 'carried_over']),
    sourceProposalIds: z.array(z.number()),
    title: z.string(),
    measures: z.string(),
    milestones: z.array(z.object({ name: z.string(), dueDate: z.string() })),
    standard: z.string(),
    deadline: z.string(),
    categoryId: z.number().nullable(),
    leadLeaderId: z.number().nullable(),
    leadUnitId: z.number(),
    cooperatingUnitIds: z.array(z.number()),
    ...responsibilityFields,
    carriedTaskId: z.number().nullable(),
    decision: z.enum(['approved', 'amended', 'dropped']).nullable(),
    decisionLabel: z.string(),
    decisionNote: z.string(),
    taskId: z.number().nullable(),
    sortOrder: z.number(),
    version: z.number(),
  })
  .openapi('PlanItem');

export const presentItem = (i: store.ItemRow): z.infer<typeof Item> => ({
  id: i.id,
  periodId: i.periodId,
  origin: i.origin,
  sourceProposalIds: i.sourceProposalIds,
  title: i.title,
  measures: i.measures,
  milestones: i.milestones,
  standard: i.standard,
  deadline: i.deadline,
  categoryId: i.categoryId,
  leadLeaderId: i.leadLeaderId,
  leadUnitId: i.leadUnitId,
  cooperatingUnitIds: i.cooperatingUnitIds,
  ...presentResponsibility(i),
  carriedTaskId: i.carriedTaskId,
  decision: i.decision,
  decisionLabel: i.decision ? DECISION_LABELS[i.decision] : '待决定',
  decisionNote: i.decisionNote,
  taskId: i.taskId,
  sortOrder: i.sortOrder,
  version: i.version,
});
export const FieldChange = z.object({ field: z.string(), label: z.string(), from: z.string(), to: z.string() }).openapi('PlanFieldChange');

export const tags = ['月度计划'];
