// 月点评会: the meeting's date, its pack (assembled on request from the review, lottery, stars and tasks read models,
// from two working days before the meeting), and the instructions and commitments recorded at it. A commitment turned
// into a task (转为任务) becomes an assigned task through the tasks module and is chased like any other.
import { and, eq, isNull } from 'drizzle-orm';
import { dayOf, monthOf } from '../../calendar/rules.js';
import { loadCalendar } from '../../calendar/service.js';
import type { Actor, Deps, Who } from '../../context.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import { attachment } from '../../format.js';
import { authorize } from '../../permissions.js';
import { recordAudit } from '../audit/service.js';
import { drawnUnits } from '../lottery/read.js';
import { activeUnitIds } from '../org/read.js';
import { monthReview } from '../review/read.js';
import { issuingOffice } from '../notice/service.js';
import { monthHonours } from '../stars/read.js';
import { tasks } from '../tasks/read.js';
import { createAssignedTask } from '../tasks/service.js';
import { buildPackDocx, packTitle } from './docx.js';
import { assemblePack, defaultMeetingDate, meetingDateProblem, type NoteInput, noteProblems, packClosedReason, packOpensOn, previousPeriod } from './rules.js';
import { meetingDates, meetingNotes } from './schema.js';
import * as store from './store.js';
import { monthInspections, type FiledInspection } from '../inspections/read.js';

type Acting = Who & { actor: Actor };

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
function checkPeriod(period: string) {
  if (!PERIOD.test(period)) throw badRequest('BAD_PERIOD', '月份格式应为 YYYY-MM');
}
const noteNotFound = () => notFound('MEETING_NOTE_NOT_FOUND', '批示或承诺不存在');

async function schedule(deps: Deps, period: string) {
  const [cal, row] = await Promise.all([loadCalendar(deps.db), store.findDate(deps.db, period)]);
  const meetingDate = row?.meetingDate ?? defaultMeetingDate(cal, period);
  const opensOn = packOpensOn(cal, meetingDate);
  const today = dayOf(deps.clock.now());
  return {
    period,
    meetingDate,
    isDefault: !row,
    opensOn,
    available: packClosedReason(period, meetingDate, opensOn, today) === null,
    version: row?.version ?? 0,
    today,
  };
}

/** The month's meeting: its date, when the pack opens, and the instructions and commitments recorded so far. */
export async function getMeeting(deps: Deps, actor: Actor, period: string) {
  authorize(actor, 'meeting.read');
  checkPeriod(period);
  const { today: _today, ...s } = await schedule(deps, period);
  return { ...s, notes: await store.notesOf(deps.db, period) };
}

export async function setDate(deps: Deps, who: Acting, period: string, input: { meetingDate: string; version: number }) {
  authorize(who.actor, 'meeting.manage');
  checkPeriod(period);
  const problem = meetingDateProblem(period, input.meetingDate);
  if (problem) throw badRequest('BAD_MEETING', problem);
  await deps.db.transaction(async (tx) => {
    const before = await store.findDate(tx, period);
    const values = { meetingDate: input.meetingDate, version: input.version + 1, updatedAt: deps.clock.now(), updatedBy: who.actor.accountId };
    const [after] =
      input.version === 0
        ? await tx
            .insert(meetingDates)
            .values({ period, ...values })
            .onConflictDoNothing()
            .returning()
        : await tx
            .update(meetingDates)
            .set(values)
            .where(and(eq(meetingDates.period, period), eq(meetingDates.version, input.version)))
            .returning();
    if (!after) throw conflict('STALE_VERSION');
    await recordAudit(tx, deps, who, { action: 'meeting.set_date', targetType: 'meeting', targetId: period, before, after });
  });
  return getMeeting(deps, who.actor, period);
}

/** Month M's pack, assembled now; refused (409) before it opens. */
export async function getPack(deps: Deps, actor: Actor, period: string) {
  authorize(actor, 'meeting.read');
  checkPeriod(period);
  const s = await schedule(deps, period);
  const reason = packClosedReason(period, s.meetingDate, s.opensOn, s.today);
  if (reason) throw conflict('MEETING_PACK_NOT_READY', reason);
  const [review, red, drawn, honours, past, visits] = await Promise.all([
    monthReview(deps.db, period, s.today),
    store.redTasks(deps.db, s.today),
    drawnUnits(deps.db, period),
    monthHonours(deps.db, period),
    store.notesOf(deps.db, previousPeriod(period)),
    monthInspections(deps.db, period),
  ]);
  const pack = assemblePack(
    {
      ranking: review.rows.map((r) => ({
        unitId: r.unitId,
        unitName: r.unitName,
        group: r.group,
        rank: r.correctedRank ?? r.rank,
        score: r.correctedScore ?? r.score,
      })),
      red,
      drawn,
      bottom: review.bottom.map((b) => ({ group: b.group, units: b.confirmed ?? b.proposed, confirmed: b.confirmed !== null })),
      past: past
        .filter((n) => n.note.kind === 'commitment')
        .map((n) => ({ id: n.note.id, content: n.note.content, unitName: n.unitName ?? '', dueDate: n.note.dueDate, task: n.task?.id ? n.task : null })),
    },
    s.today,
  );
  return {
    period,
    meetingDate: s.meetingDate,
    reviewStatus: review.status,
    ...pack,
    honours: honours.map((h) => ({ kind: h.kind, unitId: h.unitId, unitName: review.rows.find((r) => r.unitId === h.unitId)?.unitName ?? '', label: h.label })),
    leaderStars: review.stars.map((l) => ({ leaderName: l.leaderName, position: l.position, led: l.led, stars: l.stars })),
    instructions: past.filter((n) => n.note.kind === 'instruction').map((n) => ({ id: n.note.id, content: n.note.content, leaderName: n.note.leaderName })),
    findings: findingsByUnit(visits),
  };
}

