ALTER TABLE "interviews" ALTER COLUMN "interviewee_person_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ALTER COLUMN "proposed_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "sheet_id" integer;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "attendees" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "notice_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "notice_published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "notice_published_by" integer;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "imported_history" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_sheet_id_task_sheets_id_fk" FOREIGN KEY ("sheet_id") REFERENCES "public"."task_sheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_notice_published_by_accounts_id_fk" FOREIGN KEY ("notice_published_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_sheet_id_unique" UNIQUE("sheet_id");--> statement-breakpoint
-- Backfill (issue 9, chasing): time limits may be counted in calendar months, and the major class becomes one calendar month.
ALTER TABLE "time_limit_rules" DROP CONSTRAINT "time_limit_rules_kind_check";--> statement-breakpoint
ALTER TABLE "time_limit_rules" ADD CONSTRAINT "time_limit_rules_kind_check" CHECK (day_kind IN ('calendar', 'working', 'month') AND target IN ('sign', 'first_report', 'resolve'));--> statement-breakpoint
UPDATE "time_limit_rules" SET "days" = 1, "day_kind" = 'month', "version" = "version" + 1 WHERE "code" = 'major' AND "day_kind" = 'calendar' AND "days" = 30;
