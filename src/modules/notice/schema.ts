import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from '../auth/schema.js';
import { reviewPublications } from '../review/schema.js';

// The narrative of a month's notice (月度通报) the office edits before issuing, one row per published month. No row
// means the paragraphs generated from the figures. Issuing freezes it: `issued_at` set, the overdue and carried items
// kept in `snapshot`, and every later edit refused. The figures themselves come from the published review.
export const reviewNotices = pgTable('review_notices', {
  period: text('period')
    .primaryKey()
    .references(() => reviewPublications.period),
  opening: text('opening').notNull(),
  problems: text('problems').notNull(),
  requirements: text('requirements').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by').references(() => accounts.id),
  issuedAt: timestamp('issued_at', { withTimezone: true }),
  issuedBy: integer('issued_by').references(() => accounts.id),
  snapshot: jsonb('snapshot').$type<Record<string, unknown>>(),
});
