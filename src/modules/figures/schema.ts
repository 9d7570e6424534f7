import { integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { units } from '../org/schema.js';

// One row per frozen month: the claim that makes freezing a month happen once, in one process, and says when.
export const monthlyFigureFreezes = pgTable('monthly_figure_freezes', {
  period: text('period').primaryKey(), // YYYY-MM
  frozenAt: timestamp('frozen_at', { withTimezone: true }).notNull(),
});

// A closed month's figures per lead unit, as frozen after the month ended (docs/figures.md); never updated.
export const monthlyFigures = pgTable(
  'monthly_figures',
  {
    id: serial('id').primaryKey(),
    period: text('period')
      .notNull()
      .references(() => monthlyFigureFreezes.period),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    issued: integer('issued').notNull(),
    closedOnTime: integer('closed_on_time').notNull(),
    closedLate: integer('closed_late').notNull(),
    overdue: integer('overdue').notNull(),
    carried: integer('carried').notNull(),
    frozenAt: timestamp('frozen_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('monthly_figures_uq').on(t.period, t.unitId)],
);
