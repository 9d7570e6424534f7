import { boolean, date, index, integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import type { StudyKind, StudyStatus } from '../../shared/labels.js';
import { accounts } from '../auth/schema.js';
import { people, units } from '../org/schema.js';

// 学习台账: a unit's study sessions (三会一课, theory study), planned and then held with attendance.
export const studySessions = pgTable(
  'study_sessions',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind').$type<StudyKind>().notNull(),
    title: text('title').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    place: text('place').notNull().default(''),
    topic: text('topic').notNull().default(''),
    status: text('status').$type<StudyStatus>().notNull().default('planned'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
    heldAt: timestamp('held_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('study_sessions_unit_day_idx').on(t.unitId, t.day), index('study_sessions_day_idx').on(t.day)],
);

// Who was there. An absentee's row is their make-up item (补学): due by `makeup_due`, done when `made_up_on` is set.
export const studyAttendance = pgTable(
  'study_attendance',
  {
    id: serial('id').primaryKey(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => studySessions.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    // The person's unit at the session, so completion by unit stays put when someone moves.
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    present: boolean('present').notNull(),
    absenceReason: text('absence_reason').notNull().default(''),
    makeupDue: date('makeup_due', { mode: 'string' }),
    madeUpOn: date('made_up_on', { mode: 'string' }),
    makeupNote: text('makeup_note').notNull().default(''),
    makeupBy: integer('makeup_by').references(() => accounts.id),
  },
  (t) => [
    unique('study_attendance_session_person_uq').on(t.sessionId, t.personId),
    index('study_attendance_person_idx').on(t.personId),
    index('study_attendance_unit_idx').on(t.unitId),
  ],
);

// The weekly attendance notice, claimed per week (its Monday) so several processes send it once.
export const studyWeeklyNotices = pgTable('study_weekly_notices', {
  week: date('week', { mode: 'string' }).primaryKey(),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  units: integer('units').notNull(),
});
