CREATE TABLE "chasing_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"urge_days_before" integer NOT NULL,
	"referral_grace_working_days" integer NOT NULL,
	"deduction_points" numeric NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chasing_settings" ADD CONSTRAINT "chasing_settings_single_row" CHECK (id = 1);
--> statement-breakpoint
INSERT INTO "chasing_settings" ("id", "urge_days_before", "referral_grace_working_days", "deduction_points", "updated_at")
VALUES (1, 3, 5, 1, '2026-01-01T00:00:00Z');
