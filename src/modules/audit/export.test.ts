import { desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Who } from '../../context.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { AUDIT_EXPORT_HEADERS, csvLine, exportAudit } from './export.js';
import { MASK } from './mask.js';
import { auditLog } from './schema.js';
import { auditBatches, recordAudit, verifyChain } from './service.js';

const auditor: Actor = { accountId: 3, username: 'shenji', displayName: '审计管理员', roles: ['auditadmin'], personId: null, unitId: null, leaderId: null };
const who: Who & { actor: Actor } = { actor: auditor, meta: { requestId: 'export', ip: '10.0.0.3', userAgent: 'test' } };
const office: Actor = { ...auditor, accountId: 4, username: 'duchashi', roles: ['office'] };

let deps: TestDeps;
beforeAll(async () => {
  deps = await testDeps();
  for (let i = 0; i < 20; i++) {
    await deps.db.transaction((tx) =>
      recordAudit(
        tx,
        deps,
        { ...who, meta: { ...who.meta, requestId: `r${i}` } },
        {
          action: 'task.update',
          targetType: 'task',
          targetId: i,
          before: { taskId: i, title: '旧标题' },
          after: { taskId: i, title: `机密事项${i}`, status: 'signed' },
          reason: '业务原因',
        },
      ),
    );
  }
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, who, { action: 'auth.login', targetType: 'account', targetId: 9, result: 'failure', reason: '=HYPERLINK("http://x")' }),
  );
});
afterAll(() => deps?.close());

const read = (stream: ReadableStream<Uint8Array>) => new Response(stream).arrayBuffer();

describe('the audit admin exports the audit log', () => {
  it('pages in SQL by seq without a cap: small batches give every entry once, newest first', async () => {
    const seqs: number[] = [];
    for await (const rows of auditBatches(deps.db, {}, 7)) seqs.push(...rows.map((r) => r.seq));
    const total = (await deps.db.select({ seq: auditLog.seq }).from(auditLog)).length;
    expect(seqs).toEqual(Array.from({ length: total }, (_v, i) => total - i));
    const failures: number[] = [];
    for await (const rows of auditBatches(deps.db, { result: 'failure' }, 7)) failures.push(...rows.map((r) => r.seq));
    expect(failures).toEqual([21]);
  });

  it('CSV: every entry, business values masked as on the page, security entries in full, formulas kept as text, the export audited', async () => {
    const file = await exportAudit(deps, who, {}, 'csv');
    const text = Buffer.from(await read(file.stream)).toString('utf8');
    expect(file.disposition).toContain('.csv');
    expect(text.startsWith(`\uFEFF${csvLine(AUDIT_EXPORT_HEADERS)}`)).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 21);
    expect(text).not.toContain('机密事项');
    expect(text).not.toContain('业务原因');
    expect(text).toContain(`"{""title"":""${MASK}"",""status"":""signed"",""taskId"":19}"`);
    // jsonb orders keys by length. A value a spreadsheet would run as a formula stays text.
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    const [last] = await deps.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(last).toMatchObject({
      action: 'audit.export',
      actorId: auditor.accountId,
      targetType: 'audit_log',
      targetId: 'csv',
      after: { format: 'csv', count: 21 },
    });
    expect((await verifyChain(deps)).problems).toEqual([]);
  });

  it('Excel: a sheet with the same columns and rows, filtered like the page', async () => {
    const file = await exportAudit(deps, who, { action: 'task.' }, 'xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await read(file.stream));
    const sheet = book.getWorksheet('审计日志')!;
    expect(sheet.getRow(2).values).toEqual([undefined, ...AUDIT_EXPORT_HEADERS]);
    const rows = sheet.getRows(3, sheet.rowCount - 2)!.map((r) => r.getCell(1).value);
    expect(rows).toEqual(Array.from({ length: 20 }, (_v, i) => String(20 - i)));
    expect(sheet.getRow(3).getCell(11).value).toBe(`{"title":"${MASK}","status":"signed","taskId":19}`);
    const exports = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'audit.export'));
    expect(exports.at(-1)!.after).toEqual({ filters: { action: 'task.' }, format: 'xlsx', count: 20 });
  });

  it('is the audit admin’s alone', async () => {
    await expect(exportAudit(deps, { ...who, actor: office }, {}, 'csv')).rejects.toMatchObject({ status: 403 });
  });
});
