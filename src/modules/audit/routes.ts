import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, createRouter, errorResponses, jsonResponse, PageQuery } from '../../http.js';
import { authorize } from '../../permissions.js';
import { exportAudit } from './export.js';
import { maskEntry } from './mask.js';
import { searchAudit, verifyChain } from './service.js';

const AuditEntry = z
  .object({
    seq: z.number(),
    occurredAt: z.string(),
    actorName: z.string(),
    actorRoles: z.array(z.string()),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    result: z.enum(['success', 'failure']),
    reason: z.string(),
    requestId: z.string(),
    ip: z.string(),
  })
  .openapi('AuditEntry');

const tags = ['审计'];

const AuditFilter = {
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: z.string().trim().max(50).optional(),
  action: z.string().trim().max(50).optional(),
  target: z.string().trim().max(50).optional(),
  result: z.enum(['success', 'failure']).optional(),
  keyword: z.string().trim().max(100).optional(),
};
const filtersOf = <T extends { from?: string; to?: string }>(q: T) => ({
  ...q,
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
});
const Binary = z.any().openapi({ type: 'string', format: 'binary' });

export const auditRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags,
      summary: '查询审计日志（审计管理员）',
      description:
        '三员分立：业务操作的前后值只显示字段名（编号、状态、版本号除外），值以 *** 代替；登录、账号、角色、安全策略和拒绝访问的记录完整显示。关键词只检索完整显示的内容。',
      request: {
        query: z.object({ ...AuditFilter, ...PageQuery }),
      },
      responses: {
        200: jsonResponse(z.object({ items: z.array(AuditEntry), total: z.number() }), '审计记录'),
        401: errorResponses[401],
        403: errorResponses[403],
      },
    }),
    async (c) => {
      const who = actingUser(c);
      authorize(who.actor, 'audit.read');
      const q = c.req.valid('query');
      const { total, items } = await searchAudit(c.get('deps').db, filtersOf(q));
      return c.json(
        {
          total,
          items: items.map(({ prevHash: _p, hash: _h, actorId: _a, userAgent: _u, ...e }) => maskEntry({ ...e, occurredAt: e.occurredAt.toISOString() })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/audit/verify',
      tags,
      summary: '校验审计日志哈希链完整性',
      responses: {
        200: jsonResponse(
          z.object({ checked: z.number(), ok: z.boolean(), problems: z.array(z.object({ seq: z.number(), kind: z.string(), message: z.string() })) }),
          '校验结果',
        ),
        401: errorResponses[401],
        403: errorResponses[403],
      },
    }),
    async (c) => {
      authorize(actingUser(c).actor, 'audit.read');
      const { checked, problems } = await verifyChain(c.get('deps'));
      return c.json({ checked, ok: problems.length === 0, problems }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit/export',
      tags,
      summary: '导出审计日志（Excel 或 CSV，审计管理员）',
      description: '导出筛选条件下的全部记录（不分页、不截断），脱敏规则与查询相同；导出本身记入审计日志。',
      request: { query: z.object({ ...AuditFilter, format: z.enum(['xlsx', 'csv']).default('xlsx') }) },
      responses: {
        200: {
          description: '审计日志文件',
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: Binary },
            'text/csv': { schema: Binary },
          },
        },
        401: errorResponses[401],
        403: errorResponses[403],
      },
    }),
    async (c) => {
      const { format, ...q } = c.req.valid('query');
      const file = await exportAudit(c.get('deps'), actingUser(c), filtersOf(q), format);
      return c.body(file.stream, 200, { 'Content-Type': file.type, 'Content-Disposition': file.disposition });
    },
  );
