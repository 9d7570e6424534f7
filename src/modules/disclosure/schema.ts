import { boolean, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from '../auth/schema.js';
import { tasks } from '../tasks/schema.js';

// 舆论督办: a ledger task the office has marked for the public progress page, with the progress text shown there and
// the photos (task attachments) chosen for it. Withdrawn items leave the page and the feeds.
export const taskDisclosures = pgTable('task_disclosures', {
  id: serial('id').primaryKey(),
  taskId: integer('task_id')
    .notNull()
    .unique()
    .references(() => tasks.id),
  summary: text('summary').notNull(),
  photoIds: jsonb('photo_ids').$type<number[]>().notNull().default([]),
  active: boolean('active').notNull().default(true),
  markedAt: timestamp('marked_at', { withTimezone: true }).notNull(),
  markedBy: integer('marked_by')
    .notNull()
    .references(() => accounts.id),
  version: integer('version').notNull().default(1),
});
