import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { actingUser, createRouter, ErrorBody, errorResponses, Id, IdParam, Int4, jsonBody, jsonResponse, PageQuery, VersionField } from '../../http.js';
import type { Config } from '../../config.js';
import { MAX_PASSWORD_LENGTH } from './rules.js';
import { MeSchema, presentMe, RoleSchema } from './present.js';
import * as secondFactor from './second-factor.js';
import * as service from './service.js';

// Behind TLS (config.cookieSecure) the session cookie is a __Host- cookie: Secure, Path=/, no Domain, so neither a
// sibling subdomain nor plain http can set or overwrite it. Browsers refuse a __Host- cookie without Secure, and
// development and the tests run on plain http, so there it keeps the plain name (still HttpOnly, SameSite=Strict).
const SESSION_COOKIE_BASE = 'luoshi_sid';
export const sessionCookieName = (config: Pick<Config, 'cookieSecure'>) => (config.cookieSecure ? `__Host-${SESSION_COOKIE_BASE}` : SESSION_COOKIE_BASE);

const Password = z.string().min(1, '请输入密码').max(MAX_PASSWORD_LENGTH);
const LoginBody = z.object({ username: z.string().trim().min(1, '请输入账号').max(64), password: Password }).openapi('LoginRequest');
const MeResponse = z.object({ user: MeSchema });
const SecondFactorStep = z
  .object({
    secondFactor: z.object({
      // Single use, a few minutes long; it opens nothing but POST /auth/login/second-factor.
      challenge: z.string(),
      expiresAt: z.string(),
    }),
  })
  .openapi('SecondFactorStep');
const Code = z.string().trim().min(1, '请输入动态口令').max(20);
const CodeBody = z.object({ code: Code });
const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) }).openapi('RecoveryCodes');
const TotpStatus = z
  .object({ enabled: z.boolean(), enrolling: z.boolean(), required: z.boolean(), enabledAt: z.string().nullable(), recoveryCodesLeft: z.number() })
  .openapi('TotpStatus');

const AccountSchema = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    personId: z.number().nullable(),
    personName: z.string().nullable(),
    unitName: z.string().nullable(),
    roles: z.array(RoleSchema),
    active: z.boolean(),
    locked: z.boolean(),
    mustChangePassword: z.boolean(),
    totpEnabled: z.boolean(),
    passwordChangedAt: z.string(),
    createdAt: z.string(),
    version: z.number(),
  })
  .openapi('Account');

const PolicySchema = z
  .object({
    minLength: Int4,
    rotationDays: Int4,
    maxFailedLogins: Int4,
    lockMinutes: Int4,
    idleMinutes: Int4,
    absoluteHours: Int4,
    totpRequired: z.boolean(),
    version: Int4,
  })
  .openapi('SecurityPolicy');

const tags = ['账号与会话'];

function setSessionCookie(c: Context, token: string) {
  const { config } = c.get('deps');
  setCookie(c, sessionCookieName(config), token, { httpOnly: true, sameSite: 'Strict', secure: config.cookieSecure, path: '/' });
}

