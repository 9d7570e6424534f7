import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Result, Router } from 'hono/router';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';
import { createMiddleware } from 'hono/factory';
import type { Actor, Deps, Who } from './context.js';
import { AppError, unauthenticated } from './errors.js';
import { type Action, authorize } from './modules/auth/permissions.js';
import type { SessionUser } from './modules/auth/service.js';

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

// Every module builds its routes on this, so every route shares the same 400 answer.
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    router: new NumericIdRouter(),
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}：` : ''}${i.message}`);
        throw new AppError('VALIDATION_ERROR', `请求数据不正确：${issues.join('；')}`, 400, issues);
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

export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' } }),
});
export const VersionField = z.number().int().positive().describe('乐观锁版本号：读取时的 version');
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
