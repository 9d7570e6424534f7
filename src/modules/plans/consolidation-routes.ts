// The office consolidates approved proposals into plan items, edits, merges and splits them, and reads the draft.
import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, IdParam, jsonBody, jsonResponse, VersionField } from '../../http.js';
import { FieldChange, Id, Item, ItemChanges, ItemInput, Period, PlanParam, presentItem, presentPeriod, Reason, tags } from './route-schemas.js';
import * as service from './service.js';
import { CarriedTask, CarriedWithoutProposal } from './carried-schemas.js';

const DraftItem = Item.extend({
  carriedTask: CarriedTask.nullable(),
  carriedNote: z.string().nullable().openapi({ description: '挂单事项已销号或撤销时的说明，如“已于4月20日销号，印发时不列入”' }),
  leadLeaderName: z.string(),
  leadUnitName: z.string(),
  cooperatingUnitNames: z.array(z.string()),
  categoryName: z.string(),
  sources: z.array(z.object({ proposalId: z.number(), unitName: z.string(), late: z.boolean(), changes: z.array(FieldChange) })),
}).openapi('PlanDraftItem');
type DraftRow = Awaited<ReturnType<typeof service.draft>>['groups'][number]['categories'][number]['items'][number];
const presentDraftItem = (i: DraftRow): z.infer<typeof DraftItem> => ({
  ...presentItem(i),
  carriedTask: i.carriedTask,
  carriedNote: i.carriedNote,
  leadLeaderName: i.leadLeaderName,
  leadUnitName: i.leadUnitName,
  cooperatingUnitNames: i.cooperatingUnitNames,
  categoryName: i.categoryName,
  sources: i.sources,
});

const PlanDraft = z
  .object({
    period: Period,
    groups: z.array(
      z.object({
        leaderId: z.number().nullable(),
        leaderName: z.string(),
        leaderPosition: z.string(),
        categories: z.array(z.object({ categoryId: z.number().nullable(), categoryName: z.string(), items: z.array(DraftItem) })),
      }),
    ),
    carriedWithoutProposal: z.array(CarriedWithoutProposal),
  })
  .openapi('PlanDraft', { description: '汇总稿' });

export const consolidationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/plans/{id}/consolidate',
      tags,
      summary: '汇总：每项审核通过的申报（含挂单事项的申报）生成一条计划事项（督查室；可重复执行，只补新增的）；列出没有审核通过申报的挂单事项，不自动列入',
      request: { params: PlanParam },
      responses: {
        200: jsonResponse(z.object({ created: z.array(z.number()), carriedWithoutProposal: z.array(CarriedWithoutProposal) }), '已汇总'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await service.consolidate(c.get('deps'), actingUser(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plans/{id}/items',
      tags,
      summary: '增加领导交办事项（督查室）',
      request: { params: PlanParam, ...jsonBody(ItemInput) },
      responses: { 201: jsonResponse(Item, '已增加'), ...errorResponses },
    }),
    async (c) => c.json(presentItem(await service.createItem(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/plan-items/{id}',
      tags,
      summary: '修改汇总稿中的一项（督查室；保留修改记录）',
      request: { params: IdParam, ...jsonBody(ItemChanges.extend({ version: VersionField, reason: Reason.optional() })) },
      responses: { 200: jsonResponse(Item, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(presentItem(await service.updateItem(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plan-items/merge',
      tags,
      summary: '合并重复事项（督查室）：保留第一项，来源申报合并，其余单位转为配合单位',
      request: jsonBody(ItemChanges.extend({ itemIds: z.array(Id).min(2, '请至少选择两项合并').max(20), reason: Reason.optional() })),
      responses: { 200: jsonResponse(Item, '已合并'), ...errorResponses },
    }),
    async (c) => c.json(presentItem(await service.mergeItems(c.get('deps'), actingUser(c), c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plan-items/{id}/split',
      tags,
      summary: '拆分一项为多项（督查室）：每部分未写明的内容沿用原项',
      request: { params: IdParam, ...jsonBody(z.object({ parts: z.array(ItemChanges).min(2, '请至少拆分为两项').max(20), reason: Reason.optional() })) },
      responses: { 200: jsonResponse(z.object({ items: z.array(Item) }), '已拆分'), ...errorResponses },
    }),
    async (c) => c.json({ items: (await service.splitItem(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))).map(presentItem) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/plans/{id}/draft',
      tags,
      summary: '汇总稿：按责任领导、类别分组，逐项列出与单位原申报的差异（督查室、县领导）',
      request: { params: PlanParam },
      responses: { 200: jsonResponse(PlanDraft, '汇总稿'), ...errorResponses },
    }),
    async (c) => {
      const result = await service.draft(c.get('deps'), actingUser(c).actor, c.req.valid('param').id);
      const groups = result.groups.map((g) => ({
        leaderId: g.leaderId,
        leaderName: g.leaderName,
        leaderPosition: g.leaderPosition,
        categories: g.categories.map((k) => ({ categoryId: k.categoryId, categoryName: k.categoryName, items: k.items.map(presentDraftItem) })),
      }));
      return c.json({ period: presentPeriod(result.period), groups, carriedWithoutProposal: result.carriedWithoutProposal }, 200);
    },
  );
