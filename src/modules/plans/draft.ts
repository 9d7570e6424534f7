// The draft plan for the meeting, grouped by leader and category, with what changed from the units' own proposals.
import type { Actor, Deps } from '../../context.js';
import { forbidden } from '../../errors.js';
import { authorize } from '../../permissions.js';
import { DECISION_LABELS, ITEM_FIELDS } from './rules.js';
import { planRevisions } from './schema.js';
import * as store from './store.js';
import { loadPeriod, planScope } from './access.js';
import { type ProposalInput, fieldChanges, itemFields, proposalFields } from './fields.js';
import { type CarriedTaskView, carriedTaskViews, carriedWithoutProposal } from './carried.js';

// The proposal as its unit submitted it: before the first edit a leader or the office made after the last submission.
function unitsOwnVersion(p: store.ProposalRow, revisions: { revision: typeof planRevisions.$inferSelect; byUnitId: number | null }[]): ProposalInput {
  const after = p.submittedAt ? revisions.find((r) => r.revision.proposalId === p.id && r.byUnitId !== p.unitId && r.revision.at >= p.submittedAt!) : undefined;
  return after ? (after.revision.before as ProposalInput) : proposalFields(p);
}

export async function draft(deps: Deps, actor: Actor, periodId: number) {
  authorize(actor, 'plan.read');
  const period = await loadPeriod(deps.db, periodId);
  const { wholePlan } = await planScope(deps, actor);
  if (!wholePlan) throw forbidden('汇总稿只供督查室和县领导查看');
  const [items, proposals, n] = await Promise.all([store.itemsOf(deps.db, periodId), store.proposalsOf(deps.db, periodId), store.names(deps.db)]);
  const [revisions, carried, missing] = await Promise.all([
    store.revisionsOf(deps.db, { proposalIds: proposals.map((p) => p.id) }),
    carriedTaskViews(
      deps.db,
      items.map((i) => i.carriedTaskId),
    ),
    carriedWithoutProposal(deps.db, period),
  ]);
  const issued = period.status === 'issued';
  const shown = items.map((item) => ({
    ...item,
    carriedTask: item.carriedTaskId ? (carried.get(item.carriedTaskId) ?? null) : null,
    carriedNote: carriedItemNote(item, item.carriedTaskId ? carried.get(item.carriedTaskId) : undefined, issued),
    leadLeaderName: item.leadLeaderId ? (n.leaders.get(item.leadLeaderId)?.name ?? '') : '',
    leadUnitName: n.units.get(item.leadUnitId) ?? '',
    cooperatingUnitNames: item.cooperatingUnitIds.map((u) => n.units.get(u) ?? ''),
    categoryName: item.categoryId ? (n.categories.get(item.categoryId)?.name ?? '') : '',
    decisionLabel: item.decision ? DECISION_LABELS[item.decision] : '待决定',
    sources: proposals
      .filter((p) => item.sourceProposalIds.includes(p.id))
      .map((p) => {
        const own = { ...unitsOwnVersion(p, revisions), leadUnitId: p.unitId };
        return { proposalId: p.id, unitName: n.units.get(p.unitId) ?? '', late: p.late, changes: fieldChanges(own, itemFields(item), ITEM_FIELDS, n) };
      }),
  }));
  return { period, groups: groupItems(shown, n), carriedWithoutProposal: missing };
}

// Before issue, a carried task that finished will be left out; after issue, a kept item without a task was left out.
// A task that closed after the plan was issued is the month's work done, and needs no note.
function carriedItemNote(item: store.ItemRow, task: CarriedTaskView | undefined, issued: boolean): string | null {
  if (!task?.finishedNote || item.decision === 'dropped') return null;
  if (!issued) return `${task.finishedNote}，印发时不列入`;
  return item.taskId === null ? `${task.finishedNote}，未列入印发` : null;
}

// By 责任领导 in the leaders' order (none last), then by category in its order (none last).
export function groupItems<T extends store.ItemRow>(items: T[], n: store.Names) {
  const rank = (order: number | undefined) => order ?? Number.MAX_SAFE_INTEGER;
  const leaderIds = [...new Set(items.map((i) => i.leadLeaderId))].sort(
    (a, b) => rank(a === null ? undefined : n.leaders.get(a)?.sortOrder) - rank(b === null ? undefined : n.leaders.get(b)?.sortOrder) || (a ?? 0) - (b ?? 0),
  );
  return leaderIds.map((leaderId) => {
    const own = items.filter((i) => i.leadLeaderId === leaderId);
    const leader = leaderId === null ? undefined : n.leaders.get(leaderId);
    const categoryIds = [...new Set(own.map((i) => i.categoryId))].sort(
      (a, b) =>
        rank(a === null ? undefined : n.categories.get(a)?.sortOrder) - rank(b === null ? undefined : n.categories.get(b)?.sortOrder) || (a ?? 0) - (b ?? 0),
    );
    return {
      leaderId,
      leaderName: leader?.name ?? '未定责任领导',
      leaderPosition: leader?.position ?? '',
      categories: categoryIds.map((categoryId) => ({
        categoryId,
        categoryName: categoryId === null ? '其他' : (n.categories.get(categoryId)?.name ?? ''),
        items: own.filter((i) => i.categoryId === categoryId),
      })),
    };
  });
}
