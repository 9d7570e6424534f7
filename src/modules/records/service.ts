// People's records: use cases. Every read is filtered by the reader's reach (rules.ts mayRead): someone else's record
// answers 404, as a missing one does. Nothing here feeds the monthly review: logs are records, their volume is no score.
import { saveSettingsRow } from '../../db/settings-row.js';
import { and, eq, sql } from 'drizzle-orm';
import { addCalendarDays, dayOf, monthEnd, monthStart, type Day } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import { authorize, can } from '../../permissions.js';
import { FRONTLINE_ROLES, CADRE_GRADE_LABELS, type FrontlineRole, type CadreGrade } from '../../shared/labels.js';
import { recordAudit } from '../audit/service.js';
import { subtreeUnitIds } from '../org/read.js';
import { loadScope } from '../org/scope.js';
import { weekStart } from '../plans/rules.js';
import {
  assessmentProblems,
  confirmationProblems,
  frontlineDayProblems,
  frontlineRoleOf,
  isoWeekOf,
  lastEndedQuarter,
  mayRead,
  monthsOfQuarter,
  paceRow,
  quarterEnd,
  quarterLabel,
  quarterOfMonth,
  settingsProblems,
  suggestedGrade,
  targetOf,
  weekLockDay,
  workLogProblems,
  workLogWritable,
  type RecordsReach,
  type RecordsSettings,
} from './rules.js';
import { frontlineDays, monthlyAssessments, quarterConfirmations, recordsSettings, workLogs } from './schema.js';
import * as store from './store.js';

type Acting = Who & { actor: Actor };

const today = (deps: Deps): Day => dayOf(deps.clock.now());
const personNotFound = () => notFound('PERSON_NOT_FOUND_IN_RECORDS');

// ---- Reach

export async function reachOf(db: Db, actor: Actor): Promise<RecordsReach> {
  if (can(actor, 'records.all')) return { all: true };
  const self = can(actor, 'records.own') ? actor.personId : null;
  if (!can(actor, 'records.unit')) return { all: false, self, unitIds: new Set() };
  const scope = await loadScope(db, actor);
  return { all: false, self, unitIds: scope.all ? new Set() : scope.unitIds };
}

async function visiblePerson(db: Db, actor: Actor, personId: number) {
  authorize(actor, 'records.read');
  const person = await store.findPerson(db, personId);
  if (!person || !mayRead(await reachOf(db, actor), { personId, unitId: person.unitId })) throw personNotFound();
  return person;
}

// A person's own account writes their logs: the account must be linked to a person.
function ownPerson(actor: Actor): number {
  authorize(actor, 'records.own');
  if (actor.personId === null) throw badRequest('NO_PERSON_LINKED');
  return actor.personId;
}

// Serialises the writes about one person (an assessment against the quarter's confirmation).
const lockPerson = (tx: Db, personId: number) => tx.execute(sql`SELECT pg_advisory_xact_lock(7202701, ${personId})`);

// ---- Settings (考核办)

export async function getSettings(deps: Deps, actor: Actor) {
  authorize(actor, 'records.read');
  const { countyLeaderDays, departmentHeadDays, townSecretaryDays, logGraceDays, version } = await store.getSettings(deps.db);
  return { countyLeaderDays, departmentHeadDays, townSecretaryDays, logGraceDays, version };
}

export async function updateSettings(deps: Deps, who: Acting, input: RecordsSettings & { version: number }) {
  authorize(who.actor, 'records.settings');
  const { version, ...set } = input;
  const problems = settingsProblems(set);
  if (problems.length) throw badRequest('BAD_RECORDS_SETTINGS', problems.join('；'), problems);
  await deps.db.transaction(async (tx) => {
    const before = await store.getSettings(tx);
    const after = await saveSettingsRow(tx, recordsSettings, version, { ...set, updatedAt: deps.clock.now() });
    if (!after) throw conflict('STALE_VERSION', '记实设置已被他人修改，请刷新后重试');
    await recordAudit(tx, deps, who, { action: 'records_settings.update', targetType: 'records_settings', targetId: 1, before, after });
  });
  return getSettings(deps, who.actor);
}

