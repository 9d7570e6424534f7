// The tasks module's use cases, each in its own file (editing, transitions, sheets, progress, detail), and the ledger.
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps } from '../../context.js';
import { authorize } from '../../permissions.js';
import { loadScope } from '../org/scope.js';
import { derivedProgress, reportMissing, statusColour, type StatusColour } from './rules.js';
import * as store from './store.js';
import { todayOf } from './access.js';

// ---- The ledger

export interface LedgerQuery extends Omit<store.TaskFilter, 'scope' | 'overdueOn' | 'unitId'> {
  unitId?: number;
  colour?: StatusColour;
  overdue?: boolean;
  missingReport?: boolean;
  sort?: 'deadline' | '-deadline' | 'updatedAt' | '-updatedAt' | 'percent' | '-percent';
  page: number;
  pageSize: number;
}

async function taskScopeFilter(deps: Deps, actor: Actor) {
  const scope = await loadScope(deps.db, actor);
  return { scope, filter: scope.all ? undefined : { unitIds: [...scope.unitIds], leaderId: actor.leaderId } };
}

// Rows with their colour, missing-report flag and derived progress. The colour rule runs in one place (rules.ts).
export async function ledgerRows(deps: Deps, actor: Actor, q: Omit<LedgerQuery, 'page' | 'pageSize'>) {
  authorize(actor, 'task.read');
  const { filter: scopeFilter } = await taskScopeFilter(deps, actor);
  const today = todayOf(deps);
  const unitIds = q.unitId === undefined ? undefined : [q.unitId];
  const rows = await store.findTasks(deps.db, { ...q, scope: scopeFilter, unitId: unitIds, overdueOn: q.overdue ? today : undefined });
  const ids = rows.map((r) => r.id);
  const [milestones, cooperators, lastReports, signed, children] = await Promise.all([
    store.milestonesOf(deps.db, ids),
    store.cooperatorsOf(deps.db, ids),
    store.lastReportDays(deps.db, ids),
    store.signedAtOf(deps.db, ids),
    store.childrenOf(deps.db, ids),
  ]);
  let items = rows.map((r) => {
    const ms = milestones.filter((m) => m.taskId === r.id);
    const kids = children.filter((c) => c.parentId === r.id);
    const signedAt = signed.get(r.id);
    const lastReport = lastReports.get(r.id);
    const next = ms.find((m) => !m.doneDate);
    const reporting = ['signed', 'in_progress', 'returned'].includes(r.status) && signedAt !== undefined;
    return {
      ...r,
      percent: derivedProgress(kids) ?? r.percent,
      childCount: kids.length,
      colour: statusColour({ status: r.status, deadline: r.deadline, closedOn: r.closedOn, milestones: ms }, today),
      cooperators: cooperators.filter((c) => c.taskId === r.id).map(({ unitId, unitName, part }) => ({ unitId, unitName, part })),
      lastReportAt: lastReport?.toISOString() ?? null,
      reportMissing: reporting && reportMissing({ cadence: r.reportCadence, since: dayOf(signedAt), lastReport: lastReport ? dayOf(lastReport) : null }, today),
      nextMilestone: next ? { name: next.name, dueDate: next.dueDate } : null,
    };
  });
  if (q.colour) items = items.filter((i) => i.colour === q.colour);
  if (q.missingReport) items = items.filter((i) => i.reportMissing);
  if (q.sort) {
    const desc = q.sort.startsWith('-');
    const key = q.sort.replace('-', '') as 'deadline' | 'updatedAt' | 'percent';
    items.sort((a, b) => {
      const av = key === 'updatedAt' ? a.updatedAt.getTime() : a[key];
      const bv = key === 'updatedAt' ? b.updatedAt.getTime() : b[key];
      return (av < bv ? -1 : av > bv ? 1 : a.id - b.id) * (desc ? -1 : 1);
    });
  }
  return items;
}

export type LedgerRow = Awaited<ReturnType<typeof ledgerRows>>[number];

// The colour counts are taken before the colour filter, so each chip shows its own number whichever is chosen.
export async function listLedger(deps: Deps, actor: Actor, q: LedgerQuery) {
  const unfiltered = await ledgerRows(deps, actor, { ...q, colour: undefined });
  const counts = { green: 0, blue: 0, yellow: 0, red: 0, grey: 0 } satisfies Record<StatusColour, number>;
  for (const i of unfiltered) counts[i.colour] += 1;
  const all = q.colour ? unfiltered.filter((i) => i.colour === q.colour) : unfiltered;
  return { total: all.length, counts, items: all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize) };
}

export { availableActions, loadVisibleTask, respondsFor, respondsOrCadre, taskNotFound, todayOf } from './access.js';
export { getTask, taskHistory } from './detail.js';
export { createAssignedTask, createTask, type TaskInput, updateTask } from './editing.js';
export { addReport, type ReportInput } from './progress.js';
export { getSheet, presentSheet } from './sheets.js';
export { transition, type TransitionInput } from './transitions.js';
