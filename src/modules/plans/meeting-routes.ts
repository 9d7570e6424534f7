// The meeting decides each plan item.
import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, IdParam, jsonBody, jsonResponse } from '../../http.js';
import { Item, ItemChanges, presentItem, tags, Text } from './route-schemas.js';
import * as service from './service.js';

export const meetingRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/plan-items/{id}/decision',
    tags,
    summary: '记录会议决定：通过、修改后通过（附修改内容）、不列入（督查室）',
    request: {
      params: IdParam,
      ...jsonBody(z.object({ decision: z.enum(['approved', 'amended', 'dropped']), note: Text(1000).default(''), changes: ItemChanges.optional() })),
    },
    responses: { 200: jsonResponse(Item, '已记录'), ...errorResponses },
  }),
  async (c) => c.json(presentItem(await service.decide(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
);
