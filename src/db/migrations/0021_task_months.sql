CREATE TABLE "task_months" (
	"task_id" integer NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"deadline" date NOT NULL,
	"parts_due" date,
	"lead_unit_id" integer NOT NULL,
	"parent_id" integer,
	"closed_on" date,
	"closed_late" boolean NOT NULL,
	"carried_out" boolean NOT NULL,
	CONSTRAINT "task_months_task_id_period_pk" PRIMARY KEY("task_id","period")
);
--> statement-breakpoint
ALTER TABLE "task_months" ADD CONSTRAINT "task_months_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_months_period_deadline_idx" ON "task_months" USING btree ("period","deadline","task_id");--> statement-breakpoint
CREATE INDEX "task_milestones_open_due_idx" ON "task_milestones" USING btree ("due_date","task_id") WHERE done_date is null;--> statement-breakpoint
-- A task's months by the rule (tasks/store.ts monthMembers): the month it was planned in and every month it was carried
-- into, each with the task's columns and whether it was carried out of that month. Rewrites the task's rows; used on
-- the rare changes (a new period, a carry-over removed or changed) and for the backfill.
CREATE FUNCTION task_months_refresh(tid integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM task_months WHERE task_id = tid;
  INSERT INTO task_months (task_id, period, status, deadline, parts_due, lead_unit_id, parent_id, closed_on, closed_late, carried_out)
    SELECT t.id, m.period, t.status, t.deadline, t.parts_due, t.lead_unit_id, t.parent_id, t.closed_on, t.closed_late,
      EXISTS (SELECT 1 FROM task_carry_overs c WHERE c.task_id = t.id AND c.from_period = m.period)
    FROM tasks t CROSS JOIN LATERAL (SELECT t.period UNION SELECT co.to_period FROM task_carry_overs co WHERE co.task_id = t.id) m (period)
    WHERE t.id = tid;
END $$;--> statement-breakpoint
-- A new task belongs to its own month; a changed one keeps its months and their copies follow its columns.
CREATE FUNCTION task_months_of_task() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO task_months (task_id, period, status, deadline, parts_due, lead_unit_id, parent_id, closed_on, closed_late, carried_out)
      VALUES (NEW.id, NEW.period, NEW.status, NEW.deadline, NEW.parts_due, NEW.lead_unit_id, NEW.parent_id, NEW.closed_on, NEW.closed_late, false);
  ELSIF OLD.period IS DISTINCT FROM NEW.period THEN
    PERFORM task_months_refresh(NEW.id);
  ELSE
    UPDATE task_months SET status = NEW.status, deadline = NEW.deadline, parts_due = NEW.parts_due, lead_unit_id = NEW.lead_unit_id,
      parent_id = NEW.parent_id, closed_on = NEW.closed_on, closed_late = NEW.closed_late
    WHERE task_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER tasks_months_insert AFTER INSERT ON tasks FOR EACH ROW EXECUTE FUNCTION task_months_of_task();--> statement-breakpoint
CREATE TRIGGER tasks_months_update AFTER UPDATE OF period, status, deadline, parts_due, lead_unit_id, parent_id, closed_on, closed_late ON tasks
  FOR EACH ROW WHEN (OLD.period IS DISTINCT FROM NEW.period OR OLD.status IS DISTINCT FROM NEW.status OR OLD.deadline IS DISTINCT FROM NEW.deadline
    OR OLD.parts_due IS DISTINCT FROM NEW.parts_due OR OLD.lead_unit_id IS DISTINCT FROM NEW.lead_unit_id OR OLD.parent_id IS DISTINCT FROM NEW.parent_id
    OR OLD.closed_on IS DISTINCT FROM NEW.closed_on OR OLD.closed_late IS DISTINCT FROM NEW.closed_late)
  EXECUTE FUNCTION task_months_of_task();--> statement-breakpoint
-- A carry-over adds the month carried into and marks the month carried out of (the month-end roll-over writes
-- thousands: two small statements each). The task's row is locked first, so a concurrent change of the task commits
-- before its columns are copied (READ COMMITTED: the copy then reads them). Removing or changing one rewrites the task's rows.
CREATE FUNCTION task_months_of_carry_over() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM 1 FROM tasks WHERE id = NEW.task_id FOR UPDATE;
    INSERT INTO task_months (task_id, period, status, deadline, parts_due, lead_unit_id, parent_id, closed_on, closed_late, carried_out)
      SELECT t.id, NEW.to_period, t.status, t.deadline, t.parts_due, t.lead_unit_id, t.parent_id, t.closed_on, t.closed_late,
        EXISTS (SELECT 1 FROM task_carry_overs c WHERE c.task_id = t.id AND c.from_period = NEW.to_period)
      FROM tasks t WHERE t.id = NEW.task_id
      ON CONFLICT (task_id, period) DO NOTHING;
    UPDATE task_months SET carried_out = true WHERE task_id = NEW.task_id AND period = NEW.from_period;
  ELSE
    PERFORM 1 FROM tasks WHERE id = OLD.task_id FOR UPDATE;
    PERFORM task_months_refresh(OLD.task_id);
    IF TG_OP = 'UPDATE' AND NEW.task_id <> OLD.task_id THEN
      PERFORM 1 FROM tasks WHERE id = NEW.task_id FOR UPDATE;
      PERFORM task_months_refresh(NEW.task_id);
    END IF;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER task_carry_overs_months AFTER INSERT OR DELETE OR UPDATE OF task_id, from_period, to_period ON task_carry_overs
  FOR EACH ROW EXECUTE FUNCTION task_months_of_carry_over();--> statement-breakpoint
-- Every task's months as they stand, a month's rows together (as the month's new tasks and its roll-over write them
-- from now on: its count reads a few pages); from here on the triggers keep them.
INSERT INTO task_months (task_id, period, status, deadline, parts_due, lead_unit_id, parent_id, closed_on, closed_late, carried_out)
  SELECT t.id, m.period, t.status, t.deadline, t.parts_due, t.lead_unit_id, t.parent_id, t.closed_on, t.closed_late,
    EXISTS (SELECT 1 FROM task_carry_overs c WHERE c.task_id = t.id AND c.from_period = m.period)
  FROM (SELECT id, period FROM tasks UNION SELECT task_id, to_period FROM task_carry_overs) m (id, period) JOIN tasks t ON t.id = m.id
  ORDER BY m.period, t.deadline;
