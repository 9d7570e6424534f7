CREATE TABLE "assessment_bonus_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"quarter" text NOT NULL,
	"unit_id" integer NOT NULL,
	"kind" text NOT NULL,
	"day" date NOT NULL,
	"reason" text NOT NULL,
	"evidence" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" integer
);
--> statement-breakpoint
CREATE TABLE "assessment_quarter_publications" (
	"quarter" text PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" integer
);
--> statement-breakpoint
CREATE TABLE "assessment_quarter_scores" (
	"id" serial PRIMARY KEY NOT NULL,
	"quarter" text NOT NULL,
	"unit_id" integer NOT NULL,
	"unit_name" text NOT NULL,
	"group" text NOT NULL,
	"position" integer NOT NULL,
	"rank" integer NOT NULL,
	"score" integer NOT NULL,
	"reward" boolean NOT NULL,
	"items" jsonb NOT NULL,
	CONSTRAINT "assessment_quarter_scores_uq" UNIQUE("quarter","unit_id")
);
--> statement-breakpoint
CREATE TABLE "assessment_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "assessment_year_parts" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" text NOT NULL,
	"unit_id" integer NOT NULL,
	"part_key" text NOT NULL,
	"points" integer NOT NULL,
	"reason" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"entered_by" integer,
	CONSTRAINT "assessment_year_parts_uq" UNIQUE("year","unit_id","part_key")
);
--> statement-breakpoint
CREATE TABLE "assessment_year_publications" (
	"year" text PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" integer
);
--> statement-breakpoint
CREATE TABLE "assessment_year_scores" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" text NOT NULL,
	"unit_id" integer NOT NULL,
	"unit_name" text NOT NULL,
	"group" text NOT NULL,
	"position" integer NOT NULL,
	"rank" integer NOT NULL,
	"total" integer NOT NULL,
	"grade" text NOT NULL,
	"record" integer NOT NULL,
	"best" integer NOT NULL,
	"record_items" jsonb NOT NULL,
	"parts" jsonb NOT NULL,
	"flagged" boolean NOT NULL,
	"interview_id" integer,
	CONSTRAINT "assessment_year_scores_uq" UNIQUE("year","unit_id")
);
--> statement-breakpoint
CREATE TABLE "audit_anchors" (
	"day" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"ok" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_totp" (
	"account_id" integer PRIMARY KEY NOT NULL,
	"secret_sealed" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"last_used_step" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_challenges" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_notices" (
	"period" text PRIMARY KEY NOT NULL,
	"opening" text NOT NULL,
	"problems" text NOT NULL,
	"requirements" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer,
	"issued_at" timestamp with time zone,
	"issued_by" integer,
	"snapshot" jsonb
);
--> statement-breakpoint
CREATE TABLE "frontline_days" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"day" date NOT NULL,
	"place" text NOT NULL,
	"purpose" text NOT NULL,
	"logged_by" integer NOT NULL,
	"logged_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "frontline_days_person_day_uq" UNIQUE("person_id","day")
);
--> statement-breakpoint
CREATE TABLE "monthly_assessments" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"month" text NOT NULL,
	"grade" text NOT NULL,
	"comment" text NOT NULL,
	"assessed_by" integer NOT NULL,
	"assessed_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "monthly_assessments_person_month_uq" UNIQUE("person_id","month")
);
--> statement-breakpoint
CREATE TABLE "quarter_confirmations" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"quarter" text NOT NULL,
	"grade" text NOT NULL,
	"suggested_grade" text,
	"reason" text NOT NULL,
	"confirmed_by" integer NOT NULL,
	"confirmed_by_name" text NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "quarter_confirmations_person_quarter_uq" UNIQUE("person_id","quarter")
);
--> statement-breakpoint
CREATE TABLE "records_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"county_leader_days" integer NOT NULL,
	"department_head_days" integer NOT NULL,
	"town_secretary_days" integer NOT NULL,
	"log_grace_days" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "records_settings_single_row" CHECK ("records_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "work_logs" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"week" text NOT NULL,
	"done" text NOT NULL,
	"planned" text NOT NULL,
	"written_by" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "work_logs_person_week_uq" UNIQUE("person_id","week")
);
--> statement-breakpoint
CREATE TABLE "review_appeals" (
	"id" serial PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"unit_id" integer NOT NULL,
	"object" text NOT NULL,
	"object_key" text NOT NULL,
	"fact_id" integer,
	"task_id" integer,
	"closing_request_id" integer,
	"subject" text NOT NULL,
	"reason" text NOT NULL,
	"evidence" text NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"filed_by" integer NOT NULL,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"decided_by" integer
);
--> statement-breakpoint
CREATE TABLE "review_corrections" (
	"id" serial PRIMARY KEY NOT NULL,
	"score_id" integer NOT NULL,
	"appeal_id" integer NOT NULL,
	"points" integer NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer NOT NULL,
	CONSTRAINT "review_corrections_appeal_uq" UNIQUE("appeal_id")
);
--> statement-breakpoint
CREATE TABLE "highlight_nominations" (
	"id" serial PRIMARY KEY NOT NULL,
	"cycle" text NOT NULL,
	"period" text NOT NULL,
	"unit_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"evidence" text NOT NULL,
	"status" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"nominated_at" timestamp with time zone NOT NULL,
	"nominated_by" integer NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "star_months" (
	"period" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" integer
);
--> statement-breakpoint
CREATE TABLE "star_nominations" (
	"id" serial PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"unit_id" integer NOT NULL,
	"person_id" integer,
	"citation" text NOT NULL,
	"evidence" text NOT NULL,
	"status" text NOT NULL,
	"review_reason" text DEFAULT '' NOT NULL,
	"method" text,
	"votes_for" integer,
	"votes_against" integer,
	"votes_abstain" integer,
	"decision_note" text DEFAULT '' NOT NULL,
	"nominated_at" timestamp with time zone NOT NULL,
	"nominated_by" integer NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" integer,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "star_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"unit_star_limit" integer NOT NULL,
	"cadre_star_limit" integer NOT NULL,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
ALTER TABLE "security_policy" ADD COLUMN "totp_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "assessment_bonus_items" ADD CONSTRAINT "assessment_bonus_items_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_bonus_items" ADD CONSTRAINT "assessment_bonus_items_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_bonus_items" ADD CONSTRAINT "assessment_bonus_items_withdrawn_by_accounts_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_quarter_publications" ADD CONSTRAINT "assessment_quarter_publications_published_by_accounts_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_quarter_scores" ADD CONSTRAINT "assessment_quarter_scores_quarter_assessment_quarter_publications_quarter_fk" FOREIGN KEY ("quarter") REFERENCES "public"."assessment_quarter_publications"("quarter") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_quarter_scores" ADD CONSTRAINT "assessment_quarter_scores_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_settings" ADD CONSTRAINT "assessment_settings_updated_by_accounts_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_year_parts" ADD CONSTRAINT "assessment_year_parts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_year_parts" ADD CONSTRAINT "assessment_year_parts_entered_by_accounts_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_year_publications" ADD CONSTRAINT "assessment_year_publications_published_by_accounts_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_year_scores" ADD CONSTRAINT "assessment_year_scores_year_assessment_year_publications_year_fk" FOREIGN KEY ("year") REFERENCES "public"."assessment_year_publications"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_year_scores" ADD CONSTRAINT "assessment_year_scores_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_totp" ADD CONSTRAINT "account_totp_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "login_challenges" ADD CONSTRAINT "login_challenges_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notices" ADD CONSTRAINT "review_notices_period_review_publications_period_fk" FOREIGN KEY ("period") REFERENCES "public"."review_publications"("period") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notices" ADD CONSTRAINT "review_notices_updated_by_accounts_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notices" ADD CONSTRAINT "review_notices_issued_by_accounts_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frontline_days" ADD CONSTRAINT "frontline_days_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frontline_days" ADD CONSTRAINT "frontline_days_logged_by_accounts_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_assessments" ADD CONSTRAINT "monthly_assessments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_assessments" ADD CONSTRAINT "monthly_assessments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_assessments" ADD CONSTRAINT "monthly_assessments_assessed_by_accounts_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarter_confirmations" ADD CONSTRAINT "quarter_confirmations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarter_confirmations" ADD CONSTRAINT "quarter_confirmations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarter_confirmations" ADD CONSTRAINT "quarter_confirmations_confirmed_by_accounts_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_logs" ADD CONSTRAINT "work_logs_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_logs" ADD CONSTRAINT "work_logs_written_by_accounts_id_fk" FOREIGN KEY ("written_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_appeals" ADD CONSTRAINT "review_appeals_period_review_publications_period_fk" FOREIGN KEY ("period") REFERENCES "public"."review_publications"("period") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_appeals" ADD CONSTRAINT "review_appeals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_appeals" ADD CONSTRAINT "review_appeals_fact_id_review_score_facts_id_fk" FOREIGN KEY ("fact_id") REFERENCES "public"."review_score_facts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_appeals" ADD CONSTRAINT "review_appeals_filed_by_accounts_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_appeals" ADD CONSTRAINT "review_appeals_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_corrections" ADD CONSTRAINT "review_corrections_score_id_review_scores_id_fk" FOREIGN KEY ("score_id") REFERENCES "public"."review_scores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_corrections" ADD CONSTRAINT "review_corrections_appeal_id_review_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."review_appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_corrections" ADD CONSTRAINT "review_corrections_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "highlight_nominations" ADD CONSTRAINT "highlight_nominations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "highlight_nominations" ADD CONSTRAINT "highlight_nominations_nominated_by_accounts_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "highlight_nominations" ADD CONSTRAINT "highlight_nominations_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "star_months" ADD CONSTRAINT "star_months_closed_by_accounts_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "star_nominations" ADD CONSTRAINT "star_nominations_period_star_months_period_fk" FOREIGN KEY ("period") REFERENCES "public"."star_months"("period") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "star_nominations" ADD CONSTRAINT "star_nominations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "star_nominations" ADD CONSTRAINT "star_nominations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "star_nominations" ADD CONSTRAINT "star_nominations_nominated_by_accounts_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "star_nominations" ADD CONSTRAINT "star_nominations_reviewed_by_accounts_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "star_nominations" ADD CONSTRAINT "star_nominations_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "star_settings" ADD CONSTRAINT "star_settings_updated_by_accounts_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_bonus_items_quarter_idx" ON "assessment_bonus_items" USING btree ("quarter");--> statement-breakpoint
CREATE INDEX "recovery_codes_account_idx" ON "recovery_codes" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "frontline_days_day_idx" ON "frontline_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "monthly_assessments_month_idx" ON "monthly_assessments" USING btree ("month");--> statement-breakpoint
CREATE INDEX "quarter_confirmations_quarter_idx" ON "quarter_confirmations" USING btree ("quarter");--> statement-breakpoint
CREATE UNIQUE INDEX "review_appeals_open_uq" ON "review_appeals" USING btree ("object_key") WHERE "review_appeals"."status" = 'open';--> statement-breakpoint
CREATE INDEX "review_appeals_period_idx" ON "review_appeals" USING btree ("period");--> statement-breakpoint
CREATE INDEX "review_appeals_unit_idx" ON "review_appeals" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "review_corrections_score_idx" ON "review_corrections" USING btree ("score_id");--> statement-breakpoint
CREATE INDEX "highlight_nominations_period_idx" ON "highlight_nominations" USING btree ("period");--> statement-breakpoint
CREATE INDEX "highlight_nominations_unit_idx" ON "highlight_nominations" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "star_nominations_period_idx" ON "star_nominations" USING btree ("period");--> statement-breakpoint
CREATE INDEX "star_nominations_unit_idx" ON "star_nominations" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "star_nominations_person_idx" ON "star_nominations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "tasks_lead_leader_idx" ON "tasks" USING btree ("lead_leader_id");--> statement-breakpoint
-- hand-written: a county that has published no month yet scores stars and selected highlight work by the default weights
-- (scheme version 1 gains the stars' keys); one with published months keeps version 1 as it was (the keys read as 0).
UPDATE "review_schemes" SET "weights" = '{"unit_star":300,"cadre_star":0,"highlight_selected":200,"highlight_half_year":500}'::jsonb || "weights" WHERE "version" = 1 AND NOT EXISTS (SELECT 1 FROM "review_publications");--> statement-breakpoint
ALTER TABLE "star_settings" ADD CONSTRAINT "star_settings_limits_ck" CHECK ("unit_star_limit" BETWEEN 1 AND 200 AND "cadre_star_limit" BETWEEN 1 AND 200);
