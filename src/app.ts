import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { calendarRoutes } from './calendar/routes.js';
import { clientAddress } from './client-ip.js';
import type { Deps, Who } from './context.js';
import { AppError, errorBody, unauthenticated } from './errors.js';
import { createRouter } from './http.js';
import { auditRoutes } from './modules/audit/routes.js';
import { lookupRoutes } from './modules/lookup/routes.js';
import { recordFailure } from './modules/audit/service.js';
import { authRoutes, sessionCookieName } from './modules/auth/routes.js';
import { interviewRoutes } from './modules/chasing/interview-routes.js';
import { chasingRoutes } from './modules/chasing/routes.js';
import { closingRoutes } from './modules/closing/routes.js';
import { authenticate } from './modules/auth/service.js';
import { notifyRoutes } from './modules/notify/routes.js';
import { importRoutes } from './modules/org/import-routes.js';
import { orgRoutes } from './modules/org/routes.js';
import { planRoutes } from './modules/plans/routes.js';
import { reportRoutes } from './modules/reports/routes.js';
import { attachmentRoutes } from './modules/tasks/attachment-routes.js';
import { taskRoutes } from './modules/tasks/routes.js';
import { partRoutes } from './modules/tasks/part-routes.js';
import { figureRoutes } from './modules/figures/routes.js';
import { lotteryRoutes } from './modules/lottery/routes.js';
import { appealRoutes } from './modules/review/appeal-routes.js';
import { noticeRoutes } from './modules/notice/routes.js';
import { recordsRoutes } from './modules/records/routes.js';
import { projectRoutes } from './modules/projects/routes.js';
import { reviewRoutes } from './modules/review/routes.js';
import { assessmentRoutes } from './modules/assessment/routes.js';
import { starRoutes } from './modules/stars/routes.js';
import { meetingRoutes } from './modules/meeting/routes.js';
import { selfAssessmentRoutes } from './modules/selfassessment/routes.js';
import { studyRoutes } from './modules/study/routes.js';
import { archiveRoutes } from './modules/archive/routes.js';
import { activityRoutes } from './modules/activity/routes.js';
import { cockpitRoutes } from './modules/cockpit/routes.js';
import { boardRoutes } from './modules/board/routes.js';
import { digestRoutes } from './modules/digest/routes.js';
import { inspectionRoutes } from './modules/inspections/routes.js';
import { disclosureRoutes, publicRoutes } from './modules/disclosure/routes.js';
import { dossierRoutes } from './modules/dossier/routes.js';
import { rowSecurity } from './row-security.js';

z.config(z.locales.zhCN());

// Polled by open pages on a timer; answering them must not keep an idle session alive.
const PASSIVE_PATHS = new Set(['/api/v1/inbox/unread-count']);
// GET /board answers to its board token (X-Board-Token), checked by the board module; never to a session.
const PUBLIC_PATHS = new Set(['/api/v1/health', '/api/v1/auth/login', '/api/v1/auth/login/second-factor', '/api/openapi.json', '/api/v1/board']);
// The public progress page's data and feeds (舆论督办), for the government website: read-only, no session.
const PUBLIC_PREFIX = '/api/v1/public/';
// While a password change is due, only these answer.
const PASSWORD_CHANGE_PATHS = new Set(['/api/v1/auth/me', '/api/v1/auth/password', '/api/v1/auth/logout']);
// While the policy requires a second factor the user has not bound, only these answer.
const TOTP_ENROLMENT_PATHS = new Set([
  '/api/v1/auth/me',
  '/api/v1/auth/logout',
  '/api/v1/auth/totp',
  '/api/v1/auth/totp/enrolment',
  '/api/v1/auth/totp/enrolment/confirm',
]);
export const JSON_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_BODY_LIMIT = 10 * 1024 * 1024;
const ATTACHMENT_UPLOAD_PATH = /^\/api\/v1\/tasks\/[^/]+\/attachments$/;

function peerIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? '';
  } catch {
    return '';
  }
}

