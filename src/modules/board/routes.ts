import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, IdParam, jsonBody, jsonResponse } from '../../http.js';
import * as service from './service.js';
import type { BoardTokenRow } from './store.js';

const tags = ['公示电子屏'];

const BoardToken = z
  .object({
    id: z.number(),
    name: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('BoardToken');
const presentToken = (r: BoardTokenRow): z.infer<typeof BoardToken> => ({
  id: r.id,
  name: r.name,
  createdAt: r.createdAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

const Light = z.enum(['red', 'yellow', 'green']);
const Board = z
  .object({
    today: z.string(),
    updatedAt: z.string(),
    totals: z.object({ red: z.number(), yellow: z.number(), green: z.number() }).describe('屏上各灯色的重大事项和重点项目数'),
    units: z.array(
      z.object({
        unitName: z.string(),
        tiles: z.array(
          z.object({
            title: z.string(),
            colour: Light.describe('red：逾期；yellow：临期或节点滞后；green：正常推进或已完成'),
            deadline: z.string(),
            closedOn: z.string().nullable(),
            leaderName: z.string().nullable().describe('牵头县领导'),
          }),
        ),
      }),
    ),
    projects: z
      .array(
        z.object({
          unitName: z.string().describe('牵头单位'),
          tiles: z.array(
            z.object({
              name: z.string(),
              colour: Light.describe('red：工序逾期；yellow：工序临期；green：按计划推进或已完工'),
              lateSteps: z.number().describe('已过时间节点而未完成的工序数'),
              leaderName: z.string().nullable().describe('牵头县领导'),
            }),
          ),
        }),
      )
      .describe('重点项目按牵头单位的红黄绿灯'),
  })
  .openapi('PublicBoard');

export const boardRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/board',
      tags,
      summary: '公示电子屏：重大事项和重点项目按单位的红黄绿灯（凭电子屏令牌，无需登录；只含事项、项目、单位和领导姓名）',
      security: [],
      request: {
        headers: z.object({ 'x-board-token': z.string().max(200).optional().describe('电子屏令牌（由督查室生成）') }),
      },
      responses: { 200: jsonResponse(Board, '电子屏内容'), ...errorResponses },
    }),
    async (c) => {
      const b = await service.board(c.get('deps'), c.req.valid('header')['x-board-token']);
      return c.json(
        {
          today: b.today,
          updatedAt: b.updatedAt.toISOString(),
          totals: b.totals,
          units: b.units.map((u) => ({
            unitName: u.unitName,
            tiles: u.tiles.map((t) => ({ title: t.title, colour: t.colour, deadline: t.deadline, closedOn: t.closedOn, leaderName: t.leaderName })),
          })),
          projects: b.projects.map((u) => ({
            unitName: u.unitName,
            tiles: u.tiles.map((t) => ({ name: t.name, colour: t.colour, lateSteps: t.lateSteps, leaderName: t.leaderName })),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/board-tokens',
      tags,
      summary: '电子屏令牌列表（含已撤销的）',
      responses: { 200: jsonResponse(z.array(BoardToken), '令牌'), ...errorResponses },
    }),
    async (c) => c.json((await service.listBoardTokens(c.get('deps'), actingUser(c).actor)).map(presentToken), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/board-tokens',
      tags,
      summary: '生成电子屏令牌：令牌只在此次返回，系统只保存其摘要',
      request: jsonBody(z.object({ name: z.string().max(200) })),
      responses: { 201: jsonResponse(BoardToken.extend({ token: z.string().describe('令牌，仅此一次显示') }), '新令牌'), ...errorResponses },
    }),
    async (c) => {
      const { row, token } = await service.createBoardToken(c.get('deps'), actingUser(c), c.req.valid('json'));
      return c.json({ ...presentToken(row), token }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/board-tokens/{id}/revoke',
      tags,
      summary: '撤销电子屏令牌：此后凭它打开电子屏被拒绝',
      request: { params: IdParam },
      responses: { 200: jsonResponse(BoardToken, '已撤销'), ...errorResponses },
    }),
    async (c) => c.json(presentToken(await service.revokeBoardToken(c.get('deps'), actingUser(c), c.req.valid('param').id)), 200),
  );
