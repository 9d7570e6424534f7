// The plan's Word document, written while its items are read in batches: every item once, in the document's order,
// with its units; an empty plan; text escaped; and the reading held back while the client does not read.
import { PassThrough } from 'node:stream';
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { unzipEntry } from '../../../test/zip.js';
import type { Actor } from '../../context.js';
import { chineseDay } from '../../format.js';
import { authenticate } from '../auth/service.js';
import { leaders } from '../org/schema.js';
import { taskCategories, tasks } from '../tasks/schema.js';
import { groupItems } from './draft.js';
import { writePlanDocx, type PlanDocRow } from './plan-docx.js';
import { planItems, planPeriods } from './schema.js';
import { documentOf } from './service.js';
import * as store from './store.js';

let deps: TestDeps;
let app: TestApp;
let office: string;
let officeActor: Actor;
const plan: Record<'draft' | 'issued' | 'empty', number> = { draft: 0, issued: 0, empty: 0 };

const TRICKY = '推进<城关>街道“雨污分流”&管网改造';

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  office = await login(app, 'duchashi');
  officeActor = (await authenticate(deps, office.split('=')[1]!, { passive: true })).actor;
  const units = await Promise.all(['T01', 'T02', 'T03', 'D005'].map((c) => unitId(deps.db, c)));
  const someLeaders = await deps.db.select({ id: leaders.id }).from(leaders).orderBy(asc(leaders.id)).limit(3);
  const categories = await deps.db.select({ id: taskCategories.id }).from(taskCategories).orderBy(asc(taskCategories.id)).limit(2);
  // Leaders' and categories' own order differs from their ids', so the document's order is not the insertion order.
  for (const [i, l] of someLeaders.entries())
    await deps.db
      .update(leaders)
      .set({ sortOrder: 30 - i * 10 })
      .where(eq(leaders.id, l.id));
  for (const [i, c] of categories.entries())
    await deps.db
      .update(taskCategories)
      .set({ sortOrder: 20 - i * 10 })
      .where(eq(taskCategories.id, c.id));
  const task = async () => (await call(app, office, 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: units[0]! }))).body!.id as number;
  const [closed, open] = [await task(), await task()];
  // A carried task closed before issue.
  await deps.db.update(tasks).set({ status: 'closed', closedOn: '2029-12-20' }).where(eq(tasks.id, closed!));
  const now = deps.clock.now();
  const period = async (month: string, status: 'meeting' | 'issued') => {
    const [row] = await deps.db
      .insert(planPeriods)
      .values({
        kind: 'monthly',
        period: month,
        title: `示范县${month.slice(0, 4)}年${Number(month.slice(5))}月重点工作安排`,
        status,
        proposeBy: `${month}-01`,
        reviewBy: `${month}-01`,
        consolidateBy: `${month}-01`,
        meetingOn: `${month}-01`,
        documentNumber: status === 'issued' ? '示办〔2030〕3号' : null,
        issuedAt: status === 'issued' ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: planPeriods.id });
    return row!.id;
  };
  plan.draft = await period('2030-01', 'meeting');
  plan.issued = await period('2030-02', 'issued');
  plan.empty = await period('2030-03', 'meeting');
  // 24 items over three leaders and none, two categories and none, in a sort order that runs against the ids.
  for (const periodId of [plan.draft, plan.issued]) {
    for (let n = 0; n < 24; n++) {
      const issued = periodId === plan.issued;
      const dropped = n % 7 === 3;
      await deps.db.insert(planItems).values({
        periodId,
        origin: 'proposal',
        title: n === 5 ? TRICKY : `第${n}项：${['城关', '东城', '西城'][n % 3]}街道重点工作`,
        measures: n % 2 ? `措施一（${n}）\n措施二` : '',
        standard: n % 4 ? `标准${n}` : '',
        deadline: n % 5 ? '2030-01-28' : '2031-02-03',
        leadLeaderId: n % 4 === 3 ? null : someLeaders[n % 3]!.id,
        categoryId: n % 3 === 2 ? null : categories[n % 2]!.id,
        leadUnitId: units[n % 4]!,
        cooperatingUnitIds: n % 3 ? [units[(n + 1) % 4]!, units[(n + 2) % 4]!] : [],
        // Before issue: a finished carried task leaves its item out, an open one keeps it.
        carriedTaskId: n === 8 ? closed : n === 9 ? open : null,
        decision: dropped ? 'dropped' : n % 5 === 4 && !issued ? null : 'approved',
        taskId: issued && !dropped ? open : null,
        sortOrder: 100 - n,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
});
afterAll(() => deps.close());

// The document's items as the plan module grouped them before streaming (draft.ts groupItems over itemsOf), flat.
async function expectedItems(periodId: number) {
  const [period] = await deps.db.select().from(planPeriods).where(eq(planPeriods.id, periodId));
  const items = await store.itemsOf(deps.db, periodId);
  const finished = new Set(
    (
      await deps.db
        .select({ id: tasks.id })
        .from(tasks)
        .where(inArray(tasks.status, ['closed', 'cancelled']))
    ).map((t) => t.id),
  );
  const kept = items.filter((i) =>
    period!.status === 'issued'
      ? (i.decision === 'approved' || i.decision === 'amended') && i.taskId !== null
      : i.decision !== 'dropped' && !(i.carriedTaskId !== null && finished.has(i.carriedTaskId)),
  );
  const names = await store.names(deps.db);
  return groupItems(kept, names).flatMap((g) =>
    g.categories.flatMap((c) =>
      c.items.map((i, k) => ({
        ...i,
        leader: g.leaderPosition ? `${g.leaderName}\n（${g.leaderPosition}）` : g.leaderName,
        firstOfLeader: c === g.categories[0] && k === 0,
        unitNames: [i.leadUnitId, ...i.cooperatingUnitIds].map((u) => names.units.get(u)!),
      })),
    ),
  );
}

const unescapeXml = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);

// The table's rows, each a list of its cells' texts (a cell's paragraphs joined by line breaks).
function tableRows(xml: string): string[][] {
  const table = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
  const all = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!);
  return all(table, /<w:tr>(.*?)<\/w:tr>/g).map((tr) =>
    all(tr, /<w:tc>(.*?)<\/w:tc>/g).map((tc) =>
      all(tc, /<w:p>(.*?)<\/w:p>/g)
        .map((p) =>
          all(p, /<w:t[^>]*>(.*?)<\/w:t>/g)
            .map(unescapeXml)
            .join(''),
        )
        .join('\n'),
    ),
  );
}

