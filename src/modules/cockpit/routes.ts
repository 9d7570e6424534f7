import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, jsonResponse } from '../../http.js';
import { COLOURS, REVIEW_GROUPS } from '../../shared/labels.js';
import * as service from './service.js';

const tags = ['领导驾驶舱'];

const Colours = z.object({ red: z.number(), yellow: z.number(), blue: z.number(), green: z.number(), grey: z.number() });
const Cockpit = z
  .object({
    today: z.string(),
    period: z.string().describe('本月（YYYY-MM）'),
    county: z.boolean().describe('是否为全县（领导只看分管单位及本人牵头的事项时为 false）'),
    total: z.number().describe('数据范围内的全部事项（与工作台账的总数一致）'),
    chased: z.number().describe('纳入督办的事项：不含草稿、退回交办、暂缓和撤销（灰灯）'),
    closed: z.number().describe('已销号'),
    closedOnTime: z.number().describe('按时销号'),
    closedLate: z.number().describe('逾期销号'),
    counts: Colours.describe('各亮灯颜色的事项数'),
    completionRate: z.number().nullable().describe('完成率（%，一位小数）：已销号÷纳入督办的事项'),
    onTimeRate: z.number().nullable().describe('按时完成率（%，一位小数）：按时销号÷纳入督办的事项'),
    overdueByUnit: z
      .array(z.object({ unitId: z.number(), unitName: z.string(), overdue: z.number() }))
      .describe('逾期未完成（红灯）事项最多的 12 个牵头单位及其事项数，多者在前（全部单位见工作台账）'),
    trend: z
      .array(
        z.object({
          period: z.string(),
          frozen: z.boolean(),
          issued: z.number(),
          closedOnTime: z.number(),
          closedLate: z.number(),
          overdue: z.number(),
          carried: z.number(),
          closeRate: z.number().nullable(),
          onTimeRate: z.number().nullable(),
        }),
      )
      .describe('近十二个月的月度指标合计（同“月度指标”）'),
    ranking: z
      .object({
        period: z.string(),
        rows: z.array(
          z.object({
            unitId: z.number(),
            unitName: z.string(),
            group: z.enum(REVIEW_GROUPS),
            rank: z.number(),
            score: z.number().describe('得分（百分之一分）'),
          }),
        ),
      })
      .nullable()
      .describe('最近一个已公布月份的排名（每组数据范围内名次最前的 8 个单位及其全县名次，全部见月度点评）；尚无公布月份时为 null'),
    sheets: z.object({ period: z.string(), total: z.number(), counts: z.record(z.string(), z.number()) }).describe('本月下发的督办单，按类型'),
    projects: z
      .object({
        total: z.number().describe('数据范围内的重点项目数'),
        counts: Colours.describe('各亮灯颜色的项目数（按工序的时间节点）'),
        totalInvestment: z.number().describe('计划总投资合计（万元）'),
        plannedThisYear: z.number().describe('本年计划投资合计（万元）'),
        doneThisYear: z.number().describe('本年完成投资合计（万元）'),
        cumulative: z.number().describe('累计完成投资合计（万元）'),
        yearRate: z.number().nullable().describe('本年投资完成率（%，一位小数）：本年完成÷本年计划'),
        rows: z.array(
          z.object({
            projectId: z.number(),
            name: z.string(),
            leadUnitName: z.string(),
            colour: z.enum(COLOURS),
            totalInvestment: z.number(),
            plannedThisYear: z.number(),
            doneThisYear: z.number(),
            cumulative: z.number(),
          }),
        ),
      })
      .describe('重点项目的投资进度和亮灯'),
  })
  .openapi('Cockpit');

type Result = Awaited<ReturnType<typeof service.cockpit>>;
const present = (r: Result): z.infer<typeof Cockpit> => ({
  today: r.today,
  period: r.period,
  county: r.county,
  total: r.total,
  chased: r.chased,
  closed: r.closed,
  closedOnTime: r.closedOnTime,
  closedLate: r.closedLate,
  counts: r.counts,
  completionRate: r.completionRate,
  onTimeRate: r.onTimeRate,
  overdueByUnit: r.overdueByUnit.map((u) => ({ unitId: u.unitId, unitName: u.unitName, overdue: u.overdue })),
  trend: r.trend.map((m) => ({
    period: m.period,
    frozen: m.frozen,
    issued: m.issued,
    closedOnTime: m.closedOnTime,
    closedLate: m.closedLate,
    overdue: m.overdue,
    carried: m.carried,
    closeRate: m.closeRate,
    onTimeRate: m.onTimeRate,
  })),
  ranking: r.ranking,
  sheets: r.sheets,
  projects: r.projects,
});

export const cockpitRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/cockpit',
    tags,
    summary: '领导驾驶舱：完成率、按时完成率、亮灯分布、各单位逾期、月度走势、排名、本月督办单和重点项目投资进度；领导只看分管单位',
    responses: { 200: jsonResponse(Cockpit, '驾驶舱数据'), ...errorResponses },
  }),
  async (c) => c.json(present(await service.cockpit(c.get('deps'), actingUser(c).actor)), 200),
);
