import { type AnyPgColumn, boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { UnitKind } from '../../shared/labels.js';

export { UNIT_KINDS, type UnitKind } from '../../shared/labels.js';

export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    parentId: integer('parent_id').references((): AnyPgColumn => units.id),
    // Materialised path '/1/5/9/' so a subtree is one LIKE; rewritten when a unit moves.
    path: text('path').notNull(),
    kind: text('kind').$type<UnitKind>().notNull(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    headPersonId: integer('head_person_id').references((): AnyPgColumn => people.id),
    liaisonPersonId: integer('liaison_person_id').references((): AnyPgColumn => people.id),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('units_parent_idx').on(t.parentId), index('units_path_idx').on(t.path)],
);

export const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    // County leaders (县领导) belong to no department.
    unitId: integer('unit_id').references((): AnyPgColumn => units.id),
    title: text('title').notNull().default(''),
    phone: text('phone').notNull().default(''),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('people_unit_idx').on(t.unitId)],
);

// 市领导 / 县领导 and their portfolio (分管).
export const leaders = pgTable('leaders', {
  id: serial('id').primaryKey(),
  personId: integer('person_id')
    .notNull()
    .unique()
    .references(() => people.id),
  position: text('position').notNull(),
  // 分管工作: the work areas, e.g. 工业经济、招商引资.
  portfolio: text('portfolio').notNull().default(''),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const leaderUnits = pgTable(
  'leader_units',
  {
    leaderId: integer('leader_id')
      .notNull()
      .references(() => leaders.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.leaderId, t.unitId] }), index('leader_units_unit_idx').on(t.unitId)],
);

// The offices of the joint review (三部联审): by default 督查室, 效能监察室 and 考核办, each tied to its unit.
export const reviewOffices = pgTable('review_offices', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  unitId: integer('unit_id').references(() => units.id),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

// The county's own settings for its organisation: what it calls each kind of unit (a county has 县直单位, a city 市直单位).
export const orgSettings = pgTable('org_settings', {
  id: integer('id').primaryKey(),
  unitKindLabels: jsonb('unit_kind_labels').$type<Partial<Record<UnitKind, string>>>().notNull().default({}),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