async function documentXml(periodId: number) {
  const res = await app.request(`/api/v1/plans/${periodId}/document`, { headers: { cookie: office } });
  expect(res.status).toBe(200);
  return unzipEntry(Buffer.from(await res.arrayBuffer()), 'word/document.xml')!;
}

describe('the plan document, streamed', () => {
  it.each(['draft', 'issued'] as const)('the %s lists every item once, in order, with its leader, units, deadline and standard', async (which) => {
    const expected = await expectedItems(plan[which]);
    // The fixture's order is not the items' ids' nor their sort order's: the grouping decides it.
    expect(expected.length).toBeGreaterThan(12);
    expect(expected.map((i) => i.id)).not.toEqual(expected.map((i) => i.id).sort((a, b) => a - b));
    const xml = await documentXml(plan[which]);
    const [header, ...rows] = tableRows(xml);
    expect(header).toEqual(['序号', '工作任务', '责任领导', '责任单位', '完成时限', '工作标准']);
    expect(rows).toEqual(
      expected.map((i, n) => {
        const [lead, ...others] = i.unitNames;
        return [
          String(n + 1),
          [i.title, ...(i.measures ? [i.measures] : [])].join('\n'),
          i.firstOfLeader ? i.leader : '',
          others.length ? [`${lead}（牵头）`, ...others].join('\n') : lead,
          i.deadline.startsWith('2030-') ? chineseDay(i.deadline).slice(5) : chineseDay(i.deadline),
          i.standard || ' ',
        ];
      }),
    );
    // The leader's cell spans the leader's rows: merged from its first row when it has more than one.
    const sizes = [...new Set(expected.map((i) => i.leadLeaderId))].map((l) => expected.filter((i) => i.leadLeaderId === l).length);
    expect(sizes.length).toBeGreaterThan(2);
    expect(xml.split('<w:vMerge w:val="restart"/>').length - 1).toBe(sizes.filter((n) => n > 1).length);
    expect(xml.split('<w:vMerge w:val="continue"/>').length - 1).toBe(expected.length - sizes.length);
  });

  it('read in batches of two, the items come in the same order as in one read, each batch at most two', async () => {
    for (const periodId of [plan.draft, plan.issued]) {
      const expected = (await expectedItems(periodId)).map((i) => i.id);
      const { batches } = await documentOf(deps, officeActor, periodId, 2);
      const read: number[][] = [];
      for await (const batch of batches) read.push(batch.map((i) => i.id));
      expect(read.every((b) => b.length <= 2)).toBe(true);
      expect(read.flat()).toEqual(expected);
    }
  });

  it('escapes the markup characters of the text: the XML keeps entities, the reader gets the text back', async () => {
    const xml = await documentXml(plan.draft);
    expect(xml).toContain('推进&lt;城关&gt;街道“雨污分流”&amp;管网改造');
    expect(xml).not.toContain('<城关>');
    expect(tableRows(xml).map((r) => r[1]!.split('\n')[0])).toContain(TRICKY);
  });

  it('an empty plan is a document saying it has no items, with the header row', async () => {
    const xml = await documentXml(plan.empty);
    expect(xml).toContain('示范县2030年3月重点工作安排');
    expect(xml).toContain('（送审稿）');
    expect(tableRows(xml)).toEqual([['序号', '工作任务', '责任领导', '责任单位', '完成时限', '工作标准'], ['本期无重点工作安排']]);
  });
});

