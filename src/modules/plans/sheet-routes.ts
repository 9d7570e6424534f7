// A unit's plan sheet (预安表), as JSON and as a workbook.
import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, IdParam, jsonResponse, QueryId } from '../../http.js';
import { STATUS_LABELS, TASK_STATUSES } from '../tasks/rules.js';
import { fileResponse, Period, presentPeriod, tags } from './route-schemas.js';
import * as service from './service.js';
import { unitSheetXlsx, XLSX_TYPE } from './sheet-xlsx.js';

const UnitSheetParam = IdParam.extend({
  unitId: QueryId.openapi({ param: { name: 'unitId', in: 'path' } }),
});

const UnitSheetItem = z
  .object({
    seq: z.number(),
    itemId: z.number(),
    taskId: z.number(),
    title: z.string(),
    measures: z.string(),
    milestones: z.array(z.object({ name: z.string(), dueDate: z.string() })),
    deadline: z.string(),
    standard: z.string(),
    role: z.enum(['lead', 'cooperate']),
    leadLeaderName: z.string(),
    leadUnitName: z.string(),
    cooperatingUnitNames: z.array(z.string()),
    carriedOver: z.boolean(),
    status: z.enum(TASK_STATUSES),
    statusLabel: z.string(),
    percent: z.number(),
  })
  .openapi('UnitPlanSheetItem');
const presentSheetItem = (i: Awaited<ReturnType<typeof service.unitSheet>>['items'][number]): z.infer<typeof UnitSheetItem> => ({
  seq: i.seq,
  itemId: i.itemId,
  taskId: i.taskId,
  title: i.title,
  measures: i.measures,
  milestones: i.milestones,
  deadline: i.deadline,
  standard: i.standard,
  role: i.role,
  leadLeaderName: i.leadLeaderName,
  leadUnitName: i.leadUnitName,
  cooperatingUnitNames: i.cooperatingUnitNames,
  carriedOver: i.carriedOver,
  status: i.status,
  statusLabel: STATUS_LABELS[i.status],
  percent: i.percent,
});
const UnitSheet = z
  .object({
    period: Period,
    unit: z.object({ id: z.number(), name: z.string() }),
    items: z.array(UnitSheetItem),
    leftOut: z
      .array(z.object({ itemId: z.number(), taskId: z.number(), title: z.string(), note: z.string() }))
      .openapi({ description: '会议保留、但印发前已销号或撤销而未列入的挂单事项' }),
  })
  .openapi('UnitPlanSheet', { description: '预安表' });

export const sheetRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/plans/{id}/units/{unitId}/sheet',
      tags,
      summary: '单位预安表：本单位本期牵头和配合的事项（本单位、分管领导、督查室）',
      request: { params: UnitSheetParam },
      responses: { 200: jsonResponse(UnitSheet, '预安表'), ...errorResponses },
    }),
    async (c) => {
      const { id, unitId } = c.req.valid('param');
      const sheet = await service.unitSheet(c.get('deps'), actingUser(c).actor, id, unitId);
      return c.json({ period: presentPeriod(sheet.period), unit: sheet.unit, items: sheet.items.map(presentSheetItem), leftOut: sheet.leftOut }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/plans/{id}/units/{unitId}/sheet.xlsx',
      tags,
      summary: '下载单位预安表（Excel，可打印）',
      request: { params: UnitSheetParam },
      responses: { 200: fileResponse(XLSX_TYPE, '预安表'), ...errorResponses },
    }),
    async (c) => {
      const { id, unitId } = c.req.valid('param');
      const file = await unitSheetXlsx(c.get('deps'), actingUser(c).actor, id, unitId);
      return c.body(file.data, 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': file.disposition });
    },
  );
// ---- 挂单;
