import { createRoute, z } from '@hono/zod-openapi';
import {
  actingUser,
  BoolQuery,
  createRouter,
  errorResponses,
  Id,
  IdParam,
  Int4,
  jsonBody,
  jsonResponse,
  PageQuery,
  QueryId,
  VersionField,
  monthText,
} from '../../http.js';
import { TASK_LEVELS, TASK_SOURCES, TASK_STATUSES } from '../tasks/rules.js';
import { SHEET_KINDS } from '../tasks/read.js';
import { Colour, sheetFields } from '../tasks/task-detail.js';
import * as board from './board.js';
import * as deductions from './deductions.js';
import { DAY_KINDS } from '../../shared/labels.js';
import type { DueKind } from './rules.js';
import * as service from './service.js';

const tags = ['督办'];

const DUE_KINDS = ['sign', 'first_report', 'resolve', 'deadline', 'report'] as const satisfies readonly DueKind[];
const DueKindEnum = z.enum(DUE_KINDS);

const BoardItem = z
  .object({
    ...sheetFields,
    taskId: z.number(),
    taskTitle: z.string(),
    taskStatus: z.enum(TASK_STATUSES),
    taskDeadline: z.string(),
    unitName: z.string(),
    dueKind: z.string().nullable(),
    dueDay: z.string().nullable(),
    daysOpen: z.number(),
  })
  .openapi('BoardItem');
const Board = z
  .object({ total: z.number().describe('符合条件的督办单总数'), items: z.array(BoardItem), counts: z.record(z.string(), z.number()), canUrge: z.boolean() })
  .openapi('Board');

const Today = z
  .object({
    today: z.string(),
    toSign: z.array(z.object({ ...sheetFields, taskId: z.number(), taskTitle: z.string() })),
    toSignTotal: z.number(),
    dueTotal: z.number(),
    due: z.array(z.object({ taskId: z.number(), taskTitle: z.string(), kind: DueKindEnum, label: z.string(), day: z.string(), overdueDays: z.number() })),
  })
  .openapi('Today');

// Not a named component: `next` may be null, and a nullable reference reads poorly in OpenAPI 3.0 (allOf + nullable).
const Due = z.object({ kind: DueKindEnum, label: z.string(), day: z.string(), met: z.boolean(), provisional: z.boolean(), overdue: z.boolean() });
const TaskDues = z.object({ taskId: z.number(), dues: z.array(Due), next: Due.nullable() }).openapi('TaskDueDates');
const TaskChasing = z
  .object({ today: z.string(), colour: Colour, dueDates: z.array(Due.extend({ rule: z.string().optional().describe('时限规则名称') })) })
  .openapi('TaskChasing');

const TimeLimitRule = z
  .object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    target: z.enum(['sign', 'first_report', 'resolve']),
    days: z.number(),
    dayKind: z.enum(DAY_KINDS),
    levels: z.array(z.string()),
    sources: z.array(z.string()),
    sortOrder: z.number(),
    active: z.boolean(),
    version: z.number(),
    updatedAt: z.string(),
  })
  .openapi('TimeLimitRule');
const presentRule = (r: Awaited<ReturnType<typeof service.listRules>>[number]): z.infer<typeof TimeLimitRule> => ({
  id: r.id,
  code: r.code,
  name: r.name,
  target: r.target,
  days: r.days,
  dayKind: r.dayKind,
  levels: r.levels,
  sources: r.sources,
  sortOrder: r.sortOrder,
  active: r.active,
  version: r.version,
  updatedAt: r.updatedAt,
});

const Deduction = z
  .object({
    id: z.number(),
    taskId: z.number(),
    taskTitle: z.string(),
    unitId: z.number(),
    unitName: z.string(),
    sheetId: z.number(),
    sheetNumber: z.string().describe('责令整改通知书文号'),
    period: z.string().describe('逾期未完成的月份（扣分计入该月）'),
    points: z.number(),
    reason: z.string(),
    createdAt: z.string(),
  })
  .openapi('ScoreDeduction');
const TaskDeductions = z.object({ items: z.array(Deduction), total: z.number() }).openapi('TaskDeductions');
const UnitDeductions = z
  .object({
    unitId: z.number(),
    unitName: z.string(),
    items: z.array(Deduction),
    months: z.array(z.object({ period: z.string(), count: z.number(), points: z.number() })).describe('各月扣分合计，新月份在前'),
    total: z.number(),
  })
  .openapi('UnitDeductions');

const ChasingSettings = z
  .object({ urgeDaysBefore: z.number(), referralGraceWorkingDays: z.number(), deductionPoints: z.number(), version: z.number() })
  .openapi('ChasingSettings');

