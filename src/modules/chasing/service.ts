import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, eq } from 'drizzle-orm';
import { dayOf, monthOf, type Calendar } from '../../calendar/rules.js';
import { loadCalendar } from '../../calendar/service.js';
import type { Actor, Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict, forbidden, notFound } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from '../../permissions.js';
import { notify, roleAccounts, unitAccounts } from '../notify/service.js';
import { addressees, leaderPersonId } from '../org/read.js';
import { lastDueDay, reportMissing, statusColour } from '../tasks/rules.js';
import {
  categoryOwner,
  lastReportDays,
  milestonesOf,
  nextSheetSeq,
  OWED_PART_STATUSES,
  partDueDay,
  partsOf,
  type PartRow,
  type SheetRow,
  type TaskRow,
} from '../tasks/read.js';
import { loadVisibleTask, respondsFor } from '../tasks/service.js';
import { insertChaseSheet, signChaseSheet } from '../tasks/sheets.js';
import { recordEvent } from '../tasks/timeline.js';
import {
  chainSheets,
  type ChaseTask,
  DUE_KIND_LABELS,
  dueDates,
  ladderSheets,
  nextCadenceDay,
  type ChasePart,
  PART_DUE_KINDS,
  partDueDates,
  quietUntil,
  ruleProblems,
  settingsProblems,
  SHEET_KIND_LABELS,
  SHEET_NUMBER_PREFIX,
  type SheetToIssue,
  type TimeLimitRule,
} from './rules.js';
import { chasingSettings, scoreDeductions, timeLimitRules } from './schema.js';
import { openAdmonishment } from './interviews.js';
import * as store from './store.js';
import { failpoint } from '../../failpoint.js';

type Acting = Who & { actor: Actor };

interface ChaseContext {
  cal: Calendar;
  rules: TimeLimitRule[];
  settings: Awaited<ReturnType<typeof store.getSettings>>;
  today: string;
  // A digest of the rules, the settings and the calendar: a scanner mark made under others no longer holds.
  digest: string;
}

export async function chaseContext(deps: Deps): Promise<ChaseContext> {
  const [cal, rules, settings] = await Promise.all([loadCalendar(deps.db), store.listRules(deps.db), store.getSettings(deps.db)]);
  const digest = createHash('sha256')
    .update(JSON.stringify([rules, settings, [...cal.overrides.entries()].sort(), [...cal.yearsEntered].sort()]))
    .digest('base64url');
  return { cal, rules, settings, today: dayOf(deps.clock.now()), digest };
}

// The chasing view of a batch of tasks: what the pure rules need, read in a few queries.
export async function chaseStates(db: Db, rows: TaskRow[], ctx: ChaseContext) {
  const ids = rows.map((r) => r.id);
  const [sheets, firstReports, withMilestones, lastReports, parts] = await Promise.all([
    store.sheetsFor(db, ids),
    store.firstReports(db, ids),
    store.tasksWithMilestones(db, ids),
    lastReportDays(db, ids),
    partsOf(db, ids),
  ]);
  const sheetsOf = new Map<number, SheetRow[]>();
  for (const sheet of sheets) {
    const own = sheetsOf.get(sheet.taskId);
    if (own) own.push(sheet);
    else sheetsOf.set(sheet.taskId, [sheet]);
  }
  return rows.map((row) => {
    const own = sheetsOf.get(row.id) ?? [];
    const assignment = own.filter((s) => s.kind === 'assignment').at(-1);
    const signedOn = assignment?.signedAt ? dayOf(assignment.signedAt) : null;
    const lastReport = lastReports.get(row.id);
    const cadence = signedOn ? { cadence: row.reportCadence, since: signedOn, lastReport: lastReport ? dayOf(lastReport) : null } : null;
    const firstReport = firstReports.get(row.id);
    const task: ChaseTask = {
      status: row.status,
      level: row.level,
      source: row.source,
      deadline: row.deadline,
      period: row.period,
      assignedOn: assignment ? dayOf(assignment.issuedAt) : null,
      signedOn,
      firstReportOn: firstReport ? dayOf(firstReport) : null,
      hasMilestones: withMilestones.has(row.id),
      reportDueMissed: cadence && reportMissing(cadence, ctx.today) ? lastDueDay(cadence, ctx.today) : null,
      importedHistory: row.importedHistory,
    };
    const dues = dueDates(task, ctx.rules, ctx.cal);
    // Each cooperating unit's part is chased on its own dates, with sheets addressed to that unit.
    const partStates = parts
      .filter((p) => p.taskId === row.id)
      .map((part) => {
        const chase: ChasePart = {
          setOn: part.setAt ? dayOf(part.setAt) : null,
          signed: part.signedAt !== null,
          due: partDueDay(part, row.deadline),
          owed: OWED_PART_STATUSES.includes(part.status),
        };
        const sheets = own.filter((s) => s.unitId === part.unitId && s.dueKind?.startsWith('part_'));
        return { part, dues: partDueDates(task, chase, ctx.rules, ctx.cal), sheets };
      });
    return { row, task, dues, sheets: own, parts: partStates, cadenceDay: cadence && nextCadenceDay(cadence, ctx.today) };
  });
}

