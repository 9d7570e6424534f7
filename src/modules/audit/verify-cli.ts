// npm run audit:verify — recomputes the audit hash chain and names every row that was edited, inserted or deleted,
// then checks the chain against the latest signed anchor in DATA_DIR/audit-anchors.jsonl (a cut tail or a rebuilt
// log leaves a valid chain; only the anchor shows it).
import { loadConfig } from '../../config.js';
import { openDatabaseForCli } from '../../db/cli.js';
import { verifyWithAnchor } from './anchor.js';

const config = loadConfig();
const database = await openDatabaseForCli(config);
try {
  const { checked, chainProblems, anchor, anchorProblems } = await verifyWithAnchor({ db: database.db, config });
  if (chainProblems.length === 0) {
    console.log(`审计日志完整：共校验 ${checked} 条，哈希链（${config.auditAlgorithm.toUpperCase()}）无断裂。`);
  } else {
    console.error(`审计日志校验失败：共校验 ${checked} 条，发现 ${chainProblems.length} 处问题：`);
    for (const p of chainProblems) console.error(`  - [${p.kind}] ${p.message}`);
    process.exitCode = 1;
  }
  if (!anchor) console.log('尚无链头锚点（每日由定时任务写入 audit-anchors.jsonl）。');
  else if (anchorProblems.length === 0) console.log(`与 ${anchor.day} 的链头锚点（第 ${anchor.seq} 条）一致。`);
  else {
    console.error(`与 ${anchor.day} 的链头锚点不一致：`);
    for (const p of anchorProblems) console.error(`  - [anchor] ${p}`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