// CSRF, besides the SameSite cookie: a write must come from the app's own pages. Browsers send Origin with every
// write and mark it with Sec-Fetch-Site; a write with neither is refused, so a script or tool must send its Origin.
// An unparsable origin (e.g. "null" from a sandboxed frame) is foreign too.
function checkSameOrigin(c: Context) {
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  const host = c.req.header('host') ?? new URL(c.req.url).host;
  const browserSaysOwn = site === 'same-origin' || site === 'none';
  const sameOrigin = origin === undefined ? browserSaysOwn : URL.canParse(origin) && new URL(origin).host === host;
  if (!sameOrigin || (site !== undefined && !browserSaysOwn)) {
    throw new AppError('CSRF_REJECTED', '请求来源不被允许：只能从本系统页面提交', 403, { origin: origin ?? null, secFetchSite: site ?? null });
  }
}

// Every module's routes under /api/v1, in any order: no route shadows another (see createRouter).
export const API_ROUTERS = [
  authRoutes,
  orgRoutes,
  importRoutes,
  auditRoutes,
  reportRoutes,
  calendarRoutes,
  chasingRoutes,
  attachmentRoutes,
  interviewRoutes,
  closingRoutes,
  planRoutes,
  taskRoutes,
  partRoutes,
  notifyRoutes,
  figureRoutes,
  reviewRoutes,
  appealRoutes,
  assessmentRoutes,
  starRoutes,
  meetingRoutes,
  lookupRoutes,
  lotteryRoutes,
  noticeRoutes,
  recordsRoutes,
  projectRoutes,
  selfAssessmentRoutes,
  studyRoutes,
  archiveRoutes,
  activityRoutes,
  cockpitRoutes,
  boardRoutes,
  digestRoutes,
  inspectionRoutes,
  disclosureRoutes,
  publicRoutes,
  dossierRoutes,
];