export const authRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags,
      summary: '登录',
      request: jsonBody(LoginBody),
      responses: {
        200: jsonResponse(MeResponse, '登录成功，设置会话 Cookie'),
        202: jsonResponse(SecondFactorStep, '密码正确，账号已启用动态口令：须再验证动态口令或恢复码'),
        400: errorResponses[400],
        401: errorResponses[401],
        423: jsonResponse(ErrorBody, '连续登录失败，账号已锁定（不存在的账号同样答复）'),
        429: jsonResponse(ErrorBody, '本网络地址登录失败次数过多，暂停登录'),
      },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const result = await service.login(c.get('deps'), c.get('who').meta, username, password);
      if (result.kind === 'second_factor') return c.json({ secondFactor: { challenge: result.challenge, expiresAt: result.expiresAt.toISOString() } }, 202);
      setSessionCookie(c, result.token);
      return c.json({ user: presentMe(result.user, c.get('deps').clock.now()) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/login/second-factor',
      tags,
      summary: '登录第二步：动态口令或恢复码',
      request: jsonBody(z.object({ challenge: z.string().min(1).max(100), code: Code }).openapi('SecondFactorRequest')),
      responses: {
        200: jsonResponse(MeResponse, '登录成功，设置会话 Cookie'),
        400: errorResponses[400],
        401: errorResponses[401],
        423: jsonResponse(ErrorBody, '连续验证失败，账号已锁定'),
        429: jsonResponse(ErrorBody, '本网络地址登录失败次数过多，暂停登录'),
      },
    }),
    async (c) => {
      const { challenge, code } = c.req.valid('json');
      const { token, user } = await secondFactor.completeLogin(c.get('deps'), c.get('who').meta, challenge, code);
      setSessionCookie(c, token);
      return c.json({ user: presentMe(user, c.get('deps').clock.now()) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/auth/totp',
      tags,
      summary: '本人的动态口令状态',
      responses: { 200: jsonResponse(TotpStatus, '状态'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await secondFactor.totpStatus(c.get('deps'), actingUser(c).actor), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/totp/enrolment',
      tags,
      summary: '开始绑定动态口令（返回二维码与密钥，仅此一次）',
      responses: {
        200: jsonResponse(z.object({ secret: z.string(), otpauthUri: z.string(), qrCode: z.string() }).openapi('TotpEnrolment'), '待确认的密钥'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await secondFactor.startEnrolment(c.get('deps'), actingUser(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/totp/enrolment/confirm',
      tags,
      summary: '以当前动态口令确认绑定，返回 10 个一次性恢复码（仅显示一次）',
      request: jsonBody(CodeBody),
      responses: { 200: jsonResponse(RecoveryCodes, '已启用'), ...errorResponses },
    }),
    async (c) => c.json(await secondFactor.confirmEnrolment(c.get('deps'), actingUser(c), c.req.valid('json').code), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/totp/recovery-codes',
      tags,
      summary: '重新生成恢复码（旧码作废）',
      request: jsonBody(CodeBody),
      responses: { 200: jsonResponse(RecoveryCodes, '新的恢复码'), ...errorResponses },
    }),
    async (c) => c.json(await secondFactor.regenerateRecoveryCodes(c.get('deps'), actingUser(c), c.req.valid('json').code), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/totp/disable',
      tags,
      summary: '停用动态口令（安全策略不要求时）',
      request: jsonBody(CodeBody),
      responses: { 200: jsonResponse(TotpStatus, '已停用'), ...errorResponses },
    }),
    async (c) => c.json(await secondFactor.disableTotp(c.get('deps'), actingUser(c), c.req.valid('json').code), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/auth/me',
      tags,
      summary: '当前用户',
      responses: { 200: jsonResponse(MeResponse, '当前用户'), 401: errorResponses[401] },
    }),
    (c) => {
      actingUser(c);
      return c.json({ user: presentMe(c.get('user')!, c.get('deps').clock.now()) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags,
      summary: '退出登录（服务端结束会话）',
      responses: { 204: { description: '已退出' }, 401: errorResponses[401] },
    }),
    async (c) => {
      await service.logout(c.get('deps'), actingUser(c), c.get('user')!.tokenHash);
      const { config } = c.get('deps');
      deleteCookie(c, sessionCookieName(config), { path: '/', secure: config.cookieSecure });
      c.header('Clear-Site-Data', '"cache", "cookies", "storage"');
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/password',
      tags,
      summary: '修改密码',
      request: jsonBody(z.object({ currentPassword: Password, newPassword: Password })),
      responses: { 200: jsonResponse(MeResponse, '已修改'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => {
      const deps = c.get('deps');
      const user = c.get('user');
      await service.changePassword(deps, actingUser(c), user!.tokenHash, c.req.valid('json'));
      const fresh = await service.authenticateByHash(deps, user!.tokenHash);
      return c.json({ user: presentMe(fresh, deps.clock.now()) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/accounts',
      tags,
      summary: '账号列表',
      request: { query: z.object({ keyword: z.string().max(50).optional(), ...PageQuery }) },
      responses: {
        200: jsonResponse(z.object({ items: z.array(AccountSchema), total: z.number() }), '账号列表'),
        401: errorResponses[401],
        403: errorResponses[403],
      },
    }),
    async (c) => c.json(await service.listAccounts(c.get('deps'), actingUser(c).actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/accounts',
      tags,
      summary: '新建账号（系统管理员；角色由安全管理员授予）',
      request: jsonBody(
        z.object({
          username: z.string().regex(service.USERNAME_PATTERN, '账号名须以字母开头，3–32 位字母、数字、下划线、点或横线'),
          displayName: z.string().trim().min(1, '请输入姓名').max(50),
          personId: Id.nullable(),
          initialPassword: Password,
        }),
      ),
      responses: { 201: jsonResponse(AccountSchema, '已创建'), ...errorResponses },
    }),
    async (c) => c.json(await service.createAccount(c.get('deps'), actingUser(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/accounts/{id}',
      tags,
      summary: '修改账号',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            version: VersionField,
            displayName: z.string().trim().min(1).max(50).optional(),
            personId: Id.nullable().optional(),
          }),
        ),
      },
      responses: { 200: jsonResponse(AccountSchema, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(await service.changeAccount(c.get('deps'), actingUser(c), c.req.valid('param').id, { kind: 'update', ...c.req.valid('json') }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/accounts/{id}/reset-password',
      tags,
      summary: '重置密码（用户下次登录须修改）',
      request: { params: IdParam, ...jsonBody(z.object({ newPassword: Password })) },
      responses: { 200: jsonResponse(AccountSchema, '已重置'), ...errorResponses },
    }),
    async (c) =>
      c.json(await service.changeAccount(c.get('deps'), actingUser(c), c.req.valid('param').id, { kind: 'reset_password', ...c.req.valid('json') }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/accounts/{id}/reset-totp',
      tags,
      summary: '重置动态口令（安全管理员；用户须重新绑定）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(AccountSchema, '已重置'), ...errorResponses },
    }),
    async (c) => c.json(await secondFactor.resetTotp(c.get('deps'), actingUser(c), c.req.valid('param').id), 200),
  )
  // After the named /accounts/{id}/… routes, which it would otherwise swallow.
  .openapi(
    createRoute({
      method: 'post',
      path: '/accounts/{id}/{change}',
      tags,
      summary: '停用、启用或解锁账号',
      request: { params: IdParam.extend({ change: z.enum(['disable', 'enable', 'unlock']).openapi({ param: { name: 'change', in: 'path' } }) }) },
      responses: { 200: jsonResponse(AccountSchema, '已处理'), ...errorResponses },
    }),
    async (c) => {
      const { id, change } = c.req.valid('param');
      return c.json(await service.changeAccount(c.get('deps'), actingUser(c), id, { kind: change }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/accounts/{id}/roles',
      tags,
      summary: '授予角色（安全管理员）',
      request: { params: IdParam, ...jsonBody(z.object({ roles: z.array(RoleSchema).max(10) })) },
      responses: { 200: jsonResponse(AccountSchema, '已授权'), ...errorResponses },
    }),
    async (c) => c.json(await service.setRoles(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json').roles), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/security-policy',
      tags,
      summary: '安全策略',
      responses: { 200: jsonResponse(PolicySchema, '当前策略'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => c.json(await service.getPolicy(c.get('deps'), actingUser(c).actor), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/security-policy',
      tags,
      summary: '修改安全策略（安全管理员）',
      request: jsonBody(PolicySchema),
      responses: { 200: jsonResponse(PolicySchema, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(await service.updatePolicy(c.get('deps'), actingUser(c), c.req.valid('json')), 200),
  );
