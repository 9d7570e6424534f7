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
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_responsible_person_id_people_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_responsible_person_id_people_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;