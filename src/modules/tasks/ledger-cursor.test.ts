import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { unitId } from '../../../test/factories.js';
import { addCalendarDays, dayOf } from '../../calendar/rules.js';
import type { Actor } from '../../context.js';
import { AppError } from '../../errors.js';
import { listLedger } from './ledger.js';
import { encodeCursor } from './ledger-cursor.js';
import { LEDGER_SORTS, type LedgerSort } from './ledger-store.js';
import { derivedProgress, TASK_STATUSES, type TaskStatus } from './rules.js';
import { tasks } from './schema.js';

// The ledger's cursor (翻页位置): walking an endless list by nextCursor gives every matching task once, in ledger order,
// for every sort, with many ties on the sort key; a cursor page costs what page 1 costs; a forged cursor is a 400.

let deps: TestDeps;
let app: TestApp;
let office: string;
const TASKS = 130;
const CHILDREN = 40;

interface Made {
  id: number;
  parentId: number | null;
  leadUnitId: number;
  status: TaskStatus;
  deadline: string;
  percent: number;
  // Microseconds since the epoch: the sort compares milliseconds, so several tasks share a key.
  updatedMicros: number;
}
let made: Made[] = [];

const officeActor: Actor = { accountId: 1, username: 'o', displayName: '督查室', roles: ['office'], personId: null, unitId: null, leaderId: null };

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  office = await login(app, 'duchashi');
  const leads = [await unitId(deps.db, 'T01'), await unitId(deps.db, 'T02'), await unitId(deps.db, 'T01V01')];
  const day = dayOf(deps.clock.now());
  const at = new Date();
  const row = (i: number, parentId: number | null) => ({
    title: `游标${i}`,
    source: 'meeting' as const,
    level: 'general' as const,
    leadUnitId: leads[i % 3]!,
    parentId,
    startDate: addCalendarDays(day, -60),
    // Seven deadlines for 170 tasks, eleven percentages: long runs of equal keys.
    deadline: addCalendarDays(day, (i % 7) * 5 - 12),
    period: day.slice(0, 7),
    status: TASK_STATUSES[i % TASK_STATUSES.length]!,
    percent: ((i * 37) % 11) * 10,
    closedOn: TASK_STATUSES[i % TASK_STATUSES.length] === 'closed' ? day : null,
    createdAt: at,
    updatedAt: at,
  });
  const parents = await deps.db
    .insert(tasks)
    .values(Array.from({ length: TASKS }, (_, i) => row(i, null)))
    .returning();
  // Children of the first few tasks: their progress is derived from the children's.
  const children = await deps.db
    .insert(tasks)
    .values(Array.from({ length: CHILDREN }, (_, i) => row(TASKS + i, parents[i % 10]!.id)))
    .returning();
  const all = [...parents, ...children];
  // Update times with microseconds, several in one millisecond (sub-millisecond parts above and below the half).
  const base = Date.parse('2026-03-20T02:00:00.000Z') * 1000;
  made = all.map((t, i) => ({ ...t, updatedMicros: base + (i % 9) * 1000 + ((i * 7) % 4) * 333 }));
  const values = sql.join(
    made.map((m) => sql`(${m.id}::int, ${m.updatedMicros}::bigint)`),
    sql`, `,
  );
  await deps.db.execute(
    sql`update ${tasks} set updated_at = to_timestamp(v.micros / 1000000.0) from (values ${values}) v(id, micros) where ${tasks.id} = v.id`,
  );
});
afterAll(() => deps.close());

// The ledger order worked out here, from the rows as inserted: the sort key, then the id, in the sort's direction.
function expectedOrder(sort: LedgerSort, keep: (m: Made) => boolean = () => true) {
  const key = (m: Made): number | string => {
    if (sort.endsWith('deadline')) return m.deadline;
    if (sort.endsWith('updatedAt')) return Math.floor(m.updatedMicros / 1000);
    return derivedProgress(made.filter((c) => c.parentId === m.id)) ?? m.percent;
  };
  const sign = sort.startsWith('-') ? -1 : 1;
  return made
    .filter(keep)
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      return sign * (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id);
    })
    .map((m) => m.id);
}

