CREATE TABLE "annual_opinion_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"opinion_id" integer NOT NULL,
	"kind" text NOT NULL,
	"field" text NOT NULL,
	"before" text NOT NULL,
	"after" text NOT NULL,
	"reason" text NOT NULL,
	"changed_by" integer NOT NULL,
	"changed_by_name" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "annual_opinions" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"subject" text NOT NULL,
	"subject_id" integer NOT NULL,
	"subject_name" text NOT NULL,
	"context" text NOT NULL,
	"rank" integer,
	"basis" text NOT NULL,
	"band" text NOT NULL,
	"summary" text NOT NULL,
	"rewards" text NOT NULL,
	"accountability" text NOT NULL,
	"appointment" text NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"drafted_by" integer NOT NULL,
	"drafted_at" timestamp with time zone NOT NULL,
	"issued_by" integer,
	"issued_by_name" text,
	"issued_at" timestamp with time zone,
	CONSTRAINT "annual_opinions_subject_uq" UNIQUE("year","subject","subject_id")
);
--> statement-breakpoint
CREATE TABLE "dossier_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"rule" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dossier_settings_single_row" CHECK ("dossier_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "annual_opinion_changes" ADD CONSTRAINT "annual_opinion_changes_opinion_id_annual_opinions_id_fk" FOREIGN KEY ("opinion_id") REFERENCES "public"."annual_opinions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_opinion_changes" ADD CONSTRAINT "annual_opinion_changes_changed_by_accounts_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_opinions" ADD CONSTRAINT "annual_opinions_drafted_by_accounts_id_fk" FOREIGN KEY ("drafted_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_opinions" ADD CONSTRAINT "annual_opinions_issued_by_accounts_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "annual_opinion_changes_opinion_idx" ON "annual_opinion_changes" USING btree ("opinion_id");--> statement-breakpoint
CREATE INDEX "annual_opinions_year_idx" ON "annual_opinions" USING btree ("year","status");