describe('writing the document', () => {
  const frame = { title: '示范县2030年1月重点工作安排', year: '2030', documentNumber: null, issuedOn: null, intro: '经研究……' };
  const rowsOf = (batch: number): PlanDocRow[] =>
    Array.from({ length: 50 }, (_, i) => ({
      leaderId: batch,
      leader: `领导${batch}`,
      leaderRows: 50,
      title: `第${batch}批第${i}项：${'推进重点工作'.repeat(1 + ((batch * 7 + i) % 5))}`,
      measures: `措施${batch * 50 + i}`,
      units: [`单位${i}`],
      deadline: '2030-01-28',
      standard: `标准${(batch * 31 + i) % 97}`,
    }));

  it('reads the next batch only as the client takes the file: a client that stops reading stops the reading', async () => {
    const total = 1000; // 50,000 rows: built whole, far more than the stream holds
    let pulled = 0;
    const batches = (async function* () {
      for (let b = 0; b < total; b++) {
        pulled += 1;
        yield rowsOf(b);
      }
    })();
    const out = new PassThrough();
    const writing = writePlanDocx(out, frame, batches);
    const settled = () => new Promise((r) => setTimeout(r, 100));
    await settled();
    const stalled = pulled;
    await settled();
    // Nobody reads: after the stream's buffers fill, the writer waits and reads nothing more.
    expect(pulled).toBe(stalled);
    expect(stalled).toBeLessThan(50);
    // The client goes away: the writing ends without reading the rest.
    out.destroy(new Error('client gone'));
    await expect(writing).rejects.toThrow('client gone');
    expect(pulled).toBe(stalled);
  });

  it('a client that reads gets every row of every batch', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((r) => out.on('end', r));
    const count = await writePlanDocx(
      out,
      frame,
      (async function* () {
        for (let b = 0; b < 20; b++) yield rowsOf(b);
      })(),
    );
    await ended;
    expect(count).toBe(1000);
    const rows = tableRows(unzipEntry(Buffer.concat(chunks), 'word/document.xml')!).slice(1);
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 1000 }, (_, i) => String(i + 1)));
    expect(rows.map((r) => r[1])).toEqual(Array.from({ length: 20 }, (_, b) => rowsOf(b).map((r) => `${r.title}\n${r.measures}`)).flat());
    // Each batch is one leader here: the leader's name opens its rows, the merged cell below it is empty.
    expect(rows.filter((r) => r[2] !== '').map((r) => r[2])).toEqual(Array.from({ length: 20 }, (_, b) => `领导${b}`));
  });
});
