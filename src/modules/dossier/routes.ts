import { createRoute, z } from '@hono/zod-openapi';
import { DOCX_TYPE } from '../../format.js';
import { actingUser, createRouter, errorResponses, IdParam, Int4, jsonBody, jsonResponse, PageQuery } from '../../http.js';
import { CADRE_GRADES, GRADES, INTERVIEW_LEVELS, INTERVIEW_STATUSES, REVIEW_GROUPS, SHEET_KINDS } from '../../shared/labels.js';
import { XLSX_TYPE } from '../org/import.js';
import { opinionDocx, opinionsXlsx, recordDocx } from './export.js';
import { OPINION_FIELDS, OPINION_SUBJECTS } from './schema.js';
import * as service from './service.js';
import type { OpinionView } from './service.js';

const tags = ['履责档案与年度考核意见'];

const Binary = z.any().openapi({ type: 'string', format: 'binary' });
const YearQuery = z.object({ year: z.coerce.number().int('年份应为整数').min(2000, '年份不正确').max(2100, '年份不正确').optional() });
const BandsQuery = YearQuery.extend({
  unitPage: PageQuery.page.describe('单位列表的页码（按排名）'),
  personPage: PageQuery.page.describe('干部列表的页码（按排名）'),
  pageSize: PageQuery.pageSize,
});
const YearBody = z.object({ year: z.number().int('年份应为整数').min(2000, '年份不正确').max(2100, '年份不正确') });
const Version = Int4.min(0, '版本号不能为负').describe('读取时的 version（分档规则从未保存过为 0）');
const Text = (max: number) => z.string().max(max, `不超过 ${max} 字`);

const Rule = z
  .object({
    bands: z.array(z.object({ name: Text(10), share: Int4.describe('占参与排名者的百分比（最多）；末档取其余') })).max(6, '最多 6 档'),
    flaggedOutOfTop: z.boolean().describe('年度考核末位的单位、一年内两次被约谈的干部不进第一档'),
    person: z.object({
      taskWeight: Int4.describe('任务按期率的权重'),
      gradeWeight: Int4.describe('季度等次（已审定，未审定取月度建议）的权重'),
      gradePoints: z.object({ good: Int4, fairly_good: Int4, average: Int4, poor: Int4 }).describe('各等次折合分'),
      starBonus: Int4.describe('每次干部之星加分'),
      interviewPenalty: Int4.describe('每次约谈减分'),
    }),
  })
  .openapi('BandingRule');
const RuleView = z.object({ rule: Rule, version: z.number() }).openapi('BandingRuleView');

const Counts = z.object({ onTime: z.number(), late: z.number().describe('逾期办结及逾期未办结'), open: z.number() });
const Bands = z
  .object({
    year: z.number(),
    rule: Rule,
    assessmentStatus: z.enum(['draft', 'published']).describe('单位分档所依据的年度考核是否已公布'),
    units: z.array(
      z.object({
        unitId: z.number(),
        name: z.string(),
        group: z.enum(REVIEW_GROUPS),
        total: z.number().nullable(),
        grade: z.enum(GRADES),
        flagged: z.boolean(),
        rank: z.number().nullable(),
        band: z.number().nullable().describe('rule.bands 的下标'),
        ranked: z.number(),
      }),
    ),
    unitTotal: z.number().describe('参与分档的单位总数；units 只含 unitPage 一页'),
    personTotal: z.number().describe('参与分档的干部总数；persons 只含 personPage 一页'),
    persons: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        title: z.string(),
        unitId: z.number().nullable(),
        unitName: z.string().nullable(),
        tasks: Counts,
        grades: z.array(z.enum(CADRE_GRADES)),
        stars: z.number(),
        interviews: z.number(),
        sheets: z.number(),
        referrals: z.number(),
        twoInterviews: z.boolean(),
        score: z.number().nullable(),
        rank: z.number().nullable(),
        band: z.number().nullable(),
      }),
    ),
  })
  .openapi('YearBands');

