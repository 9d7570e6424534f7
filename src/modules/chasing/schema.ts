import { boolean, date, index, integer, jsonb, numeric, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from '../auth/schema.js';
import { people, units } from '../org/schema.js';
import type { DayKind, InterviewLevel } from '../../shared/labels.js';
import { tasks, taskSheets } from '../tasks/schema.js';

// 时限规则: the 13710 classes by default, configurable by the office.
export const timeLimitRules = pgTable('time_limit_rules', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  // What the limit is for: signing for (部署), the first report (反馈), or solving (办结).
  target: text('target').$type<'sign' | 'first_report' | 'resolve'>().notNull(),
  days: integer('days').notNull(),
  dayKind: text('day_kind').$type<DayKind>().notNull(),
  // Which tasks the class applies to; empty lists mean all.
  levels: jsonb('levels').$type<string[]>().notNull().default([]),
  sources: jsonb('sources').$type<string[]>().notNull().default([]),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

// Points deducted from a unit by the months-overdue ladder; the monthly review reads them.
export const scoreDeductions = pgTable(
  'score_deductions',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    sheetId: integer('sheet_id')
      .notNull()
      .unique()
      .references(() => taskSheets.id),
    period: text('period').notNull(),
    points: numeric('points', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('score_deductions_unit_idx').on(t.unitId, t.period)],
);

// 约谈
export const interviews = pgTable(
  'interviews',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    // Null only for an admonishment of a unit with neither a responsible person on the task nor a head.
    intervieweePersonId: integer('interviewee_person_id').references(() => people.id),
    // organisation_head: by the head of the organisation department; main_leader: by the main leader, when still slow;
    // admonishment: 诫勉谈话 by the discipline commission, opened by the months-overdue ladder's sheet.
    level: text('level').$type<InterviewLevel>().notNull(),
    reason: text('reason').notNull(),
    taskIds: jsonb('task_ids').$type<number[]>().notNull().default([]),
    status: text('status').$type<'proposed' | 'approved' | 'rejected' | 'held'>().notNull(),
    // Null when the scanner opened it (an admonishment).
    proposedBy: integer('proposed_by').references(() => accounts.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    decidedBy: integer('decided_by').references(() => accounts.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note').notNull().default(''),
    heldOn: date('held_on'),
    interviewer: text('interviewer').notNull().default(''),
    findings: text('findings').notNull().default(''),
    // 诫勉谈话: the ladder's sheet that opened it, who was present at the talk, and the notice (通报) once published.
    sheetId: integer('sheet_id')
      .unique()
      .references(() => taskSheets.id),
    attendees: text('attendees').notNull().default(''),
    noticeText: text('notice_text').notNull().default(''),
    noticePublishedAt: timestamp('notice_published_at', { withTimezone: true }),
    noticePublishedBy: integer('notice_published_by').references(() => accounts.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('interviews_person_idx').on(t.intervieweePersonId)],
);

export const interviewCommitments = pgTable('interview_commitments', {
  id: serial('id').primaryKey(),
  interviewId: integer('interview_id')
    .notNull()
    .references(() => interviews.id),
  content: text('content').notNull(),
  dueDate: date('due_date').notNull(),
  // Each commitment is chased as a task of its own.
  taskId: integer('task_id').references(() => tasks.id),
});

// The office's chasing settings (one row, id = 1).
export const chasingSettings = pgTable('chasing_settings', {
  id: integer('id').primaryKey(),
  urgeDaysBefore: integer('urge_days_before').notNull(),
  referralGraceWorkingDays: integer('referral_grace_working_days').notNull(),
  deductionPoints: numeric('deduction_points', { mode: 'number' }).notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

// What the scanner last concluded about an open task: at which task version and under which rules, settings and
// calendar (`context`, a digest) it looked, and the first day anything could fall due again. The scanner skips a task
// while all three still hold, so a tick touches only the tasks whose state can change today (docs/architecture.md).
export const chaseMarks = pgTable('chase_marks', {
  taskId: integer('task_id')
    .primaryKey()
    .references(() => tasks.id),
  taskVersion: integer('task_version').notNull(),
  context: text('context').notNull(),
  quietUntil: date('quiet_until').notNull(),
});
