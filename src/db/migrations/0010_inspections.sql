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
ALTER TABLE "task_disclosures" ADD CONSTRAINT "task_disclosures_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_disclosures" ADD CONSTRAINT "task_disclosures_marked_by_accounts_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
CREATE INDEX "inspection_findings_inspection_idx" ON "inspection_findings" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "inspection_photos_inspection_idx" ON "inspection_photos" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "inspections_period_idx" ON "inspections" USING btree ("period");--> statement-breakpoint
CREATE INDEX "inspections_unit_idx" ON "inspections" USING btree ("unit_id");--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_enums_check" CHECK (cycle IN ('year', 'month') AND mode IN ('open', 'unannounced') AND method IN ('on_site', 'remote') AND status IN ('planned', 'filed'));--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_grade_check" CHECK (grade IN ('good', 'problem', 'serious') AND (grade = 'good' OR (owner_unit_id IS NOT NULL AND deadline IS NOT NULL)));
