import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { clockFromEnv } from './clock.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { startScanner } from './modules/chasing/scanner.js';
import { isEmpty, seedDemo } from './seed/demo.js';

export async function startServer(opts: { port?: number; dataDir?: string; env?: Record<string, string> } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env, ...(opts.dataDir ? { DATA_DIR: opts.dataDir } : {}) };
  const config = loadConfig(env);
  const clock = clockFromEnv(env);
  const database = await openDatabase(config);
  await database.migrate();
  const deps = { db: database.db, clock, config };
  if (config.demo && (await isEmpty(database.db))) {
    await seedDemo(deps, { forcePasswordChange: false });
    console.log('已写入示范县演示数据（账号见 README）');
  }
  const app = createApp(deps);
  const stopScanner = env.LUOSHI_SCANNER === '0' ? async () => undefined : startScanner(deps);
  const server = serve({ fetch: app.fetch, port: opts.port ?? config.port, hostname: env.HOST ?? '0.0.0.0' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
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
