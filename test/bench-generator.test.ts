import fs from 'node:fs';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.js';
import { pgliteSql, type Sql } from '../bench/load.js';
import { openPglite, pgliteOf } from '../src/db/client.js';

const TABLES = [
  'units',
  'people',
  'accounts',
  'leaders',
  'tasks',
  'task_sheets',
  'task_reports',
  'task_milestones',
  'task_carry_overs',
  'closing_requests',
  'plan_items',
  'monthly_figures',
];

// A digest of every generated table, and its row count.
async function fingerprint(sql: Sql) {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const table of TABLES) {
    // Each run salts the one password hash afresh; everything else must match.
    const value = table === 'accounts' ? `(t.id, t.username, t.display_name, t.person_id)::text` : 't::text';
    const [row] = await sql.query<{ rows: number; md5: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(${value}, '|' ORDER BY ${value}), '')) AS md5 FROM ${table} t`,
    );
    out[table] = row!;
  }
  return out;
}

async function generated(seed: number) {
  const database = await openPglite(undefined, new Blob([fs.readFileSync(inject('pgliteTemplate'))], { type: 'application/x-gzip' }));
  const sql = pgliteSql(pgliteOf(database)!);
  try {
    const result = await generate(database, sql, { units: 12, tasks: 300, seed });
    const [open] = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tasks WHERE status IN ('assigned', 'signed', 'in_progress', 'closing_requested', 'returned')`,
    );
    const [orphans] = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM task_reports r WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = r.task_id)`,
    );
    const [nextTask] = await sql.query<{ id: number }>(`SELECT nextval('tasks_id_seq')::int AS id`);
    // The status summary the trigger (off during the load) would have kept: units and statuses where it and the tasks differ.
    const [summaryOff] = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT lead_unit_id, status, count(*)::int AS n FROM tasks GROUP BY 1, 2) t
       FULL JOIN (SELECT lead_unit_id, status, sum(n)::int AS n FROM (SELECT * FROM task_status_counts UNION ALL SELECT * FROM task_status_deltas) u GROUP BY 1, 2) s
       USING (lead_unit_id, status) WHERE t.n IS DISTINCT FROM s.n`,
    );
    // The signing day and last report the triggers (off during the load) would have kept: tasks where they differ from
    // their rule, and how many tasks have each.
    const [reportDays] = await sql.query<{ off: number; signed: number; reported: number }>(
      `SELECT count(*) FILTER (WHERE t.signed_at IS DISTINCT FROM s.at OR t.last_reported_at IS DISTINCT FROM r.at)::int AS off,
         count(t.signed_at)::int AS signed, count(t.last_reported_at)::int AS reported
       FROM tasks t
       LEFT JOIN (SELECT task_id, max(signed_at) AS at FROM task_sheets WHERE kind = 'assignment' GROUP BY 1) s ON s.task_id = t.id
       LEFT JOIN (SELECT task_id, max(reported_at) AS at FROM task_reports GROUP BY 1) r ON r.task_id = t.id`,
    );
    return {
      result,
      prints: await fingerprint(sql),
      open: open!.n,
      orphans: orphans!.n,
      nextTask: nextTask!.id,
      summaryOff: summaryOff!.n,
      reportDays: reportDays!,
    };
  } finally {
    await database.close();
  }
}

describe('bench data generator', () => {
  it('writes the same province from the same seed', { timeout: 120_000 }, async () => {
    const a = await generated(7);
    const b = await generated(7);
    expect(a.prints).toEqual(b.prints);
    // Exactly the tasks asked for, some still open, every report on a task, and the sequences past the loaded ids.
    expect(a.prints.tasks!.rows).toBe(300);
    expect(a.result.rows.tasks).toBe(300);
    expect(a.open).toBeGreaterThan(0);
    expect(a.orphans).toBe(0);
    expect(a.summaryOff).toBe(0);
    expect(a.reportDays.off).toBe(0);
    expect(a.reportDays.signed).toBeGreaterThan(0);
    expect(a.reportDays.reported).toBeGreaterThan(0);
    expect(a.nextTask).toBe(301);
    expect(a.prints.units!.rows).toBeGreaterThan(12);
  });
});
