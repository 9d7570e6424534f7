-- Row-level security on the people's records (docs/security.md), the same second line as migrations 0014 and 0016.
-- Their first line is by person (records/rules.ts mayRead): one's own, and the people whose unit (their unit now) is in
-- the reader's reach. src/row-security.ts puts, in the request's first statement, the reach of records/service.ts
-- reachOf into luoshi.records ('all', or the units whose people it reaches) and luoshi.records_self (the actor's own
-- person when they keep records), and the reach of proxyReachOf (whose frontline days one may log) into
-- luoshi.frontline_proxy; none when a setting is absent.
CREATE FUNCTION luoshi_records_may_read(person int, reach text, self text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN reach = 'all' THEN true
    ELSE (person = nullif(self, '')::int) IS TRUE
      OR person IN (SELECT p.id FROM public.people p WHERE p.unit_id = ANY (coalesce(nullif(reach, ''), '{}')::int[])) END
$$;--> statement-breakpoint
-- 周记实, 月考核, 季审定: a person's record (records/service.ts personRecord, the dossier's record) and a head's unit
-- list (unitAssessments), by the reach.
ALTER TABLE work_logs ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY work_logs_person_scope ON work_logs FOR SELECT TO luoshi_unit_reader
  USING (luoshi_records_may_read(person_id, current_setting('luoshi.records', true), current_setting('luoshi.records_self', true)));--> statement-breakpoint
ALTER TABLE monthly_assessments ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY monthly_assessments_person_scope ON monthly_assessments FOR SELECT TO luoshi_unit_reader
  USING (luoshi_records_may_read(person_id, current_setting('luoshi.records', true), current_setting('luoshi.records_self', true)));--> statement-breakpoint
ALTER TABLE quarter_confirmations ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY quarter_confirmations_person_scope ON quarter_confirmations FOR SELECT TO luoshi_unit_reader
  USING (luoshi_records_may_read(person_id, current_setting('luoshi.records', true), current_setting('luoshi.records_self', true)));--> statement-breakpoint
-- 一线工作日: by the reach, and the days of the people one may log for (the pace list, records/service.ts paceList,
-- counts them for those a yearly target applies to).
ALTER TABLE frontline_days ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY frontline_days_person_scope ON frontline_days FOR SELECT TO luoshi_unit_reader
  USING (luoshi_records_may_read(person_id, current_setting('luoshi.records', true), current_setting('luoshi.records_self', true))
    OR luoshi_records_may_read(person_id, current_setting('luoshi.frontline_proxy', true), ''));
--> statement-breakpoint
-- 计划 (plans/access.ts): src/row-security.ts puts into luoshi.plan 'whole' for a reader of the whole plan
-- (seesWholePlan: a county leader reads the draft, with every proposal and item), 'own' for another reader of plans
-- (plan.read), and the actor's leader into luoshi.leader.
CREATE FUNCTION luoshi_plan_reach() RETURNS text
LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('luoshi.plan', true), '') $$;--> statement-breakpoint
-- A proposal: of a unit of the scope, or naming the actor as its leader (seesProposal, proposalsOf's filter).
ALTER TABLE plan_proposals ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY plan_proposals_unit_scope ON plan_proposals FOR SELECT TO luoshi_unit_reader
  USING (luoshi_plan_reach() = 'whole' OR (luoshi_plan_reach() = 'own' AND (unit_id IN (SELECT unnest(luoshi_scope_units()))
    OR lead_leader_id = nullif(current_setting('luoshi.leader', true), '')::int)));--> statement-breakpoint
-- An item, once its plan is issued (issue.ts): in the document when the meeting kept it and it became a task
-- (documentItems); on the sheet of a unit of the scope that leads it or cooperates on it, with its task, or kept but left
-- out because its carried task finished (unitSheet).
ALTER TABLE plan_items ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY plan_items_unit_scope ON plan_items FOR SELECT TO luoshi_unit_reader
  USING (luoshi_plan_reach() = 'whole' OR (luoshi_plan_reach() = 'own' AND period_id IN (SELECT p.id FROM plan_periods p WHERE p.status = 'issued') AND (
    (decision IN ('approved', 'amended') AND task_id IS NOT NULL)
    OR ((task_id IS NOT NULL OR (carried_task_id IS NOT NULL AND decision IN ('approved', 'amended')))
      AND (lead_unit_id IN (SELECT unnest(luoshi_scope_units()))
        OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(cooperating_unit_ids) c WHERE c::int IN (SELECT unnest(luoshi_scope_units()))))))));
