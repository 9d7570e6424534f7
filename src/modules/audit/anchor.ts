// The audit chain's head anchored outside the database (等保 安全审计 c): once a day the head (seq and hash) is
// written, signed with a key from the configuration, as a line of DATA_DIR/audit-anchors.jsonl. A chain that is
// shorter than the last anchor, or whose row at the anchor's seq has another hash, was truncated or rebuilt — which
// the hash chain alone cannot show, since a cut tail leaves a valid chain. The daily run also verifies the chain (the
// rows since the last anchor, the whole chain weekly: see sinceAnchor) and tells the security admins when either fails.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { desc, eq, sql } from 'drizzle-orm';
import { systemWho, type Deps } from '../../context.js';
import { queryRows, type Db } from '../../db/client.js';
import { auditAnchors, auditLog } from './schema.js';
import { recordAudit, verifyChain } from './service.js';

export interface Anchor {
  day: string;
  seq: number;
  hash: string;
  at: string;
  mac: string;
}

export const anchorFile = (config: Deps['config']) => path.join(config.dataDir, 'audit-anchors.jsonl');

function anchorMac(key: string, a: Omit<Anchor, 'mac'>): string {
  const derived = Buffer.from(crypto.hkdfSync('sha256', key, 'luoshi', 'audit-anchor', 32));
  return crypto.createHmac('sha256', derived).update(`${a.day}\n${a.seq}\n${a.hash}\n${a.at}`).digest('hex');
}

// The anchors in the file, oldest first, each with whether its signature holds. No file: none yet.
export async function readAnchors(config: Deps['config']): Promise<(Anchor & { signed: boolean })[]> {
  let text: string;
  try {
    text = await fs.readFile(anchorFile(config), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const a = JSON.parse(line) as Anchor;
      const expected = anchorMac(config.anchorKey, a);
      const signed = a.mac.length === expected.length && crypto.timingSafeEqual(Buffer.from(a.mac), Buffer.from(expected));
      return { ...a, signed };
    });
}

// What is wrong with the chain in the database measured against the latest anchor in the file.
export async function checkAnchor(deps: Pick<Deps, 'db' | 'config'>): Promise<{ anchor: Anchor | null; problems: string[] }> {
  const anchors = await readAnchors(deps.config);
  const latest = anchors.at(-1);
  if (!latest) return { anchor: null, problems: [] };
  const problems: string[] = [];
  if (!latest.signed) problems.push(`${latest.day} 的锚点签名不符：锚点文件被改动，或 AUDIT_ANCHOR_KEY 已更换`);
  const [head] = await deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const length = head?.seq ?? 0;
  if (length < latest.seq) {
    problems.push(`审计日志比 ${latest.day} 的锚点短：锚点记录到第 ${latest.seq} 条，数据库中只有 ${length} 条，尾部被删除`);
  } else {
    const [row] = await deps.db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, latest.seq));
    if (row?.hash !== latest.hash) problems.push(`第 ${latest.seq} 条的哈希与 ${latest.day} 的锚点不符：日志被重建`);
  }
  return { anchor: latest, problems };
}

// The chain verified, then checked against the latest anchor: what `npm run audit:verify` and the daily run report.
export async function verifyWithAnchor(deps: Pick<Deps, 'db' | 'config'>) {
  const chain = await verifyChain(deps);
  const anchored = await checkAnchor(deps);
  return { checked: chain.checked, chainProblems: chain.problems, anchor: anchored.anchor, anchorProblems: anchored.problems };
}

const FULL_VERIFY_DAYS = 7;

/**
 * Where the daily run starts verifying: after the latest signed anchor, whose row checkAnchor has just matched, so the
 * rows before it were verified on earlier days and the run stays as short as a day's writes. The whole chain (undefined)
 * on Mondays, with no clean anchor, or when the last anchor is a week old, so an edit to an older row is found within a
 * week; `npm run audit:verify` always checks the whole chain.
 */
