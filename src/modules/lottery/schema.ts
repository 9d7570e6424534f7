import { check, integer, jsonb, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { LotteryState } from '../../shared/labels.js';
import { units } from '../org/schema.js';

// The office's lottery settings (抽签述职): one row, id 1. No row yet means the defaults (rules.ts DEFAULT_SETTINGS).
export const lotterySettings = pgTable(
  'lottery_settings',
  {
    id: integer('id').primaryKey(),
    towns: integer('towns').notNull(),
    countyUnits: integer('county_units').notNull(),
    excludeMonths: integer('exclude_months').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('lottery_settings_single_row', sql`${t.id} = 1`)],
);

export type DrawState = LotteryState;
// The drawn units of each review group, in the order drawn (unit ids).
export type DrawResult = Record<'town' | 'county_unit', number[]>;

// One month's draw: committed (candidates frozen, commitment published, seed kept secret), then drawn (seed revealed,
// result stored). The counts are copied from the settings at the commit, so a later change of settings never touches it.
export const lotteryDraws = pgTable(
  'lottery_draws',
  {
    id: serial('id').primaryKey(),
    period: text('period').notNull(), // YYYY-MM
    state: text('state').$type<DrawState>().notNull(),
    towns: integer('towns').notNull(),
    countyUnits: integer('county_units').notNull(),
    excludeMonths: integer('exclude_months').notNull(),
    // SHA-256 hex of the canonical string (rules.ts canonicalCommitment).
    commitment: text('commitment').notNull(),
    // 32 random bytes, hex. Secret until the draw: the API shows it only once the state is drawn.
    seed: text('seed').notNull(),
    publicInput: text('public_input'),
    result: jsonb('result').$type<DrawResult>(),
    committedAt: timestamp('committed_at', { withTimezone: true }).notNull(),
    committedBy: text('committed_by').notNull(),
    drawnAt: timestamp('drawn_at', { withTimezone: true }),
    drawnBy: text('drawn_by'),
  },
  (t) => [
    unique('lottery_draws_period_uq').on(t.period),
    check('lottery_draws_state', sql`${t.state} IN ('committed', 'drawn')`),
    check('lottery_draws_drawn_complete', sql`${t.state} = 'committed' OR (${t.result} IS NOT NULL AND ${t.drawnAt} IS NOT NULL)`),
  ],
);

// The frozen candidate list of a draw, one row per unit, with the name as it was at the commit.
export const lotteryCandidates = pgTable(
  'lottery_candidates',
  {
    id: serial('id').primaryKey(),
    drawId: integer('draw_id')
      .notNull()
      .references(() => lotteryDraws.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    unitName: text('unit_name').notNull(),
    group: text('group').$type<'town' | 'county_unit'>().notNull(),
  },
  (t) => [unique('lottery_candidates_uq').on(t.drawId, t.unitId)],
);
