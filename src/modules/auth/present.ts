import { z } from '@hono/zod-openapi';
import { ROLES } from './schema.js';
import type { SessionUser } from './service.js';

export const RoleSchema = z.enum(ROLES).openapi('Role');

export const MeSchema = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(RoleSchema),
    unit: z.object({ id: z.number(), name: z.string() }).nullable(),
    leaderId: z.number().nullable(),
    mustChangePassword: z.boolean(),
    passwordExpired: z.boolean(),
    totpEnabled: z.boolean(),
    // The security policy requires a second factor of this user and none is bound yet: only enrolment answers.
    totpEnrolmentRequired: z.boolean(),
    // The server's clock (LUOSHI_NOW in demos), so pages count days from the same "today" as the server.
    serverTime: z.string(),
  })
  .openapi('Me');

export const presentMe = (u: SessionUser, now: Date): z.infer<typeof MeSchema> => ({
  id: u.actor.accountId,
  username: u.actor.username,
  displayName: u.actor.displayName,
  roles: u.actor.roles,
  unit: u.unit,
  leaderId: u.actor.leaderId,
  mustChangePassword: u.mustChangePassword,
  passwordExpired: u.passwordExpired,
  totpEnabled: u.totpEnabled,
  totpEnrolmentRequired: u.totpEnrolmentRequired,
  serverTime: now.toISOString(),
});
