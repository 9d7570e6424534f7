// Units draft, edit and submit their proposals; everyone in scope reads them with their revisions.
import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, IdParam, jsonBody, jsonResponse, VersionField } from '../../http.js';
import { FieldChange, Period, PlanParam, presentPeriod, presentProposal, Proposal, ProposalChanges, ProposalInput, Reason, tags } from './route-schemas.js';
import * as service from './service.js';
import * as store from './store.js';
import { carriedTaskViews } from './carried.js';
import { CarriedTask } from './carried-schemas.js';
import { PROPOSAL_STATUSES } from '../../shared/labels.js';

const PROPOSAL_ACTIONS = ['edit', 'submit', 'approve', 'return', 'withdraw'] as const;
type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];
// The service names its actions as plain strings; these are the only ones it offers.
const isProposalAction = (a: string): a is ProposalAction => (PROPOSAL_ACTIONS as readonly string[]).includes(a);

// A proposal beside the current state of its carried task (挂单), if it has one.
const ProposalWithTask = Proposal.extend({ carriedTask: CarriedTask.nullable() }).openapi('PlanProposalWithTask');

const ProposalDetail = z
  .object({
    proposal: ProposalWithTask,
    period: Period,
    actions: z.array(z.enum(PROPOSAL_ACTIONS)),
    revisions: z.array(
      z.object({
        id: z.number(),
        at: z.string(),
        byName: z.string(),
        byUnit: z.boolean().describe('申报单位自己的修改（退回后）；否则为分管领导或督查室的修改'),
        reason: z.string(),
        changes: z.array(FieldChange),
      }),
    ),
    sinceReturn: z.array(FieldChange).describe('最近一次退回后单位所作的修改（合并）；未退回或已通过时为空'),
  })
  .openapi('PlanProposalDetail', { description: '申报详情' });

export const proposalRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/plans/{id}/proposals',
      tags,
      summary: '申报列表：督查室看全部，分管领导看分管单位，单位看本单位',
      request: { params: PlanParam, query: z.object({ status: z.enum(PROPOSAL_STATUSES).optional() }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(ProposalWithTask) }), '申报'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const rows = await service.listProposals(deps, actingUser(c).actor, c.req.valid('param').id, c.req.valid('query'));
      const [n, carried] = await Promise.all([
        store.names(deps.db),
        carriedTaskViews(
          deps.db,
          rows.map((p) => p.carriedTaskId),
        ),
      ]);
      return c.json({ items: rows.map((p) => ({ ...presentProposal(p, n), carriedTask: carried.get(p.carriedTaskId ?? 0) ?? null })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plans/{id}/proposals',
      tags,
      summary: '单位申报下期重点工作（草稿；本单位联络员或主要负责人）',
      request: { params: PlanParam, ...jsonBody(ProposalInput) },
      responses: { 201: jsonResponse(Proposal, '已保存草稿'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await service.createProposal(deps, actingUser(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(presentProposal(row, await store.names(deps.db)), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/proposals/{id}',
      tags,
      summary: '申报详情：领导和督查室的每次修改、单位退回后的每次修改（谁、何时、为何、改了什么），以及当前可做的操作',
      request: { params: IdParam },
      responses: { 200: jsonResponse(ProposalDetail, '申报'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const detail = await service.getProposal(deps, actingUser(c).actor, c.req.valid('param').id);
      const carried = await carriedTaskViews(deps.db, [detail.proposal.carriedTaskId]);
      return c.json(
        {
          proposal: { ...presentProposal(detail.proposal, await store.names(deps.db)), carriedTask: carried.get(detail.proposal.carriedTaskId ?? 0) ?? null },
          period: presentPeriod(detail.period),
          actions: detail.actions.filter(isProposalAction),
          revisions: detail.revisions.map((r) => ({ ...r, at: r.at.toISOString() })),
          sinceReturn: detail.sinceReturn,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/proposals/{id}',
      tags,
      summary: '修改申报：单位改自己的草稿或退回件（退回件的修改留痕）；分管领导、督查室改已提交的申报须说明理由（留痕）',
      request: { params: IdParam, ...jsonBody(ProposalChanges.extend({ version: VersionField, reason: Reason.optional() })) },
      responses: { 200: jsonResponse(Proposal, '已修改'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await service.updateProposal(deps, actingUser(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(presentProposal(row, await store.names(deps.db)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/proposals/{id}/submit',
      tags,
      summary: '提交申报（单位主要负责人；单位无主要负责人账号时由联络员提交）；首次提交逾期的标记为逾期，退回后再提交不改变',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Proposal, '已提交'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await service.submitProposal(deps, actingUser(c), c.req.valid('param').id);
      return c.json(presentProposal(row, await store.names(deps.db)), 200);
    },
  );
