// The board (督办看板) and today's list (今日待办), paged with exact totals.
import { addCalendarDays, dayOf, diffCalendarDays, monthEnd, monthOf, monthStart, startOfDay } from '../../calendar/rules.js';
import type { Actor, Deps } from '../../context.js';
import { authorize, can } from '../../permissions.js';
import { loadScope } from '../org/scope.js';
import { ownerUnitOf, type SheetKind } from '../tasks/read.js';
import { presentSheet } from '../tasks/service.js';
import { boardCounts, boardPage, chasedTasksInUnits, countSheetsToSign, issuedCounts, type Page, sheetsToSign } from './board-store.js';
import { DUE_KIND_LABELS } from './rules.js';
import { chaseContext, chaseStates } from './service.js';

const pageOf = (page: number, pageSize: number): Page => ({ limit: pageSize, offset: (page - 1) * pageSize });

export async function board(
  deps: Deps,
  actor: Actor,
  f: { kind?: SheetKind; unitId?: number; ownerUnitId?: number; unsignedOnly?: boolean; page: number; pageSize: number },
) {
  authorize(actor, 'task.read');
  const scope = await loadScope(deps.db, actor);
  let unitIds = f.unitId === undefined ? undefined : [f.unitId];
  if (!scope.all) unitIds = (unitIds ?? [...scope.unitIds]).filter((u) => scope.unitIds.has(u));
  const today = dayOf(deps.clock.now());
  const owned = scope.all ? null : ownerUnitOf(actor);
  const filter = {
    unitIds,
    kind: f.kind,
    unsignedOnly: f.unsignedOnly,
    ownerUnitId: f.ownerUnitId,
    alsoOwnedBy: f.unitId === undefined ? (owned ?? undefined) : undefined,
  };
  const counts = await boardCounts(deps.db, filter);
  const rows = await boardPage(deps.db, filter, pageOf(f.page, f.pageSize));
  const items = rows.map((r) => ({
    ...presentSheet(r.sheet),
    taskId: r.sheet.taskId,
    taskTitle: r.taskTitle,
    taskStatus: r.taskStatus,
    taskDeadline: r.taskDeadline,
    unitName: r.unitName,
    dueKind: r.sheet.dueKind,
    dueDay: r.sheet.dueDay,
    daysOpen: diffCalendarDays(dayOf(r.sheet.issuedAt), today),
  }));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { total, items, counts, canUrge: can(actor, 'task.manage') };
}

// How many chasing sheets of each kind went out in a month (本月督办单), within the actor's units; default this month.
export async function issuedInMonth(deps: Deps, actor: Actor, period?: string) {
  authorize(actor, 'task.read');
  const scope = await loadScope(deps.db, actor);
  const month = period ?? monthOf(dayOf(deps.clock.now()));
  const from = startOfDay(monthStart(month));
  const to = startOfDay(addCalendarDays(monthEnd(month), 1));
  const counts = await issuedCounts(deps.db, { unitIds: scope.all ? undefined : [...scope.unitIds], from, to });
  return { period: month, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

const DUE_BATCH = 500;

/**
 * What a unit must answer today: sheets waiting for its signature, and due dates that fall today or have passed.
 * The sheets are paged in the database. The due dates follow the working calendar, which SQL cannot see, so every
 * chased task is read in batches and only its open due dates are kept: the total stays exact and memory holds just them.
 */
export async function today(deps: Deps, actor: Actor, q: { toSignPage: number; duePage: number; pageSize: number }) {
  authorize(actor, 'task.read');
  const scope = await loadScope(deps.db, actor);
  const unitIds = scope.all ? undefined : [...scope.unitIds];
  const ctx = await chaseContext(deps);

  const toSignTotal = await countSheetsToSign(deps.db, unitIds);
  const toSign = (await sheetsToSign(deps.db, unitIds, pageOf(q.toSignPage, q.pageSize))).map((r) => ({
    ...presentSheet(r.sheet),
    taskId: r.sheet.taskId,
    taskTitle: r.taskTitle,
  }));

  const due = [];
  let after: { deadline: string; id: number } | null = null;
  for (;;) {
    const rows = await chasedTasksInUnits(deps.db, unitIds, after, DUE_BATCH);
    if (!rows.length) break;
    after = rows.at(-1)!;
    for (const s of await chaseStates(deps.db, rows, ctx)) {
      // Imported history is never chased, so its long-past dates are not today's work either.
      if (s.task.importedHistory) continue;
      for (const d of s.dues) {
        if (d.met || d.day > ctx.today) continue;
        due.push({
          taskId: s.row.id,
          taskTitle: s.row.title,
          kind: d.kind,
          label: DUE_KIND_LABELS[d.kind],
          day: d.day,
          overdueDays: diffCalendarDays(d.day, ctx.today),
        });
      }
    }
  }
  due.sort((a, b) => b.overdueDays - a.overdueDays);
  const { limit, offset } = pageOf(q.duePage, q.pageSize);
  return { today: ctx.today, toSign, toSignTotal, due: due.slice(offset, offset + limit), dueTotal: due.length };
}
