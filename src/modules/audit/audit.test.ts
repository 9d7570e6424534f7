import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../clock.js';
import { loadConfig } from '../../config.js';
import type { Actor, Who } from '../../context.js';
import { openTestDatabase, testDeps, type TestDeps } from '../../../test/db.js';
import { createUnit } from '../org/service.js';
import { units } from '../org/schema.js';
import { canonicalJson, chainHash, GENESIS_HASH } from './chain.js';
import { auditLog } from './schema.js';
import { recordAudit, verifyChain } from './service.js';

const admin: Actor = { accountId: 1, username: 'admin', displayName: '系统管理员', roles: ['sysadmin'], personId: null, unitId: null, leaderId: null };
const who = (requestId: string): Who & { actor: Actor } => ({ actor: admin, meta: { requestId, ip: '10.0.0.1', userAgent: 'test' } });

async function appendMany(deps: TestDeps, n: number, prefix = 'e') {
  for (let i = 0; i < n; i++) {
    await deps.db.transaction((tx) =>
      recordAudit(tx, deps, who(`${prefix}${i}`), {
        action: 'test.event',
        targetType: 'thing',
        targetId: i,
        before: { n: i },
        after: { n: i + 1, 名称: '测试' },
      }),
    );
  }
}

// Tampering needs the append-only triggers off, which only the table owner (a DBA) can do.
async function asDba(deps: TestDeps, statement: ReturnType<typeof sql>) {
  await deps.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
  await deps.db.execute(statement);
  await deps.db.execute(sql`ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_update_delete`);
  await deps.db.execute(sql`ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate`);
}

describe('audit chain hashing', () => {
  it('canonical JSON is independent of key order, so a jsonb round trip hashes the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });

  it.each(['sm3', 'sha256'] as const)('%s HMAC depends on the key and on the previous hash', (alg) => {
    const row = {
      seq: 1,
      occurredAt: new Date('2026-03-25T01:00:00Z'),
      actorId: 1,
      actorName: 'a',
      actorRoles: [],
      action: 'x',
      targetType: 't',
      targetId: '1',
      before: null,
      after: { a: 1 },
      result: 'success' as const,
      reason: '',
      requestId: 'r',
      ip: '',
      userAgent: '',
    };
    const h = chainHash(alg, 'k1', GENESIS_HASH, row);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(alg, 'k2', GENESIS_HASH, row)).not.toBe(h);
    expect(chainHash(alg, 'k1', 'f'.repeat(64), row)).not.toBe(h);
    expect(chainHash(alg, 'k1', GENESIS_HASH, { ...row, after: { a: 2 } })).not.toBe(h);
  });
});

describe('audit log in the database', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await testDeps();
  });
  afterAll(() => deps.close());

  it('appends a gapless chain that verifies', async () => {
    await appendMany(deps, 5);
    const rows = await deps.db.select().from(auditLog).orderBy(auditLog.seq);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    rows.slice(1).forEach((r, i) => expect(r.prevHash).toBe(rows[i]!.hash));
    expect(rows[0]).toMatchObject({ actorId: 1, action: 'test.event', targetType: 'thing', targetId: '0', result: 'success', requestId: 'e0', ip: '10.0.0.1' });
    expect(await verifyChain(deps)).toEqual({ checked: 5, problems: [] });
  });

  it('refuses UPDATE, DELETE and TRUNCATE, even under session_replication_role = replica', async () => {
    await expect(deps.db.execute(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow();
    await expect(deps.db.execute(sql`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow();
    await expect(deps.db.execute(sql`TRUNCATE audit_log`)).rejects.toThrow();
    await deps.db
      .transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL session_replication_role = replica`);
        await expect(tx.execute(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow();
      })
      .catch(() => undefined);
    const [row] = await deps.db.select().from(auditLog).where(eq(auditLog.seq, 1));
    expect(row!.action).toBe('test.event');
  });

  it('a business write fails when its audit entry cannot be written (fail closed)', async () => {
    await deps.db.execute(sql`ALTER TABLE audit_log ADD CONSTRAINT refuse_all CHECK (false) NOT VALID`);
    try {
      await expect(createUnit(deps, who('u1'), { parentId: null, kind: 'city_dept', code: 'FAILCLOSED', name: '审计失败测试局' })).rejects.toThrow();
    } finally {
      await deps.db.execute(sql`ALTER TABLE audit_log DROP CONSTRAINT refuse_all`);
    }
    const [found] = await deps.db.select({ n: count() }).from(units).where(eq(units.code, 'FAILCLOSED'));
    expect(found!.n).toBe(0);
  });

  it('records the business change and its audit entry together', async () => {
    const unit = await createUnit(deps, who('u2'), { parentId: null, kind: 'city_dept', code: 'AUDITED', name: '审计测试局' });
    const [entry] = await deps.db.select().from(auditLog).where(eq(auditLog.requestId, 'u2'));
    expect(entry).toMatchObject({ action: 'unit.create', targetType: 'unit', targetId: String(unit.id), result: 'success' });
    expect(entry!.after).toMatchObject({ code: 'AUDITED', name: '审计测试局' });
  });

  it('names an edited row', async () => {
    await asDba(deps, sql`UPDATE audit_log SET after = '{"n": 999}' WHERE seq = 3`);
    const { problems } = await verifyChain(deps);
    expect(problems).toEqual([expect.objectContaining({ seq: 3, kind: 'edited' })]);
    expect(problems[0]!.message).toContain('第 3 条');
  });
});

describe('audit tampering is found', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await testDeps();
    await appendMany(deps, 6);
  });
  afterAll(() => deps.close());

  it('names a deleted row and the row whose link it broke', async () => {
    await asDba(deps, sql`DELETE FROM audit_log WHERE seq = 4`);
    const { problems } = await verifyChain(deps);
    expect(problems).toEqual([expect.objectContaining({ seq: 4, kind: 'missing' }), expect.objectContaining({ seq: 5, kind: 'relinked' })]);
  });

  it('names an inserted row forged without the key', async () => {
    const [last] = await deps.db
      .select()
      .from(auditLog)
      .orderBy(sql`seq desc`)
      .limit(1);
    const forged = { ...last!, seq: last!.seq + 1, prevHash: last!.hash, action: 'forged' };
    forged.hash = chainHash('sm3', 'not-the-key', forged.prevHash, forged);
    await deps.db.insert(auditLog).values(forged);
    const { problems } = await verifyChain(deps);
    expect(problems).toContainEqual(expect.objectContaining({ seq: forged.seq, kind: 'edited' }));
  });
});

describe('concurrent appends', () => {
  it('never fork the chain', async () => {
    const database = await openTestDatabase();
    const deps = { db: database.db, clock: fixedClock('2026-03-25T01:00:00Z'), config: loadConfig({ NODE_ENV: 'test', AUDIT_KEY: 'test-audit-key' }) };
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          deps.db.transaction((tx) => recordAudit(tx, deps, who(`c${i}`), { action: 'test.concurrent', targetType: 'thing', targetId: i })),
        ),
      );
      const rows = await deps.db.select({ seq: auditLog.seq, prevHash: auditLog.prevHash }).from(auditLog);
      expect(rows).toHaveLength(40);
      expect(new Set(rows.map((r) => r.prevHash)).size).toBe(40);
      expect(await verifyChain(deps)).toEqual({ checked: 40, problems: [] });
    } finally {
      await database.close();
    }
  });
});
