// Carrying open tasks into the next month (挂单), and the reasons the lead units give.
import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, BoolQuery, createRouter, errorResponses, IdParam, jsonBody, jsonResponse, monthText, PageQuery } from '../../http.js';
import { TASK_STATUSES } from '../tasks/rules.js';
import * as rollover from './rollover.js';
import { tags } from './route-schemas.js';
import * as store from './store.js';

const CarryOver = z
  .object({
    id: z.number(),
    taskId: z.number(),
    fromPeriod: z.string(),
    toPeriod: z.string(),
    reason: z.string(),
    reasonAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('CarryOver');
const presentCarryOver = (c: Awaited<ReturnType<typeof store.carryOversOf>>[number]): z.infer<typeof CarryOver> => ({
  id: c.id,
  taskId: c.taskId,
  fromPeriod: c.fromPeriod,
  toPeriod: c.toPeriod,
  reason: c.reason,
  reasonAt: c.reasonAt?.toISOString() ?? null,
  createdAt: c.createdAt.toISOString(),
});

export const carryOverRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/carry-overs/run',
      tags,
      summary: '立即执行月末挂单（督查室；定时任务也会执行，重复执行不会重复挂单）',
      responses: { 200: jsonResponse(z.object({ carried: z.number(), reminded: z.number() }), '已执行'), ...errorResponses },
    }),
    async (c) => c.json(await rollover.rollOverNow(c.get('deps'), actingUser(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/carry-overs',
      tags,
      summary: '挂单事项（数据范围内，取各事项最近一次挂单，先挂的在前，分页，total 为总数）；missingReason=true 只看未说明原因的',
      request: {
        query: z.object({
          missingReason: BoolQuery,
          toPeriod: monthText().optional(),
          ...PageQuery,
        }),
      },
      responses: {
        200: jsonResponse(
          z.object({
            total: z.number().describe('符合条件的挂单事项总数'),
            items: z.array(
              CarryOver.extend({
                task: z.object({
                  id: z.number(),
                  title: z.string(),
                  period: z.string(),
                  status: z.enum(TASK_STATUSES),
                  deadline: z.string(),
                  leadUnitId: z.number(),
                  leadUnitName: z.string(),
                }),
              }),
            ),
          }),
          '挂单事项',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { total, items } = await rollover.listCarryOvers(c.get('deps'), actingUser(c).actor, c.req.valid('query'));
      return c.json(
        {
          total,
          items: items.map((r) => ({
            ...presentCarryOver(r.carryOver),
            task: {
              id: r.task.id,
              title: r.task.title,
              period: r.task.period,
              status: r.task.status,
              deadline: r.task.deadline,
              leadUnitId: r.task.leadUnitId,
              leadUnitName: r.leadUnitName,
            },
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks/{id}/carry-overs',
      tags,
      summary: '事项的挂单记录：原定月份和每次挂单',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ originalPeriod: z.string(), currentPeriod: z.string(), items: z.array(CarryOver) }), '挂单记录'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const result = await rollover.carryOversOfTask(c.get('deps'), actingUser(c).actor, c.req.valid('param').id);
      return c.json({ ...result, items: result.items.map(presentCarryOver) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/carry-over-reason',
      tags,
      summary: '说明挂单原因（牵头单位；填入最近一次挂单）',
      request: {
        params: IdParam,
        ...jsonBody(z.object({ reason: z.string().trim().min(1, '请填写挂单原因').max(rollover.REASON_MAX, `挂单原因不能超过 ${rollover.REASON_MAX} 字`) })),
      },
      responses: { 200: jsonResponse(CarryOver, '已填写'), ...errorResponses },
    }),
    async (c) =>
      c.json(presentCarryOver(await rollover.setCarryOverReason(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json').reason)), 200),
  );