const TASK_STATES = ['on_time', 'late', 'open_late', 'open'] as const;
const Record = z
  .object({
    person: z.object({ id: z.number(), name: z.string(), title: z.string(), unitId: z.number().nullable(), unitName: z.string().nullable() }),
    year: z.number(),
    counts: Counts.extend({ sheets: z.number(), interviews: z.number(), frontlineDays: z.number().describe('仅记实展示，不计入任何得分和分档') }),
    tasks: z.array(
      z.object({
        id: z.number(),
        title: z.string(),
        leadUnitName: z.string(),
        deadline: z.string(),
        closedOn: z.string().nullable(),
        as: z.enum(['responsible', 'leader']),
        state: z.enum(TASK_STATES).describe('on_time 按期办结；late 逾期办结；open_late 逾期未办结；open 在办'),
      }),
    ),
    sheets: z.array(
      z.object({ id: z.number(), taskId: z.number(), taskTitle: z.string(), kind: z.enum(SHEET_KINDS), number: z.string(), issuedAt: z.string() }),
    ),
    stars: z.array(z.object({ period: z.string(), citation: z.string(), unitName: z.string() })),
    highlights: z.array(z.object({ period: z.string(), cycle: z.string(), title: z.string(), unitName: z.string() })),
    interviews: z.array(
      z.object({ id: z.number(), level: z.enum(INTERVIEW_LEVELS), status: z.enum(INTERVIEW_STATUSES), reason: z.string(), heldOn: z.string().nullable() }),
    ),
    assessments: z.array(z.object({ month: z.string(), grade: z.enum(CADRE_GRADES), comment: z.string(), assessedByName: z.string() })),
    quarters: z.array(z.object({ quarter: z.string(), grade: z.enum(CADRE_GRADES), confirmed: z.boolean() })),
    band: z
      .object({ rank: z.number().nullable(), band: z.string().nullable(), score: z.number().nullable(), ranked: z.number() })
      .nullable()
      .describe('分档排名，仅督查室、考核办可见'),
  })
  .openapi('CadreRecord');

const presentRecord = (r: service.PersonRecord): z.infer<typeof Record> => ({
  ...r,
  sheets: r.sheets.map((s) => ({ ...s, issuedAt: s.issuedAt.toISOString() })),
});

const Fields = z.object(Object.fromEntries(OPINION_FIELDS.map((f) => [f, z.string()])) as { [K in (typeof OPINION_FIELDS)[number]]: z.ZodString });
const Opinion = z
  .object({
    id: z.number(),
    year: z.number(),
    subject: z.enum(OPINION_SUBJECTS),
    subjectId: z.number(),
    subjectName: z.string(),
    context: z.string(),
    rank: z.number().nullable(),
    basis: z.string(),
    status: z.enum(['draft', 'issued']),
    version: z.number(),
    draftedAt: z.string(),
    issuedAt: z.string().nullable(),
    issuedByName: z.string().nullable(),
    text: Fields.describe('起草或印发时的文字'),
    standing: Fields.describe('现行文字：印发文字加上其后各项更正'),
    changes: z.array(
      z.object({
        id: z.number(),
        kind: z.enum(['edit', 'correction']).describe('edit 草稿修改；correction 印发后更正'),
        field: z.enum(OPINION_FIELDS),
        before: z.string(),
        after: z.string(),
        reason: z.string(),
        changedByName: z.string(),
        changedAt: z.string(),
      }),
    ),
  })
  .openapi('AnnualOpinion');

const present = (o: OpinionView): z.infer<typeof Opinion> => ({
  id: o.id,
  year: o.year,
  subject: o.subject,
  subjectId: o.subjectId,
  subjectName: o.subjectName,
  context: o.context,
  rank: o.rank,
  basis: o.basis,
  status: o.status,
  version: o.version,
  draftedAt: o.draftedAt.toISOString(),
  issuedAt: o.issuedAt?.toISOString() ?? null,
  issuedByName: o.issuedByName,
  text: { band: o.band, summary: o.summary, rewards: o.rewards, accountability: o.accountability, appointment: o.appointment },
  standing: o.standing,
  changes: o.changes.map((c) => ({ ...c, changedAt: c.changedAt.toISOString() })),
});

const Changes = z.object(
  Object.fromEntries(OPINION_FIELDS.map((f) => [f, Text(2000).optional()])) as { [K in (typeof OPINION_FIELDS)[number]]: z.ZodOptional<z.ZodString> },
);

