import { and, asc, eq } from 'drizzle-orm';
import type { Actor, Deps, Who } from '../../context.js';
import { badRequest, notFound } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from '../../permissions.js';
import { savedFilters } from './schema.js';

// Saved ledger filters are personal: each account sees and deletes only its own.
const MAX_PER_ACCOUNT = 50;

export async function listSavedFilters(deps: Deps, actor: Actor) {
  authorize(actor, 'task.read');
  const rows = await deps.db.select().from(savedFilters).where(eq(savedFilters.accountId, actor.accountId)).orderBy(asc(savedFilters.id));
  return rows.map((r) => ({ id: r.id, name: r.name, query: r.query }));
}

export async function saveFilter(deps: Deps, who: Who & { actor: Actor }, input: { name: string; query: Record<string, unknown> }) {
  authorize(who.actor, 'task.read');
  const existing = await listSavedFilters(deps, who.actor);
  if (existing.length >= MAX_PER_ACCOUNT) throw badRequest('TOO_MANY_FILTERS', `最多保存 ${MAX_PER_ACCOUNT} 个筛选条件`);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(savedFilters)
      .values({ ...input, accountId: who.actor.accountId, createdAt: deps.clock.now() })
      .returning();
    await recordAudit(tx, deps, who, { action: 'saved_filter.create', targetType: 'saved_filter', targetId: row!.id, after: input });
    return { id: row!.id, name: row!.name, query: row!.query };
  });
}

export async function deleteSavedFilter(deps: Deps, who: Who & { actor: Actor }, id: number) {
  authorize(who.actor, 'task.read');
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(savedFilters)
      .where(and(eq(savedFilters.id, id), eq(savedFilters.accountId, who.actor.accountId)))
      .returning();
    if (!row) throw notFound('FILTER_NOT_FOUND', '筛选条件不存在');
    await recordAudit(tx, deps, who, { action: 'saved_filter.delete', targetType: 'saved_filter', targetId: id, before: { name: row.name, query: row.query } });
  });
}
