import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, BoolQuery, createRouter, errorResponses, IdParam, jsonBody, jsonResponse, PageQuery, VersionField } from '../../http.js';
import { authorize } from '../auth/permissions.js';
import { TASK_ACTIONS, TASK_LEVELS, TASK_SOURCES, TASK_STATUSES } from './rules.js';
import { SHEET_KINDS } from './schema.js';
import * as savedFilters from './saved-filters.js';
import * as service from './service.js';
import * as store from './store.js';

const Day = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '所属月份格式应为 YYYY-MM');
const Id = z.number().int().positive();
const Text = (max: number) => z.string().trim().max(max);

const Cadence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('weekly'), weekday: z.number().int().min(1).max(7) }),
  z.object({ kind: z.literal('every_n_days'), days: z.number().int().min(1).max(90) }),
  z.object({ kind: z.literal('monthly'), day: z.number().int().min(1).max(31) }),
]);

const TaskInput = z
  .object({
    title: Text(200).min(1, '请填写工作任务'),
    description: Text(5000).default(''),
    source: z.enum(TASK_SOURCES),
    categoryId: Id.nullable().default(null),
    level: z.enum(TASK_LEVELS).default('general'),
    leadLeaderId: Id.nullable().default(null),
    leadUnitId: Id,
    cooperators: z
      .array(z.object({ unitId: Id, part: Text(500).default('') }))
      .max(50)
      .default([]),
    responsiblePersonId: Id.nullable().default(null),
    responsibleName: Text(50).default(''),
    responsiblePhone: Text(30).default(''),
    startDate: Day,
    deadline: Day,
    standard: Text(5000).default(''),
    period: Period,
    milestones: z
      .array(z.object({ id: Id.optional(), name: Text(200).min(1, '请填写节点名称'), dueDate: Day }))
      .max(50)
      .default([]),
    indicators: z
      .array(z.object({ id: Id.optional(), name: Text(200).min(1, '请填写指标名称'), target: z.number().finite(), unitOfMeasure: Text(20).default('') }))
      .max(50)
      .default([]),
    tags: z.array(Text(20).min(1)).max(20).default([]),
    reportCadence: Cadence.default({ kind: 'none' }),
    evidenceRequired: z.boolean().default(false).describe('销号时是否必须提供佐证材料'),
  })
  .openapi('TaskInput');

const Colour = z.enum(['green', 'blue', 'yellow', 'red', 'grey']);

// The ledger's filters, shared by the list and the Excel export.
export const LedgerFilter = z.object({
  period: Period.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  leaderId: z.coerce.number().int().positive().optional(),
  source: z.enum(TASK_SOURCES).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  level: z.enum(TASK_LEVELS).optional(),
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',') : undefined))
    .pipe(z.array(z.enum(TASK_STATUSES)).optional()),
  colour: Colour.optional(),
  overdue: BoolQuery,
  missingReport: BoolQuery,
  carriedOver: BoolQuery,
  keyword: Text(100).optional(),
  sort: z.enum(['deadline', '-deadline', 'updatedAt', '-updatedAt', 'percent', '-percent']).optional(),
});
const LedgerQuery = LedgerFilter.extend(PageQuery);

const LedgerItem = z
  .object({
    id: z.number(),
    parentId: z.number().nullable(),
    title: z.string(),
    source: z.enum(TASK_SOURCES),
    categoryName: z.string().nullable(),
    level: z.enum(TASK_LEVELS),
    leadLeaderName: z.string().nullable(),
    leadUnitId: z.number(),
    leadUnitName: z.string(),
    cooperators: z.array(z.object({ unitId: z.number(), unitName: z.string(), part: z.string() })),
    responsibleName: z.string(),
    responsiblePhone: z.string(),
    startDate: z.string(),
    deadline: z.string(),
    period: z.string(),
    status: z.enum(TASK_STATUSES),
    percent: z.number(),
    colour: Colour,
    reportMissing: z.boolean(),
    lastReportAt: z.string().nullable(),
    nextMilestone: z.object({ name: z.string(), dueDate: z.string() }).nullable(),
    childCount: z.number(),
    tags: z.array(z.string()),
    updatedAt: z.string(),
    version: z.number(),
  })
  .openapi('LedgerItem');

