import type { Config } from '../config.js';
import { type Database, openDatabase } from './client.js';
import { DataDirInUse } from './dir-lock.js';

// For the command-line tools: a database held by a running server is a clear refusal (exit code 2), not a stack trace.
export async function openDatabaseForCli(config: Config): Promise<Database> {
  try {
    return await openDatabase(config);
  } catch (err) {
    if (!(err instanceof DataDirInUse)) throw err;
    console.error(err.message);
    process.exit(2);
  }
}
