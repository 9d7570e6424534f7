import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, jsonResponse } from '../../http.js';
import { authorize } from '../../permissions.js';
import { objectNames } from './names.js';

const ObjectName = z.object({ type: z.string(), id: z.number(), name: z.string(), link: z.string().nullable() }).openapi('ObjectName');

export const lookupRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/audit/objects',
    tags: ['审计'],
    summary: '审计日志所涉对象的名称和页面（审计管理员）',
    request: {
      query: z.object({
        refs: z
          .string()
          .regex(/^([a-z_]+:\d{1,9})(,[a-z_]+:\d{1,9}){0,199}$/, '对象格式应为 类型:编号，以逗号分隔，最多 200 个')
          .optional()
          .describe('如 task:12,unit:3'),
      }),
    },
    responses: { 200: jsonResponse(z.object({ items: z.array(ObjectName) }), '对象名称'), ...errorResponses },
  }),
  async (c) => {
    authorize(actingUser(c).actor, 'audit.read');
    const refs = (c.req.valid('query').refs ?? '')
      .split(',')
      .filter(Boolean)
      .map((r) => {
        const [type, id] = r.split(':');
        return { type: type!, id: Number(id) };
      });
    return c.json({ items: await objectNames(c.get('deps').db, refs) }, 200);
  },
);
