CREATE TABLE "board_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	"revoked_at" timestamp with time zone,
	"revoked_by" integer,
	CONSTRAINT "board_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "digests" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"day" date NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"closed_today" integer NOT NULL,
	"due_tomorrow" integer NOT NULL,
	"red" integer NOT NULL,
	"highlights" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "digests_group_day_key" UNIQUE("group_id","day")
);
--> statement-breakpoint
CREATE TABLE "work_group_people" (
	"group_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	CONSTRAINT "work_group_people_group_id_person_id_pk" PRIMARY KEY("group_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "work_group_units" (
	"group_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "work_group_units_group_id_unit_id_pk" PRIMARY KEY("group_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "work_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"channel_id" integer,
	"send_at" text DEFAULT '18:00' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_disclosures" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"summary" text NOT NULL,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"marked_at" timestamp with time zone NOT NULL,
	"marked_by" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "task_disclosures_task_id_unique" UNIQUE("task_id")
);
--> statement-breakpoint
CREATE TABLE "annual_opinion_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"opinion_id" integer NOT NULL,
	"kind" text NOT NULL,
	"field" text NOT NULL,
	"before" text NOT NULL,
	"after" text NOT NULL,
	"reason" text NOT NULL,
	"changed_by" integer NOT NULL,
	"changed_by_name" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "annual_opinions" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"subject" text NOT NULL,
	"subject_id" integer NOT NULL,
	"subject_name" text NOT NULL,
	"context" text NOT NULL,
	"rank" integer,
	"basis" text NOT NULL,
	"band" text NOT NULL,
	"summary" text NOT NULL,
	"rewards" text NOT NULL,
	"accountability" text NOT NULL,
	"appointment" text NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"drafted_by" integer NOT NULL,
	"drafted_at" timestamp with time zone NOT NULL,
	"issued_by" integer,
	"issued_by_name" text,
	"issued_at" timestamp with time zone,
	CONSTRAINT "annual_opinions_subject_uq" UNIQUE("year","subject","subject_id")
);
--> statement-breakpoint
CREATE TABLE "dossier_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"rule" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dossier_settings_single_row" CHECK ("dossier_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "inspection_findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"inspection_id" integer NOT NULL,
	"grade" text NOT NULL,
	"content" text NOT NULL,
	"owner_unit_id" integer,
	"owner_name" text DEFAULT '' NOT NULL,
	"deadline" date,
	"task_id" integer,
	"highlight_id" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"inspection_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"thumbnail_key" text,
	"taken_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"uploaded_by" integer NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_team_units" (
	"team_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "inspection_team_units_team_id_unit_id_pk" PRIMARY KEY("team_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_teams" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"lead_name" text NOT NULL,
	"members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inspection_teams_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" serial PRIMARY KEY NOT NULL,
	"cycle" text NOT NULL,
	"period" text NOT NULL,
	"team_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"subject" text NOT NULL,
	"mode" text NOT NULL,
	"method" text NOT NULL,
	"planned_on" date,
	"status" text NOT NULL,
	"visited_on" date,
	"place" text DEFAULT '' NOT NULL,
	"people_met" text DEFAULT '' NOT NULL,
	"observations" text DEFAULT '' NOT NULL,
	"leader_id" integer,
	"filed_at" timestamp with time zone,
	"filed_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_investments" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"period" text NOT NULL,
	"planned" integer DEFAULT 0 NOT NULL,
	"done" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "project_photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"taken_on" text NOT NULL,
	"date_source" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"caption" text DEFAULT '' NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"thumbnail_key" text NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_steps" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"phase" text NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"planned_start" text NOT NULL,
	"planned_days" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"person_name" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"actual_start" text,
	"actual_end" text,
	"task_id" integer,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"total_investment" integer NOT NULL,
	"investment_before" integer DEFAULT 0 NOT NULL,
	"lead_leader_id" integer,
	"lead_unit_id" integer NOT NULL,
	"responsible_name" text NOT NULL,
	"responsible_phone" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"longitude" double precision,
	"latitude" double precision,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
CREATE TABLE "self_assessments" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"items" jsonb NOT NULL,
	"rated_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "self_assessments_unit_period_uq" UNIQUE("unit_id","period"),
	CONSTRAINT "self_assessments_status" CHECK ("self_assessments"."status" in ('planned', 'reported', 'rated'))
);
--> statement-breakpoint
CREATE TABLE "study_attendance" (
	"id" serial PRIMARY KEY NOT NULL,
	"session_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"present" boolean NOT NULL,
	"absence_reason" text DEFAULT '' NOT NULL,
	"makeup_due" date,
	"made_up_on" date,
	"makeup_note" text DEFAULT '' NOT NULL,
	"makeup_by" integer,
	CONSTRAINT "study_attendance_session_person_uq" UNIQUE("session_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "study_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"day" date NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_by" integer NOT NULL,
	"held_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "study_weekly_notices" (
	"week" date PRIMARY KEY NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"units" integer NOT NULL
);
--> statement-breakpoint
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
ALTER TABLE "board_tokens" ADD CONSTRAINT "board_tokens_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_tokens" ADD CONSTRAINT "board_tokens_revoked_by_accounts_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digests" ADD CONSTRAINT "digests_group_id_work_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."work_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_group_people" ADD CONSTRAINT "work_group_people_group_id_work_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."work_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_group_people" ADD CONSTRAINT "work_group_people_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_group_units" ADD CONSTRAINT "work_group_units_group_id_work_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."work_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_group_units" ADD CONSTRAINT "work_group_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_groups" ADD CONSTRAINT "work_groups_channel_id_notify_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."notify_channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_disclosures" ADD CONSTRAINT "task_disclosures_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_disclosures" ADD CONSTRAINT "task_disclosures_marked_by_accounts_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_opinion_changes" ADD CONSTRAINT "annual_opinion_changes_opinion_id_annual_opinions_id_fk" FOREIGN KEY ("opinion_id") REFERENCES "public"."annual_opinions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_opinion_changes" ADD CONSTRAINT "annual_opinion_changes_changed_by_accounts_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_opinions" ADD CONSTRAINT "annual_opinions_drafted_by_accounts_id_fk" FOREIGN KEY ("drafted_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_opinions" ADD CONSTRAINT "annual_opinions_issued_by_accounts_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_photos" ADD CONSTRAINT "inspection_photos_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_photos" ADD CONSTRAINT "inspection_photos_uploaded_by_accounts_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_team_units" ADD CONSTRAINT "inspection_team_units_team_id_inspection_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."inspection_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_team_units" ADD CONSTRAINT "inspection_team_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_team_id_inspection_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."inspection_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."leaders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_filed_by_accounts_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_investments" ADD CONSTRAINT "project_investments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_investments" ADD CONSTRAINT "project_investments_updated_by_accounts_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_photos" ADD CONSTRAINT "project_photos_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_photos" ADD CONSTRAINT "project_photos_uploaded_by_accounts_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_steps" ADD CONSTRAINT "project_steps_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_steps" ADD CONSTRAINT "project_steps_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_steps" ADD CONSTRAINT "project_steps_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_lead_leader_id_leaders_id_fk" FOREIGN KEY ("lead_leader_id") REFERENCES "public"."leaders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessments" ADD CONSTRAINT "self_assessments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_attendance" ADD CONSTRAINT "study_attendance_session_id_study_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."study_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_attendance" ADD CONSTRAINT "study_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_attendance" ADD CONSTRAINT "study_attendance_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_attendance" ADD CONSTRAINT "study_attendance_makeup_by_accounts_id_fk" FOREIGN KEY ("makeup_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_sessions" ADD CONSTRAINT "study_sessions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_sessions" ADD CONSTRAINT "study_sessions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_part_reports" ADD CONSTRAINT "task_part_reports_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_part_reports" ADD CONSTRAINT "task_part_reports_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_part_reports" ADD CONSTRAINT "task_part_reports_reported_by_accounts_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_part_reports" ADD CONSTRAINT "task_part_reports_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_tokens_created_idx" ON "board_tokens" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "digests_day_idx" ON "digests" USING btree ("day");--> statement-breakpoint
CREATE INDEX "annual_opinion_changes_opinion_idx" ON "annual_opinion_changes" USING btree ("opinion_id");--> statement-breakpoint
CREATE INDEX "annual_opinions_year_idx" ON "annual_opinions" USING btree ("year","status");--> statement-breakpoint
CREATE INDEX "inspection_findings_inspection_idx" ON "inspection_findings" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "inspection_photos_inspection_idx" ON "inspection_photos" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "inspections_period_idx" ON "inspections" USING btree ("period");--> statement-breakpoint
CREATE INDEX "inspections_unit_idx" ON "inspections" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_investments_month_idx" ON "project_investments" USING btree ("project_id","period");--> statement-breakpoint
CREATE INDEX "project_photos_project_idx" ON "project_photos" USING btree ("project_id","taken_on");--> statement-breakpoint
CREATE INDEX "project_steps_project_idx" ON "project_steps" USING btree ("project_id","seq");--> statement-breakpoint
CREATE INDEX "project_steps_unit_idx" ON "project_steps" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "projects_lead_unit_idx" ON "projects" USING btree ("lead_unit_id");--> statement-breakpoint
CREATE INDEX "self_assessments_period_idx" ON "self_assessments" USING btree ("period");--> statement-breakpoint
CREATE INDEX "study_attendance_person_idx" ON "study_attendance" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "study_attendance_unit_idx" ON "study_attendance" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "study_sessions_unit_day_idx" ON "study_sessions" USING btree ("unit_id","day");--> statement-breakpoint
CREATE INDEX "study_sessions_day_idx" ON "study_sessions" USING btree ("day");--> statement-breakpoint
CREATE INDEX "task_part_reports_task_idx" ON "task_part_reports" USING btree ("task_id","reported_at");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_part_report_id_task_part_reports_id_fk" FOREIGN KEY ("part_report_id") REFERENCES "public"."task_part_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tasks_open_parts_due_idx" ON "tasks" USING btree ("parts_due") WHERE status in ('assigned', 'signed', 'in_progress', 'closing_requested', 'returned') and parts_due is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "task_sheets_chase_uq" ON "task_sheets" USING btree ("task_id","kind","due_kind","due_day","unit_id");--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_enums_check" CHECK (cycle IN ('year', 'month') AND mode IN ('open', 'unannounced') AND method IN ('on_site', 'remote') AND status IN ('planned', 'filed'));
--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_grade_check" CHECK (grade IN ('good', 'problem', 'serious') AND (grade = 'good' OR (owner_unit_id IS NOT NULL AND deadline IS NOT NULL)));
--> statement-breakpoint
-- Cooperations made before parts had their own thread carry no terms to sign or report on: they stay settled
-- (explained), so no open task is held back from closing; the lead unit or the office may set a part on them anew.
UPDATE "task_cooperators" SET "status" = 'explained', "note" = '分工功能启用前的配合单位，未单列分工';
