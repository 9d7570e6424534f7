ALTER TABLE "task_reports" ADD COLUMN "client_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "task_reports_client_key_uq" ON "task_reports" USING btree ("reported_by","client_key");