import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, Id, IdParam, Int4, jsonBody, jsonResponse } from '../../http.js';
import { MANUAL_FACT_KINDS, REVIEW_GROUPS, SCORE_FACT_KINDS, SCORE_FACT_LABELS, SCORE_WEIGHT_KEYS } from '../../shared/labels.js';
import type { MonthScores, ScoreRow } from './read.js';
import { toPoints } from './rules.js';
import * as service from './service.js';

const tags = ['月点评'];

const PeriodParam = z.object({
  // The format (YYYY-MM) is checked by the service after the permission, so an unauthorised call learns nothing.
  period: z
    .string()
    .max(20)
    .openapi({ param: { name: 'period', in: 'path' }, example: '2026-02' }),
});
const PeriodIdParam = PeriodParam.extend(IdParam.shape);

// A month's counts and rates, as the monthly figures define them (docs/figures.md).
const MonthCounts = {
  issued: z.number(),
  closedOnTime: z.number(),
  closedLate: z.number(),
  overdue: z.number(),
  carried: z.number(),
  closeRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
};

const Fact = z
  .object({
    kind: z.enum(SCORE_FACT_KINDS),
    kindLabel: z.string(),
    label: z.string().describe('事实说明：事项名称、督办单编号或加减分事由'),
    points: z.number().describe('分值（最多两位小数）；一个单位各事实分值之和恰等于其得分'),
    date: z.string(),
    taskId: z.number().nullable(),
    sheetId: z.number().nullable(),
    manualId: z.number().nullable(),
    factId: z.number().optional().describe('已发布月份的得分事项编号（申诉时引用）'),
  })
  .openapi('ScoreFact');
const Correction = z
  .object({ id: z.number(), appealId: z.number(), points: z.number().describe('更正分值（加到发布得分上）'), reason: z.string(), createdAt: z.string() })
  .openapi('ScoreCorrection');
const Score = z
  .object({
    unitId: z.number(),
    unitName: z.string(),
    group: z.enum(REVIEW_GROUPS),
    score: z.number().describe('得分：各事实分值之和'),
    rank: z.number().describe('组内名次：同分同名次，下一名次顺延（1、1、3）'),
    position: z.number().describe('组内显示顺序：得分、按时完成率、单位名称'),
    ...MonthCounts,
    facts: z.array(Fact),
    correctedScore: z.number().optional().describe('更正后得分：发布得分加上申诉成立的更正；仅在该月有更正时出现'),
    correctedRank: z.number().optional().describe('更正后组内名次（同一排名规则）；仅在该月有更正时出现'),
    corrections: z.array(Correction).optional().describe('该单位得分的更正（申诉成立）；仅在该月有更正时出现'),
  })
  .openapi('UnitScore');
const Scores = z
  .object({
    period: z.string(),
    status: z.enum(['draft', 'published']),
    publishedAt: z.string().nullable(),
    schemeVersion: z.number(),
    figuresFrozen: z.boolean(),
    rows: z.array(Score),
  })
  .openapi('MonthScores');
const NamedUnit = z.object({ unitId: z.number(), unitName: z.string() });
const Review = Scores.extend({
  blocker: z.string().nullable().describe('未发布月份不能发布的原因；可以发布时为 null'),
  bottom: z.array(z.object({ group: z.enum(REVIEW_GROUPS), proposed: z.array(NamedUnit), confirmed: z.array(NamedUnit).nullable(), reason: z.string() })),
  stars: z.array(
    z.object({
      leaderId: z.number(),
      leaderName: z.string(),
      position: z.string(),
      led: z.number(),
      closedOnTime: z.number(),
      closedLate: z.number(),
      overdue: z.number(),
      computed: z.number().nullable(),
      stars: z.number().nullable(),
      reason: z.string(),
    }),
  ),
  categories: z.array(
    z.object({
      categoryId: z.number(),
      name: z.string(),
      ...MonthCounts,
    }),
  ),
  manual: z.array(z.object({ id: z.number(), unitId: z.number(), kind: z.enum(MANUAL_FACT_KINDS), day: z.string(), reason: z.string(), evidence: z.string() })),
}).openapi('MonthReview');
const Scheme = z
  .object({
    id: z.number(),
    version: z.number(),
    effectiveFrom: z.string(),
    weights: z.record(z.string(), z.number()),
    partShare: z.number().describe('事项因配合单位分工逾期而扣分时，由逾期的配合单位共同承担的百分比；其余由牵头单位承担'),
    note: z.string(),
    createdAt: z.string(),
    inForce: z.boolean(),
  })
  .openapi('ScoringScheme');

