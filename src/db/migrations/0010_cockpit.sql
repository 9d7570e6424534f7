CREATE TABLE "board_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	"revoked_at" timestamp with time zone,
	"revoked_by" integer,
	CONSTRAINT "board_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "digests" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"day" date NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"closed_today" integer NOT NULL,
	"due_tomorrow" integer NOT NULL,
	"red" integer NOT NULL,
	"highlights" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "digests_group_day_key" UNIQUE("group_id","day")
);
--> statement-breakpoint
CREATE TABLE "work_group_people" (
	"group_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	CONSTRAINT "work_group_people_group_id_person_id_pk" PRIMARY KEY("group_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "work_group_units" (
	"group_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "work_group_units_group_id_unit_id_pk" PRIMARY KEY("group_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "work_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"channel_id" integer,
	"send_at" text DEFAULT '18:00' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "board_tokens" ADD CONSTRAINT "board_tokens_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_tokens" ADD CONSTRAINT "board_tokens_revoked_by_accounts_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digests" ADD CONSTRAINT "digests_group_id_work_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."work_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_group_people" ADD CONSTRAINT "work_group_people_group_id_work_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."work_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_group_people" ADD CONSTRAINT "work_group_people_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_group_units" ADD CONSTRAINT "work_group_units_group_id_work_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."work_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_group_units" ADD CONSTRAINT "work_group_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_groups" ADD CONSTRAINT "work_groups_channel_id_notify_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."notify_channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_tokens_created_idx" ON "board_tokens" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "digests_day_idx" ON "digests" USING btree ("day");