import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrationsFolder, queryRows } from '../src/db/client.js';
import { migrationsUpTo } from '../src/db/restore.js';
import { units } from '../src/modules/org/schema.js';
import { TASK_STATUSES } from '../src/modules/tasks/rules.js';
import { taskCarryOvers, tasks } from '../src/modules/tasks/schema.js';
import { openTestDatabase } from './db.js';

const EXPECTED_TABLES = [
  'account_roles',
  'account_totp',
  'accounts',
  'annual_opinion_changes',
  'annual_opinions',
  'assessment_bonus_items',
  'assessment_quarter_publications',
  'assessment_quarter_scores',
  'assessment_settings',
  'assessment_year_parts',
  'assessment_year_publications',
  'assessment_year_scores',
  'attachments',
  'audit_anchors',
  'audit_log',
  'board_tokens',
  'calendar_days',
  'calendar_years',
  'chase_marks',
  'chasing_settings',
  'closing_requests',
  'closing_reviews',
  'closing_site_checks',
  'digests',
  'dossier_settings',
  'frontline_days',
  'highlight_nominations',
  'inspection_findings',
  'inspection_photos',
  'inspection_team_units',
  'inspection_teams',
  'inspections',
  'interview_commitments',
  'interviews',
  'leader_units',
  'leaders',
  'login_challenges',
  'login_throttle',
  'lottery_candidates',
  'lottery_draws',
  'lottery_settings',
  'meeting_dates',
  'meeting_notes',
  'monthly_assessments',
  'monthly_figure_freezes',
  'monthly_figures',
  'notifications',
  'notify_channels',
  'notify_deliveries',
  'org_settings',
  'people',
  'plan_items',
  'plan_periods',
  'plan_proposals',
  'plan_revisions',
  'project_investments',
  'project_photos',
  'project_steps',
  'projects',
  'quarter_confirmations',
  'records_settings',
  'recovery_codes',
  'review_appeals',
  'review_bottom_statements',
  'review_corrections',
  'review_manual_facts',
  'review_notices',
  'review_offices',
  'review_publications',
  'review_schemes',
  'review_score_facts',
  'review_scores',
  'review_star_adjustments',
  'saved_filters',
  'score_deductions',
  'security_policy',
  'self_assessments',
  'sessions',
  'star_months',
  'star_nominations',
  'star_settings',
  'study_attendance',
  'study_sessions',
  'study_weekly_notices',
  'task_carry_overs',
  'task_categories',
  'task_cooperators',
  'task_disclosures',
  'task_events',
  'task_indicators',
  'task_milestones',
  'task_months',
  'task_part_reports',
  'task_reports',
  'task_sheets',
  'task_status_counts',
  'task_status_deltas',
  'tasks',
  'time_limit_rules',
  'units',
  'work_group_people',
  'work_group_units',
  'work_groups',
  'work_logs',
];

