CREATE TABLE "monthly_figure_freezes" (
	"period" text PRIMARY KEY NOT NULL,
	"frozen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monthly_figures" (
	"id" serial PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"unit_id" integer NOT NULL,
	"issued" integer NOT NULL,
	"closed_on_time" integer NOT NULL,
	"closed_late" integer NOT NULL,
	"overdue" integer NOT NULL,
	"carried" integer NOT NULL,
	"frozen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "monthly_figures_uq" UNIQUE("period","unit_id")
);
--> statement-breakpoint
CREATE TABLE "org_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"unit_kind_labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interviews" ALTER COLUMN "interviewee_person_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ALTER COLUMN "proposed_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "sheet_id" integer;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "attendees" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "notice_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "notice_published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "notice_published_by" integer;--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "responsible_person_id" integer;--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "responsible_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "responsible_phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "indicators" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "level" text DEFAULT 'general' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "report_cadence" jsonb DEFAULT '{"kind":"none"}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "evidence_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD COLUMN "responsible_person_id" integer;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD COLUMN "responsible_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD COLUMN "responsible_phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD COLUMN "indicators" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD COLUMN "level" text DEFAULT 'general' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD COLUMN "report_cadence" jsonb DEFAULT '{"kind":"none"}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD COLUMN "evidence_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD COLUMN "withdraw_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "task_reports" ADD COLUMN "client_key" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "imported_history" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "monthly_figures" ADD CONSTRAINT "monthly_figures_period_monthly_figure_freezes_period_fk" FOREIGN KEY ("period") REFERENCES "public"."monthly_figure_freezes"("period") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_figures" ADD CONSTRAINT "monthly_figures_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_sheet_id_task_sheets_id_fk" FOREIGN KEY ("sheet_id") REFERENCES "public"."task_sheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_notice_published_by_accounts_id_fk" FOREIGN KEY ("notice_published_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_responsible_person_id_people_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_responsible_person_id_people_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "task_reports_client_key_uq" ON "task_reports" USING btree ("reported_by","client_key");--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_sheet_id_unique" UNIQUE("sheet_id");--> statement-breakpoint
-- Hand-written: a withdrawn proposal (撤回) is one more status; the check itself was hand-written in 0005.
ALTER TABLE "plan_proposals" DROP CONSTRAINT "plan_proposals_status_check";--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_status_check" CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'withdrawn'));--> statement-breakpoint
-- Hand-written: time limits may be counted in calendar months, and the major class becomes one calendar month.
ALTER TABLE "time_limit_rules" DROP CONSTRAINT "time_limit_rules_kind_check";--> statement-breakpoint
ALTER TABLE "time_limit_rules" ADD CONSTRAINT "time_limit_rules_kind_check" CHECK (day_kind IN ('calendar', 'working', 'month') AND target IN ('sign', 'first_report', 'resolve'));--> statement-breakpoint
UPDATE "time_limit_rules" SET "days" = 1, "day_kind" = 'month', "version" = "version" + 1 WHERE "code" = 'major' AND "day_kind" = 'calendar' AND "days" = 30;
