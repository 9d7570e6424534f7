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
CREATE INDEX "assessment_bonus_items_quarter_idx" ON "assessment_bonus_items" USING btree ("quarter");