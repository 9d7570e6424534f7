import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { Role } from './modules/auth/schema.js';

export interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
}

export interface Actor {
  accountId: number;
  username: string;
  displayName: string;
  roles: Role[];
  personId: number | null;
  unitId: number | null;
  // The path of that unit (units.path), read with the session, so the actor's scope takes one statement
  // (org/scope.ts); absent where an actor is made without it, and then read there.
  unitPath?: string | null;
  leaderId: number | null;
}

export interface RequestMeta {
  requestId: string;
  ip: string;
  userAgent: string;
}

// Who is acting, and from where: what every service call needs for permission checks and the audit trail.
export interface Who {
  actor: Actor | null;
  meta: RequestMeta;
}

export const systemWho = (requestId: string): Who => ({
  actor: null,
  meta: { requestId, ip: '', userAgent: 'system' },
});
