-- Row-level security, the second line of the data scope (docs/security.md). A unit-scoped actor's reads run as
-- luoshi_unit_reader (src/row-security.ts sets the role and the scope's tasks for the request's transaction); the policies
-- below bind that role only, so the owner (the app's own connection: office, system and every write) is unaffected.
-- A role is cluster-wide: created once, by whichever database migrates first (several may at once in the tests).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'luoshi_unit_reader') THEN
    CREATE ROLE luoshi_unit_reader NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;--> statement-breakpoint
-- The app's own role switches to it with SET ROLE. Granted only when not yet a member, so a database user without the
-- right to grant roles migrates once an administrator has made the role and granted it (README).
DO $$
BEGIN
  IF NOT pg_has_role(CURRENT_USER, 'luoshi_unit_reader', 'MEMBER') THEN
    GRANT luoshi_unit_reader TO CURRENT_USER;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO luoshi_unit_reader;--> statement-breakpoint
GRANT SELECT ON ALL TABLES IN SCHEMA public TO luoshi_unit_reader;--> statement-breakpoint
-- and on the tables later migrations create (they are created by this same role).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO luoshi_unit_reader;--> statement-breakpoint
-- What a read writes: its audit row (exports, downloads, refusals).
GRANT INSERT ON audit_log TO luoshi_unit_reader;--> statement-breakpoint
-- The tasks a scope sees directly, by the first line's rule (tasks/access.ts): led by a unit of the scope, cooperated on
-- by one, led by the actor as leader, or of a category the actor's unit owns (归口). Worked out once per request, as
-- the owner (SECURITY DEFINER), into the setting luoshi.tasks that the policies read: a policy that ran this rule
-- itself would run it for every mention of a table in every statement (18 times slower on PostgreSQL, measured).
CREATE FUNCTION luoshi_scope_task_ids(units int[], leader int, owner_unit int) RETURNS int[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT coalesce(array_agg(DISTINCT v.id ORDER BY v.id), '{}') FROM (
    SELECT t.id FROM public.tasks t WHERE t.lead_unit_id = ANY (units)
    UNION ALL SELECT c.task_id FROM public.task_cooperators c WHERE c.unit_id = ANY (units)
    UNION ALL SELECT t.id FROM public.tasks t WHERE t.lead_leader_id = leader
    UNION ALL SELECT t.id FROM public.tasks t WHERE t.category_id IN (SELECT k.id FROM public.task_categories k WHERE k.owner_unit_id = owner_unit)
  ) v
$$;--> statement-breakpoint
-- The request's tasks; none when the setting is absent.
CREATE FUNCTION luoshi_scope_tasks() RETURNS int[]
LANGUAGE sql STABLE AS $$ SELECT coalesce(nullif(current_setting('luoshi.tasks', true), ''), '{}')::int[] $$;--> statement-breakpoint
-- A task page lists its sub-tasks whatever unit leads them, and the ledger's progress averages them: a sub-task of a
-- task in scope is visible too (its own reports and sheets are not).
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tasks_unit_scope ON tasks FOR SELECT TO luoshi_unit_reader
  USING (id IN (SELECT unnest(luoshi_scope_tasks())) OR parent_id IN (SELECT unnest(luoshi_scope_tasks())));--> statement-breakpoint
ALTER TABLE task_cooperators ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY task_cooperators_unit_scope ON task_cooperators FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT unnest(luoshi_scope_tasks())));--> statement-breakpoint
ALTER TABLE task_part_reports ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY task_part_reports_unit_scope ON task_part_reports FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT unnest(luoshi_scope_tasks())));--> statement-breakpoint
ALTER TABLE task_reports ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY task_reports_unit_scope ON task_reports FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT unnest(luoshi_scope_tasks())));--> statement-breakpoint
ALTER TABLE task_milestones ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY task_milestones_unit_scope ON task_milestones FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT unnest(luoshi_scope_tasks())));--> statement-breakpoint
ALTER TABLE task_sheets ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY task_sheets_unit_scope ON task_sheets FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT unnest(luoshi_scope_tasks())));--> statement-breakpoint
ALTER TABLE task_events ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY task_events_unit_scope ON task_events FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT unnest(luoshi_scope_tasks())));--> statement-breakpoint
ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY attachments_unit_scope ON attachments FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT unnest(luoshi_scope_tasks())));--> statement-breakpoint
ALTER TABLE closing_requests ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY closing_requests_unit_scope ON closing_requests FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT unnest(luoshi_scope_tasks())));
