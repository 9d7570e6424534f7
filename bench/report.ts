// npm run bench:report -- bench/results/<file>.json: the results as Markdown tables, for docs/performance.md.
import fs from 'node:fs';
import type { OperationResult } from './stats.js';

const file = process.argv[2];
if (!file) throw new Error('用法：npm run bench:report -- bench/results/<文件>.json');
const r = JSON.parse(fs.readFileSync(file, 'utf8')) as {
  db: string;
  size: { units: number; tasks: number };
  machine: { cpus: number; cpu: string; memGb: number; load: number[]; node: string };
  ticks: {
    openTasks: number;
    scan: { ms: number; peakRssMb: number; result: object };
    rollOver: { ms: number; result: object };
    freeze: { ms: number; peakRssMb: number };
  }[];
  operations: OperationResult[];
  heavy: { name: string; ms: number[]; bytes: number; restRssMb: number; peakRssMb: number }[];
  mixed: { rps: number; latency: { p50: number; p95: number; p99: number }; errors: number };
};
const met = (m: boolean | null) => (m === null ? '' : m ? '达标' : '**未达标**');
const out: string[] = [];
out.push(
  `${r.db}，${r.size.units} 个单位 / ${r.size.tasks} 项事项；${r.machine.cpus} 核 ${r.machine.cpu}，${r.machine.memGb} GB，Node ${r.machine.node}，结束时负载 ${r.machine.load.join(' / ')}`,
);
out.push('');
out.push('| 操作 | 目标 p95 | p50 | p95 | p99 | 1 连接 次/秒 | 10 连接 次/秒（p95） | 语句数 | 裸 SQL p50 | 比值 | 结论 |');
out.push('|---|---|---|---|---|---|---|---|---|---|---|');
for (const o of r.operations) {
  out.push(
    `| ${o.name} | ${o.target ? `${o.target.p95Ms} ms` : '—'} | ${o.serial.p50} | ${o.serial.p95} | ${o.serial.p99} | ${o.c1?.rps ?? '—'} | ${o.c10 ? `${o.c10.rps}（${o.c10.latency.p95}）` : '—'} | ${o.statements ?? '—'} | ${o.bare?.p50 ?? '—'} | ${o.ratio ?? '—'} | ${met(o.met)}${o.errors.length ? ' 出错' : ''} |`,
  );
}
out.push('');
out.push('| 下载 | 用时 ms | 大小 | 服务内存 静息 → 峰值 MB |');
out.push('|---|---|---|---|');
for (const h of r.heavy) out.push(`| ${h.name} | ${h.ms.join(' / ')} | ${h.bytes} | ${h.restRssMb} → ${h.peakRssMb} |`);
out.push('');
for (const [i, t] of r.ticks.entries()) {
  out.push(
    `扫描第 ${i + 1} 遍（督办中 ${t.openTasks} 项）：扫描 ${t.scan.ms} ms ${JSON.stringify(t.scan.result)}，挂单 ${t.rollOver.ms} ms ${JSON.stringify(t.rollOver.result)}，冻结 ${t.freeze.ms} ms，进程峰值内存 ${t.freeze.peakRssMb} MB`,
  );
}
out.push(
  `混合负载（目标 50 次/秒）：实际 ${r.mixed.rps} 次/秒，p50 ${r.mixed.latency.p50} / p95 ${r.mixed.latency.p95} / p99 ${r.mixed.latency.p99} ms，错误 ${r.mixed.errors}`,
);
console.log(out.join('\n'));
