import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, Id, IdParam, Int4, jsonBody, jsonResponse, VersionField } from '../../http.js';
import { DOCX_TYPE } from '../../format.js';
import { FINDING_GRADES, INSPECTION_MODES, REVIEW_GROUPS, TASK_STATUSES } from '../../shared/labels.js';
import { OUTCOME_LABELS, type Outcome } from './rules.js';
import * as service from './service.js';
import type { NoteRow } from './store.js';

const tags = ['月点评会'];
const Binary = z.any().openapi({ type: 'string', format: 'binary' });

const PeriodParam = z.object({
  // The format (YYYY-MM) is checked by the service after the permission, so an unauthorised call learns nothing.
  period: z
    .string()
    .max(20)
    .openapi({ param: { name: 'period', in: 'path' }, example: '2026-10' }),
});
const Text = (max: number, what: string) => z.string().max(max, `${what}不能超过 ${max} 字`);
const OUTCOMES = Object.keys(OUTCOME_LABELS) as [Outcome, ...Outcome[]];
const TaskState = z.object({ id: z.number(), status: z.enum(TASK_STATUSES), deadline: z.string(), closedOn: z.string().nullable() });

const Note = z
  .object({
    id: z.number(),
    period: z.string(),
    kind: z.enum(['instruction', 'commitment']).describe('instruction：领导批示；commitment：承诺'),
    content: z.string(),
    leaderName: z.string().describe('作出批示的领导'),
    unitId: z.number().nullable(),
    unitName: z.string().nullable(),
    dueDate: z.string().nullable(),
    taskId: z.number().nullable().describe('针对的台账事项'),
    taskTitle: z.string().nullable(),
    createdTask: TaskState.nullable().describe('转为任务后生成的事项及其状态'),
    createdAt: z.string(),
    version: z.number(),
  })
  .openapi('MeetingNote');

const presentNote = (r: NoteRow): z.infer<typeof Note> => ({
  id: r.note.id,
  period: r.note.period,
  kind: r.note.kind,
  content: r.note.content,
  leaderName: r.note.leaderName,
  unitId: r.note.unitId,
  unitName: r.unitName,
  dueDate: r.note.dueDate,
  taskId: r.note.taskId,
  taskTitle: r.linkedTitle,
  createdTask: r.task?.id ? { id: r.task.id, status: r.task.status!, deadline: r.task.deadline!, closedOn: r.task.closedOn ?? null } : null,
  createdAt: r.note.createdAt.toISOString(),
  version: r.note.version,
});

const Meeting = z
  .object({
    period: z.string(),
    meetingDate: z.string(),
    isDefault: z.boolean().describe('未设定时取下月第二个工作日'),
    opensOn: z.string().describe('会议材料生成日（会前两个工作日）'),
    available: z.boolean(),
    version: z.number(),
    notes: z.array(Note),
  })
  .openapi('Meeting');

const Unit = z.object({ unitId: z.number(), unitName: z.string() });
const PackFinding = z.object({
  grade: z.enum(FINDING_GRADES),
  content: z.string(),
  subject: z.string(),
  mode: z.enum(INSPECTION_MODES),
  visitedOn: z.string(),
  deadline: z.string().nullable(),
  taskId: z.number().nullable().describe('问题转成的整改事项'),
});
const Pack = z
  .object({
    period: z.string(),
    meetingDate: z.string(),
    reviewStatus: z.enum(['draft', 'published']),
    ranking: z.array(
      z.object({ group: z.enum(REVIEW_GROUPS), rows: z.array(Unit.extend({ rank: z.number(), score: z.number().describe('得分（百分之一分）') })) }),
    ),
    red: z.array(Unit.extend({ tasks: z.array(z.object({ id: z.number(), title: z.string(), deadline: z.string() })) })),
    lottery: z.array(Unit.extend({ group: z.enum(REVIEW_GROUPS), order: z.number(), redCount: z.number(), mustReport: z.string() })),
    bottom: z.array(z.object({ group: z.enum(REVIEW_GROUPS), units: z.array(Unit), confirmed: z.boolean() })),
    honours: z.array(Unit.extend({ kind: z.string(), label: z.string() })),
    leaderStars: z.array(z.object({ leaderName: z.string(), position: z.string(), led: z.number(), stars: z.number().nullable() })),
    past: z.array(
      z.object({
        id: z.number(),
        content: z.string(),
        unitName: z.string(),
        dueDate: z.string().nullable(),
        task: TaskState.nullable(),
        outcome: z.enum(OUTCOMES).describe('上次会议承诺的落实情况'),
      }),
    ),
    instructions: z.array(z.object({ id: z.number(), content: z.string(), leaderName: z.string() })),
    findings: z
      .array(Unit.extend({ problems: z.array(PackFinding), good: z.array(PackFinding) }))
      .describe('本月已归档的明察暗访发现，按被督查单位：问题（含整改事项）和好的做法'),
  })
  .openapi('MeetingPack');

