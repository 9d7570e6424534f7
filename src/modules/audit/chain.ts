import crypto from 'node:crypto';
import type { HashAlgorithm } from '../../config.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  occurredAt: Date;
  actorId: number | null;
  actorName: string;
  actorRoles: string[];
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  result: 'success' | 'failure';
  reason: string;
  requestId: string;
  ip: string;
  userAgent: string;
}

// Canonical JSON (sorted keys, no undefined) so a row hashes the same after a jsonb round trip.
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value === undefined ? null : JSON.parse(JSON.stringify(value))));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, sortKeys(obj[k])]),
    );
  }
  return value;
}

export function chainHash(algorithm: HashAlgorithm, key: string, prevHash: string, row: ChainedFields): string {
  // Name every field: a stored row also carries its own hash, which must not feed into itself.
  const payload = canonicalJson({
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    actorRoles: row.actorRoles,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    before: row.before ?? null,
    after: row.after ?? null,
    result: row.result,
    reason: row.reason,
    requestId: row.requestId,
    ip: row.ip,
    userAgent: row.userAgent,
  });
  return crypto.createHmac(algorithm, key).update(prevHash).update('\n').update(payload).digest('hex');
}

export type ChainProblem =
  { seq: number; kind: 'missing'; message: string } | { seq: number; kind: 'edited'; message: string } | { seq: number; kind: 'relinked'; message: string };

export interface StoredRow extends ChainedFields {
  prevHash: string;
  hash: string;
}

// Walks rows in seq order. `expectedSeq`/`prevHash` carry over between batches.
export function checkChain(
  rows: StoredRow[],
  algorithm: HashAlgorithm,
  key: string,
  start: { expectedSeq: number; prevHash: string },
): { problems: ChainProblem[]; next: { expectedSeq: number; prevHash: string } } {
  const problems: ChainProblem[] = [];
  let { expectedSeq, prevHash } = start;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      problems.push({ seq: expectedSeq, kind: 'missing', message: `第 ${expectedSeq} 至 ${row.seq - 1} 条审计记录缺失（被删除）` });
    }
    if (row.prevHash !== prevHash) {
      problems.push({ seq: row.seq, kind: 'relinked', message: `第 ${row.seq} 条审计记录的前序哈希与链不符（前面有记录被删除或插入）` });
    }
    if (chainHash(algorithm, key, row.prevHash, row) !== row.hash) {
      problems.push({ seq: row.seq, kind: 'edited', message: `第 ${row.seq} 条审计记录内容被篡改或伪造（哈希不符）` });
    }
    expectedSeq = row.seq + 1;
    prevHash = row.hash;
  }
  return { problems, next: { expectedSeq, prevHash } };
}
