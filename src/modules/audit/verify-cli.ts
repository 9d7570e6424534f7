// npm run audit:verify — recomputes the audit hash chain and names every row that was edited, inserted or deleted.
import { loadConfig } from '../../config.js';
import { openDatabaseForCli } from '../../db/cli.js';
import { verifyChain } from './service.js';

const config = loadConfig();
const database = await openDatabaseForCli(config);
try {
  const { checked, problems } = await verifyChain({ db: database.db, config });
  if (problems.length === 0) {
    console.log(`审计日志完整：共校验 ${checked} 条，哈希链（${config.auditAlgorithm.toUpperCase()}）无断裂。`);
  } else {
    console.error(`审计日志校验失败：共校验 ${checked} 条，发现 ${problems.length} 处问题：`);
    for (const p of problems) console.error(`  - [${p.kind}] ${p.message}`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
