ALTER TABLE "closing_reviews" ALTER COLUMN "office_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "closing_reviews" ADD COLUMN "unit_id" integer;--> statement-breakpoint
ALTER TABLE "closing_reviews" ADD CONSTRAINT "closing_reviews_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closing_reviews" ADD CONSTRAINT "closing_reviews_unit_uq" UNIQUE("request_id","unit_id");--> statement-breakpoint
ALTER TABLE "closing_reviews" ADD CONSTRAINT "closing_reviews_one_reviewer" CHECK (num_nonnulls("closing_reviews"."office_id", "closing_reviews"."unit_id") = 1);