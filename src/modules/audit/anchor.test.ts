// The chain head anchored outside the database: a cut tail leaves a chain that verifies, and only the anchor shows it.
import fs from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp } from '../../../test/api.js';
import { TEST_NOW, testDeps, type TestDeps } from '../../../test/db.js';
import { periodicWork } from '../chasing/scanner.js';
import { accounts } from '../auth/schema.js';
import { notifications } from '../notify/schema.js';
import { ANCHOR_LOCK, anchorDaily, anchorFile, readAnchors, sinceAnchor, verifyWithAnchor } from './anchor.js';
import { auditAnchors, auditLog } from './schema.js';
import { recordFailure, verifyChain } from './service.js';

let deps: TestDeps;
const DAY = 24 * 60 * 60_000;

beforeAll(async () => {
  deps = await testDeps();
  deps.clock.set(TEST_NOW);
  await demoApp(deps);
});
afterAll(() => deps?.close());

const someAudit = (n: number) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      recordFailure(
        deps,
        { actor: null, meta: { requestId: `t${i}`, ip: '', userAgent: '' } },
        { action: 'auth.login', targetType: 'account', targetId: i, reason: '测试' },
      ),
    ),
  );
const secadminInbox = async () =>
  (
    await deps.db
      .select({ title: notifications.title, kind: notifications.kind })
      .from(notifications)
      .innerJoin(accounts, eq(accounts.id, notifications.accountId))
      .where(eq(accounts.username, 'anquan'))
  ).filter((n) => n.kind === 'audit.alarm');

describe('the daily anchor of the audit chain', () => {
  it('writes the signed head once a day from the periodic work, and the verify agrees with it', async () => {
    const [head] = await deps.db.select({ seq: sql<number>`max(${auditLog.seq})::int` }).from(auditLog);
    expect(await periodicWork(deps)).toMatchObject({ anchored: 1, alarms: 0 });
    expect(await periodicWork(deps)).toMatchObject({ anchored: 0, alarms: 0 });
    const anchors = await readAnchors(deps.config);
    expect(anchors).toHaveLength(1);
    expect(anchors[0]).toMatchObject({ day: '2026-03-25', seq: head!.seq, signed: true });
    expect((await verifyWithAnchor(deps)).anchorProblems).toEqual([]);
    const [row] = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'audit.anchor'));
    expect(row).toMatchObject({ result: 'success', after: { seq: head!.seq, status: 'ok' } });
  });

  it('sees a truncated tail that the chain alone cannot, and alarms the security admin at the next daily run', async () => {
    await someAudit(3);
    deps.clock.advance(DAY);
    expect(await periodicWork(deps)).toMatchObject({ anchored: 1, alarms: 0 });
    const anchored = (await readAnchors(deps.config)).at(-1)!;
    await someAudit(2);

    // Whoever controls the database deletes the newest rows, down to before the anchor.
    await deps.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await deps.db.execute(sql`DELETE FROM audit_log WHERE seq > ${anchored.seq - 2}`);
    await deps.db.execute(sql`ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_update_delete`);

    expect((await verifyChain(deps)).problems).toEqual([]);
    const result = await verifyWithAnchor(deps);
    expect(result.anchorProblems).toEqual([`审计日志比 2026-03-26 的锚点短：锚点记录到第 ${anchored.seq} 条，数据库中只有 ${anchored.seq - 2} 条，尾部被删除`]);

    deps.clock.advance(DAY);
    expect(await periodicWork(deps)).toMatchObject({ anchored: 1, alarms: 1 });
    expect(await secadminInbox()).toEqual([{ title: '审计日志校验失败', kind: 'audit.alarm' }]);
    const [alarm] = await deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'audit.anchor'))
      .orderBy(sql`${auditLog.seq} desc`)
      .limit(1);
    expect(alarm).toMatchObject({ result: 'failure', after: { status: 'failed' } });
  });

  // Several app processes run the periodic work at the same minute; a second session is what another process is, so
  // this runs on PostgreSQL only (PGlite has one connection).
  it.skipIf(!process.env.TEST_DATABASE_URL)('runs in one process at a time: while another holds the run, a tick neither verifies nor anchors', async () => {
    const own = await testDeps();
    try {
      await demoApp(own);
      const day = '2026-03-25';
      const alarm = async () => undefined;
      await own.db.transaction(async (tx) => {
        // Another process's run, in the middle of its verify.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${ANCHOR_LOCK})`);
        expect(await anchorDaily(own, day, alarm)).toEqual({ anchored: 0, alarms: 0 });
      });
      expect(await own.db.select().from(auditAnchors)).toHaveLength(0);
      expect(await readAnchors(own.config)).toEqual([]);
      // Three at once: one anchors, once.
      const runs = await Promise.all([1, 2, 3].map(() => anchorDaily(own, day, alarm)));
      expect(runs.map((r) => r.anchored).sort()).toEqual([0, 0, 1]);
      expect(await readAnchors(own.config)).toHaveLength(1);
      expect(await own.db.select().from(auditLog).where(eq(auditLog.action, 'audit.anchor'))).toHaveLength(1);
    } finally {
      await own.close();
    }
  });

  it('refuses an anchor file whose line was edited', async () => {
    const file = anchorFile(deps.config);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    const last = JSON.parse(lines.at(-1)!) as { seq: number };
    lines[lines.length - 1] = JSON.stringify({ ...last, seq: last.seq - 1 });
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    expect((await verifyWithAnchor(deps)).anchorProblems[0]).toContain('锚点签名不符');
  });
});

