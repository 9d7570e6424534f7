import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, Id, IdParam, jsonBody, jsonResponse } from '../../http.js';
import { BONUS_KIND_LABELS, BONUS_KINDS, GRADE_LABELS, GRADES, REVIEW_GROUPS } from '../../shared/labels.js';
import { toPoints } from '../review/rules.js';
import type { QuarterAssessment, YearAssessment } from './read.js';
import type { AssessmentSettings, ScoreItem } from './rules.js';
import * as service from './service.js';

const tags = ['季度和年度考核'];

// The formats (YYYY-Qn, YYYY) are checked by the service after the permission, so an unauthorised call learns nothing.
const QuarterParam = z.object({
  quarter: z
    .string()
    .max(20)
    .openapi({ param: { name: 'quarter', in: 'path' }, example: '2026-Q3' }),
});
const QuarterIdParam = QuarterParam.extend(IdParam.shape);
const YearParam = z.object({
  year: z
    .string()
    .max(20)
    .openapi({ param: { name: 'year', in: 'path' }, example: '2026' }),
});

// Points as typed: a number or a decimal string; the service refuses anything else in Chinese.
const PointsIn = z.union([z.number(), z.string().max(20)]).describe('分值：数字，最多两位小数');

const Settings = z
  .object({
    rewardTowns: z.number().describe('季度奖励的乡镇（街道）个数'),
    rewardCounty: z.number().describe('季度奖励的县直单位个数'),
    bonusPoints: z.object(
      Object.fromEntries(BONUS_KINDS.map((k) => [k, z.number().describe(BONUS_KIND_LABELS[k])])) as Record<(typeof BONUS_KINDS)[number], z.ZodNumber>,
    ),
    closingWeight: z.number().describe('年度考核中工作落实（预安销号）分项的分值'),
    parts: z.array(z.object({ key: z.string(), name: z.string(), max: z.number() })).describe('年度考核的其他分项及满分'),
    grades: z.object({ excellent: z.number(), good: z.number(), fair: z.number() }).describe('等次分数线：优秀、良好、一般（以下为较差）'),
    flaggedLast: z.number().describe('每组排名末位、须写书面检查并约谈主要负责人的单位个数'),
  })
  .openapi('AssessmentSettings');
const SettingsIn = z.object({
  version: z.number().int().min(0).max(2147483647).describe('当前设置的版本（尚未保存过为 0）'),
  rewardTowns: z.number(),
  rewardCounty: z.number(),
  bonusPoints: z.record(z.string(), PointsIn),
  closingWeight: PointsIn,
  parts: z.array(z.object({ key: z.string().max(40), name: z.string().max(40), max: PointsIn })).max(20),
  grades: z.object({ excellent: PointsIn, good: PointsIn, fair: PointsIn }),
  flaggedLast: z.number(),
});

const Item = z
  .object({
    kind: z.enum(['month', 'bonus']),
    label: z.string(),
    points: z.number().describe('分值（最多两位小数）；各项之和恰等于得分'),
    period: z.string().nullable(),
    bonusId: z.number().nullable(),
    bonusKind: z.enum(BONUS_KINDS).nullable(),
    date: z.string().nullable(),
  })
  .openapi('AssessmentScoreItem');
const QuarterRowOut = z
  .object({
    unitId: z.number(),
    unitName: z.string(),
    group: z.enum(REVIEW_GROUPS),
    score: z.number().describe('季度综合得分：三个月月点评得分与季度加分之和'),
    rank: z.number().describe('组内名次：同分同名次，下一名次顺延（1、1、3）'),
    position: z.number(),
    reward: z.boolean().describe('列入季度奖励（每组前若干名，按显示顺序）'),
    items: z.array(Item),
  })
  .openapi('QuarterScore');
const Quarter = z
  .object({
    quarter: z.string(),
    status: z.enum(['draft', 'published']),
    publishedAt: z.string().nullable(),
    settings: Settings,
    missingMonths: z.array(z.string()).describe('本季度尚未发布月点评的月份'),
    blocker: z.string().nullable().describe('未发布季度不能发布的原因；可以发布时为 null'),
    rows: z.array(QuarterRowOut),
    bonus: z.array(z.object({ id: z.number(), unitId: z.number(), kind: z.enum(BONUS_KINDS), day: z.string(), reason: z.string(), evidence: z.string() })),
  })
  .openapi('QuarterAssessment');
