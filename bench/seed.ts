// npm run bench:seed -- --units 20000 --tasks 2000000 [--seed N] [--database-url URL | --pglite [DATA_DIR]]
// Writes the bench province into a fresh database: a luoshi_bench_* database on the local server (dropped and made
// again; by default luoshi_bench_<units>_<tasks>), or an empty PGlite data directory (default data/bench-<units>-<tasks>).
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres, pgliteOf } from '../src/db/client.js';
import { generate, type GenerateResult } from './generate.js';
import { pgliteSql, pgSql } from './load.js';
import { benchDatabaseUrl, freshBenchDatabase, parseArgs } from './options.js';

const args = parseArgs(process.argv.slice(2));
const units = Number(args.units ?? 200);
const tasks = Number(args.tasks ?? 20_000);
const seed = Number(args.seed ?? 1);
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

let result: GenerateResult;
if (args.pglite) {
  // The directory is a DATA_DIR: the database lives in its pg/ folder, where the server looks for it.
  const dir = path.join(String(args.pglite === true ? `data/bench-${units}-${tasks}` : args.pglite), 'pg');
  if (fs.existsSync(dir) && fs.readdirSync(dir).length) throw new Error(`PGlite 数据目录 ${dir} 不是空的`);
  const database = await openPglite(dir);
  await database.migrate();
  log(`PGlite ${dir}：${units} 个单位，${tasks} 项事项，种子 ${seed}`);
  result = await generate(database, pgliteSql(pgliteOf(database)!), { units, tasks, seed, log }).finally(() => database.close());
} else {
  const url = String(args['database-url'] ?? benchDatabaseUrl(units, tasks));
  await freshBenchDatabase(url);
  const database = openPostgres(url, 2);
  await database.migrate();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // A bulk load needs no durability until it is done: the bench database is made again if the machine stops.
  await client.query('SET synchronous_commit = off');
  log(`${url}：${units} 个单位，${tasks} 项事项，种子 ${seed}`);
  const sql = pgSql(client);
  result = await generate(database, sql, { units, tasks, seed, log }).finally(async () => {
    await sql.close();
    await database.close();
  });
}
log(
  `完成：${Object.values(result.rows)
    .reduce((a, b) => a + b, 0)
    .toLocaleString()} 行，用时 ${result.seconds.toFixed(1)} 秒，${result.rowsPerSecond.toLocaleString()} 行/秒`,
);
console.log(JSON.stringify(result.rows));
