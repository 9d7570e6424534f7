// The activity calendar's colour of a task (seed 004's red / blue / green): green once closed, red when its deadline
// has passed without it, blue otherwise (under way, or not yet due). Pure: `today` is a parameter.
import type { Day } from '../../calendar/rules.js';
import type { DotColour, TaskStatus } from '../../shared/labels.js';

export function taskDot(t: { status: TaskStatus; deadline: Day }, today: Day): DotColour {
  if (t.status === 'closed') return 'green';
  return t.deadline < today ? 'red' : 'blue';
}

/** The days a calendar view covers: one month ('2026-04') or a whole year ('2026'). */
export function viewRange(year: number, month: number | undefined): { from: Day; to: Day } {
  if (!month) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const m = String(month).padStart(2, '0');
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${year}-${m}-01`, to: `${year}-${m}-${String(last).padStart(2, '0')}` };
}