const presentRow = (r: ScoreRow): z.infer<typeof Score> => ({
  unitId: r.unitId,
  unitName: r.unitName,
  group: r.group,
  score: toPoints(r.score),
  rank: r.rank,
  position: r.position,
  issued: r.issued,
  closedOnTime: r.closedOnTime,
  closedLate: r.closedLate,
  overdue: r.overdue,
  carried: r.carried,
  closeRate: r.closeRate,
  onTimeRate: r.onTimeRate,
  facts: r.facts.map((f) => ({
    kind: f.kind,
    kindLabel: SCORE_FACT_LABELS[f.kind],
    label: f.label,
    points: toPoints(f.points),
    date: f.day,
    taskId: f.taskId,
    sheetId: f.sheetId,
    manualId: f.manualId,
    ...(f.factId !== undefined && { factId: f.factId }),
  })),
  // A month without corrections answers exactly as published; these appear only beside corrections.
  ...(r.correctedScore !== undefined && { correctedScore: toPoints(r.correctedScore), correctedRank: r.correctedRank }),
  ...(r.corrections && {
    corrections: r.corrections.map((c) => ({
      id: c.id,
      appealId: c.appealId,
      points: toPoints(c.points),
      reason: c.reason,
      createdAt: c.createdAt.toISOString(),
    })),
  }),
});
const presentScores = (s: MonthScores): z.infer<typeof Scores> => ({
  period: s.period,
  status: s.status,
  publishedAt: s.publishedAt?.toISOString() ?? null,
  schemeVersion: s.schemeVersion,
  figuresFrozen: s.figuresFrozen,
  rows: s.rows.map(presentRow),
});
const weightsOut = (w: Record<string, number>) => Object.fromEntries(SCORE_WEIGHT_KEYS.map((k) => [k, toPoints(w[k] ?? 0)]));

