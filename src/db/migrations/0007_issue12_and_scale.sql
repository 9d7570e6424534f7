CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "chase_marks" (
	"task_id" integer PRIMARY KEY NOT NULL,
	"task_version" integer NOT NULL,
	"context" text NOT NULL,
	"quiet_until" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lottery_candidates" (
	"id" serial PRIMARY KEY NOT NULL,
	"draw_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"unit_name" text NOT NULL,
	"group" text NOT NULL,
	CONSTRAINT "lottery_candidates_uq" UNIQUE("draw_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "lottery_draws" (
	"id" serial PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"state" text NOT NULL,
	"towns" integer NOT NULL,
	"county_units" integer NOT NULL,
	"exclude_months" integer NOT NULL,
	"commitment" text NOT NULL,
	"seed" text NOT NULL,
	"public_input" text,
	"result" jsonb,
	"committed_at" timestamp with time zone NOT NULL,
	"committed_by" text NOT NULL,
	"drawn_at" timestamp with time zone,
	"drawn_by" text,
	CONSTRAINT "lottery_draws_period_uq" UNIQUE("period"),
	CONSTRAINT "lottery_draws_state" CHECK ("lottery_draws"."state" IN ('committed', 'drawn')),
	CONSTRAINT "lottery_draws_drawn_complete" CHECK ("lottery_draws"."state" = 'committed' OR ("lottery_draws"."result" IS NOT NULL AND "lottery_draws"."drawn_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "lottery_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"towns" integer NOT NULL,
	"county_units" integer NOT NULL,
	"exclude_months" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lottery_settings_single_row" CHECK ("lottery_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "review_bottom_statements" (
	"id" serial PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"group" text NOT NULL,
	"unit_id" integer NOT NULL,
	"proposed" jsonb NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"confirmed_by" integer,
	CONSTRAINT "review_bottom_statements_uq" UNIQUE("period","unit_id")
);
--> statement-breakpoint
CREATE TABLE "review_manual_facts" (
	"id" serial PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
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
CREATE TABLE "review_publications" (
	"period" text PRIMARY KEY NOT NULL,
	"scheme_id" integer NOT NULL,
	"scheme_version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" integer
);
--> statement-breakpoint
CREATE TABLE "review_schemes" (
	"id" serial PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"effective_from" text NOT NULL,
	"weights" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	CONSTRAINT "review_schemes_version_unique" UNIQUE("version")
);
--> statement-breakpoint
CREATE TABLE "review_score_facts" (
	"id" serial PRIMARY KEY NOT NULL,
	"score_id" integer NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"points" integer NOT NULL,
	"day" date NOT NULL,
	"task_id" integer,
	"sheet_id" integer,
	"manual_id" integer
);
--> statement-breakpoint
CREATE TABLE "review_scores" (
	"id" serial PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"unit_id" integer NOT NULL,
	"unit_name" text NOT NULL,
	"group" text NOT NULL,
	"position" integer NOT NULL,
	"rank" integer NOT NULL,
	"score" integer NOT NULL,
	"issued" integer NOT NULL,
	"closed_on_time" integer NOT NULL,
	"closed_late" integer NOT NULL,
	"overdue" integer NOT NULL,
	"carried" integer NOT NULL,
	CONSTRAINT "review_scores_uq" UNIQUE("period","unit_id")
);
--> statement-breakpoint
CREATE TABLE "review_star_adjustments" (
	"id" serial PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"leader_id" integer NOT NULL,
	"stars" integer NOT NULL,
	"reason" text NOT NULL,
	"adjusted_at" timestamp with time zone NOT NULL,
	"adjusted_by" integer,
	CONSTRAINT "review_star_adjustments_uq" UNIQUE("period","leader_id")
);
--> statement-breakpoint
ALTER TABLE "chase_marks" ADD CONSTRAINT "chase_marks_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_candidates" ADD CONSTRAINT "lottery_candidates_draw_id_lottery_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."lottery_draws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_candidates" ADD CONSTRAINT "lottery_candidates_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_bottom_statements" ADD CONSTRAINT "review_bottom_statements_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_bottom_statements" ADD CONSTRAINT "review_bottom_statements_confirmed_by_accounts_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_manual_facts" ADD CONSTRAINT "review_manual_facts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_manual_facts" ADD CONSTRAINT "review_manual_facts_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_manual_facts" ADD CONSTRAINT "review_manual_facts_withdrawn_by_accounts_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_publications" ADD CONSTRAINT "review_publications_scheme_id_review_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."review_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_publications" ADD CONSTRAINT "review_publications_published_by_accounts_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_schemes" ADD CONSTRAINT "review_schemes_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_score_facts" ADD CONSTRAINT "review_score_facts_score_id_review_scores_id_fk" FOREIGN KEY ("score_id") REFERENCES "public"."review_scores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_scores" ADD CONSTRAINT "review_scores_period_review_publications_period_fk" FOREIGN KEY ("period") REFERENCES "public"."review_publications"("period") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_scores" ADD CONSTRAINT "review_scores_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_star_adjustments" ADD CONSTRAINT "review_star_adjustments_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."leaders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_star_adjustments" ADD CONSTRAINT "review_star_adjustments_adjusted_by_accounts_id_fk" FOREIGN KEY ("adjusted_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_manual_facts_period_idx" ON "review_manual_facts" USING btree ("period");--> statement-breakpoint
CREATE INDEX "review_score_facts_score_idx" ON "review_score_facts" USING btree ("score_id");--> statement-breakpoint
CREATE INDEX "task_sheets_chasing_issued_idx" ON "task_sheets" USING btree ("issued_at","id") WHERE kind <> 'assignment';
--> statement-breakpoint
-- hand-written: the default scoring scheme (version 1, so a fresh county scores) and the stars range.
INSERT INTO "review_schemes" ("version", "effective_from", "weights", "note", "created_at") VALUES (1, '2000-01', '{"closed_on_time":200,"closed_late":100,"overdue_day":-10,"sheet_assignment":0,"sheet_urge":-50,"sheet_warning":-100,"sheet_referral":-200,"sheet_rectify":-200,"sheet_admonish":-300,"carried":-100,"missing_report":-50,"highlight":200,"commendation":300,"typical_speech":200,"bottom_statement":-300,"accountability":-500}'::jsonb, '默认方案', now());--> statement-breakpoint
ALTER TABLE "review_star_adjustments" ADD CONSTRAINT "review_star_adjustments_stars_ck" CHECK ("stars" BETWEEN 1 AND 5);
