CREATE TABLE "task_part_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"reported_by" integer NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"text" text NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"decision" text,
	"decision_note" text DEFAULT '' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "task_sheets_chase_uq";--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "part_report_id" integer;--> statement-breakpoint
ALTER TABLE "task_cooperators" ADD COLUMN "due_date" date;--> statement-breakpoint
ALTER TABLE "task_cooperators" ADD COLUMN "standard" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "task_cooperators" ADD COLUMN "status" text DEFAULT 'assigned' NOT NULL;--> statement-breakpoint
ALTER TABLE "task_cooperators" ADD COLUMN "set_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "task_cooperators" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "task_cooperators" ADD COLUMN "reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "task_cooperators" ADD COLUMN "note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "task_cooperators" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "parts_due" date;--> statement-breakpoint
ALTER TABLE "task_part_reports" ADD CONSTRAINT "task_part_reports_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_part_reports" ADD CONSTRAINT "task_part_reports_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_part_reports" ADD CONSTRAINT "task_part_reports_reported_by_accounts_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_part_reports" ADD CONSTRAINT "task_part_reports_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_part_reports_task_idx" ON "task_part_reports" USING btree ("task_id","reported_at");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_part_report_id_task_part_reports_id_fk" FOREIGN KEY ("part_report_id") REFERENCES "public"."task_part_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tasks_open_parts_due_idx" ON "tasks" USING btree ("parts_due") WHERE status in ('assigned', 'signed', 'in_progress', 'closing_requested', 'returned') and parts_due is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "task_sheets_chase_uq" ON "task_sheets" USING btree ("task_id","kind","due_kind","due_day","unit_id");--> statement-breakpoint
-- Cooperations made before parts had their own thread carry no terms to sign or report on: they stay settled
-- (explained), so no open task is held back from closing; the lead unit or the office may set a part on them anew.
UPDATE "task_cooperators" SET "status" = 'explained', "note" = '分工功能启用前的配合单位，未单列分工';
