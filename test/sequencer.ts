import { BaseSequencer, type TestSpecification } from 'vitest/node';

// A fresh clone has no timings, and vitest then starts the largest files first, which leaves the demo history (two
// seedings of a year) and the server-restarting tests to the end of the run. These start first, longest first, so the
// two workers finish together.
const LONGEST = [
  'src/seed/history/history.test.ts',
  'test/crash-safety.test.ts',
  'test/scanner-processes.test.ts',
  'test/backup.test.ts',
  'src/modules/tasks/ledger-scale.test.ts',
  'test/bench-generator.test.ts',
];

const rank = (file: TestSpecification) => {
  const i = LONGEST.findIndex((p) => file.moduleId.endsWith(p));
  return i < 0 ? LONGEST.length : i;
};

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    return sorted
      .map((file, i) => ({ file, i }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.i - b.i)
      .map(({ file }) => file);
  }
}
