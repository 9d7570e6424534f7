import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Append-only; triggers in the migration refuse UPDATE, DELETE and TRUNCATE.
export const auditLog = pgTable(
  'audit_log',
  {
    // Gapless chain position, assigned under an advisory lock.
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name').notNull(),
    actorRoles: jsonb('actor_roles').$type<string[]>().notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    result: text('result').$type<'success' | 'failure'>().notNull(),
    reason: text('reason').notNull().default(''),
    requestId: text('request_id').notNull(),
    ip: text('ip').notNull(),
    userAgent: text('user_agent').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_occurred_idx').on(t.occurredAt),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
  ],
);

// One row per day the chain head was anchored: the claim that lets one process of several write the day's anchor.
// The anchor itself (signed with a key outside the database) is the line in DATA_DIR/audit-anchors.jsonl.
export const auditAnchors = pgTable('audit_anchors', {
  day: text('day').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  ok: boolean('ok').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
