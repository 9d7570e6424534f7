import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { HighlightCycle, HighlightStatus, StarDecisionMethod, StarKind, StarStatus } from '../../shared/labels.js';
import { accounts } from '../auth/schema.js';
import { people, units } from '../org/schema.js';

// The monthly limits of stars (单位之星 / 干部之星); one row, id 1, written at the office's first save (version 0 is the
// defaults, never stored).
export const starSettings = pgTable('star_settings', {
  id: integer('id').primaryKey(),
  unitStarLimit: integer('unit_star_limit').notNull(),
  cadreStarLimit: integer('cadre_star_limit').notNull(),
  version: integer('version').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by').references(() => accounts.id),
});

// One row per month that has stars: every write of the month's nominations locks it (SELECT … FOR UPDATE), so two
// decisions at the limit cannot both pass. `closedAt` set: the month's stars are decided (定案), nothing changes.
export const starMonths = pgTable('star_months', {
  period: text('period').primaryKey(), // YYYY-MM
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: integer('closed_by').references(() => accounts.id),
});

// A nomination for a month's unit star or cadre star, with its citation (事迹) and evidence; shortlisted (入围) or
// rejected by the office with a reason; decided at the meeting or by a vote (counts kept). `unitId` is the unit credited:
// the unit itself, or the cadre's unit.
export const starNominations = pgTable(
  'star_nominations',
  {
    id: serial('id').primaryKey(),
    period: text('period')
      .notNull()
      .references(() => starMonths.period),
    kind: text('kind').$type<StarKind>().notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    personId: integer('person_id').references(() => people.id),
    citation: text('citation').notNull(),
    evidence: text('evidence').notNull(),
    status: text('status').$type<StarStatus>().notNull(),
    reviewReason: text('review_reason').notNull().default(''),
    method: text('method').$type<StarDecisionMethod>(),
    votesFor: integer('votes_for'),
    votesAgainst: integer('votes_against'),
    votesAbstain: integer('votes_abstain'),
    decisionNote: text('decision_note').notNull().default(''),
    nominatedAt: timestamp('nominated_at', { withTimezone: true }).notNull(),
    nominatedBy: integer('nominated_by')
      .notNull()
      .references(() => accounts.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: integer('reviewed_by').references(() => accounts.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: integer('decided_by').references(() => accounts.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('star_nominations_period_idx').on(t.period),
    index('star_nominations_unit_idx').on(t.unitId),
    index('star_nominations_person_idx').on(t.personId),
  ],
);

// Highlight work (亮点工作) put forward by a unit for a month or a half year (YYYY-H1 / YYYY-H2), selected or not by
// the office with a reason.
export const highlightNominations = pgTable(
  'highlight_nominations',
  {
    id: serial('id').primaryKey(),
    cycle: text('cycle').$type<HighlightCycle>().notNull(),
    period: text('period').notNull(), // YYYY-MM (month) or YYYY-H1 / YYYY-H2 (half year)
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    evidence: text('evidence').notNull(),
    status: text('status').$type<HighlightStatus>().notNull(),
    reason: text('reason').notNull().default(''),
    nominatedAt: timestamp('nominated_at', { withTimezone: true }).notNull(),
    nominatedBy: integer('nominated_by')
      .notNull()
      .references(() => accounts.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: integer('decided_by').references(() => accounts.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('highlight_nominations_period_idx').on(t.period), index('highlight_nominations_unit_idx').on(t.unitId)],
);
