CREATE TABLE "task_status_counts" (
	"lead_unit_id" integer NOT NULL,
	"status" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "task_status_counts_lead_unit_id_status_pk" PRIMARY KEY("lead_unit_id","status")
);
--> statement-breakpoint
CREATE TABLE "task_status_deltas" (
	"lead_unit_id" integer NOT NULL,
	"status" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "task_status_deltas_status_idx" ON "task_status_deltas" USING btree ("status");--> statement-breakpoint
-- Every task counted once where it stands now; from here on the trigger keeps the counts (schema: taskStatusCounts).
INSERT INTO "task_status_counts" ("lead_unit_id", "status", "n")
  SELECT "lead_unit_id", "status", count(*)::int FROM "tasks" GROUP BY "lead_unit_id", "status";--> statement-breakpoint
-- A delta row per change, never an update of a shared row: two writers never wait on each other here.
CREATE FUNCTION task_status_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO task_status_deltas (lead_unit_id, status, n) VALUES (OLD.lead_unit_id, OLD.status, -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO task_status_deltas (lead_unit_id, status, n) VALUES (NEW.lead_unit_id, NEW.status, 1);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER tasks_status_delta_insert_delete AFTER INSERT OR DELETE ON tasks
  FOR EACH ROW EXECUTE FUNCTION task_status_delta();--> statement-breakpoint
CREATE TRIGGER tasks_status_delta_update AFTER UPDATE OF status, lead_unit_id ON tasks
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.lead_unit_id IS DISTINCT FROM NEW.lead_unit_id)
  EXECUTE FUNCTION task_status_delta();
