import { defineConfig } from 'vitest/config';
import HistoryFirst from './test/sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite costs ~0.5 GB per open database; two workers fit 2 cores.
    maxWorkers: 2,
    sequence: { sequencer: HistoryFirst },
  },
});
