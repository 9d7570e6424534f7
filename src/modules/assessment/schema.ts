import { boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import type { BonusKind, Grade, ReviewGroup } from '../../shared/labels.js';
import { accounts } from '../auth/schema.js';
import { units } from '../org/schema.js';
import type { AssessmentSettings, ScoreItem, YearPartLine } from './rules.js';

// The assessment settings (考核设置): one row, replaced as a whole by the office with a version guard. Until it is
// first saved the defaults of rules.ts apply. A published quarter or year keeps the settings it was computed by.
export const assessmentSettings = pgTable('assessment_settings', {
  id: integer('id').primaryKey(), // always 1
  settings: jsonb('settings').$type<AssessmentSettings>().notNull(),
  version: integer('version').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by').references(() => accounts.id),
});

// Quarterly bonus items (季考核加分: 上级领导肯定性批示, 表彰, 典型发言) with reason and evidence, entered while the
// quarter is a draft. Withdrawn ones stay, marked. Points come from the settings.
export const assessmentBonusItems = pgTable(
  'assessment_bonus_items',
  {
    id: serial('id').primaryKey(),
    quarter: text('quarter').notNull(), // YYYY-Qn
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind').$type<BonusKind>().notNull(),
    day: date('day').notNull(),
    reason: text('reason').notNull(),
    evidence: text('evidence').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => accounts.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: integer('withdrawn_by').references(() => accounts.id),
  },
  (t) => [index('assessment_bonus_items_quarter_idx').on(t.quarter)],
);

// A published quarter (the claim, keyed by quarter) with the settings it was computed by. Never updated.
export const assessmentQuarterPublications = pgTable('assessment_quarter_publications', {
  quarter: text('quarter').primaryKey(),
  settings: jsonb('settings').$type<AssessmentSettings>().notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  publishedBy: integer('published_by').references(() => accounts.id),
});

// A published quarter's score per unit, never updated; `items` (months' scores and bonus items) sum to `score`.
export const assessmentQuarterScores = pgTable(
  'assessment_quarter_scores',
  {
    id: serial('id').primaryKey(),
    quarter: text('quarter')
      .notNull()
      .references(() => assessmentQuarterPublications.quarter),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    unitName: text('unit_name').notNull(),
    group: text('group').$type<ReviewGroup>().notNull(),
    position: integer('position').notNull(),
    rank: integer('rank').notNull(),
    score: integer('score').notNull(), // hundredths
    reward: boolean('reward').notNull(), // marked for reward
    items: jsonb('items').$type<ScoreItem[]>().notNull(),
  },
  (t) => [unique('assessment_quarter_scores_uq').on(t.quarter, t.unitId)],
);

// The office's points of an annual part (经济发展, 党的建设 …) for a unit, with the reason; one per year, unit and part,
// replaced while the year is a draft (each change audited with before and after).
export const assessmentYearParts = pgTable(
  'assessment_year_parts',
  {
    id: serial('id').primaryKey(),
    year: text('year').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    partKey: text('part_key').notNull(),
    points: integer('points').notNull(), // hundredths
    reason: text('reason').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    enteredBy: integer('entered_by').references(() => accounts.id),
  },
  (t) => [unique('assessment_year_parts_uq').on(t.year, t.unitId, t.partKey)],
);

// A published year with the settings it was computed by. Never updated.
export const assessmentYearPublications = pgTable('assessment_year_publications', {
  year: text('year').primaryKey(),
  settings: jsonb('settings').$type<AssessmentSettings>().notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  publishedBy: integer('published_by').references(() => accounts.id),
});

// A published year's result per unit, never updated: parts (their points sum to `total`), the year record behind the
// closing part, grade, and for a flagged unit the interview proposal made when the year was published.
export const assessmentYearScores = pgTable(
  'assessment_year_scores',
  {
    id: serial('id').primaryKey(),
    year: text('year')
      .notNull()
      .references(() => assessmentYearPublications.year),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    unitName: text('unit_name').notNull(),
    group: text('group').$type<ReviewGroup>().notNull(),
    position: integer('position').notNull(),
    rank: integer('rank').notNull(),
    total: integer('total').notNull(), // hundredths
    grade: text('grade').$type<Grade>().notNull(),
    record: integer('record').notNull(),
    best: integer('best').notNull(),
    recordItems: jsonb('record_items').$type<ScoreItem[]>().notNull(),
    parts: jsonb('parts').$type<YearPartLine[]>().notNull(),
    flagged: boolean('flagged').notNull(), // written self-criticism and interview of the head
    interviewId: integer('interview_id'),
  },
  (t) => [unique('assessment_year_scores_uq').on(t.year, t.unitId)],
);
