CREATE TABLE "closing_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"summary" text NOT NULL,
	"indicator_results" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"finished_on" date NOT NULL,
	"attachment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"filed_by" integer NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "closing_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"office_id" integer NOT NULL,
	"reviewer_id" integer NOT NULL,
	"decision" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "closing_reviews_office_uq" UNIQUE("request_id","office_id")
);
--> statement-breakpoint
CREATE TABLE "closing_site_checks" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"checked_on" date NOT NULL,
	"checked_by" integer NOT NULL,
	"notes" text NOT NULL,
	"attachment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_offices" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit_id" integer,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "review_offices_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "plan_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"period_id" integer NOT NULL,
	"origin" text NOT NULL,
	"source_proposal_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"title" text NOT NULL,
	"measures" text DEFAULT '' NOT NULL,
	"milestones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"standard" text DEFAULT '' NOT NULL,
	"deadline" date NOT NULL,
	"category_id" integer,
	"lead_leader_id" integer,
	"lead_unit_id" integer NOT NULL,
	"cooperating_unit_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"carried_task_id" integer,
	"decision" text,
	"decision_note" text DEFAULT '' NOT NULL,
	"task_id" integer,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_periods" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'collecting' NOT NULL,
	"propose_by" date NOT NULL,
	"review_by" date NOT NULL,
	"consolidate_by" date NOT NULL,
	"meeting_on" date NOT NULL,
	"document_number" text,
	"issued_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_periods_kind_period_uq" UNIQUE("kind","period")
);
--> statement-breakpoint
CREATE TABLE "plan_proposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"period_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"measures" text DEFAULT '' NOT NULL,
	"timetable" text DEFAULT '' NOT NULL,
	"milestones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"standard" text DEFAULT '' NOT NULL,
	"deadline" date NOT NULL,
	"category_id" integer,
	"lead_leader_id" integer,
	"cooperating_unit_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"carried_task_id" integer,
	"late" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" integer,
	"review_comment" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_revisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposal_id" integer,
	"item_id" integer,
	"at" timestamp with time zone NOT NULL,
	"by" integer NOT NULL,
	"reason" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_carry_overs" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"from_period" text NOT NULL,
	"to_period" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"reason_by" integer,
	"reason_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "task_carry_overs_uq" UNIQUE("task_id","from_period")
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "closed_late" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "evidence_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "closing_requests" ADD CONSTRAINT "closing_requests_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closing_requests" ADD CONSTRAINT "closing_requests_filed_by_accounts_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closing_reviews" ADD CONSTRAINT "closing_reviews_request_id_closing_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."closing_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closing_reviews" ADD CONSTRAINT "closing_reviews_office_id_review_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."review_offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closing_reviews" ADD CONSTRAINT "closing_reviews_reviewer_id_accounts_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closing_site_checks" ADD CONSTRAINT "closing_site_checks_request_id_closing_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."closing_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closing_site_checks" ADD CONSTRAINT "closing_site_checks_checked_by_accounts_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_offices" ADD CONSTRAINT "review_offices_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_period_id_plan_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."plan_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_category_id_task_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."task_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_lead_leader_id_leaders_id_fk" FOREIGN KEY ("lead_leader_id") REFERENCES "public"."leaders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_carried_task_id_tasks_id_fk" FOREIGN KEY ("carried_task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_periods" ADD CONSTRAINT "plan_periods_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_period_id_plan_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."plan_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_category_id_task_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."task_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_lead_leader_id_leaders_id_fk" FOREIGN KEY ("lead_leader_id") REFERENCES "public"."leaders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_carried_task_id_tasks_id_fk" FOREIGN KEY ("carried_task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_submitted_by_accounts_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_reviewed_by_accounts_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_revisions" ADD CONSTRAINT "plan_revisions_proposal_id_plan_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."plan_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_revisions" ADD CONSTRAINT "plan_revisions_by_accounts_id_fk" FOREIGN KEY ("by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_carry_overs" ADD CONSTRAINT "task_carry_overs_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_carry_overs" ADD CONSTRAINT "task_carry_overs_reason_by_accounts_id_fk" FOREIGN KEY ("reason_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "closing_requests_task_idx" ON "closing_requests" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "plan_items_period_idx" ON "plan_items" USING btree ("period_id");--> statement-breakpoint
CREATE INDEX "plan_proposals_period_idx" ON "plan_proposals" USING btree ("period_id","unit_id");--> statement-breakpoint
CREATE INDEX "plan_revisions_proposal_idx" ON "plan_revisions" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "task_carry_overs_to_idx" ON "task_carry_overs" USING btree ("to_period");--> statement-breakpoint
ALTER TABLE "plan_periods" ADD CONSTRAINT "plan_periods_status_check" CHECK (status IN ('collecting', 'reviewing', 'consolidating', 'meeting', 'issued'));
--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_status_check" CHECK (status IN ('draft', 'submitted', 'returned', 'approved'));
--> statement-breakpoint
ALTER TABLE "closing_requests" ADD CONSTRAINT "closing_requests_status_check" CHECK (status IN ('pending', 'approved', 'rejected'));
--> statement-breakpoint
-- At most one pending closing request per task, so two filings never race into a double close.
CREATE UNIQUE INDEX "closing_requests_one_pending" ON "closing_requests" ("task_id") WHERE status = 'pending';
--> statement-breakpoint
INSERT INTO "review_offices" ("code", "name", "unit_id", "sort_order")
SELECT v.code, v.name, u.id, v.sort_order
FROM (VALUES ('supervision', '督查室', 'DCS', 10), ('efficiency', '效能监察室', 'XNJC', 20), ('assessment', '考核办', 'KHB', 30)) AS v(code, name, unit_code, sort_order)
LEFT JOIN "units" u ON u.code = v.unit_code;
