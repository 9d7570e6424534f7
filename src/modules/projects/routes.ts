import { createRoute, z } from '@hono/zod-openapi';
import { DOCX_TYPE } from '../../format.js';
import {
  actingUser,
  createRouter,
  ErrorBody,
  errorResponses,
  Id,
  IdParam,
  Int4,
  jsonBody,
  jsonResponse,
  PageQuery,
  QueryId,
  requirePermission,
  VersionField,
} from '../../http.js';
import { COLOURS, PHOTO_DATE_SOURCES, PROJECT_KINDS } from '../../shared/labels.js';
import * as service from './service.js';

const tags = ['重点项目'];
const Binary = z.any().openapi({ type: 'string', format: 'binary' });
const UploadFile = z.custom<File>((v) => v instanceof File, '请选择要上传的照片').openapi({ type: 'string', format: 'binary' });
const Text = (max: number, what: string) => z.string().max(max, `${what}不能超过 ${max} 字`);
const DayField = z.string().max(20);
const Money = Int4.min(0, '投资额不能为负数').describe('万元');
// The format is checked by the service after the permission, so an unauthorised call learns nothing; none is this month.
const PeriodQuery = z.object({ period: z.string().max(20).optional().openapi({ example: '2026-10' }) });

const ProjectFields = z.object({
  name: Text(100, '项目名称'),
  kind: z.enum(PROJECT_KINDS).describe('continuing 续建；under_construction 在建；planned_start 计划新开工；preliminary 前期'),
  totalInvestment: Money.describe('计划总投资（万元）'),
  investmentBefore: Money.default(0).describe('以前年度已完成投资（万元）'),
  leadLeaderId: Id.nullable().default(null),
  leadUnitId: Id,
  responsibleName: Text(50, '责任人'),
  responsiblePhone: Text(30, '联系电话').default(''),
  address: Text(200, '项目地址').default(''),
  longitude: z.number().nullable().default(null),
  latitude: z.number().nullable().default(null),
});
const StepFields = z.object({
  phase: Text(50, '所属部分'),
  seq: Int4.min(0).max(10_000),
  name: Text(100, '工序名称'),
  plannedStart: DayField,
  plannedDays: Int4,
  unitId: Id,
  personName: Text(50, '责任人').default(''),
  phone: Text(30, '联系电话').default(''),
});

const Photo = z
  .object({
    id: z.number(),
    projectId: z.number(),
    takenOn: z.string(),
    dateSource: z.enum(PHOTO_DATE_SOURCES).describe('exif：照片拍摄信息；entered：上传人填写；upload：上传日期'),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    caption: z.string(),
    fileName: z.string(),
  })
  .openapi('ProjectPhoto');

const Investment = z.object({
  projectId: z.number(),
  plannedThisYear: z.number().describe('本年计划投资（万元，各月计划之和）'),
  doneThisYear: z.number().describe('本年完成投资（万元）'),
  cumulative: z.number().describe('累计完成投资（万元）'),
});
const ProjectSummary = Investment.extend({
  name: z.string(),
  kind: z.enum(PROJECT_KINDS),
  totalInvestment: z.number(),
  leadUnitId: z.number(),
  leadUnitName: z.string(),
  leadLeaderName: z.string().nullable(),
  responsibleName: z.string(),
  address: z.string(),
  colour: z.enum(COLOURS),
}).openapi('ProjectSummary');

const Step = z
  .object({
    id: z.number(),
    phase: z.string(),
    seq: z.number(),
    name: z.string(),
    plannedStart: z.string(),
    plannedDays: z.number(),
    dueDate: z.string().describe('时间节点（计划完成日）'),
    unitId: z.number(),
    unitName: z.string(),
    personName: z.string(),
    phone: z.string(),
    actualStart: z.string().nullable(),
    actualEnd: z.string().nullable(),
    taskId: z.number().nullable().describe('关联的台账事项'),
    colour: z.enum(COLOURS),
    version: z.number(),
  })
  .openapi('ProjectStep');