// ---- Frontline roles and pace

async function frontlineRoleOfPerson(db: Db, personId: number): Promise<FrontlineRole | null> {
  const { leaderRows, headRows } = await store.frontlineCandidates(db);
  return frontlineRoleOf({
    isLeader: leaderRows.some((l) => l.personId === personId),
    headOfKind: headRows.find((h) => h.personId === personId)?.kind ?? null,
  });
}

// The day a year's pace is read on: today in the current year, the year's last day for a past one.
const paceDay = (year: number, now: Day): Day => (String(year) === now.slice(0, 4) ? now : `${year}-12-31`);

/** Who is behind pace on `day`, among the people the reader may see (all of them for the two offices). */
export async function paceList(deps: Deps, actor: Actor, q: { day?: Day; role?: FrontlineRole; behindOnly?: boolean }) {
  authorize(actor, 'records.read');
  const day = q.day ?? today(deps);
  const reach = await reachOf(deps.db, actor);
  const proxy = await proxyReachOf(deps.db, actor);
  const settings = await store.getSettings(deps.db);
  const { leaderRows, headRows } = await store.frontlineCandidates(deps.db);
  const seen = new Set<number>();
  const candidates: { personId: number; name: string; title: string; unitId: number | null; unitName: string | null; role: FrontlineRole }[] = [];
  for (const l of leaderRows) {
    if (seen.has(l.personId)) continue;
    seen.add(l.personId);
    candidates.push({ personId: l.personId, name: l.name, title: l.title, unitId: l.unitId, unitName: null, role: 'county_leader' });
  }
  for (const h of headRows) {
    const role = frontlineRoleOf({ isLeader: false, headOfKind: h.kind });
    if (!role || seen.has(h.personId)) continue;
    seen.add(h.personId);
    candidates.push({ personId: h.personId, name: h.name, title: h.title, unitId: h.unitId, unitName: h.unitName, role });
  }
  const counts = await store.frontlineCounts(deps.db, `${day.slice(0, 4)}-01-01`, day);
  const rows = candidates
    // Those the reader may log a day for are listed too: their pace is what the logging is for.
    .filter((c) => (!q.role || c.role === q.role) && (mayRead(reach, c) || mayRead(proxy, c)))
    .map((c) => ({ ...c, mayRead: mayRead(reach, c), mayLog: mayRead(proxy, c), ...paceRow(targetOf(settings, c.role), counts.get(c.personId) ?? 0, day) }))
    .filter((r) => !q.behindOnly || r.behind);
  // Furthest behind first, then in the organisation's order (roles in their order, each list as it came).
  const order = new Map(candidates.map((c, i) => [c.personId, i]));
  rows.sort(
    (a, b) => b.short - a.short || FRONTLINE_ROLES.indexOf(a.role) - FRONTLINE_ROLES.indexOf(b.role) || order.get(a.personId)! - order.get(b.personId)!,
  );
  return { day, rows };
}

// ---- A person's record of a year

export async function personRecord(deps: Deps, actor: Actor, personId: number, year?: number) {
  const person = await visiblePerson(deps.db, actor, personId);
  const now = today(deps);
  const y = year ?? Number(now.slice(0, 4));
  const settings = await store.getSettings(deps.db);
  const role = await frontlineRoleOfPerson(deps.db, personId);
  const day = paceDay(y, now);
  const days = await store.frontlineDaysOf(deps.db, personId, `${y}-01-01`, `${y}-12-31`);
  const doneByDay = days.filter((d) => d.day <= day).length;
  const logs = await store.workLogsOf(deps.db, personId, `${y}-W01`, `${y}-W53`);
  const months = Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
  const assessments = await store.assessmentsIn(deps.db, months, [personId]);
  const confirmations = await store.confirmationsIn(
    deps.db,
    [1, 2, 3, 4].map((n) => `${y}-Q${n}`),
    [personId],
  );
  const own = actor.personId === personId && can(actor, 'records.own');
  return {
    person,
    year: y,
    own,
    mayLogFrontline: own || mayRead(await proxyReachOf(deps.db, actor), { personId, unitId: person.unitId }),
    currentWeek: isoWeekOf(now),
    logGraceDays: settings.logGraceDays,
    frontline: {
      role,
      pace: role ? { day, ...paceRow(targetOf(settings, role), doneByDay, day) } : null,
      days,
    },
    workLogs: logs.map((l) => ({
      ...l,
      lockDay: weekLockDay(l.week, settings.logGraceDays),
      editable: own && workLogWritable(l.week, now, settings.logGraceDays).ok,
    })),
    assessments,
    confirmations,
  };
}

