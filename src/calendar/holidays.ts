// The national arrangement (State Council notices) as published in chinese-days.
// We read its data file rather than call its functions: they parse dates in the process time zone,
// and we also need to know which years the data covers.
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

type NationalKind = 'off' | 'work';

// Keys are 'YYYY-MM-DD'; values look like "Spring Festival,春节,4".
const holidays: Record<string, string> = data.holidays;
const workdays: Record<string, string> = data.workdays;

/** Years for which chinese-days carries the State Council notice. */
export const NATIONAL_YEARS: ReadonlySet<number> = new Set(Object.keys(holidays).map((day) => Number(day.slice(0, 4))));

/** 'off' for a public holiday, 'work' for an adjusted working day (调休上班), undefined for an ordinary day. */
export function nationalKind(day: string): NationalKind | undefined {
  if (workdays[day] !== undefined) return 'work';
  if (holidays[day] !== undefined) return 'off';
  return undefined;
}

/** The holiday's Chinese name ('春节'), for public holidays and adjusted working days alike; '' otherwise. */
export function nationalName(day: string): string {
  return (workdays[day] ?? holidays[day])?.split(',')[1] ?? '';
}
