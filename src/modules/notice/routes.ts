import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, Int4, jsonBody, jsonResponse } from '../../http.js';
import { REVIEW_GROUPS } from '../../shared/labels.js';
import { DOCX_TYPE } from '../../format.js';
import { PARAGRAPH_MAX } from './rules.js';
import * as service from './service.js';
import type { NoticeView } from './service.js';

const tags = ['月度通报'];

const PeriodParam = z.object({
  // The format (YYYY-MM) is checked by the service after the permission, so an unauthorised call learns nothing.
  period: z
    .string()
    .max(20)
    .openapi({ param: { name: 'period', in: 'path' }, example: '2026-02' }),
});
const Binary = z.any().openapi({ type: 'string', format: 'binary' });
const NoticeVersion = Int4.min(0, '版本号不能为负').describe('编辑时看到的版本号；从未保存过为 0');

const Rates = {
  issued: z.number(),
  closedOnTime: z.number(),
  closedLate: z.number(),
  overdue: z.number(),
  carried: z.number(),
  closeRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
};
const Paragraphs = z.object({
  opening: z.string().describe('开头：总体情况'),
  problems: z.string().describe('存在问题（每行一段）'),
  requirements: z.string().describe('下步要求（每行一段）'),
});
const Item = z.object({ taskId: z.number(), title: z.string(), deadline: z.string(), overdueDays: z.number().nullable() });
const Notice = z
  .object({
    period: z.string(),
    status: z.enum(['draft', 'issued']),
    version: z.number(),
    issueNumber: z.string(),
    title: z.string(),
    office: z.string(),
    issuedAt: z.string().nullable(),
    publishedAt: z.string(),
    paragraphs: Paragraphs,
    defaults: Paragraphs.describe('按本月数据生成的默认段落'),
    overview: z.object({ units: z.number(), unitsWithWork: z.number(), ...Rates }),
    groups: z.array(z.object({ group: z.enum(REVIEW_GROUPS), units: z.number(), unitsWithWork: z.number(), ...Rates })),
    rows: z.array(
      z.object({ unitId: z.number(), unitName: z.string(), group: z.enum(REVIEW_GROUPS), rank: z.number(), position: z.number(), score: z.number(), ...Rates }),
    ),
    bottom: z.array(z.object({ group: z.enum(REVIEW_GROUPS), confirmed: z.array(z.object({ unitId: z.number(), unitName: z.string() })) })),
    drawn: z.array(z.object({ unitId: z.number(), unitName: z.string(), group: z.enum(REVIEW_GROUPS), order: z.number() })),
    items: z.array(z.object({ unitId: z.number(), unitName: z.string(), overdue: z.array(Item), carried: z.array(Item) })),
    categories: z.array(z.object({ categoryId: z.number(), name: z.string(), ...Rates })),
  })
  .openapi('MonthNotice');

const counts = (r: z.infer<z.ZodObject<typeof Rates>>) => ({
  issued: r.issued,
  closedOnTime: r.closedOnTime,
  closedLate: r.closedLate,
  overdue: r.overdue,
  carried: r.carried,
  closeRate: r.closeRate,
  onTimeRate: r.onTimeRate,
});

const present = (n: NoticeView): z.infer<typeof Notice> => ({
  period: n.period,
  status: n.status,
  version: n.version,
  issueNumber: n.issueNumber,
  title: n.title,
  office: n.office,
  issuedAt: n.issuedAt?.toISOString() ?? null,
  publishedAt: n.publishedAt.toISOString(),
  paragraphs: n.paragraphs,
  defaults: n.defaults,
  overview: { units: n.overview.units, unitsWithWork: n.overview.unitsWithWork, ...counts(n.overview) },
  groups: n.groups.map((g) => ({ group: g.group, units: g.units, unitsWithWork: g.unitsWithWork, ...counts(g) })),
  rows: n.rows.map((r) => ({
    unitId: r.unitId,
    unitName: r.unitName,
    group: r.group,
    rank: r.rank,
    position: r.position,
    score: r.score / 100,
    ...counts(r),
  })),
  bottom: n.bottom.map((b) => ({ group: b.group, confirmed: (b.confirmed ?? []).map((u) => ({ unitId: u.unitId, unitName: u.unitName })) })),
  drawn: n.drawn.map((d) => ({ unitId: d.unitId, unitName: d.unitName, group: d.group, order: d.order })),
  items: n.items.map((u) => ({ unitId: u.unitId, unitName: u.unitName, overdue: u.overdue, carried: u.carried })),
  categories: n.categories.map((c) => ({ categoryId: c.categoryId, name: c.name, ...counts(c) })),
});

export const noticeRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/reviews/{period}/notice',
      tags,
      summary: '月度通报：已发布月份的总体情况、分组排名、末位表态、抽签述职、逾期和挂单事项、专项情况及通报正文；单位在印发后可查看',
      request: { params: PeriodParam },
      responses: { 200: jsonResponse(Notice, '月度通报'), ...errorResponses },
    }),
    async (c) => c.json(present(await service.readNotice(c.get('deps'), actingUser(c).actor, c.req.valid('param').period)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/reviews/{period}/notice',
      tags,
      summary: '保存通报正文（总体情况、存在问题、下步要求）；印发后不能修改',
      request: {
        params: PeriodParam,
        ...jsonBody(
          z.object({
            version: NoticeVersion,
            opening: z.string().max(PARAGRAPH_MAX),
            problems: z.string().max(PARAGRAPH_MAX),
            requirements: z.string().max(PARAGRAPH_MAX),
          }),
        ),
      },
      responses: { 200: jsonResponse(z.object({ period: z.string(), version: z.number() }), '已保存'), ...errorResponses },
    }),
    async (c) => {
      const saved = await service.saveNotice(c.get('deps'), actingUser(c), c.req.valid('param').period, c.req.valid('json'));
      return c.json({ period: saved.period, version: saved.version }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reviews/{period}/notice/issue',
      tags,
      summary: '印发通报：正文和所列事项冻结，此后不能修改',
      request: { params: PeriodParam, ...jsonBody(z.object({ version: NoticeVersion })) },
      responses: { 200: jsonResponse(z.object({ period: z.string(), version: z.number(), issuedAt: z.string() }), '已印发'), ...errorResponses },
    }),
    async (c) => {
      const issued = await service.issueNotice(c.get('deps'), actingUser(c), c.req.valid('param').period, c.req.valid('json'));
      return c.json({ period: issued.period, version: issued.version, issuedAt: issued.issuedAt!.toISOString() }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reviews/{period}/notice.docx',
      tags,
      summary: '下载月度通报（Word，公文格式，含图表）；印发前为征求意见稿；下载记入审计日志',
      request: { params: PeriodParam },
      responses: { 200: { description: '月度通报', content: { [DOCX_TYPE]: { schema: Binary } } }, ...errorResponses },
    }),
    async (c) => {
      const file = await service.noticeDocx(c.get('deps'), actingUser(c), c.req.valid('param').period);
      return c.body(new Uint8Array(file.data), 200, { 'Content-Type': DOCX_TYPE, 'Content-Disposition': file.disposition });
    },
  );
