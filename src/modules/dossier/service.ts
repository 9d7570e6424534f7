// Each cadre's record (履责档案), the year's banding (分档排名) and the annual opinion (年度考核意见): use cases.
// The record reads the other modules through their read models; who sees a record follows the people's records
// (records/service.ts reachOf): one's own, a head their units' people, the two offices everyone.
import { and, eq } from 'drizzle-orm';
import { dayOf, type Day } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { saveSettingsRow } from '../../db/settings-row.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import { authorize } from '../../permissions.js';
import { GRADE_LABELS, REVIEW_GROUPS, type ReviewGroup } from '../../shared/labels.js';
import { yearAssessment } from '../assessment/read.js';
import { CLOSING_PART_KEY } from '../assessment/rules.js';
import { recordAudit } from '../audit/service.js';
import { needsAdjustment } from '../chasing/interview-rules.js';
import { frontlineDayCount, yearGrades } from '../records/read.js';
import { mayRead } from '../records/rules.js';
import { reachOf } from '../records/service.js';
import { awardedStarsOfYear } from '../stars/read.js';
import { honours } from '../stars/service.js';
import {
  bandAll,
  bandingProblems,
  changeProblems,
  personOpinion,
  personScore,
  unitOpinion,
  type BandingRule,
  type OpinionText,
  type PersonFacts,
  type TaskCounts,
} from './rules.js';
import { annualOpinionChanges, annualOpinions, dossierSettings, OPINION_FIELDS, type OpinionField } from './schema.js';
import * as store from './store.js';

type Acting = Who & { actor: Actor };

const today = (deps: Deps): Day => dayOf(deps.clock.now());
const yearFrom = (year: number) => new Date(`${year}-01-01T00:00:00+08:00`);
const yearTo = (year: number) => new Date(`${year}-12-31T23:59:59.999+08:00`);

// ---- The banding rule (考核办)

export async function getRule(deps: Deps, actor: Actor) {
  authorize(actor, 'dossier.band');
  const { rule, version } = await store.getSettings(deps.db);
  return { rule, version };
}

export async function saveRule(deps: Deps, who: Acting, input: { rule: BandingRule; version: number }) {
  authorize(who.actor, 'dossier.settings');
  const rule = { ...input.rule, bands: input.rule.bands.map((b) => ({ name: b.name.trim(), share: b.share })) };
  const problems = bandingProblems(rule);
  if (problems.length) throw badRequest('BAD_BANDING_RULE', problems.join('；'), problems);
  await deps.db.transaction(async (tx) => {
    const before = await store.getSettings(tx);
    const after = await saveSettingsRow(tx, dossierSettings, input.version, { rule, updatedAt: deps.clock.now() });
    if (!after) throw conflict('STALE_VERSION', '分档规则已被他人修改，请刷新后重试');
    await recordAudit(tx, deps, who, { action: 'banding_rule.update', targetType: 'dossier_settings', targetId: 1, before, after });
  });
  return getRule(deps, who.actor);
}

// ---- Tasks owned and their state

type TaskState = 'on_time' | 'late' | 'open_late' | 'open';

function taskState(t: { status: string; deadline: string; closedLate: boolean }, day: Day): TaskState {
  if (t.status === 'closed') return t.closedLate ? 'late' : 'on_time';
  return t.deadline < day ? 'open_late' : 'open';
}

function countTasks(states: TaskState[]): TaskCounts {
  return {
    onTime: states.filter((s) => s === 'on_time').length,
    late: states.filter((s) => s === 'late' || s === 'open_late').length,
    open: states.filter((s) => s === 'open' || s === 'open_late').length,
  };
}

// ---- The year's banding

const NO_TASKS = { onTime: 0, late: 0, open: 0, sheets: 0, referrals: 0 };

