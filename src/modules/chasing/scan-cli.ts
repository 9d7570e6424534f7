// npm run scan — the scanner's periodic work, once: issue due sheets, carry over open tasks, send queued notifications.
import { clockFromEnv } from '../../clock.js';
import { loadConfig } from '../../config.js';
import { openDatabaseForCli } from '../../db/cli.js';
import { periodicWork } from './scanner.js';

const config = loadConfig();
const database = await openDatabaseForCli(config);
try {
  await database.migrate();
  const r = await periodicWork({ db: database.db, clock: clockFromEnv(), config });
  console.log(
    `扫描完成：检查今天状态可能变化的督办中事项 ${r.tasks} 项，新签发督办单 ${r.issued} 份，挂单 ${r.carried} 项，催报挂单原因 ${r.reminded} 项，发送通知 ${r.sent} 条（失败 ${r.failed} 条）。`,
  );
} finally {
  await database.close();
}
