import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { accounts } from '../auth/schema.js';
import type { BandingRule } from './rules.js';

// The assessment office's banding rule (分档排名): one row, id 1. No row means rules.ts DEFAULT_BANDING.
export const dossierSettings = pgTable(
  'dossier_settings',
  {
    id: integer('id').primaryKey(),
    rule: jsonb('rule').$type<BandingRule>().notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('dossier_settings_single_row', sql`${t.id} = 1`)],
);

export const OPINION_SUBJECTS = ['unit', 'person'] as const;
export type OpinionSubject = (typeof OPINION_SUBJECTS)[number];
export const OPINION_FIELDS = ['band', 'summary', 'rewards', 'accountability', 'appointment'] as const;
export type OpinionField = (typeof OPINION_FIELDS)[number];

// 年度考核意见: one per year and unit or person, drafted by the assessment office from the record and the banding,
// edited with reasons while a draft, frozen once issued (later corrections are rows of annual_opinion_changes).
export const annualOpinions = pgTable(
  'annual_opinions',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    subject: text('subject').$type<OpinionSubject>().notNull(),
    // units.id for a unit, people.id for a person.
    subjectId: integer('subject_id').notNull(),
    subjectName: text('subject_name').notNull(),
    // The unit (for a person) or the unit's group, as drafted: a later move does not change an issued opinion.
    context: text('context').notNull(),
    rank: integer('rank'),
    // What the rank came from, e.g. "年度考核 92.50 分".
    basis: text('basis').notNull(),
    band: text('band').notNull(),
    summary: text('summary').notNull(),
    rewards: text('rewards').notNull(),
    accountability: text('accountability').notNull(),
    appointment: text('appointment').notNull(),
    status: text('status').$type<'draft' | 'issued'>().notNull(),
    version: integer('version').notNull().default(1),
    draftedBy: integer('drafted_by')
      .notNull()
      .references(() => accounts.id),
    draftedAt: timestamp('drafted_at', { withTimezone: true }).notNull(),
    issuedBy: integer('issued_by').references(() => accounts.id),
    issuedByName: text('issued_by_name'),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
  },
  (t) => [unique('annual_opinions_subject_uq').on(t.year, t.subject, t.subjectId), index('annual_opinions_year_idx').on(t.year, t.status)],
);

// Every change of an opinion's text with its reason: edits of a draft, and corrections (更正) of an issued one, which
// leave the issued text as it was and stand beside it.
export const annualOpinionChanges = pgTable(
  'annual_opinion_changes',
  {
    id: serial('id').primaryKey(),
    opinionId: integer('opinion_id')
      .notNull()
      .references(() => annualOpinions.id),
    kind: text('kind').$type<'edit' | 'correction'>().notNull(),
    field: text('field').$type<OpinionField>().notNull(),
    before: text('before').notNull(),
    after: text('after').notNull(),
    reason: text('reason').notNull(),
    changedBy: integer('changed_by')
      .notNull()
      .references(() => accounts.id),
    changedByName: text('changed_by_name').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('annual_opinion_changes_opinion_idx').on(t.opinionId)],
);
