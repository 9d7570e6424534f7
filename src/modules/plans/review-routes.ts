// The leader in charge approves or returns a submitted proposal.
import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, IdParam, jsonBody, jsonResponse } from '../../http.js';
import { presentProposal, Proposal, tags, Text } from './route-schemas.js';
import * as service from './service.js';
import * as store from './store.js';

export const reviewRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/proposals/{id}/approve',
      tags,
      summary: '审核通过（分管该单位的县领导）',
      request: { params: IdParam, ...jsonBody(z.object({ comment: Text(1000).default('') })) },
      responses: { 200: jsonResponse(Proposal, '已通过'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await service.reviewProposal(deps, actingUser(c), c.req.valid('param').id, 'approve', c.req.valid('json').comment);
      return c.json(presentProposal(row, await store.names(deps.db)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/proposals/{id}/return',
      tags,
      summary: '退回修改（分管该单位的县领导，须写明意见）',
      request: { params: IdParam, ...jsonBody(z.object({ comment: Text(1000).min(1, '退回须写明修改意见') })) },
      responses: { 200: jsonResponse(Proposal, '已退回'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await service.reviewProposal(deps, actingUser(c), c.req.valid('param').id, 'return', c.req.valid('json').comment);
      return c.json(presentProposal(row, await store.names(deps.db)), 200);
    },
  );