// The month's filed inspection findings (明察暗访), by inspected unit: problems with their rectification items, then
// good practice.
function findingsByUnit(visits: FiledInspection[]) {
  const byUnit = new Map<number, { unitId: number; unitName: string; problems: PackFinding[]; good: PackFinding[] }>();
  for (const v of visits)
    for (const f of v.findings) {
      const unit = byUnit.get(v.unitId) ?? { unitId: v.unitId, unitName: v.unitName, problems: [], good: [] };
      byUnit.set(v.unitId, unit);
      const finding = {
        grade: f.grade,
        content: f.content,
        subject: v.subject,
        mode: v.mode,
        visitedOn: v.visitedOn,
        deadline: f.deadline,
        taskId: f.task?.id ?? null,
      };
      (f.grade === 'good' ? unit.good : unit.problems).push(finding);
    }
  return [...byUnit.values()];
}

type PackFinding = {
  grade: FiledInspection['findings'][number]['grade'];
  content: string;
  subject: string;
  mode: FiledInspection['mode'];
  visitedOn: string;
  deadline: string | null;
  taskId: number | null;
};

/** The pack as a Word document, with this meeting's instructions and commitments once recorded; each download audited. */
export async function packDocx(deps: Deps, who: Acting, period: string) {
  const pack = await getPack(deps, who.actor, period);
  const notes = await store.notesOf(deps.db, period);
  const data = await buildPackDocx(pack, notes, issuingOffice(deps.config.countyName));
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, who, {
      action: 'meeting.pack_download',
      targetType: 'meeting',
      targetId: period,
      after: { reviewStatus: pack.reviewStatus, notes: notes.length, bytes: data.length },
    }),
  );
  return { data, disposition: attachment(`${packTitle(period)}.docx`, `meeting-pack-${period}.docx`) };
}

export async function addNote(deps: Deps, who: Acting, period: string, input: NoteInput & { taskId: number | null }) {
  authorize(who.actor, 'meeting.manage');
  checkPeriod(period);
  const today = dayOf(deps.clock.now());
  const problems = noteProblems(input, today);
  if (problems.length) throw badRequest('BAD_MEETING', problems.join('；'), problems);
  if (input.unitId !== null && !(await activeUnitIds(deps.db, [input.unitId])).includes(input.unitId)) throw badRequest('UNIT_NOT_FOUND', '单位不存在或已停用');
  if (input.taskId !== null) {
    const [task] = await deps.db.select({ id: tasks.id }).from(tasks).where(eq(tasks.id, input.taskId));
    if (!task) throw badRequest('TASK_NOT_FOUND', '关联的事项不存在');
  }
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(meetingNotes)
      .values({
        period,
        kind: input.kind,
        content: input.content.trim(),
        leaderName: input.kind === 'instruction' ? input.leaderName.trim() : '',
        unitId: input.kind === 'commitment' ? input.unitId : null,
        dueDate: input.kind === 'commitment' ? input.dueDate : null,
        taskId: input.taskId,
        createdAt: deps.clock.now(),
        createdBy: who.actor.accountId,
      })
      .returning();
    await recordAudit(tx, deps, who, { action: `meeting.${input.kind}`, targetType: 'meeting_note', targetId: row!.id, after: row });
    return row!.id;
  });
  return (await store.notesOf(deps.db, period)).find((n) => n.note.id === id)!;
}

/** 转为任务: the commitment becomes an assigned task of its unit, due when promised; the note keeps the task's id. */
export async function commitmentToTask(deps: Deps, who: Acting, id: number, version: number) {
  authorize(who.actor, 'meeting.manage');
  const note = await store.findNote(deps.db, id);
  if (!note) throw noteNotFound();
  if (note.kind !== 'commitment') throw conflict('ILLEGAL_TRANSITION', '只有承诺可以转为任务');
  if (note.createdTaskId !== null) throw conflict('ILLEGAL_TRANSITION', `该承诺已转为任务 #${note.createdTaskId}`);
  if (note.version !== version) throw conflict('STALE_VERSION');
  const today = dayOf(deps.clock.now());
  const deadline = note.dueDate! < today ? today : note.dueDate!;
  await deps.db.transaction(async (tx) => {
    const task = await createAssignedTask(tx, deps, who, {
      title: note.content,
      description: `${note.period} 月点评会上作出的承诺${note.taskId ? `（针对事项 #${note.taskId}）` : ''}。`,
      source: 'meeting',
      categoryId: null,
      level: 'general',
      leadLeaderId: null,
      leadUnitId: note.unitId!,
      cooperators: [],
      responsiblePersonId: null,
      responsibleName: '',
      responsiblePhone: '',
      startDate: today,
      deadline,
      standard: '落实月点评会承诺',
      period: monthOf(deadline),
      milestones: [],
      indicators: [],
      tags: ['月点评会'],
      reportCadence: { kind: 'none' },
    });
    const [after] = await tx
      .update(meetingNotes)
      .set({ createdTaskId: task.id, version: version + 1 })
      .where(and(eq(meetingNotes.id, id), eq(meetingNotes.version, version), isNull(meetingNotes.createdTaskId)))
      .returning();
    if (!after) throw conflict('STALE_VERSION');
    await recordAudit(tx, deps, who, {
      action: 'meeting.to_task',
      targetType: 'meeting_note',
      targetId: id,
      before: { createdTaskId: null },
      after: { createdTaskId: task.id },
    });
  });
  return (await store.notesOf(deps.db, note.period)).find((n) => n.note.id === id)!;
}
