import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openPostgres, queryRows } from './client.js';

describe.skipIf(!process.env.TEST_DATABASE_URL)('queries within a transaction (PostgreSQL)', () => {
  // Whether pg's client was handed a query while another was running: what pg deprecates.
  const overlapping: boolean[] = [];
  const original = pg.Client.prototype.query;
  const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client & { _activeQuery: unknown }, ...args: unknown[]) {
    if (typeof args.at(-1) !== 'function') overlapping.push(this._activeQuery !== null && this._activeQuery !== undefined);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original);
  const database = openPostgres(process.env.TEST_DATABASE_URL!, 1); // one client, so every query meets the queue of the one before

  afterAll(async () => {
    await database.close();
    spy.mockRestore();
  });

  it('runs Promise.all over a transaction one query at a time, in order, each with its own answer', async () => {
    const answers = await database.db.transaction((tx) =>
      Promise.all([
        queryRows<{ n: number }>(tx, sql`select 1 as n, pg_sleep(0.05)`),
        queryRows<{ n: number }>(tx, sql`select 2 as n`),
        queryRows<{ n: number }>(tx, sql`select 3 as n, pg_sleep(0.02)`),
        queryRows<{ n: number }>(tx, sql`select 4 as n`),
      ]),
    );
    expect(answers.map(([row]) => row!.n)).toEqual([1, 2, 3, 4]);
    expect(overlapping.length).toBeGreaterThanOrEqual(6); // begin, four queries, commit
    expect(overlapping.filter(Boolean)).toEqual([]);
  });

  it('lets the client go on after a failed query in the queue', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await Promise.all([queryRows(tx, sql`select 1/0`), queryRows(tx, sql`select 1`)]);
      }),
    ).rejects.toThrow();
    const [row] = await queryRows<{ n: number }>(database.db, sql`select 5 as n`);
    expect(row!.n).toBe(5);
  });
});
