import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../src/main.js';

const WEB_DIR = path.resolve(import.meta.dirname, '../dist/web');

export interface TestServerOptions {
  // Extra environment, e.g. LUOSHI_NOW to pin the server's clock.
  env?: Record<string, string>;
  // Reuse this data directory (a restart on the same database); the caller removes it. Default: a fresh one, removed on close.
  dataDir?: string;
}

export const newDataDir = () => mkdtemp(path.join(tmpdir(), 'luoshi-e2e-'));

// The real server on a random port, with the demo county in its database.
export async function startTestServer(opts: TestServerOptions = {}): Promise<{ url: string; dataDir: string; close(): Promise<void> }> {
  if (!existsSync(path.join(WEB_DIR, 'index.html'))) throw new Error('前端尚未构建：请先运行 npm run build:web');
  const dataDir = opts.dataDir ?? (await newDataDir());
  const server = await startServer({ port: 0, dataDir, env: { LUOSHI_DEMO: '1', WEB_DIR, ...opts.env } });
  return {
    url: server.url,
    dataDir,
    async close() {
      await server.close();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