/** Everyone's facts of the year (people with a task due in it or a grade), scored by the rule, then banded. */
async function yearBanding(deps: Deps, actor: Actor, year: number) {
  const day = today(deps);
  const { rule } = await store.getSettings(deps.db);
  // Counted in the database per owner (a province has some 400,000 tasks due in a year and 100,000 owners).
  const [owners, grades, interviewRows, stars] = await Promise.all([
    store.yearOwnerFacts(deps.db, year, day, yearFrom(year), yearTo(year)),
    yearGrades(deps.db, year),
    store.yearInterviews(deps.db, year),
    awardedStarsOfYear(deps.db, year),
  ]);
  const heldBy = new Map<number, typeof interviewRows>();
  for (const i of interviewRows) if (i.status === 'held' && i.heldOn) heldBy.set(i.personId!, [...(heldBy.get(i.personId!) ?? []), i]);
  const ownerOf = new Map(owners.map((o) => [o.personId, o]));
  const gradedOnly = [...grades.quarters.keys()].filter((id) => !ownerOf.has(id));
  const persons = [...owners, ...(await store.peopleByIds(deps.db, gradedOnly)).map((p) => ({ ...p, personId: p.id, ...NO_TASKS }))];
  const lines = persons.map((p) => {
    const held = heldBy.get(p.personId) ?? [];
    const facts: PersonFacts = {
      tasks: { onTime: p.onTime, late: p.late, open: p.open },
      grades: (grades.quarters.get(p.personId) ?? []).map((q) => q.grade),
      stars: stars.get(p.personId) ?? 0,
      interviews: held.length,
    };
    return {
      id: p.personId,
      name: p.name,
      title: p.title,
      unitId: p.unitId,
      unitName: p.unitName,
      ...facts,
      sheets: p.sheets,
      referrals: p.referrals,
      twoInterviews: needsAdjustment(held.filter((h) => h.level !== 'admonishment').map((h) => h.heldOn!)),
      score: personScore(facts, rule),
    };
  });
  const personBands = new Map(
    bandAll(
      lines.map((l) => ({ id: l.id, score: l.score, flagged: l.twoInterviews })),
      rule,
    ).map((b) => [b.id, b]),
  );
  const personRows = lines
    .map((l) => ({ ...l, rank: personBands.get(l.id)!.rank, band: personBands.get(l.id)!.band }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.id - b.id);

  // Units: the year assessment's totals, banded within each group (a town's and a department's scores are not comparable).
  const assessment = await yearAssessment(deps.db, String(year), day);
  const unitRows = REVIEW_GROUPS.flatMap((group: ReviewGroup) => {
    // A unit with no month scored and no part entered has no total yet (a draft year counts it 0, which would rank it).
    const rows = assessment.rows
      .filter((r) => r.group === group)
      .map((r) => ({ ...r, total: r.recordItems.length || r.parts.some((p) => p.key !== CLOSING_PART_KEY && p.points !== null) ? r.total : null }));
    const bands = bandAll(
      rows.map((r) => ({ id: r.unitId, score: r.total, flagged: r.flagged })),
      rule,
    );
    const ranked = bands.filter((b) => b.rank !== null).length;
    const bandOf = new Map(bands.map((b) => [b.id, b]));
    return rows
      .map((r) => {
        const b = bandOf.get(r.unitId)!;
        return { unitId: r.unitId, name: r.name, group, total: r.total, grade: r.grade, flagged: r.flagged, rank: b.rank, band: b.band, ranked };
      })
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  });
  return { year, rule, assessmentStatus: assessment.status, units: unitRows, persons: personRows };
}

/** One page of each list, in rank order, with their totals: the rank is over everyone's scores, so all are banded first. */
export async function bands(deps: Deps, actor: Actor, q: { year?: number; unitPage: number; personPage: number; pageSize: number }) {
  authorize(actor, 'dossier.band');
  const b = await yearBanding(deps, actor, q.year ?? Number(today(deps).slice(0, 4)));
  const page = <T>(rows: T[], n: number) => rows.slice((n - 1) * q.pageSize, n * q.pageSize);
  return { ...b, units: page(b.units, q.unitPage), unitTotal: b.units.length, persons: page(b.persons, q.personPage), personTotal: b.persons.length };
}

// ---- A person's record of a year

export async function personRecord(deps: Deps, actor: Actor, personId: number, year?: number) {
  authorize(actor, 'dossier.read');
  const person = await store.findPerson(deps.db, personId);
  if (!person || !mayRead(await reachOf(deps.db, actor), { personId, unitId: person.unitId })) throw notFound('PERSON_NOT_FOUND_IN_RECORDS');
  const y = year ?? Number(today(deps).slice(0, 4));
  const day = today(deps);
  const taskRows = await store.yearTasks(deps.db, y, { personId, leaderId: person.leaderId });
  const [sheets, interviews, grades, frontlineDays, honoured] = await Promise.all([
    store.sheetsOn(
      deps.db,
      taskRows.map((t) => t.id),
      yearFrom(y),
      yearTo(y),
    ),
    store.yearInterviews(deps.db, y, personId),
    yearGrades(deps.db, y, [personId]),
    frontlineDayCount(deps.db, personId, y),
    honours(deps, actor, { personId }),
  ]);
  const highlights = person.unitId === null ? [] : (await honours(deps, actor, { unitId: person.unitId })).highlights;
  const tasks = taskRows.map((t) => ({
    id: t.id,
    title: t.title,
    leadUnitName: t.leadUnitName,
    deadline: t.deadline,
    closedOn: t.closedOn,
    as: t.responsiblePersonId === personId ? ('responsible' as const) : ('leader' as const),
    state: taskState(t, day),
  }));
  // The band only for the offices that band: a cadre's own page shows the facts, not the county's ranking.
  let band: { rank: number | null; band: string | null; score: number | null; ranked: number } | null = null;
  if (actor.roles.some((r) => r === 'assessment' || r === 'office')) {
    const b = await yearBanding(deps, actor, y);
    const line = b.persons.find((p) => p.id === personId);
    band = {
      rank: line?.rank ?? null,
      band: line?.band == null ? null : b.rule.bands[line.band]!.name,
      score: line?.score ?? null,
      ranked: b.persons.filter((p) => p.rank !== null).length,
    };
  }
  return {
    person: { id: person.id, name: person.name, title: person.title, unitId: person.unitId, unitName: person.unitName },
    year: y,
    counts: { ...countTasks(tasks.map((t) => t.state)), sheets: sheets.length, interviews: interviews.length, frontlineDays },
    tasks,
    sheets: sheets.map((s) => ({ ...s, taskTitle: taskRows.find((t) => t.id === s.taskId)!.title })),
    stars: honoured.stars.filter((s) => s.n.period.startsWith(`${y}-`)).map((s) => ({ period: s.n.period, citation: s.n.citation, unitName: s.unitName })),
    highlights: highlights
      .filter((h) => h.h.period.startsWith(`${y}`))
      .map((h) => ({ period: h.h.period, cycle: h.h.cycle, title: h.h.title, unitName: h.unitName })),
    interviews: interviews.map((i) => ({ id: i.id, level: i.level, status: i.status, reason: i.reason, heldOn: i.heldOn })),
    assessments: grades.assessments.map((a) => ({ month: a.month, grade: a.grade, comment: a.comment, assessedByName: a.assessedByName })),
    quarters: grades.quarters.get(personId) ?? [],
    band,
  };
}

export type PersonRecord = Awaited<ReturnType<typeof personRecord>>;

export function myRecord(deps: Deps, actor: Actor, year?: number) {
  authorize(actor, 'dossier.read');
  if (actor.personId === null) throw badRequest('NO_PERSON_LINKED');
  return personRecord(deps, actor, actor.personId, year);
}

// ---- Annual opinions (考核办)

const opinionNotFound = () => notFound('OPINION_NOT_FOUND');

type Change = typeof annualOpinionChanges.$inferSelect;

// The text that stands: as issued (or drafted), with each field's latest correction.
function present(o: store.OpinionRow, changes: Change[]) {
  const corrections = changes.filter((c) => c.kind === 'correction');
  const standing = Object.fromEntries(OPINION_FIELDS.map((f) => [f, corrections.filter((c) => c.field === f).at(-1)?.after ?? o[f]])) as Record<
    OpinionField,
    string
  >;
  return { ...o, standing, changes };
}

export async function listOpinions(deps: Deps, actor: Actor, asked?: number) {
  authorize(actor, 'opinion.read');
  const year = asked ?? Number(today(deps).slice(0, 4));
  const rows = await store.opinionsOf(deps.db, year);
  const changes = await store.changesOf(
    deps.db,
    rows.map((r) => r.id),
  );
  return {
    year,
    items: rows.map((r) =>
      present(
        r,
        changes.filter((c) => c.opinionId === r.id),
      ),
    ),
  };
}

export async function getOpinion(deps: Deps, actor: Actor, id: number) {
  authorize(actor, 'opinion.read');
  const row = await store.findOpinion(deps.db, id);
  if (!row) throw opinionNotFound();
  return present(row, await store.changesOf(deps.db, [id]));
}

/** Drafts the year's opinion of every reviewed unit and every banded person not drafted yet (one already drafted is kept). */
export async function draftOpinions(deps: Deps, who: Acting, year: number) {
  authorize(who.actor, 'opinion.manage');
  const b = await yearBanding(deps, who.actor, year);
  const heads = await store.unitHeads(deps.db);
  const ranked = b.persons.filter((p) => p.rank !== null).length;
  const twice = new Set(b.persons.filter((p) => p.twoInterviews).map((p) => p.id));
  const drafts: (OpinionText & { subject: 'unit' | 'person'; subjectId: number; subjectName: string; context: string; rank: number | null; basis: string })[] =
    [
      ...b.units.map((u) => {
        const head = heads.find((h) => h.unitId === u.unitId && twice.has(h.personId!));
        return {
          subject: 'unit' as const,
          subjectId: u.unitId,
          subjectName: u.name,
          context: u.group === 'town' ? '乡镇（街道）' : '县直单位',
          rank: u.rank,
          basis: u.total === null ? '年度考核尚无得分' : `年度考核 ${u.total.toFixed(2)} 分`,
          ...unitOpinion(
            {
              year,
              total: u.total,
              gradeLabel: u.total === null ? null : GRADE_LABELS[u.grade],
              band: u.band,
              rank: u.rank,
              ranked: u.ranked,
              flagged: u.flagged,
              headTwoInterviews: head?.name ?? null,
            },
            b.rule,
          ),
        };
      }),
      ...b.persons.map((p) => ({
        subject: 'person' as const,
        subjectId: p.id,
        subjectName: p.name,
        context: [p.unitName ?? '县领导', p.title].filter(Boolean).join(' '),
        rank: p.rank,
        basis: p.score === null ? '无可评价的任务和等次' : `综合得分 ${p.score.toFixed(2)}`,
        ...personOpinion({ ...p, year, ranked }, b.rule),
      })),
    ];
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const written = drafts.length
      ? await tx
          .insert(annualOpinions)
          .values(drafts.map((d) => ({ ...d, year, status: 'draft' as const, draftedBy: who.actor.accountId, draftedAt: now })))
          .onConflictDoNothing()
          .returning({ id: annualOpinions.id })
      : [];
    await recordAudit(tx, deps, who, {
      action: 'opinion.draft',
      targetType: 'annual_opinions',
      targetId: year,
      after: { year, drafted: written.length, kept: drafts.length - written.length },
    });
    return { year, drafted: written.length, kept: drafts.length - written.length };
  });
}

