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
CREATE INDEX "highlight_nominations_period_idx" ON "highlight_nominations" USING btree ("period");--> statement-breakpoint
CREATE INDEX "highlight_nominations_unit_idx" ON "highlight_nominations" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "star_nominations_period_idx" ON "star_nominations" USING btree ("period");--> statement-breakpoint
CREATE INDEX "star_nominations_unit_idx" ON "star_nominations" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "star_nominations_person_idx" ON "star_nominations" USING btree ("person_id");--> statement-breakpoint
-- hand-written: a county that has published no month yet scores stars and selected highlight work by the default weights
-- (scheme version 1 gains the stars' keys); one with published months keeps version 1 as it was (the keys read as 0).
UPDATE "review_schemes" SET "weights" = '{"unit_star":300,"cadre_star":0,"highlight_selected":200,"highlight_half_year":500}'::jsonb || "weights" WHERE "version" = 1 AND NOT EXISTS (SELECT 1 FROM "review_publications");--> statement-breakpoint
ALTER TABLE "star_settings" ADD CONSTRAINT "star_settings_limits_ck" CHECK ("unit_star_limit" BETWEEN 1 AND 200 AND "cadre_star_limit" BETWEEN 1 AND 200);
