// Issuing the plan, and its document.
import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, jsonBody, jsonResponse } from '../../http.js';
import { DOCX_TYPE } from '../../format.js';
import { planDocx } from './plan-docx.js';
import { fileResponse, Period, PlanParam, presentPeriod, tags, Text } from './route-schemas.js';
import * as service from './service.js';

const IssuedPlan = Period.extend({
  leftOut: z
    .array(z.object({ itemId: z.number(), taskId: z.number(), title: z.string(), note: z.string() }))
    .openapi({ description: '会议保留、但印发前已销号或撤销而未列入的挂单事项' }),
}).openapi('IssuedPlan');

export const issueRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/plans/{id}/issue',
      tags,
      summary:
        '印发（督查室）：逐项决定后，通过的事项生成任务并交办（编号交办单），挂单事项按计划调整完成时限、节点和标准（已销号的不列入），通知各单位；有未决定的事项时拒绝',
      request: { params: PlanParam, ...jsonBody(z.object({ documentNumber: Text(50).min(1, '请填写文号') })) },
      responses: { 200: jsonResponse(IssuedPlan, '已印发'), ...errorResponses },
    }),
    async (c) => {
      const result = await service.issue(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json').documentNumber);
      return c.json({ ...presentPeriod(result.period), leftOut: result.leftOut }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/plans/{id}/document',
      tags,
      summary: '重点工作安排（Word）：印发后为正式文件，印发前为送审稿',
      request: { params: PlanParam },
      responses: { 200: fileResponse(DOCX_TYPE, '重点工作安排'), ...errorResponses },
    }),
    async (c) => {
      const file = await planDocx(c.get('deps'), actingUser(c).actor, c.req.valid('param').id);
      return c.body(file.stream, 200, { 'Content-Type': DOCX_TYPE, 'Content-Disposition': file.disposition });
    },
  );