export async function myRecord(deps: Deps, actor: Actor, year?: number) {
  return personRecord(deps, actor, ownPerson(actor), year);
}

// ---- 周记实

export async function saveWorkLog(deps: Deps, who: Acting, input: { week: string; done: string; planned: string; version: number }) {
  const personId = ownPerson(who.actor);
  const settings = await store.getSettings(deps.db);
  const writable = workLogWritable(input.week, today(deps), settings.logGraceDays);
  if (!writable.ok) throw writable.locked ? conflict('WORK_LOG_LOCKED', writable.message) : badRequest('BAD_WORK_LOG', writable.message);
  const problems = workLogProblems(input);
  if (problems.length) throw badRequest('BAD_WORK_LOG', problems.join('；'), problems);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await store.findWorkLog(tx, personId, input.week);
    const values = { done: input.done.trim(), planned: input.planned.trim(), writtenBy: who.actor.accountId, updatedAt: now };
    const [after] =
      input.version === 0
        ? await tx
            .insert(workLogs)
            .values({ personId, week: input.week, ...values, createdAt: now })
            .onConflictDoNothing()
            .returning()
        : await tx
            .update(workLogs)
            .set({ ...values, version: input.version + 1 })
            .where(and(eq(workLogs.personId, personId), eq(workLogs.week, input.week), eq(workLogs.version, input.version)))
            .returning();
    if (!after) throw conflict('STALE_VERSION', '该周记实已在别处保存过，请刷新后再改');
    await recordAudit(tx, deps, who, { action: 'work_log.save', targetType: 'work_log', targetId: after.id, before: before ?? null, after });
    return { ...after, lockDay: weekLockDay(input.week, settings.logGraceDays), editable: true };
  });
}

// ---- 一线工作日

/**
 * Whose frontline days the actor may log for someone else (代为登记): anyone for the two offices; a head or liaison the
 * people of the units in their scope (org/scope.ts loadScope); nobody else.
 */
export async function proxyReachOf(db: Db, actor: Actor): Promise<RecordsReach> {
  if (!can(actor, 'records.frontline_proxy')) return { all: false, self: null, unitIds: new Set() };
  if (can(actor, 'records.all')) return { all: true };
  const scope = await loadScope(db, actor);
  return scope.all ? { all: true } : { all: false, self: null, unitIds: scope.unitIds };
}

/** The person a frontline day is logged for: oneself without `personId`, else someone within the proxy reach (404 else). */
async function frontlineSubject(db: Db, actor: Actor, personId: number | undefined): Promise<number> {
  if (personId === undefined || (personId === actor.personId && can(actor, 'records.own'))) return ownPerson(actor);
  authorize(actor, 'records.frontline_proxy');
  const person = await store.findPerson(db, personId);
  if (!person || !mayRead(await proxyReachOf(db, actor), { personId, unitId: person.unitId })) throw personNotFound();
  return personId;
}