const Project = ProjectSummary.extend({
  investmentBefore: z.number(),
  leadLeaderId: z.number().nullable(),
  responsiblePhone: z.string(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  version: z.number(),
  steps: z.array(Step),
  year: z.number(),
  curve: z.array(
    z.object({
      period: z.string(),
      planned: z.number(),
      done: z.number().nullable(),
      plannedSum: z.number().describe('累计计划'),
      doneSum: z.number().describe('累计完成'),
      version: z.number().describe('0：该月尚无记录'),
    }),
  ),
  photos: z.array(Photo),
  canManage: z.boolean(),
  canReport: z.boolean(),
}).openapi('Project');

type Detail = Awaited<ReturnType<typeof service.getProject>>;
const presentProject = (d: Detail): z.infer<typeof Project> => ({
  projectId: d.project.id,
  name: d.project.name,
  kind: d.project.kind,
  totalInvestment: d.project.totalInvestment,
  investmentBefore: d.project.investmentBefore,
  leadLeaderId: d.project.leadLeaderId,
  leadLeaderName: d.leadLeaderName,
  leadUnitId: d.project.leadUnitId,
  leadUnitName: d.leadUnitName,
  responsibleName: d.project.responsibleName,
  responsiblePhone: d.project.responsiblePhone,
  address: d.project.address,
  longitude: d.project.longitude,
  latitude: d.project.latitude,
  version: d.project.version,
  colour: d.colour,
  plannedThisYear: d.plannedThisYear,
  doneThisYear: d.doneThisYear,
  cumulative: d.cumulative,
  year: d.year,
  curve: d.curve,
  photos: d.photos,
  canManage: d.canManage,
  canReport: d.canReport,
  steps: d.steps.map((s) => ({
    id: s.id,
    phase: s.phase,
    seq: s.seq,
    name: s.name,
    plannedStart: s.plannedStart,
    plannedDays: s.plannedDays,
    dueDate: s.dueDate,
    unitId: s.unitId,
    unitName: s.unitName,
    personName: s.personName,
    phone: s.phone,
    actualStart: s.actualStart,
    actualEnd: s.actualEnd,
    taskId: s.taskId,
    colour: s.colour,
    version: s.version,
  })),
});

const PhotoParam = IdParam.extend({ photoId: QueryId.openapi({ param: { name: 'photoId', in: 'path' } }) });
const InvestmentParam = IdParam.extend({
  period: z
    .string()
    .max(20)
    .openapi({ param: { name: 'period', in: 'path' }, example: '2026-10' }),
});
const Comparison = z
  .object({
    period: z.string(),
    previous: z.string(),
    items: z.array(
      z.object({
        projectId: z.number(),
        name: z.string(),
        kind: z.enum(PROJECT_KINDS),
        leadUnitName: z.string(),
        address: z.string(),
        colour: z.enum(COLOURS),
        // Inline copies: a nullable use of the ProjectPhoto component met first (these routes come first) makes the
        // component itself nullable in the document.
        before: z
          .object({ ...Photo.shape })
          .nullable()
          .describe('本月之前最近的一张'),
        after: z
          .object({ ...Photo.shape })
          .nullable()
          .describe('本月最近的一张'),
      }),
    ),
  })
  .openapi('PhotoComparison');

export const projectRoutes = createRouter()
  // Before /projects/{id}, which would take 'comparison' for an id.
  .openapi(
    createRoute({
      method: 'get',
      path: '/projects/comparison',
      tags,
      summary: '影像比绩：每个重点项目本月最近的照片与此前最近的照片',
      request: { query: PeriodQuery },
      responses: { 200: jsonResponse(Comparison, '影像比绩'), ...errorResponses },
    }),
    async (c) => c.json(await service.monthComparison(c.get('deps'), actingUser(c).actor, c.req.valid('query').period), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/projects/comparison.docx',
      tags,
      summary: '下载本月影像比绩（Word，每个重点项目前后照片对比，供会议印发）',
      request: { query: PeriodQuery },
      responses: { 200: { description: '影像比绩', content: { [DOCX_TYPE]: { schema: Binary } } }, ...errorResponses },
    }),
    async (c) => {
      const file = await service.comparisonDocx(c.get('deps'), actingUser(c), c.req.valid('query').period);
      return c.body(new Uint8Array(file.data), 200, { 'Content-Type': DOCX_TYPE, 'Content-Disposition': file.disposition });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/projects',
      tags,
      summary: '重点项目库（本人数据范围内）：类别、投资、牵头单位、亮灯',
      request: { query: z.object(PageQuery) },
      responses: { 200: jsonResponse(z.object({ total: z.number(), items: z.array(ProjectSummary) }), '项目列表'), ...errorResponses },
    }),
    async (c) => {
      const { total, items } = await service.listProjects(c.get('deps'), actingUser(c).actor, c.req.valid('query'));
      return c.json(
        {
          total,
          items: items.map((r) => ({
            projectId: r.project.id,
            name: r.project.name,
            kind: r.project.kind,
            totalInvestment: r.project.totalInvestment,
            leadUnitId: r.project.leadUnitId,
            leadUnitName: r.leadUnitName,
            leadLeaderName: r.leadLeaderName,
            responsibleName: r.project.responsibleName,
            address: r.project.address,
            colour: r.colour,
            plannedThisYear: r.plannedThisYear,
            doneThisYear: r.doneThisYear,
            cumulative: r.cumulative,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/projects',
      tags,
      summary: '登记重点项目（督查室）',
      request: jsonBody(ProjectFields),
      responses: { 201: jsonResponse(Project, '已登记'), ...errorResponses },
    }),
    async (c) => c.json(presentProject(await service.createProject(c.get('deps'), actingUser(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/projects/{id}',
      tags,
      summary: '项目详情：工序（计划与实际）、本年投资曲线、现场照片',
      request: { params: IdParam, query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
      responses: { 200: jsonResponse(Project, '项目'), ...errorResponses },
    }),
    async (c) => c.json(presentProject(await service.getProject(c.get('deps'), actingUser(c).actor, c.req.valid('param').id, c.req.valid('query').year)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/projects/{id}',
      tags,
      summary: '修改项目登记信息（督查室）',
      request: { params: IdParam, ...jsonBody(ProjectFields.extend({ version: VersionField })) },
      responses: { 200: jsonResponse(Project, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(presentProject(await service.updateProject(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/projects/{id}/steps',
      tags,
      summary: '增加工序（督查室）：所属部分、顺序、计划开始、计划工期、承担单位、责任人、电话',
      request: { params: IdParam, ...jsonBody(StepFields) },
      responses: { 201: jsonResponse(Project, '已增加'), ...errorResponses },
    }),
    async (c) => c.json(presentProject(await service.addStep(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/projects/steps/{id}',
      tags,
      summary: '修改工序计划（督查室）',
      request: { params: IdParam, ...jsonBody(StepFields.extend({ version: VersionField })) },
      responses: { 200: jsonResponse(Project, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(presentProject(await service.updateStep(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/projects/steps/{id}',
      tags,
      summary: '删除误录的工序（尚未填报实际开始日期，督查室）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Project, '已删除'), ...errorResponses },
    }),
    async (c) => c.json(presentProject(await service.removeStep(c.get('deps'), actingUser(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/projects/steps/{id}/actual',
      tags,
      summary: '填报工序实际开始、完成日期（承担单位或牵头单位）',
      request: { params: IdParam, ...jsonBody(z.object({ actualStart: DayField.nullable(), actualEnd: DayField.nullable(), version: VersionField })) },
      responses: { 200: jsonResponse(Project, '已填报'), ...errorResponses },
    }),
    async (c) => c.json(presentProject(await service.setStepActual(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/projects/steps/{id}/task',
      tags,
      summary: '工序关联台账事项（督查室）：关联已有事项，或不给 taskId 时以时间节点为时限交办新事项，纳入督办',
      request: { params: IdParam, ...jsonBody(z.object({ taskId: Id.nullable().default(null), version: VersionField })) },
      responses: { 200: jsonResponse(Project, '已关联'), ...errorResponses },
    }),
    async (c) => c.json(presentProject(await service.linkStepTask(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/projects/{id}/investments/{period}',
      tags,
      summary: '月度投资：督查室定计划，牵头单位报完成（万元）',
      request: { params: InvestmentParam, ...jsonBody(z.object({ planned: Money, done: Money.nullable(), version: Int4.min(0) })) },
      responses: { 200: jsonResponse(Project, '已保存'), ...errorResponses },
    }),
    async (c) => {
      const { id, period } = c.req.valid('param');
      return c.json(presentProject(await service.setInvestment(c.get('deps'), actingUser(c), id, period, c.req.valid('json'))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/projects/{id}/photos',
      tags,
      summary: '上传现场照片（JPG/PNG）；拍摄日期和位置优先取照片拍摄信息（EXIF），没有时取填写的日期或上传当天',
      middleware: [requirePermission('project.report')] as const,
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({ file: UploadFile, takenOn: z.string().max(20).optional(), caption: Text(200, '说明').optional() }),
            },
          },
        },
      },
      responses: {
        201: jsonResponse(Photo, '已上传'),
        ...errorResponses,
        413: { description: '文件过大', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const { file, takenOn, caption } = c.req.valid('form');
      const bytes = new Uint8Array(await file.arrayBuffer());
      const photo = await service.uploadPhoto(
        c.get('deps'),
        actingUser(c),
        c.req.valid('param').id,
        { name: file.name, bytes },
        { takenOn: takenOn || null, caption: caption ?? '' },
      );
      return c.json(photo, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/projects/{id}/photos/{photoId}',
      tags,
      summary: '现场照片；?thumbnail=1 取缩略图',
      request: { params: PhotoParam, query: z.object({ thumbnail: z.enum(['0', '1']).optional() }) },
      responses: { 200: { description: '照片', content: { 'image/jpeg': { schema: Binary } } }, ...errorResponses },
    }),
    async (c) => {
      const { id, photoId } = c.req.valid('param');
      const thumbnail = c.req.valid('query').thumbnail === '1';
      const { photo, body } = await service.openPhoto(c.get('deps'), actingUser(c).actor, id, photoId, thumbnail);
      return c.body(body, 200, { 'Content-Type': photo.mime, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, max-age=86400' });
    },
  );
