CREATE TABLE "review_notices" (
	"period" text PRIMARY KEY NOT NULL,
	"opening" text NOT NULL,
	"problems" text NOT NULL,
	"requirements" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer,
	"issued_at" timestamp with time zone,
	"issued_by" integer,
	"snapshot" jsonb
);
--> statement-breakpoint
ALTER TABLE "review_notices" ADD CONSTRAINT "review_notices_period_review_publications_period_fk" FOREIGN KEY ("period") REFERENCES "public"."review_publications"("period") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notices" ADD CONSTRAINT "review_notices_updated_by_accounts_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notices" ADD CONSTRAINT "review_notices_issued_by_accounts_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;