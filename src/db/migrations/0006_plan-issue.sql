ALTER TABLE "plan_proposals" ADD COLUMN "withdraw_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Hand-written: a withdrawn proposal (撤回) is one more status.
ALTER TABLE "plan_proposals" DROP CONSTRAINT "plan_proposals_status_check";--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_status_check" CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'withdrawn'));
