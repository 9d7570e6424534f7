import { check, index, integer, jsonb, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { SelfStandard, SelfStatus } from '../../shared/labels.js';
import { units } from '../org/schema.js';

/** One standard's line: the unit's target and ratings (1–5), then the office's rating beside them. */
export interface SelfItem {
  standard: SelfStandard;
  target: string;
  planRating: number;
  result: string;
  resultRating: number | null;
  officeRating: number | null;
  officeComment: string;
}

// 绩效自评: one per unit and period (a year, '2026'). The four standards' lines are one document the unit writes at
// once, so they are one row under one version. The office's rating is kept beside the unit's, never replacing it.
export const selfAssessments = pgTable(
  'self_assessments',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    period: text('period').notNull(),
    status: text('status').$type<SelfStatus>().notNull(),
    items: jsonb('items').$type<SelfItem[]>().notNull(),
    ratedByName: text('rated_by_name'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('self_assessments_unit_period_uq').on(t.unitId, t.period),
    index('self_assessments_period_idx').on(t.period),
    check('self_assessments_status', sql`${t.status} in ('planned', 'reported', 'rated')`),
  ],
);
