// The data scope's second line (docs/security.md): a read by an actor whose scope is a set of units (unit roles,
// leaders, and the roles that see no unit) runs in one transaction as the database role luoshi_unit_reader, whose
// row-level security policies (migrations row_level_security, row_level_security_units and
// row_level_security_plans_records) show only the rows of that scope in the task tables, the other modules' unit
// tables, the plans and the people's records, whatever query a service sends.
// The first line (org/scope.ts and each module's checks) still decides every answer; this one catches a query that
// forgets its filter. It guards against the app's own mistakes, not against SQL an attacker could run (RESET ROLE).
import { sql } from 'drizzle-orm';
import { HTTPException } from 'hono/http-exception';
import type { Actor } from './context.js';
import type { Db } from './db/client.js';
import { AppError } from './errors.js';
import type { AppEnv } from './http.js';
import { loadScope, rememberScope } from './modules/org/scope.js';
import { seesWholePlan } from './modules/plans/access.js';
import type { RecordsReach } from './modules/records/rules.js';
import { proxyReachOf, reachOf } from './modules/records/service.js';
import { ownerUnitOf } from './modules/tasks/read.js';
import { can, type Scope } from './permissions.js';
import type { MiddlewareHandler } from 'hono';

export const UNIT_READER_ROLE = 'luoshi_unit_reader';

// The tables migration 0014 puts luoshi_unit_reader's policies on (row-security tests compare them with pg_class).
export const SECURED_TABLES = [
  'tasks',
  'task_cooperators',
  'task_part_reports',
  'task_reports',
  'task_milestones',
  'task_sheets',
  'task_events',
  'attachments',
  'closing_requests',
] as const;

// The other modules' unit tables migration 0016 puts policies on, by the scope's units (luoshi.units), the actor's own
// person (luoshi.person), or the task or project they hang off. docs/security.md lists the unit tables left county-wide.
export const SECURED_UNIT_TABLES = [
  'projects',
  'project_steps',
  'project_investments',
  'project_photos',
  'inspections',
  'inspection_findings',
  'inspection_photos',
  'self_assessments',
  'study_sessions',
  'study_attendance',
  'closing_reviews',
  'closing_site_checks',
  'monthly_figures',
  'score_deductions',
] as const;

// The plan tables migration 0017 puts policies on (plans/access.ts): a reader of the whole plan (seesWholePlan) sees
// every proposal and item; another reader of plans its units' proposals, those naming it as leader, and the items of an
// issued plan that its document or its units' sheets show.
export const SECURED_PLAN_TABLES = ['plan_proposals', 'plan_items'] as const;

// The people's records migration 0017 puts policies on, by person (records/rules.ts mayRead): one's own, and the
// people of the units in the reader's reach (records/service.ts reachOf; for frontline days also proxyReachOf).
export const SECURED_RECORD_TABLES = ['work_logs', 'frontline_days', 'monthly_assessments', 'quarter_confirmations'] as const;

// A records reach as the policies read it: 'all', or the units whose people it reaches (its own person apart).
const reachSetting = (reach: RecordsReach) => (reach.all ? 'all' : `{${[...reach.unitIds].join(',')}}`);

// The first line only: the ledger export and the plan's document stream their rows after the handler returns, past
// the transaction's end (the document lists the same items to every reader of an issued plan, as the policy does); the
// monthly review scores every reviewed unit from the month's tasks, and a leader reads it whole (review.read), so the
// policies would cut other units' tasks out of the scores (test/row-security-answers.test.ts finds such reads); the
// audit log, its export and the names of its objects are the audit admin's whole county, values masked (三员分立); the
// monthly meeting's pack (/meetings/…) is the county's, which the leaders read whole (every red task, the ranking, every
// filed inspection); the caller's own account, session and second factor (/auth/…) read no unit's data, and the
// session stays one statement.
const FIRST_LINE_ONLY = [
  /^\/api\/v1\/tasks\/export$/,
  /^\/api\/v1\/plans\/\d+\/document$/,
  /^\/api\/v1\/reviews\//,
  /^\/api\/v1\/meetings\//,
  /^\/api\/v1\/audit(\/|$)/,
  /^\/api\/v1\/auth\//,
];

class RolledBack extends Error {}

/**
 * Runs `work` in a transaction that reads as luoshi_unit_reader, with the tasks of the actor's scope worked out once
 * (luoshi_scope_task_ids, as the owner), its units, the actor's person and leader, how far it reads the plans and the
 * people's records, for the policies, in one statement (the projects' ids, worked out by the first policy that needs
 * them, start unknown). All settings are local to the transaction, so nothing is left on the connection (a pooled one,
 * or PGlite's only one) for the next request.
 */
export async function withRowScope<T>(db: Db, actor: Actor, scope: Scope & { all: false }, work: (tx: Db) => Promise<T>): Promise<T> {
  const units = `{${[...scope.unitIds].join(',')}}`;
  return db.transaction(async (tx) => {
    // Remembered first, so the records module's reaches take this scope and read nothing.
    rememberScope(tx, actor, scope);
    const [reach, proxy] = await Promise.all([reachOf(tx, actor), proxyReachOf(tx, actor)]);
    const self = reach.all || reach.self === null ? '' : String(reach.self);
    const plan = seesWholePlan(actor, scope) ? 'whole' : can(actor, 'plan.read') ? 'own' : '';
    await tx.execute(sql`select set_config('luoshi.tasks', luoshi_scope_task_ids(${units}::int[], ${actor.leaderId}::int, ${ownerUnitOf(actor)}::int)::text, true),
      set_config('luoshi.units', ${units}, true), set_config('luoshi.person', ${actor.personId === null ? '' : String(actor.personId)}, true),
      set_config('luoshi.projects', '', true),
      set_config('luoshi.records', ${reachSetting(reach)}, true), set_config('luoshi.records_self', ${self}, true),
      set_config('luoshi.frontline_proxy', ${reachSetting(proxy)}, true), set_config('luoshi.plan', ${plan}, true),
      set_config('luoshi.leader', ${actor.leaderId === null ? '' : String(actor.leaderId)}, true),
      set_config('role', ${UNIT_READER_ROLE}, true)`);
    return work(tx);
  });
}

/**
 * GET and HEAD requests of a signed-in actor without county-wide scope: the handler's `deps.db` is the scoped
 * transaction. A refusal (its audit row) is committed; any other error rolls the request's writes back.
 */
export const rowSecurity: MiddlewareHandler<AppEnv> = async (c, next) => {
  const actor = c.get('user')?.actor;
  if (!actor || (c.req.method !== 'GET' && c.req.method !== 'HEAD') || FIRST_LINE_ONLY.some((p) => p.test(c.req.path))) return next();
  const deps = c.get('deps');
  const scope = await loadScope(deps.db, actor);
  if (scope.all) return next();
  try {
    await withRowScope(deps.db, actor, scope, async (tx) => {
      c.set('deps', { ...deps, db: tx });
      await next();
      if (c.error && !(c.error instanceof AppError) && !(c.error instanceof HTTPException)) throw new RolledBack();
    });
  } catch (err) {
    if (!(err instanceof RolledBack)) throw err;
  } finally {
    c.set('deps', deps);
  }
};