export const reviewRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/reviews/schemes',
      tags,
      summary: '评分方案的各个版本（新版本在前）及当前生效的版本',
      responses: {
        200: jsonResponse(z.object({ items: z.array(Scheme), lastPublished: z.string().nullable() }), '评分方案版本'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const r = await service.listSchemes(c.get('deps'), actingUser(c).actor);
      return c.json(
        {
          lastPublished: r.lastPublished,
          items: r.items.map((s) => ({
            id: s.id,
            version: s.version,
            effectiveFrom: s.effectiveFrom,
            weights: weightsOut(s.weights),
            partShare: s.partShare,
            note: s.note,
            createdAt: s.createdAt.toISOString(),
            inForce: s.inForce,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reviews/schemes',
      tags,
      summary: '保存评分方案的新版本（自生效月份起计分；生效月份必须晚于已发布的月份）',
      request: jsonBody(
        z.object({
          effectiveFrom: z.string().describe('生效月份 YYYY-MM'),
          weights: z.record(z.string(), z.unknown()).describe(`各计分项的分值（数字，最多两位小数）：${SCORE_WEIGHT_KEYS.join('、')}`),
          partShare: z.unknown().optional().describe('配合单位分工逾期时由其承担的扣分百分比（0–100 的整数）；不传则沿用最新版本的比例'),
          note: z.string().max(500).optional(),
        }),
      ),
      responses: { 201: jsonResponse(z.object({ id: z.number(), version: z.number(), effectiveFrom: z.string() }), '已保存'), ...errorResponses },
    }),
    async (c) => {
      const s = await service.saveScheme(c.get('deps'), actingUser(c), c.req.valid('json'));
      return c.json({ id: s.id, version: s.version, effectiveFrom: s.effectiveFrom }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reviews/published',
      tags,
      summary: '已发布的月点评月份',
      responses: {
        200: jsonResponse(z.object({ items: z.array(z.object({ period: z.string(), publishedAt: z.string(), schemeVersion: z.number() })) }), '已发布月份'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const rows = await service.listPublished(c.get('deps'), actingUser(c).actor);
      return c.json({ items: rows.map((r) => ({ period: r.period, publishedAt: r.publishedAt.toISOString(), schemeVersion: r.schemeVersion })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reviews/{period}/scores',
      tags,
      summary: '月点评得分：每个参评单位一行（乡镇、县直单位分组排名），含得分明细；已发布月份取自发布时保存的数据',
      request: { params: PeriodParam },
      responses: { 200: jsonResponse(Scores, '各单位得分'), ...errorResponses },
    }),
    async (c) => c.json(presentScores(await service.readScores(c.get('deps'), actingUser(c).actor, c.req.valid('param').period)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reviews/{period}',
      tags,
      summary: '月点评：得分与排名、末位表态、县领导评星、分类专项情况；未发布月份另含加减分事项和不能发布的原因',
      request: { params: PeriodParam },
      responses: { 200: jsonResponse(Review, '月点评'), ...errorResponses },
    }),
    async (c) => {
      const r = await service.readReview(c.get('deps'), actingUser(c).actor, c.req.valid('param').period);
      return c.json(
        {
          ...presentScores(r),
          blocker: r.blocker,
          bottom: r.bottom,
          stars: r.stars,
          categories: r.categories,
          manual: r.manual.map((m) => ({ id: m.id, unitId: m.unitId, kind: m.kind, day: m.day, reason: m.reason, evidence: m.evidence })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reviews/{period}/manual-facts',
      tags,
      summary: '录入加减分事项（亮点工作、通报表扬、典型发言、末位表态、问责），须写明事由和依据；已发布月份不能录入',
      request: {
        params: PeriodParam,
        ...jsonBody(
          z.object({
            unitId: Id,
            kind: z.enum(MANUAL_FACT_KINDS),
            day: z.string().describe('日期 YYYY-MM-DD，须在该月内'),
            reason: z.string().max(500),
            evidence: z.string().max(1000),
          }),
        ),
      },
      responses: { 201: jsonResponse(z.object({ id: z.number() }), '已录入'), ...errorResponses },
    }),
    async (c) => {
      const f = await service.addManualFact(c.get('deps'), actingUser(c), c.req.valid('param').period, c.req.valid('json'));
      return c.json({ id: f.id }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reviews/{period}/manual-facts/{id}/withdraw',
      tags,
      summary: '撤回一条加减分事项（留痕）；已发布月份不能撤回',
      request: { params: PeriodIdParam },
      responses: { 200: jsonResponse(z.object({ id: z.number() }), '已撤回'), ...errorResponses },
    }),
    async (c) => {
      const { period, id } = c.req.valid('param');
      await service.withdrawManualFact(c.get('deps'), actingUser(c), period, id);
      return c.json({ id }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reviews/{period}/bottom-statements',
      tags,
      summary: '确认一个分组的末位表态单位（与系统建议不同须写理由）；已发布月份不能修改',
      request: {
        params: PeriodParam,
        ...jsonBody(z.object({ group: z.enum(REVIEW_GROUPS), unitIds: z.array(Id).max(10), reason: z.string().max(500).optional() })),
      },
      responses: {
        200: jsonResponse(
          z.object({ period: z.string(), group: z.enum(REVIEW_GROUPS), proposed: z.array(z.number()), confirmed: z.array(z.number()), reason: z.string() }),
          '已确认',
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await service.confirmBottom(c.get('deps'), actingUser(c), c.req.valid('param').period, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reviews/{period}/leader-stars',
      tags,
      summary: '调整县领导牵头工作的星级（1–5 星），须写明理由；已发布月份不能调整',
      request: {
        params: PeriodParam,
        ...jsonBody(z.object({ leaderId: Id, stars: Int4, reason: z.string().max(500) })),
      },
      responses: { 200: jsonResponse(z.object({ leaderId: z.number(), stars: z.number(), reason: z.string() }), '已调整'), ...errorResponses },
    }),
    async (c) => {
      const s = await service.adjustStars(c.get('deps'), actingUser(c), c.req.valid('param').period, c.req.valid('json'));
      return c.json({ leaderId: s.leaderId, stars: s.stars, reason: s.reason }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reviews/{period}/publish',
      tags,
      summary: '发布并冻结该月点评：保存得分、名次、明细和评分方案版本；须月度指标已冻结、末位表态已确认；不能重复发布',
      request: { params: PeriodParam },
      responses: { 200: jsonResponse(Scores, '已发布'), ...errorResponses },
    }),
    async (c) => c.json(presentScores(await service.publish(c.get('deps'), actingUser(c), c.req.valid('param').period)), 200),
  );
