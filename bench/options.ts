import pg from 'pg';

// Command-line flags for the bench scripts: `--name value`, `--name=value` or a bare `--flag` (true).
export function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`不认识的参数：${arg}`);
    const [name, value] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (value !== undefined) out[name] = value;
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) out[name] = argv[++i]!;
    else out[name] = true;
  }
  return out;
}

export const PG_SERVER = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';

/** The local database a data set of this size lives in. */
export const benchDatabaseUrl = (units: number, tasks: number) => `${PG_SERVER}/luoshi_bench_${units}_${tasks}`;

/** Drops and creates a luoshi_bench_* database; refuses any other name, so a real database is never dropped. */
export async function freshBenchDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  if (!/^luoshi_bench_[a-z0-9_]+$/.test(name)) throw new Error(`只会重建名为 luoshi_bench_* 的数据库，不会动 ${name}`);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}
