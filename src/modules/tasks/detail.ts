// One task as its page shows it, and its timeline.
import type { Actor, Deps } from '../../context.js';
import { can } from '../../permissions.js';
import { checkTransition, derivedProgress, REPORTING_STATUSES, statusColour } from './rules.js';
import * as store from './store.js';
import { availableActions, loadVisibleTask, respondsFor, respondsOrCadre, todayOf } from './access.js';
import { presentSheet } from './sheets.js';
import { partsView } from './parts.js';

export async function getTask(deps: Deps, actor: Actor, id: number) {
  const { task, scope, cooperators } = await loadVisibleTask(deps, actor, id);
  const [view, milestones, indicators, reports, files, sheets, children] = await Promise.all([
    store.findTaskView(deps.db, id),
    store.milestonesOf(deps.db, [id]),
    store.indicatorsOf(deps.db, id),
    store.reportsOf(deps.db, id),
    store.attachmentsOf(deps.db, id),
    store.sheetsOf(deps.db, id),
    store.childTasksOf(deps.db, id),
  ]);
  const today = todayOf(deps);
  const parts = (await partsView(deps.db, actor, scope, task, today)).map((p) => ({
    ...p,
    reports: p.reports.map((r) => ({ ...r, attachments: files.filter((f) => f.partReportId === r.id).map(presentFile) })),
  }));
  return {
    ...view!,
    description: task.description,
    standard: task.standard,
    responsiblePersonId: task.responsiblePersonId,
    suspendedFrom: task.suspendedFrom,
    evidenceRequired: task.evidenceRequired,
    importedHistory: task.importedHistory,
    closedLate: task.closedLate,
    percent: derivedProgress(children) ?? task.percent,
    colour: statusColour({ status: task.status, deadline: task.deadline, closedOn: task.closedOn, milestones, partsDue: task.partsDue }, today),
    cooperators: cooperators.map(({ unitId, unitName, part }) => ({ unitId, unitName, part })),
    parts,
    latePartUnits: parts.filter((p) => p.late).map((p) => p.unitName),
    canSetParts:
      (can(actor, 'task.manage') || respondsFor(actor, scope, task.leadUnitId)) && !['closed', 'cancelled', 'closing_requested'].includes(task.status),
    milestones: milestones.map(({ taskId: _t, ...m }) => m),
    indicators: indicators.map(({ taskId: _t, ...i }) => i),
    reports: reports.map((r) => ({ ...r, reportedAt: r.reportedAt.toISOString(), attachments: files.filter((f) => f.reportId === r.id).map(presentFile) })),
    attachments: files.map(presentFile),
    sheets: sheets.map(presentSheet),
    children: children.map((c) => ({ id: c.id, title: c.title, leadUnitName: c.leadUnitName, status: c.status, percent: c.percent, deadline: c.deadline })),
    actions: availableActions(actor, scope, task),
    canEdit: can(actor, 'task.manage') && !['closed', 'cancelled'].includes(task.status),
    canReport: can(actor, 'task.report') && respondsOrCadre(actor, scope, task.leadUnitId) && REPORTING_STATUSES.includes(task.status),
    canDecompose: ['assigned', 'signed', 'in_progress'].includes(task.status) && (can(actor, 'task.manage') || respondsFor(actor, scope, task.leadUnitId)),
    // Filed through POST /tasks/{id}/closing-requests, not as an action.
    canRequestClosing: respondsFor(actor, scope, task.leadUnitId) && checkTransition('request_closing', task.status, task.suspendedFrom).ok,
  };
}

const presentFile = (f: Awaited<ReturnType<typeof store.attachmentsOf>>[number]) => ({
  id: f.id,
  reportId: f.reportId,
  partReportId: f.partReportId,
  fileName: f.fileName,
  mime: f.mime,
  size: f.size,
  hasThumbnail: f.thumbnailKey !== null,
  uploadedAt: f.uploadedAt.toISOString(),
});

export async function taskHistory(deps: Deps, actor: Actor, id: number) {
  await loadVisibleTask(deps, actor, id);
  const events = await store.eventsOf(deps.db, id);
  return events.map((e) => ({ ...e, at: e.at.toISOString() }));
}
