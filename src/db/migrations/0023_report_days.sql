ALTER TABLE "tasks" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "last_reported_at" timestamp with time zone;--> statement-breakpoint
-- Each task's signing day and last report, from what it holds already; from here on the triggers below keep them.
WITH signed AS (SELECT task_id, max(signed_at) AS at FROM task_sheets WHERE kind = 'assignment' GROUP BY task_id),
  reported AS (SELECT task_id, max(reported_at) AS at FROM task_reports GROUP BY task_id)
UPDATE tasks t SET signed_at = s.at, last_reported_at = r.at
  FROM signed s FULL JOIN reported r USING (task_id)
  WHERE t.id = task_id AND (s.at IS NOT NULL OR r.at IS NOT NULL);--> statement-breakpoint
-- tasks.signed_at is the latest signed_at of the task's assignment sheets. A new signature only raises it (the row is
-- written only when it does, and a writer waiting on another's update compares with the committed value); a signature
-- removed, moved or made earlier counts again, with the task locked first so that the count sees every signature
-- committed before it. The app never does the latter (sheets are signed once and kept), but the column stays exact.
CREATE FUNCTION task_signed_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (NEW.kind <> 'assignment' OR NEW.task_id <> OLD.task_id OR NEW.signed_at IS NULL
      OR NEW.signed_at < OLD.signed_at)) THEN
    IF OLD.kind = 'assignment' AND OLD.signed_at IS NOT NULL THEN
      PERFORM 1 FROM tasks WHERE id = OLD.task_id FOR UPDATE;
      UPDATE tasks t SET signed_at = m.at
        FROM (SELECT max(s.signed_at) AS at FROM task_sheets s WHERE s.task_id = OLD.task_id AND s.kind = 'assignment') m
        WHERE t.id = OLD.task_id AND t.signed_at IS DISTINCT FROM m.at;
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW.kind = 'assignment' AND NEW.signed_at IS NOT NULL THEN
      UPDATE tasks SET signed_at = NEW.signed_at WHERE id = NEW.task_id AND (signed_at IS NULL OR signed_at < NEW.signed_at);
    END IF;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- The chasing sheets (督办单, most of the sheets) and their signatures never reach the function.
CREATE TRIGGER task_sheets_signed_at_insert AFTER INSERT ON task_sheets
  FOR EACH ROW WHEN (NEW.kind = 'assignment' AND NEW.signed_at IS NOT NULL) EXECUTE FUNCTION task_signed_at();--> statement-breakpoint
CREATE TRIGGER task_sheets_signed_at_update AFTER UPDATE OF kind, task_id, signed_at ON task_sheets
  FOR EACH ROW WHEN ((OLD.kind = 'assignment' OR NEW.kind = 'assignment')
    AND (OLD.kind, OLD.task_id, OLD.signed_at) IS DISTINCT FROM (NEW.kind, NEW.task_id, NEW.signed_at))
  EXECUTE FUNCTION task_signed_at();--> statement-breakpoint
CREATE TRIGGER task_sheets_signed_at_delete AFTER DELETE ON task_sheets
  FOR EACH ROW WHEN (OLD.kind = 'assignment' AND OLD.signed_at IS NOT NULL) EXECUTE FUNCTION task_signed_at();--> statement-breakpoint
-- tasks.last_reported_at is the latest reported_at of the task's reports, kept the same way.
CREATE FUNCTION task_last_reported_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (NEW.task_id <> OLD.task_id OR NEW.reported_at < OLD.reported_at)) THEN
    PERFORM 1 FROM tasks WHERE id = OLD.task_id FOR UPDATE;
    UPDATE tasks t SET last_reported_at = m.at
      FROM (SELECT max(r.reported_at) AS at FROM task_reports r WHERE r.task_id = OLD.task_id) m
      WHERE t.id = OLD.task_id AND t.last_reported_at IS DISTINCT FROM m.at;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE tasks SET last_reported_at = NEW.reported_at
      WHERE id = NEW.task_id AND (last_reported_at IS NULL OR last_reported_at < NEW.reported_at);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER task_reports_last_reported_at_insert_delete AFTER INSERT OR DELETE ON task_reports
  FOR EACH ROW EXECUTE FUNCTION task_last_reported_at();--> statement-breakpoint
CREATE TRIGGER task_reports_last_reported_at_update AFTER UPDATE OF task_id, reported_at ON task_reports
  FOR EACH ROW WHEN ((OLD.task_id, OLD.reported_at) IS DISTINCT FROM (NEW.task_id, NEW.reported_at))
  EXECUTE FUNCTION task_last_reported_at();--> statement-breakpoint
-- The open tasks' index with the two columns, so the missing report is counted from it alone.
DROP INDEX "tasks_open_idx";--> statement-breakpoint
CREATE INDEX "tasks_open_idx" ON "tasks" ("id") INCLUDE ("status", "deadline", "parts_due", "report_cadence", "signed_at", "last_reported_at")
  WHERE "status" IN ('assigned', 'signed', 'in_progress', 'closing_requested', 'returned');
