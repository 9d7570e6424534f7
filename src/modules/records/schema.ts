import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import type { CadreGrade } from '../../shared/labels.js';
import { accounts } from '../auth/schema.js';
import { people, units } from '../org/schema.js';

// The assessment office's settings for people's records: one row, id 1. No row yet means the defaults
// (rules.ts DEFAULT_RECORDS_SETTINGS): frontline targets of seed 002 and two days' grace for a week's log.
export const recordsSettings = pgTable(
  'records_settings',
  {
    id: integer('id').primaryKey(),
    countyLeaderDays: integer('county_leader_days').notNull(),
    departmentHeadDays: integer('department_head_days').notNull(),
    townSecretaryDays: integer('town_secretary_days').notNull(),
    logGraceDays: integer('log_grace_days').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('records_settings_single_row', sql`${t.id} = 1`)],
);

// 周记实: one per person and ISO week ('2026-W15'), written by the person's own account.
export const workLogs = pgTable(
  'work_logs',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    week: text('week').notNull(),
    done: text('done').notNull(),
    planned: text('planned').notNull(),
    writtenBy: integer('written_by')
      .notNull()
      .references(() => accounts.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('work_logs_person_week_uq').on(t.personId, t.week)],
);

// 一线工作日: one row per person and day (two places on one day are one frontline day).
export const frontlineDays = pgTable(
  'frontline_days',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    day: date('day', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    purpose: text('purpose').notNull(),
    loggedBy: integer('logged_by')
      .notNull()
      .references(() => accounts.id),
    loggedByName: text('logged_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('frontline_days_person_day_uq').on(t.personId, t.day), index('frontline_days_day_idx').on(t.day)],
);

// 月考核: the head's comment and proposed grade for a person of the unit, one per person and month ('2026-04').
export const monthlyAssessments = pgTable(
  'monthly_assessments',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    // The person's unit when assessed, so a later move does not carry the grade elsewhere.
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    month: text('month').notNull(),
    grade: text('grade').$type<CadreGrade>().notNull(),
    comment: text('comment').notNull(),
    assessedBy: integer('assessed_by')
      .notNull()
      .references(() => accounts.id),
    assessedByName: text('assessed_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('monthly_assessments_person_month_uq').on(t.personId, t.month), index('monthly_assessments_month_idx').on(t.month)],
);

// 季审定: the assessment committee's grade that stands for a person's quarter ('2026-Q2'). Written once: a confirmed
// quarter is frozen, its monthly assessments too.
export const quarterConfirmations = pgTable(
  'quarter_confirmations',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    quarter: text('quarter').notNull(),
    grade: text('grade').$type<CadreGrade>().notNull(),
    // What the monthly proposals suggested (rules.ts suggestedGrade), null when the head proposed nothing.
    suggestedGrade: text('suggested_grade').$type<CadreGrade>(),
    reason: text('reason').notNull(),
    confirmedBy: integer('confirmed_by')
      .notNull()
      .references(() => accounts.id),
    confirmedByName: text('confirmed_by_name').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('quarter_confirmations_person_quarter_uq').on(t.personId, t.quarter), index('quarter_confirmations_quarter_idx').on(t.quarter)],
);
