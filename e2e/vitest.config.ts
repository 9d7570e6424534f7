import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: path.resolve(import.meta.dirname, '..'),
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 180_000,
    // Two files at once: a walk spends much of its time waiting on the page or the server's clock, so two fill the
    // machine's two cores better than one (each has its own server, port, database and browser profile).
    maxWorkers: 2,
  },
});