function sheetsDue(state: Awaited<ReturnType<typeof chaseStates>>[number], ctx: ChaseContext): SheetToIssue[] {
  const warnings = state.sheets
    .filter((s) => s.kind === 'warning' && s.dueKind && s.dueDay)
    .map((s) => ({ dueKind: s.dueKind!, dueDay: s.dueDay!, issuedOn: dayOf(s.issuedAt) }));
  const ladder = state.sheets.filter((s) => s.dueKind === 'month').map((s) => ({ kind: s.kind, issuedOn: dayOf(s.issuedAt) }));
  return [...chainSheets(state.task, state.dues, warnings, ctx.today, ctx.settings, ctx.cal), ...ladderSheets(state.task, ladder, ctx.today, ctx.settings)];
}

type PartState = Awaited<ReturnType<typeof chaseStates>>[number]['parts'][number];

// A part's sheets as the chain rules see them: its due kinds without the part_ prefix.
const heldByPart = (part: PartState) =>
  part.sheets.map((s) => ({ kind: s.kind, dueKind: s.dueKind!.replace('part_', ''), dueDay: s.dueDay, issuedOn: dayOf(s.issuedAt) }));

function partSheetsDue(state: Awaited<ReturnType<typeof chaseStates>>[number], part: PartState, ctx: ChaseContext): SheetToIssue[] {
  const warnings = heldByPart(part)
    .filter((s) => s.kind === 'warning' && s.dueDay)
    .map((s) => ({ dueKind: s.dueKind, dueDay: s.dueDay!, issuedOn: s.issuedOn }));
  return chainSheets(state.task, part.dues, warnings, ctx.today, ctx.settings, ctx.cal).map((sheet) => ({
    ...sheet,
    dueKind: PART_DUE_KINDS[sheet.dueKind as 'sign' | 'deadline'],
  }));
}

/**
 * The scanner: issues every sheet that is due and not yet issued. Safe to run twice or in several processes at once:
 * each sheet has a unique key (task, kind, due kind, due day) and is inserted with ON CONFLICT DO NOTHING, which is
 * the claim. It looks only at the tasks whose state can change today (store.chasedTasks: no mark, or the task, the
 * rules or the calendar changed, or the mark's quiet days are over), a batch at a time, giving the event loop back to
 * waiting requests between batches. A batch costs five statements and one more per sheet issued.
 */
