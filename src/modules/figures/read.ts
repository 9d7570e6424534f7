// The figures module's read model for other modules (the monthly review): a month's counts per lead unit, from the
// frozen snapshot when there is one, else counted now by the same rule (in SQL, store.ts monthUnitCounts).
import type { Db } from '../../db/client.js';
import * as store from './store.js';

export { taskCounts, withRates, type Counts, type Figures } from './rules.js';

export async function monthCounts(db: Db, month: string, today: string) {
  const freeze = await store.findFreeze(db, month);
  const rows = freeze ? await store.frozenFigures(db, month) : await store.monthUnitCounts(db, month, today);
  return { frozen: freeze !== undefined, frozenAt: freeze?.frozenAt ?? null, rows };
}
