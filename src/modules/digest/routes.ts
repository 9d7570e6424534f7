import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, Id, IdParam, jsonBody, jsonResponse, PageQuery, VersionField } from '../../http.js';
import { CHANNEL_KINDS } from '../notify/channels.js';
import * as service from './service.js';
import type { WorkGroupRow } from './store.js';

const tags = ['微信亮绩'];

const Named = z.object({ id: z.number(), name: z.string() });
const WorkGroup = z
  .object({
    id: z.number(),
    name: z.string(),
    channelId: z.number().nullable().describe('工作群机器人（通知渠道）；为空时只发到成员的消息中心'),
    sendAt: z.string().describe('每个工作日的发送时间（HH:MM）'),
    active: z.boolean(),
    units: z.array(Named).describe('关注的单位：其牵头或配合的事项进入日报'),
    people: z.array(Named).describe('成员：在消息中心收到日报'),
    version: z.number(),
  })
  .openapi('WorkGroup');
const WorkGroups = z
  .object({
    groups: z.array(WorkGroup),
    channels: z.array(z.object({ id: z.number(), name: z.string(), kind: z.enum(CHANNEL_KINDS), active: z.boolean() })),
  })
  .openapi('WorkGroups');
const WorkGroupInput = z.object({
  name: z.string().max(200),
  channelId: Id.nullable(),
  sendAt: z.string().max(10),
  active: z.boolean(),
  unitIds: z.array(Id).max(500),
  personIds: z.array(Id).max(2000),
});
const Digest = z
  .object({
    id: z.number(),
    day: z.string(),
    title: z.string(),
    body: z.string(),
    closedToday: z.number(),
    dueTomorrow: z.number(),
    red: z.number(),
    highlights: z.number(),
    createdAt: z.string(),
  })
  .openapi('Digest');

const presentGroup = (g: WorkGroupRow, units: { id: number; name: string }[] = [], people: { id: number; name: string }[] = []) => ({
  id: g.id,
  name: g.name,
  channelId: g.channelId,
  sendAt: g.sendAt,
  active: g.active,
  units,
  people,
  version: g.version,
});

export const digestRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/work-groups',
      tags,
      summary: '工作群及其单位、成员，和可选的通知渠道',
      responses: { 200: jsonResponse(WorkGroups, '工作群'), ...errorResponses },
    }),
    async (c) => {
      const r = await service.listWorkGroups(c.get('deps'), actingUser(c).actor);
      return c.json(
        {
          groups: r.groups.map((g) => presentGroup(g, g.units, g.people)),
          channels: r.channels.map((ch) => ({ id: ch.id, name: ch.name, kind: ch.kind, active: ch.active })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/work-groups',
      tags,
      summary: '新建工作群',
      request: jsonBody(WorkGroupInput),
      responses: { 201: jsonResponse(WorkGroup, '已新建'), ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const g = await service.createWorkGroup(c.get('deps'), actingUser(c), body);
      return c.json(presentGroup(g), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/work-groups/{id}',
      tags,
      summary: '修改工作群（名称、机器人、发送时间、单位和成员）',
      request: { params: IdParam, ...jsonBody(WorkGroupInput.extend({ version: VersionField })) },
      responses: { 200: jsonResponse(WorkGroup, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(presentGroup(await service.updateWorkGroup(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/work-groups/{id}/digests',
      tags,
      summary: '工作群已发送的日报，新的在前',
      request: { params: IdParam, query: z.object(PageQuery) },
      responses: { 200: jsonResponse(z.object({ total: z.number(), items: z.array(Digest) }), '日报'), ...errorResponses },
    }),
    async (c) => {
      const r = await service.listGroupDigests(c.get('deps'), actingUser(c).actor, c.req.valid('param').id, c.req.valid('query'));
      return c.json(
        {
          total: r.total,
          items: r.items.map((d) => ({
            id: d.id,
            day: d.day,
            title: d.title,
            body: d.body,
            closedToday: d.closedToday,
            dueTomorrow: d.dueTomorrow,
            red: d.red,
            highlights: d.highlights,
            createdAt: d.createdAt.toISOString(),
          })),
        },
        200,
      );
    },
  );
