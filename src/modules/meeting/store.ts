// Queries on the meeting's own tables (dates and notes), with the names and task states they show.
import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { units } from '../org/read.js';
import { tasks } from '../tasks/read.js';
import { meetingDates, meetingNotes } from './schema.js';

export async function findDate(db: Db, period: string) {
  const [row] = await db.select().from(meetingDates).where(eq(meetingDates.period, period));
  return row ?? null;
}

const created = alias(tasks, 'created_task');
const linked = alias(tasks, 'linked_task');

export function notesOf(db: Db, period: string) {
  return db
    .select({
      note: meetingNotes,
      unitName: units.name,
      linkedTitle: linked.title,
      task: { id: created.id, status: created.status, deadline: created.deadline, closedOn: created.closedOn },
    })
    .from(meetingNotes)
    .leftJoin(units, eq(units.id, meetingNotes.unitId))
    .leftJoin(linked, eq(linked.id, meetingNotes.taskId))
    .leftJoin(created, eq(created.id, meetingNotes.createdTaskId))
    .where(eq(meetingNotes.period, period))
    .orderBy(asc(meetingNotes.id));
}
export type NoteRow = Awaited<ReturnType<typeof notesOf>>[number];

export async function findNote(db: Db, id: number) {
  const [row] = await db.select().from(meetingNotes).where(eq(meetingNotes.id, id));
  return row ?? null;
}

const OPEN = ['assigned', 'signed', 'in_progress', 'closing_requested', 'returned'] as const;

/** Top-level tasks being chased whose deadline has passed (红灯), with their lead unit. */
export function redTasks(db: Db, today: string) {
  return db
    .select({ id: tasks.id, title: tasks.title, unitId: tasks.leadUnitId, unitName: units.name, deadline: tasks.deadline })
    .from(tasks)
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .where(and(isNull(tasks.parentId), inArray(tasks.status, [...OPEN]), lt(tasks.deadline, today)))
    .orderBy(asc(tasks.deadline), asc(tasks.id));
}
