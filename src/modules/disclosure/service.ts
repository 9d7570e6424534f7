// 舆论督办: the office marks ledger tasks for the public progress page. The page and its feeds (JSON, RSS) answer
// without a session and show only marked items, with the unit and the lead leader's name and nothing else personal:
// no responsible person, no phone, no report text — the office writes the progress shown.
import { and, asc, desc, eq } from 'drizzle-orm';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import { authorize } from '../../permissions.js';
import { recordAudit } from '../audit/service.js';
import { leaders, people, units } from '../org/read.js';
import { milestonesOf, tasks } from '../tasks/read.js';
import { statusColour } from '../tasks/rules.js';
import { openThumbnail, taskImages } from '../tasks/attachments.js';
import { personalDataProblems } from './rules.js';
import { taskDisclosures } from './schema.js';

type Acting = Who & { actor: Actor };

const itemNotFound = () => notFound('PUBLIC_ITEM_NOT_FOUND', '公开事项不存在');

function rowsWhere(deps: Deps, where: ReturnType<typeof and>) {
  return deps.db
    .select({
      d: taskDisclosures,
      title: tasks.title,
      status: tasks.status,
      deadline: tasks.deadline,
      closedOn: tasks.closedOn,
      updatedAt: tasks.updatedAt,
      unitName: units.name,
      leaderName: people.name,
    })
    .from(taskDisclosures)
    .innerJoin(tasks, eq(tasks.id, taskDisclosures.taskId))
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .leftJoin(leaders, eq(leaders.id, tasks.leadLeaderId))
    .leftJoin(people, eq(people.id, leaders.personId))
    .where(where)
    .orderBy(desc(taskDisclosures.markedAt), asc(taskDisclosures.id));
}

async function present(deps: Deps, rows: Awaited<ReturnType<typeof rowsWhere>>) {
  const today = dayOf(deps.clock.now());
  const milestones = await milestonesOf(
    deps.db,
    rows.map((r) => r.d.taskId),
  );
  return rows.map((r) => ({
    id: r.d.id,
    taskId: r.d.taskId,
    title: r.title,
    unitName: r.unitName,
    leaderName: r.leaderName,
    deadline: r.deadline,
    status: r.status,
    colour: statusColour(
      { status: r.status, deadline: r.deadline, closedOn: r.closedOn, milestones: milestones.filter((m) => m.taskId === r.d.taskId) },
      today,
    ),
    progress: r.d.summary,
    photoIds: r.d.photoIds,
    active: r.d.active,
    markedAt: r.d.markedAt,
    version: r.d.version,
  }));
}

export type PublicItem = Awaited<ReturnType<typeof present>>[number];

/** The public page and feeds: active items only. The page is short by nature (the office marks a few dozen). */
export async function publicItems(deps: Deps) {
  return present(deps, await rowsWhere(deps, and(eq(taskDisclosures.active, true))));
}

export async function listMarked(deps: Deps, actor: Actor) {
  authorize(actor, 'disclosure.manage');
  return present(deps, await rowsWhere(deps, undefined));
}

export async function images(deps: Deps, actor: Actor, taskId: number) {
  authorize(actor, 'disclosure.manage');
  return taskImages(deps, taskId);
}

export interface MarkInput {
  summary: string;
  photoIds: number[];
  version: number; // 0 to mark for the first time
}

export async function mark(deps: Deps, who: Acting, taskId: number, input: MarkInput) {
  authorize(who.actor, 'disclosure.manage');
  const [task] = await deps.db.select({ id: tasks.id, title: tasks.title, status: tasks.status }).from(tasks).where(eq(tasks.id, taskId));
  if (!task) throw notFound('TASK_NOT_FOUND', '事项不存在');
  const problems = personalDataProblems([
    { label: '事项名称', text: task.title },
    { label: '公开的进展', text: input.summary },
  ]);
  if (!input.summary.trim()) problems.push('请填写公开的进展情况');
  if (task.status === 'draft' || task.status === 'cancelled') problems.push('草稿或已撤销的事项不能公开');
  const allowed = new Set((await taskImages(deps, taskId)).map((i) => i.id));
  if (input.photoIds.some((id) => !allowed.has(id))) problems.push('只能公开该事项的图片附件');
  if (problems.length) throw badRequest('BAD_DISCLOSURE', problems.join('；'), problems);
  const values = {
    summary: input.summary.trim(),
    photoIds: [...new Set(input.photoIds)],
    active: true,
    markedAt: deps.clock.now(),
    markedBy: who.actor.accountId,
  };
  await deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(taskDisclosures).where(eq(taskDisclosures.taskId, taskId));
    const [after] =
      input.version === 0
        ? await tx
            .insert(taskDisclosures)
            .values({ taskId, ...values })
            .onConflictDoNothing()
            .returning()
        : await tx
            .update(taskDisclosures)
            .set({ ...values, version: input.version + 1 })
            .where(and(eq(taskDisclosures.taskId, taskId), eq(taskDisclosures.version, input.version)))
            .returning();
    if (!after) throw conflict('STALE_VERSION');
    await recordAudit(tx, deps, who, { action: 'disclosure.mark', targetType: 'task', targetId: taskId, before, after });
  });
  return (await present(deps, await rowsWhere(deps, eq(taskDisclosures.taskId, taskId))))[0]!;
}

export async function withdraw(deps: Deps, who: Acting, taskId: number, version: number) {
  authorize(who.actor, 'disclosure.manage');
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(taskDisclosures)
      .set({ active: false, version: version + 1 })
      .where(and(eq(taskDisclosures.taskId, taskId), eq(taskDisclosures.version, version), eq(taskDisclosures.active, true)))
      .returning();
    if (!after) throw conflict('STALE_VERSION', '该事项未在公开中，或已被他人修改，请刷新后重试');
    await recordAudit(tx, deps, who, {
      action: 'disclosure.withdraw',
      targetType: 'task',
      targetId: taskId,
      before: { active: true },
      after: { active: false },
    });
  });
  return (await present(deps, await rowsWhere(deps, eq(taskDisclosures.taskId, taskId))))[0]!;
}

/** A published photo's thumbnail: only of an active item, only a photo the office chose. */
export async function publicPhoto(deps: Deps, id: number, photoId: number) {
  const [d] = await deps.db
    .select()
    .from(taskDisclosures)
    .where(and(eq(taskDisclosures.id, id), eq(taskDisclosures.active, true)));
  if (!d || !d.photoIds.includes(photoId)) throw itemNotFound();
  return openThumbnail(deps, d.taskId, photoId);
}

// RSS 2.0 for the government website; every text escaped.
const xml = (s: string) => s.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!);

export function rss(items: PublicItem[], base: string, labels: { status: Record<string, string>; colour: Record<string, string> }) {
  const entries = items
    .map(
      (i) => `    <item>
      <title>${xml(i.title)}</title>
      <link>${xml(`${base}/public#item-${i.id}`)}</link>
      <guid isPermaLink="false">luoshi-disclosure-${i.id}-${i.version}</guid>
      <pubDate>${i.markedAt.toUTCString()}</pubDate>
      <description>${xml(
        `责任单位：${i.unitName}；${i.leaderName ? `责任领导：${i.leaderName}；` : ''}完成时限：${i.deadline}；状态：${labels.status[i.status]}（${labels.colour[i.colour]}）。${i.progress}`,
      )}</description>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>重点工作落实情况公开</title>
    <link>${xml(`${base}/public`)}</link>
    <description>县委县政府督查室舆论督办事项进展</description>
    <language>zh-cn</language>
${entries}
  </channel>
</rss>
`;
}
