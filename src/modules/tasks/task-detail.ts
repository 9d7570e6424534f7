// The task as the API answers it: TaskDetail and its history, with the presenters that fill them field by field.
import { z } from '@hono/zod-openapi';
import { TASK_ACTIONS, TASK_LEVELS, TASK_SOURCES, TASK_STATUSES } from './rules.js';
import { PART_ACTIONS, PART_STATUSES } from './part-rules.js';
import { SHEET_KINDS } from './schema.js';
import type * as service from './service.js';

export const Cadence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('weekly'), weekday: z.number().int().min(1).max(7) }),
  z.object({ kind: z.literal('every_n_days'), days: z.number().int().min(1).max(90) }),
  z.object({ kind: z.literal('monthly'), day: z.number().int().min(1).max(31) }),
]);

export const Colour = z.enum(['green', 'blue', 'yellow', 'red', 'grey']);
const Status = z.enum(TASK_STATUSES);

const TaskAttachment = z
  .object({
    id: z.number(),
    reportId: z.number().nullable(),
    partReportId: z.number().nullable().describe('配合单位分工报告的佐证材料'),
    fileName: z.string(),
    mime: z.string(),
    size: z.number(),
    hasThumbnail: z.boolean(),
    uploadedAt: z.string(),
  })
  .openapi('TaskAttachment');

const TaskReport = z
  .object({
    id: z.number(),
    taskId: z.number(),
    reportedBy: z.number(),
    reportedByName: z.string(),
    reportedAt: z.string(),
    text: z.string(),
    percent: z.number().nullable(),
    problems: z.string(),
    coordination: z.string(),
    indicatorActuals: z.array(z.object({ indicatorId: z.number(), actual: z.number() })),
    milestonesDone: z.array(z.object({ milestoneId: z.number(), doneDate: z.string(), evidence: z.string() })),
    attachments: z.array(TaskAttachment),
  })
  .openapi('TaskReport');

const TaskPart = z
  .object({
    unitId: z.number(),
    unitName: z.string(),
    part: z.string().describe('分工内容（干什么）'),
    dueDate: z.string().nullable().describe('分工时限（何时完成）；空则按事项完成时限'),
    standard: z.string().describe('完成标准'),
    status: z.enum(PART_STATUSES),
    signedAt: z.string().nullable(),
    reportedAt: z.string().nullable(),
    note: z.string().describe('牵头单位退回或说明的理由'),
    version: z.number(),
    colour: Colour,
    late: z.boolean().describe('已过分工时限仍未报告'),
    actions: z.array(z.enum(PART_ACTIONS)),
    reports: z.array(
      z.object({
        id: z.number(),
        text: z.string(),
        reportedAt: z.string(),
        late: z.boolean(),
        decision: z.enum(['confirmed', 'returned']).nullable(),
        decisionNote: z.string(),
        attachments: z.array(TaskAttachment),
      }),
    ),
  })
  .openapi('TaskPart', { description: '配合单位的分工及其办理情况' });

// A sheet's own fields, also the base of the chasing board's and today's list items.
export const sheetFields = {
  id: z.number(),
  kind: z.enum(SHEET_KINDS),
  number: z.string(),
  unitId: z.number(),
  content: z.record(z.string(), z.string()).describe('督办单正文各栏'),
  issuedAt: z.string(),
  signedAt: z.string().nullable(),
  declinedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  points: z.number().nullable().describe('责令整改通知书所扣绩效考核分数'),
  provisional: z.boolean().describe('所催时限所在年份未录入节假日，按周一至周五暂定计算'),
};
const TaskSheet = z.object(sheetFields).openapi('TaskSheet');

export const TaskDetail = z
  .object({
    id: z.number(),
    parentId: z.number().nullable(),
    title: z.string(),
    description: z.string(),
    source: z.enum(TASK_SOURCES),
    categoryId: z.number().nullable(),
    categoryName: z.string().nullable(),
    level: z.enum(TASK_LEVELS),
    leadLeaderId: z.number().nullable(),
    leadLeaderName: z.string().nullable(),
    leadUnitId: z.number(),
    leadUnitName: z.string(),
    cooperators: z.array(z.object({ unitId: z.number(), unitName: z.string(), part: z.string() })),
    parts: z.array(TaskPart),
    latePartUnits: z.array(z.string()).describe('亮灯所指：已过分工时限仍未报告的配合单位'),
    canSetParts: z.boolean(),
    responsiblePersonId: z.number().nullable(),
    responsibleName: z.string(),
    responsiblePhone: z.string(),
    startDate: z.string(),
    deadline: z.string(),
    standard: z.string(),
    period: z.string(),
    status: Status,
    suspendedFrom: Status.nullable(),
    closedOn: z.string().nullable(),
    closedLate: z.boolean(),
    evidenceRequired: z.boolean(),
    importedHistory: z.boolean().describe('从旧台账导入、完成时限已过的历史事项：可按原时限交办，不签发督办单'),
    percent: z.number(),
    colour: Colour,
    reportCadence: Cadence,
    tags: z.array(z.string()),
    milestones: z.array(
      z.object({ id: z.number(), name: z.string(), dueDate: z.string(), doneDate: z.string().nullable(), evidence: z.string(), sortOrder: z.number() }),
    ),
    indicators: z.array(
      z.object({ id: z.number(), name: z.string(), target: z.number(), unitOfMeasure: z.string(), actual: z.number().nullable(), sortOrder: z.number() }),
    ),
    reports: z.array(TaskReport),
    attachments: z.array(TaskAttachment),
    sheets: z.array(TaskSheet),
    children: z.array(z.object({ id: z.number(), title: z.string(), leadUnitName: z.string(), status: Status, percent: z.number(), deadline: z.string() })),
    actions: z.array(z.enum(TASK_ACTIONS)),
    canEdit: z.boolean(),
    canReport: z.boolean(),
    canDecompose: z.boolean(),
    canRequestClosing: z.boolean(),
    version: z.number(),
    updatedAt: z.string(),
  })
  .openapi('TaskDetail', { description: '事项详情：三定、节点、指标、反馈、交办单、子事项与可执行操作' });

