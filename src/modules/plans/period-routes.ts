// A plan period: list, open, its schedule and counts, moving it to the next step.
import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, jsonBody, jsonResponse, VersionField } from '../../http.js';
import { Period, PlanParam, presentPeriod, Reason, ScheduleChanges, tags, Text } from './route-schemas.js';
import * as service from './service.js';

const PlanDetail = z
  .object({
    period: Period,
    proposals: z.object({
      total: z.number(),
      byStatus: z.object({ draft: z.number(), submitted: z.number(), returned: z.number(), approved: z.number(), withdrawn: z.number() }),
      late: z.number(),
    }),
    notProposed: z.array(z.object({ id: z.number(), name: z.string() })),
    items: z.object({ total: z.number(), undecided: z.number(), taskCount: z.number() }).nullable(),
  })
  .openapi('PlanDetail', { description: '计划及统计' });

export const periodRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/plans',
      tags,
      summary: '月度、周计划列表',
      responses: { 200: jsonResponse(z.object({ items: z.array(Period) }), '计划'), ...errorResponses },
    }),
    async (c) => c.json({ items: (await service.listPeriods(c.get('deps'), actingUser(c).actor)).map(presentPeriod) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plans',
      tags,
      summary:
        '建立月度（2026-04）或周（2026-W15，10+N）计划（督查室）；各环节时限未填的按惯例推算，惯例申报日已过则从今天起顺延；挂单转入本月的事项预填为其牵头单位的申报草稿',
      request: jsonBody(z.object({ kind: z.enum(['monthly', 'weekly']), period: Text(10), title: Text(100).optional() }).extend(ScheduleChanges.shape)),
      responses: { 201: jsonResponse(Period, '已建立'), ...errorResponses },
    }),
    async (c) => c.json(presentPeriod(await service.createPeriod(c.get('deps'), actingUser(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/plans/{id}',
      tags,
      summary: '计划详情：各环节时限、申报数（按状态、逾期）、未申报单位',
      request: { params: PlanParam },
      responses: { 200: jsonResponse(PlanDetail, '计划'), ...errorResponses },
    }),
    async (c) => {
      const detail = await service.getPeriod(c.get('deps'), actingUser(c).actor, c.req.valid('param').id);
      return c.json({ period: presentPeriod(detail.period), proposals: detail.proposals, notProposed: detail.notProposed, items: detail.items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/plans/{id}/schedule',
      tags,
      summary: '修改各环节时限（督查室，印发前）：须依次不早于前一环节，改动的日期不能早于今天；调整申报截止日时通知各单位',
      request: { params: PlanParam, ...jsonBody(ScheduleChanges.extend({ version: VersionField, reason: Reason.optional() })) },
      responses: { 200: jsonResponse(Period, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(presentPeriod(await service.updateSchedule(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plans/{id}/advance',
      tags,
      summary: '推进到下一环节：单位申报 → 分管审核 → 督查室汇总 → 会议研究（督查室）',
      request: { params: PlanParam },
      responses: { 200: jsonResponse(Period, '已推进'), ...errorResponses },
    }),
    async (c) => c.json(presentPeriod(await service.advancePeriod(c.get('deps'), actingUser(c), c.req.valid('param').id)), 200),
  );
