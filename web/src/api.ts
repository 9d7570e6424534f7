// Typed client for the JSON API under /api/v1, and the shapes it returns.

import type { Role, UnitKind } from '@shared/labels';

export interface Me {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  unit: { id: number; name: string } | null;
  leaderId: number | null;
  mustChangePassword: boolean;
  passwordExpired: boolean;
  // The server's clock (pinned in demos): days left and overdue are counted from this, not the browser's clock.
  serverTime: string;
}

export interface Unit {
  id: number;
  parentId: number | null;
  kind: UnitKind;
  code: string;
  name: string;
  headPersonId: number | null;
  headName: string | null;
  liaisonPersonId: number | null;
  liaisonName: string | null;
  sortOrder: number;
  active: boolean;
  version: number;
}

export interface Person {
  id: number;
  name: string;
  unitId: number | null;
  unitName: string | null;
  title: string;
  phone: string;
  active: boolean;
  version: number;
}

export interface Leader {
  id: number;
  personId: number;
  name: string;
  phone: string;
  position: string;
  portfolio: string;
  units: { id: number; name: string }[];
  sortOrder: number;
  active: boolean;
  version: number;
}

export interface Account {
  id: number;
  username: string;
  displayName: string;
  personId: number | null;
  personName: string | null;
  unitName: string | null;
  roles: Role[];
  active: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  passwordChangedAt: string;
  createdAt: string;
  version: number;
}

export interface SecurityPolicy {
  minLength: number;
  rotationDays: number;
  maxFailedLogins: number;
  lockMinutes: number;
  idleMinutes: number;
  absoluteHours: number;
  version: number;
}

export interface AuditEntry {
  seq: number;
  occurredAt: string;
  actorName: string;
  actorRoles: string[];
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  result: 'success' | 'failure';
  reason: string;
  requestId: string;
  ip: string;
}

export interface AuditVerification {
  checked: number;
  ok: boolean;
  problems: { seq: number; kind: string; message: string }[];
}

export interface ImportRowError {
  sheet: string;
  row: number;
  messages: string[];
}

export interface Page<T> {
  items: T[];
  total: number;
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
const OWN_401_PATHS = ['/auth/login', '/auth/password', '/auth/me'];

export type Query = Record<string, string | number | boolean | undefined | null>;

function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const isForm = body instanceof FormData;
  const res = await fetch(`/api/v1${withQuery(path, query)}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined || isForm ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    const err = new ApiError(res.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `请求失败（${res.status}）`, error?.details);
    if (res.status === 401 && !OWN_401_PATHS.includes(path)) sessionHandlers.unauthorized();
    if (err.code === 'PASSWORD_CHANGE_REQUIRED') sessionHandlers.passwordChangeRequired();
    throw err;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
};

// An /api/v1 address with a query string, for links the browser follows itself (downloads, images).
export const apiUrl = (path: string, query?: Query) => `/api/v1${withQuery(path, query)}`;

// The current user, or null when nobody is logged in.
export async function fetchMe(): Promise<Me | null> {
  try {
    return (await api.get<{ user: Me }>('/auth/me')).user;
  } catch (err) {
    if (isApiError(err, 401)) return null;
    throw err;
  }
}