type Changes = Partial<Record<OpinionField, string>>;

export async function editOpinion(deps: Deps, who: Acting, id: number, input: { changes: Changes; reason: string; version: number }) {
  authorize(who.actor, 'opinion.manage');
  const problems = changeProblems(input);
  if (problems.length) throw badRequest('BAD_OPINION_CHANGE', problems.join('；'), problems);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await store.findOpinion(tx, id);
    if (!before) throw opinionNotFound();
    if (before.status === 'issued')
      throw conflict('OPINION_ISSUED', `${before.subjectName}${before.year}年度考核意见已印发，已冻结，不能再修改；如需更正，请登记更正并写明理由`);
    const fields = OPINION_FIELDS.filter((f) => input.changes[f] !== undefined && input.changes[f]!.trim() !== before[f]);
    if (!fields.length) throw badRequest('BAD_OPINION_CHANGE', '修改后的内容与原内容相同');
    const set = Object.fromEntries(fields.map((f) => [f, input.changes[f]!.trim()]));
    const [after] = await tx
      .update(annualOpinions)
      .set({ ...set, version: input.version + 1 })
      .where(and(eq(annualOpinions.id, id), eq(annualOpinions.version, input.version), eq(annualOpinions.status, 'draft')))
      .returning();
    if (!after) throw conflict('STALE_VERSION', `${before.subjectName}的考核意见已被他人修改，请刷新后重试`);
    await tx.insert(annualOpinionChanges).values(
      fields.map((field) => ({
        opinionId: id,
        kind: 'edit' as const,
        field,
        before: before[field],
        after: after[field],
        reason: input.reason.trim(),
        changedBy: who.actor.accountId,
        changedByName: who.actor.displayName,
        changedAt: now,
      })),
    );
    await recordAudit(tx, deps, who, {
      action: 'opinion.edit',
      targetType: 'annual_opinion',
      targetId: id,
      before,
      after: { ...after, reason: input.reason.trim() },
    });
  });
  return getOpinion(deps, who.actor, id);
}

