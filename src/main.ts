import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { clockFromEnv } from './clock.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { startScanner } from './modules/chasing/scanner.js';
import { isEmpty, seedDemo } from './seed/demo.js';
import { DEFAULT_HISTORY_SEED, seedHistory } from './seed/history/index.js';
import { warmingResponse } from './seed/warming.js';

export async function startServer(opts: { port?: number; dataDir?: string; env?: Record<string, string> } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env, ...(opts.dataDir ? { DATA_DIR: opts.dataDir } : {}) };
  const config = loadConfig(env);
  const clock = clockFromEnv(env);
  const scannerSeconds = Number(env.LUOSHI_SCANNER_INTERVAL ?? 60);
  if (!Number.isInteger(scannerSeconds) || scannerSeconds < 1)
    throw new Error(`LUOSHI_SCANNER_INTERVAL must be whole seconds, got ${env.LUOSHI_SCANNER_INTERVAL}`);
  const database = await openDatabase(config);
  await database.migrate();
  const deps = { db: database.db, clock, config };
  // Listening starts at once; until the demo county is ready every request gets the warming answer.
  let progress = 0;
  let fetch: (req: Request) => Response | Promise<Response> = (req) => warmingResponse(req, progress);
  const server = serve({ fetch: (req) => fetch(req), port: opts.port ?? config.port, hostname: env.HOST ?? '0.0.0.0' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  if (config.demo && (await isEmpty(database.db))) {
    // The county with a year of history (LUOSHI_DEMO_HISTORY=0: the organisation and accounts only).
    const history = env.LUOSHI_DEMO_HISTORY !== '0';
    const now = clock.now();
    const seeded = await seedDemo(deps, { forcePasswordChange: false });
    if (seeded) console.log('已写入示范县演示数据（账号见 README）');
    // Only the process that seeded the county writes its history, so two processes starting at once never both do.
    if (seeded && history) {
      console.log(`正在生成示范县近一年的工作记录（打开 ${url} 可看进度）……`);
      const started = performance.now();
      const result = await seedHistory(deps, { seed: DEFAULT_HISTORY_SEED, now, onProgress: (fraction) => (progress = fraction) });
      console.log(`已生成 ${result.tasks} 项事项及其办理记录，用时 ${Math.round((performance.now() - started) / 1000)} 秒`);
    }
  }
  const app = createApp(deps);
  fetch = app.fetch;
  const stopScanner = env.LUOSHI_SCANNER === '0' ? async () => undefined : startScanner(deps, scannerSeconds * 1000);
  return {
    url,
    deps,
    async close() {
      await stopScanner();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = await startServer();
  console.log(`落实 · 督查督办系统已启动：${server.url}（数据库：${server.deps.config.databaseUrl ? 'PostgreSQL' : 'PGlite 内嵌'}）`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
