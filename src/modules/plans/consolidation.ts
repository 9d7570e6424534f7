// Consolidation (专职汇总): the office turns approved proposals into plan items, edits, merges and splits them.
import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from '../../permissions.js';
import { ITEM_FIELDS, itemsEditable, PLAN_STATUS_LABELS, RESPONSIBILITY_FIELDS } from './rules.js';
import { planItems, planRevisions } from './schema.js';
import * as store from './store.js';
import { type Acting, itemNotFound, loadPeriod, lockPeriod, stale } from './access.js';
import { type ItemInput, checkContent, itemFields, pick } from './fields.js';
import { carriedWithoutProposal } from './carried.js';

function assertItemsEditable(period: store.PeriodRow) {
  if (!itemsEditable(period.status)) throw conflict('PLAN_STEP', `计划当前为“${PLAN_STATUS_LABELS[period.status]}”，不能修改汇总稿`);
}

// Each approved proposal (a carried task's too: it enters only through its unit's proposal) becomes one item. Carried
// tasks that no approved proposal takes up are reported, never added silently.
export async function consolidate(deps: Deps, who: Acting, periodId: number) {
  authorize(who.actor, 'plan.manage');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    // Serialises two runs, so each approved proposal joins the draft once.
    const period = await lockPeriod(tx, periodId, 'update');
    if (period.status !== 'consolidating') throw conflict('PLAN_STEP', `计划当前为“${PLAN_STATUS_LABELS[period.status]}”，只有在“督查室汇总”阶段才能汇总`);
    const existing = await store.itemsOf(tx, periodId);
    const usedProposals = new Set(existing.flatMap((i) => i.sourceProposalIds));
    const usedTasks = new Set(existing.flatMap((i) => (i.carriedTaskId ? [i.carriedTaskId] : [])));
    // A carried task already in the draft (e.g. through an earlier proposal since merged) is not added twice.
    const approved = (await store.proposalsOf(tx, periodId)).filter(
      (p) => p.status === 'approved' && !usedProposals.has(p.id) && !(p.carriedTaskId && usedTasks.has(p.carriedTaskId)),
    );
    let sortOrder = await store.nextSortOrder(tx, periodId);
    const created: number[] = [];
    for (const p of approved) {
      // Without a named leader, the item goes to the leader in charge of the unit.
      const leadLeaderId = p.leadLeaderId ?? (await store.leadersInCharge(tx, p.unitId))[0]?.id ?? null;
      const [row] = await tx
        .insert(planItems)
        .values({
          origin: 'proposal',
          sourceProposalIds: [p.id],
          ...pick(p, [
            'title',
            'measures',
            'milestones',
            'standard',
            'deadline',
            'categoryId',
            'cooperatingUnitIds',
            'carriedTaskId',
            ...RESPONSIBILITY_FIELDS,
          ]),
          leadLeaderId,
          leadUnitId: p.unitId,
          periodId,
          sortOrder,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: planItems.id });
      sortOrder += 10;
      created.push(row!.id);
      if (p.carriedTaskId) usedTasks.add(p.carriedTaskId);
    }
    const missing = await carriedWithoutProposal(tx, period);
    await recordAudit(tx, deps, who, {
      action: 'plan.consolidate',
      targetType: 'plan',
      targetId: periodId,
      after: { created, carriedWithoutProposal: missing.map((m) => m.taskId) },
    });
    return { created, carriedWithoutProposal: missing };
  });
}

export async function loadItem(db: Db, id: number) {
  const item = await store.findItem(db, id);
  if (!item) throw itemNotFound();
  return { item, period: await loadPeriod(db, item.periodId) };
}

export async function createItem(deps: Deps, who: Acting, periodId: number, input: ItemInput) {
  authorize(who.actor, 'plan.manage');
  const period = await loadPeriod(deps.db, periodId);
  assertItemsEditable(period);
  await checkContent(deps.db, period, input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    assertItemsEditable(await lockPeriod(tx, periodId, 'share'));
    const [row] = await tx
      .insert(planItems)
      .values({ ...input, periodId, origin: 'leader_assigned', sortOrder: await store.nextSortOrder(tx, periodId), createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, deps, who, { action: 'plan.item_create', targetType: 'plan_item', targetId: row!.id, after: row });
    return row!;
  });
}

export const patchOf = (patch: Partial<ItemInput>) =>
  pick(
    patch,
    ITEM_FIELDS.filter((f) => patch[f] !== undefined),
  );

export async function updateItem(deps: Deps, who: Acting, id: number, patch: Partial<ItemInput> & { version: number; reason?: string }) {
  authorize(who.actor, 'plan.manage');
  const { item, period } = await loadItem(deps.db, id);
  assertItemsEditable(period);
  const before = itemFields(item);
  const after = { ...before, ...patchOf(patch) };
  await checkContent(deps.db, period, after);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    assertItemsEditable(await lockPeriod(tx, period.id, 'share'));
    const [row] = await tx
      .update(planItems)
      .set({ ...after, version: patch.version + 1, updatedAt: now })
      .where(and(eq(planItems.id, id), eq(planItems.version, patch.version)))
      .returning();
    if (!row) throw stale();
    const reason = patch.reason?.trim() ?? '';
    await tx.insert(planRevisions).values({ itemId: id, at: now, by: who.actor.accountId, reason, before, after });
    await recordAudit(tx, deps, who, { action: 'plan.item_update', targetType: 'plan_item', targetId: id, before, after, reason });
    return row;
  });
}

