// 学习台账's read model: sessions between two days with their dot colour (the activity calendar) and a unit's year
// completion (the archive).
import { type Day } from '../../calendar/rules.js';
import type { Db } from '../../db/client.js';
import { completionRate, sessionColour } from './rules.js';
import * as store from './store.js';

export async function sessionDots(db: Db, today: Day, q: { unitIds: number[] | null; from: Day; to: Day }) {
  const rows = await store.sessionsBetween(db, today, store.sessionWhere(q));
  return rows.map((r) => ({ ...r, colour: sessionColour(r, today) }));
}

export async function unitStudyYear(db: Db, today: Day, unitId: number, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const sessions = await sessionDots(db, today, { unitIds: [unitId], from, to });
  const people = (await store.personTallies(db, from, to, unitId)).map((p) => ({ ...p, rate: completionRate(p) }));
  return { sessions, people };
}
