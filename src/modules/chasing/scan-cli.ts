// npm run scan — issues every sheet that is due now, once, and sends queued notifications.
import { clockFromEnv } from '../../clock.js';
import { loadConfig } from '../../config.js';
import { systemWho } from '../../context.js';
import { openDatabase } from '../../db/client.js';
import { scan } from './service.js';

const config = loadConfig();
const database = await openDatabase(config);
try {
  await database.migrate();
  const deps = { db: database.db, clock: clockFromEnv(), config };
  const result = await scan(deps, systemWho('scan-cli'));
  console.log(`扫描完成：检查督办中事项 ${result.tasks} 项，新签发督办单 ${result.issued} 份。`);
} finally {
  await database.close();
}
