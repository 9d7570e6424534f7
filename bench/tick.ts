// One tick of the periodic work, step by step, as its own process (the bench runs it twice: the first pass and the
// idempotent second): prints one JSON line with each step's time and the process's peak memory.
import { clockFromEnv } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { systemWho } from '../src/context.js';
import { openDatabaseForCli } from '../src/db/cli.js';
import { scan } from '../src/modules/chasing/service.js';
import { freezeDueMonths } from '../src/modules/figures/service.js';
import { rollOver } from '../src/modules/plans/rollover.js';

const config = loadConfig();
const database = await openDatabaseForCli(config);
const deps = { db: database.db, clock: clockFromEnv(), config };
const mb = (n: number) => Math.round(n / 1024 / 1024);
const baseRss = mb(process.memoryUsage().rss);
const timed = async <T>(run: () => Promise<T>) => {
  const started = performance.now();
  const result = await run();
  return { ms: Math.round(performance.now() - started), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), result };
};
try {
  const openTasks = (await database.db.execute(
    `SELECT count(*)::int AS n FROM tasks WHERE status IN ('assigned','signed','in_progress','closing_requested','returned')`,
  )) as unknown as {
    rows: { n: number }[];
  };
  const scanned = await timed(() => scan(deps, systemWho('bench-scan')));
  const rolled = await timed(() => rollOver(deps, systemWho('bench-rollover')));
  const frozen = await timed(() => freezeDueMonths(deps, systemWho('bench-figures')));
  console.log(JSON.stringify({ openTasks: openTasks.rows[0]!.n, baseRssMb: baseRss, scan: scanned, rollOver: rolled, freeze: frozen }));
} finally {
  await database.close();
}