export async function logFrontlineDay(deps: Deps, who: Acting, input: { personId?: number; day: string; place: string; purpose: string }) {
  const personId = await frontlineSubject(deps.db, who.actor, input.personId);
  const problems = frontlineDayProblems(input, today(deps));
  if (problems.length) throw badRequest('BAD_FRONTLINE_DAY', problems.join('；'), problems);
  return deps.db.transaction(async (tx) => {
    const [after] = await tx
      .insert(frontlineDays)
      .values({
        personId,
        day: input.day,
        place: input.place.trim(),
        purpose: input.purpose.trim(),
        loggedBy: who.actor.accountId,
        loggedByName: who.actor.displayName,
        createdAt: deps.clock.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!after) throw conflict('FRONTLINE_DAY_EXISTS', `${input.day} 已登记过一线工作，同一天只计一个一线工作日`);
    await recordAudit(tx, deps, who, { action: 'frontline_day.log', targetType: 'frontline_day', targetId: after.id, after });
    return after;
  });
}

// ---- 月考核 (the head)

async function reachUnit(db: Db, actor: Actor, unitId: number) {
  if (!can(actor, 'records.unit') && !can(actor, 'records.all')) throw personNotFound();
  const reach = await reachOf(db, actor);
  if (!reach.all && !reach.unitIds.has(unitId)) throw notFound('UNIT_NOT_FOUND');
  const unitIds = (await subtreeUnitIds(db, [unitId])).filter((id) => reach.all || reach.unitIds.has(id));
  if (!unitIds.length) throw notFound('UNIT_NOT_FOUND');
  return unitIds;
}

// The weeks counted in a month: those whose Thursday falls in it (as the plans count a week's month).
function weeksOfMonth(month: string): string[] {
  const weeks: string[] = [];
  for (let d = monthStart(month); d <= monthEnd(month); d = addCalendarDays(d, 1)) {
    const week = isoWeekOf(d);
    if (addCalendarDays(weekStart(week)!, 3).slice(0, 7) === month && !weeks.includes(week)) weeks.push(week);
  }
  return weeks;
}

/** The people of a unit (and the units below it) with the month's assessment and their logs of its weeks. */
export async function unitAssessments(deps: Deps, actor: Actor, query: { unitId?: number; month?: string }) {
  authorize(actor, 'records.read');
  const q = { unitId: query.unitId ?? actor.unitId, month: query.month ?? today(deps).slice(0, 7) };
  if (q.unitId === null) throw notFound('UNIT_NOT_FOUND');
  const unitIds = await reachUnit(deps.db, actor, q.unitId);
  const everyone = await store.peopleOfUnits(deps.db, unitIds);
  // The head does not grade themselves (their grade comes from the leader in charge).
  const list = everyone.filter((p) => p.id !== actor.personId);
  const ids = list.map((p) => p.id);
  const assessments = await store.assessmentsIn(deps.db, [q.month], ids);
  const quarter = quarterOfMonth(q.month);
  const confirmations = await store.confirmationsIn(deps.db, [quarter], ids);
  const weeks = weeksOfMonth(q.month);
  const logs = (await Promise.all(weeks.map(async (w) => [w, await store.wroteWeek(deps.db, ids, w)] as const))).filter(([, set]) => set.size);
  return {
    month: q.month,
    quarter,
    weeks,
    rows: list.map((p) => ({
      person: p,
      assessment: assessments.find((a) => a.personId === p.id) ?? null,
      confirmation: confirmations.find((c) => c.personId === p.id) ?? null,
      weeksLogged: logs.filter(([, set]) => set.has(p.id)).map(([w]) => w),
    })),
  };
}

export async function saveAssessment(deps: Deps, who: Acting, input: { personId: number; month: string; grade: CadreGrade; comment: string; version: number }) {
  authorize(who.actor, 'records.unit');
  const person = await visiblePerson(deps.db, who.actor, input.personId);
  if (input.personId === who.actor.personId) throw badRequest('BAD_ASSESSMENT', '不能考核本人');
  if (person.unitId === null || !person.active) throw badRequest('BAD_ASSESSMENT', '该人员不在本单位在职，不能考核');
  const problems = assessmentProblems(input, today(deps));
  if (problems.length) throw badRequest('BAD_ASSESSMENT', problems.join('；'), problems);
  const quarter = quarterOfMonth(input.month);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await lockPerson(tx, input.personId);
    if (await store.findConfirmation(tx, input.personId, quarter))
      throw conflict('QUARTER_CONFIRMED', `${quarterLabel(quarter)}已由考核委员会审定，${person.name}该季度的月度考核已冻结，不能再修改`);
    const before = await store.findAssessment(tx, input.personId, input.month);
    const values = {
      unitId: person.unitId!,
      grade: input.grade,
      comment: input.comment.trim(),
      assessedBy: who.actor.accountId,
      assessedByName: who.actor.displayName,
      updatedAt: now,
    };
    const [after] =
      input.version === 0
        ? await tx
            .insert(monthlyAssessments)
            .values({ personId: input.personId, month: input.month, ...values, createdAt: now })
            .onConflictDoNothing()
            .returning()
        : await tx
            .update(monthlyAssessments)
            .set({ ...values, version: input.version + 1 })
            .where(
              and(eq(monthlyAssessments.personId, input.personId), eq(monthlyAssessments.month, input.month), eq(monthlyAssessments.version, input.version)),
            )
            .returning();
    if (!after) throw conflict('STALE_VERSION', `${person.name}${input.month} 的考核已被他人修改，请刷新后重试`);
    await recordAudit(tx, deps, who, { action: 'assessment.save', targetType: 'monthly_assessment', targetId: after.id, before: before ?? null, after });
    return after;
  });
}