describe('where the daily run starts verifying', () => {
  const anchor = { day: '2026-03-25', seq: 120, hash: 'h120', at: '', mac: '' };
  it.each([
    ['the day after a clean anchor: its rows only', { anchor, problems: [] }, '2026-03-26', { seq: 120, hash: 'h120' }],
    ['six days after', { anchor, problems: [] }, '2026-03-31', { seq: 120, hash: 'h120' }],
    ['a week after (the server was down): the whole chain', { anchor, problems: [] }, '2026-04-01', undefined],
    ['a Monday: the whole chain', { anchor, problems: [] }, '2026-03-30', undefined],
    ['no anchor yet: the whole chain', { anchor: null, problems: [] }, '2026-03-26', undefined],
    ['the anchor does not match: the whole chain', { anchor, problems: ['尾部被删除'] }, '2026-03-26', undefined],
  ])('%s', (_, anchored, day, expected) => expect(sinceAnchor(anchored, day)).toEqual(expected));

  it('finds an edit to a row before the last anchor at the next Monday, however long the chain', async () => {
    const own = await testDeps();
    try {
      own.clock.set('2026-03-25T08:30:00+08:00');
      await demoApp(own);
      expect(await periodicWork(own)).toMatchObject({ anchored: 1, alarms: 0 });
      const [old] = await own.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(auditLog.seq).limit(1);
      await own.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
      await own.db.execute(sql`UPDATE audit_log SET reason = '改过' WHERE seq = ${old!.seq}`);
      await own.db.execute(sql`ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_update_delete`);
      // Thursday to Sunday: only the day's rows, after the anchor.
      for (let i = 0; i < 4; i++) {
        own.clock.advance(DAY);
        expect(await periodicWork(own)).toMatchObject({ anchored: 1, alarms: 0 });
      }
      const [quiet] = await own.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'audit.anchor'))
        .orderBy(sql`${auditLog.seq} desc`)
        .limit(1);
      expect((quiet!.after as { verifiedFrom: number }).verifiedFrom).toBeGreaterThan(old!.seq);
      own.clock.advance(DAY);
      expect(await periodicWork(own)).toMatchObject({ anchored: 1, alarms: 1 });
    } finally {
      await own.close();
    }
  });
});
