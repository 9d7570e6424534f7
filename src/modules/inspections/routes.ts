import { createRoute, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { forbidden } from '../../errors.js';
import { DOCX_TYPE } from '../../format.js';
import {
  actingUser,
  type AppEnv,
  createRouter,
  ErrorBody,
  errorResponses,
  Id,
  IdParam,
  jsonBody,
  jsonResponse,
  PageQuery,
  QueryId,
  VersionField,
} from '../../http.js';
import { FINDING_GRADES, INSPECTION_METHODS, INSPECTION_MODES, INSPECTION_STATUSES, PLAN_CYCLES, TASK_STATUSES } from '../../shared/labels.js';
import { reminderDocx } from './reminder-docx.js';
import * as service from './service.js';

const tags = ['明察暗访'];
const Text = (max: number, what: string) => z.string().max(max, `${what}不能超过 ${max} 字`);
const Day = z.string().max(20);
const Binary = z.any().openapi({ type: 'string', format: 'binary' });
const UploadFile = z.custom<File>((v) => v instanceof File, '请选择要上传的照片').openapi({ type: 'string', format: 'binary' });

const Team = z
  .object({
    id: z.number(),
    name: z.string(),
    leadName: z.string(),
    members: z.array(z.string()),
    active: z.boolean(),
    units: z.array(z.object({ unitId: z.number(), unitName: z.string() })).describe('督查范围'),
    version: z.number(),
  })
  .openapi('InspectionTeam');
const presentTeam = (t: Awaited<ReturnType<typeof service.listTeams>>[number]): z.infer<typeof Team> => ({
  id: t.id,
  name: t.name,
  leadName: t.leadName,
  members: t.members,
  active: t.active,
  units: t.units,
  version: t.version,
});
const TeamInput = z.object({
  name: Text(50, '督查组名称'),
  leadName: Text(50, '组长'),
  members: z.array(Text(50, '成员')).max(30),
  unitIds: z.array(Id).max(500),
});

const Base = z.object({
  id: z.number(),
  cycle: z.enum(PLAN_CYCLES),
  period: z.string(),
  teamId: z.number(),
  teamName: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  subject: z.string(),
  mode: z.enum(INSPECTION_MODES).describe('open：明察；unannounced：暗访（归档前被督查单位看不到）'),
  method: z.enum(INSPECTION_METHODS),
  plannedOn: z.string().nullable(),
  status: z.enum(INSPECTION_STATUSES),
  visitedOn: z.string().nullable(),
  problems: z.number().describe('问题和严重问题的条数'),
  version: z.number(),
});
const Summary = Base.extend({ findings: z.number() }).openapi('InspectionSummary');

type ListRow = Awaited<ReturnType<typeof service.listInspections>>['items'][number];
const presentSummary = (r: ListRow): z.infer<typeof Summary> => ({
  id: r.inspection.id,
  cycle: r.inspection.cycle,
  period: r.inspection.period,
  teamId: r.inspection.teamId,
  teamName: r.teamName,
  unitId: r.inspection.unitId,
  unitName: r.unitName,
  subject: r.inspection.subject,
  mode: r.inspection.mode,
  method: r.inspection.method,
  plannedOn: r.inspection.plannedOn,
  status: r.inspection.status,
  visitedOn: r.inspection.visitedOn,
  findings: r.findings,
  problems: r.problems,
  version: r.inspection.version,
});

const Inspection = Base.extend({
  place: z.string(),
  peopleMet: z.string(),
  observations: z.string(),
  leaderName: z.string().nullable().describe('收到提示件的分管领导'),
  filedAt: z.string().nullable(),
  findings: z.array(
    z.object({
      id: z.number(),
      grade: z.enum(FINDING_GRADES),
      content: z.string(),
      ownerUnitId: z.number().nullable(),
      ownerUnitName: z.string().nullable(),
      ownerName: z.string(),
      deadline: z.string().nullable(),
      task: z
        .object({ id: z.number(), status: z.enum(TASK_STATUSES), deadline: z.string() })
        .nullable()
        .describe('整改事项'),
      highlightId: z.number().nullable(),
    }),
  ),
  findingCount: z.number(),
  photos: z.array(z.object({ id: z.number(), fileName: z.string(), takenAt: z.string(), place: z.string() })),
}).openapi('Inspection');

const presentInspection = (r: Awaited<ReturnType<typeof service.getInspection>>): z.infer<typeof Inspection> => ({
  ...presentSummary(r),
  place: r.inspection.place,
  peopleMet: r.inspection.peopleMet,
  observations: r.inspection.observations,
  leaderName: r.leaderName ? `${r.leaderPosition ?? ''} ${r.leaderName}`.trim() : null,
  filedAt: r.inspection.filedAt?.toISOString() ?? null,
  findingCount: r.findingList.length,
  findings: r.findingList.map((f) => ({
    id: f.finding.id,
    grade: f.finding.grade,
    content: f.finding.content,
    ownerUnitId: f.finding.ownerUnitId,
    ownerUnitName: f.ownerUnitName,
    ownerName: f.finding.ownerName,
    deadline: f.finding.deadline,
    task: f.finding.taskId && f.taskStatus && f.taskDeadline ? { id: f.finding.taskId, status: f.taskStatus, deadline: f.taskDeadline } : null,
    highlightId: f.finding.highlightId,
  })),
  photos: r.photos.map((p) => ({ id: p.id, fileName: p.fileName, takenAt: p.takenAt.toISOString(), place: p.place })),
});

const PhotoParam = IdParam.extend({ photoId: QueryId.openapi({ param: { name: 'photoId', in: 'path' } }) });
const FindingParam = IdParam.extend({ findingId: QueryId.openapi({ param: { name: 'findingId', in: 'path' } }) });

// Only the office uploads, so nobody else gets a file body parsed.
const requireManager = createMiddleware<AppEnv>(async (c, next) => {
  if (!service.mayManage(actingUser(c).actor)) throw forbidden();
  await next();
});

export const inspectionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/inspection-teams',
      tags,
      summary: '督查组（督查室）',
      responses: { 200: jsonResponse(z.object({ items: z.array(Team) }), '督查组'), ...errorResponses },
    }),
    async (c) => c.json({ items: (await service.listTeams(c.get('deps'), actingUser(c).actor)).map(presentTeam) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/inspection-teams',
      tags,
      summary: '新建督查组：组长、成员、督查范围（督查室）',
      request: jsonBody(TeamInput),
      responses: { 201: jsonResponse(Team, '已新建'), ...errorResponses },
    }),
    async (c) => c.json(presentTeam(await service.createTeam(c.get('deps'), actingUser(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/inspection-teams/{id}',
      tags,
      summary: '修改督查组（督查室）',
      request: { params: IdParam, ...jsonBody(TeamInput.extend({ active: z.boolean(), version: VersionField })) },
      responses: { 200: jsonResponse(Team, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(presentTeam(await service.updateTeam(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/inspections',
      tags,
      summary: '督查计划和记录（单位只看到本单位的明察，以及已归档的暗访）',
      request: {
        query: z.object({
          period: z.string().max(7).optional(),
          status: z.enum(INSPECTION_STATUSES).optional(),
          unitId: QueryId.optional(),
          ...PageQuery,
        }),
      },
      responses: { 200: jsonResponse(z.object({ items: z.array(Summary), total: z.number() }), '督查'), ...errorResponses },
    }),
    async (c) => {
      const { items, total } = await service.listInspections(c.get('deps'), actingUser(c).actor, c.req.valid('query'));
      return c.json({ items: items.map(presentSummary), total }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/inspections',
      tags,
      summary: '列入督查计划：督查内容、督查组、被督查单位、明察或暗访、实地或远程（督查室）',
      request: jsonBody(
        z.object({
          cycle: z.enum(PLAN_CYCLES),
          period: z.string().max(7),
          teamId: Id,
          unitId: Id,
          subject: Text(200, '督查内容'),
          mode: z.enum(INSPECTION_MODES),
          method: z.enum(INSPECTION_METHODS),
          plannedOn: Day.nullable().default(null),
        }),
      ),
      responses: { 201: jsonResponse(Inspection, '已列入计划'), ...errorResponses },
    }),
    async (c) => c.json(presentInspection(await service.planInspection(c.get('deps'), actingUser(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/inspections/{id}',
      tags,
      summary: '一次督查：记录、照片、发现的情况及整改事项',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Inspection, '督查'), ...errorResponses },
    }),
    async (c) => c.json(presentInspection(await service.getInspection(c.get('deps'), actingUser(c).actor, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/inspections/{id}/record',
      tags,
      summary: '填写督查记录：日期、地点、见面人员、所见情况（督查室）',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            visitedOn: Day,
            place: Text(200, '地点'),
            peopleMet: Text(500, '见面人员').default(''),
            observations: Text(5000, '所见情况'),
            version: VersionField,
          }),
        ),
      },
      responses: { 200: jsonResponse(Inspection, '已保存'), ...errorResponses },
    }),
    async (c) => c.json(presentInspection(await service.recordVisit(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/inspections/{id}/findings',
      tags,
      summary: '记录发现的情况（好的做法 / 问题 / 严重问题）；问题须有整改责任单位和时限（督查室）',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            grade: z.enum(FINDING_GRADES),
            content: Text(1000, '发现的情况'),
            ownerUnitId: Id.nullable().default(null),
            ownerName: Text(50, '责任人').default(''),
            deadline: Day.nullable().default(null),
          }),
        ),
      },
      responses: { 201: jsonResponse(Inspection, '已记录'), ...errorResponses },
    }),
    async (c) => c.json(presentInspection(await service.addFinding(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/inspections/{id}/findings/{findingId}',
      tags,
      summary: '删除一条发现（归档前，督查室）',
      request: { params: FindingParam },
      responses: { 200: jsonResponse(Inspection, '已删除'), ...errorResponses },
    }),
    async (c) => {
      const { id, findingId } = c.req.valid('param');
      return c.json(presentInspection(await service.removeFinding(c.get('deps'), actingUser(c), id, findingId)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/inspections/{id}/photos',
      tags,
      summary: '上传督查照片（JPG/PNG，含拍摄时间和地点；督查室）',
      middleware: [requireManager] as const,
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: UploadFile,
                // Left out when the browser does not know when the photo was taken: the upload's own time.
                takenAt: z.string().datetime({ offset: true }).optional(),
                place: Text(200, '拍摄地点'),
              }),
            },
          },
        },
      },
      responses: {
        201: jsonResponse(Inspection, '已上传'),
        ...errorResponses,
        413: { description: '文件过大', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const { file, takenAt, place } = c.req.valid('form');
      const bytes = new Uint8Array(await file.arrayBuffer());
      const id = c.req.valid('param').id;
      return c.json(
        presentInspection(
          await service.addPhoto(c.get('deps'), actingUser(c), id, { name: file.name, bytes }, { takenAt: takenAt ? new Date(takenAt) : undefined, place }),
        ),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/inspections/{id}/photos/{photoId}',
      tags,
      summary: '督查照片；加 ?thumbnail=1 取缩略图',
      request: { params: PhotoParam, query: z.object({ thumbnail: z.enum(['0', '1']).optional() }) },
      responses: { 200: { description: '图片', content: { 'application/octet-stream': { schema: Binary } } }, ...errorResponses },
    }),
    async (c) => {
      const { id, photoId } = c.req.valid('param');
      const thumbnail = c.req.valid('query').thumbnail === '1';
      const { photo, body } = await service.openPhoto(c.get('deps'), actingUser(c).actor, id, photoId, thumbnail);
      return c.body(body, 200, { 'Content-Type': photo.mime, 'X-Content-Type-Options': 'nosniff' });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/inspections/{id}/file',
      tags,
      summary: '归档：问题转为整改事项交办责任单位，向分管领导发送提示件（督查室）',
      request: { params: IdParam, ...jsonBody(z.object({ version: VersionField })) },
      responses: { 200: jsonResponse(Inspection, '已归档'), ...errorResponses },
    }),
    async (c) =>
      c.json(presentInspection(await service.fileInspection(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json').version)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/inspections/{id}/findings/{findingId}/highlight',
      tags,
      summary: '将督查记录的好的做法申报为本月亮点工作（被督查单位）',
      request: { params: FindingParam },
      responses: { 200: jsonResponse(Inspection, '已申报'), ...errorResponses },
    }),
    async (c) => {
      const { id, findingId } = c.req.valid('param');
      return c.json(presentInspection(await service.proposeHighlight(c.get('deps'), actingUser(c), id, findingId)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/inspections/{id}/reminder',
      tags,
      summary: '督查提示件（Word，归档后）',
      request: { params: IdParam },
      responses: { 200: { description: '提示件', content: { [DOCX_TYPE]: { schema: Binary } } }, ...errorResponses },
    }),
    async (c) => {
      const file = await reminderDocx(c.get('deps'), actingUser(c).actor, c.req.valid('param').id);
      return c.body(new Uint8Array(file.data), 200, { 'Content-Type': DOCX_TYPE, 'Content-Disposition': file.disposition });
    },
  );
