import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, Id, IdParam, Int4, jsonBody, jsonResponse, VersionField } from '../../http.js';
import { HIGHLIGHT_CYCLES, HIGHLIGHT_STATUSES, STAR_DECISION_METHODS, STAR_KINDS, STAR_STATUSES } from '../../shared/labels.js';
import * as service from './service.js';
import type { HighlightRow, NominationRow } from './store.js';

const tags = ['评星与亮点工作'];

const PeriodParam = z.object({
  // The format (YYYY-MM) is checked by the service after the permission, so an unauthorised call learns nothing.
  period: z
    .string()
    .max(20)
    .openapi({ param: { name: 'period', in: 'path' }, example: '2026-02' }),
});

const Text = (max: number, what: string) => z.string().max(max, `${what}不能超过 ${max} 字`);

const Settings = z
  .object({
    unitStarLimit: Int4.describe('每月单位之星上限'),
    cadreStarLimit: Int4.describe('每月干部之星上限'),
    version: Int4.min(0).describe('乐观锁版本号：读取时的 version（0 表示尚未保存过，取默认值）'),
  })
  .openapi('StarSettings');

const Nomination = z
  .object({
    id: z.number(),
    period: z.string(),
    kind: z.enum(STAR_KINDS).describe('unit：单位之星；cadre：干部之星'),
    unitId: z.number(),
    unitName: z.string(),
    personId: z.number().nullable(),
    personName: z.string().nullable(),
    personTitle: z.string().nullable(),
    citation: z.string().describe('事迹'),
    evidence: z.string().describe('佐证材料'),
    status: z.enum(STAR_STATUSES),
    reviewReason: z.string().describe('入围或不予入围的理由'),
    method: z.enum(STAR_DECISION_METHODS).nullable().describe('评定方式：meeting 会议研究；vote 投票表决'),
    votesFor: z.number().nullable(),
    votesAgainst: z.number().nullable(),
    votesAbstain: z.number().nullable(),
    decisionNote: z.string(),
    nominatedAt: z.string(),
    nominatorName: z.string(),
    decidedAt: z.string().nullable(),
    version: z.number(),
  })
  .openapi('StarNomination');

const present = (r: NominationRow): z.infer<typeof Nomination> => ({
  id: r.n.id,
  period: r.n.period,
  kind: r.n.kind,
  unitId: r.n.unitId,
  unitName: r.unitName,
  personId: r.n.personId,
  personName: r.personName,
  personTitle: r.personTitle,
  citation: r.n.citation,
  evidence: r.n.evidence,
  status: r.n.status,
  reviewReason: r.n.reviewReason,
  method: r.n.method,
  votesFor: r.n.votesFor,
  votesAgainst: r.n.votesAgainst,
  votesAbstain: r.n.votesAbstain,
  decisionNote: r.n.decisionNote,
  nominatedAt: r.n.nominatedAt.toISOString(),
  nominatorName: r.nominatorName ?? '',
  decidedAt: r.n.decidedAt?.toISOString() ?? null,
  version: r.n.version,
});

const Month = z
  .object({
    period: z.string(),
    closed: z.boolean().describe('已定案：不能再推荐、入围或评定'),
    closedAt: z.string().nullable(),
    settings: Settings,
    awarded: z.object({ unit: z.number(), cadre: z.number() }).describe('本月已评的单位之星、干部之星个数'),
    items: z.array(Nomination).describe('本月的推荐；单位账号只看本单位的推荐和全部获评的'),
  })
  .openapi('StarMonth');

const presentMonth = (m: Awaited<ReturnType<typeof service.monthStars>>): z.infer<typeof Month> => ({
  period: m.period,
  closed: m.closed,
  closedAt: m.closedAt?.toISOString() ?? null,
  settings: m.settings,
  awarded: m.awarded,
  items: m.items.map(present),
});

const Highlight = z
  .object({
    id: z.number(),
    cycle: z.enum(HIGHLIGHT_CYCLES).describe('month：月度；half_year：半年'),
    period: z.string().describe('YYYY-MM，或半年 YYYY-H1 / YYYY-H2'),
    unitId: z.number(),
    unitName: z.string(),
    title: z.string(),
    description: z.string(),
    evidence: z.string(),
    status: z.enum(HIGHLIGHT_STATUSES),
    reason: z.string().describe('评选理由'),
    nominatedAt: z.string(),
    nominatorName: z.string(),
    decidedAt: z.string().nullable(),
    version: z.number(),
  })
  .openapi('HighlightNomination');

const presentHighlight = (r: HighlightRow): z.infer<typeof Highlight> => ({
  id: r.h.id,
  cycle: r.h.cycle,
  period: r.h.period,
  unitId: r.h.unitId,
  unitName: r.unitName,
  title: r.h.title,
  description: r.h.description,
  evidence: r.h.evidence,
  status: r.h.status,
  reason: r.h.reason,
  nominatedAt: r.h.nominatedAt.toISOString(),
  nominatorName: r.nominatorName ?? '',
  decidedAt: r.h.decidedAt?.toISOString() ?? null,
  version: r.h.version,
});

