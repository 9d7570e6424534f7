import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from '../auth/schema.js';
import { units } from '../org/schema.js';
import { tasks } from '../tasks/schema.js';

// The date of month M's meeting (月点评会, held early in M+1) when the office has set one; without a row the default
// (the second working day of M+1) holds.
export const meetingDates = pgTable('meeting_dates', {
  period: text('period').primaryKey(), // YYYY-MM: the month reviewed
  meetingDate: text('meeting_date').notNull(), // YYYY-MM-DD
  version: integer('version').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by').references(() => accounts.id),
});

// What the meeting of a month produced: a leader's instruction (领导批示: text, leader, optional task) or a unit's
// commitment (承诺: what, by when, optionally against a ledger task). A commitment turned into a task (转为任务) keeps
// the task's id in `createdTaskId` and is chased through it.
export const meetingNotes = pgTable(
  'meeting_notes',
  {
    id: serial('id').primaryKey(),
    period: text('period').notNull(),
    kind: text('kind').$type<'instruction' | 'commitment'>().notNull(),
    content: text('content').notNull(),
    leaderName: text('leader_name').notNull().default(''),
    unitId: integer('unit_id').references(() => units.id),
    dueDate: text('due_date'),
    taskId: integer('task_id').references(() => tasks.id), // the ledger item it was recorded against
    createdTaskId: integer('created_task_id').references(() => tasks.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => accounts.id),
  },
  (t) => [index('meeting_notes_period_idx').on(t.period)],
);
