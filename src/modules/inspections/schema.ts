import { boolean, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from '../auth/schema.js';
import { leaders, units } from '../org/schema.js';
import { tasks } from '../tasks/schema.js';
import type { FindingGrade, InspectionMethod, InspectionMode, InspectionStatus, PlanCycle } from '../../shared/labels.js';

// Standing inspection teams (督查组): a lead, members, and the units of their area.
export const inspectionTeams = pgTable('inspection_teams', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  leadName: text('lead_name').notNull(),
  members: jsonb('members').$type<string[]>().notNull().default([]),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const inspectionTeamUnits = pgTable(
  'inspection_team_units',
  {
    teamId: integer('team_id')
      .notNull()
      .references(() => inspectionTeams.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.unitId] })],
);

// One inspection of one unit, planned in a yearly or monthly plan (明察 open / 暗访 unannounced, on site or remote),
// then visited and recorded, then filed: filing turns its problems into ledger tasks and sends the 提示件. An
// unannounced inspection stays hidden from the inspected unit until it is filed.
export const inspections = pgTable(
  'inspections',
  {
    id: serial('id').primaryKey(),
    cycle: text('cycle').$type<PlanCycle>().notNull(),
    period: text('period').notNull(), // YYYY (yearly plan) or YYYY-MM (monthly plan)
    teamId: integer('team_id')
      .notNull()
      .references(() => inspectionTeams.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    subject: text('subject').notNull(),
    mode: text('mode').$type<InspectionMode>().notNull(),
    method: text('method').$type<InspectionMethod>().notNull(),
    plannedOn: date('planned_on', { mode: 'string' }),
    status: text('status').$type<InspectionStatus>().notNull(),
    visitedOn: date('visited_on', { mode: 'string' }),
    place: text('place').notNull().default(''),
    peopleMet: text('people_met').notNull().default(''),
    observations: text('observations').notNull().default(''),
    leaderId: integer('leader_id').references(() => leaders.id), // the leader in charge, who gets the 提示件
    filedAt: timestamp('filed_at', { withTimezone: true }),
    filedBy: integer('filed_by').references(() => accounts.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
  },
  (t) => [index('inspections_period_idx').on(t.period), index('inspections_unit_idx').on(t.unitId)],
);

// A finding, graded. A problem names who rectifies it by when; filing makes it a rectification task (taskId). Good
// practice may be put forward by the unit as highlight work (highlightId, in the stars module).
export const inspectionFindings = pgTable(
  'inspection_findings',
  {
    id: serial('id').primaryKey(),
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => inspections.id),
    grade: text('grade').$type<FindingGrade>().notNull(),
    content: text('content').notNull(),
    ownerUnitId: integer('owner_unit_id').references(() => units.id),
    ownerName: text('owner_name').notNull().default(''),
    deadline: date('deadline', { mode: 'string' }),
    taskId: integer('task_id').references(() => tasks.id),
    highlightId: integer('highlight_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('inspection_findings_inspection_idx').on(t.inspectionId)],
);

// Photos taken on the visit, with when and where; bytes in the attachment store, checked like task attachments.
export const inspectionPhotos = pgTable(
  'inspection_photos',
  {
    id: serial('id').primaryKey(),
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => inspections.id),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    thumbnailKey: text('thumbnail_key'),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => accounts.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('inspection_photos_inspection_idx').on(t.inspectionId)],
);
