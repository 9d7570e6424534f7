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
CREATE INDEX "frontline_days_day_idx" ON "frontline_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "monthly_assessments_month_idx" ON "monthly_assessments" USING btree ("month");--> statement-breakpoint
CREATE INDEX "quarter_confirmations_quarter_idx" ON "quarter_confirmations" USING btree ("quarter");