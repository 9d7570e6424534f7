// Sheets (交办单 and the chasing module's 督办单) of a task.
import { and, eq, sql } from 'drizzle-orm';
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps } from '../../context.js';
import type { Db } from '../../db/client.js';
import { conflict, notFound } from '../../errors.js';
import { SHEET_KIND_LABELS } from '../../shared/labels.js';
import { notify, unitAccounts } from '../notify/service.js';
import { addressees } from '../org/read.js';
import { tasks, taskSheets } from './schema.js';
import { categoryOwner } from './categories.js';
import * as store from './store.js';
import { type Acting, loadVisibleTask } from './access.js';

export const presentSheet = (s: typeof taskSheets.$inferSelect) => ({
  id: s.id,
  kind: s.kind,
  number: s.number,
  unitId: s.unitId,
  content: s.content,
  issuedAt: s.issuedAt.toISOString(),
  signedAt: s.signedAt?.toISOString() ?? null,
  declinedAt: s.declinedAt?.toISOString() ?? null,
  declineReason: s.declineReason,
  // Stated by the chasing module in the sheet's content: a rectification order's deduction, dates counted provisionally.
  points: s.content.points ? Number(s.content.points) : null,
  provisional: s.content.provisional === 'true',
});

export async function issueAssignmentSheet(tx: Db, deps: Deps, who: Acting, task: typeof tasks.$inferSelect) {
  const year = Number(dayOf(deps.clock.now()).slice(0, 4));
  const seq = await store.nextSheetSeq(tx, 'assignment', year);
  const { unitName, leaderName } = await addressees(tx, task.leadUnitId, task.leadLeaderId);
  const number = `督〔${year}〕${seq}号`;
  const issuer = await categoryOwner(tx, task.categoryId);
  await tx.insert(taskSheets).values({
    taskId: task.id,
    kind: 'assignment',
    year,
    seq,
    number,
    unitId: task.leadUnitId,
    content: {
      unit: unitName,
      matter: task.title,
      description: task.description,
      deadline: task.deadline,
      standard: task.standard,
      leader: leaderName,
      responsible: [task.responsibleName, task.responsiblePhone].filter(Boolean).join(' '),
      ...(issuer ? { issuer: issuer.name } : {}),
    },
    issuedAt: deps.clock.now(),
    issuedBy: who.actor.accountId,
  });
  // The lead unit is asked to sign, in its inbox and on the robot channels, as for every chasing sheet.
  await notify(tx, deps.clock.now(), await unitAccounts(tx, [task.leadUnitId], ['unit_head', 'unit_liaison']), {
    kind: 'sheet.assignment',
    title: `${SHEET_KIND_LABELS.assignment} ${number}`,
    body: `事项“${task.title}”已交办${unitName}牵头办理，完成时限 ${task.deadline}，请及时签收。`,
    link: `/tasks/${task.id}`,
  });
}

export async function answerAssignmentSheet(tx: Db, who: Acting, taskId: number, action: 'sign' | 'decline', reason: string, now: Date) {
  const sheets = await store.sheetsOf(tx, taskId);
  const open = sheets.filter((s) => s.kind === 'assignment' && !s.signedAt && !s.declinedAt).at(-1);
  if (!open) throw conflict('NO_OPEN_SHEET', '没有待签收的交办单');
  await tx
    .update(taskSheets)
    .set(action === 'sign' ? { signedAt: now, signedBy: who.actor.accountId } : { declinedAt: now, declineReason: reason, signedBy: who.actor.accountId })
    .where(eq(taskSheets.id, open.id));
}

export async function getSheet(deps: Deps, actor: Actor, taskId: number, sheetId: number) {
  await loadVisibleTask(deps, actor, taskId);
  const sheet = (await store.sheetsOf(deps.db, taskId)).find((s) => s.id === sheetId);
  if (!sheet) throw notFound('SHEET_NOT_FOUND', '交办单不存在');
  return sheet;
}

// Sheets (督办单) are the task's; the chasing module issues and signs its sheets through these, in its transaction.

// One sheet per task, kind, due kind, due day and unit (a part's sheets go to its cooperating unit): undefined when the sheet has been issued already.
export async function insertChaseSheet(tx: Db, values: typeof taskSheets.$inferInsert) {
  const [row] = await tx
    .insert(taskSheets)
    .values(values)
    .onConflictDoNothing({ target: [taskSheets.taskId, taskSheets.kind, taskSheets.dueKind, taskSheets.dueDay, taskSheets.unitId] })
    .returning();
  return row;
}

// Guarded: undefined when the sheet was signed already.
export async function signChaseSheet(tx: Db, sheetId: number, signedBy: number, at: Date) {
  const [row] = await tx
    .update(taskSheets)
    .set({ signedAt: at, signedBy })
    .where(and(eq(taskSheets.id, sheetId), sql`${taskSheets.signedAt} is null`))
    .returning();
  return row;
}
