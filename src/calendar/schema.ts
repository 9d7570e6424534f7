import { date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from '../modules/auth/schema.js';

// The county's own calendar on top of chinese-days: extra days off, adjusted working days, and new years' notices.
export const calendarDays = pgTable('calendar_days', {
  day: date('day').primaryKey(),
  kind: text('kind').$type<'off' | 'work'>().notNull(),
  name: text('name').notNull().default(''),
  createdBy: integer('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

// Years whose State Council holiday notice (国务院办公厅关于部分节假日安排的通知) has been entered in full.
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  note: text('note').notNull().default(''),
  enteredBy: integer('entered_by').references(() => accounts.id),
  enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
});
