// The records module's read model, for each cadre's record (履责档案, src/modules/dossier) only: the head's monthly
// grades, the quarters' grades and the count of frontline days of a year. A frontline-day count is shown on the record
// and never enters a score or a band: volume is no merit (docs/architecture.md "People's records").
import { and, count, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { CadreGrade } from '../../shared/labels.js';
import { monthsOfQuarter, suggestedGrade } from './rules.js';
import { frontlineDays } from './schema.js';
import * as store from './store.js';

const monthsOf = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
const quartersOf = (year: number) => [1, 2, 3, 4].map((n) => `${year}-Q${n}`);

function byPerson<T extends { personId: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) map.set(r.personId, [...(map.get(r.personId) ?? []), r]);
  return map;
}

export interface QuarterGrade {
  quarter: string;
  grade: CadreGrade;
  confirmed: boolean; // confirmed by the committee; else suggested by the quarter's monthly grades
}

/** The monthly grades and confirmations of a year, and each quarter's standing grade, for the given people (all when omitted). */
export async function yearGrades(db: Db, year: number, personIds?: number[]) {
  const [assessments, confirmations] = await Promise.all([
    store.assessmentsIn(db, monthsOf(year), personIds),
    store.confirmationsIn(db, quartersOf(year), personIds),
  ]);
  const quarters = new Map<number, QuarterGrade[]>();
  // Grouped by person once: everyone's grades of a province's year are 200,000 people's rows.
  const assessed = byPerson(assessments);
  const confirmed = byPerson(confirmations);
  for (const id of new Set([...assessed.keys(), ...confirmed.keys()])) {
    const list: QuarterGrade[] = [];
    for (const quarter of quartersOf(year)) {
      const confirmation = confirmed.get(id)?.find((c) => c.quarter === quarter);
      const months = monthsOfQuarter(quarter);
      const suggested = suggestedGrade((assessed.get(id) ?? []).filter((a) => months.includes(a.month)));
      if (confirmation) list.push({ quarter, grade: confirmation.grade, confirmed: true });
      else if (suggested) list.push({ quarter, grade: suggested, confirmed: false });
    }
    quarters.set(id, list);
  }
  return { assessments, confirmations, quarters };
}

/** How many frontline days a person logged in a year: for display on the record only. */
export async function frontlineDayCount(db: Db, personId: number, year: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(frontlineDays)
    .where(and(eq(frontlineDays.personId, personId), gte(frontlineDays.day, `${year}-01-01`), lte(frontlineDays.day, `${year}-12-31`)));
  return row?.n ?? 0;
}
