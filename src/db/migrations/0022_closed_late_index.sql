-- The cockpit over a whole county or province (docs/performance.md, branch sweep1) without reading the tasks table.
-- The tasks closed late, for the on-time rate: 217,000 of 2,000,000 tasks, counted off the index alone.
CREATE INDEX "tasks_closed_late_idx" ON "tasks" USING btree ("lead_unit_id") WHERE status = 'closed' and closed_late;--> statement-breakpoint
-- The open tasks by lead unit with their deadlines, for the overdue tasks per unit (written here because Drizzle's
-- index builder has no INCLUDE; schema.ts names it beside the table): the open tasks lie scattered over the table.
CREATE INDEX "tasks_open_lead_unit_idx" ON "tasks" ("lead_unit_id") INCLUDE ("deadline", "parts_due")
  WHERE "status" IN ('assigned', 'signed', 'in_progress', 'closing_requested', 'returned');--> statement-breakpoint
-- The tasks still carried (every status but draft, closed and cancelled), for the list of carried tasks (挂单): 114,000
-- of 2,000,000 tasks, each then probed for its latest carry-over, instead of the 4,000,000 carry-overs.
CREATE INDEX "tasks_carried_idx" ON "tasks" ("id") INCLUDE ("lead_unit_id", "lead_leader_id")
  WHERE "status" IN ('assigned', 'declined', 'signed', 'in_progress', 'closing_requested', 'returned', 'suspended');
