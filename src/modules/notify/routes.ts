import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, BoolQuery, createRouter, errorResponses, IdParam, jsonBody, jsonResponse, PageQuery, VersionField } from '../../http.js';
import { CHANNEL_KINDS, withoutSecrets } from './channels.js';
import type { notifications, notifyChannels } from './schema.js';
import * as service from './service.js';

const MessageSchema = z
  .object({
    id: z.number(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('InboxMessage');
const presentMessage = (m: typeof notifications.$inferSelect) => ({
  id: m.id,
  kind: m.kind,
  title: m.title,
  body: m.body,
  link: m.link,
  createdAt: m.createdAt.toISOString(),
  readAt: m.readAt?.toISOString() ?? null,
});

const ChannelKind = z.enum(CHANNEL_KINDS).describe('wecom 企业微信群机器人, dingtalk 钉钉群机器人, feishu 飞书群机器人, email 电子邮件');
const EmailSettingsInput = z
  .object({
    host: z.string().trim().max(200),
    port: z.number().int().min(1).max(65_535),
    secure: z.boolean().describe('true：直接 TLS（一般为 465 端口）'),
    user: z.string().trim().max(200),
    pass: z.string().max(200).describe('只写：读取时不返回，省略则保留原密码'),
    from: z.string().trim().max(200),
  })
  .partial()
  .describe('仅电子邮件渠道：SMTP 服务器、端口、账号和发件人');
const Target = z.string().trim().min(1, '请填写 Webhook 地址或收件人').max(2000).describe('Webhook 地址；电子邮件为收件人，逗号分隔');

const ChannelSchema = z
  .object({
    id: z.number(),
    kind: ChannelKind,
    name: z.string(),
    target: z.string(),
    settings: z.record(z.string(), z.unknown()).describe('电子邮件渠道的 SMTP 设置；密码不返回，hasPass 表示是否已设置'),
    active: z.boolean(),
    version: z.number(),
    updatedAt: z.string(),
  })
  .openapi('NotifyChannel');
const presentChannel = (row: typeof notifyChannels.$inferSelect) => {
  const c = withoutSecrets(row);
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    target: c.target,
    settings: c.settings,
    active: c.active,
    version: c.version,
    updatedAt: c.updatedAt.toISOString(),
  };
};

const tags = ['消息通知'];

export const notifyRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/inbox',
      tags,
      summary: '我的站内消息',
      request: { query: z.object({ unread: BoolQuery, ...PageQuery }) },
      responses: {
        200: jsonResponse(z.object({ items: z.array(MessageSchema), total: z.number(), unread: z.number() }), '消息'),
        400: errorResponses[400],
        401: errorResponses[401],
        403: errorResponses[403],
      },
    }),
    async (c) => {
      const page = await service.listInbox(c.get('deps'), actingUser(c).actor, c.req.valid('query'));
      return c.json({ ...page, items: page.items.map(presentMessage) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/inbox/unread-count',
      tags,
      summary: '未读消息数',
      responses: { 200: jsonResponse(z.object({ unread: z.number() }), '未读数'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => c.json({ unread: await service.unreadCount(c.get('deps'), actingUser(c).actor) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/inbox/{id}/read',
      tags,
      summary: '标记一条消息已读',
      request: { params: IdParam },
      responses: { 200: jsonResponse(MessageSchema, '已读'), 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
    }),
    async (c) => c.json(presentMessage(await service.markRead(c.get('deps'), actingUser(c).actor, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/inbox/read-all',
      tags,
      summary: '全部标记已读',
      responses: { 200: jsonResponse(z.object({ updated: z.number() }), '已标记的条数'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => c.json({ updated: await service.markAllRead(c.get('deps'), actingUser(c).actor) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/notify/channels',
      tags,
      summary: '通知渠道列表（系统管理员）',
      responses: { 200: jsonResponse(z.object({ items: z.array(ChannelSchema) }), '渠道'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => c.json({ items: (await service.listChannels(c.get('deps'), actingUser(c).actor)).map(presentChannel) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/notify/channels',
      tags,
      summary: '新增通知渠道',
      request: jsonBody(
        z.object({
          kind: ChannelKind,
          name: z.string().trim().min(1, '名称不能为空').max(100),
          target: Target,
          settings: EmailSettingsInput.optional(),
          active: z.boolean().optional(),
        }),
      ),
      responses: { 201: jsonResponse(ChannelSchema, '已创建'), ...errorResponses },
    }),
    async (c) => c.json(presentChannel(await service.createChannel(c.get('deps'), actingUser(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/notify/channels/{id}',
      tags,
      summary: '修改通知渠道（类型不可改）',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            version: VersionField,
            name: z.string().trim().min(1, '名称不能为空').max(100).optional(),
            target: Target.optional(),
            settings: EmailSettingsInput.optional(),
            active: z.boolean().optional(),
          }),
        ),
      },
      responses: { 200: jsonResponse(ChannelSchema, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(presentChannel(await service.updateChannel(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/notify/channels/{id}/test',
      tags,
      summary: '发送测试消息（排入发送队列）',
      request: { params: IdParam },
      responses: { 202: jsonResponse(z.object({ deliveryId: z.number() }), '已排队'), ...errorResponses },
    }),
    async (c) => c.json(await service.testChannel(c.get('deps'), actingUser(c), c.req.valid('param').id), 202),
  );