// `routers`: the modules' routes, in the order they are mounted (a test mounts them in another order).
export function createApp(deps: Deps, routers: readonly ReturnType<typeof createRouter>[] = API_ROUTERS) {
  const app = createRouter();

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    const requestId = crypto.randomUUID();
    c.set('who', {
      actor: null,
      meta: {
        requestId,
        ip: clientAddress(peerIp(c), c.req.header('x-forwarded-for'), deps.config.trustedProxies),
        userAgent: c.req.header('user-agent') ?? '',
      },
    });
    c.header('X-Request-Id', requestId);
    await next();
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
      strictTransportSecurity: deps.config.cookieSecure ? 'max-age=31536000; includeSubDomains' : false,
      referrerPolicy: 'same-origin',
    }),
  );

  app.use('/api/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') checkSameOrigin(c);
    const isPublic = PUBLIC_PATHS.has(c.req.path) || (c.req.path.startsWith(PUBLIC_PREFIX) && (method === 'GET' || method === 'HEAD'));
    if (!isPublic) {
      // Deny by default: without a session nothing but the public paths answers, before any body is parsed.
      const token = getCookie(c, sessionCookieName(deps.config));
      if (!token) throw unauthenticated();
      const user = await authenticate(deps, token, { passive: PASSIVE_PATHS.has(c.req.path) });
      c.set('user', user);
      c.set('who', { ...c.get('who'), actor: user.actor });
      if ((user.mustChangePassword || user.passwordExpired) && !PASSWORD_CHANGE_PATHS.has(c.req.path)) {
        throw new AppError('PASSWORD_CHANGE_REQUIRED', user.mustChangePassword ? '首次登录请先修改密码' : '密码已过期，请先修改密码', 403);
      }
      if (user.totpEnrolmentRequired && !TOTP_ENROLMENT_PATHS.has(c.req.path)) {
        throw new AppError('TOTP_ENROLMENT_REQUIRED', '安全策略要求您的角色使用动态口令：请先在“账号安全”中完成绑定', 403);
      }
    }
    await next();
  });
  app.use('/api/*', rowSecurity);

  const tooLarge = (limit: number) => () => {
    throw new AppError('PAYLOAD_TOO_LARGE', `请求内容超过 ${Math.round(limit / 1024 / 1024)}MB 上限`, 413);
  };
  const uploadPaths = ['/api/v1/org/import', '/api/v1/tasks/import'];
  for (const p of uploadPaths) app.use(p, bodyLimit({ maxSize: UPLOAD_BODY_LIMIT, onError: tooLarge(UPLOAD_BODY_LIMIT) }));
  // Attachments: the larger file limit plus room for the multipart envelope; the type's own limit is checked later.
  const attachmentLimit = Math.max(deps.config.maxImageBytes, deps.config.maxDocumentBytes) + 64 * 1024;
  app.use('/api/v1/tasks/:id/attachments', bodyLimit({ maxSize: attachmentLimit, onError: tooLarge(attachmentLimit) }));
  app.use('/api/*', async (c, next) => {
    if (uploadPaths.includes(c.req.path) || ATTACHMENT_UPLOAD_PATH.test(c.req.path)) return next();
    return bodyLimit({ maxSize: JSON_BODY_LIMIT, onError: tooLarge(JSON_BODY_LIMIT) })(c, next);
  });

  app.get('/api/v1/health', (c) => c.json({ status: 'ok' }));
  for (const routes of routers) app.route('/api/v1', routes);
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: sessionCookieName(deps.config) });
  app.doc('/api/openapi.json', {
    openapi: '3.0.3',
    info: { title: '落实 · 督查督办系统 API', version: '1' },
    security: [{ session: [] }],
  });

  app.all('/api/*', (c) => c.json(errorBody('NOT_FOUND'), 404));
  serveWeb(app, deps.config.webDir);

  app.onError(async (err, c) => {
    if (err instanceof AppError) {
      const refusal = auditedRefusal(err, c.get('who'));
      if (refusal) {
        // The request's own deps: inside a row-security transaction, the refusal is written there (and kept).
        await recordFailure(c.get('deps') ?? deps, c.get('who'), { ...refusal, targetType: 'route', targetId: `${c.req.method} ${c.req.path}` }).catch(
          (e: unknown) => console.error('无法记录拒绝访问', e),
        );
      }
      // The CSRF details go to the audit log only.
      return c.json(errorBody(err.code, err.message, err.code === 'CSRF_REJECTED' ? undefined : err.details), err.status);
    }
    // Hono's validators answer a content type the route does not take with 415.
    if (err instanceof HTTPException && err.status === 415) return c.json(errorBody('UNSUPPORTED_MEDIA_TYPE'), 415);
    // Hono's validator throws this for a body that does not parse (JSON or form data).
    if (err instanceof HTTPException && err.status === 400) {
      const message = err.message.includes('JSON') ? '请求内容不是有效的 JSON' : '请求内容格式不正确，无法解析';
      return c.json(errorBody('MALFORMED_REQUEST', message), 400);
    }
    const requestId = c.get('who')?.meta.requestId;
    console.error(`[${requestId}]`, err);
    return c.json(errorBody('INTERNAL', `服务器内部错误，请联系管理员（请求号 ${requestId}）`), 500);
  });
  return app;
}

// Refusals the audit log keeps: forged cross-site writes (from anyone), and a signed-in user's denied action or
// request for an object that is missing or outside their scope (both answer 404, so a 404 may be either).
function auditedRefusal(err: AppError, who: Who | undefined): { action: string; reason: string } | null {
  if (err.code === 'CSRF_REJECTED') {
    const { origin, secFetchSite } = err.details as { origin: string | null; secFetchSite: string | null };
    return { action: 'access.csrf_rejected', reason: `来源 ${origin ?? '（无）'}，Sec-Fetch-Site ${secFetchSite ?? '（无）'}` };
  }
  if (!who?.actor) return null;
  if (err.status === 403) return { action: 'access.denied', reason: err.message };
  if (err.status === 404) return { action: 'access.not_found', reason: err.message };
  return null;
}

// The built React app: static files, and index.html for every client-side route.
function serveWeb(app: ReturnType<typeof createRouter>, webDir: string) {
  const root = path.relative(process.cwd(), webDir) || '.';
  app.use('/assets/*', serveStatic({ root }));
  app.get('*', serveStatic({ root }));
  app.get('*', (c) => {
    const index = path.join(webDir, 'index.html');
    if (!fs.existsSync(index)) return c.text('前端尚未构建：请先运行 npm run build:web', 503);
    return c.html(fs.readFileSync(index, 'utf8'));
  });
}

export type App = ReturnType<typeof createApp>;