export async function issueOpinion(deps: Deps, who: Acting, id: number, input: { version: number }) {
  authorize(who.actor, 'opinion.manage');
  await deps.db.transaction(async (tx) => {
    const before = await store.findOpinion(tx, id);
    if (!before) throw opinionNotFound();
    if (before.status === 'issued') throw conflict('OPINION_ISSUED', `${before.subjectName}${before.year}年度考核意见已印发，不能重复印发`);
    const [after] = await tx
      .update(annualOpinions)
      .set({ status: 'issued', issuedAt: deps.clock.now(), issuedBy: who.actor.accountId, issuedByName: who.actor.displayName, version: input.version + 1 })
      .where(and(eq(annualOpinions.id, id), eq(annualOpinions.version, input.version), eq(annualOpinions.status, 'draft')))
      .returning();
    if (!after) throw conflict('STALE_VERSION', `${before.subjectName}的考核意见已被他人修改，请刷新后重试`);
    await recordAudit(tx, deps, who, { action: 'opinion.issue', targetType: 'annual_opinion', targetId: id, before, after });
  });
  return getOpinion(deps, who.actor, id);
}

/** 更正: an issued opinion stays as issued; the correction stands beside it with its reason. */
export async function correctOpinion(deps: Deps, who: Acting, id: number, input: { field: OpinionField; text: string; reason: string }) {
  authorize(who.actor, 'opinion.manage');
  const problems = changeProblems({ changes: { [input.field]: input.text }, reason: input.reason });
  if (problems.length) throw badRequest('BAD_OPINION_CHANGE', problems.join('；'), problems);
  await deps.db.transaction(async (tx) => {
    const opinion = await store.findOpinion(tx, id);
    if (!opinion) throw opinionNotFound();
    if (opinion.status !== 'issued') throw badRequest('BAD_OPINION_CHANGE', '考核意见尚未印发，请直接修改草稿');
    const standing = present(opinion, await store.changesOf(tx, [id])).standing[input.field];
    if (standing === input.text.trim()) throw badRequest('BAD_OPINION_CHANGE', '更正后的内容与原内容相同');
    const [row] = await tx
      .insert(annualOpinionChanges)
      .values({
        opinionId: id,
        kind: 'correction',
        field: input.field,
        before: standing,
        after: input.text.trim(),
        reason: input.reason.trim(),
        changedBy: who.actor.accountId,
        changedByName: who.actor.displayName,
        changedAt: deps.clock.now(),
      })
      .returning();
    await recordAudit(tx, deps, who, { action: 'opinion.correct', targetType: 'annual_opinion', targetId: id, after: row });
  });
  return getOpinion(deps, who.actor, id);
}

export type OpinionView = Awaited<ReturnType<typeof getOpinion>>;
