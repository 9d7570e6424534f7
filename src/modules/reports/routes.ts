import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, ErrorBody, errorResponses, IdParam, jsonResponse, QueryId, requirePermission } from '../../http.js';
import { XLSX_TYPE } from '../org/import.js';
import { LedgerFilter } from '../tasks/routes.js';
import { attachment } from '../../format.js';
import { exportLedger } from './ledger-xlsx.js';
import { DOCX_TYPE } from '../../format.js';
import { noticeDocx, sheetDocx } from './sheet-docx.js';
import { importTasks, taskTemplate } from './task-import.js';

const tags = ['报表与导入导出'];
const Binary = z.any().openapi({ type: 'string', format: 'binary' });
const fileResponse = (type: string, description: string) => ({ description, content: { [type]: { schema: Binary } } });
const UploadFile = z.custom<File>((v) => v instanceof File, '请选择要导入的 Excel 文件').openapi({ type: 'string', format: 'binary' });

const SheetParam = IdParam.extend({
  sheetId: QueryId.openapi({ param: { name: 'sheetId', in: 'path' } }),
});

export const reportRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks/{id}/sheets/{sheetId}/docx',
      tags,
      summary: '下载工作交办单（Word）',
      request: { params: SheetParam },
      responses: { 200: fileResponse(DOCX_TYPE, '交办单'), ...errorResponses },
    }),
    async (c) => {
      const { id, sheetId } = c.req.valid('param');
      const file = await sheetDocx(c.get('deps'), actingUser(c).actor, id, sheetId);
      return c.body(new Uint8Array(file.data), 200, { 'Content-Type': DOCX_TYPE, 'Content-Disposition': file.disposition });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/interviews/{id}/notice/docx',
      tags,
      summary: '下载诫勉谈话通报（Word），发布后可下载',
      request: { params: IdParam },
      responses: { 200: fileResponse(DOCX_TYPE, '通报'), ...errorResponses },
    }),
    async (c) => {
      const file = await noticeDocx(c.get('deps'), actingUser(c).actor, c.req.valid('param').id);
      return c.body(new Uint8Array(file.data), 200, { 'Content-Type': DOCX_TYPE, 'Content-Disposition': file.disposition });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks/export',
      tags,
      summary: '导出工作台账（Excel），筛选条件同台账；导出记入审计日志',
      request: { query: LedgerFilter },
      responses: { 200: fileResponse(XLSX_TYPE, '台账'), ...errorResponses },
    }),
    async (c) => {
      const file = await exportLedger(c.get('deps'), actingUser(c), c.req.valid('query'));
      return c.body(file.stream, 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': file.disposition });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks/import/template',
      tags,
      summary: '下载工作任务导入模板（Excel，督查室）',
      middleware: [requirePermission('task.manage')] as const,
      responses: { 200: fileResponse(XLSX_TYPE, '导入模板'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) =>
      c.body(await taskTemplate(c.get('deps'), actingUser(c).actor), 200, {
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': attachment('工作任务导入模板.xlsx', 'task-import-template.xlsx'),
      }),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tasks/import',
      tags,
      summary: '从 Excel 批量导入工作任务（督查室），导入后为草拟状态',
      description: '逐行校验；只要有一行有错就返回 IMPORT_INVALID 及出错的行（details.rows），不写入任何数据。',
      middleware: [requirePermission('task.manage')] as const,
      request: { body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: UploadFile }) } } } },
      responses: {
        200: jsonResponse(z.object({ created: z.number().describe('新建事项数'), ids: z.array(z.number()) }), '已导入'),
        ...errorResponses,
        413: { description: '文件超过 10MB', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => c.json(await importTasks(c.get('deps'), actingUser(c), await c.req.valid('form').file.arrayBuffer()), 200),
  );