async function walk(query: string) {
  const ids: number[] = [];
  let cursor: string | null = null;
  let total = -1;
  for (let pages = 0; pages < 100; pages++) {
    const res = await call(app, office, 'GET', `/api/v1/tasks?${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    total = res.body!.total as number;
    // A cursor is answered only while tasks remain, so no page of a walk is empty.
    expect(res.body!.items).not.toHaveLength(0);
    ids.push(...(res.body!.items as { id: number }[]).map((i) => i.id));
    cursor = res.body!.nextCursor as string | null;
    if (!cursor) return { ids, total };
  }
  throw new Error('the walk did not end');
}

describe('the ledger cursor', () => {
  it.each(LEDGER_SORTS)('walks every task once, in order, sorted by %s', async (sort) => {
    const { ids, total } = await walk(`sort=${sort}&pageSize=13`);
    expect(total).toBe(TASKS + CHILDREN);
    expect(ids).toEqual(expectedOrder(sort));
  });

  it('walks a filtered list too, and the last full page answers no cursor', async () => {
    const t02 = await unitId(deps.db, 'T02');
    const open = ['assigned', 'signed', 'in_progress'];
    const keep = (m: Made) => open.includes(m.status);
    const { ids, total } = await walk(`sort=-percent&pageSize=7&status=${open.join(',')}`);
    expect(ids).toEqual(expectedOrder('-percent', keep));
    expect(total).toBe(ids.length);
    // A page size that divides the total exactly: the last cursor page is full and says it is the last.
    const ofT02 = made.filter((m) => m.leadUnitId === t02).length;
    const size = Array.from({ length: ofT02 }, (_, d) => d).find((d) => d > 1 && d < ofT02 && ofT02 % d === 0)!;
    expect(ofT02 / size).toBeGreaterThan(1);
    const exact = await walk(`unitId=${t02}&leadOnly=true&pageSize=${size}`);
    expect(exact.ids).toEqual(expectedOrder('deadline', (m) => m.leadUnitId === t02));
    const single = await call(app, office, 'GET', `/api/v1/tasks?pageSize=200`);
    expect(single.body!.nextCursor).toBeNull();
  });

  it('a cursor page costs the statements page 1 costs, however deep', async () => {
    const before = deps.statements();
    const first = await listLedger(deps, officeActor, { page: 1, pageSize: 10, sort: 'deadline' });
    const firstStatements = deps.statements() - before;
    let cursor = first.nextCursor!;
    for (let i = 0; i < 10; i++) cursor = (await listLedger(deps, officeActor, { page: 1, pageSize: 10, sort: 'deadline', cursor })).nextCursor!;
    const mark = deps.statements();
    const deep = await listLedger(deps, officeActor, { page: 1, pageSize: 10, sort: 'deadline', cursor });
    expect(deps.statements() - mark).toBe(firstStatements);
    expect(deep.items.map((i) => i.id)).toEqual(expectedOrder('deadline').slice(110, 120));
    expect(deep.total).toBe(TASKS + CHILDREN);
  });

  it('answers a forged or damaged cursor with a 400 in Chinese', async () => {
    const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
    const good = encodeCursor('deadline', { key: '2026-03-20', id: 5 });
    const bad = [
      'not a cursor!',
      '%00',
      b64('{"a":1}'),
      b64('not json'),
      b64(['deadline', '2026-03-20']),
      b64(['percent', '2026-03-20', 5]),
      b64(['deadline', 5, 5]),
      b64(['deadline', '2026-02-30', 5]),
      b64(['deadline', '0000-01-01', 5]),
      b64(['deadline', '2026-03-20', 0]),
      b64(['deadline', '2026-03-20', 2147483648]),
      b64(['deadline', '2026-03-20', 1.5]),
      b64(['deadline', '2026-03-20', '5']),
      b64(['deadline', { $gt: '' }, 5]),
      b64('["deadline", "2026-03-20", 5]'),
      `${good}==`,
      `${good}A`,
      'A'.repeat(201),
    ];
    for (const cursor of bad) {
      const res = await call(app, office, 'GET', `/api/v1/tasks?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status, cursor).toBe(400);
      expect(res.body!.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const forUpdated = (key: unknown) => b64(['updatedAt', key, 5]);
    for (const key of ['2026-03-20T02:00:00Z', '2026-03-20T02:00:00.000+08:00', '+275760-09-13T00:00:00.000Z', '2026-13-01T00:00:00.000Z', 5]) {
      expect((await call(app, office, 'GET', `/api/v1/tasks?sort=updatedAt&cursor=${forUpdated(key)}`)).status).toBe(400);
    }
    for (const key of [2147483648, 0.5, '10', null]) {
      expect((await call(app, office, 'GET', `/api/v1/tasks?sort=percent&cursor=${b64(['percent', key, 5])}`)).status).toBe(400);
    }
    // A cursor is for the sort it was given with, and not with a page number.
    const other = await call(app, office, 'GET', `/api/v1/tasks?sort=-deadline&cursor=${good}`);
    expect(other.status).toBe(400);
    expect(other.body!.error.code).toBe('BAD_CURSOR');
    expect((await call(app, office, 'GET', `/api/v1/tasks?page=2&cursor=${good}`)).status).toBe(400);
    expect((await call(app, office, 'GET', `/api/v1/tasks?cursor=${good}`)).status).toBe(200);
  });

  it('never fails on any cursor: a 400 or a page', async () => {
    const keys = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constant(null),
    );
    const cursors = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.tuple(fc.constantFrom(...LEDGER_SORTS), keys, fc.oneof(fc.integer(), fc.double())).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...LEDGER_SORTS), cursors, async (sort, cursor) => {
        try {
          await listLedger(deps, officeActor, { page: 1, pageSize: 5, sort, cursor });
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).status).toBe(400);
        }
      }),
      { numRuns: 150 },
    );
  });
});
