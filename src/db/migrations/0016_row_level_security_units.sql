-- Row-level security on the other modules' unit tables (docs/security.md), the same second line as migration 0014: the
-- policies bind luoshi_unit_reader only, and src/row-security.ts sets, in the request's first statement, the scope's
-- units (luoshi.units) and the actor's own person (luoshi.person) beside its tasks.
CREATE FUNCTION luoshi_scope_units() RETURNS int[]
LANGUAGE sql STABLE AS $$ SELECT coalesce(nullif(current_setting('luoshi.units', true), ''), '{}')::int[] $$;--> statement-breakpoint
CREATE FUNCTION luoshi_scope_person() RETURNS int
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('luoshi.person', true), '')::int $$;--> statement-breakpoint
-- 重点项目 (projects/store.ts visibleIn): a project is seen by the units that lead it or carry out one of its steps, and
-- then whole (every step, month and photo). Worked out as the owner, so the projects and steps policies need not read
-- each other, and once per transaction: kept in the transaction-local luoshi.projects, as every statement of a project
-- page mentions these tables several times (a request reads, never writes, under the role).
CREATE FUNCTION luoshi_scope_project_ids() RETURNS int[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  known text := current_setting('luoshi.projects', true);
  ids int[];
BEGIN
  IF known IS NOT NULL AND known <> '' THEN
    RETURN known::int[];
  END IF;
  SELECT coalesce(array_agg(DISTINCT v.id ORDER BY v.id), '{}') INTO ids FROM (
    SELECT p.id FROM public.projects p WHERE p.lead_unit_id = ANY (public.luoshi_scope_units())
    UNION ALL SELECT s.project_id FROM public.project_steps s WHERE s.unit_id = ANY (public.luoshi_scope_units())
  ) v;
  PERFORM set_config('luoshi.projects', ids::text, true);
  RETURN ids;
END
$$;--> statement-breakpoint
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY projects_unit_scope ON projects FOR SELECT TO luoshi_unit_reader
  USING (id IN (SELECT unnest(luoshi_scope_project_ids())));--> statement-breakpoint
ALTER TABLE project_steps ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY project_steps_unit_scope ON project_steps FOR SELECT TO luoshi_unit_reader
  USING (project_id IN (SELECT unnest(luoshi_scope_project_ids())));--> statement-breakpoint
ALTER TABLE project_investments ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY project_investments_unit_scope ON project_investments FOR SELECT TO luoshi_unit_reader
  USING (project_id IN (SELECT unnest(luoshi_scope_project_ids())));--> statement-breakpoint
ALTER TABLE project_photos ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY project_photos_unit_scope ON project_photos FOR SELECT TO luoshi_unit_reader
  USING (project_id IN (SELECT unnest(luoshi_scope_project_ids())));--> statement-breakpoint
-- 明察暗访 (inspections/service.ts loadVisible): a unit of the scope's own inspections, an unannounced one only once
-- filed; its findings and photos with it.
ALTER TABLE inspections ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY inspections_unit_scope ON inspections FOR SELECT TO luoshi_unit_reader
  USING (unit_id IN (SELECT unnest(luoshi_scope_units())) AND (mode = 'open' OR status = 'filed'));--> statement-breakpoint
ALTER TABLE inspection_findings ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY inspection_findings_unit_scope ON inspection_findings FOR SELECT TO luoshi_unit_reader
  USING (inspection_id IN (SELECT id FROM inspections));--> statement-breakpoint
ALTER TABLE inspection_photos ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY inspection_photos_unit_scope ON inspection_photos FOR SELECT TO luoshi_unit_reader
  USING (inspection_id IN (SELECT id FROM inspections));--> statement-breakpoint
-- 绩效自评 (selfassessment/service.ts visibleUnit): a unit of the scope.
ALTER TABLE self_assessments ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY self_assessments_unit_scope ON self_assessments FOR SELECT TO luoshi_unit_reader
  USING (unit_id IN (SELECT unnest(luoshi_scope_units())));--> statement-breakpoint
-- 学习台账 (study/service.ts): a unit of the scope's sessions and attendance, and the actor's own absences (补学) with
-- their sessions, whichever unit held them.
ALTER TABLE study_attendance ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY study_attendance_unit_scope ON study_attendance FOR SELECT TO luoshi_unit_reader
  USING (unit_id IN (SELECT unnest(luoshi_scope_units())) OR (person_id = luoshi_scope_person() AND NOT present));--> statement-breakpoint
ALTER TABLE study_sessions ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY study_sessions_unit_scope ON study_sessions FOR SELECT TO luoshi_unit_reader
  USING (unit_id IN (SELECT unnest(luoshi_scope_units())) OR id IN (SELECT a.session_id FROM study_attendance a WHERE a.person_id = luoshi_scope_person() AND NOT a.present));--> statement-breakpoint
-- 三部联审 of a closing request: with the request, whose task decides (migration 0014).
ALTER TABLE closing_reviews ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY closing_reviews_unit_scope ON closing_reviews FOR SELECT TO luoshi_unit_reader
  USING (request_id IN (SELECT id FROM closing_requests));--> statement-breakpoint
ALTER TABLE closing_site_checks ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY closing_site_checks_unit_scope ON closing_site_checks FOR SELECT TO luoshi_unit_reader
  USING (request_id IN (SELECT id FROM closing_requests));
--> statement-breakpoint
-- A frozen month's figures (figures/service.ts: each read keeps the units of the scope); the county's total is the
-- office's, counted as the owner.
ALTER TABLE monthly_figures ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY monthly_figures_unit_scope ON monthly_figures FOR SELECT TO luoshi_unit_reader
  USING (unit_id IN (SELECT unnest(luoshi_scope_units())));--> statement-breakpoint
-- The ladder's deductions (chasing/deductions.ts): read with the task they came from.
ALTER TABLE score_deductions ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY score_deductions_unit_scope ON score_deductions FOR SELECT TO luoshi_unit_reader
  USING (task_id IN (SELECT unnest(luoshi_scope_tasks())));
