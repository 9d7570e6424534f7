import crypto from 'node:crypto';
import { and, asc, count, eq, inArray, isNotNull, isNull, lt, notInArray, type SQL } from 'drizzle-orm';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { conflict, forbidden, notFound } from '../../errors.js';
import { fileStoreFor } from '../../storage/index.js';
import { checkUpload, thumbnailOf } from '../../storage/uploads.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from '../../permissions.js';
import { reviewOfficeOf } from '../org/read.js';
import { REPORTING_STATUSES, STATUS_LABELS, type TaskStatus } from './rules.js';
import { attachments, tasks } from './schema.js';
import { loadVisibleTask, respondsOrCadre } from './service.js';
import { PART_WORKING_TASK_STATUSES } from './part-rules.js';
import { reportsOnPart } from './parts.js';

// The upload checks (magic bytes, names, size limits) and thumbnails are shared with other modules' uploads.
export { checkUpload, detectType, sanitizeFileName, thumbnailOf, zipEntryNames } from '../../storage/uploads.js';

// ---- Service

// Files one account has uploaded to a task but not yet put in a report; a report takes at most 20.
const MAX_PENDING = 20;

type Acting = Who & { actor: Actor };

function checkReportable(status: TaskStatus, allowed: readonly TaskStatus[]) {
  if (!allowed.includes(status)) throw conflict('TASK_NOT_REPORTABLE', `事项当前为“${STATUS_LABELS[status]}”，不能上传附件`);
}

// The same rule as a progress report: the lead unit's own people, while the task is under way. Besides them, a
// joint-review reviewer while closing is requested, for site-check photos. Answers the statuses an upload needs.
export async function checkUploader(deps: Deps, actor: Actor, taskId: number): Promise<readonly TaskStatus[]> {
  const { task, scope } = await loadVisibleTask(deps, actor, taskId);
  if (task.status === 'closing_requested' && (await reviewOfficeOf(deps.db, actor))) return ['closing_requested'];
  authorize(actor, 'task.report');
  if (!respondsOrCadre(actor, scope, task.leadUnitId)) {
    // A cooperating unit uploads the evidence of its own part's report.
    if (!(await reportsOnPart(deps.db, actor, scope, taskId))) throw forbidden('只有牵头单位或承担分工的配合单位可以上传附件');
    checkReportable(task.status, PART_WORKING_TASK_STATUSES);
    return PART_WORKING_TASK_STATUSES;
  }
  checkReportable(task.status, REPORTING_STATUSES);
  return REPORTING_STATUSES;
}

export const presentAttachment = (a: typeof attachments.$inferSelect) => ({
  id: a.id,
  fileName: a.fileName,
  mime: a.mime,
  size: a.size,
  hasThumbnail: a.thumbnailKey !== null,
});

export async function uploadAttachment(deps: Deps, who: Acting, taskId: number, file: { name: string; bytes: Uint8Array }) {
  const allowed = await checkUploader(deps, who.actor, taskId);
  const checked = checkUpload(file.name, file.bytes, deps.config);
  const thumbnail = checked.image ? await thumbnailOf(file.bytes, checked.type) : null;
  const now = deps.clock.now();
  const storageKey = `${dayOf(now).slice(0, 7).replace('-', '/')}/${crypto.randomUUID()}`;
  const thumbnailKey = thumbnail ? `${storageKey}-thumb` : null;
  const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
  const files = fileStoreFor(deps.config);
  // Files first, then the row; if anything fails the files go again, so there is never a row without its file
  // and no file is left without a row.
  try {
    await files.put(storageKey, file.bytes);
    if (thumbnail && thumbnailKey) await files.put(thumbnailKey, thumbnail);
    const row = await deps.db.transaction(async (tx) => {
      // Locking the task serialises uploads to it, so the status and the quota below cannot change under us.
      const [task] = await tx.select({ status: tasks.status }).from(tasks).where(eq(tasks.id, taskId)).for('update');
      checkReportable(task!.status, allowed);
      const [pending] = await tx
        .select({ n: count() })
        .from(attachments)
        .where(
          and(eq(attachments.taskId, taskId), eq(attachments.uploadedBy, who.actor.accountId), isNull(attachments.reportId), isNull(attachments.partReportId)),
        );
      if (pending!.n >= MAX_PENDING) throw conflict('TOO_MANY_ATTACHMENTS', `已有 ${MAX_PENDING} 个附件尚未随进度反馈提交，请先提交反馈`);
      const [inserted] = await tx
        .insert(attachments)
        .values({
          taskId,
          fileName: checked.fileName,
          mime: checked.mime,
          size: file.bytes.length,
          sha256,
          storageKey,
          thumbnailKey,
          uploadedBy: who.actor.accountId,
          uploadedAt: now,
        })
        .returning();
      await recordAudit(tx, deps, who, {
        action: 'task.attachment.upload',
        targetType: 'task',
        targetId: taskId,
        after: { attachmentId: inserted!.id, fileName: checked.fileName, mime: checked.mime, size: file.bytes.length, sha256 },
      });
      return inserted!;
    });
    return presentAttachment(row);
  } catch (err) {
    for (const key of [storageKey, thumbnailKey]) {
      if (key) await files.delete(key).catch((e: unknown) => console.error(`无法删除未入库的文件 ${key}`, e));
    }
    throw err;
  }
}

