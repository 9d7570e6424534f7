import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, requirePermission, ErrorBody, errorResponses, jsonResponse } from '../../http.js';
import { buildTemplate, importOrg, XLSX_TYPE } from './import.js';
import { unitKindLabels } from './kind-labels.js';

const tags = ['组织机构'];
const TEMPLATE_NAME = '组织机构导入模板.xlsx';
const Binary = z.any().openapi({ type: 'string', format: 'binary' });
const UploadFile = z.custom<File>((v) => v instanceof File, '请选择要导入的 Excel 文件').openapi({ type: 'string', format: 'binary' });

export const importRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/org/import/template',
      tags,
      summary: '下载组织机构导入模板（Excel）',
      middleware: [requirePermission('org.write')] as const,
      responses: { 200: { description: '导入模板', content: { [XLSX_TYPE]: { schema: Binary } } }, 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) =>
      c.body(await buildTemplate((await unitKindLabels(c.get('deps').db)).labels), 200, {
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': `attachment; filename="org-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent(TEMPLATE_NAME)}`,
      }),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/org/import',
      tags,
      summary: '从 Excel 批量导入单位和人员',
      description: '逐行校验；只要有一行有错就返回 IMPORT_INVALID 及出错的行（details.rows），不写入任何数据。',
      middleware: [requirePermission('org.write')] as const,
      request: { body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: UploadFile }) } } } },
      responses: {
        200: jsonResponse(z.object({ units: z.number().describe('新建单位数'), people: z.number().describe('新建人员数') }), '已导入'),
        ...errorResponses,
        413: { description: '文件超过 10MB', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => c.json(await importOrg(c.get('deps'), actingUser(c), await c.req.valid('form').file.arrayBuffer()), 200),
  );
