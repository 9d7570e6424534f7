import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Day } from '../../calendar/rules.js';
import type { Db } from '../../db/client.js';
import { accounts } from '../auth/read.js';
import { people, units } from '../org/read.js';
import { studyAttendance, studySessions } from './schema.js';

export type SessionRow = typeof studySessions.$inferSelect;
export type AttendanceRow = typeof studyAttendance.$inferSelect;

// Per session: make-ups still open and those of them past due, as of `today`.
const makeupCounts = (today: Day) => ({
  openMakeups: sql<number>`(select count(*)::int from ${studyAttendance} a where a.session_id = ${studySessions.id} and not a.present and a.made_up_on is null)`,
  overdueMakeups: sql<number>`(select count(*)::int from ${studyAttendance} a where a.session_id = ${studySessions.id} and not a.present and a.made_up_on is null and a.makeup_due < ${today})`,
  attended: sql<number>`(select count(*)::int from ${studyAttendance} a where a.session_id = ${studySessions.id} and a.present)`,
  absent: sql<number>`(select count(*)::int from ${studyAttendance} a where a.session_id = ${studySessions.id} and not a.present)`,
});

const sessionColumns = (today: Day) => ({
  id: studySessions.id,
  unitId: studySessions.unitId,
  unitName: units.name,
  kind: studySessions.kind,
  title: studySessions.title,
  day: studySessions.day,
  place: studySessions.place,
  topic: studySessions.topic,
  status: studySessions.status,
  version: studySessions.version,
  heldAt: studySessions.heldAt,
  ...makeupCounts(today),
});

export type SessionView = Awaited<ReturnType<typeof sessionPage>>['rows'][number];

export function sessionWhere(q: { unitIds: number[] | null; from?: Day; to?: Day }): SQL | undefined {
  return and(
    q.unitIds ? inArray(studySessions.unitId, q.unitIds.length ? q.unitIds : [0]) : undefined,
    q.from ? gte(studySessions.day, q.from) : undefined,
    q.to ? lte(studySessions.day, q.to) : undefined,
  );
}

export async function sessionPage(db: Db, today: Day, where: SQL | undefined, page: number, pageSize: number) {
  const [total] = await db.select({ n: count() }).from(studySessions).where(where);
  const rows = await db
    .select(sessionColumns(today))
    .from(studySessions)
    .innerJoin(units, eq(units.id, studySessions.unitId))
    .where(where)
    .orderBy(desc(studySessions.day), desc(studySessions.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total: total?.n ?? 0, rows };
}

/** Every session between two days (the activity calendar), oldest first. */
export function sessionsBetween(db: Db, today: Day, where: SQL | undefined) {
  return db
    .select(sessionColumns(today))
    .from(studySessions)
    .innerJoin(units, eq(units.id, studySessions.unitId))
    .where(where)
    .orderBy(asc(studySessions.day), asc(studySessions.id));
}

export async function findSession(db: Db, id: number) {
  const [row] = await db.select().from(studySessions).where(eq(studySessions.id, id));
  return row;
}

export function attendanceOf(db: Db, sessionId: number) {
  return db
    .select({
      id: studyAttendance.id,
      personId: studyAttendance.personId,
      name: people.name,
      title: people.title,
      present: studyAttendance.present,
      absenceReason: studyAttendance.absenceReason,
      makeupDue: studyAttendance.makeupDue,
      madeUpOn: studyAttendance.madeUpOn,
      makeupNote: studyAttendance.makeupNote,
    })
    .from(studyAttendance)
    .innerJoin(people, eq(people.id, studyAttendance.personId))
    .where(eq(studyAttendance.sessionId, sessionId))
    .orderBy(asc(studyAttendance.present), asc(people.id));
}

// The unit's people on its roll today: who a session's attendance is taken from.
export function roster(db: Db, unitId: number) {
  return db
    .select({ id: people.id, name: people.name, title: people.title })
    .from(people)
    .where(and(eq(people.unitId, unitId), eq(people.active, true)))
    .orderBy(asc(people.id));
}

export function accountsOfPeople(db: Db, personIds: number[]) {
  if (!personIds.length) return Promise.resolve([]);
  return db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(inArray(accounts.personId, personIds), eq(accounts.active, true)))
    .then((rows) => rows.map((r) => r.id));
}

