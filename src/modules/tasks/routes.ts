import { createRoute, type RouteHandler, z } from '@hono/zod-openapi';
import {
  actingUser,
  type AppEnv,
  BoolQuery,
  createRouter,
  errorResponses,
  Id,
  IdParam,
  jsonBody,
  jsonResponse,
  PageQuery,
  QueryId,
  VersionField,
  monthText,
} from '../../http.js';
import { authorize } from '../../permissions.js';
import { TASK_LEVELS, TASK_SOURCES, TASK_STATUSES, type TaskAction } from './rules.js';
import * as ledger from './ledger.js';
import { LEDGER_SORTS } from './ledger-store.js';
import * as savedFilters from './saved-filters.js';
import * as service from './service.js';
import * as categories from './categories.js';
import { Cadence, Colour, presentEvent, presentTask, TaskDetail, TaskEvent } from './task-detail.js';

const tags = ['工作台账'];
const Day = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
const Period = monthText('所属月份格式应为 YYYY-MM');
const Text = (max: number) => z.string().trim().max(max);

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
      .array(
        z.object({
          unitId: Id,
          part: Text(500).default(''),
          dueDate: Day.nullable().optional().openapi({ description: '分工时限；不传则保持原值' }),
          standard: Text(2000).optional().openapi({ description: '分工完成标准；不传则保持原值' }),
        }),
      )
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

// The same field schemas without their defaults: a field left out of a PATCH keeps the task's value. Strict, so a
// field that cannot be patched (a status, a typo) is refused rather than silently dropped.
const optional = <T extends z.ZodType>(field: T | z.ZodDefault<T>) => (field instanceof z.ZodDefault ? (field.unwrap() as T) : field).optional();
const f = TaskInput.shape;
const TaskPatch = z
  .object({
    version: VersionField,
    title: optional(f.title),
    description: optional(f.description),
    source: optional(f.source),
    categoryId: optional(f.categoryId),
    level: optional(f.level),
    leadLeaderId: optional(f.leadLeaderId),
    leadUnitId: optional(f.leadUnitId),
    cooperators: optional(f.cooperators),
    responsiblePersonId: optional(f.responsiblePersonId),
    responsibleName: optional(f.responsibleName),
    responsiblePhone: optional(f.responsiblePhone),
    startDate: optional(f.startDate),
    deadline: optional(f.deadline),
    standard: optional(f.standard),
    period: optional(f.period),
    milestones: optional(f.milestones),
    indicators: optional(f.indicators),
    tags: optional(f.tags),
    reportCadence: optional(f.reportCadence),
    evidenceRequired: optional(f.evidenceRequired),
  })
  .strict()
  .openapi('TaskPatch');

// The ledger's filters, shared by the list and the Excel export.
export const LedgerFilter = z.object({
  period: Period.optional().describe('所属月份：该月计划的事项和挂单转入该月的事项'),
  unitId: QueryId.optional(),
  leadOnly: BoolQuery.describe('与 unitId 同用：只看该单位牵头的事项，不含配合的'),
  leaderId: QueryId.optional(),
  source: z.enum(TASK_SOURCES).optional(),
  categoryId: QueryId.optional(),
  ownerUnitId: QueryId.optional().describe('归口单位：只看该单位归口的类别的事项'),
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
  closedLate: BoolQuery.describe('只看逾期销号的事项'),
  deadlineFrom: Day.optional().describe('完成时限不早于该日'),
  deadlineTo: Day.optional().describe('完成时限不晚于该日'),
  keyword: Text(100).optional(),
  sort: z.enum(LEDGER_SORTS).optional(),
});
const LedgerQuery = LedgerFilter.extend(PageQuery);
// A page of the list, by number or (for an endless list) after the cursor the previous page answered.
const LedgerListQuery = LedgerQuery.extend({
  cursor: z
    .string()
    .max(200, '翻页位置不正确，请从第一页重新加载')
    .optional()
    .describe('翻页位置：上一页返回的 nextCursor，按同一排序接着取下一页（不与 page 同用）'),
});

