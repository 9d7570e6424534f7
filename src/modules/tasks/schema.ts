import { sql } from 'drizzle-orm';
import type { ReportCadence } from '../../shared/labels.js';
import {
  type AnyPgColumn,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts } from '../auth/schema.js';
import { leaders, people, units } from '../org/schema.js';
import type { SheetKind } from '../../shared/labels.js';
import type { TaskLevel, TaskSource, TaskStatus } from './rules.js';
import type { PartStatus } from '../../shared/labels.js';

export type { ReportCadence } from '../../shared/labels.js';

// Configurable list of categories (招商引资, 工业经济 …).
export const taskCategories = pgTable('task_categories', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  // 归口单位 (seed 002): the office that owns the category's items — its sheets name it as issuer and its staff see and
  // review them. Configured by the supervision office; null when the supervision office itself owns them.
  ownerUnitId: integer('owner_unit_id').references(() => units.id),
});

export const tasks = pgTable(
  'tasks',
  {
    id: serial('id').primaryKey(),
    parentId: integer('parent_id').references((): AnyPgColumn => tasks.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    source: text('source').$type<TaskSource>().notNull(),
    categoryId: integer('category_id').references(() => taskCategories.id),
    level: text('level').$type<TaskLevel>().notNull(),
    leadLeaderId: integer('lead_leader_id').references(() => leaders.id),
    leadUnitId: integer('lead_unit_id')
      .notNull()
      .references(() => units.id),
    responsiblePersonId: integer('responsible_person_id').references(() => people.id),
    responsibleName: text('responsible_name').notNull().default(''),
    responsiblePhone: text('responsible_phone').notNull().default(''),
    startDate: date('start_date').notNull(),
    deadline: date('deadline').notNull(),
    standard: text('standard').notNull().default(''), // 定质量: the acceptance standard
    period: text('period').notNull(), // YYYY-MM
    status: text('status').$type<TaskStatus>().notNull().default('draft'),
    suspendedFrom: text('suspended_from').$type<TaskStatus>(),
    percent: integer('percent').notNull().default(0),
    reportCadence: jsonb('report_cadence').$type<ReportCadence>().notNull().default({ kind: 'none' }),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    closedOn: date('closed_on'),
    // Closed after its deadline: counts differently in scoring.
    closedLate: boolean('closed_late').notNull().default(false),
    // Whether the standard requires evidence at closing (照单验收).
    evidenceRequired: boolean('evidence_required').notNull().default(false),
    // Imported from the county's old ledger with its deadline already past: kept as history, never chased (no sheets).
    importedHistory: boolean('imported_history').notNull().default(false),
    // The earliest due day of the parts still owed by cooperating units (part-rules.ts partsDue), kept with every part
    // change: the colour (rules.ts statusColour, ledger-store.ts colourSql) reads it without joining the parts.
    partsDue: date('parts_due'),
    // When the task was signed for (the latest signed_at of its assignment sheets) and its latest report (the latest
    // reported_at of its reports), kept by triggers in the writer's transaction (migration report_days): the missing
    // report (ledger-store.ts missingSql) is worked out from the task, and from tasks_open_idx alone for open tasks.
    signedAt: timestamp('signed_at', { withTimezone: true }),
    lastReportedAt: timestamp('last_reported_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('tasks_lead_unit_idx').on(t.leadUnitId),
    // A leader's tasks: his ledger filter and the part of his data scope he leads himself.
    index('tasks_lead_leader_idx').on(t.leadLeaderId),
    index('tasks_parent_idx').on(t.parentId),
    index('tasks_period_idx').on(t.period),
    // Ledger order (deadline, then id): a numbered deep page counts its offset off this index alone.
    index('tasks_deadline_id_idx').on(t.deadline, t.id),
    index('tasks_status_idx').on(t.status),
    // tasks_open_idx (migration open_task_indexes, with INCLUDE, which this builder lacks): every open task with its
    // status, deadline, parts' due day, cadence, signing day and last report (migration report_days), so the open tasks'
    // colours and missing reports are counted from it.
    // The colour filter's probe for open tasks with a part owed by a day (ledger-store.ts colourIs).
    index('tasks_open_parts_due_idx')
      .on(t.partsDue)
      .where(sql`status in ('assigned', 'signed', 'in_progress', 'closing_requested', 'returned') and parts_due is not null`),
    // The tasks closed late, counted off the index alone for the cockpit's on-time rate over a whole county or province.
    // Also tasks_open_lead_unit_idx (migration closed_late_index, with INCLUDE): the open tasks by lead unit with their
    // deadlines, so the cockpit's overdue tasks per unit are counted without reading the table; and tasks_carried_idx,
    // the tasks still carried (plans/store.ts latestCarryOvers).
    index('tasks_closed_late_idx')
      .on(t.leadUnitId)
      .where(sql`status = 'closed' and closed_late`),
  ],
);

// How many tasks each unit leads in each status (事项状态汇总), so counts over a whole county or province read a few
// rows instead of every task. A trigger on tasks (migration task_status_counts) appends a delta for every insert,
// delete and change of status or lead unit, in the writer's transaction and without touching a shared row; the
// scanner folds the deltas into the counts (foldTaskStatusCounts). A count is the counts' sum plus the deltas'.
export const taskStatusCounts = pgTable(
  'task_status_counts',
  {
    leadUnitId: integer('lead_unit_id').notNull(),
    status: text('status').$type<TaskStatus>().notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.leadUnitId, t.status] })],
);

