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
ALTER TABLE "monthly_figures" ADD CONSTRAINT "monthly_figures_period_monthly_figure_freezes_period_fk" FOREIGN KEY ("period") REFERENCES "public"."monthly_figure_freezes"("period") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_figures" ADD CONSTRAINT "monthly_figures_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_responsible_person_id_people_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_responsible_person_id_people_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "task_reports_client_key_uq" ON "task_reports" USING btree ("reported_by","client_key");--> statement-breakpoint
-- Hand-written: a withdrawn proposal (撤回) is one more status; the check itself was hand-written in 0005.
ALTER TABLE "plan_proposals" DROP CONSTRAINT "plan_proposals_status_check";--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_status_check" CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'withdrawn'));
