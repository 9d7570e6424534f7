import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrationsFolder, openPglite, openPostgres, pgliteOf } from '../src/db/client.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    // On TEST_DATABASE_URL's server: a migrated database each test file copies (CREATE DATABASE … TEMPLATE).
    postgresTemplate: string;
  }
}

// Migrating a fresh database costs seconds; each test file starts from a migrated snapshot instead.
export default async function setup(project: TestProject) {
  const hash = crypto.createHash('sha256');
  for (const f of fs.readdirSync(migrationsFolder).sort()) {
    if (f.endsWith('.sql')) hash.update(fs.readFileSync(path.join(migrationsFolder, f)));
  }
  const digest = hash.digest('hex').slice(0, 16);
  const file = path.resolve('node_modules/.cache/luoshi', `pglite-${digest}.tgz`);
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
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const name = `luoshi_tpl_${digest}_${crypto.randomBytes(3).toString('hex')}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  const database = openPostgres(Object.assign(new URL(url), { pathname: `/${name}` }).toString(), 1);
  await database.migrate();
  await database.close();
  project.provide('postgresTemplate', name);
  return () => adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export async function adminQuery(url: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