export async function scan(deps: Deps, who: Who, batchSize = 200): Promise<{ tasks: number; issued: number }> {
  const ctx = await chaseContext(deps);
  let afterId = 0;
  let seen = 0;
  let issued = 0;
  for (;;) {
    const rows = await store.chasedTasks(deps.db, afterId, batchSize, ctx.today, ctx.digest);
    if (!rows.length) break;
    afterId = rows.at(-1)!.id;
    seen += rows.length;
    const marks: store.ChaseMark[] = [];
    for (const state of await chaseStates(deps.db, rows, ctx)) {
      const held = state.sheets.map((s) => ({ kind: s.kind, dueKind: s.dueKind, dueDay: s.dueDay, issuedOn: dayOf(s.issuedAt) }));
      const existing = new Set(state.sheets.map((s) => `${s.kind}|${s.dueKind}|${s.dueDay}`));
      let claimedAll = true;
      for (const sheet of sheetsDue(state, ctx)) {
        if (existing.has(`${sheet.kind}|${sheet.dueKind}|${sheet.dueDay}`)) continue;
        if (await issueSheet(deps, who, state.row, sheet, '')) {
          issued += 1;
          held.push({ kind: sheet.kind, dueKind: sheet.dueKind, dueDay: sheet.dueDay, issuedOn: ctx.today });
        } else claimedAll = false;
      }
      let quiet = quietUntil(state.task, state.dues, held, ctx.today, ctx.settings, ctx.cal, state.cadenceDay);
      for (const part of state.parts) {
        const partHeld = heldByPart(part);
        const partExisting = new Set(part.sheets.map((s) => `${s.kind}|${s.dueKind}|${s.dueDay}`));
        for (const sheet of partSheetsDue(state, part, ctx)) {
          if (partExisting.has(`${sheet.kind}|${sheet.dueKind}|${sheet.dueDay}`)) continue;
          if (await issueSheet(deps, who, state.row, sheet, '', part.part)) {
            issued += 1;
            partHeld.push({ kind: sheet.kind, dueKind: sheet.dueKind.replace('part_', ''), dueDay: sheet.dueDay, issuedOn: ctx.today });
          } else claimedAll = false;
        }
        const partQuiet = quietUntil(state.task, part.dues, partHeld, ctx.today, ctx.settings, ctx.cal, null);
        if (partQuiet < quiet) quiet = partQuiet;
      }
      // A sheet another process issued meanwhile is not in `held`: look at the task again next tick.
      if (!claimedAll) continue;
      marks.push({ taskId: state.row.id, taskVersion: state.row.version, context: ctx.digest, quietUntil: quiet });
    }
    await store.writeMarks(deps.db, marks);
    await nextTurn();
  }
  return { tasks: seen, issued };
}

// A scan started by a person from the API is itself recorded; the periodic scanner records only the sheets it issues.
export async function scanNow(deps: Deps, who: Acting) {
  authorize(who.actor, 'task.manage');
  const result = await scan(deps, who);
  await deps.db.transaction((tx) => recordAudit(tx, deps, who, { action: 'chasing.scan', targetType: 'chasing', targetId: 'scan', after: result }));
  return result;
}

// A sheet for the lead unit, or with `part` for a cooperating unit on its part (addressed to that unit).
async function issueSheet(deps: Deps, who: Who, task: TaskRow, sheet: SheetToIssue, note: string, part?: PartRow): Promise<boolean> {
  const now = deps.clock.now();
  const year = Number(dayOf(now).slice(0, 4));
  const unitId = part?.unitId ?? task.leadUnitId;
  return deps.db.transaction(async (tx) => {
    const seq = await nextSheetSeq(tx, sheet.kind, year);
    const number = `${SHEET_NUMBER_PREFIX[sheet.kind]}〔${year}〕${seq}号`;
    const label = `${DUE_KIND_LABELS[sheet.dueKind]}（${sheet.dueDay}${sheet.provisional ? '，暂定' : ''}）`;
    const { unitName, leaderName } = await addressees(tx, unitId, task.leadLeaderId);
    // A category's owning office (归口单位) issues its items' sheets.
    const issuer = await categoryOwner(tx, task.categoryId);
    const row = await insertChaseSheet(tx, {
      taskId: task.id,
      kind: sheet.kind,
      year,
      seq,
      number,
      unitId,
      leaderId: task.leadLeaderId,
      dueKind: sheet.dueKind,
      dueDay: sheet.dueDay,
      content: {
        unit: unitName,
        leader: leaderName,
        matter: part ? `${task.title}（配合分工：${part.part}）` : task.title,
        due: label,
        deadline: task.deadline,
        note,
        // The deduction is stated on the sheet itself; provisional dates are marked on every sheet computed from them.
        ...(sheet.points ? { points: String(sheet.points) } : {}),
        ...(sheet.provisional ? { provisional: 'true' } : {}),
        ...(issuer ? { issuer: issuer.name } : {}),
      },
      issuedAt: now,
      issuedBy: who.actor?.accountId ?? null,
    });
    if (!row) return false;
    failpoint(deps.config, 'chasing.sheet');
    if (sheet.kind === 'rectify' && sheet.points) {
      await tx.insert(scoreDeductions).values({
        taskId: task.id,
        unitId: task.leadUnitId,
        sheetId: row.id,
        // The month the task was still open at the end of, so the deduction counts in that month's review.
        period: monthOf(sheet.dueDay),
        points: sheet.points,
        reason: `${task.period} 月度任务逾期未完成，责令限期整改（${number}）`,
        createdAt: now,
      });
    }
    if (sheet.kind === 'admonish') await openAdmonishment(tx, deps, who, task, row);
    await recordEvent(tx, {
      taskId: task.id,
      at: now,
      actorId: who.actor?.accountId ?? null,
      actorName: who.actor?.displayName ?? '系统',
      kind: `sheet.${sheet.kind}`,
      note: `${SHEET_KIND_LABELS[sheet.kind]} ${number}：${label}${note ? `，${note}` : ''}`,
    });
    await recordAudit(tx, deps, who, { action: `sheet.${sheet.kind}`, targetType: 'task', targetId: task.id, after: { sheetId: row.id, number, ...sheet } });
    await notifySheet(tx, deps, task, row, label, unitName);
    return true;
  });
}

