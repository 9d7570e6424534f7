import { and, asc, desc, eq, gt, gte, ilike, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { chainHash, checkChain, GENESIS_HASH, type ChainProblem } from './chain.js';
import { SECURITY_ACTION_PREFIXES } from './mask.js';
import { auditLog } from './schema.js';

// Any constant will do; it only has to be the same in every process.
const AUDIT_CHAIN_LOCK = 7_202_602;

export interface AuditEvent {
  action: string;
  targetType: string;
  targetId: string | number;
  before?: unknown;
  after?: unknown;
  result?: 'success' | 'failure';
  reason?: string;
}

// Appends one chained entry. Call it inside the business transaction: if this fails, the business write fails.
export async function recordAudit(tx: Db, deps: Pick<Deps, 'clock' | 'config'>, who: Who, event: AuditEvent): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const fields = {
    seq: (last?.seq ?? 0) + 1,
    occurredAt: deps.clock.now(),
    actorId: who.actor?.accountId ?? null,
    actorName: who.actor ? `${who.actor.displayName}（${who.actor.username}）` : '系统',
    actorRoles: who.actor?.roles ?? [],
    action: event.action,
    targetType: event.targetType,
    targetId: String(event.targetId),
    before: event.before ?? null,
    after: event.after ?? null,
    result: event.result ?? 'success',
    reason: event.reason ?? '',
    requestId: who.meta.requestId,
    ip: who.meta.ip,
    userAgent: who.meta.userAgent.slice(0, 300),
  } as const;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = chainHash(deps.config.auditAlgorithm, deps.config.auditKey, prevHash, fields);
  await tx.insert(auditLog).values({ ...fields, actorRoles: [...fields.actorRoles], prevHash, hash });
}

// Records a failure (denied access, bad login) in a transaction of its own, since the request's own work is rolled back.
export async function recordFailure(deps: Deps, who: Who, event: Omit<AuditEvent, 'result'>): Promise<void> {
  await deps.db.transaction((tx) => recordAudit(tx, deps, who, { ...event, result: 'failure' }));
}

/** The chain from its first row, or from `after` (a row whose seq and hash are trusted, such as a signed anchor's). */
export async function verifyChain(
  deps: Pick<Deps, 'db' | 'config'>,
  after: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
  batchSize = 1000,
): Promise<{ checked: number; problems: ChainProblem[] }> {
  let state = { expectedSeq: after.seq + 1, prevHash: after.hash };
  let lastSeq = after.seq;
  let checked = 0;
  const problems: ChainProblem[] = [];
  for (;;) {
    const rows = await deps.db.select().from(auditLog).where(gt(auditLog.seq, lastSeq)).orderBy(asc(auditLog.seq)).limit(batchSize);
    if (rows.length === 0) break;
    const out = checkChain(rows, deps.config.auditAlgorithm, deps.config.auditKey, state);
    problems.push(...out.problems);
    state = out.next;
    checked += rows.length;
    lastSeq = rows[rows.length - 1]!.seq;
  }
  return { checked, problems };
}

export interface AuditQuery {
  from?: Date;
  to?: Date;
  actor?: string;
  action?: string;
  target?: string;
  result?: 'success' | 'failure';
  keyword?: string;
  page: number;
  pageSize: number;
}

export type AuditFilters = Omit<AuditQuery, 'page' | 'pageSize'>;

function auditWhere(q: AuditFilters): SQL | undefined {
  const conds: SQL[] = [];
  if (q.from) conds.push(gte(auditLog.occurredAt, q.from));
  if (q.to) conds.push(lte(auditLog.occurredAt, q.to));
  if (q.actor) conds.push(ilike(auditLog.actorName, `%${escapeLike(q.actor)}%`));
  if (q.action) conds.push(ilike(auditLog.action, `${escapeLike(q.action)}%`));
  if (q.target) conds.push(or(eq(auditLog.targetId, q.target), ilike(auditLog.targetType, `${escapeLike(q.target)}%`))!);
  if (q.result) conds.push(eq(auditLog.result, q.result));
  if (q.keyword) {
    const k = `%${escapeLike(q.keyword)}%`;
    // Only in what the reader sees unmasked (see mask.ts), so a keyword cannot probe a masked value.
    const security = or(...SECURITY_ACTION_PREFIXES.map((p) => ilike(auditLog.action, `${escapeLike(p)}%`)))!;
    conds.push(and(security, or(ilike(sql`${auditLog.before}::text`, k), ilike(sql`${auditLog.after}::text`, k), ilike(auditLog.reason, k)))!);
  }
  return conds.length ? and(...conds) : undefined;
}

export async function searchAudit(db: Db, q: AuditQuery) {
  const where = auditWhere(q);
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(where);
  const items = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total, items };
}

// Every entry matching the filters, newest first, in keyset batches (seq below the last one seen, no OFFSET).
export async function* auditBatches(db: Db, q: AuditFilters, batchSize = 1000) {
  const where = auditWhere(q);
  let below: number | undefined;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(below === undefined ? where : and(where, lt(auditLog.seq, below)))
      .orderBy(desc(auditLog.seq))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    below = rows[rows.length - 1]!.seq;
  }
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
