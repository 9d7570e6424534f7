// npm run backup [-- <folder>] — writes a backup of the database and its attachments (default ./backups/<time>).
// npm run restore -- <folder> — restores one into an empty database (a new DATABASE_URL database or a new DATA_DIR).
import path from 'node:path';
import { clockFromEnv } from '../clock.js';
import { loadConfig } from '../config.js';
import { fileStoreFor } from '../storage/index.js';
import { backup } from './backup.js';
import { openDatabaseForCli } from './cli.js';
import { RestoreRefused, restore } from './restore.js';

const [command, folder] = process.argv.slice(2);
const config = loadConfig();
const store = fileStoreFor(config);
const log = (line: string) => console.log(`  ${line}`);

if (command === 'restore' && !folder) {
  console.error('用法：npm run restore -- <备份目录>');
  process.exit(2);
}
const database = await openDatabaseForCli(config);
try {
  if (command === 'backup') {
    const now = clockFromEnv().now();
    const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const dir = path.resolve(folder ?? path.join('backups', stamp));
    const m = await backup(database.db, store, dir, { source: database.kind, now, onProgress: log });
    console.log(`备份完成：${dir}（${m.tables.length} 张表、${m.tables.reduce((n, t) => n + t.rows, 0)} 行、${m.files.length} 个附件）`);
  } else {
    const m = await restore(database, store, path.resolve(folder!), log);
    console.log(`恢复完成：${m.tables.length} 张表、${m.files.length} 个附件，备份时间 ${m.createdAt}`);
  }
} catch (err) {
  if (!(err instanceof RestoreRefused)) throw err;
  console.error(err.message);
  process.exitCode = 1;
} finally {
  await database.close();
}
