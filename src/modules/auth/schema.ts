import { boolean, index, integer, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { Role } from '../../shared/labels.js';
import { people } from '../org/schema.js';

export { ROLES, type Role } from '../../shared/labels.js';

export const accounts = pgTable('accounts', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  personId: integer('person_id').references(() => people.id),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull(),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const accountRoles = pgTable(
  'account_roles',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    role: text('role').$type<Role>().notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    grantedBy: integer('granted_by').references(() => accounts.id),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.role] })],
);

// Only the SHA-256 of the session token is stored, so a database dump cannot be replayed as a cookie.
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    ip: text('ip').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

// The security admin's policy (one row, id = 1).
export const securityPolicy = pgTable('security_policy', {
  id: integer('id').primaryKey(),
  minLength: integer('min_length').notNull(),
  rotationDays: integer('rotation_days').notNull(),
  maxFailedLogins: integer('max_failed_logins').notNull(),
  lockMinutes: integer('lock_minutes').notNull(),
  idleMinutes: integer('idle_minutes').notNull(),
  absoluteHours: integer('absolute_hours').notNull(),
  // When on, accounts holding a role of TOTP_REQUIRED_ROLES must enrol a second factor before anything else.
  totpRequired: boolean('totp_required').notNull().default(false),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

// Failed logins counted apart from accounts: per client address ('ip:…'), and per name that is no active account
// ('name:…'), so such a name locks after the same failures as a real one and the lockout reveals nothing.
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

// The second factor (RFC 6238). The key is sealed with a key from the configuration (secret-box.ts); confirmedAt is
// null while enrolment is under way. lastUsedStep is the time step of the last accepted code, so no code is used twice.
export const accountTotp = pgTable('account_totp', {
  accountId: integer('account_id')
    .primaryKey()
    .references(() => accounts.id),
  secretSealed: text('secret_sealed').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastUsedStep: integer('last_used_step'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

// One-time recovery codes, as keyed hashes; usedAt set when one is spent.
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('recovery_codes_account_idx').on(t.accountId)],
);

// Between a correct password and the second factor: a short-lived, single-use token (stored as its SHA-256), not a
// session; it opens nothing but the second step.
export const loginChallenges = pgTable('login_challenges', {
  tokenHash: text('token_hash').primaryKey(),
  accountId: integer('account_id')
    .notNull()
    .references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});