export const starRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/stars/settings',
      tags,
      summary: '评星设置：每月单位之星、干部之星的上限',
      responses: { 200: jsonResponse(Settings, '评星设置'), ...errorResponses },
    }),
    async (c) => c.json(await service.getSettings(c.get('deps'), actingUser(c).actor), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/stars/settings',
      tags,
      summary: '修改评星设置（督查室）',
      request: jsonBody(Settings),
      responses: { 200: jsonResponse(Settings, '已保存'), ...errorResponses },
    }),
    async (c) => c.json(await service.updateSettings(c.get('deps'), actingUser(c), c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stars/months',
      tags,
      summary: '有之星推荐的月份',
      responses: { 200: jsonResponse(z.object({ items: z.array(z.object({ period: z.string(), closed: z.boolean() })) }), '月份'), ...errorResponses },
    }),
    async (c) => {
      const rows = await service.listMonths(c.get('deps'), actingUser(c).actor);
      return c.json({ items: rows.map((r) => ({ period: r.period, closed: r.closedAt !== null })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stars/months/{period}',
      tags,
      summary: '一个月的之星推荐、入围和评定结果',
      request: { params: PeriodParam },
      responses: { 200: jsonResponse(Month, '本月评星'), ...errorResponses },
    }),
    async (c) => c.json(presentMonth(await service.monthStars(c.get('deps'), actingUser(c).actor, c.req.valid('param').period)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stars/months/{period}/close',
      tags,
      summary: '评星定案（督查室）：此后该月不能再推荐、入围或评定',
      request: { params: PeriodParam },
      responses: { 200: jsonResponse(Month, '已定案'), ...errorResponses },
    }),
    async (c) => c.json(presentMonth(await service.closeMonth(c.get('deps'), actingUser(c), c.req.valid('param').period)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stars/nominations',
      tags,
      summary: '推荐单位之星或干部之星（单位为本单位或本单位干部；督查室可推荐任何单位）',
      request: jsonBody(
        z.object({
          period: z.string().max(20).describe('YYYY-MM：本月或上月'),
          kind: z.enum(STAR_KINDS),
          unitId: Id,
          personId: Id.nullable().optional().describe('干部之星：被推荐的干部'),
          citation: Text(4000, '事迹'),
          evidence: Text(4000, '佐证材料'),
        }),
      ),
      responses: { 201: jsonResponse(Nomination, '已推荐'), ...errorResponses },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(present(await service.nominate(c.get('deps'), actingUser(c), { ...input, personId: input.personId ?? null })), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stars/nominations/{id}/shortlist',
      tags,
      summary: '入围（督查室）',
      request: { params: IdParam, ...jsonBody(z.object({ version: VersionField, reason: Text(4000, '理由').optional() })) },
      responses: { 200: jsonResponse(Nomination, '已入围'), ...errorResponses },
    }),
    async (c) => c.json(present(await service.shortlist(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stars/nominations/{id}/reject',
      tags,
      summary: '不予入围（督查室，须填理由）',
      request: { params: IdParam, ...jsonBody(z.object({ version: VersionField, reason: Text(4000, '理由') })) },
      responses: { 200: jsonResponse(Nomination, '未入围'), ...errorResponses },
    }),
    async (c) => c.json(present(await service.reject(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stars/nominations/{id}/decide',
      tags,
      summary: '评定（督查室记录会议研究或投票表决的结果；投票须填票数，赞成票过半方可评为之星；超过每月上限的不能评）',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            version: VersionField,
            award: z.boolean().describe('true：评为之星；false：未获评'),
            method: z.enum(STAR_DECISION_METHODS),
            votesFor: Int4.nullable().optional(),
            votesAgainst: Int4.nullable().optional(),
            votesAbstain: Int4.nullable().optional(),
            note: Text(4000, '说明').optional(),
          }),
        ),
      },
      responses: { 200: jsonResponse(Nomination, '已评定'), ...errorResponses },
    }),
    async (c) => c.json(present(await service.decide(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stars/honours',
      tags,
      summary: '荣誉：一个单位获评的之星和入选的亮点工作，或一名干部获评的干部之星',
      request: {
        query: z.object({
          unitId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
          personId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
        }),
      },
      responses: { 200: jsonResponse(z.object({ stars: z.array(Nomination), highlights: z.array(Highlight) }), '荣誉'), ...errorResponses },
    }),
    async (c) => {
      const h = await service.honours(c.get('deps'), actingUser(c).actor, c.req.valid('query'));
      return c.json({ stars: h.stars.map(present), highlights: h.highlights.map(presentHighlight) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/highlights',
      tags,
      summary: '亮点工作推荐与评选（单位账号只看本单位的）',
      request: { query: z.object({ cycle: z.enum(HIGHLIGHT_CYCLES).optional(), period: z.string().max(20).optional() }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(Highlight) }), '亮点工作'), ...errorResponses },
    }),
    async (c) => c.json({ items: (await service.listHighlights(c.get('deps'), actingUser(c).actor, c.req.valid('query'))).map(presentHighlight) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/highlights',
      tags,
      summary: '推荐亮点工作（单位，月度或半年）',
      request: jsonBody(
        z.object({
          cycle: z.enum(HIGHLIGHT_CYCLES),
          period: z.string().max(20),
          unitId: Id,
          title: Text(200, '名称'),
          description: Text(4000, '做法和成效'),
          evidence: Text(4000, '佐证材料'),
        }),
      ),
      responses: { 201: jsonResponse(Highlight, '已推荐'), ...errorResponses },
    }),
    async (c) => c.json(presentHighlight(await service.nominateHighlight(c.get('deps'), actingUser(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/highlights/{id}/decide',
      tags,
      summary: '评选亮点工作（督查室，入选或不入选，须填理由）',
      request: { params: IdParam, ...jsonBody(z.object({ version: VersionField, select: z.boolean(), reason: Text(4000, '理由') })) },
      responses: { 200: jsonResponse(Highlight, '已评选'), ...errorResponses },
    }),
    async (c) => c.json(presentHighlight(await service.decideHighlight(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  );