export function sinceAnchor(anchored: { anchor: Anchor | null; problems: string[] }, day: string): { seq: number; hash: string } | undefined {
  const { anchor, problems } = anchored;
  if (!anchor || problems.length > 0) return undefined;
  // Days as UTC midnights; the calendar module is not imported here, as it audits its own changes.
  const midnight = (d: string) => Date.parse(`${d}T00:00:00Z`);
  if (new Date(midnight(day)).getUTCDay() === 1) return undefined;
  if (midnight(day) - midnight(anchor.day) >= FULL_VERIFY_DAYS * 86_400_000) return undefined;
  return { seq: anchor.seq, hash: anchor.hash };
}

export interface Alarm {
  kind: string;
  title: string;
  body: string;
  link: string;
}

// Held by the run that anchors, for its whole transaction: a tick in another process at the same minute finds it taken
// and returns at once, instead of verifying the chain a second time (the whole chain on Mondays) only to lose the claim.
export const ANCHOR_LOCK = 7_202_606;

/**
 * The daily anchor, for the periodic work: the first run of a (Shanghai) `day` takes the lock, claims the day,
 * verifies, writes the signed head to the file and, on any problem, raises `alarm` (the periodic work sends it to the
 * security admins) in the same transaction. Runs while it holds the lock, and later runs that day, in this process or
 * another, do nothing.
 */
export async function anchorDaily(deps: Deps, day: string, alarm: (tx: Db, message: Alarm) => Promise<void>): Promise<{ anchored: number; alarms: number }> {
  const now = deps.clock.now();
  const who = systemWho(`audit-anchor-${day}`);
  const anchor = await deps.db.transaction(async (tx: Db) => {
    const [lock] = await queryRows<{ taken: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(${ANCHOR_LOCK}) AS taken`);
    if (!lock!.taken) return null;
    const [claimed] = await tx.select({ day: auditAnchors.day }).from(auditAnchors).where(eq(auditAnchors.day, day));
    if (claimed) return null;
    const inTx = { db: tx, config: deps.config };
    const anchored = await checkAnchor(inTx);
    const from = sinceAnchor(anchored, day);
    const chain = await verifyChain(inTx, from);
    const problems = [...chain.problems.map((p) => p.message), ...anchored.problems];
    const [head] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    if (!head) return null;
    await tx.insert(auditAnchors).values({ day, seq: head.seq, hash: head.hash, ok: problems.length === 0, createdAt: now });
    if (problems.length) {
      await alarm(tx, {
        kind: 'audit.alarm',
        title: '审计日志校验失败',
        body: `${day} 的每日校验发现 ${problems.length} 处问题：${problems.slice(0, 3).join('；')}${problems.length > 3 ? '……' : ''}。请立即核查，并运行 npm run audit:verify 查看全部问题。`,
        link: '',
      });
    }
    await recordAudit(tx, deps, who, {
      action: 'audit.anchor',
      targetType: 'audit_log',
      targetId: head.seq,
      after: { seq: head.seq, status: problems.length ? 'failed' : 'ok', verifiedFrom: (from?.seq ?? 0) + 1 },
      result: problems.length ? 'failure' : 'success',
      reason: problems.length ? `每日校验发现 ${problems.length} 处问题` : '',
    });
    const unsigned = { day, seq: head.seq, hash: head.hash, at: now.toISOString() };
    return { signed: { ...unsigned, mac: anchorMac(deps.config.anchorKey, unsigned) }, alarms: problems.length ? 1 : 0 };
  });
  if (!anchor) return { anchored: 0, alarms: 0 };
  await fs.mkdir(deps.config.dataDir, { recursive: true });
  await fs.appendFile(anchorFile(deps.config), `${JSON.stringify(anchor.signed)}\n`, { flush: true });
  return { anchored: 1, alarms: anchor.alarms };
}
