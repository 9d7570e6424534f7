DROP INDEX "tasks_deadline_idx";--> statement-breakpoint
CREATE INDEX "tasks_deadline_id_idx" ON "tasks" USING btree ("deadline","id");