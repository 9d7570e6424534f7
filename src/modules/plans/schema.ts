import { boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { accounts } from '../auth/schema.js';
import { leaders, people, units } from '../org/schema.js';
import { type ReportCadence, taskCategories, tasks } from '../tasks/schema.js';
import type { PlanStatus, ProposalStatus, TaskLevel } from '../../shared/labels.js';

export type { PlanStatus } from '../../shared/labels.js';
export interface PlanMilestone {
  name: string;
  dueDate: string;
}
export interface PlanIndicator {
  name: string;
  target: number;
  unitOfMeasure: string;
}

// The rest of 三定 a proposal and an item carry into the task: who answers for it, what is measured, how it reports,
// and whether closing needs evidence.
const responsibility = () => ({
  responsiblePersonId: integer('responsible_person_id').references(() => people.id),
  responsibleName: text('responsible_name').notNull().default(''),
  responsiblePhone: text('responsible_phone').notNull().default(''),
  indicators: jsonb('indicators').$type<PlanIndicator[]>().notNull().default([]),
  level: text('level').$type<TaskLevel>().notNull().default('general'),
  reportCadence: jsonb('report_cadence').$type<ReportCadence>().notNull().default({ kind: 'none' }),
  evidenceRequired: boolean('evidence_required').notNull().default(false),
});

// A monthly plan (月度预安) or a weekly 10+N plan, with the deadlines of its steps.
export const planPeriods = pgTable(
  'plan_periods',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').$type<'monthly' | 'weekly'>().notNull(),
    period: text('period').notNull(), // 2026-04, or 2026-W15 for a weekly plan
    title: text('title').notNull(),
    status: text('status').$type<PlanStatus>().notNull().default('collecting'),
    proposeBy: date('propose_by').notNull(),
    reviewBy: date('review_by').notNull(),
    consolidateBy: date('consolidate_by').notNull(),
    meetingOn: date('meeting_on').notNull(),
    documentNumber: text('document_number'),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('plan_periods_kind_period_uq').on(t.kind, t.period)],
);

// 自下而上预: a unit's proposed key work for the period.
export const planProposals = pgTable(
  'plan_proposals',
  {
    id: serial('id').primaryKey(),
    periodId: integer('period_id')
      .notNull()
      .references(() => planPeriods.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status').$type<ProposalStatus>().notNull().default('draft'),
    title: text('title').notNull(),
    measures: text('measures').notNull().default(''),
    timetable: text('timetable').notNull().default(''),
    milestones: jsonb('milestones').$type<PlanMilestone[]>().notNull().default([]),
    standard: text('standard').notNull().default(''),
    deadline: date('deadline').notNull(),
    categoryId: integer('category_id').references(() => taskCategories.id),
    leadLeaderId: integer('lead_leader_id').references(() => leaders.id),
    cooperatingUnitIds: jsonb('cooperating_unit_ids').$type<number[]>().notNull().default([]),
    ...responsibility(),
    // A carried-over task pre-filled into next month's proposal.
    carriedTaskId: integer('carried_task_id').references(() => tasks.id),
    late: boolean('late').notNull().default(false),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: integer('submitted_by').references(() => accounts.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: integer('reviewed_by').references(() => accounts.id),
    reviewComment: text('review_comment').notNull().default(''),
    // Why the unit or the office withdrew it (status 'withdrawn').
    withdrawReason: text('withdraw_reason').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('plan_proposals_period_idx').on(t.periodId, t.unitId)],
);

// Every edit a leader or the office makes to a unit's proposal, and the unit's own edits after a return, with who and why.
export const planRevisions = pgTable(
  'plan_revisions',
  {
    id: serial('id').primaryKey(),
    proposalId: integer('proposal_id').references(() => planProposals.id),
    itemId: integer('item_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    by: integer('by')
      .notNull()
      .references(() => accounts.id),
    reason: text('reason').notNull(),
    before: jsonb('before').notNull(),
    after: jsonb('after').notNull(),
  },
  (t) => [index('plan_revisions_proposal_idx').on(t.proposalId)],
);

// 专职汇总: the office's consolidated draft, item by item, and the meeting's decision on each.
export const planItems = pgTable(
  'plan_items',
  {
    id: serial('id').primaryKey(),
    periodId: integer('period_id')
      .notNull()
      .references(() => planPeriods.id),
    origin: text('origin').$type<'proposal' | 'leader_assigned' | 'carried_over'>().notNull(),
    sourceProposalIds: jsonb('source_proposal_ids').$type<number[]>().notNull().default([]),
    title: text('title').notNull(),
    measures: text('measures').notNull().default(''),
    milestones: jsonb('milestones').$type<PlanMilestone[]>().notNull().default([]),
    standard: text('standard').notNull().default(''),
    deadline: date('deadline').notNull(),
    categoryId: integer('category_id').references(() => taskCategories.id),
    leadLeaderId: integer('lead_leader_id').references(() => leaders.id),
    leadUnitId: integer('lead_unit_id')
      .notNull()
      .references(() => units.id),
    cooperatingUnitIds: jsonb('cooperating_unit_ids').$type<number[]>().notNull().default([]),
    ...responsibility(),
    carriedTaskId: integer('carried_task_id').references(() => tasks.id),
    decision: text('decision').$type<'approved' | 'amended' | 'dropped'>(),
    decisionNote: text('decision_note').notNull().default(''),
    taskId: integer('task_id').references(() => tasks.id),
    sortOrder: integer('sort_order').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('plan_items_period_idx').on(t.periodId)],
);