const Category = z
  .object({ id: z.number(), name: z.string(), ownerUnitId: z.number().nullable(), ownerUnitName: z.string().nullable() })
  .openapi('TaskCategory');

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
    cooperators: z.array(
      z.object({
        unitId: z.number(),
        unitName: z.string(),
        part: z.string(),
        late: z.boolean().describe('该配合单位的分工已过分工时限仍未报告（事项红灯因此亮起时，台账标“配合单位 X 逾期”）'),
      }),
    ),
    responsibleName: z.string(),
    responsiblePhone: z.string(),
    startDate: z.string(),
    deadline: z.string(),
    period: z.string(),
    carriedFrom: z.string().nullable().describe('按月份筛选时：该事项从哪个月挂单转入本月（YYYY-MM）；本月自身的事项为 null'),
    status: z.enum(TASK_STATUSES),
    percent: z.number(),
    closedOn: z.string().nullable().describe('销号日期（三部联审通过之日）'),
    closedLate: z.boolean().describe('逾期销号：销号申请提交晚于完成时限'),
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

const presentLedgerItem = (i: ledger.LedgerRow): z.infer<typeof LedgerItem> => ({
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
  carriedFrom: i.carriedFrom,
  status: i.status,
  percent: i.percent,
  closedOn: i.closedOn,
  closedLate: i.closedLate,
  colour: i.colour,
  reportMissing: i.reportMissing,
  lastReportAt: i.lastReportAt,
  nextMilestone: i.nextMilestone,
  childCount: i.childCount,
  tags: i.tags,
  updatedAt: i.updatedAt.toISOString(),
  version: i.version,
});

// Cancelling is routed by the closing module (closing/routes.ts): it also settles a pending closing request.
type RoutedAction = Exclude<TaskAction, 'cancel'>;

const ACTION_SUMMARIES: Record<RoutedAction, string> = {
  assign: '交办（督查室）：签发编号交办单',
  sign: '签收交办单（牵头单位）',
  decline: '退回交办（牵头单位，须填写原因）',
  start: '开始推进（牵头单位）',
  suspend: '暂缓（督查室，须填写原因和批准的领导）',
  resume: '恢复到暂缓前的状态（督查室）',
  request_closing: '申请销号：请通过销号申请办理（409）',
  close: '销号：请通过销号申请办理（409）',
  return: '退回整改：请通过销号申请办理（409）',
};

// One route per action, so no catch-all path shadows another module's /tasks/{id}/… route.
const actionRoute = <A extends RoutedAction>(action: A) =>
  createRoute({
    method: 'post',
    path: `/tasks/{id}/${action}` as const,
    tags,
    summary: ACTION_SUMMARIES[action],
    request: { params: IdParam, ...jsonBody(z.object({ reason: Text(1000).optional(), approverLeaderId: Id.optional() })) },
    responses: { 200: jsonResponse(TaskDetail, '已变更'), ...errorResponses },
  });
const act =
  <A extends RoutedAction>(action: A): RouteHandler<ReturnType<typeof actionRoute<A>>, AppEnv> =>
  async (c) =>
    c.json(presentTask(await service.transition(c.get('deps'), actingUser(c), c.req.valid('param').id, action, c.req.valid('json'))), 200);

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
  clientKey: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/, '离线反馈标识格式不正确')
    .optional()
    .openapi({ description: '手机离线保存的反馈在恢复网络后发送时带上；同一标识重复发送只保存一次' }),
});

const SavedFilter = z.object({ id: z.number(), name: z.string(), query: z.record(z.string(), z.unknown()) }).openapi('SavedFilter');

