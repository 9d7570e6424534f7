import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Result, Router } from 'hono/router';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';
import { createMiddleware } from 'hono/factory';
import type { Actor, Deps, Who } from './context.js';
import { AppError, unauthenticated } from './errors.js';
import { type Action, authorize } from './permissions.js';
import type { SessionUser } from './modules/auth/service.js';
import { MONTH_PATTERN } from './modules/plans/rules.js';

export type AppEnv = {
  Variables: {
    deps: Deps;
    who: Who;
    user: (SessionUser & { tokenHash: string }) | undefined;
  };
};

// Path parameters named id or …Id are numbers: matching them to digits only keeps a literal segment such as
// GET /tasks/export from being taken for GET /tasks/{id}, so the order routers are mounted in does not matter.
class NumericIdRouter<T> implements Router<T> {
  readonly name = 'NumericIdRouter';
  readonly #inner: Router<T> = new SmartRouter({ routers: [new RegExpRouter(), new TrieRouter()] });
  add(method: string, path: string, handler: T) {
    this.#inner.add(method, path.replace(/\/:(id|\w+Id)(?=\/|$)/g, '/:$1{[0-9]+}'), handler);
  }
  match(method: string, path: string): Result<T> {
    return this.#inner.match(method, path);
  }
}

// Control characters other than tab, line feed and carriage return, which multi-line text may hold. PostgreSQL stores
// no NUL in text or jsonb, and none of these belongs in a name, a title or a report.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// The path to the first string in a validated request (body, query or path) that holds a control character or an
// unpaired surrogate (which jsonb refuses too); null when there is none. Files in a form are not text and are skipped.
export function badTextAt(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return CONTROL_CHARACTER.test(value) || LONE_SURROGATE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const bad = badTextAt(item, [...path, i]);
      if (bad) return bad;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      const bad = badTextAt(key, [...path, key]) ?? badTextAt(item, [...path, key]);
      if (bad) return bad;
    }
  }
  return null;
}

// Every module builds its routes on this, so every route shares the same 400 answer.
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    router: new NumericIdRouter(),
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}：` : ''}${i.message}`);
        throw new AppError('VALIDATION_ERROR', `请求数据不正确：${issues.join('；')}`, 400, issues);
      }
      const bad = badTextAt(result.data);
      if (bad) {
        const issue = `${bad.length ? `${bad.join('.')}：` : ''}含有不允许的控制字符或无效字符`;
        throw new AppError('VALIDATION_ERROR', `请求数据不正确：${issue}`, 400, [issue]);
      }
    },
  });
}

export function actingUser(c: Context<AppEnv>): Who & { actor: Actor } {
  const user = c.get('user');
  if (!user) throw unauthenticated();
  return { actor: user.actor, meta: c.get('who').meta };
}

export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) }).openapi('Error');

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBody } } });

export const errorResponses = {
  400: errorResponse('请求数据不正确'),
  401: errorResponse('未登录或会话已超时'),
  403: errorResponse('没有权限'),
  404: errorResponse('对象不存在或不在数据范围内'),
  409: errorResponse('状态冲突或数据已被他人修改'),
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

// Ids and versions are PostgreSQL int4 columns: a larger number is refused here with a 400, not by the database with a 500.
export const MAX_INT4 = 2_147_483_647;
export const Id = z.number().int('编号应为整数').min(1, '编号应为正整数').max(MAX_INT4, '编号超出范围');
// An id in a path or query string (text until coerced).
export const QueryId = z.coerce.number().int('编号应为整数').min(1, '编号应为正整数').max(MAX_INT4, '编号超出范围');
// Any other whole number stored in an int4 column.
export const Int4 = z
  .number()
  .int('应为整数')
  .min(-MAX_INT4 - 1, '数值超出范围')
  .max(MAX_INT4, '数值超出范围');
// A month as the API writes it, YYYY-MM.
export const monthText = (message = '月份格式应为 YYYY-MM') => z.string().regex(MONTH_PATTERN, message);

export const IdParam = z.object({ id: QueryId.openapi({ param: { name: 'id', in: 'path' } }) });
export const VersionField = z
  .number()
  .int('版本号应为整数')
  .min(1, '版本号应为正整数')
  .max(MAX_INT4, '版本号超出范围')
  .describe('乐观锁版本号：读取时的 version');
export const PageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
export const BoolQuery = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

// Route middleware: checks the role before the request is validated or its body read,
// so nobody without the right gets an upload parsed or learns what a valid request looks like.
export const requirePermission = (action: Action) =>
  createMiddleware<AppEnv>(async (c, next) => {
    authorize(actingUser(c).actor, action);
    await next();
  });