const Part = z.object({
  key: z.string(),
  name: z.string(),
  max: z.number(),
  points: z.number().nullable().describe('得分；尚未录入为 null（计 0 分）'),
  reason: z.string(),
});
const YearRowOut = z
  .object({
    unitId: z.number(),
    unitName: z.string(),
    group: z.enum(REVIEW_GROUPS),
    total: z.number().describe('总分：各分项得分之和'),
    rank: z.number(),
    position: z.number(),
    grade: z.enum(GRADES),
    gradeLabel: z.string(),
    flagged: z.boolean().describe('排名末位：须写出书面检查，并约谈主要负责人'),
    interviewId: z.number().nullable().describe('发布时提出的约谈建议'),
    record: z.number().describe('全年工作落实记录：已发布各月月点评得分与已发布季度加分之和'),
    best: z.number().describe('本组最好的全年工作落实记录'),
    recordItems: z.array(Item),
    parts: z.array(Part),
  })
  .openapi('YearScore');
const Year = z
  .object({
    year: z.string(),
    status: z.enum(['draft', 'published']),
    publishedAt: z.string().nullable(),
    settings: Settings,
    missingMonths: z.array(z.string()),
    missingQuarters: z.array(z.string()),
    missingParts: z.number(),
    blocker: z.string().nullable(),
    rows: z.array(YearRowOut),
  })
  .openapi('YearAssessment');

const presentSettings = (s: AssessmentSettings): z.infer<typeof Settings> => ({
  rewardTowns: s.rewardTowns,
  rewardCounty: s.rewardCounty,
  bonusPoints: Object.fromEntries(BONUS_KINDS.map((k) => [k, toPoints(s.bonusPoints[k])])) as z.infer<typeof Settings>['bonusPoints'],
  closingWeight: toPoints(s.closingWeight),
  parts: s.parts.map((p) => ({ key: p.key, name: p.name, max: toPoints(p.max) })),
  grades: { excellent: toPoints(s.grades.excellent), good: toPoints(s.grades.good), fair: toPoints(s.grades.fair) },
  flaggedLast: s.flaggedLast,
});
const presentItem = (i: ScoreItem): z.infer<typeof Item> => ({
  kind: i.kind,
  label: i.label,
  points: toPoints(i.points),
  period: i.period,
  bonusId: i.bonusId,
  bonusKind: i.bonusKind,
  date: i.day,
});
const presentQuarter = (q: QuarterAssessment & { blocker: string | null; bonus: z.infer<typeof Quarter>['bonus'] }): z.infer<typeof Quarter> => ({
  quarter: q.quarter,
  status: q.status,
  publishedAt: q.publishedAt?.toISOString() ?? null,
  settings: presentSettings(q.settings),
  missingMonths: q.missingMonths,
  blocker: q.blocker,
  rows: q.rows.map((r) => ({
    unitId: r.unitId,
    unitName: r.name,
    group: r.group,
    score: toPoints(r.score),
    rank: r.rank,
    position: r.position,
    reward: r.reward,
    items: r.items.map(presentItem),
  })),
  bonus: q.bonus.map((b) => ({ id: b.id, unitId: b.unitId, kind: b.kind, day: b.day, reason: b.reason, evidence: b.evidence })),
});
const presentYear = (y: YearAssessment & { blocker: string | null }): z.infer<typeof Year> => ({
  year: y.year,
  status: y.status,
  publishedAt: y.publishedAt?.toISOString() ?? null,
  settings: presentSettings(y.settings),
  missingMonths: y.missingMonths,
  missingQuarters: y.missingQuarters,
  missingParts: y.missingParts,
  blocker: y.blocker,
  rows: y.rows.map((r) => ({
    unitId: r.unitId,
    unitName: r.name,
    group: r.group,
    total: toPoints(r.total),
    rank: r.rank,
    position: r.position,
    grade: r.grade,
    gradeLabel: GRADE_LABELS[r.grade],
    flagged: r.flagged,
    interviewId: r.interviewId,
    record: toPoints(r.record),
    best: toPoints(r.best),
    recordItems: r.recordItems.map(presentItem),
    parts: r.parts.map((p) => ({ key: p.key, name: p.name, max: toPoints(p.max), points: p.points === null ? null : toPoints(p.points), reason: p.reason })),
  })),
});