export const taskStatusDeltas = pgTable(
  'task_status_deltas',
  {
    leadUnitId: integer('lead_unit_id').notNull(),
    status: text('status').$type<TaskStatus>().notNull(),
    n: integer('n').notNull(),
  },
  (t) => [index('task_status_deltas_status_idx').on(t.status)],
);

export const taskCooperators = pgTable(
  'task_cooperators',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    part: text('part').notNull().default(''), // this unit's own share of the work (what)
    // The part's own thread (part-rules.ts): by when, to what standard, and where it stands.
    dueDate: date('due_date'),
    standard: text('standard').notNull().default(''),
    status: text('status').$type<PartStatus>().notNull().default('assigned'),
    // When the part's terms were last set: its sign time limit counts from the later of this and the handover.
    setAt: timestamp('set_at', { withTimezone: true }),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    // The lead's last word on the part: a return's reason or why the part is explained away.
    note: text('note').notNull().default(''),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.unitId] }), index('task_cooperators_unit_idx').on(t.unitId)],
);

// A cooperating unit's report on its part, with its evidence (attachments.part_report_id), and the lead's decision.
export const taskPartReports = pgTable(
  'task_part_reports',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    reportedBy: integer('reported_by')
      .notNull()
      .references(() => accounts.id),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    text: text('text').notNull(),
    // Reported after the part's due day: kept, since the part's colour clears once reported.
    late: boolean('late').notNull().default(false),
    decision: text('decision').$type<'confirmed' | 'returned'>(),
    decisionNote: text('decision_note').notNull().default(''),
    decidedBy: integer('decided_by').references(() => accounts.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('task_part_reports_task_idx').on(t.taskId, t.reportedAt)],
);

// 关键节点
export const taskMilestones = pgTable(
  'task_milestones',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    name: text('name').notNull(),
    dueDate: date('due_date').notNull(),
    doneDate: date('done_date'),
    evidence: text('evidence').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    index('task_milestones_task_idx').on(t.taskId),
    // The tasks with a milestone late on a day (the yellow light, ledger-store.ts milestoneLate), found once per count
    // from the milestones not done instead of reading every milestone (1.5 million in a province).
    index('task_milestones_open_due_idx')
      .on(t.dueDate, t.taskId)
      .where(sql`done_date is null`),
  ],
);

// 量化指标 (定质量)
export const taskIndicators = pgTable(
  'task_indicators',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    name: text('name').notNull(),
    target: numeric('target', { mode: 'number' }).notNull(),
    unitOfMeasure: text('unit_of_measure').notNull().default(''),
    actual: numeric('actual', { mode: 'number' }),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('task_indicators_task_idx').on(t.taskId)],
);

// 进度反馈
export const taskReports = pgTable(
  'task_reports',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    reportedBy: integer('reported_by')
      .notNull()
      .references(() => accounts.id),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    text: text('text').notNull(),
    percent: integer('percent'),
    problems: text('problems').notNull().default(''),
    coordination: text('coordination').notNull().default(''), // 需协调事项
    indicatorActuals: jsonb('indicator_actuals').$type<{ indicatorId: number; actual: number }[]>().notNull().default([]),
    milestonesDone: jsonb('milestones_done').$type<{ milestoneId: number; doneDate: string; evidence: string }[]>().notNull().default([]),
    // Chosen by the phone that kept the report while offline: sending it again returns the report already saved.
    clientKey: text('client_key'),
  },
  (t) => [index('task_reports_task_idx').on(t.taskId, t.reportedAt), uniqueIndex('task_reports_client_key_uq').on(t.reportedBy, t.clientKey)],
);

