-- The open tasks' figures without reading the tasks table (docs/performance.md, 2,000,000 tasks): the open tasks are
-- scattered over the whole table, so counting their colours read about 50,000 of its pages. Written here because
-- Drizzle's index builder has no INCLUDE; schema.ts names it beside the table.
-- Every open task with what its colour, the to-do and the missing report need, for index-only scans.
CREATE INDEX "tasks_open_idx" ON "tasks" ("id") INCLUDE ("status", "deadline", "parts_due", "report_cadence")
  WHERE "status" IN ('assigned', 'signed', 'in_progress', 'closing_requested', 'returned');