export const assessmentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/assessments/settings',
      tags,
      summary: '考核设置：季度奖励名额、加分分值、年度分项、等次分数线、末位单位个数',
      responses: { 200: jsonResponse(z.object({ version: z.number(), settings: Settings }), '考核设置'), ...errorResponses },
    }),
    async (c) => {
      const s = await service.readSettings(c.get('deps'), actingUser(c).actor);
      return c.json({ version: s.version, settings: presentSettings(s.settings) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/assessments/settings',
      tags,
      summary: '保存考核设置（已发布的季度和年度不受影响）',
      request: jsonBody(SettingsIn),
      responses: { 200: jsonResponse(z.object({ version: z.number(), settings: Settings }), '已保存'), ...errorResponses },
    }),
    async (c) => {
      const s = await service.saveSettings(c.get('deps'), actingUser(c), c.req.valid('json'));
      return c.json({ version: s.version, settings: presentSettings(s.settings) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/assessments/quarters',
      tags,
      summary: '已发布的季度考核',
      responses: {
        200: jsonResponse(z.object({ items: z.array(z.object({ quarter: z.string(), publishedAt: z.string() })) }), '已发布季度'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const rows = await service.listPublished(c.get('deps'), actingUser(c).actor);
      return c.json({ items: rows.map((r) => ({ quarter: r.quarter, publishedAt: r.publishedAt.toISOString() })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/assessments/quarters/{quarter}',
      tags,
      summary: '季度考核：各单位三个月月点评得分与季度加分之和，分组排名，前若干名列入奖励；已发布季度取自发布时保存的数据',
      request: { params: QuarterParam },
      responses: { 200: jsonResponse(Quarter, '季度考核'), ...errorResponses },
    }),
    async (c) => c.json(presentQuarter(await service.readQuarter(c.get('deps'), actingUser(c).actor, c.req.valid('param').quarter)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/assessments/quarters/{quarter}/bonus-items',
      tags,
      summary: '录入季度加分事项（上级领导肯定性批示、表彰、典型发言），须写明事由和依据；已发布季度不能录入',
      request: {
        params: QuarterParam,
        ...jsonBody(
          z.object({
            unitId: Id,
            kind: z.enum(BONUS_KINDS),
            day: z.string().max(20).describe('日期 YYYY-MM-DD，须在该季度内'),
            reason: z.string().max(500),
            evidence: z.string().max(1000),
          }),
        ),
      },
      responses: { 201: jsonResponse(z.object({ id: z.number() }), '已录入'), ...errorResponses },
    }),
    async (c) => {
      const b = await service.addBonusItem(c.get('deps'), actingUser(c), c.req.valid('param').quarter, c.req.valid('json'));
      return c.json({ id: b.id }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/assessments/quarters/{quarter}/bonus-items/{id}/withdraw',
      tags,
      summary: '撤回一条季度加分事项（留痕）；已发布季度不能撤回',
      request: { params: QuarterIdParam },
      responses: { 200: jsonResponse(z.object({ id: z.number() }), '已撤回'), ...errorResponses },
    }),
    async (c) => {
      const { quarter, id } = c.req.valid('param');
      await service.withdrawBonusItem(c.get('deps'), actingUser(c), quarter, id);
      return c.json({ id }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/assessments/quarters/{quarter}/publish',
      tags,
      summary: '发布并冻结季度考核；须本季度三个月的月点评都已发布；不能重复发布',
      request: { params: QuarterParam },
      responses: { 200: jsonResponse(Quarter, '已发布'), ...errorResponses },
    }),
    async (c) => {
      const q = await service.publishQuarter(c.get('deps'), actingUser(c), c.req.valid('param').quarter);
      return c.json(presentQuarter({ ...q, blocker: null, bonus: [] }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/assessments/years/{year}',
      tags,
      summary: '年度考核：工作落实分项（由全年月点评和季度加分折算）与其他分项之和，分组排名、等次、末位单位；已发布年度取自发布时保存的数据',
      request: { params: YearParam },
      responses: { 200: jsonResponse(Year, '年度考核'), ...errorResponses },
    }),
    async (c) => c.json(presentYear(await service.readYear(c.get('deps'), actingUser(c).actor, c.req.valid('param').year)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/assessments/years/{year}/parts',
      tags,
      summary: '录入或修改一个单位的年度分项得分（须写明依据）；已发布年度不能修改',
      request: {
        params: YearParam,
        ...jsonBody(z.object({ unitId: Id, partKey: z.string().max(40), points: PointsIn, reason: z.string().max(500) })),
      },
      responses: { 200: jsonResponse(z.object({ id: z.number(), points: z.number() }), '已保存'), ...errorResponses },
    }),
    async (c) => {
      const p = await service.savePart(c.get('deps'), actingUser(c), c.req.valid('param').year, c.req.valid('json'));
      return c.json({ id: p.id, points: toPoints(p.points) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/assessments/years/{year}/publish',
      tags,
      summary: '发布并冻结年度考核，并为每组排名末位的单位提出约谈主要负责人的建议；须全年月点评和四个季度考核都已发布、分项得分都已录入；不能重复发布',
      request: { params: YearParam },
      responses: { 200: jsonResponse(Year, '已发布'), ...errorResponses },
    }),
    async (c) => {
      const y = await service.publishYear(c.get('deps'), actingUser(c), c.req.valid('param').year);
      return c.json(presentYear({ ...y, blocker: null }), 200);
    },
  );