// Merging duplicates keeps the first item (its place in the draft) with the given wording; the others are removed.
export async function mergeItems(deps: Deps, who: Acting, input: Partial<ItemInput> & { itemIds: number[]; reason?: string }) {
  authorize(who.actor, 'plan.manage');
  const ids = [...new Set(input.itemIds)];
  if (ids.length < 2) throw badRequest('BAD_MERGE', '请至少选择两项合并');
  const found = await Promise.all(ids.map((id) => store.findItem(deps.db, id)));
  if (found.some((i) => !i)) throw itemNotFound();
  const items = (found as store.ItemRow[]).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const kept = items[0]!;
  if (items.some((i) => i.periodId !== kept.periodId)) throw badRequest('BAD_MERGE', '只能合并同一期计划中的事项');
  const carried = items.filter((i) => i.carriedTaskId !== null);
  if (carried.length > 1) throw badRequest('BAD_MERGE', '两项挂单事项各有台账事项，不能合并');
  const period = await loadPeriod(deps.db, kept.periodId);
  assertItemsEditable(period);
  const leadUnitId = input.leadUnitId ?? kept.leadUnitId;
  // The other items' units stay on as cooperating units unless the office names them.
  const everyUnit = items.flatMap((i) => [i.leadUnitId, ...i.cooperatingUnitIds]);
  const after: ItemInput = {
    ...itemFields(kept),
    ...patchOf(input),
    leadUnitId,
    cooperatingUnitIds: input.cooperatingUnitIds ?? [...new Set(everyUnit)].filter((u) => u !== leadUnitId),
  };
  await checkContent(deps.db, period, after);
  const sourceProposalIds = [...new Set(items.flatMap((i) => i.sourceProposalIds))].sort((a, b) => a - b);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    assertItemsEditable(await lockPeriod(tx, period.id, 'share'));
    const [row] = await tx
      .update(planItems)
      .set({
        ...after,
        sourceProposalIds,
        carriedTaskId: carried[0]?.carriedTaskId ?? null,
        decision: null,
        decisionNote: '',
        version: kept.version + 1,
        updatedAt: now,
      })
      .where(and(eq(planItems.id, kept.id), eq(planItems.version, kept.version)))
      .returning();
    if (!row) throw stale();
    const removed = await tx
      .delete(planItems)
      .where(
        inArray(
          planItems.id,
          items.slice(1).map((i) => i.id),
        ),
      )
      .returning({ id: planItems.id });
    if (removed.length !== items.length - 1) throw stale();
    const reason = input.reason?.trim() || '合并重复事项';
    await tx.insert(planRevisions).values({ itemId: kept.id, at: now, by: who.actor.accountId, reason, before: items, after: row });
    await recordAudit(tx, deps, who, { action: 'plan.item_merge', targetType: 'plan_item', targetId: kept.id, before: items, after: row, reason });
    return row;
  });
}

// Splitting: the first part takes the item's place; each part inherits what it does not restate.
export async function splitItem(deps: Deps, who: Acting, id: number, input: { parts: Partial<ItemInput>[]; reason?: string }) {
  authorize(who.actor, 'plan.manage');
  const { item, period } = await loadItem(deps.db, id);
  assertItemsEditable(period);
  if (input.parts.length < 2) throw badRequest('BAD_SPLIT', '请至少拆分为两项');
  if (item.carriedTaskId !== null) throw badRequest('BAD_SPLIT', '挂单事项已在台账中，不能拆分；可在台账中分解子事项');
  const parts = input.parts.map((p) => ({ ...itemFields(item), ...patchOf(p) }));
  for (const p of parts) await checkContent(deps.db, period, p);
  const reason = input.reason?.trim() || '拆分事项';
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    assertItemsEditable(await lockPeriod(tx, period.id, 'share'));
    const [first] = await tx
      .update(planItems)
      .set({ ...parts[0]!, decision: null, decisionNote: '', version: item.version + 1, updatedAt: now })
      .where(and(eq(planItems.id, id), eq(planItems.version, item.version)))
      .returning();
    if (!first) throw stale();
    const rest = await tx
      .insert(planItems)
      .values(
        parts.slice(1).map((p) => ({
          ...p,
          periodId: item.periodId,
          origin: item.origin,
          sourceProposalIds: item.sourceProposalIds,
          sortOrder: item.sortOrder,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();
    const all = [first, ...rest];
    await tx
      .insert(planRevisions)
      .values(all.map((r) => ({ itemId: r.id, at: now, by: who.actor.accountId, reason, before: itemFields(item), after: itemFields(r) })));
    await recordAudit(tx, deps, who, { action: 'plan.item_split', targetType: 'plan_item', targetId: id, before: item, after: all, reason });
    return all;
  });
}
