import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrationsFolder, queryRows } from '../src/db/client.js';
import { migrationsUpTo } from '../src/db/restore.js';
import { units } from '../src/modules/org/schema.js';
import { TASK_STATUSES } from '../src/modules/tasks/rules.js';
import { taskCarryOvers } from '../src/modules/tasks/schema.js';
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
      // Raw SQL: the schema's tasks table has the columns later migrations add.
      const rows = Array.from(
        { length: 25 },
        (_, i) =>
          sql`(${`迁移前${i}`}, 'meeting', 'general', ${made[i % 2]!.id}, '2026-03-01', '2026-03-31', '2026-03', ${TASK_STATUSES[i % TASK_STATUSES.length]!}, now(), now())`,
      );
      await database.db.execute(
        sql`insert into tasks (title, source, level, lead_unit_id, start_date, deadline, period, status, created_at, updated_at) values ${sql.join(rows, sql`, `)}`,
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
      // Raw SQL: the schema's tasks table has columns later migrations add.
      const made = await queryRows<{ id: number }>(
        database.db,
        sql`insert into tasks (title, source, level, lead_unit_id, start_date, deadline, period, status, closed_late, created_at, updated_at)
          select '迁移前' || i, 'meeting', 'general', ${unit!.id}, '2026-01-01', ('2026-0' || (1 + i % 3) || '-20')::date, '2026-0' || (1 + i % 3),
            (${sql.raw(`array[${TASK_STATUSES.map((x) => `'${x}'`).join(', ')}]`)})[i + 1], i % 2 = 0, now(), now()
          from generate_series(0, 5) i order by i returning id`,
      );
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

  it('each task gets the signing day and last report of the sheets and reports a database already holds when it migrates', async () => {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const cut = await migrationsUpTo(journal.entries.findIndex((e) => e.tag.endsWith('_report_days')));
    const database = await openTestDatabase(undefined, { migrated: false });
    try {
      await database.migrate(cut);
      // Raw SQL: the schema's tasks table already has the columns this migration adds.
      await database.db.execute(sql`
        with u as (insert into units (code, name, kind, path, created_at, updated_at) values ('MIG-R', 'MIG-R', 'town', '/', now(), now()) returning id),
          a as (insert into accounts (username, display_name, password_hash, password_changed_at, created_at, updated_at)
            values ('mig-r', 'MIG-R', 'x', now(), now(), now()) returning id),
          t as (insert into tasks (title, source, level, lead_unit_id, start_date, deadline, period, status, created_at, updated_at)
            select '迁移前' || i, 'meeting', 'general', u.id, '2026-03-01', '2026-03-31', '2026-03', 'in_progress', now(), now()
            from u, generate_series(1, 6) i returning id),
          s as (insert into task_sheets (task_id, kind, year, seq, number, unit_id, content, issued_at, signed_at)
            select t.id, k.kind, 2026, t.id * 10 + k.n, t.id || '-' || k.n, u.id, '{}', '2026-03-01',
              case when t.id % 3 <> 0 then timestamptz '2026-03-01 10:00+08' + make_interval(hours => k.n + t.id) end
            from t, u, (values (1, 'assignment'), (2, 'assignment'), (3, 'urge')) k(n, kind) returning id)
        insert into task_reports (task_id, reported_by, reported_at, text)
          select t.id, a.id, timestamptz '2026-03-05 10:00+08' + make_interval(days => (t.id * 7 + r) % 11), '进展'
          from t, a, generate_series(1, 3) r where t.id % 2 = 0`);
      await database.migrate();
      const [row] = await queryRows<{ off: number; signed: number; reported: number }>(
        database.db,
        sql`select count(*) filter (where t.signed_at is distinct from (select max(s.signed_at) from task_sheets s where s.task_id = t.id and s.kind = 'assignment')
              or t.last_reported_at is distinct from (select max(r.reported_at) from task_reports r where r.task_id = t.id))::int as off,
            count(t.signed_at)::int as signed, count(t.last_reported_at)::int as reported
          from tasks t where t.title like '迁移前%'`,
      );
      expect(row).toEqual({ off: 0, signed: 4, reported: 3 });
    } finally {
      await database.close();
      fs.rmSync(cut, { recursive: true, force: true });
    }
  }, 180_000);
});
