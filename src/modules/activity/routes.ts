import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, jsonResponse, QueryId, requirePermission } from '../../http.js';
import { CALENDAR_SOURCES, DOT_COLOURS } from '../../shared/labels.js';
import { activityCalendar } from './service.js';

const Colour = z.enum(DOT_COLOURS).describe('red：未完成；blue：推进中；green：已完成');
const Dot = z
  .object({ id: z.number(), day: z.string(), title: z.string(), unitName: z.string(), colour: Colour, link: z.string().describe('本系统内的页面地址') })
  .openapi('CalendarDot');

export const activityRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/activity-calendar',
    tags: ['活动日历'],
    middleware: [requirePermission('activity.read')] as const,
    summary: '台账的月历或年历：每个事项按日期一个圆点（红 未完成、蓝 推进中、绿 已完成），数据范围内全部列出',
    request: {
      query: z.object({
        source: z.enum(CALENDAR_SOURCES).describe('tasks：工作台账（交办事项，按完成时限）；study：学习台账（按活动日期）'),
        year: z.coerce.number().int().min(2000).max(2100),
        month: z.coerce.number().int().min(1).max(12).optional().describe('不填为全年'),
        unitId: QueryId.optional(),
      }),
    },
    responses: {
      200: jsonResponse(
        z.object({
          from: z.string(),
          to: z.string(),
          today: z.string(),
          items: z.array(Dot),
          counts: z.object({ red: z.number(), blue: z.number(), green: z.number() }),
        }),
        '日历',
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const r = await activityCalendar(c.get('deps'), actingUser(c).actor, c.req.valid('query'));
    return c.json(
      {
        from: r.from,
        to: r.to,
        today: r.today,
        items: r.items.map((i) => ({ id: i.id, day: i.day, title: i.title, unitName: i.unitName, colour: i.colour, link: i.link })),
        counts: r.counts,
      },
      200,
    );
  },
);