const presentMeeting = (m: Awaited<ReturnType<typeof service.getMeeting>>): z.infer<typeof Meeting> => ({ ...m, notes: m.notes.map(presentNote) });

export const meetingRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/meetings/{period}',
      tags,
      summary: '某月月点评会：会议日期、材料生成日，已记录的领导批示和承诺',
      request: { params: PeriodParam },
      responses: { 200: jsonResponse(Meeting, '月点评会'), ...errorResponses },
    }),
    async (c) => c.json(presentMeeting(await service.getMeeting(c.get('deps'), actingUser(c).actor, c.req.valid('param').period)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/meetings/{period}/date',
      tags,
      summary: '设定月点评会日期（督查室）',
      request: { params: PeriodParam, ...jsonBody(z.object({ meetingDate: z.string().max(20), version: Int4.min(0) })) },
      responses: { 200: jsonResponse(Meeting, '已设定'), ...errorResponses },
    }),
    async (c) => c.json(presentMeeting(await service.setDate(c.get('deps'), actingUser(c), c.req.valid('param').period, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/meetings/{period}/pack',
      tags,
      summary: '月点评会材料：排名、红灯事项、抽签单位、表态发言、评星、上次会议承诺的落实情况（会前两个工作日起）',
      request: { params: PeriodParam },
      responses: { 200: jsonResponse(Pack, '会议材料'), ...errorResponses },
    }),
    async (c) => c.json(await service.getPack(c.get('deps'), actingUser(c).actor, c.req.valid('param').period), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/meetings/{period}/pack.docx',
      tags,
      summary: '下载月点评会材料（Word，公文格式），含本次会议已记录的领导批示和承诺；下载记入审计日志',
      request: { params: PeriodParam },
      responses: { 200: { description: '会议材料', content: { [DOCX_TYPE]: { schema: Binary } } }, ...errorResponses },
    }),
    async (c) => {
      const file = await service.packDocx(c.get('deps'), actingUser(c), c.req.valid('param').period);
      return c.body(new Uint8Array(file.data), 200, { 'Content-Type': DOCX_TYPE, 'Content-Disposition': file.disposition });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{period}/notes',
      tags,
      summary: '记录领导批示或承诺（督查室）',
      request: {
        params: PeriodParam,
        ...jsonBody(
          z.object({
            kind: z.enum(['instruction', 'commitment']),
            content: Text(2000, '内容'),
            leaderName: Text(50, '领导').default(''),
            unitId: Id.nullable().default(null),
            dueDate: z.string().max(20).nullable().default(null),
            taskId: Id.nullable().default(null),
          }),
        ),
      },
      responses: { 201: jsonResponse(Note, '已记录'), ...errorResponses },
    }),
    async (c) => c.json(presentNote(await service.addNote(c.get('deps'), actingUser(c), c.req.valid('param').period, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/meetings/notes/{id}/task',
      tags,
      summary: '承诺转为任务（督查室）：交办给承诺单位，按承诺时限督办',
      request: { params: IdParam, ...jsonBody(z.object({ version: VersionField })) },
      responses: { 200: jsonResponse(Note, '已转为任务'), ...errorResponses },
    }),
    async (c) => c.json(presentNote(await service.commitmentToTask(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json').version)), 200),
  );
