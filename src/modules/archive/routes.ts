import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, IdParam, requirePermission } from '../../http.js';
import { DOCX_TYPE } from '../../format.js';
import * as service from './service.js';

const Binary = z.any().openapi({ type: 'string', format: 'binary' });
const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const archiveRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/archive/units/{id}/archive.docx',
    tags: ['考核档案'],
    middleware: [requirePermission('archive.read')] as const,
    summary: '单位年度考核档案（Word）：逐项列出督办单、进展报告、销号，及月度评分、申诉、绩效自评、学习台账；下载记入审计日志',
    request: { params: IdParam, query: YearQuery },
    responses: { 200: { description: '考核档案', content: { [DOCX_TYPE]: { schema: Binary } } }, ...errorResponses },
  }),
  async (c) => {
    const file = await service.archiveDocx(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('query').year);
    return c.body(new Uint8Array(file.data), 200, { 'Content-Type': DOCX_TYPE, 'Content-Disposition': file.disposition });
  },
);
