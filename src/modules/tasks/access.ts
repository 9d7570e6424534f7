// Who may see and act on a task: its data scope, the responsible unit, the actions open to the actor.
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { conflict, notFound } from '../../errors.js';
import { authorize, can, inScope, type Scope } from '../../permissions.js';
import { loadScope } from '../org/scope.js';
import { checkTransition, CLOSING_ACTIONS, TASK_ACTIONS, TRANSITIONS, type TaskAction, type TaskStatus } from './rules.js';
import * as store from './store.js';
import { categoryOwner, ownerUnitOf } from './categories.js';

export const taskNotFound = () => notFound('TASK_NOT_FOUND', '事项不存在');
export const staleTask = () => conflict('STALE_VERSION', '该事项已被他人修改，请刷新后重试');
export type Acting = Who & { actor: Actor };

export const todayOf = (deps: Deps) => dayOf(deps.clock.now());

// ---- Scope: a task is visible to whoever may see its lead unit, one of its cooperating units, or leads it as leader.

function visible(scope: Scope, actor: Actor, task: { leadUnitId: number; leadLeaderId: number | null }, cooperatorUnitIds: number[]) {
  return (
    scope.all ||
    inScope(scope, task.leadUnitId) ||
    cooperatorUnitIds.some((u) => inScope(scope, u)) ||
    (actor.leaderId !== null && task.leadLeaderId === actor.leaderId)
  );
}

// The owning office (归口单位) of the task's category sees it too.
async function ownsCategoryOf(deps: Deps, actor: Actor, categoryId: number | null) {
  const own = ownerUnitOf(actor);
  return own !== null && (await categoryOwner(deps.db, categoryId))?.unitId === own;
}

export async function loadVisibleTask(deps: Deps, actor: Actor, id: number) {
  authorize(actor, 'task.read');
  const [found, scope] = await Promise.all([store.findTaskWithCooperators(deps.db, id), loadScope(deps.db, actor)]);
  if (!found) throw taskNotFound();
  const { task, cooperators } = found;
  if (
    !visible(
      scope,
      actor,
      task,
      cooperators.map((c) => c.unitId),
    ) &&
    !(await ownsCategoryOf(deps, actor, task.categoryId))
  )
    throw taskNotFound();
  return { task, scope, cooperators };
}

// The responsible unit acts only on tasks its own unit (or a unit below it) leads.
export function respondsFor(actor: Actor, scope: Scope, leadUnitId: number) {
  return can(actor, 'task.respond') && !scope.all && inScope(scope, leadUnitId) && actor.unitId !== null;
}

export function availableActions(actor: Actor, scope: Scope, task: { status: TaskStatus; suspendedFrom: TaskStatus | null; leadUnitId: number }): TaskAction[] {
  return TASK_ACTIONS.filter((action) => {
    if (CLOSING_ACTIONS.includes(action) || !checkTransition(action, task.status, task.suspendedFrom).ok) return false;
    return TRANSITIONS[action].by === 'office' ? can(actor, 'task.manage') : respondsFor(actor, scope, task.leadUnitId);
  });
}

export const respondsOrCadre = (actor: Actor, scope: Scope, leadUnitId: number) => !scope.all && inScope(scope, leadUnitId) && actor.unitId !== null;
