// Task categories and their owning offices (归口单位, seed 002): each category's items may belong to an office other
// than the supervision office — its sheets name it as issuer and its head and liaison see the items.
import { asc, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, notFound } from '../../errors.js';
import { authorize, can } from '../../permissions.js';
import { recordAudit } from '../audit/service.js';
import { activeUnitIds, units } from '../org/read.js';
import type { Acting } from './access.js';
import { taskCategories } from './schema.js';

const categoryNotFound = () => notFound('CATEGORY_NOT_FOUND', '事项类别不存在');

/** Active categories in their order, each with its owning office (null: the supervision office). */
export function categoriesWithOwners(db: Db) {
  return db
    .select({ id: taskCategories.id, name: taskCategories.name, ownerUnitId: taskCategories.ownerUnitId, ownerUnitName: units.name })
    .from(taskCategories)
    .leftJoin(units, eq(units.id, taskCategories.ownerUnitId))
    .where(eq(taskCategories.active, true))
    .orderBy(asc(taskCategories.sortOrder), asc(taskCategories.id));
}

/** The owning office of a category, if it names one. */
export async function categoryOwner(db: Db, categoryId: number | null): Promise<{ unitId: number; name: string } | undefined> {
  if (categoryId === null) return undefined;
  const [row] = await db
    .select({ unitId: units.id, name: units.name })
    .from(taskCategories)
    .innerJoin(units, eq(units.id, taskCategories.ownerUnitId))
    .where(eq(taskCategories.id, categoryId));
  return row;
}

/** The unit whose categories' items the actor sees as their owning office: a head or liaison of that unit. */
export const ownerUnitOf = (actor: Actor): number | null => (can(actor, 'category.own') && actor.unitId !== null ? actor.unitId : null);

/** The supervision office names (or clears) a category's owning office; audited. */
export async function setCategoryOwner(deps: Deps, who: Acting, id: number, ownerUnitId: number | null) {
  authorize(who.actor, 'category.manage');
  const [category] = await deps.db.select().from(taskCategories).where(eq(taskCategories.id, id));
  if (!category || !category.active) throw categoryNotFound();
  if (ownerUnitId !== null && !(await activeUnitIds(deps.db, [ownerUnitId])).length) throw badRequest('UNIT_NOT_FOUND', '归口单位不存在或已停用');
  await deps.db.transaction(async (tx) => {
    await tx.update(taskCategories).set({ ownerUnitId }).where(eq(taskCategories.id, id));
    await recordAudit(tx, deps, who, {
      action: 'category.set_owner',
      targetType: 'task_category',
      targetId: id,
      before: { ownerUnitId: category.ownerUnitId },
      after: { name: category.name, ownerUnitId },
    });
  });
  const rows = await categoriesWithOwners(deps.db);
  return rows.find((r) => r.id === id)!;
}
