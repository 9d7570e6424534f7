import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, IdParam, Int4, jsonBody, jsonResponse, requirePermission } from '../../http.js';
import { SELF_STANDARDS, SELF_STATUSES } from '../../shared/labels.js';
import * as service from './service.js';

const tags = ['绩效自评'];

const Period = z.string().regex(/^\d{4}$/, '考核期应为年份，如 2026');
const Standard = z.enum(SELF_STANDARDS).describe('position：有位置；highlight：出亮点；breakthrough：求突破；first_class：创一流');
const Rating = Int4.describe('1–5 分');
const Text = z.string().max(500, '不超过 500 字');
const Version = Int4.min(0).describe('乐观锁版本号：读取时的 version（0 表示尚未填写）');

const Item = z
  .object({
    standard: Standard,
    target: z.string().describe('年初设定的目标'),
    planRating: z.number().describe('年初对谋划工作的预评（1–5；0 为尚未填写）'),
    result: z.string().describe('年末的完成情况'),
    resultRating: z.number().nullable().describe('年末自评（1–5）'),
    officeRating: z.number().nullable().describe('考核办评定（1–5）'),
    officeComment: z.string(),
  })
  .openapi('SelfAssessmentItem');

const SelfAssessment = z
  .object({
    unitId: z.number(),
    unitName: z.string(),
    period: z.string(),
    status: z.enum(SELF_STATUSES).nullable().describe('planned：已定目标；reported：已自评结果；rated：考核办已评；null：尚未填写'),
    items: z.array(Item).describe('四项标准，按 有位置、出亮点、求突破、创一流 的顺序'),
    gap: z
      .object({
        lines: z.array(z.object({ standard: Standard, gap: z.number().nullable() })),
        total: z.number().nullable(),
      })
      .describe('自评减考核办评定：正数为自评偏高。只作展示，不计入任何得分'),
    ratedByName: z.string().nullable(),
    version: z.number(),
    updatedAt: z.string().nullable(),
  })
  .openapi('SelfAssessment');

type View = Awaited<ReturnType<typeof service.getOne>>;
const presentView = (v: View): z.infer<typeof SelfAssessment> => ({
  unitId: v.unitId,
  unitName: v.unitName,
  period: v.period,
  status: v.status,
  items: v.items.map((i) => ({
    standard: i.standard,
    target: i.target,
    planRating: i.planRating,
    result: i.result,
    resultRating: i.resultRating,
    officeRating: i.officeRating,
    officeComment: i.officeComment,
  })),
  gap: v.gap,
  ratedByName: v.ratedByName,
  version: v.version,
  updatedAt: v.updatedAt?.toISOString() ?? null,
});

export const selfAssessmentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/self-assessments',
      tags,
      middleware: [requirePermission('selfassess.read')] as const,
      summary: '数据范围内各单位某年的绩效自评情况与差距',
      request: { query: z.object({ period: Period }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(SelfAssessment) }), '各单位绩效自评'), ...errorResponses },
    }),
    async (c) => {
      const rows = await service.list(c.get('deps'), actingUser(c).actor, c.req.valid('query').period);
      return c.json({ items: rows.map(presentView) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/self-assessments/units/{id}',
      tags,
      middleware: [requirePermission('selfassess.read')] as const,
      summary: '一个单位某年的绩效自评',
      request: { params: IdParam, query: z.object({ period: Period }) },
      responses: { 200: jsonResponse(SelfAssessment, '绩效自评'), ...errorResponses },
    }),
    async (c) => {
      const v = await service.getOne(c.get('deps'), actingUser(c).actor, c.req.valid('param').id, c.req.valid('query').period);
      return c.json(presentView(v), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/self-assessments/units/{id}/targets',
      tags,
      summary: '年初按四项标准设定目标并预评（单位负责人、联络员）',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            period: Period,
            version: Version,
            items: z.array(z.object({ standard: Standard, target: Text, planRating: Rating })).max(4),
          }),
        ),
      },
      responses: { 200: jsonResponse(SelfAssessment, '已保存'), ...errorResponses },
    }),
    async (c) => {
      const v = await service.saveTargets(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(presentView(v), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/self-assessments/units/{id}/results',
      tags,
      summary: '年末按四项标准自评完成情况（12 月 1 日至次年 3 月 31 日）',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            period: Period,
            version: Version,
            items: z.array(z.object({ standard: Standard, result: Text, resultRating: Rating })).max(4),
          }),
        ),
      },
      responses: { 200: jsonResponse(SelfAssessment, '已保存'), ...errorResponses },
    }),
    async (c) => {
      const v = await service.saveResults(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(presentView(v), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/self-assessments/units/{id}/office-rating',
      tags,
      summary: '考核办对自评结果评定（与自评并列显示差距，不覆盖自评）',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            period: Period,
            version: Version,
            items: z.array(z.object({ standard: Standard, officeRating: Rating, officeComment: Text })).max(4),
          }),
        ),
      },
      responses: { 200: jsonResponse(SelfAssessment, '已评定'), ...errorResponses },
    }),
    async (c) => {
      const v = await service.rate(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(presentView(v), 200);
    },
  );
