// 绩效自评's read model for the archive: a unit's self-assessment of a year with its gap, as the page shows it.
import type { Db } from '../../db/client.js';
import { gapOf, mergeLines } from './rules.js';
import { findOne } from './store.js';

export async function unitSelfAssessment(db: Db, unitId: number, period: string) {
  const row = await findOne(db, unitId, period);
  if (!row) return null;
  const items = mergeLines(row.items, () => ({}));
  return { status: row.status, items, gap: gapOf(items), ratedByName: row.ratedByName };
}
