import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../src/main.js';

const WEB_DIR = path.resolve(import.meta.dirname, '../dist/web');

// The real server on a random port, with a fresh demo database in a temporary directory.
export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync(path.join(WEB_DIR, 'index.html'))) throw new Error('前端尚未构建：请先运行 npm run build:web');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'luoshi-e2e-'));
  const server = await startServer({ port: 0, dataDir, env: { LUOSHI_DEMO: '1', WEB_DIR } });
  return {
    url: server.url,
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
