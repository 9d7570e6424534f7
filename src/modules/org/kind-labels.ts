// What the county calls each kind of unit (县直单位 rather than 市直单位): one settings row, defaults where unset.
import { eq } from 'drizzle-orm';
import type { Actor, Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from '../../permissions.js';
import { kindLabelProblems, UNIT_KIND_LABELS } from './rules.js';
import { orgSettings, type UnitKind } from './schema.js';

const SETTINGS_ID = 1;

export async function unitKindLabels(db: Db): Promise<{ labels: Record<UnitKind, string>; version: number }> {
  const [row] = await db.select().from(orgSettings).where(eq(orgSettings.id, SETTINGS_ID));
  return { labels: { ...UNIT_KIND_LABELS, ...row?.unitKindLabels }, version: row?.version ?? 0 };
}

export async function readUnitKindLabels(deps: Deps, actor: Actor) {
  authorize(actor, 'org.read');
  return unitKindLabels(deps.db);
}

// The whole set at once, against the version read (0 before the first change).
export async function setUnitKindLabels(deps: Deps, who: Who & { actor: Actor }, input: { labels: Record<UnitKind, string>; version: number }) {
  authorize(who.actor, 'org.write');
  const labels = Object.fromEntries(Object.entries(input.labels).map(([k, v]) => [k, v.trim()])) as Record<UnitKind, string>;
  const problems = kindLabelProblems(labels);
  if (problems.length) throw badRequest('VALIDATION_ERROR', problems.join('；'));
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await unitKindLabels(tx);
    if (before.version !== input.version) throw conflict('STALE_VERSION', '单位类型名称已被他人修改，请刷新后重试');
    const [row] = await tx
      .insert(orgSettings)
      .values({ id: SETTINGS_ID, unitKindLabels: labels, version: 1, updatedAt: now })
      .onConflictDoUpdate({
        target: orgSettings.id,
        set: { unitKindLabels: labels, version: input.version + 1, updatedAt: now },
        where: eq(orgSettings.version, input.version),
      })
      .returning();
    if (!row) throw conflict('STALE_VERSION', '单位类型名称已被他人修改，请刷新后重试');
    await recordAudit(tx, deps, who, { action: 'org.unit_kind_labels', targetType: 'org', targetId: SETTINGS_ID, before: before.labels, after: labels });
    return { labels: { ...UNIT_KIND_LABELS, ...row.unitKindLabels }, version: row.version };
  });
}
