import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, Id, IdParam, jsonBody, jsonResponse, QueryId, requirePermission } from '../../http.js';
import { TASK_STATUSES } from '../tasks/rules.js';
import { INTERVIEW_ACTIONS, INTERVIEW_LEVELS, INTERVIEW_STATUSES } from './interview-rules.js';
import * as service from './interviews.js';

const tags = ['领导约谈'];
const Day = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
const Text = (max: number) => z.string().trim().max(max);
const Level = z.enum(INTERVIEW_LEVELS);
const TaskStatus = z.enum(TASK_STATUSES);

const InterviewSummary = z
  .object({
    id: z.number(),
    unitId: z.number(),
    unitName: z.string(),
    intervieweePersonId: z.number().nullable(),
    intervieweeName: z.string(),
    level: Level,
    reason: z.string(),
    taskIds: z.array(z.number()),
    status: z.enum(INTERVIEW_STATUSES),
    proposedByName: z.string(),
    proposedAt: z.string(),
    decidedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string(),
    heldOn: z.string().nullable(),
    interviewer: z.string(),
    findings: z.string().describe('约谈情况；诫勉谈话为谈话结果'),
    sheetId: z.number().nullable().describe('诫勉谈话：开启它的诫勉谈话通知书'),
    attendees: z.string().describe('诫勉谈话的参加人员'),
    noticeText: z.string().describe('已发布的通报正文'),
    noticePublishedAt: z.string().nullable(),
    version: z.number(),
    flagged: z.boolean().describe('被约谈人是否建议调整岗位'),
  })
  .openapi('InterviewSummary');

const Interview = InterviewSummary.extend({
  tasks: z.array(z.object({ id: z.number(), title: z.string(), status: TaskStatus, deadline: z.string() })),
  commitments: z.array(
    z.object({ id: z.number(), content: z.string(), dueDate: z.string(), taskId: z.number().nullable(), taskStatus: TaskStatus.nullable() }),
  ),
  actions: z.array(z.enum(INTERVIEW_ACTIONS)),
}).openapi('Interview', { description: '约谈：单位、被约谈人、事由、审批、约谈情况、承诺及其事项状态、是否建议调整岗位' });

const PostFlag = z
  .object({
    personId: z.number(),
    name: z.string(),
    title: z.string(),
    stillHead: z.boolean(),
    interviews: z.array(z.object({ id: z.number(), unitId: z.number(), unitName: z.string(), level: Level, heldOn: z.string() })),
  })
  .openapi('InterviewFlag');

const Suggestion = z
  .object({
    unitId: z.number(),
    unitName: z.string(),
    headPersonId: z.number(),
    headName: z.string(),
    suggestedLevel: Level,
    lastInterview: z.object({ id: z.number(), level: Level, heldOn: z.string() }).nullable(),
    flagged: z.boolean(),
  })
  .openapi('InterviewSuggestion');

const ProposeInput = z.object({
  unitId: Id,
  reason: Text(2000).min(1, '请填写约谈事由'),
  taskIds: z.array(Id).max(50).default([]),
  // 诫勉谈话 is opened by the months-overdue ladder, never proposed.
  level: z.enum(['organisation_head', 'main_leader']),
});

const TalkInput = z.object({
  heldOn: Day,
  interviewer: Text(100).min(1, '请填写谈话人'),
  attendees: Text(500).min(1, '请填写参加人员'),
  outcome: Text(5000).min(1, '请填写谈话结果'),
});

const Notice = z
  .object({ interviewId: z.number(), title: z.string(), text: z.string(), published: z.boolean(), publishedAt: z.string().nullable() })
  .openapi('AdmonishmentNotice', { description: '诫勉谈话通报：未发布时为草稿' });

const RecordInput = z.object({
  heldOn: Day,
  interviewer: Text(100).min(1, '请填写约谈人'),
  findings: Text(5000).min(1, '请填写约谈情况'),
  commitments: z
    .array(z.object({ content: Text(200).min(1, '请填写承诺内容'), dueDate: Day }))
    .min(1, '请至少填写一项整改承诺')
    .max(20),
});