// Migrating a truly empty database takes long on a loaded 2-core machine: this test gets its own timeout.
describe('migrations', () => {
  it(`run from empty on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'} and a second run changes nothing`, async () => {
    // The test templates were themselves built by migrating; here the database starts truly empty.
    const database = await openTestDatabase(undefined, { migrated: false });
    try {
      await database.migrate();
      const tables = await queryRows<{ table_name: string }>(
        database.db,
        sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.map((r) => r.table_name)).toEqual(EXPECTED_TABLES);
      const countMigrations = sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`;
      const [applied] = await queryRows<{ n: number }>(database.db, countMigrations);
      await database.migrate();
      const [again] = await queryRows<{ n: number }>(database.db, countMigrations);
      expect(again!.n).toBe(applied!.n);
      const triggers = await queryRows<{ tgname: string; tgenabled: string }>(
        database.db,
        sql`SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal ORDER BY tgname`,
      );
      expect(triggers).toEqual([
        { tgname: 'audit_log_no_truncate', tgenabled: 'A' },
        { tgname: 'audit_log_no_update_delete', tgenabled: 'A' },
      ]);
    } finally {
      await database.close();
    }
  }, 180_000);

  it('the status summary counts the tasks a database already holds when it migrates', async () => {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const cut = await migrationsUpTo(journal.entries.findIndex((e) => e.tag.endsWith('_task_status_counts')));
    const database = await openTestDatabase(undefined, { migrated: false });
    try {
      await database.migrate(cut);
      const at = new Date();
      const made = await database.db
        .insert(units)
        .values(['MIG-A', 'MIG-B'].map((code) => ({ code, name: code, kind: 'town' as const, parentId: null, path: '/', createdAt: at, updatedAt: at })))
        .returning({ id: units.id });
      await database.db.insert(tasks).values(
        Array.from({ length: 25 }, (_, i) => ({
          title: `迁移前${i}`,
          source: 'meeting' as const,
          level: 'general' as const,
          leadUnitId: made[i % 2]!.id,
          startDate: '2026-03-01',
          deadline: '2026-03-31',
          period: '2026-03',
          status: TASK_STATUSES[i % TASK_STATUSES.length]!,
          createdAt: at,
          updatedAt: at,
        })),
      );
      await database.migrate();
      const perUnitStatus = sql`select lead_unit_id, status, count(*)::int as n from tasks group by 1, 2 order by 1, 2`;
      const summary = sql`select lead_unit_id, status, n from task_status_counts order by 1, 2`;
      expect(await queryRows(database.db, summary)).toEqual(await queryRows(database.db, perUnitStatus));
    } finally {
      await database.close();
      fs.rmSync(cut, { recursive: true, force: true });
    }
  }, 180_000);

  it('the month membership holds the months of the tasks and carry-overs a database already holds when it migrates', async () => {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const cut = await migrationsUpTo(journal.entries.findIndex((e) => e.tag.endsWith('_task_months')));
    const database = await openTestDatabase(undefined, { migrated: false });
    try {
      await database.migrate(cut);
      const at = new Date();
      const [unit] = await database.db
        .insert(units)
        .values({ code: 'MIG-M', name: 'MIG-M', kind: 'town', parentId: null, path: '/', createdAt: at, updatedAt: at })
        .returning({ id: units.id });
      const made = await database.db
        .insert(tasks)
        .values(
          Array.from({ length: 6 }, (_, i) => ({
            title: `迁移前${i}`,
            source: 'meeting' as const,
            level: 'general' as const,
            leadUnitId: unit!.id,
            startDate: '2026-01-01',
            deadline: `2026-0${1 + (i % 3)}-20`,
            period: `2026-0${1 + (i % 3)}`,
            status: TASK_STATUSES[i]!,
            closedLate: i % 2 === 0,
            createdAt: at,
            updatedAt: at,
          })),
        )
        .returning({ id: tasks.id, period: tasks.period });
      // Carried on from January: the first task twice (to February, then March), the fourth once.
      await database.db.insert(taskCarryOvers).values([
        { taskId: made[0]!.id, fromPeriod: '2026-01', toPeriod: '2026-02', createdAt: at },
        { taskId: made[0]!.id, fromPeriod: '2026-02', toPeriod: '2026-03', createdAt: at },
        { taskId: made[3]!.id, fromPeriod: '2026-01', toPeriod: '2026-02', createdAt: at },
      ]);
      await database.migrate();
      const months = await queryRows<{ task_id: number; period: string; status: string; closed_late: boolean; carried_out: boolean }>(
        database.db,
        sql`select task_id, period, status, closed_late, carried_out from task_months order by task_id, period`,
      );
      const row = (i: number, period: string, carriedOut: boolean) => ({
        task_id: made[i]!.id,
        period,
        status: TASK_STATUSES[i]!,
        closed_late: i % 2 === 0,
        carried_out: carriedOut,
      });
      expect(months).toEqual([
        row(0, '2026-01', true),
        row(0, '2026-02', true),
        row(0, '2026-03', false),
        row(1, '2026-02', false),
        row(2, '2026-03', false),
        row(3, '2026-01', true),
        row(3, '2026-02', false),
        row(4, '2026-02', false),
        row(5, '2026-03', false),
      ]);
    } finally {
      await database.close();
      fs.rmSync(cut, { recursive: true, force: true });
    }
  }, 180_000);
});
