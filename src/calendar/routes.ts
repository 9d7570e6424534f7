import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, jsonBody, jsonResponse } from '../http.js';
import { isValidDay } from './rules.js';
import * as service from './service.js';

const Day = z.string().refine(isValidDay, '日期应为存在的日期，格式 YYYY-MM-DD');
const Year = z.coerce.number().int('年份应为整数').min(1, '年份应为四位数').max(9999, '年份应为四位数');
const ViewYear = Year.min(2000, '年份应在 2000 至 2099 之间').max(2099, '年份应在 2000 至 2099 之间');
const Month = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const Kind = z.enum(['off', 'work']).describe('off 放假, work 调休上班');

const CalendarDaySchema = z
  .object({
    day: z.string(),
    working: z.boolean(),
    provisional: z.boolean().describe('该年没有节假日数据，暂按周一至周五计算'),
    source: z.enum(['national', 'override', 'weekday']).describe('national 国务院安排（chinese-days）, override 本县录入, weekday 普通周一至周五'),
    name: z.string(),
  })
  .openapi('CalendarDay');

const OverrideSchema = z.object({ day: z.string(), kind: Kind, name: z.string(), createdAt: z.string() }).openapi('CalendarOverride');
const YearSchema = z.object({ year: z.number(), note: z.string(), enteredAt: z.string() }).openapi('CalendarYear');
const presentYear = ({ year, note, enteredAt }: { year: number; note: string; enteredAt: Date }) => ({ year, note, enteredAt: enteredAt.toISOString() });
const presentOverride = (o: { day: string; kind: 'off' | 'work'; name: string; createdAt: Date }) => ({ ...o, createdAt: o.createdAt.toISOString() });

const DayParam = z.object({ day: Day.openapi({ param: { name: 'day', in: 'path' } }) });
const YearParam = z.object({ year: Year.openapi({ param: { name: 'year', in: 'path' } }) });
const Warning = z.string().nullable().describe('缺少节假日数据时给管理员的提示；11 月 1 日起也检查下一年');

const tags = ['工作日历'];
const readErrors = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] };

export const calendarRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendar',
      tags,
      summary: '工作日历：某年（默认今年）或某月的每一天',
      request: { query: z.object({ year: ViewYear.optional(), month: Month.optional() }) },
      responses: {
        200: jsonResponse(
          z.object({
            days: z.array(CalendarDaySchema),
            yearHasData: z.boolean(),
            entered: YearSchema.nullable().describe('管理员已标记该年通知录入完毕'),
            warning: Warning,
          }),
          '日历',
        ),
        ...readErrors,
      },
    }),
    async (c) => {
      const result = await service.getCalendar(c.get('deps'), actingUser(c).actor, c.req.valid('query'));
      return c.json({ ...result, entered: result.entered && presentYear(result.entered) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendar/warning',
      tags,
      summary: '首页提示：缺少今年或（11 月起）明年的节假日安排',
      responses: { 200: jsonResponse(z.object({ warning: Warning }), '提示'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => c.json({ warning: await service.getWarning(c.get('deps'), actingUser(c).actor) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/calendar/add',
      tags,
      summary: '日期推算：某日加若干自然日或工作日（只读，不保存）',
      request: jsonBody(
        z.object({
          from: Day,
          days: z.number().int('天数应为整数').min(0, '天数应在 0 至 366 之间').max(366, '天数应在 0 至 366 之间'),
          kind: z.enum(['calendar', 'working'], '类型只能是自然日（calendar）或工作日（working）'),
        }),
      ),
      responses: { 200: jsonResponse(z.object({ day: z.string(), provisional: z.boolean() }), '结果日期'), ...readErrors },
    }),
    async (c) => c.json(await service.calculate(c.get('deps'), actingUser(c).actor, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendar/overrides',
      tags,
      summary: '本县录入的日期（放假或调休上班），可按年筛选',
      request: { query: z.object({ year: ViewYear.optional() }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(OverrideSchema) }), '录入的日期'), ...readErrors },
    }),
    async (c) => {
      const rows = await service.listOverrides(c.get('deps'), actingUser(c).actor, c.req.valid('query').year);
      return c.json({ items: rows.map(presentOverride) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/calendar/overrides',
      tags,
      summary: '录入一段日期（最多 31 天）为放假或调休上班，覆盖原有安排',
      // Loose types on purpose: validateOverride gives the Chinese messages the admin reads.
      request: jsonBody(
        z.object({
          from: z.string().optional().describe('开始日期 YYYY-MM-DD'),
          to: z.string().optional().describe('结束日期 YYYY-MM-DD，含当天'),
          kind: z.string().optional().describe('off 放假, work 调休上班'),
          name: z.string().trim().max(50, '名称最多 50 字').default(''),
        }),
      ),
      responses: { 200: jsonResponse(z.object({ items: z.array(OverrideSchema) }), '已录入的日期'), ...errorResponses },
    }),
    async (c) => {
      const rows = await service.setOverrides(c.get('deps'), actingUser(c), c.req.valid('json'));
      return c.json({ items: rows.map(presentOverride) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/calendar/overrides/{day}',
      tags,
      summary: '删除某日的录入，恢复国家安排或周一至周五',
      request: { params: DayParam },
      responses: { 204: { description: '已删除' }, ...errorResponses },
    }),
    async (c) => {
      await service.deleteOverride(c.get('deps'), actingUser(c), c.req.valid('param').day);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/calendar/years/{year}',
      tags,
      summary: '标记某年国务院节假日安排已录入完毕（此后该年日期不再是临时计算）',
      request: { params: YearParam, ...jsonBody(z.object({ note: z.string().trim().max(200, '备注最多 200 字').default('').describe('如通知文号') })) },
      responses: { 200: jsonResponse(YearSchema, '已标记'), ...errorResponses },
    }),
    async (c) => {
      const row = await service.enterYear(c.get('deps'), actingUser(c), c.req.valid('param').year, c.req.valid('json').note);
      return c.json(presentYear(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/calendar/years/{year}',
      tags,
      summary: '撤销某年的录入标记',
      request: { params: YearParam },
      responses: { 204: { description: '已撤销' }, ...errorResponses },
    }),
    async (c) => {
      await service.removeYear(c.get('deps'), actingUser(c), c.req.valid('param').year);
      return c.body(null, 204);
    },
  );