const presentLedgerItem = (i: service.LedgerRow): z.infer<typeof LedgerItem> => ({
  id: i.id,
  parentId: i.parentId,
  title: i.title,
  source: i.source,
  categoryName: i.categoryName,
  level: i.level,
  leadLeaderName: i.leadLeaderName,
  leadUnitId: i.leadUnitId,
  leadUnitName: i.leadUnitName,
  cooperators: i.cooperators,
  responsibleName: i.responsibleName,
  responsiblePhone: i.responsiblePhone,
  startDate: i.startDate,
  deadline: i.deadline,
  period: i.period,
  status: i.status,
  percent: i.percent,
  colour: i.colour,
  reportMissing: i.reportMissing,
  lastReportAt: i.lastReportAt,
  nextMilestone: i.nextMilestone,
  childCount: i.childCount,
  tags: i.tags,
  updatedAt: i.updatedAt.toISOString(),
  version: i.version,
});

const Status = z.enum(TASK_STATUSES);

const TaskAttachment = z
  .object({
    id: z.number(),
    reportId: z.number().nullable(),
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

const TaskSheet = z
  .object({
    id: z.number(),
    kind: z.enum(SHEET_KINDS),
    number: z.string(),
    unitId: z.number(),
    content: z.record(z.string(), z.string()).describe('督办单正文各栏'),
    issuedAt: z.string(),
    signedAt: z.string().nullable(),
    declinedAt: z.string().nullable(),
    declineReason: z.string().nullable(),
  })
  .openapi('TaskSheet');

const TaskDetail = z
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

const TaskEvent = z
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
const presentTask = (t: TaskView): z.infer<typeof TaskDetail> => ({
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

const presentEvent = (e: Awaited<ReturnType<typeof service.taskHistory>>[number]): z.infer<typeof TaskEvent> => ({
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

const ActionParam = IdParam.extend({ action: z.enum(TASK_ACTIONS).openapi({ param: { name: 'action', in: 'path' } }) });

const ReportInput = z.object({
  text: Text(5000).min(1, '请填写进展情况'),
  percent: z.number().int().min(0).max(100).optional(),
  problems: Text(2000).default(''),
  coordination: Text(2000).default(''),
  indicatorActuals: z
    .array(z.object({ indicatorId: Id, actual: z.number().finite() }))
    .max(50)
    .default([]),
  milestonesDone: z
    .array(z.object({ milestoneId: Id, doneDate: Day, evidence: Text(1000).default('') }))
    .max(50)
    .default([]),
  attachmentIds: z.array(Id).max(20).default([]),
});

const SavedFilter = z.object({ id: z.number(), name: z.string(), query: z.record(z.string(), z.unknown()) }).openapi('SavedFilter');

const tags = ['工作台账'];

export const taskRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks',
      tags,
      summary: '工作台账：数据范围内的事项，可筛选、排序、分页',
      request: { query: LedgerQuery },
      responses: {
        200: jsonResponse(z.object({ total: z.number(), counts: z.record(z.string(), z.number()), items: z.array(LedgerItem) }), '台账'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const result = await service.listLedger(c.get('deps'), actingUser(c).actor, c.req.valid('query'));
      return c.json({ ...result, items: result.items.map(presentLedgerItem) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tasks',
      tags,
      summary: '新建事项（督查室）',
      request: jsonBody(TaskInput),
      responses: { 201: jsonResponse(TaskDetail, '已创建'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const who = actingUser(c);
      const id = await service.createTask(deps, who, c.req.valid('json'));
      return c.json(presentTask(await service.getTask(deps, who.actor, id)), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks/{id}',
      tags,
      summary: '事项详情',
      request: { params: IdParam },
      responses: { 200: jsonResponse(TaskDetail, '事项'), ...errorResponses },
    }),
    async (c) => c.json(presentTask(await service.getTask(c.get('deps'), actingUser(c).actor, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/tasks/{id}',
      tags,
      summary: '修改事项（督查室；带 version，过期返回 409）',
      request: { params: IdParam, ...jsonBody(TaskInput.extend({ version: VersionField })) },
      responses: { 200: jsonResponse(TaskDetail, '已修改'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const who = actingUser(c);
      const { id } = c.req.valid('param');
      await service.updateTask(deps, who, id, c.req.valid('json'));
      return c.json(presentTask(await service.getTask(deps, who.actor, id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/subtasks',
      tags,
      summary: '分解子事项（督查室或牵头单位，分给本单位或下级单位）',
      request: { params: IdParam, ...jsonBody(TaskInput) },
      responses: { 201: jsonResponse(TaskDetail, '已分解'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const who = actingUser(c);
      const id = await service.createTask(deps, who, { ...c.req.valid('json'), parentId: c.req.valid('param').id });
      return c.json(presentTask(await service.getTask(deps, who.actor, id)), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks/{id}/history',
      tags,
      summary: '事项历程',
      request: { params: IdParam },
      responses: { 200: jsonResponse(z.object({ items: z.array(TaskEvent) }), '历程'), ...errorResponses },
    }),
    async (c) => c.json({ items: (await service.taskHistory(c.get('deps'), actingUser(c).actor, c.req.valid('param').id)).map(presentEvent) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/reports',
      tags,
      summary: '进度反馈（牵头单位）',
      request: { params: IdParam, ...jsonBody(ReportInput) },
      responses: { 201: jsonResponse(TaskDetail, '已反馈'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const who = actingUser(c);
      const { id } = c.req.valid('param');
      await service.addReport(deps, who, id, c.req.valid('json'));
      return c.json(presentTask(await service.getTask(deps, who.actor, id)), 201);
    },
  )
  // Last among the /tasks/{id}/… routes, so named sub-resources match first; routers with other
  // POST /tasks/{id}/… routes are mounted before this one in app.ts.
  .openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/{action}',
      tags,
      summary: '状态变更：assign 交办、sign 签收、decline 退回交办、start、suspend、resume、cancel；request_closing、close、return 请通过销号申请办理（409）',
      request: { params: ActionParam, ...jsonBody(z.object({ reason: Text(1000).optional(), approverLeaderId: Id.optional() })) },
      responses: { 200: jsonResponse(TaskDetail, '已变更'), ...errorResponses },
    }),
    async (c) => {
      const { id, action } = c.req.valid('param');
      return c.json(presentTask(await service.transition(c.get('deps'), actingUser(c), id, action, c.req.valid('json'))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/task-categories',
      tags,
      summary: '事项类别',
      responses: {
        200: jsonResponse(z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) }), '类别'),
        401: errorResponses[401],
        403: errorResponses[403],
      },
    }),
    async (c) => {
      authorize(actingUser(c).actor, 'task.read');
      const rows = await store.listCategories(c.get('deps').db);
      return c.json({ items: rows.map(({ id, name }) => ({ id, name })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/saved-filters',
      tags,
      summary: '我保存的台账筛选条件',
      responses: { 200: jsonResponse(z.object({ items: z.array(SavedFilter) }), '筛选条件'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => c.json({ items: await savedFilters.listSavedFilters(c.get('deps'), actingUser(c).actor) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/saved-filters',
      tags,
      summary: '保存当前筛选条件',
      request: jsonBody(z.object({ name: Text(50).min(1, '请填写名称'), query: LedgerQuery.partial().strict() })),
      responses: { 201: jsonResponse(SavedFilter, '已保存'), ...errorResponses },
    }),
    async (c) => {
      const { name } = c.req.valid('json');
      // Store the raw query as sent, so the ledger page can put it straight back into its URL.
      const raw = ((await c.req.json()) as { query: Record<string, unknown> }).query;
      return c.json(await savedFilters.saveFilter(c.get('deps'), actingUser(c), { name, query: raw }), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/saved-filters/{id}',
      tags,
      summary: '删除筛选条件',
      request: { params: IdParam },
      responses: { 204: { description: '已删除' }, ...errorResponses },
    }),
    async (c) => {
      await savedFilters.deleteSavedFilter(c.get('deps'), actingUser(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
