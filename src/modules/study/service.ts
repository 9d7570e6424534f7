// 学习台账 use cases: a unit plans its study sessions and records who attended; each absentee gets a make-up item
// (补学) and a reminder; everyone records their own make-up; heads and offices see completion by unit and person;
// the periodic work sends a weekly attendance notice, claimed per week.
import { and, eq, isNull } from 'drizzle-orm';
import { addCalendarDays, dayOf, type Day } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import { authorize, can, inScope } from '../../permissions.js';
import { STUDY_KIND_LABELS, type StudyKind } from '../../shared/labels.js';
import { recordAudit } from '../audit/service.js';
import { notify, roleAccounts, unitAccounts } from '../notify/service.js';
import { loadScope } from '../org/scope.js';
import { attendanceProblems, completionRate, makeupDue, makeupProblems, mondayOf, sessionColour, sessionProblems } from './rules.js';
import { studyAttendance, studySessions, studyWeeklyNotices } from './schema.js';
import * as store from './store.js';

type Acting = Who & { actor: Actor };

const today = (deps: Deps): Day => dayOf(deps.clock.now());
const sessionMissing = () => notFound('STUDY_SESSION_NOT_FOUND');

async function scopeIds(db: Db, actor: Actor): Promise<number[] | null> {
  const scope = await loadScope(db, actor);
  return scope.all ? null : [...scope.unitIds];
}

const withColour = (s: store.SessionView, now: Day) => ({ ...s, colour: sessionColour(s, now) });

export async function listSessions(deps: Deps, actor: Actor, q: { unitId?: number; from?: Day; to?: Day; page: number; pageSize: number }) {
  authorize(actor, 'study.read');
  const ids = await scopeIds(deps.db, actor);
  const unitIds = q.unitId ? (ids === null || ids.includes(q.unitId) ? [q.unitId] : []) : ids;
  const now = today(deps);
  const { total, rows } = await store.sessionPage(deps.db, now, store.sessionWhere({ unitIds, from: q.from, to: q.to }), q.page, q.pageSize);
  return { total, items: rows.map((r) => withColour(r, now)) };
}

async function visibleSession(db: Db, actor: Actor, id: number) {
  const session = await store.findSession(db, id);
  if (!session || !inScope(await loadScope(db, actor), session.unitId)) throw sessionMissing();
  return session;
}

export async function getSession(deps: Deps, actor: Actor, id: number) {
  authorize(actor, 'study.read');
  await visibleSession(deps.db, actor, id);
  const now = today(deps);
  const [view] = await store.sessionsBetween(deps.db, now, eq(studySessions.id, id));
  const attendance = await store.attendanceOf(deps.db, id);
  const roster = view!.status === 'planned' ? await store.roster(deps.db, view!.unitId) : [];
  return { ...withColour(view!, now), attendance, roster, mayManage: can(actor, 'study.manage') };
}

export async function createSession(
  deps: Deps,
  who: Acting,
  input: { unitId: number; kind: StudyKind; title: string; day: Day; place: string; topic: string },
) {
  authorize(who.actor, 'study.manage');
  if (!inScope(await loadScope(deps.db, who.actor), input.unitId)) throw notFound('ARCHIVE_UNIT_NOT_FOUND');
  const problems = sessionProblems(input, today(deps));
  if (problems.length) throw badRequest('BAD_STUDY_SESSION', problems.join('；'), problems);
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(studySessions)
      .values({
        unitId: input.unitId,
        kind: input.kind,
        title: input.title.trim(),
        day: input.day,
        place: input.place.trim(),
        topic: input.topic.trim(),
        createdBy: who.actor.accountId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, deps, who, { action: 'study_session.create', targetType: 'study_session', targetId: row!.id, after: row });
    return row!.id;
  });
  return getSession(deps, who.actor, id);
}

/**
 * Records a held session: everyone on the unit's roll is present except those named absent. Each absentee gets a
 * make-up item due in two weeks and a reminder in their inbox (and the unit's liaison a copy), in one transaction.
 */
