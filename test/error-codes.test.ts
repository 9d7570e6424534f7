import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/shared/error-codes.js';

// The codes a piece of source throws or answers with: the first argument of the error helpers, and errorBody's.
const THROW = /\b(?:new AppError|badRequest|notFound|conflict|errorBody)\(\s*'([A-Za-z0-9_]+)'/g;
const codesIn = (source: string) => [...source.matchAll(THROW)].map((m) => m[1]!);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

const used = new Map<string, string[]>();
for (const file of sourceFiles(path.resolve(import.meta.dirname, '../src'))) {
  for (const code of codesIn(fs.readFileSync(file, 'utf8'))) used.set(code, [...(used.get(code) ?? []), file]);
}
// Thrown through a default argument rather than a literal at the call site.
for (const code of ['UNAUTHENTICATED', 'FORBIDDEN']) used.set(code, [...(used.get(code) ?? []), 'src/errors.ts']);

describe('the error catalogue', () => {
  it('the scan finds codes spread over lines and an unknown code in a sample', () => {
    const sample = "throw conflict(\n  'NOT_IN_THE_CATALOGUE',\n  '…',\n);\nthrow notFound('TASK_NOT_FOUND');";
    expect(codesIn(sample)).toEqual(['NOT_IN_THE_CATALOGUE', 'TASK_NOT_FOUND']);
    expect(codesIn(sample).filter((c) => !(c in ERROR_CODES))).toEqual(['NOT_IN_THE_CATALOGUE']);
  });

  it('every code the server throws is in the catalogue', () => {
    const unknown = [...used].filter(([code]) => !(code in ERROR_CODES)).map(([code, files]) => `${code} (${files.join(', ')})`);
    expect(unknown).toEqual([]);
  });

  it('every code in the catalogue is thrown somewhere, so none is dead', () => {
    expect(Object.keys(ERROR_CODES).filter((code) => !used.has(code))).toEqual([]);
  });

  it.each(Object.entries(ERROR_CODES))('%s has a Chinese message', (_code, message) => {
    expect(message).toMatch(/[\u4e00-\u9fff]/);
  });
});
