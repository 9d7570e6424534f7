// The meeting (会议研究) decides each item: approved, amended or dropped.
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../context.js';
import { badRequest, conflict } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from '../../permissions.js';
import { type ItemDecision, PLAN_STATUS_LABELS } from './rules.js';
import { planItems, planRevisions } from './schema.js';
import { type Acting, lockPeriod, stale } from './access.js';
import { loadItem, patchOf } from './consolidation.js';
import { type ItemInput, checkContent, itemFields } from './fields.js';

export async function decide(deps: Deps, who: Acting, id: number, input: { decision: ItemDecision; note: string; changes?: Partial<ItemInput> }) {
  authorize(who.actor, 'plan.manage');
  const { item, period } = await loadItem(deps.db, id);
  if (period.status !== 'meeting') throw conflict('PLAN_STEP', `计划当前为“${PLAN_STATUS_LABELS[period.status]}”，只有在“会议研究”阶段才能记录会议决定`);
  const changes = patchOf(input.changes ?? {});
  const changing = Object.keys(changes).length > 0;
  if (input.decision === 'amended' && !changing) throw badRequest('CHANGES_REQUIRED', '“修改后通过”须写明修改的内容');
  if (input.decision !== 'amended' && changing) throw badRequest('BAD_DECISION', '只有“修改后通过”可以附带修改');
  const before = itemFields(item);
  const after = { ...before, ...changes };
  if (changing) await checkContent(deps.db, period, after);
  const note = input.note.trim();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if ((await lockPeriod(tx, period.id, 'share')).status !== 'meeting') throw conflict('PLAN_STEP', '计划已不在会议研究阶段，请刷新后重试');
    const [row] = await tx
      .update(planItems)
      .set({ ...after, decision: input.decision, decisionNote: note, version: item.version + 1, updatedAt: now })
      .where(and(eq(planItems.id, id), eq(planItems.version, item.version)))
      .returning();
    if (!row) throw stale();
    if (changing) await tx.insert(planRevisions).values({ itemId: id, at: now, by: who.actor.accountId, reason: note || '会议研究修改', before, after });
    await recordAudit(tx, deps, who, {
      action: 'plan.item_decision',
      targetType: 'plan_item',
      targetId: id,
      before: { decision: item.decision, ...before },
      after: { decision: input.decision, ...after },
      reason: note,
    });
    return row;
  });
}
