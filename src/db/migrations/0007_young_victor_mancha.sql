CREATE TABLE "chase_marks" (
	"task_id" integer PRIMARY KEY NOT NULL,
	"task_version" integer NOT NULL,
	"context" text NOT NULL,
	"quiet_until" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chase_marks" ADD CONSTRAINT "chase_marks_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;