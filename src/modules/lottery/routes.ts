import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, IdParam, Int4, jsonBody, jsonResponse, monthText } from '../../http.js';
import { REVIEW_GROUPS } from '../../shared/labels.js';
import { PUBLIC_INPUT_MAX } from './rules.js';
import * as service from './service.js';

const tags = ['抽签述职'];

const Group = z.enum(REVIEW_GROUPS).describe('town：乡镇（街道）；county_unit：县直单位');

const LotterySettings = z
  .object({
    towns: Int4.describe('每月抽取的乡镇（街道）数'),
    countyUnits: Int4.describe('每月抽取的县直单位数'),
    excludeMonths: Int4.describe('回避月数 N：前 N 个月已抽中的单位不作为候选'),
    version: Int4.min(0).describe('乐观锁版本号：读取时的 version（0 表示尚未保存过，取默认值）'),
  })
  .openapi('LotterySettings');

const Verification = z
  .object({
    ok: z.boolean().describe('承诺值和（已抽签时）结果都与重新计算的一致'),
    commitmentOk: z.boolean(),
    resultOk: z.boolean().nullable().describe('尚未抽签时为 null'),
    expectedCommitment: z.string(),
    problems: z.array(z.string()),
  })
  .openapi('LotteryVerification');

const Draw = z
  .object({
    id: z.number(),
    period: z.string(),
    state: z.enum(['committed', 'drawn']).describe('committed：已公布候选名单和承诺值；drawn：已抽签'),
    towns: z.number(),
    countyUnits: z.number(),
    excludeMonths: z.number(),
    candidates: z.array(z.object({ unitId: z.number(), unitName: z.string(), group: Group })).describe('冻结的候选名单，按单位 id 排序'),
    commitment: z.string().describe('承诺值：SHA-256(规范串)，抽签前公布'),
    seed: z.string().nullable().describe('种子（32 字节，十六进制）；抽签前保密，为 null'),
    publicInput: z.string().nullable().describe('现场公开数字；尚未抽签时为 null'),
    result: z
      .array(z.object({ unitId: z.number(), unitName: z.string(), group: Group, order: z.number() }))
      .nullable()
      .describe('抽中的单位，各组按抽出顺序；尚未抽签时为 null'),
    committedAt: z.string(),
    committedBy: z.string(),
    drawnAt: z.string().nullable(),
    drawnBy: z.string().nullable(),
    verification: Verification,
  })
  .openapi('LotteryDraw');

const presentVerification = (v: service.DrawView['verification']): z.infer<typeof Verification> => ({
  ok: v.ok,
  commitmentOk: v.commitmentOk,
  resultOk: v.resultOk,
  expectedCommitment: v.expectedCommitment,
  problems: v.problems,
});

const present = ({ draw, candidates, verification }: service.DrawView): z.infer<typeof Draw> => {
  const names = new Map(candidates.map((c) => [c.unitId, c.unitName]));
  const drawn = draw.state === 'drawn';
  return {
    id: draw.id,
    period: draw.period,
    state: draw.state,
    towns: draw.towns,
    countyUnits: draw.countyUnits,
    excludeMonths: draw.excludeMonths,
    candidates: candidates.map((c) => ({ unitId: c.unitId, unitName: c.unitName, group: c.group })),
    commitment: draw.commitment,
    // The seed is the secret of step 1: shown only once the draw has revealed it.
    seed: drawn ? draw.seed : null,
    publicInput: drawn ? draw.publicInput : null,
    result:
      drawn && draw.result
        ? REVIEW_GROUPS.flatMap((group) => (draw.result![group] ?? []).map((unitId, i) => ({ unitId, unitName: names.get(unitId) ?? '', group, order: i + 1 })))
        : null,
    committedAt: draw.committedAt.toISOString(),
    committedBy: draw.committedBy,
    drawnAt: draw.drawnAt?.toISOString() ?? null,
    drawnBy: draw.drawnBy,
    verification: presentVerification(verification),
  };
};

const PeriodParam = z.object({
  period: monthText().openapi({ param: { name: 'period', in: 'path' }, example: '2026-03' }),
});

export const lotteryRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/lottery/settings',
      tags,
      summary: '抽签设置：每月抽取的乡镇（街道）数、县直单位数和回避月数',
      responses: { 200: jsonResponse(LotterySettings, '设置'), ...errorResponses },
    }),
    async (c) => c.json(await service.getSettings(c.get('deps'), actingUser(c).actor), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/lottery/settings',
      tags,
      summary: '修改抽签设置（督查室）；已公布的月份不受影响',
      request: jsonBody(LotterySettings),
      responses: { 200: jsonResponse(LotterySettings, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(await service.updateSettings(c.get('deps'), actingUser(c), c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/lottery/draws',
      tags,
      summary: '各月抽签：候选名单、承诺值、结果和校验情况，按月份倒序（每月一条，全部列出）',
      responses: { 200: jsonResponse(z.object({ items: z.array(Draw) }), '抽签列表'), ...errorResponses },
    }),
    async (c) => c.json({ items: (await service.listDraws(c.get('deps'), actingUser(c).actor)).map(present) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/lottery/draws/{id}',
      tags,
      summary: '一次抽签',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Draw, '抽签'), ...errorResponses },
    }),
    async (c) => c.json(present(await service.getDraw(c.get('deps'), actingUser(c).actor, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/lottery/draws/{id}/verify',
      tags,
      summary: '校验一次抽签：按保存的种子、候选名单和抽取数重新计算承诺值和结果，与保存的比对',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Verification, '校验结果'), ...errorResponses },
    }),
    async (c) => c.json(presentVerification((await service.getDraw(c.get('deps'), actingUser(c).actor, c.req.valid('param').id)).verification), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/lottery/months/{period}/commit',
      tags,
      summary: '第一步（督查室，会前）：冻结该月候选名单，生成保密种子并公布其承诺值',
      request: { params: PeriodParam },
      responses: { 201: jsonResponse(Draw, '已公布'), ...errorResponses },
    }),
    async (c) => c.json(present(await service.commitDraw(c.get('deps'), actingUser(c), c.req.valid('param').period)), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/lottery/months/{period}/draw',
      tags,
      summary: '第二步（督查室，会上）：混入现场公开数字，公开种子并计算抽签结果',
      request: {
        params: PeriodParam,
        ...jsonBody(
          z.object({
            publicInput: z
              .string()
              .max(PUBLIC_INPUT_MAX * 2)
              .nullable()
              .optional()
              .describe(`现场公开数字（如会上当场宣读的号码末几位），可不填；去掉首尾空格后不超过 ${PUBLIC_INPUT_MAX} 个字符`),
          }),
        ),
      },
      responses: { 200: jsonResponse(Draw, '已抽签'), ...errorResponses },
    }),
    async (c) =>
      c.json(present(await service.makeDraw(c.get('deps'), actingUser(c), c.req.valid('param').period, c.req.valid('json').publicInput ?? null)), 200),
  );
