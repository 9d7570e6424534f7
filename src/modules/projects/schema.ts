import { doublePrecision, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { PhotoDateSource, ProjectKind } from '../../shared/labels.js';
import { accounts } from '../auth/schema.js';
import { leaders, units } from '../org/schema.js';
import { tasks } from '../tasks/schema.js';

// A key project (重点项目) of the county's register. Money in 万元 (whole). `investmentBefore`: what was invested
// before this register's monthly figures begin, so the cumulative figure is it plus every reported month.
export const projects = pgTable(
  'projects',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').$type<ProjectKind>().notNull(),
    totalInvestment: integer('total_investment').notNull(), // 计划总投资
    investmentBefore: integer('investment_before').notNull().default(0),
    leadLeaderId: integer('lead_leader_id').references(() => leaders.id),
    leadUnitId: integer('lead_unit_id')
      .notNull()
      .references(() => units.id),
    responsibleName: text('responsible_name').notNull(),
    responsiblePhone: text('responsible_phone').notNull().default(''),
    address: text('address').notNull().default(''),
    longitude: doublePrecision('longitude'),
    latitude: doublePrecision('latitude'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => accounts.id),
  },
  (t) => [index('projects_lead_unit_idx').on(t.leadUnitId)],
);

// A step (工序) of a project, in a phase (部分), in building order: planned start and duration give its date node
// (时间节点, the planned end); the unit and person who carry it out; the actual dates the unit enters. A step may be
// linked to a ledger task, which the chasing then follows.
export const projectSteps = pgTable(
  'project_steps',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    phase: text('phase').notNull(),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    plannedStart: text('planned_start').notNull(), // YYYY-MM-DD
    plannedDays: integer('planned_days').notNull(), // calendar days, the start day included
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    personName: text('person_name').notNull().default(''),
    phone: text('phone').notNull().default(''),
    actualStart: text('actual_start'),
    actualEnd: text('actual_end'),
    taskId: integer('task_id').references(() => tasks.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('project_steps_project_idx').on(t.projectId, t.seq), index('project_steps_unit_idx').on(t.unitId)],
);

// A project's investment for one month (万元): the plan for the month and what the unit reported done.
export const projectInvestments = pgTable(
  'project_investments',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    period: text('period').notNull(), // YYYY-MM
    planned: integer('planned').notNull().default(0),
    done: integer('done'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: integer('updated_by').references(() => accounts.id),
  },
  (t) => [uniqueIndex('project_investments_month_idx').on(t.projectId, t.period)],
);

// A dated photo of a project's site (影像比绩). The bytes are in the attachment store; the date and place come from
// the photo's EXIF when it has them (`dateSource`).
export const projectPhotos = pgTable(
  'project_photos',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    takenOn: text('taken_on').notNull(), // YYYY-MM-DD, Asia/Shanghai
    dateSource: text('date_source').$type<PhotoDateSource>().notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    caption: text('caption').notNull().default(''),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    thumbnailKey: text('thumbnail_key').notNull(),
    uploadedBy: integer('uploaded_by').references(() => accounts.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('project_photos_project_idx').on(t.projectId, t.takenOn)],
);
