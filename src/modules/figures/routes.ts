import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, jsonResponse, monthText } from '../../http.js';
import * as service from './service.js';

const tags = ['月度指标'];

const figureFields = {
  issued: z.number().describe('交办数：属于本月的事项（本月计划及挂单转入），不含草稿和已撤销'),
  closedOnTime: z.number().describe('按时销号数：月末前销号且非逾期销号'),
  closedLate: z.number().describe('逾期销号数：月末前销号且销号申请提交晚于完成时限'),
  overdue: z.number().describe('逾期未完成数：月末仍未销号且已过完成时限（本月进行中时为今天之前）'),
  carried: z.number().describe('挂单数：本月未完成、挂单转入下月的事项'),
  closeRate: z.number().nullable().describe('完成率（%，一位小数）：（按时销号＋逾期销号）÷交办数；交办数为 0 时为 null'),
  onTimeRate: z.number().nullable().describe('按时完成率（%，一位小数）：按时销号÷交办数；交办数为 0 时为 null'),
};
const Figures = z.object(figureFields).openapi('MonthFigures');
const UnitFigures = z.object({ unitId: z.number(), unitName: z.string(), ...figureFields }).openapi('UnitMonthFigures');
const MonthlyFigures = z
  .object({
    period: z.string(),
    ended: z.boolean().describe('该月是否已结束'),
    frozen: z.boolean().describe('true：取自月末冻结的快照，此后的办理不再改变；false：按当前数据实时统计'),
    frozenAt: z.string().nullable(),
    county: z.boolean().describe('合计是否为全县（按数据范围只看部分单位时为 false）'),
    units: z.array(UnitFigures),
    total: Figures,
  })
  .openapi('MonthlyFigures');

const MonthlyTrend = z
  .object({
    county: z.boolean().describe('合计是否为全县（按数据范围只看部分单位时为 false）'),
    months: z.array(
      z.object({
        period: z.string(),
        ended: z.boolean().describe('该月是否已结束'),
        frozen: z.boolean().describe('true：取自月末冻结的快照；false：按当前数据实时统计'),
        total: Figures,
      }),
    ),
  })
  .openapi('MonthlyTrend');
const Month = monthText();

type Result = Awaited<ReturnType<typeof service.monthlyFigures>>;
const presentFigures = (f: Result['total']): z.infer<typeof Figures> => ({
  issued: f.issued,
  closedOnTime: f.closedOnTime,
  closedLate: f.closedLate,
  overdue: f.overdue,
  carried: f.carried,
  closeRate: f.closeRate,
  onTimeRate: f.onTimeRate,
});
const present = (r: Result): z.infer<typeof MonthlyFigures> => ({
  period: r.period,
  ended: r.ended,
  frozen: r.frozen,
  frozenAt: r.frozenAt?.toISOString() ?? null,
  county: r.county,
  units: r.units.map((u) => ({ unitId: u.unitId, unitName: u.unitName, ...presentFigures(u) })),
  total: presentFigures(r.total),
});

export const figureRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/figures/monthly',
      tags,
      summary:
        '月度指标：各牵头单位及合计的交办、按时销号、逾期销号、逾期未完成、挂单、完成率和按时完成率；已结束并冻结的月份取自快照（定义见 docs/figures.md）',
      request: {
        query: z.object({
          period: Month.optional().describe('月份（YYYY-MM），缺省为本月'),
        }),
      },
      responses: { 200: jsonResponse(MonthlyFigures, '月度指标'), ...errorResponses },
    }),
    async (c) => c.json(present(await service.monthlyFigures(c.get('deps'), actingUser(c).actor, c.req.valid('query').period)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/figures/trend',
      tags,
      summary: '月度走势：连续若干个月（至多 24 个月）的合计指标，一次请求；已冻结的月份取自快照',
      request: {
        query: z.object({
          from: Month.optional().describe('起始月份（YYYY-MM），缺省为截止月份及之前共六个月'),
          to: Month.optional().describe('截止月份（YYYY-MM），缺省为本月'),
        }),
      },
      responses: { 200: jsonResponse(MonthlyTrend, '月度走势'), ...errorResponses },
    }),
    async (c) => {
      const r = await service.monthlyTrend(c.get('deps'), actingUser(c).actor, c.req.valid('query'));
      return c.json(
        { county: r.county, months: r.months.map((m) => ({ period: m.period, ended: m.ended, frozen: m.frozen, total: presentFigures(m.total) })) },
        200,
      );
    },
  );
