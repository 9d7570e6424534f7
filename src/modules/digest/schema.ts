import { boolean, date, index, integer, pgTable, primaryKey, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { notifyChannels } from '../notify/schema.js';
import { people, units } from '../org/schema.js';

// A work group (工作群) that gets a daily digest (微信亮绩): the units whose tasks it follows and the people who read it
// in their inbox; `channelId` is the group's robot (a notify channel), where the digest is posted.
export const workGroups = pgTable('work_groups', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  channelId: integer('channel_id').references(() => notifyChannels.id),
  // The time of day (Asia/Shanghai, HH:MM) from which the day's digest is sent.
  sendAt: text('send_at').notNull().default('18:00'),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const workGroupUnits = pgTable(
  'work_group_units',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => workGroups.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.unitId] })],
);

export const workGroupPeople = pgTable(
  'work_group_people',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => workGroups.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.personId] })],
);

// One digest per group and day: the row is the claim (INSERT … ON CONFLICT DO NOTHING), so two processes send it once.
export const digests = pgTable(
  'digests',
  {
    id: serial('id').primaryKey(),
    groupId: integer('group_id')
      .notNull()
      .references(() => workGroups.id),
    day: date('day').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    closedToday: integer('closed_today').notNull(),
    dueTomorrow: integer('due_tomorrow').notNull(),
    red: integer('red').notNull(),
    highlights: integer('highlights').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('digests_group_day_key').on(t.groupId, t.day), index('digests_day_idx').on(t.day)],
);