// The addressed unit is asked to sign (inbox and the robot channels); the office and leaders get a copy (抄送) in their inbox.
async function notifySheet(tx: Db, deps: Deps, task: TaskRow, sheet: SheetRow, label: string, unitName: string) {
  const leaderPerson = task.leadLeaderId ? await leaderPersonId(tx, task.leadLeaderId) : undefined;
  const unit = await unitAccounts(tx, [sheet.unitId], ['unit_head', 'unit_liaison']);
  const watchers =
    sheet.kind === 'urge'
      ? []
      : await roleAccounts(tx, sheet.kind === 'referral' ? ['office', 'discipline'] : ['office'], leaderPerson !== undefined ? [leaderPerson] : []);
  const points = sheet.content.points ? `，扣减绩效考核得分 ${sheet.content.points} 分` : '';
  const title = `${SHEET_KIND_LABELS[sheet.kind]} ${sheet.number}`;
  const link = `/tasks/${task.id}`;
  await notify(tx, deps.clock.now(), unit, { kind: `sheet.${sheet.kind}`, title, body: `事项“${task.title}”${label}${points}，请及时办理并签收。`, link });
  const copied = watchers.filter((id) => !unit.includes(id));
  await notify(
    tx,
    deps.clock.now(),
    copied,
    {
      kind: `sheet.${sheet.kind}`,
      title: `${title}（抄送）`,
      body: `抄送：已向${unitName}签发${SHEET_KIND_LABELS[sheet.kind]}，事项“${task.title}”${label}${points}。`,
      link,
    },
    { inboxOnly: true },
  );
}

// ---- By hand and by the unit

export async function urgeByHand(deps: Deps, who: Acting, taskId: number, note: string) {
  authorize(who.actor, 'task.manage');
  const { task } = await loadVisibleTask(deps, who.actor, taskId);
  if (!(store.CHASED_STATUSES as readonly string[]).includes(task.status)) throw conflict('ILLEGAL_TRANSITION', '该事项不在督办中，不能催办');
  const today = dayOf(deps.clock.now());
  const issued = await issueSheet(deps, who, task, { kind: 'urge', dueKind: 'manual', dueDay: today }, note);
  if (!issued) throw conflict('ALREADY_URGED', '今天已人工催办过该事项');
}

export async function signSheet(deps: Deps, who: Acting, sheetId: number) {
  // A role that never signs gets the permission refusal (403), before the not-found its data scope would give.
  authorize(who.actor, 'task.respond');
  const sheet = await store.findSheet(deps.db, sheetId);
  if (!sheet) throw notFound('SHEET_NOT_FOUND', '督办单不存在');
  const { task, scope } = await loadVisibleTask(deps, who.actor, sheet.taskId).catch(() => {
    throw notFound('SHEET_NOT_FOUND', '督办单不存在');
  });
  if (sheet.kind === 'assignment') throw badRequest('USE_TASK_SIGN', '交办单请在事项页面签收');
  // Addressed to the lead unit, or to a cooperating unit for its part.
  if (!respondsFor(who.actor, scope, sheet.unitId)) throw forbidden('只有承办单位可以签收督办单');
  await deps.db.transaction(async (tx) => {
    const row = await signChaseSheet(tx, sheetId, who.actor.accountId, deps.clock.now());
    if (!row) throw conflict('ALREADY_SIGNED', '该督办单已签收');
    await recordEvent(tx, {
      taskId: task.id,
      at: deps.clock.now(),
      actorId: who.actor.accountId,
      actorName: who.actor.displayName,
      kind: 'sheet.sign',
      note: `签收${SHEET_KIND_LABELS[sheet.kind]} ${sheet.number}`,
    });
    await recordAudit(tx, deps, who, { action: 'sheet.sign', targetType: 'sheet', targetId: sheetId, after: { number: sheet.number } });
  });
}