const LedgerItems = z.array(LedgerItem);
const Overview = z
  .object({
    today: z.string().describe('统计所按的服务器日期'),
    total: z.number(),
    counts: z.record(z.string(), z.number()),
    red: LedgerItems.describe('红灯事项，按时限排序的前几项'),
    yellow: LedgerItems.describe('黄灯事项，按时限排序的前几项'),
    missing: z.object({ total: z.number(), items: LedgerItems }).describe('缺报事项'),
    todo: z
      .object({ status: z.enum(TASK_STATUSES), total: z.number() })
      .nullable()
      .describe('本角色的待办：督查室待审核销号，单位待签收'),
    dueThisWeek: z.object({ from: z.string(), to: z.string(), total: z.number(), items: LedgerItems }).describe('本周（至周日）到期的未办结事项'),
  })
  .openapi('LedgerOverview');

// How many items each list of the home page shows.
const OVERVIEW_LIST = 6;
const OVERVIEW_WEEK = 20;

export const taskRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks',
      tags,
      summary: '工作台账：数据范围内的事项，可筛选、排序、分页',
      request: { query: LedgerListQuery },
      responses: {
        200: jsonResponse(
          z.object({
            total: z.number(),
            counts: z.record(z.string(), z.number()),
            items: z.array(LedgerItem),
            nextCursor: z.string().nullable().describe('下一页的翻页位置；已是最后一页时为 null'),
          }),
          '台账',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const result = await ledger.listLedger(c.get('deps'), actingUser(c).actor, c.req.valid('query'));
      return c.json({ ...result, items: result.items.map(presentLedgerItem) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks/overview',
      tags,
      summary: '首页概况：数据范围内的事项总数、亮灯数、缺报、待办和本周到期，一次取回',
      responses: { 200: jsonResponse(Overview, '概况'), ...errorResponses },
    }),
    async (c) => {
      const o = await ledger.ledgerOverview(c.get('deps'), actingUser(c).actor, { size: OVERVIEW_LIST, weekSize: OVERVIEW_WEEK });
      const items = (rows: ledger.LedgerRow[]) => rows.map(presentLedgerItem);
      return c.json(
        {
          ...o,
          red: items(o.red),
          yellow: items(o.yellow),
          missing: { total: o.missing.total, items: items(o.missing.items) },
          dueThisWeek: { ...o.dueThisWeek, items: items(o.dueThisWeek.items) },
        },
        200,
      );
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
      method: 'patch',
      path: '/tasks/{id}',
      tags,
      summary: '部分修改事项（督查室）：只改所传字段；节点、指标、配合单位仅在传入时整体替换；带 version，过期返回 409',
      request: { params: IdParam, ...jsonBody(TaskPatch) },
      responses: { 200: jsonResponse(TaskDetail, '已修改'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const who = actingUser(c);
      const { id } = c.req.valid('param');
      await service.patchTask(deps, who, id, c.req.valid('json'));
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
  .openapi(actionRoute('assign'), act('assign'))
  .openapi(actionRoute('sign'), act('sign'))
  .openapi(actionRoute('decline'), act('decline'))
  .openapi(actionRoute('start'), act('start'))
  .openapi(actionRoute('suspend'), act('suspend'))
  .openapi(actionRoute('resume'), act('resume'))
  .openapi(actionRoute('request_closing'), act('request_closing'))
  .openapi(actionRoute('close'), act('close'))
  .openapi(actionRoute('return'), act('return'))
  .openapi(
    createRoute({
      method: 'get',
      path: '/task-categories',
      tags,
      summary: '事项类别',
      responses: {
        200: jsonResponse(z.object({ items: z.array(Category) }), '类别及其归口单位'),
        401: errorResponses[401],
        403: errorResponses[403],
      },
    }),
    async (c) => {
      authorize(actingUser(c).actor, 'task.read');
      return c.json({ items: await categories.categoriesWithOwners(c.get('deps').db) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/task-categories/{id}/owner',
      tags,
      summary: '设置事项类别的归口单位（督查室）：该类事项的督办单以归口单位名义签发，归口单位可查看并参与销号联审；null 为督查室',
      request: { params: IdParam, ...jsonBody(z.object({ ownerUnitId: Id.nullable() }).strict()) },
      responses: { 200: jsonResponse(Category, '已设置'), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await categories.setCategoryOwner(c.get('deps'), actingUser(c), id, c.req.valid('json').ownerUnitId), 200);
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
