import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanModules } from './architecture.js';

/**
 * One owner per table, no module internals imported across modules, no import cycle between modules.
 * The rule itself is written at the top of test/architecture.ts, which scans the code with the TypeScript compiler:
 *
 * - Modules are src/modules/<m>/ and src/calendar/. A table belongs to the module whose schema.ts declares it.
 *   src/db, src/seed, src/app.ts, src/main.ts, the shared files beside them, and tests may import anything.
 * - Only the owning module inserts into, updates or deletes from its tables (Drizzle or SQL text); other modules call
 *   the owner's functions, which take the caller's transaction.
 * - A module never imports another module's store.ts or schema.ts (not even types); it reads through the owner's
 *   functions or its read model read.ts. A schema.ts may import another schema.ts for a foreign key.
 * - No import cycle between modules.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const show = (vs: ReturnType<typeof scanModules>) => vs.map((v) => `${v.file}:${v.line} ${v.kind}: ${v.message}`);

describe('module boundaries', () => {
  it('src/ has no cross-module write, no import of another module’s store or schema, and no import cycle', () => {
    expect(show(scanModules(path.join(here, '..', 'src')))).toEqual([]);
  });

  it('the scanner finds each deliberate violation of the fixture tree, and only those', () => {
    expect(show(scanModules(path.join(here, 'fixtures', 'architecture', 'src')))).toEqual([
      'src/modules/alpha/service.ts:2 cycle: alpha imports beta, in the cycle {alpha, beta}',
      'src/modules/beta/read.ts:2 internals: imports src/calendar/store.ts, internals of module calendar',
      'src/modules/beta/service.ts:2 cycle: beta imports alpha, in the cycle {alpha, beta}',
      'src/modules/beta/service.ts:3 internals: imports src/modules/alpha/schema.ts, internals of module alpha',
      'src/modules/beta/service.ts:12 write: update alpha_items, a table of module alpha',
      'src/modules/beta/service.ts:17 write: SQL delete alpha_items, a table of module alpha',
      'src/modules/beta/service.ts:20 write: SQL insert alpha_items, a table of module alpha',
    ]);
  });
});
