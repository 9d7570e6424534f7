CREATE TABLE "review_appeals" (
	"id" serial PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"unit_id" integer NOT NULL,
	"object" text NOT NULL,
	"object_key" text NOT NULL,
	"fact_id" integer,
	"task_id" integer,
	"closing_request_id" integer,
	"subject" text NOT NULL,
	"reason" text NOT NULL,
	"evidence" text NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"filed_by" integer NOT NULL,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"decided_by" integer
);
--> statement-breakpoint
CREATE TABLE "review_corrections" (
	"id" serial PRIMARY KEY NOT NULL,
	"score_id" integer NOT NULL,
	"appeal_id" integer NOT NULL,
	"points" integer NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer NOT NULL,
	CONSTRAINT "review_corrections_appeal_uq" UNIQUE("appeal_id")
);
--> statement-breakpoint
ALTER TABLE "review_appeals" ADD CONSTRAINT "review_appeals_period_review_publications_period_fk" FOREIGN KEY ("period") REFERENCES "public"."review_publications"("period") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_appeals" ADD CONSTRAINT "review_appeals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_appeals" ADD CONSTRAINT "review_appeals_fact_id_review_score_facts_id_fk" FOREIGN KEY ("fact_id") REFERENCES "public"."review_score_facts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_appeals" ADD CONSTRAINT "review_appeals_filed_by_accounts_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_appeals" ADD CONSTRAINT "review_appeals_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_corrections" ADD CONSTRAINT "review_corrections_score_id_review_scores_id_fk" FOREIGN KEY ("score_id") REFERENCES "public"."review_scores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_corrections" ADD CONSTRAINT "review_corrections_appeal_id_review_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."review_appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_corrections" ADD CONSTRAINT "review_corrections_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_appeals_open_uq" ON "review_appeals" USING btree ("object_key") WHERE "review_appeals"."status" = 'open';--> statement-breakpoint
CREATE INDEX "review_appeals_period_idx" ON "review_appeals" USING btree ("period");--> statement-breakpoint
CREATE INDEX "review_appeals_unit_idx" ON "review_appeals" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "review_corrections_score_idx" ON "review_corrections" USING btree ("score_id");