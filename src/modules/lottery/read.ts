import type { Db } from '../../db/client.js';
import type { ReviewGroup } from '../../shared/labels.js';
import { REVIEW_GROUPS } from '../../shared/labels.js';
import { candidatesOfDraws, findDrawByPeriod } from './store.js';

// The lottery module's read model for the monthly review and the meeting pages, and its draws table for names.
export { lotteryDraws } from './schema.js';

export interface DrawnUnit {
  unitId: number;
  unitName: string;
  group: ReviewGroup;
  // 1-based order in which the unit was drawn within its group.
  order: number;
}

/** The units drawn to report at the meeting of `period` (YYYY-MM); empty while that month has not been drawn. */
export async function drawnUnits(db: Db, period: string): Promise<DrawnUnit[]> {
  const draw = await findDrawByPeriod(db, period);
  if (!draw || draw.state !== 'drawn' || !draw.result) return [];
  const names = new Map((await candidatesOfDraws(db, [draw.id])).map((c) => [c.unitId, c.unitName]));
  return REVIEW_GROUPS.flatMap((group) => (draw.result![group] ?? []).map((unitId, i) => ({ unitId, unitName: names.get(unitId) ?? '', group, order: i + 1 })));
}
