// The one typed client for the JSON API under /api/v1, generated from the server's OpenAPI document
// (npm run api:doc writes web/src/api/openapi.json, npm run api:types writes web/src/api/schema.d.ts from it).
import createClient from 'openapi-fetch';
import type { components, paths } from './api/schema';

export type Schemas = components['schemas'];

// The JSON a successful call of `method path` answers, e.g. Json<'/api/v1/plans', 'get'>.
export type Json<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'patch' | 'delete'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : paths[P][M] extends { responses: { 201: { content: { 'application/json': infer T } } } }
    ? T
    : never;
// The query string of a GET.
export type Query<P extends keyof paths> = paths[P]['get'] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type Me = Schemas['Me'];
export type Unit = Schemas['Unit'];
export type Person = Schemas['Person'];
export type Leader = Schemas['Leader'];
export type Account = Schemas['Account'];
export type SecurityPolicy = Schemas['SecurityPolicy'];
export type TotpStatus = Schemas['TotpStatus'];
export type AuditEntry = Schemas['AuditEntry'];
export type AuditVerification = Json<'/api/v1/audit/verify', 'post'>;

// One refused row of an Excel import, in the IMPORT_INVALID error's details.rows.
export interface ImportRowError {
  sheet: string;
  row: number;
  messages: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const isApiError = (err: unknown, status?: number): err is ApiError => err instanceof ApiError && (status === undefined || err.status === status);

// What the app does when the session is gone (show the login page) or a password change falls due mid-session.
interface SessionHandlers {
  unauthorized: () => void;
  passwordChangeRequired: () => void;
}
let sessionHandlers: SessionHandlers = { unauthorized: () => {}, passwordChangeRequired: () => {} };
export function setSessionHandlers(handlers: SessionHandlers) {
  sessionHandlers = handlers;
}

// Callers of these handle a 401 themselves: a wrong password, or simply nobody logged in yet.
const OWN_401_PATHS = ['/api/v1/auth/login', '/api/v1/auth/login/second-factor', '/api/v1/auth/password', '/api/v1/auth/me', '/api/v1/board'];

type QueryValue = string | number | boolean | undefined | null;

// Empty filters are left out of the query string, as the server treats a missing filter as "any".
function queryString(query: Record<string, unknown> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, QueryValue>)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

// Same-origin cookies carry the session; the server checks Origin against Host on writes (CSRF), which the browser sends.
export const api = createClient<paths>({
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  querySerializer: queryString,
});

// The answer of a call, or an ApiError with the server's Chinese message ({error:{code,message}}).
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (response.ok) return data as T;
  const body = (error as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
  const err = new ApiError(response.status, body?.code ?? 'HTTP_ERROR', body?.message ?? `请求失败（${response.status}）`, body?.details);
  const path = new URL(response.url, window.location.href).pathname;
  if (response.status === 401 && !OWN_401_PATHS.includes(path)) sessionHandlers.unauthorized();
  if (err.code === 'PASSWORD_CHANGE_REQUIRED' || err.code === 'TOTP_ENROLMENT_REQUIRED') sessionHandlers.passwordChangeRequired();
  throw err;
}

// A multipart upload (a file in the form field "file") to one of the API's upload operations.
type UploadPath = {
  [P in keyof paths]: paths[P] extends { post: { requestBody: { content: { 'multipart/form-data': unknown } } } } ? P : never;
}[keyof paths];

export const upload = <P extends UploadPath>(path: P, pathParams: Record<string, string | number>, form: FormData) =>
  call<Json<P, 'post'>>(
    fetch(
      path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(pathParams[name]))),
      { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' }, body: form },
    ).then(async (response) => {
      const body: unknown = await response.json().catch(() => null);
      return response.ok ? { data: body as Json<P, 'post'>, response } : { error: body, response };
    }),
  );

// An /api/v1 address with a query string, for links the browser follows itself (downloads, images).
export function apiUrl<P extends keyof paths>(path: P, pathParams: Record<string, string | number> = {}, query?: Record<string, unknown>): string {
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(pathParams[name])));
  const qs = queryString(query);
  return qs ? `${url}?${qs}` : url;
}

// The current user, or null when nobody is logged in.
export async function fetchMe(): Promise<Me | null> {
  try {
    return (await call(api.GET('/api/v1/auth/me'))).user;
  } catch (err) {
    if (isApiError(err, 401)) return null;
    throw err;
  }
}
