import crypto from 'node:crypto';
import { and, count, eq, isNotNull, isNull } from 'drizzle-orm';
import sharp from 'sharp';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../errors.js';
import { fileStoreFor } from '../../storage/index.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from '../../permissions.js';
import { reviewOfficeOf } from '../org/read.js';
import { REPORTING_STATUSES, STATUS_LABELS, type TaskStatus } from './rules.js';
import { attachments, tasks } from './schema.js';
import { loadVisibleTask, respondsOrCadre } from './service.js';

// ---- Rules (pure): what may be uploaded, decided by the content and checked against the name.

export type FileType = 'jpeg' | 'png' | 'pdf' | 'docx' | 'xlsx' | 'ole';

// Per detected type: the extensions it may carry, each with the MIME type it is stored and served as.
const FILE_TYPES: Record<FileType, { image: boolean; mimes: Record<string, string> }> = {
  jpeg: { image: true, mimes: { jpg: 'image/jpeg', jpeg: 'image/jpeg' } },
  png: { image: true, mimes: { png: 'image/png' } },
  pdf: { image: false, mimes: { pdf: 'application/pdf' } },
  docx: { image: false, mimes: { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } },
  xlsx: { image: false, mimes: { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
  // Legacy DOC and XLS share one container (OLE); telling them apart needs its directory, so the name picks the type.
  ole: { image: false, mimes: { doc: 'application/msword', xls: 'application/vnd.ms-excel' } },
};

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

export function detectType(bytes: Uint8Array): FileType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes) ?? [];
    const word = names.includes('word/document.xml');
    const excel = names.includes('xl/workbook.xml');
    if (word !== excel) return word ? 'docx' : 'xlsx';
  }
  return null;
}

// The entry names in a ZIP's central directory. Nothing is inflated, so a zip bomb costs no more than its size.
// null when the directory is missing or runs past the end (a damaged or ZIP64 file, which Office never writes under 4 GB).
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is 22 bytes plus a comment of at most 65535, at the very end.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names: string[] = [];
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return names;
}

// The name as shown and offered on download: no directories, no control or invisible characters (such as the
// right-to-left override that turns "gpj.exe" around), none of the characters Windows refuses; Chinese stays.
export function sanitizeFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const dot = clean.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [clean.slice(0, dot), clean.slice(dot)] : [clean, ''];
  return [...stem].slice(0, 100).join('') + [...ext].slice(0, 10).join('');
}

const extensionOf = (name: string) => (name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '');
const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)}MB`;

export interface CheckedFile {
  fileName: string;
  type: FileType;
  mime: string;
  image: boolean;
}

export function checkUpload(rawName: string, bytes: Uint8Array, limits: { maxImageBytes: number; maxDocumentBytes: number }): CheckedFile {
  if (bytes.length === 0) throw badRequest('FILE_EMPTY', '文件是空的，请重新选择');
  const type = detectType(bytes);
  if (!type) throw badRequest('FILE_TYPE_NOT_ALLOWED', '只能上传 JPG、PNG 图片和 PDF、Word、Excel 文件');
  const fileName = sanitizeFileName(rawName);
  const { image, mimes } = FILE_TYPES[type];
  const ext = extensionOf(fileName);
  if (!Object.hasOwn(mimes, ext)) throw badRequest('FILE_TYPE_MISMATCH', '文件内容与扩展名不符');
  const max = image ? limits.maxImageBytes : limits.maxDocumentBytes;
  if (bytes.length > max) throw new AppError('FILE_TOO_LARGE', `${image ? '图片' : '文件'}不能超过 ${megabytes(max)}`, 413);
  return { fileName, type, mime: mimes[ext]!, image };
}

// ---- Service

// Files one account has uploaded to a task but not yet put in a report; a report takes at most 20.
const MAX_PENDING = 20;
const THUMBNAIL_SIZE = 320;
// Phone photos reach 50 megapixels; far larger ones are refused before decoding (decompression bombs).
const MAX_IMAGE_PIXELS = 100_000_000;

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
  if (!respondsOrCadre(actor, scope, task.leadUnitId)) throw forbidden('只有牵头单位可以上传附件');
  checkReportable(task.status, REPORTING_STATUSES);
  return REPORTING_STATUSES;
}

// Also used for inspection photos (inspections module), which share the store and the checks.
export async function thumbnailOf(bytes: Uint8Array, type: FileType): Promise<Buffer> {
  try {
    // rotate() applies the EXIF orientation of phone photos; the output carries no metadata (no GPS).
    const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true });
    return await (type === 'png' ? image.png() : image.jpeg({ quality: 80 })).toBuffer();
  } catch {
    throw badRequest('IMAGE_UNREADABLE', '图片已损坏或尺寸过大，无法读取');
  }
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
        .where(and(eq(attachments.taskId, taskId), eq(attachments.uploadedBy, who.actor.accountId), isNull(attachments.reportId)));
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
