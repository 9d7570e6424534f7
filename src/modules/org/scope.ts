import type { Actor } from '../../context.js';
import type { Db } from '../../db/client.js';
import { leaderUnitPaths, unitIdsUnder, unitPaths } from './store.js';
import { SCOPE_OF_ROLE, type Scope } from '../../permissions.js';

// The scope a request's row-security transaction was opened with (row-security.ts), so its services need not read it
// again: keyed by that transaction, which lives for the one request.
const remembered = new WeakMap<Db, { accountId: number; scope: Scope }>();

export function rememberScope(tx: Db, actor: Actor, scope: Scope) {
  remembered.set(tx, { accountId: actor.accountId, scope });
}

// Read from the database on every request, so a moved unit or a changed portfolio applies at once.
export async function loadScope(db: Db, actor: Actor): Promise<Scope> {
  const known = remembered.get(db);
  if (known?.accountId === actor.accountId) return known.scope;
  const kinds = new Set(actor.roles.map((r) => SCOPE_OF_ROLE[r]));
  if (kinds.has('all')) return { all: true };
  // The subtrees of the roots' paths: a unit's own by the path its session read (one statement), a leader's units' read
  // first (two).
  const paths: string[] = [];
  if (kinds.has('own_unit') && actor.unitId !== null) paths.push(...(actor.unitPath ? [actor.unitPath] : await unitPaths(db, [actor.unitId])));
  if (kinds.has('portfolio') && actor.leaderId !== null) paths.push(...(await leaderUnitPaths(db, actor.leaderId)));
  return { all: false, unitIds: new Set(await unitIdsUnder(db, paths)) };
}