export async function findMakeup(db: Db, id: number) {
  const [row] = await db
    .select({ item: studyAttendance, sessionDay: studySessions.day, sessionTitle: studySessions.title, sessionUnitId: studySessions.unitId })
    .from(studyAttendance)
    .innerJoin(studySessions, eq(studySessions.id, studyAttendance.sessionId))
    .where(and(eq(studyAttendance.id, id), eq(studyAttendance.present, false)));
  return row;
}

// A person's make-up items, open ones first.
export function makeupsOf(db: Db, personId: number) {
  return db
    .select({
      id: studyAttendance.id,
      sessionId: studySessions.id,
      sessionTitle: studySessions.title,
      sessionKind: studySessions.kind,
      sessionDay: studySessions.day,
      unitName: units.name,
      absenceReason: studyAttendance.absenceReason,
      makeupDue: studyAttendance.makeupDue,
      madeUpOn: studyAttendance.madeUpOn,
      makeupNote: studyAttendance.makeupNote,
    })
    .from(studyAttendance)
    .innerJoin(studySessions, eq(studySessions.id, studyAttendance.sessionId))
    .innerJoin(units, eq(units.id, studySessions.unitId))
    .where(and(eq(studyAttendance.personId, personId), eq(studyAttendance.present, false)))
    .orderBy(sql`${studyAttendance.madeUpOn} is not null`, asc(studyAttendance.makeupDue), asc(studyAttendance.id));
}

const tally = {
  total: sql<number>`count(*)::int`,
  present: sql<number>`count(*) filter (where ${studyAttendance.present})::int`,
  madeUp: sql<number>`count(*) filter (where not ${studyAttendance.present} and ${studyAttendance.madeUpOn} is not null)::int`,
  open: sql<number>`count(*) filter (where not ${studyAttendance.present} and ${studyAttendance.madeUpOn} is null)::int`,
};

const inYear = (from: Day, to: Day) => and(gte(studySessions.day, from), lte(studySessions.day, to));

/** Attendance tallies per unit over the held sessions between two days; units with none are left to the caller. */
export function unitTallies(db: Db, from: Day, to: Day, unitIds: number[] | null) {
  return db
    .select({
      unitId: studyAttendance.unitId,
      sessions: sql<number>`count(distinct ${studyAttendance.sessionId})::int`,
      ...tally,
    })
    .from(studyAttendance)
    .innerJoin(studySessions, eq(studySessions.id, studyAttendance.sessionId))
    .where(and(inYear(from, to), unitIds ? inArray(studyAttendance.unitId, unitIds.length ? unitIds : [0]) : undefined))
    .groupBy(studyAttendance.unitId);
}

export function personTallies(db: Db, from: Day, to: Day, unitId: number) {
  return db
    .select({ personId: studyAttendance.personId, name: people.name, title: people.title, ...tally })
    .from(studyAttendance)
    .innerJoin(studySessions, eq(studySessions.id, studyAttendance.sessionId))
    .innerJoin(people, eq(people.id, studyAttendance.personId))
    .where(and(inYear(from, to), eq(studyAttendance.unitId, unitId)))
    .groupBy(studyAttendance.personId, people.name, people.title, people.id)
    .orderBy(asc(people.id));
}

export function activeUnits(db: Db, unitIds: number[] | null) {
  return db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.active, true), unitIds ? inArray(units.id, unitIds.length ? unitIds : [0]) : undefined))
    .orderBy(asc(units.sortOrder), asc(units.id));
}

// Sessions planned per unit in a range (held ones are in the tallies).
export function plannedCounts(db: Db, from: Day, to: Day) {
  return db
    .select({ unitId: studySessions.unitId, n: sql<number>`count(*)::int` })
    .from(studySessions)
    .where(and(inYear(from, to), eq(studySessions.status, 'planned')))
    .groupBy(studySessions.unitId);
}

/** For the weekly notice: per unit, last week's held sessions and the make-ups open now. */
export async function weekFigures(db: Db, from: Day, to: Day) {
  const held = await db
    .select({ unitId: studyAttendance.unitId, ...tally })
    .from(studyAttendance)
    .innerJoin(studySessions, eq(studySessions.id, studyAttendance.sessionId))
    .where(and(gte(studySessions.day, from), lt(studySessions.day, to)))
    .groupBy(studyAttendance.unitId);
  const open = await db
    .select({ unitId: studyAttendance.unitId, n: sql<number>`count(*)::int` })
    .from(studyAttendance)
    .where(and(eq(studyAttendance.present, false), isNull(studyAttendance.madeUpOn)))
    .groupBy(studyAttendance.unitId);
  return { held, open };
}
