// A/B of a county-wide ledger count on one database: every task's colour worked out (the form before the status
// summary) against the open tasks' colours plus the summary (countByColour), interleaved, medians and least of N runs.
// npm exec tsx bench/status-counts-ab.ts -- --database-url URL [--runs 7] [--today YYYY-MM-DD]
import { sql } from 'drizzle-orm';
import { openPostgres } from '../src/db/client.js';
import { colourSql, countByColour, countTasks } from '../src/modules/tasks/ledger-store.js';
import { parseArgs } from './options.js';

const args = parseArgs(process.argv.slice(2));
const database = openPostgres(String(args['database-url']), 2);
const runs = Number(args.runs ?? 7);
const today = String(args.today ?? '2026-12-01');
const colour = sql.identifier('colour');
const forms = {
  everyTask: () =>
    countTasks(database.db, { colour: colourSql(today) }, undefined, {
      green: sql`${colour} = 'green'`,
      blue: sql`${colour} = 'blue'`,
      yellow: sql`${colour} = 'yellow'`,
      red: sql`${colour} = 'red'`,
      grey: sql`${colour} = 'grey'`,
    }),
  summary: async () => (await countByColour(database.db, { colour: colourSql(today) }, undefined, {})).colours,
};
const times: Record<string, number[]> = { everyTask: [], summary: [] };
const answers: Record<string, unknown> = {};
for (let i = 0; i < runs; i++) {
  for (const [name, run] of Object.entries(forms)) {
    const started = performance.now();
    answers[name] = await run();
    times[name]!.push(performance.now() - started);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [name, xs] of Object.entries(times))
  console.log(name, 'median', median(xs).toFixed(1), 'least', Math.min(...xs).toFixed(1), JSON.stringify(answers[name]));
await database.close();