export async function recordAttendance(deps: Deps, who: Acting, id: number, input: { version: number; absent: { personId: number; reason: string }[] }) {
  authorize(who.actor, 'study.manage');
  const session = await visibleSession(deps.db, who.actor, id);
  if (session.status !== 'planned') throw conflict('ILLEGAL_TRANSITION', '该学习活动已登记出勤');
  const roster = await store.roster(deps.db, session.unitId);
  const problems = attendanceProblems(
    session,
    today(deps),
    roster.map((p) => p.id),
    input.absent,
  );
  if (problems.length) throw badRequest('BAD_STUDY_SESSION', problems.join('；'), problems);
  const now = deps.clock.now();
  const due = makeupDue(session.day);
  const reasons = new Map(input.absent.map((a) => [a.personId, a.reason.trim()]));
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(studySessions)
      .set({ status: 'held', heldAt: now, version: session.version + 1, updatedAt: now })
      .where(and(eq(studySessions.id, id), eq(studySessions.version, input.version), eq(studySessions.status, 'planned')))
      .returning();
    if (!after) throw conflict('STALE_VERSION', '该学习活动已被他人修改，请刷新后重试');
    if (roster.length)
      await tx.insert(studyAttendance).values(
        roster.map((p) => ({
          sessionId: id,
          personId: p.id,
          unitId: session.unitId,
          present: !reasons.has(p.id),
          absenceReason: reasons.get(p.id) ?? '',
          makeupDue: reasons.has(p.id) ? due : null,
        })),
      );
    const absentees = roster.filter((p) => reasons.has(p.id));
    if (absentees.length) {
      const message = {
        kind: 'study.makeup',
        title: `请于 ${due} 前补学：${session.title}`,
        body: `${session.day} ${STUDY_KIND_LABELS[session.kind]}“${session.title}”您未参加，请在 ${due} 前完成补学并登记。`,
        link: '/study?tab=mine',
      };
      await notify(
        tx,
        now,
        await store.accountsOfPeople(
          tx,
          absentees.map((p) => p.id),
        ),
        message,
      );
      await notify(
        tx,
        now,
        await unitAccounts(tx, [session.unitId], ['unit_liaison']),
        {
          ...message,
          title: `${absentees.length} 人需补学：${session.title}`,
          body: `缺席：${absentees.map((p) => p.name).join('、')}，补学截止 ${due}。`,
          link: `/study/${id}`,
        },
        { inboxOnly: true },
      );
    }
    await recordAudit(tx, deps, who, {
      action: 'study_session.attendance',
      targetType: 'study_session',
      targetId: id,
      before: { status: session.status },
      after: { status: 'held', present: roster.length - absentees.length, absentIds: absentees.map((p) => p.id) },
    });
  });
  return getSession(deps, who.actor, id);
}

/** The absentee records their make-up, or the unit's head or liaison does it for them. */
export async function recordMakeup(deps: Deps, who: Acting, id: number, input: { day: Day; note: string }) {
  authorize(who.actor, 'study.makeup');
  const found = await store.findMakeup(deps.db, id);
  const own = found !== undefined && who.actor.personId === found.item.personId;
  const forUnit = found !== undefined && can(who.actor, 'study.manage') && inScope(await loadScope(deps.db, who.actor), found.sessionUnitId);
  if (!found || !(own || forUnit)) throw notFound('STUDY_MAKEUP_NOT_FOUND');
  if (found.item.madeUpOn) throw conflict('ILLEGAL_TRANSITION', `已于 ${found.item.madeUpOn} 登记补学`);
  const problems = makeupProblems(input, found, today(deps));
  if (problems.length) throw badRequest('BAD_STUDY_SESSION', problems.join('；'), problems);
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(studyAttendance)
      .set({ madeUpOn: input.day, makeupNote: input.note.trim(), makeupBy: who.actor.accountId })
      .where(and(eq(studyAttendance.id, id), isNull(studyAttendance.madeUpOn)))
      .returning();
    if (!after) throw conflict('STALE_VERSION', '补学已被他人登记，请刷新后查看');
    await recordAudit(tx, deps, who, { action: 'study_makeup.record', targetType: 'study_attendance', targetId: id, before: found.item, after });
  });
  return myMakeupsOf(deps, found.item.personId);
}

async function myMakeupsOf(deps: Deps, personId: number) {
  const now = today(deps);
  return (await store.makeupsOf(deps.db, personId)).map((m) => ({ ...m, overdue: !m.madeUpOn && m.makeupDue !== null && m.makeupDue < now }));
}

