// npm run bench:ledger -- [--units N --tasks N | --database-url URL]: the ledger's statements for the bench's ledger
// pages and the home overview, taken from the service itself, each EXPLAIN ANALYZEd three times (jit off, least time
// kept). Prints the statements, the database time and the most rows any statement returned; run it on two commits
// against the same database to compare them (docs/performance.md, "the ledger in SQL").
import pg from 'pg';
import { fixedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { Actor, Deps } from '../src/context.js';
import { openPostgres } from '../src/db/client.js';
import { ledgerOverview, listLedger, type LedgerQuery } from '../src/modules/tasks/ledger.js';
import { BENCH_MONTH, BENCH_NOW } from './generate.js';
import { pgSql } from './load.js';
import { benchDatabaseUrl, parseArgs } from './options.js';
import { pickSubjects } from './operations.js';

const args = parseArgs(process.argv.slice(2));
const url = String(args['database-url'] ?? benchDatabaseUrl(Number(args.units ?? 2000), Number(args.tasks ?? 200_000)));

const explainer = new pg.Client({ connectionString: url, options: '-c jit=off' });
await explainer.connect();
const s = await pickSubjects(pgSql(explainer));
const unitOf = async (path: string) => (await explainer.query<{ id: number }>(`SELECT id FROM units WHERE path = $1`, [path])).rows[0]!.id;

const captured: { text: string; params: unknown[] }[] = [];
const database = openPostgres(url, 2, { logQuery: (text, params) => void captured.push({ text, params }) });
// The schema of this commit, as the server would make it at start.
await database.migrate();
const deps: Deps = { db: database.db, clock: fixedClock(BENCH_NOW), config: loadConfig({ NODE_ENV: 'production', AUDIT_KEY: 'bench' }) };
const office: Actor = { accountId: 0, username: 'bench', displayName: 'bench', roles: ['office'], personId: null, unitId: null, leaderId: null };
const head = (unitId: number): Actor => ({ ...office, roles: ['unit_head'], unitId });
const county = head(await unitOf(s.county.path));
const town = head(await unitOf(s.town.path));
const page = (q: Partial<LedgerQuery>): LedgerQuery => ({ page: 1, pageSize: 20, sort: 'deadline', ...q });

async function measure(name: string, request: () => Promise<unknown>) {
  captured.length = 0;
  await request();
  let ms = 0;
  let rows = 0;
  for (const { text, params } of captured) {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const [row] = (await explainer.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, params)).rows as {
        'QUERY PLAN': [{ 'Execution Time': number; Plan: { 'Actual Rows': number } }];
      }[];
      const plan = row!['QUERY PLAN'][0];
      best = Math.min(best, plan['Execution Time']);
      rows = Math.max(rows, plan.Plan['Actual Rows']);
    }
    ms += best;
  }
  console.log(`${name.padEnd(16)} ${captured.length} 条语句，数据库 ${ms.toFixed(1)} ms，单条最多 ${rows} 行`);
}

await measure('ledger.deadline', () => listLedger(deps, office, page({})));
await measure('ledger.red', () => listLedger(deps, office, page({ colour: 'red' })));
await measure('ledger.county', () => listLedger(deps, county, page({})));
await measure('ledger.town', () => listLedger(deps, town, page({})));
await measure('ledger.unit', () => listLedger(deps, office, page({ unitId: s.departmentId })));
await measure('ledger.leader', () => listLedger(deps, office, page({ leaderId: s.leaderId })));
await measure('ledger.month', () => listLedger(deps, office, page({ period: BENCH_MONTH })));
await measure('ledger.deep', () => listLedger(deps, office, page({ page: s.deepPage })));
await measure('overview.office', () => ledgerOverview(deps, office, { size: 6, weekSize: 20 }));
await measure('overview.town', () => ledgerOverview(deps, town, { size: 6, weekSize: 20 }));
await explainer.end();
await database.close();