// ---- What the office and the units see

// Due dates and sheets of one task, for its page.
export async function taskChasing(deps: Deps, actor: Actor, taskId: number) {
  const { task } = await loadVisibleTask(deps, actor, taskId);
  const ctx = await chaseContext(deps);
  const [state] = await chaseStates(deps.db, [task], ctx);
  const milestones = await milestonesOf(deps.db, [taskId]);
  return {
    today: ctx.today,
    colour: statusColour({ status: task.status, deadline: task.deadline, closedOn: task.closedOn, milestones, partsDue: task.partsDue }, ctx.today),
    dueDates: state!.dues.map((d) => ({ ...d, label: DUE_KIND_LABELS[d.kind], overdue: !d.met && d.day < ctx.today })),
  };
}

// The 13710 due dates of the tasks on a ledger page, each with the nearest one not yet met.
export async function dueDatesOf(deps: Deps, actor: Actor, taskIds: number[]) {
  authorize(actor, 'task.read');
  const visible = [];
  for (const id of taskIds) {
    const found = await loadVisibleTask(deps, actor, id).catch(() => undefined);
    if (found) visible.push(found.task);
  }
  const ctx = await chaseContext(deps);
  return (await chaseStates(deps.db, visible, ctx)).map((s) => {
    const dues = s.dues.map((d) => ({
      kind: d.kind,
      label: DUE_KIND_LABELS[d.kind],
      day: d.day,
      met: d.met,
      provisional: d.provisional,
      overdue: !d.met && d.day < ctx.today,
    }));
    const next = dues.filter((d) => !d.met).sort((a, b) => (a.day < b.day ? -1 : 1))[0] ?? null;
    return { taskId: s.row.id, dues, next };
  });
}

// ---- Settings (督查室)

export async function listRules(deps: Deps, actor: Actor) {
  authorize(actor, 'task.read');
  return (await store.listRules(deps.db)).map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
}

export async function updateRule(
  deps: Deps,
  who: Acting,
  id: number,
  input: Pick<TimeLimitRule, 'name' | 'days' | 'dayKind' | 'levels' | 'sources' | 'active'> & { version: number },
) {
  authorize(who.actor, 'task.manage');
  const [before] = await deps.db.select().from(timeLimitRules).where(eq(timeLimitRules.id, id));
  if (!before) throw notFound('RULE_NOT_FOUND', '时限规则不存在');
  const problems = ruleProblems({ ...input, target: before.target });
  if (problems.length) throw badRequest('BAD_RULE', problems.join('；'), problems);
  await deps.db.transaction(async (tx) => {
    const { version, ...set } = input;
    const [after] = await tx
      .update(timeLimitRules)
      .set({ ...set, version: version + 1, updatedAt: deps.clock.now() })
      .where(and(eq(timeLimitRules.id, id), eq(timeLimitRules.version, version)))
      .returning();
    if (!after) throw conflict('STALE_VERSION', '该规则已被他人修改，请刷新后重试');
    await recordAudit(tx, deps, who, { action: 'time_limit_rule.update', targetType: 'time_limit_rule', targetId: id, before, after });
  });
}

export async function getSettings(deps: Deps, actor: Actor) {
  authorize(actor, 'task.read');
  const { id: _id, updatedAt: _u, ...s } = await store.getSettings(deps.db);
  return s;
}

export async function updateSettings(
  deps: Deps,
  who: Acting,
  input: { urgeDaysBefore: number; referralGraceWorkingDays: number; deductionPoints: number; version: number },
) {
  authorize(who.actor, 'task.manage');
  const { version, ...set } = input;
  const problems = settingsProblems(set);
  if (problems.length) throw badRequest('BAD_SETTINGS', problems.join('；'), problems);
  await deps.db.transaction(async (tx) => {
    const before = await store.getSettings(tx);
    const [after] = await tx
      .update(chasingSettings)
      .set({ ...set, version: version + 1, updatedAt: deps.clock.now() })
      .where(and(eq(chasingSettings.id, 1), eq(chasingSettings.version, version)))
      .returning();
    if (!after) throw conflict('STALE_VERSION', '设置已被他人修改，请刷新后重试');
    await recordAudit(tx, deps, who, { action: 'chasing_settings.update', targetType: 'chasing_settings', targetId: 1, before, after });
  });
  return getSettings(deps, who.actor);
}
