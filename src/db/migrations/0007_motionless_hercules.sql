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
ALTER TABLE "lottery_candidates" ADD CONSTRAINT "lottery_candidates_draw_id_lottery_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."lottery_draws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_candidates" ADD CONSTRAINT "lottery_candidates_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;