// ---- 季审定 (the assessment office for the committee)

/** Everyone with a monthly proposal or a confirmation in the quarter: the proposals, what they suggest, what stands. */
export async function quarterReview(deps: Deps, actor: Actor, asked?: string) {
  authorize(actor, 'records.all');
  const quarter = asked ?? lastEndedQuarter(today(deps));
  const months = monthsOfQuarter(quarter);
  const assessments = await store.assessmentsIn(deps.db, months);
  const confirmations = await store.confirmationsIn(deps.db, [quarter]);
  const ids = [...new Set([...assessments.map((a) => a.personId), ...confirmations.map((c) => c.personId)])];
  const persons = await store.peopleByIds(deps.db, ids);
  persons.sort((a, b) => (a.unitId ?? 0) - (b.unitId ?? 0) || a.id - b.id);
  return {
    quarter,
    months,
    // The committee confirms a quarter once it has ended.
    ended: today(deps) > quarterEnd(quarter),
    rows: persons.map((p) => {
      const proposals = assessments.filter((a) => a.personId === p.id);
      return {
        person: p,
        proposals,
        suggested: suggestedGrade(proposals),
        confirmation: confirmations.find((c) => c.personId === p.id) ?? null,
      };
    }),
  };
}

export async function confirmQuarter(deps: Deps, who: Acting, input: { personId: number; quarter: string; grade: CadreGrade; reason: string }) {
  authorize(who.actor, 'records.confirm');
  const person = await visiblePerson(deps.db, who.actor, input.personId);
  return deps.db.transaction(async (tx) => {
    await lockPerson(tx, input.personId);
    if (await store.findConfirmation(tx, input.personId, input.quarter))
      throw conflict('QUARTER_CONFIRMED', `${person.name}${quarterLabel(input.quarter)}的考核结果已审定，不能再修改`);
    const proposals = await store.assessmentsIn(tx, monthsOfQuarter(input.quarter), [input.personId]);
    const suggested = suggestedGrade(proposals);
    const problems = confirmationProblems({ ...input, suggested }, today(deps));
    if (problems.length) throw badRequest('BAD_CONFIRMATION', problems.join('；'), problems);
    const unitId = person.unitId ?? proposals.at(-1)?.unitId;
    if (unitId === undefined) throw badRequest('BAD_CONFIRMATION', '该人员不属于任何单位，不能审定');
    const [after] = await tx
      .insert(quarterConfirmations)
      .values({
        personId: input.personId,
        unitId,
        quarter: input.quarter,
        grade: input.grade,
        suggestedGrade: suggested,
        reason: input.reason.trim(),
        confirmedBy: who.actor.accountId,
        confirmedByName: who.actor.displayName,
        confirmedAt: deps.clock.now(),
      })
      .returning();
    await recordAudit(tx, deps, who, {
      action: 'quarter.confirm',
      targetType: 'quarter_confirmation',
      targetId: after!.id,
      after: { ...after!, gradeLabel: CADRE_GRADE_LABELS[input.grade] },
    });
    return after!;
  });
}
