// The activity calendar: any ledger's items on the days they fall due (tasks by deadline, study sessions by their
// day), each with its dot colour, within the reader's scope. Every item of the range is returned (no cap).
import { and, asc, eq, gte, inArray, isNull, lte, notInArray } from 'drizzle-orm';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps } from '../../context.js';
import { authorize } from '../../permissions.js';
import { DOT_COLOURS, type CalendarSource, type DotColour } from '../../shared/labels.js';
import { units } from '../org/read.js';
import { loadScope } from '../org/scope.js';
import { sessionDots } from '../study/read.js';
import { taskCooperators, tasks } from '../tasks/read.js';
import { taskDot, viewRange } from './rules.js';

export interface Dot {
  id: number;
  day: string;
  title: string;
  unitName: string;
  colour: DotColour;
  link: string;
}

export async function activityCalendar(deps: Deps, actor: Actor, q: { source: CalendarSource; year: number; month?: number; unitId?: number }) {
  authorize(actor, 'activity.read');
  const today = dayOf(deps.clock.now());
  const { from, to } = viewRange(q.year, q.month);
  const scope = await loadScope(deps.db, actor);
  let unitIds: number[] | null = scope.all ? null : [...scope.unitIds];
  if (q.unitId) unitIds = unitIds === null || unitIds.includes(q.unitId) ? [q.unitId] : [];
  let items: Dot[];
  if (q.source === 'study') {
    const rows = await sessionDots(deps.db, today, { unitIds, from, to });
    items = rows.map((s) => ({ id: s.id, day: s.day, title: s.title, unitName: s.unitName, colour: s.colour, link: `/study/${s.id}` }));
  } else {
    // A unit sees the tasks it leads and those it cooperates on, as in its ledger.
    const mine = unitIds
      ? inArray(
          tasks.id,
          deps.db
            .select({ id: tasks.id })
            .from(tasks)
            .where(inArray(tasks.leadUnitId, unitIds.length ? unitIds : [0]))
            .union(
              deps.db
                .select({ id: taskCooperators.taskId })
                .from(taskCooperators)
                .where(inArray(taskCooperators.unitId, unitIds.length ? unitIds : [0])),
            ),
        )
      : undefined;
    const rows = await deps.db
      .select({ id: tasks.id, title: tasks.title, deadline: tasks.deadline, status: tasks.status, unitName: units.name })
      .from(tasks)
      .innerJoin(units, eq(units.id, tasks.leadUnitId))
      .where(and(isNull(tasks.parentId), notInArray(tasks.status, ['draft', 'cancelled']), gte(tasks.deadline, from), lte(tasks.deadline, to), mine))
      .orderBy(asc(tasks.deadline), asc(tasks.id));
    items = rows.map((t) => ({ id: t.id, day: t.deadline, title: t.title, unitName: t.unitName, colour: taskDot(t, today), link: `/tasks/${t.id}` }));
  }
  const counts = Object.fromEntries(DOT_COLOURS.map((c) => [c, items.filter((i) => i.colour === c).length])) as Record<DotColour, number>;
  return { from, to, today, items, counts };
}
