import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { accounts } from '../auth/schema.js';
import { reviewOffices, units } from '../org/schema.js';
import { tasks } from '../tasks/schema.js';

// 销号申请表
export const closingRequests = pgTable(
  'closing_requests',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    status: text('status').$type<'pending' | 'approved' | 'rejected'>().notNull().default('pending'),
    summary: text('summary').notNull(), // what was done, against the standard
    indicatorResults: jsonb('indicator_results').$type<{ indicatorId: number; actual: number }[]>().notNull().default([]),
    finishedOn: date('finished_on').notNull(),
    attachmentIds: jsonb('attachment_ids').$type<number[]>().notNull().default([]),
    late: boolean('late').notNull().default(false),
    filedBy: integer('filed_by')
      .notNull()
      .references(() => accounts.id),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('closing_requests_task_idx').on(t.taskId),
    // The list in its order (newest filed first), and by status: the pending few among a province's millions.
    index('closing_requests_filed_idx').on(t.filedAt, t.id),
    index('closing_requests_status_filed_idx').on(t.status, t.filedAt, t.id),
  ],
);

export const closingReviews = pgTable(
  'closing_reviews',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => closingRequests.id),
    // Who decided: one of the review offices, or the owning office (归口单位) of the task's category, as a unit.
    officeId: integer('office_id').references(() => reviewOffices.id),
    unitId: integer('unit_id').references(() => units.id),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => accounts.id),
    decision: text('decision').$type<'approve' | 'reject'>().notNull(),
    comment: text('comment').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  // Each office, and the owning unit, decides once per request.
  (t) => [
    unique('closing_reviews_office_uq').on(t.requestId, t.officeId),
    unique('closing_reviews_unit_uq').on(t.requestId, t.unitId),
    check('closing_reviews_one_reviewer', sql`num_nonnulls(${t.officeId}, ${t.unitId}) = 1`),
  ],
);

// 实地核查, optional before deciding.
export const closingSiteChecks = pgTable('closing_site_checks', {
  id: serial('id').primaryKey(),
  requestId: integer('request_id')
    .notNull()
    .references(() => closingRequests.id),
  checkedOn: date('checked_on').notNull(),
  checkedBy: integer('checked_by')
    .notNull()
    .references(() => accounts.id),
  notes: text('notes').notNull(),
  attachmentIds: jsonb('attachment_ids').$type<number[]>().notNull().default([]),
  at: timestamp('at', { withTimezone: true }).notNull(),
});
