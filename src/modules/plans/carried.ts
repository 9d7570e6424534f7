// Carried tasks (挂单) in the next month's plan: each enters only through its lead unit's proposal, pre-filled as a
// draft; the office sees which have no approved proposal, and every proposal and item shows its task's state.
import type { Db } from '../../db/client.js';
import { indicatorsOf, type TaskRow } from '../tasks/read.js';
import { STATUS_LABELS } from '../tasks/rules.js';
import { carriedTaskFinishedNote, PROPOSAL_STATUS_LABELS, type ProposalStatus } from './rules.js';
import { planProposals } from './schema.js';
import * as store from './store.js';

// The task as a draft of its lead unit, to be confirmed with a timetable for the new month.
export async function prefillCarriedProposal(tx: Db, periodId: number, task: TaskRow, createdBy: number | null, now: Date) {
  const [row] = await tx
    .insert(planProposals)
    .values({
      periodId,
      unitId: task.leadUnitId,
      title: task.title,
      measures: task.description,
      milestones: await store.openMilestonesOf(tx, task.id),
      standard: task.standard,
      deadline: task.deadline,
      categoryId: task.categoryId,
      leadLeaderId: task.leadLeaderId,
      cooperatingUnitIds: await store.cooperatingUnitIdsOf(tx, task.id),
      responsiblePersonId: task.responsiblePersonId,
      responsibleName: task.responsibleName,
      responsiblePhone: task.responsiblePhone,
      indicators: (await indicatorsOf(tx, task.id)).map((i) => ({ name: i.name, target: i.target, unitOfMeasure: i.unitOfMeasure })),
      level: task.level,
      reportCadence: task.reportCadence,
      evidenceRequired: task.evidenceRequired,
      carriedTaskId: task.id,
      createdBy,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

export interface CarriedTaskView {
  id: number;
  status: TaskRow['status'];
  statusLabel: string;
  percent: number;
  closedOn: string | null;
  // Set when the task closed or was cancelled: '已于4月20日销号'.
  finishedNote: string | null;
}

// The current state of each carried task named, by task id.
export async function carriedTaskViews(db: Db, taskIds: (number | null)[]) {
  const ids = [...new Set(taskIds.filter((id): id is number => id !== null))];
  const states = await store.taskStates(db, ids);
  return new Map(
    [...states].map(([id, s]): [number, CarriedTaskView] => [
      id,
      { id, status: s.status, statusLabel: STATUS_LABELS[s.status], percent: s.percent, closedOn: s.closedOn, finishedNote: carriedTaskFinishedNote(s) },
    ]),
  );
}

export interface CarriedWithoutProposal {
  taskId: number;
  title: string;
  leadUnitId: number;
  leadUnitName: string;
  // The task's proposal in this plan and where it stands, when there is one.
  proposalId: number | null;
  proposalStatus: ProposalStatus | null;
  proposalStatusLabel: string;
  withdrawReason: string;
}

// The open tasks carried into a monthly plan that neither an approved proposal nor an item of the draft takes up:
// the office is told, never adds them silently.
export async function carriedWithoutProposal(db: Db, period: store.PeriodRow): Promise<CarriedWithoutProposal[]> {
  if (period.kind !== 'monthly') return [];
  const [carried, proposals, items, n] = await Promise.all([
    store.tasksCarriedInto(db, period.period),
    store.proposalsOf(db, period.id),
    store.itemsOf(db, period.id),
    store.names(db),
  ]);
  const taken = new Set([
    ...items.flatMap((i) => (i.carriedTaskId ? [i.carriedTaskId] : [])),
    ...proposals.filter((p) => p.status === 'approved' && p.carriedTaskId).map((p) => p.carriedTaskId!),
  ]);
  return carried
    .filter(({ task }) => !taken.has(task.id))
    .map(({ task }) => {
      const p = proposals.filter((x) => x.carriedTaskId === task.id).at(-1);
      return {
        taskId: task.id,
        title: task.title,
        leadUnitId: task.leadUnitId,
        leadUnitName: n.units.get(task.leadUnitId) ?? '',
        proposalId: p?.id ?? null,
        proposalStatus: p?.status ?? null,
        proposalStatusLabel: p ? PROPOSAL_STATUS_LABELS[p.status] : '未申报',
        withdrawReason: p?.withdrawReason ?? '',
      };
    });
}
