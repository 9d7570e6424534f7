import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, ErrorBody, errorResponses, Id, IdParam, jsonBody, jsonResponse, QueryId, VersionField } from '../../http.js';
import { COLOUR_LABELS, COLOURS, STATUS_LABELS, TASK_STATUSES } from '../../shared/labels.js';
import * as service from './service.js';

const tags = ['舆论督办'];
const Binary = z.any().openapi({ type: 'string', format: 'binary' });

// What the public sees: no responsible person, no phone, no report text.
const PublicItem = z
  .object({
    id: z.number(),
    title: z.string(),
    unitName: z.string(),
    leaderName: z.string().nullable(),
    deadline: z.string(),
    status: z.enum(TASK_STATUSES),
    colour: z.enum(COLOURS),
    progress: z.string(),
    photoIds: z.array(z.number()),
    markedAt: z.string(),
  })
  .openapi('PublicItem');
const presentPublic = (i: service.PublicItem): z.infer<typeof PublicItem> => ({
  id: i.id,
  title: i.title,
  unitName: i.unitName,
  leaderName: i.leaderName,
  deadline: i.deadline,
  status: i.status,
  colour: i.colour,
  progress: i.progress,
  photoIds: i.photoIds,
  markedAt: i.markedAt.toISOString(),
});

const Marked = PublicItem.extend({ taskId: z.number(), active: z.boolean(), version: z.number() }).openapi('DisclosureItem');
const presentMarked = (i: service.PublicItem): z.infer<typeof Marked> => ({ ...presentPublic(i), taskId: i.taskId, active: i.active, version: i.version });

const TaskParam = z.object({ id: QueryId.openapi({ param: { name: 'id', in: 'path' } }) });
const PhotoParam = IdParam.extend({ photoId: QueryId.openapi({ param: { name: 'photoId', in: 'path' } }) });
const publicResponses = { 404: { description: '不存在', content: { 'application/json': { schema: ErrorBody } } } };

// Public routes (no session, see app.ts PUBLIC_PREFIX): the progress page's data, its RSS feed, and chosen photos.
export const publicRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/public/progress',
      tags,
      security: [],
      summary: '公开的重点工作进展（无需登录；仅督查室标记公开的事项）',
      responses: { 200: jsonResponse(z.object({ items: z.array(PublicItem) }), '公开事项') },
    }),
    async (c) => c.json({ items: (await service.publicItems(c.get('deps'))).map(presentPublic) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/public/progress.rss',
      tags,
      security: [],
      summary: '公开事项的 RSS 订阅（供政府网站）',
      responses: { 200: { description: 'RSS 2.0', content: { 'application/rss+xml': { schema: Binary } } } },
    }),
    async (c) => {
      const base = new URL(c.req.url).origin;
      const body = service.rss(await service.publicItems(c.get('deps')), base, { status: STATUS_LABELS, colour: COLOUR_LABELS });
      return c.body(body, 200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/public/progress/{id}/photos/{photoId}',
      tags,
      security: [],
      summary: '公开事项的照片（缩略图，不含拍摄信息）',
      request: { params: PhotoParam },
      responses: { 200: { description: '图片', content: { 'application/octet-stream': { schema: Binary } } }, ...publicResponses },
    }),
    async (c) => {
      const { id, photoId } = c.req.valid('param');
      const { mime, body } = await service.publicPhoto(c.get('deps'), id, photoId);
      return c.body(body, 200, { 'Content-Type': mime, 'X-Content-Type-Options': 'nosniff' });
    },
  );

export const disclosureRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/disclosures',
      tags,
      summary: '标记公开的事项（督查室）',
      responses: { 200: jsonResponse(z.object({ items: z.array(Marked) }), '公开事项'), ...errorResponses },
    }),
    async (c) => c.json({ items: (await service.listMarked(c.get('deps'), actingUser(c).actor)).map(presentMarked) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks/{id}/disclosure/images',
      tags,
      summary: '可公开的事项图片（督查室选择公开照片）',
      request: { params: TaskParam },
      responses: { 200: jsonResponse(z.object({ items: z.array(z.object({ id: z.number(), fileName: z.string() })) }), '图片'), ...errorResponses },
    }),
    async (c) => c.json({ items: await service.images(c.get('deps'), actingUser(c).actor, c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/tasks/{id}/disclosure',
      tags,
      summary: '标记事项公开（或修改公开的进展和照片）；含电话号码或身份证号码的不能公开（督查室）',
      request: {
        params: TaskParam,
        ...jsonBody(
          z.object({
            summary: z.string().max(1000, '公开的进展不能超过 1000 字'),
            photoIds: z.array(Id).max(9, '最多公开 9 张照片').default([]),
            version: z.number().int().min(0).max(2_147_483_647).describe('首次标记为 0'),
          }),
        ),
      },
      responses: { 200: jsonResponse(Marked, '已标记公开'), ...errorResponses },
    }),
    async (c) => c.json(presentMarked(await service.mark(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/disclosure/withdraw',
      tags,
      summary: '撤下公开（督查室）',
      request: { params: TaskParam, ...jsonBody(z.object({ version: VersionField })) },
      responses: { 200: jsonResponse(Marked, '已撤下'), ...errorResponses },
    }),
    async (c) => c.json(presentMarked(await service.withdraw(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json').version)), 200),
  );
