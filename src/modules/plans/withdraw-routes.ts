// Withdrawing a proposal (撤回), e.g. a pre-filled draft of a carried task that has closed.
import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, IdParam, jsonBody, jsonResponse, VersionField } from '../../http.js';
import { presentProposal, Proposal, Text, tags } from './route-schemas.js';
import * as store from './store.js';
import { withdrawProposal } from './withdraw.js';

export const withdrawRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/proposals/{id}/withdraw',
    tags,
    summary: '撤回申报（须说明理由）：申报单位在分管领导审核通过前、督查室在汇总前可撤回，如挂单事项已销号或即将销号',
    request: { params: IdParam, ...jsonBody(z.object({ version: VersionField, reason: Text(500).min(1, '请填写撤回理由') })) },
    responses: { 200: jsonResponse(Proposal, '已撤回'), ...errorResponses },
  }),
  async (c) => {
    const deps = c.get('deps');
    const row = await withdrawProposal(deps, actingUser(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(presentProposal(row, await store.names(deps.db)), 200);
  },
);
