CREATE TABLE "self_assessments" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"items" jsonb NOT NULL,
	"rated_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "self_assessments_unit_period_uq" UNIQUE("unit_id","period"),
	CONSTRAINT "self_assessments_status" CHECK ("self_assessments"."status" in ('planned', 'reported', 'rated'))
);
--> statement-breakpoint
CREATE TABLE "study_attendance" (
	"id" serial PRIMARY KEY NOT NULL,
	"session_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"present" boolean NOT NULL,
	"absence_reason" text DEFAULT '' NOT NULL,
	"makeup_due" date,
	"made_up_on" date,
	"makeup_note" text DEFAULT '' NOT NULL,
	"makeup_by" integer,
	CONSTRAINT "study_attendance_session_person_uq" UNIQUE("session_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "study_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"day" date NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_by" integer NOT NULL,
	"held_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "study_weekly_notices" (
	"week" date PRIMARY KEY NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"units" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "self_assessments" ADD CONSTRAINT "self_assessments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_attendance" ADD CONSTRAINT "study_attendance_session_id_study_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."study_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_attendance" ADD CONSTRAINT "study_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_attendance" ADD CONSTRAINT "study_attendance_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_attendance" ADD CONSTRAINT "study_attendance_makeup_by_accounts_id_fk" FOREIGN KEY ("makeup_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_sessions" ADD CONSTRAINT "study_sessions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_sessions" ADD CONSTRAINT "study_sessions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "self_assessments_period_idx" ON "self_assessments" USING btree ("period");--> statement-breakpoint
CREATE INDEX "study_attendance_person_idx" ON "study_attendance" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "study_attendance_unit_idx" ON "study_attendance" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "study_sessions_unit_day_idx" ON "study_sessions" USING btree ("unit_id","day");--> statement-breakpoint
CREATE INDEX "study_sessions_day_idx" ON "study_sessions" USING btree ("day");