export const TaskEvent = z
  .object({
    id: z.number(),
    taskId: z.number(),
    actorId: z.number().nullable(),
    actorName: z.string(),
    at: z.string(),
    kind: z.string(),
    fromStatus: Status.nullable(),
    toStatus: Status.nullable(),
    note: z.string(),
  })
  .openapi('TaskEvent');

type TaskView = Awaited<ReturnType<typeof service.getTask>>;

// Field by field, so the answer carries exactly what TaskDetail declares (the service spreads its rows).
export const presentTask = (t: TaskView): z.infer<typeof TaskDetail> => ({
  id: t.id,
  parentId: t.parentId,
  title: t.title,
  description: t.description,
  source: t.source,
  categoryId: t.categoryId,
  categoryName: t.categoryName,
  level: t.level,
  leadLeaderId: t.leadLeaderId,
  leadLeaderName: t.leadLeaderName,
  leadUnitId: t.leadUnitId,
  leadUnitName: t.leadUnitName,
  cooperators: t.cooperators,
  parts: t.parts.map((p) => ({
    unitId: p.unitId,
    unitName: p.unitName,
    part: p.part,
    dueDate: p.dueDate,
    standard: p.standard,
    status: p.status,
    signedAt: p.signedAt,
    reportedAt: p.reportedAt,
    note: p.note,
    version: p.version,
    colour: p.colour,
    late: p.late,
    actions: p.actions,
    reports: p.reports,
  })),
  latePartUnits: t.latePartUnits,
  canSetParts: t.canSetParts,
  responsiblePersonId: t.responsiblePersonId,
  responsibleName: t.responsibleName,
  responsiblePhone: t.responsiblePhone,
  startDate: t.startDate,
  deadline: t.deadline,
  standard: t.standard,
  period: t.period,
  status: t.status,
  suspendedFrom: t.suspendedFrom,
  closedOn: t.closedOn,
  closedLate: t.closedLate,
  evidenceRequired: t.evidenceRequired,
  importedHistory: t.importedHistory,
  percent: t.percent,
  colour: t.colour,
  reportCadence: t.reportCadence,
  tags: t.tags,
  milestones: t.milestones.map((m) => ({ id: m.id, name: m.name, dueDate: m.dueDate, doneDate: m.doneDate, evidence: m.evidence, sortOrder: m.sortOrder })),
  indicators: t.indicators.map((i) => ({ id: i.id, name: i.name, target: i.target, unitOfMeasure: i.unitOfMeasure, actual: i.actual, sortOrder: i.sortOrder })),
  reports: t.reports.map((r) => ({
    id: r.id,
    taskId: r.taskId,
    reportedBy: r.reportedBy,
    reportedByName: r.reportedByName,
    reportedAt: r.reportedAt,
    text: r.text,
    percent: r.percent,
    problems: r.problems,
    coordination: r.coordination,
    indicatorActuals: r.indicatorActuals,
    milestonesDone: r.milestonesDone,
    attachments: r.attachments,
  })),
  attachments: t.attachments,
  sheets: t.sheets,
  children: t.children,
  actions: t.actions,
  canEdit: t.canEdit,
  canReport: t.canReport,
  canDecompose: t.canDecompose,
  canRequestClosing: t.canRequestClosing,
  version: t.version,
  updatedAt: t.updatedAt.toISOString(),
});

export const presentEvent = (e: Awaited<ReturnType<typeof service.taskHistory>>[number]): z.infer<typeof TaskEvent> => ({
  id: e.id,
  taskId: e.taskId,
  actorId: e.actorId,
  actorName: e.actorName,
  at: e.at,
  kind: e.kind,
  fromStatus: e.fromStatus,
  toStatus: e.toStatus,
  note: e.note,
});
