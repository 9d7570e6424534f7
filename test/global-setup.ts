import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrationsFolder, openPglite, pgliteOf } from '../src/db/client.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

// Migrating a fresh PGlite costs seconds; each test file starts from this migrated snapshot instead.
export default async function setup(project: TestProject) {
  const hash = crypto.createHash('sha256');
  for (const f of fs.readdirSync(migrationsFolder).sort()) {
    if (f.endsWith('.sql')) hash.update(fs.readFileSync(path.join(migrationsFolder, f)));
  }
  const file = path.resolve('node_modules/.cache/luoshi', `pglite-${hash.digest('hex').slice(0, 16)}.tgz`);
  if (!fs.existsSync(file)) {
    const database = await openPglite();
    await database.migrate();
    const dump = await pgliteOf(database)!.dumpDataDir('gzip');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(`${file}.tmp`, file);
    await database.close();
  }
  project.provide('pgliteTemplate', file);
}