export const dossierRoutes = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/dossier/rule', tags, summary: '分档规则', responses: { 200: jsonResponse(RuleView, '分档规则'), ...errorResponses } }),
    async (c) => c.json(await service.getRule(c.get('deps'), actingUser(c).actor), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/dossier/rule',
      tags,
      summary: '修改分档规则（考核办）',
      request: jsonBody(z.object({ rule: Rule, version: Version })),
      responses: { 200: jsonResponse(RuleView, '分档规则'), ...errorResponses },
    }),
    async (c) => c.json(await service.saveRule(c.get('deps'), actingUser(c), c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/dossier/bands',
      tags,
      summary: '年度分档排名：单位按年度考核得分（分组），干部按任务按期率和季度等次（督查室、考核办）',
      request: { query: BandsQuery },
      responses: { 200: jsonResponse(Bands, '分档排名'), ...errorResponses },
    }),
    async (c) => c.json(await service.bands(c.get('deps'), actingUser(c).actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/dossier/mine',
      tags,
      summary: '我的履责档案',
      request: { query: YearQuery },
      responses: { 200: jsonResponse(Record, '履责档案'), ...errorResponses },
    }),
    async (c) => c.json(presentRecord(await service.myRecord(c.get('deps'), actingUser(c).actor, c.req.valid('query').year)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/dossier/people/{id}',
      tags,
      summary: '干部履责档案（本人、本单位负责人、督查室和考核办可看）',
      request: { params: IdParam, query: YearQuery },
      responses: { 200: jsonResponse(Record, '履责档案'), ...errorResponses },
    }),
    async (c) => c.json(presentRecord(await service.personRecord(c.get('deps'), actingUser(c).actor, c.req.valid('param').id, c.req.valid('query').year)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/dossier/people/{id}/record.docx',
      tags,
      summary: '打印履责档案（Word）',
      request: { params: IdParam, query: YearQuery },
      responses: { 200: { description: '履责档案', content: { [DOCX_TYPE]: { schema: Binary } } }, ...errorResponses },
    }),
    async (c) => {
      const file = await recordDocx(c.get('deps'), actingUser(c).actor, c.req.valid('param').id, c.req.valid('query').year);
      return c.body(new Uint8Array(file.data), 200, { 'Content-Type': DOCX_TYPE, 'Content-Disposition': file.disposition });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/opinions',
      tags,
      summary: '年度考核意见（结构化，供组织部和薪酬系统读取）；含印发后的更正',
      request: { query: YearQuery },
      responses: { 200: jsonResponse(z.object({ year: z.number(), items: z.array(Opinion) }), '年度考核意见'), ...errorResponses },
    }),
    async (c) => {
      const { year, items } = await service.listOpinions(c.get('deps'), actingUser(c).actor, c.req.valid('query').year);
      return c.json({ year, items: items.map(present) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/opinions/export.xlsx',
      tags,
      summary: '导出年度考核意见（Excel），与页面和 JSON 一致；导出记入审计日志',
      request: { query: YearQuery },
      responses: { 200: { description: '年度考核意见', content: { [XLSX_TYPE]: { schema: Binary } } }, ...errorResponses },
    }),
    async (c) => {
      const file = await opinionsXlsx(c.get('deps'), actingUser(c), c.req.valid('query').year);
      return c.body(new Uint8Array(file.data), 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': file.disposition });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/opinions/draft',
      tags,
      summary: '按履责档案和分档起草该年度尚未起草的考核意见（考核办）；已起草的保留不动',
      request: jsonBody(YearBody),
      responses: { 200: jsonResponse(z.object({ year: z.number(), drafted: z.number(), kept: z.number() }), '起草结果'), ...errorResponses },
    }),
    async (c) => c.json(await service.draftOpinions(c.get('deps'), actingUser(c), c.req.valid('json').year), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/opinions/{id}',
      tags,
      summary: '一份年度考核意见及其修改、更正记录',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Opinion, '年度考核意见'), ...errorResponses },
    }),
    async (c) => c.json(present(await service.getOpinion(c.get('deps'), actingUser(c).actor, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/opinions/{id}',
      tags,
      summary: '修改考核意见草稿（须写明理由）；已印发的不能修改',
      request: { params: IdParam, ...jsonBody(z.object({ changes: Changes, reason: Text(500), version: Version })) },
      responses: { 200: jsonResponse(Opinion, '年度考核意见'), ...errorResponses },
    }),
    async (c) => c.json(present(await service.editOpinion(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/opinions/{id}/issue',
      tags,
      summary: '印发考核意见；印发后冻结',
      request: { params: IdParam, ...jsonBody(z.object({ version: Version })) },
      responses: { 200: jsonResponse(Opinion, '年度考核意见'), ...errorResponses },
    }),
    async (c) => c.json(present(await service.issueOpinion(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/opinions/{id}/corrections',
      tags,
      summary: '更正已印发的考核意见：原文不变，更正连同理由另行记录',
      request: { params: IdParam, ...jsonBody(z.object({ field: z.enum(OPINION_FIELDS), text: Text(2000), reason: Text(500) })) },
      responses: { 200: jsonResponse(Opinion, '年度考核意见'), ...errorResponses },
    }),
    async (c) => c.json(present(await service.correctOpinion(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/opinions/{id}/opinion.docx',
      tags,
      summary: '下载考核意见（Word）；印发前标为草稿',
      request: { params: IdParam },
      responses: { 200: { description: '年度考核意见', content: { [DOCX_TYPE]: { schema: Binary } } }, ...errorResponses },
    }),
    async (c) => {
      const file = await opinionDocx(c.get('deps'), actingUser(c).actor, c.req.valid('param').id);
      return c.body(new Uint8Array(file.data), 200, { 'Content-Type': DOCX_TYPE, 'Content-Disposition': file.disposition });
    },
  );
