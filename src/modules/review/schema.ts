import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, serial, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AppealObject, AppealStatus, ManualFactKind, ReviewGroup, ScoreFactKind } from '../../shared/labels.js';
import { accounts } from '../auth/schema.js';
import { leaders, units } from '../org/schema.js';

// A scoring scheme (评分方案), one row per version, never updated. A month is scored by the highest version whose
// effective month is on or before it. Weights are integer hundredths of a point per fact kind (SCORE_WEIGHT_KEYS),
// so sums are exact. Version 1 (the default) is written by the migration, so a fresh county scores.
export const reviewSchemes = pgTable('review_schemes', {
  id: serial('id').primaryKey(),
  version: integer('version').notNull().unique(),
  effectiveFrom: text('effective_from').notNull(), // YYYY-MM
  weights: jsonb('weights').$type<Record<string, number>>().notNull(),
  // The percentage of a late task's deductions borne by the cooperating units whose parts were late (rules.ts
  // splitTaskPoints); the lead unit bears the rest. 0 (every version before this column) leaves them all to the lead.
  partShare: integer('part_share').notNull().default(0),
  note: text('note').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: integer('created_by').references(() => accounts.id),
});

// Facts the office enters for a month still in draft (亮点工作, 通报表扬, 典型发言, 末位表态, 问责), with reason and
// evidence. Withdrawn ones stay, marked, so the audit trail and the table agree. Points come from the scheme.
export const reviewManualFacts = pgTable(
  'review_manual_facts',
  {
    id: serial('id').primaryKey(),
    period: text('period').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind').$type<ManualFactKind>().notNull(),
    day: date('day').notNull(),
    reason: text('reason').notNull(),
    evidence: text('evidence').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => accounts.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: integer('withdrawn_by').references(() => accounts.id),
  },
  (t) => [index('review_manual_facts_period_idx').on(t.period)],
);

// The units the office confirmed for the bottom statement (末位表态) of a month, per group; replaced as a whole
// while the month is a draft. `reason` is required when the confirmed units differ from the proposed ones.
export const reviewBottomStatements = pgTable(
  'review_bottom_statements',
  {
    id: serial('id').primaryKey(),
    period: text('period').notNull(),
    group: text('group').$type<ReviewGroup>().notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    proposed: jsonb('proposed').$type<number[]>().notNull(),
    reason: text('reason').notNull().default(''),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
    confirmedBy: integer('confirmed_by').references(() => accounts.id),
  },
  (t) => [unique('review_bottom_statements_uq').on(t.period, t.unitId)],
);

// The office's adjustment of a leader's computed stars (评星) for a month, with its reason; one per leader and month.
export const reviewStarAdjustments = pgTable(
  'review_star_adjustments',
  {
    id: serial('id').primaryKey(),
    period: text('period').notNull(),
    leaderId: integer('leader_id')
      .notNull()
      .references(() => leaders.id),
    stars: integer('stars').notNull(),
    reason: text('reason').notNull(),
    adjustedAt: timestamp('adjusted_at', { withTimezone: true }).notNull(),
    adjustedBy: integer('adjusted_by').references(() => accounts.id),
  },
  (t) => [unique('review_star_adjustments_uq').on(t.period, t.leaderId)],
);

// A published month (the claim, keyed by month): the scheme version that scored it, and the parts of the review kept
// whole as published (leader stars, category reports, bottom statements). Never updated.
export const reviewPublications = pgTable('review_publications', {
  period: text('period').primaryKey(),
  schemeId: integer('scheme_id')
    .notNull()
    .references(() => reviewSchemes.id),
  schemeVersion: integer('scheme_version').notNull(),
  snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  publishedBy: integer('published_by').references(() => accounts.id),
});

// A published month's score per reviewed unit, never updated. A correction (an upheld appeal) is a row of
// review_corrections referring to this row's id, shown beside it — never an edit of this row.
export const reviewScores = pgTable(
  'review_scores',
  {
    id: serial('id').primaryKey(),
    period: text('period')
      .notNull()
      .references(() => reviewPublications.period),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    unitName: text('unit_name').notNull(),
    group: text('group').$type<ReviewGroup>().notNull(),
    position: integer('position').notNull(), // display order within the group
    rank: integer('rank').notNull(),
    score: integer('score').notNull(), // hundredths of a point
    issued: integer('issued').notNull(),
    closedOnTime: integer('closed_on_time').notNull(),
    closedLate: integer('closed_late').notNull(),
    overdue: integer('overdue').notNull(),
    carried: integer('carried').notNull(),
  },
  (t) => [unique('review_scores_uq').on(t.period, t.unitId)],
);

// The facts of a published score, in their order; their points (hundredths) sum to the score.
export const reviewScoreFacts = pgTable(
  'review_score_facts',
  {
    id: serial('id').primaryKey(),
    scoreId: integer('score_id')
      .notNull()
      .references(() => reviewScores.id),
    position: integer('position').notNull(),
    kind: text('kind').$type<ScoreFactKind>().notNull(),
    label: text('label').notNull(),
    points: integer('points').notNull(), // hundredths of a point
    day: date('day').notNull(),
    taskId: integer('task_id'),
    sheetId: integer('sheet_id'),
    manualId: integer('manual_id'),
  },
  (t) => [index('review_score_facts_score_idx').on(t.scoreId)],
);

// A unit's appeal (申诉) against its published month: one fact of its score, the colour of one of its tasks, or a
// rejected closing request of one of its tasks, with its reason and evidence. `objectKey` ("fact:12", "colour:7",
// "closing:3") names the contested object, so at most one appeal per object is open. The office decides it once.
export const reviewAppeals = pgTable(
  'review_appeals',
  {
    id: serial('id').primaryKey(),
    period: text('period')
      .notNull()
      .references(() => reviewPublications.period),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    object: text('object').$type<AppealObject>().notNull(),
    objectKey: text('object_key').notNull(),
    factId: integer('fact_id').references(() => reviewScoreFacts.id),
    taskId: integer('task_id'),
    closingRequestId: integer('closing_request_id'),
    subject: text('subject').notNull(), // what is contested, as shown when filed (the fact's label, the task's title)
    reason: text('reason').notNull(),
    evidence: text('evidence').notNull(),
    deadline: date('deadline').notNull(), // the last working day it could be filed on
    status: text('status').$type<AppealStatus>().notNull().default('open'),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    filedBy: integer('filed_by')
      .notNull()
      .references(() => accounts.id),
    decisionReason: text('decision_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: integer('decided_by').references(() => accounts.id),
  },
  (t) => [
    uniqueIndex('review_appeals_open_uq')
      .on(t.objectKey)
      .where(sql`${t.status} = 'open'`),
    index('review_appeals_period_idx').on(t.period),
    index('review_appeals_unit_idx').on(t.unitId),
  ],
);

// A correction of a published score by an upheld appeal (更正): points (hundredths) added to the score, beside it.
// The published review_scores and review_score_facts rows are never updated.
export const reviewCorrections = pgTable(
  'review_corrections',
  {
    id: serial('id').primaryKey(),
    scoreId: integer('score_id')
      .notNull()
      .references(() => reviewScores.id),
    appealId: integer('appeal_id')
      .notNull()
      .references(() => reviewAppeals.id),
    points: integer('points').notNull(), // hundredths, added to the published score
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
  },
  (t) => [unique('review_corrections_appeal_uq').on(t.appealId), index('review_corrections_score_idx').on(t.scoreId)],
);
