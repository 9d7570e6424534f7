// HTTP for cooperating units' parts (配合分工): set a part, and the five moves on it. Each answers the task.
import { createRoute, type RouteHandler, z } from '@hono/zod-openapi';
import { actingUser, type AppEnv, createRouter, errorResponses, Id, IdParam, jsonBody, jsonResponse, QueryId, VersionField } from '../../http.js';
import { type PartAction } from './part-rules.js';
import { movePart, setPart } from './parts.js';
import * as service from './service.js';
import { presentTask, TaskDetail } from './task-detail.js';

const tags = ['工作台账'];
const Text = (max: number) => z.string().trim().max(max);
const Day = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

const PartParam = IdParam.extend({ unitId: QueryId.openapi({ param: { name: 'unitId', in: 'path' } }) });

const SUMMARIES: Record<PartAction, string> = {
  sign: '签收分工（配合单位）',
  report: '报告分工办理情况，可附佐证材料（配合单位）',
  confirm: '确认分工已完成（牵头单位或督查室）',
  return: '退回分工报告（牵头单位或督查室，须写理由）',
  explain: '说明分工不再办理的情况（牵头单位或督查室，须写理由）',
};

const MoveInput = z.object({
  version: VersionField,
  reason: Text(1000).optional().openapi({ description: '退回或说明的理由' }),
  text: Text(5000).optional().openapi({ description: '分工办理情况（报告时必填）' }),
  attachmentIds: z.array(Id).max(20).optional(),
});

const moveRoute = <A extends PartAction>(action: A) =>
  createRoute({
    method: 'post',
    path: `/tasks/{id}/parts/{unitId}/${action}` as const,
    tags,
    summary: SUMMARIES[action],
    request: { params: PartParam, ...jsonBody(MoveInput) },
    responses: { 200: jsonResponse(TaskDetail, '已办理'), ...errorResponses },
  });

const move =
  <A extends PartAction>(action: A): RouteHandler<ReturnType<typeof moveRoute<A>>, AppEnv> =>
  async (c) => {
    const deps = c.get('deps');
    const who = actingUser(c);
    const { id, unitId } = c.req.valid('param');
    await movePart(deps, who, id, unitId, action, c.req.valid('json'));
    return c.json(presentTask(await service.getTask(deps, who.actor, id)), 200);
  };

export const partRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'put',
      path: '/tasks/{id}/parts/{unitId}',
      tags,
      summary: '安排或修改配合单位的分工（牵头单位或督查室）；修改后须重新签收',
      request: {
        params: PartParam,
        ...jsonBody(
          z.object({
            part: Text(500).min(1, '请写明分工内容'),
            dueDate: Day.nullable().default(null),
            standard: Text(2000).default(''),
          }),
        ),
      },
      responses: { 200: jsonResponse(TaskDetail, '已安排'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const who = actingUser(c);
      const { id, unitId } = c.req.valid('param');
      await setPart(deps, who, id, { unitId, ...c.req.valid('json') });
      return c.json(presentTask(await service.getTask(deps, who.actor, id)), 200);
    },
  )
  .openapi(moveRoute('sign'), move('sign'))
  .openapi(moveRoute('report'), move('report'))
  .openapi(moveRoute('confirm'), move('confirm'))
  .openapi(moveRoute('return'), move('return'))
  .openapi(moveRoute('explain'), move('explain'));