export const interviewRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/interviews',
      tags,
      summary: '约谈列表（督查室、考核办、纪委看全部；县领导看分管单位）',
      request: {
        query: z.object({
          status: z.enum(INTERVIEW_STATUSES).optional(),
          unitId: QueryId.optional(),
        }),
      },
      responses: { 200: jsonResponse(z.object({ items: z.array(InterviewSummary) }), '约谈'), ...errorResponses },
    }),
    async (c) => c.json({ items: await service.listInterviews(c.get('deps'), actingUser(c).actor, c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/interviews/flags',
      tags,
      summary: '一年之内两次被约谈、建议调整岗位的单位主要负责人',
      responses: { 200: jsonResponse(z.object({ items: z.array(PostFlag) }), '建议调整岗位'), ...errorResponses },
    }),
    async (c) => c.json({ items: await service.listFlags(c.get('deps'), actingUser(c).actor) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/interviews/suggest',
      tags,
      summary: '建议约谈层级：一年内已约谈过的主要负责人，再次约谈由主要领导进行',
      middleware: [requirePermission('interview.read')] as const,
      request: { query: z.object({ unitId: QueryId }) },
      responses: { 200: jsonResponse(Suggestion, '建议'), ...errorResponses },
    }),
    async (c) => c.json(await service.suggest(c.get('deps'), actingUser(c).actor, c.req.valid('query').unitId), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/interviews/{id}',
      tags,
      summary: '约谈详情，含承诺及其事项状态',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Interview, '约谈'), ...errorResponses },
    }),
    async (c) => c.json(await service.getInterview(c.get('deps'), actingUser(c).actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/interviews',
      tags,
      summary: '提出约谈建议（督查室、考核办）：约谈单位主要负责人',
      request: jsonBody(ProposeInput),
      responses: { 201: jsonResponse(Interview, '已提出'), ...errorResponses },
    }),
    async (c) => c.json(await service.propose(c.get('deps'), actingUser(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/interviews/{id}/approve',
      tags,
      summary: '批准约谈建议（分管该单位的县领导，或县委书记、县长）',
      request: { params: IdParam, ...jsonBody(z.object({ note: Text(1000).default('') })) },
      responses: { 200: jsonResponse(Interview, '已批准'), ...errorResponses },
    }),
    async (c) => c.json(await service.decide(c.get('deps'), actingUser(c), c.req.valid('param').id, 'approve', c.req.valid('json').note), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/interviews/{id}/reject',
      tags,
      summary: '不予批准约谈建议（须填写理由）',
      request: { params: IdParam, ...jsonBody(z.object({ note: Text(1000).min(1, '请填写不予批准的理由') })) },
      responses: { 200: jsonResponse(Interview, '未批准'), ...errorResponses },
    }),
    async (c) => c.json(await service.decide(c.get('deps'), actingUser(c), c.req.valid('param').id, 'reject', c.req.valid('json').note), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/interviews/{id}/record',
      tags,
      summary: '登记约谈情况和整改承诺（督查室）；每项承诺交办为一个督办事项',
      request: { params: IdParam, ...jsonBody(RecordInput) },
      responses: { 200: jsonResponse(Interview, '已登记'), ...errorResponses },
    }),
    async (c) => c.json(await service.record(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/interviews/{id}/talk',
      tags,
      summary: '登记诫勉谈话情况（纪委监委）：谈话日期、谈话人、参加人员、谈话结果',
      request: { params: IdParam, ...jsonBody(TalkInput) },
      responses: { 200: jsonResponse(Interview, '已登记'), ...errorResponses },
    }),
    async (c) => c.json(await service.recordTalk(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/interviews/{id}/notice',
      tags,
      summary: '诫勉谈话通报：已发布的正文，或据谈话情况生成的草稿',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Notice, '通报'), ...errorResponses },
    }),
    async (c) => c.json(await service.noticeOf(c.get('deps'), actingUser(c).actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/interviews/{id}/notice',
      tags,
      summary: '发布诫勉谈话通报（纪委监委）：通知督查室和承办单位，并记入事项动态；正文留空则用草稿',
      request: { params: IdParam, ...jsonBody(z.object({ text: Text(10000).default('') })) },
      responses: { 200: jsonResponse(Notice, '已发布'), ...errorResponses },
    }),
    async (c) => c.json(await service.publishNotice(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
