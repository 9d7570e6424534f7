import { BaseSequencer, type TestSpecification } from 'vitest/node';

// A fresh clone has no timings, and vitest then starts the largest files first, which left the demo history (a year
// of the county, written twice on PostgreSQL) to the end of the run. It starts first; the tests that start server processes of their
// own come last, so they never take the history's CPU while it runs against its time bound.
const FIRST = ['src/seed/history/history.test.ts'];
const LAST = ['test/scanner-processes.test.ts', 'test/backup.test.ts', 'test/crash-safety.test.ts'];

const place = (file: TestSpecification) => {
  if (FIRST.some((p) => file.moduleId.endsWith(p))) return 0;
  return LAST.some((p) => file.moduleId.endsWith(p)) ? 2 : 1;
};

export default class HistoryFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    return sorted
      .map((file, i) => ({ file, i }))
      .sort((a, b) => place(a.file) - place(b.file) || a.i - b.i)
      .map(({ file }) => file);
  }
}
