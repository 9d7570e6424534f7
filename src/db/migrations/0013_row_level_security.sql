-- Row-level security, the second line of the data scope (docs/security.md). A unit-scoped actor's reads run as
-- luoshi_unit_reader (src/row-security.ts sets the role and the scope for the request's transaction); the policies
-- below bind that role only, so the owner (the app's own connection: office, system and every write) is unaffected.
-- A role is cluster-wide: created once, by whichever database migrates first (several may at once in the tests).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'luoshi_unit_reader') THEN
    CREATE ROLE luoshi_unit_reader NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;--> statement-breakpoint
-- The app's own role switches to it with SET ROLE (granted again without harm).
DO $$
BEGIN
  GRANT luoshi_unit_reader TO CURRENT_USER;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO luoshi_unit_reader;--> statement-breakpoint
GRANT SELECT ON ALL TABLES IN SCHEMA public TO luoshi_unit_reader;--> statement-breakpoint
-- What a read writes: its audit row (exports, downloads, refusals).
GRANT INSERT ON audit_log TO luoshi_unit_reader;--> statement-breakpoint
-- The tasks the request's scope sees directly, by the first line's rule (tasks/access.ts): led by a unit of the scope,
-- cooperated on by one, led by the actor as leader, or of a category the actor's unit owns (归口). Read as the owner
-- (SECURITY DEFINER), so the policies that call it do not recurse into each other.
CREATE FUNCTION luoshi_scope_task_ids() RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH s AS (
    SELECT coalesce(nullif(current_setting('luoshi.units', true), ''), '{}')::int[] AS units,
           nullif(current_setting('luoshi.leader', true), '')::int AS leader,
           nullif(current_setting('luoshi.owner_unit', true), '')::int AS owner_unit
  )
  SELECT t.id FROM public.tasks t, s WHERE t.lead_unit_id = ANY (s.units)
  UNION ALL SELECT c.task_id FROM public.task_cooperators c, s WHERE c.unit_id = ANY (s.units)
  UNION ALL SELECT t.id FROM public.tasks t, s WHERE t.lead_leader_id = s.leader
  UNION ALL SELECT t.id FROM public.tasks t, s
    WHERE t.category_id IN (SELECT k.id FROM public.task_categories k WHERE k.owner_unit_id = s.owner_unit)
$$;--> statement-breakpoint
-- A task page lists its sub-tasks whatever unit leads them, and the ledger's progress averages them: a sub-task of a
-- task in scope is visible too (its own reports and sheets are not).
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tasks_unit_scope ON tasks FOR SELECT TO luoshi_unit_reader
  USING (id IN (SELECT luoshi_scope_task_ids()) OR parent_id IN (SELECT luoshi_scope_task_ids()));--> statement-breakpoint
ALTER TABLE task_cooperators ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY task_cooperators_unit_scope ON task_cooperators FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT luoshi_scope_task_ids()));--> statement-breakpoint
ALTER TABLE task_part_reports ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY task_part_reports_unit_scope ON task_part_reports FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT luoshi_scope_task_ids()));--> statement-breakpoint
ALTER TABLE task_reports ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY task_reports_unit_scope ON task_reports FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT luoshi_scope_task_ids()));--> statement-breakpoint
ALTER TABLE task_milestones ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY task_milestones_unit_scope ON task_milestones FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT luoshi_scope_task_ids()));--> statement-breakpoint
ALTER TABLE task_sheets ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY task_sheets_unit_scope ON task_sheets FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT luoshi_scope_task_ids()));--> statement-breakpoint
ALTER TABLE task_events ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY task_events_unit_scope ON task_events FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT luoshi_scope_task_ids()));--> statement-breakpoint
ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY attachments_unit_scope ON attachments FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT luoshi_scope_task_ids()));--> statement-breakpoint
ALTER TABLE closing_requests ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY closing_requests_unit_scope ON closing_requests FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT luoshi_scope_task_ids()));