export async function myMakeups(deps: Deps, actor: Actor) {
  authorize(actor, 'study.read');
  if (actor.personId === null) return [];
  return myMakeupsOf(deps, actor.personId);
}

/** Completion of a year: per unit in the reader's scope, and per person of one unit when asked. */
export async function completion(deps: Deps, actor: Actor, q: { year: number; unitId?: number }) {
  authorize(actor, 'study.read');
  const ids = await scopeIds(deps.db, actor);
  const from = `${q.year}-01-01`;
  const to = `${q.year}-12-31`;
  const tallies = new Map((await store.unitTallies(deps.db, from, to, ids)).map((t) => [t.unitId, t]));
  const planned = new Map((await store.plannedCounts(deps.db, from, to)).map((p) => [p.unitId, p.n]));
  const units = (await store.activeUnits(deps.db, ids)).map((u) => {
    const t = tallies.get(u.id) ?? { sessions: 0, total: 0, present: 0, madeUp: 0, open: 0 };
    return { unitId: u.id, unitName: u.name, held: t.sessions, planned: planned.get(u.id) ?? 0, ...t, rate: completionRate(t) };
  });
  let people: { personId: number; name: string; title: string; total: number; present: number; madeUp: number; open: number; rate: number | null }[] = [];
  if (q.unitId) {
    if (ids !== null && !ids.includes(q.unitId)) throw notFound('ARCHIVE_UNIT_NOT_FOUND');
    people = (await store.personTallies(deps.db, from, to, q.unitId)).map((p) => ({ ...p, rate: completionRate(p) }));
  }
  return { year: q.year, units, people };
}

/**
 * The weekly attendance notice: on the first tick of a week, last week's attendance and the open make-ups go to each
 * unit's head and liaison (units with something to report), and a county summary to the two offices. The week is
 * claimed by its row, so a second tick or process sends nothing.
 */
export async function weeklyNotice(deps: Deps, who: Who): Promise<{ studyNotices: number }> {
  const now = deps.clock.now();
  const week = mondayOf(dayOf(now));
  const from = addCalendarDays(week, -7);
  return deps.db.transaction(async (tx) => {
    const [claimed] = await tx.insert(studyWeeklyNotices).values({ week, sentAt: now, units: 0 }).onConflictDoNothing().returning();
    if (!claimed) return { studyNotices: 0 };
    const { held, open } = await store.weekFigures(tx, from, week);
    const openBy = new Map(open.map((o) => [o.unitId, o.n]));
    const unitIds = [...new Set([...held.map((h) => h.unitId), ...open.map((o) => o.unitId)])];
    for (const unitId of unitIds) {
      const h = held.find((x) => x.unitId === unitId);
      const line = h
        ? `上周（${from} 至 ${addCalendarDays(week, -1)}）应到 ${h.total} 人次，实到 ${h.present} 人次，缺席 ${h.total - h.present} 人次。`
        : '上周未开展学习活动。';
      await notify(tx, now, await unitAccounts(tx, [unitId], ['unit_head', 'unit_liaison']), {
        kind: 'study.weekly',
        title: `学习出勤周报（${from} 起）`,
        body: `${line}目前待补学 ${openBy.get(unitId) ?? 0} 人次。`,
        link: '/study?tab=completion',
      });
    }
    const total = held.reduce((a, h) => a + h.total, 0);
    const present = held.reduce((a, h) => a + h.present, 0);
    const openTotal = open.reduce((a, o) => a + o.n, 0);
    await notify(tx, now, await roleAccounts(tx, ['office', 'assessment']), {
      kind: 'study.weekly',
      title: `全县学习出勤周报（${from} 起）`,
      body: `上周 ${held.length} 个单位开展学习，应到 ${total} 人次，实到 ${present} 人次；全县待补学 ${openTotal} 人次。`,
      link: '/study?tab=completion',
    });
    await tx.update(studyWeeklyNotices).set({ units: unitIds.length }).where(eq(studyWeeklyNotices.week, week));
    await recordAudit(tx, deps, who, {
      action: 'study.weekly_notice',
      targetType: 'study_weekly_notice',
      targetId: week,
      after: { week, units: unitIds.length },
    });
    return { studyNotices: 1 };
  });
}