// Whoever may see the task may download its files; anyone else gets the same 404 as for a missing one.
export async function openAttachment(deps: Deps, actor: Actor, taskId: number, attachmentId: number, thumbnail: boolean) {
  await loadVisibleTask(deps, actor, taskId);
  const [attachment] = await deps.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.taskId, taskId)));
  const key = thumbnail ? attachment?.thumbnailKey : attachment?.storageKey;
  if (!attachment || !key) throw notFound('ATTACHMENT_NOT_FOUND', thumbnail ? '该附件没有缩略图' : '附件不存在');
  return { attachment, body: await fileStoreFor(deps.config).get(key) };
}

// ---- Orphan uploads: files uploaded for a report that was never sent

// A week covers a report written offline and sent when the network returns (web/src/outbox.ts).
export const ORPHAN_GRACE_DAYS = 7;
const ORPHAN_BATCH = 200;

/**
 * Removes uploads older than the grace period that no progress report (nor a cooperating unit's part report) took and
 * no closing request or site check holds (`evidence`: a subquery of those attachment ids, from the closing module). The DELETE is the claim: rows a
 * report is linking right now are locked and skipped, and of two processes only one gets each row back. Rows go
 * first, with one audit entry per batch, then their files, so no row is ever left without its file.
 */
export async function removeOrphanUploads(deps: Deps, who: Who, evidence: SQL) {
  const cutoff = new Date(deps.clock.now().getTime() - ORPHAN_GRACE_DAYS * 86_400_000);
  const files = fileStoreFor(deps.config);
  let orphansRemoved = 0;
  for (;;) {
    const removed = await deps.db.transaction(async (tx) => {
      const due = tx
        .select({ id: attachments.id })
        .from(attachments)
        .where(and(isNull(attachments.reportId), isNull(attachments.partReportId), lt(attachments.uploadedAt, cutoff), notInArray(attachments.id, evidence)))
        .orderBy(asc(attachments.id))
        .limit(ORPHAN_BATCH)
        .for('update', { skipLocked: true });
      const rows = await tx
        .delete(attachments)
        .where(and(inArray(attachments.id, due), isNull(attachments.reportId), isNull(attachments.partReportId)))
        .returning({ id: attachments.id, taskId: attachments.taskId, storageKey: attachments.storageKey, thumbnailKey: attachments.thumbnailKey });
      if (rows.length)
        await recordAudit(tx, deps, who, {
          action: 'task.attachment.orphan_remove',
          targetType: 'attachment',
          targetId: rows.map((r) => r.id).join(','),
          before: { attachmentIds: rows.map((r) => r.id), taskIds: [...new Set(rows.map((r) => r.taskId))] },
          reason: `上传超过 ${ORPHAN_GRACE_DAYS} 天未随进度反馈或销号申请提交，自动清理`,
        });
      return rows;
    });
    for (const row of removed) {
      for (const key of [row.storageKey, row.thumbnailKey]) {
        if (key) await files.delete(key).catch((e: unknown) => console.error(`无法删除已清理附件的文件 ${key}`, e));
      }
    }
    orphansRemoved += removed.length;
    if (removed.length < ORPHAN_BATCH) return { orphansRemoved };
  }
}

// The thumbnail of a task's image for the public progress page (disclosure module): no session, so no scope; the
// caller has already checked that the task and the photo were chosen for publication. Thumbnails carry no EXIF.
export async function openThumbnail(deps: Deps, taskId: number, attachmentId: number) {
  const [attachment] = await deps.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.taskId, taskId)));
  if (!attachment?.thumbnailKey) throw notFound('ATTACHMENT_NOT_FOUND', '图片不存在');
  return { mime: attachment.mime, body: await fileStoreFor(deps.config).get(attachment.thumbnailKey) };
}

// A task's images (for choosing the photos of a disclosed item).
export function taskImages(deps: Deps, taskId: number) {
  return deps.db
    .select({ id: attachments.id, fileName: attachments.fileName })
    .from(attachments)
    .where(and(eq(attachments.taskId, taskId), isNotNull(attachments.thumbnailKey)))
    .orderBy(attachments.id);
}