export const attachments = pgTable(
  'attachments',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    reportId: integer('report_id').references(() => taskReports.id),
    // Evidence of a cooperating unit's part report (a file is in at most one report of either kind).
    partReportId: integer('part_report_id').references((): AnyPgColumn => taskPartReports.id),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    thumbnailKey: text('thumbnail_key'),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => accounts.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('attachments_task_idx').on(t.taskId), index('attachments_report_idx').on(t.reportId)],
);

export { SHEET_KINDS, type SheetKind } from '../../shared/labels.js';

// Numbered sheets: 交办单, 催办单, 预警单, 移交问责, 责令整改, 诫勉谈话. The number is unique per year and kind.
export const taskSheets = pgTable(
  'task_sheets',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    kind: text('kind').$type<SheetKind>().notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(), // e.g. 督〔2026〕12号
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    content: jsonb('content').$type<Record<string, string>>().notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    issuedBy: integer('issued_by').references(() => accounts.id),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    signedBy: integer('signed_by').references(() => accounts.id),
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    // For chasing sheets: which due date they chase (deadline, sign, first_report, resolve, report, month, manual) and its day.
    // (task, kind, dueKind, dueDay, unit) is unique, so the scanner issues each sheet once however often it runs; the unit
    // keeps apart the sheets of two cooperating units' parts due on one day.
    dueKind: text('due_kind'),
    dueDay: date('due_day'),
    leaderId: integer('leader_id').references(() => leaders.id),
  },
  (t) => [
    unique('task_sheets_number_uq').on(t.kind, t.year, t.seq),
    index('task_sheets_task_idx').on(t.taskId),
    // The chasing board and the sheets issued in a month: without it the planner guesses one chasing sheet and loops.
    index('task_sheets_chasing_issued_idx')
      .on(t.issuedAt, t.id)
      .where(sql`kind <> 'assignment'`),
    uniqueIndex('task_sheets_chase_uq').on(t.taskId, t.kind, t.dueKind, t.dueDay, t.unitId),
  ],
);

// The task's own timeline, shown to everyone who may see the task (the audit log is for auditors).
export const taskEvents = pgTable(
  'task_events',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: integer('actor_id').references(() => accounts.id),
    actorName: text('actor_name').notNull(),
    kind: text('kind').notNull(),
    fromStatus: text('from_status').$type<TaskStatus>(),
    toStatus: text('to_status').$type<TaskStatus>(),
    note: text('note').notNull().default(''),
  },
  (t) => [index('task_events_task_idx').on(t.taskId, t.at)],
);

export const savedFilters = pgTable('saved_filters', {
  id: serial('id').primaryKey(),
  accountId: integer('account_id')
    .notNull()
    .references(() => accounts.id),
  name: text('name').notNull(),
  query: jsonb('query').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

// 挂单: an item still open at month end, carried into the next month with the unit's reason.
export const taskCarryOvers = pgTable(
  'task_carry_overs',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    fromPeriod: text('from_period').notNull(),
    toPeriod: text('to_period').notNull(),
    reason: text('reason').notNull().default(''),
    reasonBy: integer('reason_by').references(() => accounts.id),
    reasonAt: timestamp('reason_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('task_carry_overs_uq').on(t.taskId, t.fromPeriod), index('task_carry_overs_to_idx').on(t.toPeriod)],
);

// Month membership, stored (tasks/store.ts inMonth): one row per task and month it belongs to — the month it was planned
// in and every month it was carried into (task_carry_overs.to_period) — with a copy of the task's columns that the
// month's counts and its page by deadline read, so a month of 160,000 tasks is read as one range of this table instead
// of 160,000 probes into tasks (docs/performance.md). Triggers on tasks and task_carry_overs (migration
// task_months) rewrite a task's rows in the writer's transaction; task-months.test.ts holds them equal to the rule.
export const taskMonths = pgTable(
  'task_months',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    status: text('status').$type<TaskStatus>().notNull(),
    deadline: date('deadline').notNull(),
    partsDue: date('parts_due'),
    leadUnitId: integer('lead_unit_id').notNull(),
    parentId: integer('parent_id'),
    closedOn: date('closed_on'),
    closedLate: boolean('closed_late').notNull(),
    // Carried out of this month (a task_carry_overs row from it): the figures' `carried`.
    carriedOut: boolean('carried_out').notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.period] }), index('task_months_period_deadline_idx').on(t.period, t.deadline, t.taskId)],
);
