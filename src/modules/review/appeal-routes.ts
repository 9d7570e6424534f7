import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, Id, IdParam, jsonBody, jsonResponse, PageQuery } from '../../http.js';
import { APPEAL_OBJECT_LABELS, APPEAL_OBJECTS, APPEAL_STATUS_LABELS, APPEAL_STATUSES } from '../../shared/labels.js';
import * as appeals from './appeals.js';
import type { AppealRow } from './store.js';
import { toPoints } from './rules.js';

const tags = ['申诉'];

const PeriodParam = z.object({
  // The format (YYYY-MM) is checked by the service after the permission, so an unauthorised call learns nothing.
  period: z
    .string()
    .max(20)
    .openapi({ param: { name: 'period', in: 'path' }, example: '2026-02' }),
});

const Appeal = z
  .object({
    id: z.number(),
    period: z.string(),
    unitId: z.number(),
    unitName: z.string(),
    object: z.enum(APPEAL_OBJECTS),
    objectLabel: z.string(),
    factId: z.number().nullable(),
    taskId: z.number().nullable(),
    closingRequestId: z.number().nullable(),
    subject: z.string().describe('申诉对象：得分事项说明、事项名称或销号申请'),
    reason: z.string(),
    evidence: z.string(),
    deadline: z.string().describe('申诉截止日（发布后第 N 个工作日）'),
    status: z.enum(APPEAL_STATUSES),
    statusLabel: z.string(),
    filedAt: z.string(),
    decisionReason: z.string().nullable(),
    decidedAt: z.string().nullable(),
    correction: z.object({ id: z.number(), points: z.number(), reason: z.string() }).nullable().describe('申诉成立时记录的更正'),
    suggestedPoints: z.number().nullable().describe('待处理申诉默认的更正分值（仅处理人可见）'),
  })
  .openapi('Appeal');

type Listed = AppealRow & { unitName?: string; correction?: { id: number; points: number; reason: string } | null; suggestedPoints?: number | null };
const present = (a: Listed): z.infer<typeof Appeal> => ({
  id: a.id,
  period: a.period,
  unitId: a.unitId,
  unitName: a.unitName ?? '',
  object: a.object,
  objectLabel: APPEAL_OBJECT_LABELS[a.object],
  factId: a.factId,
  taskId: a.taskId,
  closingRequestId: a.closingRequestId,
  subject: a.subject,
  reason: a.reason,
  evidence: a.evidence,
  deadline: a.deadline,
  status: a.status,
  statusLabel: APPEAL_STATUS_LABELS[a.status],
  filedAt: a.filedAt.toISOString(),
  decisionReason: a.decisionReason,
  decidedAt: a.decidedAt?.toISOString() ?? null,
  correction: a.correction ? { id: a.correction.id, points: toPoints(a.correction.points), reason: a.correction.reason } : null,
  suggestedPoints: a.suggestedPoints === undefined || a.suggestedPoints === null ? null : toPoints(a.suggestedPoints),
});

export const appealRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/reviews/{period}/appeals',
      tags,
      summary: '单位对已发布月份提出申诉（发布后规定工作日内）：对本单位的扣分事项、事项亮灯或被退回的销号申请，须写明理由和依据',
      request: {
        params: PeriodParam,
        ...jsonBody(
          z.object({
            object: z.enum(APPEAL_OBJECTS).describe('fact 得分事项（factId）、colour 事项亮灯（事项编号）、closing 被退回的销号申请（申请编号）'),
            id: Id.describe('申诉对象的编号'),
            reason: z.string().max(1000),
            evidence: z.string().max(2000),
          }),
        ),
      },
      responses: { 201: jsonResponse(Appeal, '已提出申诉'), ...errorResponses },
    }),
    async (c) => {
      const created = await appeals.fileAppeal(c.get('deps'), actingUser(c), c.req.valid('param').period, c.req.valid('json'));
      return c.json(present(created), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/appeals',
      tags,
      summary: '申诉列表（新的在前）：单位看本单位的，县级各方看全部；可按状态、月份筛选，分页并给出总数',
      request: {
        query: z.object({
          status: z.enum(APPEAL_STATUSES).optional(),
          period: z.string().max(20).optional().describe('月份 YYYY-MM'),
          ...PageQuery,
        }),
      },
      responses: {
        200: jsonResponse(z.object({ items: z.array(Appeal), total: z.number(), page: z.number(), pageSize: z.number() }), '申诉'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const r = await appeals.listAppeals(c.get('deps'), actingUser(c).actor, c.req.valid('query'));
      return c.json({ items: r.items.map(present), total: r.total, page: r.page, pageSize: r.pageSize }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/appeals/{id}/decide',
      tags,
      summary: '处理申诉：成立或不成立，均须写明理由；成立时记录更正（默认冲回被申诉的扣分，可另定分值），不修改已发布的得分',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            decision: z.enum(['uphold', 'dismiss']),
            reason: z.string().max(1000),
            points: z.number().optional().describe('更正分值（加到发布得分上，最多两位小数）；不填则取默认'),
          }),
        ),
      },
      responses: { 200: jsonResponse(Appeal, '已处理'), ...errorResponses },
    }),
    async (c) => {
      const r = await appeals.decideAppeal(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(present({ ...r.appeal, correction: r.correction }), 200);
    },
  );
