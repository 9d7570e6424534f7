// 绩效自评 use cases. A unit writes its targets at the start of a year and its results at the end; the office rates the
// results beside it. The gap is shown, and nothing here feeds a score: the review never reads this table.
import { and, eq } from 'drizzle-orm';
import { dayOf, type Day } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import { authorize, inScope, type Scope } from '../../permissions.js';
import type { SelfStandard, SelfStatus } from '../../shared/labels.js';
import { recordAudit } from '../audit/service.js';
import { loadScope } from '../org/scope.js';
import { gapOf, mergeLines, officeProblems, resultProblems, resultsWritable, targetProblems, targetsWritable } from './rules.js';
import { type SelfItem, selfAssessments } from './schema.js';
import * as store from './store.js';

type Acting = Who & { actor: Actor };

const today = (deps: Deps): Day => dayOf(deps.clock.now());
const missing = () => notFound('SELF_ASSESSMENT_NOT_FOUND');

async function visibleUnit(db: Db, actor: Actor, unitId: number): Promise<{ scope: Scope; unit: { id: number; name: string } }> {
  const scope = await loadScope(db, actor);
  const unit = await store.findUnit(db, unitId);
  if (!unit || !inScope(scope, unitId)) throw missing();
  return { scope, unit };
}

export function present(unit: { id: number; name: string }, period: string, row: store.SelfAssessmentRow | undefined) {
  const items = mergeLines(row?.items ?? [], () => ({}));
  return {
    unitId: unit.id,
    unitName: unit.name,
    period,
    status: row?.status ?? null,
    items,
    gap: gapOf(items),
    ratedByName: row?.ratedByName ?? null,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
  };
}

export async function getOne(deps: Deps, actor: Actor, unitId: number, period: string) {
  authorize(actor, 'selfassess.read');
  const { unit } = await visibleUnit(deps.db, actor, unitId);
  return present(unit, period, await store.findOne(deps.db, unitId, period));
}

/** Every unit in the reader's scope with its status and gap for the period (the offices' overview). */
export async function list(deps: Deps, actor: Actor, period: string) {
  authorize(actor, 'selfassess.read');
  const scope = await loadScope(deps.db, actor);
  const rows = await store.unitsWithPeriod(deps.db, period, scope.all ? null : [...scope.unitIds]);
  return rows.map((r) => present({ id: r.unitId, name: r.unitName }, period, r.row ?? undefined));
}

// One guarded write of the period's row: insert at version 0, else update at the version the writer read.
async function write(
  deps: Deps,
  who: Acting,
  unitId: number,
  period: string,
  version: number,
  next: (before: store.SelfAssessmentRow | undefined) => { status: SelfStatus; items: store.SelfAssessmentRow['items']; ratedByName?: string },
  action: string,
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await store.findOne(tx, unitId, period);
    if ((before?.version ?? 0) !== version) throw conflict('STALE_VERSION', '绩效自评已被他人修改，请刷新后重试');
    const set = next(before);
    let after: store.SelfAssessmentRow | undefined;
    if (!before) {
      [after] = await tx
        .insert(selfAssessments)
        .values({ unitId, period, ...set, createdAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning();
    } else {
      [after] = await tx
        .update(selfAssessments)
        .set({ ...set, version: before.version + 1, updatedAt: now })
        .where(and(eq(selfAssessments.id, before.id), eq(selfAssessments.version, before.version)))
        .returning();
    }
    if (!after) throw conflict('STALE_VERSION', '绩效自评已被他人修改，请刷新后重试');
    await recordAudit(tx, deps, who, { action, targetType: 'self_assessment', targetId: after.id, before: before ?? null, after });
    return after;
  });
}

const refuse = (v: { ok: false; message: string }) => conflict('ILLEGAL_TRANSITION', v.message);

type TargetLine = { standard: SelfStandard; target: string; planRating: number };
type ResultLine = { standard: SelfStandard; result: string; resultRating: number };

// The unit's own two stages (targets at the start, results at the end): check, refuse out of turn, merge its lines.
async function saveOwn<L extends { standard: SelfStandard }>(
  deps: Deps,
  who: Acting,
  unitId: number,
  input: { period: string; version: number; items: L[] },
  stage: {
    problems: (items: L[]) => string[];
    writable: typeof targetsWritable;
    status: 'planned' | 'reported';
    line: (l: L) => Partial<SelfItem>;
    action: string;
  },
) {
  authorize(who.actor, 'selfassess.write');
  const { unit } = await visibleUnit(deps.db, who.actor, unitId);
  const problems = stage.problems(input.items);
  if (problems.length) throw badRequest('BAD_SELF_ASSESSMENT', problems.join('；'), problems);
  const current = await store.findOne(deps.db, unitId, input.period);
  const verdict = stage.writable(input.period, today(deps), current?.status ?? null);
  if (!verdict.ok) throw refuse(verdict);
  const row = await write(
    deps,
    who,
    unitId,
    input.period,
    input.version,
    (before) => ({ status: stage.status, items: mergeLines(before?.items ?? [], (s) => stage.line(input.items.find((x) => x.standard === s)!)) }),
    stage.action,
  );
  return present(unit, input.period, row);
}

export const saveTargets = (deps: Deps, who: Acting, unitId: number, input: { period: string; version: number; items: TargetLine[] }) =>
  saveOwn(deps, who, unitId, input, {
    problems: targetProblems,
    writable: targetsWritable,
    status: 'planned',
    line: (l) => ({ target: l.target.trim(), planRating: l.planRating }),
    action: 'self_assessment.targets',
  });

export const saveResults = (deps: Deps, who: Acting, unitId: number, input: { period: string; version: number; items: ResultLine[] }) =>
  saveOwn(deps, who, unitId, input, {
    problems: resultProblems,
    writable: resultsWritable,
    status: 'reported',
    line: (l) => ({ result: l.result.trim(), resultRating: l.resultRating }),
    action: 'self_assessment.results',
  });

export async function rate(
  deps: Deps,
  who: Acting,
  unitId: number,
  input: { period: string; version: number; items: { standard: SelfStandard; officeRating: number; officeComment: string }[] },
) {
  authorize(who.actor, 'selfassess.rate');
  const { unit } = await visibleUnit(deps.db, who.actor, unitId);
  const problems = officeProblems(input.items);
  if (problems.length) throw badRequest('BAD_SELF_ASSESSMENT', problems.join('；'), problems);
  const current = await store.findOne(deps.db, unitId, input.period);
  if (!current || current.status === 'planned') throw conflict('ILLEGAL_TRANSITION', `${unit.name}尚未自评 ${input.period} 年的结果，不能评定`);
  const row = await write(
    deps,
    who,
    unitId,
    input.period,
    input.version,
    (before) => ({
      status: 'rated',
      ratedByName: who.actor.displayName,
      items: mergeLines(before?.items ?? [], (s) => {
        const l = input.items.find((x) => x.standard === s)!;
        return { officeRating: l.officeRating, officeComment: l.officeComment.trim() };
      }),
    }),
    'self_assessment.rate',
  );
  return present(unit, input.period, row);
}
