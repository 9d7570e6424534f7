import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, BoolQuery, createRouter, errorResponses, Id, IdParam, jsonBody, jsonResponse, PageQuery } from '../../http.js';
import { TASK_STATUSES } from '../tasks/rules.js';
import { presentTask, TaskDetail } from '../tasks/task-detail.js';
import * as service from './service.js';

const Day = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
const Text = (max: number) => z.string().trim().max(max);
const Status = z.enum(['pending', 'approved', 'rejected']);

const RequestItem = z
  .object({
    id: z.number(),
    taskId: z.number(),
    taskTitle: z.string(),
    taskStatus: z.enum(TASK_STATUSES),
    taskDeadline: z.string(),
    leadUnitId: z.number(),
    leadUnitName: z.string(),
    status: Status,
    finishedOn: z.string().describe('申报完成日期：单位的陈述，不决定是否逾期'),
    late: z.boolean().describe('申请时间（北京时间）晚于现行完成时限，通过后即为逾期销号'),
    filedByName: z.string(),
    filedAt: z.string(),
    decidedAt: z.string().nullable(),
    offices: z.array(z.object({ id: z.number(), name: z.string(), decision: z.enum(['approve', 'reject']).nullable() })),
    ownerUnit: z
      .object({ id: z.number(), name: z.string(), decision: z.enum(['approve', 'reject']).nullable() })
      .nullable()
      .describe('归口单位：事项类别的归口单位（审核时的划分）参加联审；无归口单位、归口单位牵头该事项或本身是联审部门时为空'),
    canReview: z.boolean(),
  })
  .openapi('ClosingRequestItem');

const ClosingAttachment = z
  .object({ id: z.number(), fileName: z.string(), mime: z.string(), size: z.number(), hasThumbnail: z.boolean() })
  .openapi('ClosingAttachment');

const RequestDetail = RequestItem.extend({
  summary: z.string(),
  indicatorResults: z.array(
    z.object({ indicatorId: z.number(), name: z.string(), target: z.number().nullable(), unitOfMeasure: z.string(), actual: z.number() }),
  ),
  attachments: z.array(ClosingAttachment),
  task: z.object({
    id: z.number(),
    title: z.string(),
    standard: z.string(),
    startDate: z.string(),
    deadline: z.string(),
    status: z.enum(TASK_STATUSES),
    percent: z.number(),
    evidenceRequired: z.boolean(),
  }),
  reviews: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      officeId: z.number().nullable(),
      unitId: z.number().nullable().describe('归口单位审核时为该单位，否则为空'),
      officeName: z.string().describe('联审部门或归口单位的名称'),
      reviewerName: z.string(),
      decision: z.enum(['approve', 'reject']),
      comment: z.string(),
    }),
  ),
  siteChecks: z.array(
    z.object({ id: z.number(), at: z.string(), checkedOn: z.string(), checkedByName: z.string(), notes: z.string(), attachments: z.array(ClosingAttachment) }),
  ),
  canSiteCheck: z.boolean(),
}).openapi('ClosingRequest', { description: '销号审批表：完成情况、指标、佐证材料、事项摘要、各联审部门意见与实地核查' });
const RequestList = z.object({ total: z.number(), items: z.array(RequestItem) });

const ClosingInput = z.object({
  summary: Text(5000),
  indicatorResults: z
    .array(z.object({ indicatorId: Id, actual: z.number().finite() }))
    .max(50)
    .default([]),
  finishedOn: Day.describe('申报完成日期：单位的陈述，是否逾期按申请提交时间判定'),
  attachmentIds: z.array(Id).max(20).default([]),
});

const ReviewInput = z.object({ decision: z.enum(['approve', 'reject']), comment: Text(2000).default('') });
const SiteCheckInput = z.object({ checkedOn: Day, notes: Text(5000).min(1, '请填写核查情况'), attachmentIds: z.array(Id).max(20).default([]) });

const tags = ['销号'];

export const closingRoutes = createRouter()
  // Here rather than among the task's other actions: a task under review takes its pending request with it.
  .openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/cancel',
      tags,
      summary: '撤销事项（督查室）；申请销号中的事项，其待审核的销号申请一并了结',
      request: { params: IdParam, ...jsonBody(z.object({ reason: Text(1000).optional() })) },
      responses: { 200: jsonResponse(TaskDetail, '已撤销'), ...errorResponses },
    }),
    async (c) => c.json(presentTask(await service.cancelTask(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/closing-requests',
      tags,
      summary: '申请销号（牵头单位；推进中或退回整改的事项，每个事项同时只有一份待审核的申请）',
      request: { params: IdParam, ...jsonBody(ClosingInput) },
      responses: { 201: jsonResponse(RequestDetail, '已申请'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const who = actingUser(c);
      const id = await service.fileRequest(deps, who, c.req.valid('param').id, c.req.valid('json'));
      return c.json(await service.getRequest(deps, who.actor, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks/{id}/closing-requests',
      tags,
      summary: '事项的全部销号申请',
      request: { params: IdParam },
      responses: { 200: jsonResponse(RequestList, '销号申请'), ...errorResponses },
    }),
    async (c) => c.json(await service.taskRequests(c.get('deps'), actingUser(c).actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/closing-requests',
      tags,
      summary: '销号申请：数据范围内的事项的申请，可按状态筛选（联审部门看全部）；toReview=true 只列待我审核的（联审部门或归口单位）',
      request: {
        query: z.object({ status: Status.optional(), toReview: BoolQuery, ...PageQuery }),
      },
      responses: { 200: jsonResponse(RequestList, '销号申请'), ...errorResponses },
    }),
    async (c) => c.json(await service.listRequests(c.get('deps'), actingUser(c).actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/closing-requests/{id}',
      tags,
      summary: '销号审批表',
      request: { params: IdParam },
      responses: { 200: jsonResponse(RequestDetail, '销号申请'), ...errorResponses },
    }),
    async (c) => c.json(await service.getRequest(c.get('deps'), actingUser(c).actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/closing-requests/{id}/reviews',
      tags,
      summary: '联审意见（督查室、效能监察室、考核办及事项类别的归口单位各一次；全部同意即销号，一家不同意即退回整改）',
      request: { params: IdParam, ...jsonBody(ReviewInput) },
      responses: { 201: jsonResponse(RequestDetail, '已审核'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const who = actingUser(c);
      const { id } = c.req.valid('param');
      await service.review(deps, who, id, c.req.valid('json'));
      return c.json(await service.getRequest(deps, who.actor, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/closing-requests/{id}/site-checks',
      tags,
      summary: '实地核查记录（联审部门，审核前可选）',
      request: { params: IdParam, ...jsonBody(SiteCheckInput) },
      responses: { 201: jsonResponse(RequestDetail, '已记录'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const who = actingUser(c);
      const { id } = c.req.valid('param');
      await service.addSiteCheck(deps, who, id, c.req.valid('json'));
      return c.json(await service.getRequest(deps, who.actor, id), 201);
    },
  );
