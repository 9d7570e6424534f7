CREATE TABLE "interview_commitments" (
	"id" serial PRIMARY KEY NOT NULL,
	"interview_id" integer NOT NULL,
	"content" text NOT NULL,
	"due_date" date NOT NULL,
	"task_id" integer
);
--> statement-breakpoint
CREATE TABLE "interviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"interviewee_person_id" integer NOT NULL,
	"level" text NOT NULL,
	"reason" text NOT NULL,
	"task_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"proposed_by" integer NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text DEFAULT '' NOT NULL,
	"held_on" date,
	"interviewer" text DEFAULT '' NOT NULL,
	"findings" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "score_deductions" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"sheet_id" integer NOT NULL,
	"period" text NOT NULL,
	"points" numeric NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "score_deductions_sheet_id_unique" UNIQUE("sheet_id")
);
--> statement-breakpoint
CREATE TABLE "time_limit_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"target" text NOT NULL,
	"days" integer NOT NULL,
	"day_kind" text NOT NULL,
	"levels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "time_limit_rules_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notify_channels" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"target" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"channel_id" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text DEFAULT '' NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"entered_by" integer,
	"entered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "task_sheets" ADD COLUMN "due_kind" text;--> statement-breakpoint
ALTER TABLE "task_sheets" ADD COLUMN "due_day" date;--> statement-breakpoint
ALTER TABLE "task_sheets" ADD COLUMN "leader_id" integer;--> statement-breakpoint
ALTER TABLE "interview_commitments" ADD CONSTRAINT "interview_commitments_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_commitments" ADD CONSTRAINT "interview_commitments_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_interviewee_person_id_people_id_fk" FOREIGN KEY ("interviewee_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_proposed_by_accounts_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_deductions" ADD CONSTRAINT "score_deductions_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_deductions" ADD CONSTRAINT "score_deductions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_deductions" ADD CONSTRAINT "score_deductions_sheet_id_task_sheets_id_fk" FOREIGN KEY ("sheet_id") REFERENCES "public"."task_sheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_deliveries" ADD CONSTRAINT "notify_deliveries_channel_id_notify_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."notify_channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_entered_by_accounts_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interviews_person_idx" ON "interviews" USING btree ("interviewee_person_id");--> statement-breakpoint
CREATE INDEX "score_deductions_unit_idx" ON "score_deductions" USING btree ("unit_id","period");--> statement-breakpoint
CREATE INDEX "notifications_account_idx" ON "notifications" USING btree ("account_id","read_at");--> statement-breakpoint
CREATE INDEX "notify_deliveries_due_idx" ON "notify_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
ALTER TABLE "task_sheets" ADD CONSTRAINT "task_sheets_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."leaders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "task_sheets_chase_uq" ON "task_sheets" USING btree ("task_id","kind","due_kind","due_day");--> statement-breakpoint
ALTER TABLE "task_sheets" ADD CONSTRAINT "task_sheets_kind_check" CHECK (kind IN ('assignment', 'urge', 'warning', 'referral', 'rectify', 'admonish'));
--> statement-breakpoint
ALTER TABLE "time_limit_rules" ADD CONSTRAINT "time_limit_rules_days_check" CHECK (days BETWEEN 0 AND 366);
--> statement-breakpoint
ALTER TABLE "time_limit_rules" ADD CONSTRAINT "time_limit_rules_kind_check" CHECK (day_kind IN ('calendar', 'working') AND target IN ('sign', 'first_report', 'resolve'));
--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_kind_check" CHECK (kind IN ('off', 'work'));
--> statement-breakpoint
ALTER TABLE "notify_deliveries" ADD CONSTRAINT "notify_deliveries_status_check" CHECK (status IN ('pending', 'sent', 'failed'));
--> statement-breakpoint
-- 13710: deployed the same day (1), first feedback within 3 days (3), a general item solved within 7 days (7),
-- a major item within one month (1); every item is tracked until closed (0) by the ledger itself.
INSERT INTO "time_limit_rules" ("code", "name", "target", "days", "day_kind", "levels", "sources", "sort_order", "updated_at") VALUES
  ('deploy', '当日研究部署（1）', 'sign', 0, 'working', '[]', '[]', 10, '2026-01-01T00:00:00Z'),
  ('feedback', '3日内首次反馈（3）', 'first_report', 3, 'working', '[]', '[]', 20, '2026-01-01T00:00:00Z'),
  ('general', '一般事项7日内办结（7）', 'resolve', 7, 'working', '["general"]', '["leader_instruction","petition","deputy_suggestion","weekly_10n"]', 30, '2026-01-01T00:00:00Z'),
  ('major', '重大事项1个月内办结或明确时间表（1）', 'resolve', 30, 'calendar', '["major"]', '["leader_instruction","petition","deputy_suggestion","weekly_10n"]', 40, '2026-01-01T00:00:00Z');