export const chasingRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/chasing/scan',
      tags,
      summary: '立即扫描：按时限规则签发到期的催办单、预警单、移交问责和逐月升级（督查室）',
      responses: { 200: jsonResponse(z.object({ tasks: z.number(), issued: z.number() }), '扫描结果'), ...errorResponses },
    }),
    async (c) => c.json(await service.scanNow(c.get('deps'), actingUser(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/chasing/issued',
      tags,
      summary: '本月督办单：某月签发的各类督办单数量（不含交办单），限本人数据范围',
      request: {
        query: z.object({
          period: monthText().optional(),
        }),
      },
      responses: {
        200: jsonResponse(
          z.object({ period: z.string(), counts: z.record(z.string(), z.number()), total: z.number() }).openapi('IssuedSheets'),
          '各类督办单数量',
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await board.issuedInMonth(c.get('deps'), actingUser(c).actor, c.req.valid('query').period), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/chasing/board',
      tags,
      summary: '督办看板：督办中的各类督办单，按类型、单位和已开天数；分页，total 为符合条件的总数',
      request: {
        query: z.object({
          kind: z.enum(SHEET_KINDS).optional(),
          unitId: QueryId.optional(),
          ownerUnitId: QueryId.optional().describe('归口单位：只看该单位归口的类别的事项'),
          unsignedOnly: BoolQuery,
          ...PageQuery,
        }),
      },
      responses: { 200: jsonResponse(Board, '看板'), ...errorResponses },
    }),
    async (c) => c.json(await board.board(c.get('deps'), actingUser(c).actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/chasing/today',
      tags,
      summary: '今日待办：待签收的督办单和今天到期或已超期的时限；两个列表各自分页，toSignTotal、dueTotal 为总数',
      request: {
        query: z.object({
          toSignPage: PageQuery.page,
          duePage: PageQuery.page,
          pageSize: PageQuery.pageSize,
        }),
      },
      responses: { 200: jsonResponse(Today, '待办'), ...errorResponses },
    }),
    async (c) => c.json(await board.today(c.get('deps'), actingUser(c).actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/chasing/due-dates',
      tags,
      summary: '一组事项的 13710 时限及最近未满足的时限（台账列表用）；看不到的事项不返回',
      request: {
        query: z.object({
          taskIds: z
            .string()
            .default('')
            .transform((v) => v.split(',').filter(Boolean).map(Number))
            .pipe(z.array(Id).max(200)),
        }),
      },
      responses: { 200: jsonResponse(z.object({ items: z.array(TaskDues) }), '时限'), ...errorResponses },
    }),
    async (c) => c.json({ items: await service.dueDatesOf(c.get('deps'), actingUser(c).actor, c.req.valid('query').taskIds) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks/{id}/chasing',
      tags,
      summary: '事项的各项时限（13710）及是否按时',
      request: { params: IdParam },
      responses: { 200: jsonResponse(TaskChasing, '时限'), ...errorResponses },
    }),
    async (c) => c.json(await service.taskChasing(c.get('deps'), actingUser(c).actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks/{id}/deductions',
      tags,
      summary: '事项造成的扣分（逐月升级的责令整改）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(TaskDeductions, '扣分'), ...errorResponses },
    }),
    async (c) => c.json(await deductions.taskDeductions(c.get('deps'), actingUser(c).actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/units/{id}/deductions',
      tags,
      summary: '单位的扣分明细及各月合计；可按年份筛选',
      request: { params: IdParam, query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
      responses: { 200: jsonResponse(UnitDeductions, '扣分'), ...errorResponses },
    }),
    async (c) => c.json(await deductions.unitDeductions(c.get('deps'), actingUser(c).actor, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/urge',
      tags,
      summary: '人工催办（督查室，每个事项每天一次）',
      request: { params: IdParam, ...jsonBody(z.object({ note: z.string().trim().max(500).default('') })) },
      responses: { 204: { description: '已催办' }, ...errorResponses },
    }),
    async (c) => {
      await service.urgeByHand(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json').note);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/sheets/{id}/sign',
      tags,
      summary: '签收督办单（承办单位）',
      request: { params: IdParam },
      responses: { 204: { description: '已签收' }, ...errorResponses },
    }),
    async (c) => {
      await service.signSheet(c.get('deps'), actingUser(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/time-limit-rules',
      tags,
      summary: '时限规则（默认 13710）',
      responses: { 200: jsonResponse(z.object({ items: z.array(TimeLimitRule) }), '规则'), ...errorResponses },
    }),
    async (c) => c.json({ items: (await service.listRules(c.get('deps'), actingUser(c).actor)).map(presentRule) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/time-limit-rules/{id}',
      tags,
      summary: '修改时限规则（督查室）',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            version: VersionField,
            name: z.string().trim().min(1, '请填写规则名称').max(50),
            days: z.number().int('天数必须是整数').min(0, '天数不能为负数').max(366, '天数不能超过 366 天'),
            dayKind: z.enum(DAY_KINDS),
            levels: z.array(z.enum(TASK_LEVELS)).max(2),
            sources: z.array(z.enum(TASK_SOURCES)).max(10),
            active: z.boolean(),
          }),
        ),
      },
      responses: { 204: { description: '已修改' }, ...errorResponses },
    }),
    async (c) => {
      await service.updateRule(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/chasing/settings',
      tags,
      summary: '督办设置',
      responses: { 200: jsonResponse(ChasingSettings, '设置'), ...errorResponses },
    }),
    async (c) => c.json(await service.getSettings(c.get('deps'), actingUser(c).actor), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/chasing/settings',
      tags,
      summary: '修改督办设置（催办提前工作日数、移交宽限期、逾期扣分）',
      request: jsonBody(
        z.object({
          version: VersionField,
          urgeDaysBefore: Int4,
          referralGraceWorkingDays: Int4,
          deductionPoints: z.number(),
        }),
      ),
      responses: { 200: jsonResponse(ChasingSettings, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(await service.updateSettings(c.get('deps'), actingUser(c), c.req.valid('json')), 200),
  );
