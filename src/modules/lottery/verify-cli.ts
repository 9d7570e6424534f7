// npm run lottery:verify -- <drawId> — recomputes a draw's commitment and result from the stored seed, candidates
// and counts, and exits non-zero on any mismatch (1), or when the draw does not exist or the id is wrong (2).
import { loadConfig } from '../../config.js';
import { openDatabaseForCli } from '../../db/cli.js';
import { AppError } from '../../errors.js';
import { REVIEW_GROUP_LABELS, REVIEW_GROUPS } from '../../shared/labels.js';
import { verifyStoredDraw } from './service.js';

const arg = process.argv[2] ?? '';
if (!/^[1-9][0-9]{0,9}$/.test(arg)) {
  console.error('用法：npm run lottery:verify -- <抽签记录编号>');
  process.exit(2);
}

const config = loadConfig();
const database = await openDatabaseForCli(config);
try {
  const { draw, candidates, verification: v } = await verifyStoredDraw(database.db, Number(arg));
  const names = new Map(candidates.map((c) => [c.unitId, c.unitName]));
  const nameList = (ids: number[]) => ids.map((id) => `${names.get(id) ?? '?'}（${id}）`).join('、') || '无';
  console.log(`抽签记录 ${draw.id}：${draw.period}，${draw.state === 'drawn' ? '已抽签' : '已公布候选名单，尚未抽签'}`);
  for (const g of REVIEW_GROUPS) {
    const own = candidates.filter((c) => c.group === g).map((c) => c.unitId);
    console.log(`  ${REVIEW_GROUP_LABELS[g]}：候选 ${own.length} 个，抽取 ${g === 'town' ? draw.towns : draw.countyUnits} 个`);
  }
  console.log(`  公布的承诺值：${draw.commitment}`);
  console.log(`  重算的承诺值：${v.expectedCommitment || '（种子格式不正确，无法计算）'}  ${v.commitmentOk ? '一致' : '不一致'}`);
  if (draw.result) {
    console.log(`  现场公开数字：${draw.publicInput || '（未填）'}`);
    for (const g of REVIEW_GROUPS) {
      console.log(`  ${REVIEW_GROUP_LABELS[g]}  保存的结果：${nameList(draw.result[g] ?? [])}`);
      console.log(`  ${REVIEW_GROUP_LABELS[g]}  重算的结果：${v.expectedResult ? nameList(v.expectedResult[g]) : '（无法计算）'}`);
    }
  }
  if (v.ok) {
    console.log(draw.result ? '校验通过：承诺值和抽签结果均与重新计算的一致。' : '校验通过：承诺值与保存的种子和候选名单一致（尚未抽签）。');
  } else {
    console.error('校验失败：');
    for (const p of v.problems) console.error(`  - ${p}`);
    process.exitCode = 1;
  }
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  console.error(`${err.message}（编号 ${arg}）`);
  process.exitCode = 2;
} finally {
  await database.close();
}
