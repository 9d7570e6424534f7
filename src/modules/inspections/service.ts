// 明察暗访: standing teams, the yearly and monthly plans, the visit record with photos and graded findings, and filing,
// which turns each problem into a rectification task (整改事项) through the tasks module, so it is chased like any
// task, and sends the leader in charge a reminder note (提示件). An unannounced inspection (暗访) answers 404 to the
// inspected unit until it is filed.
import crypto from 'node:crypto';
import { and, eq, type SQL } from 'drizzle-orm';
import { dayOf, monthOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import { authorize, can } from '../../permissions.js';
import type { FindingGrade, InspectionMethod, InspectionMode, InspectionStatus, PlanCycle } from '../../shared/labels.js';
import { fileStoreFor } from '../../storage/index.js';
import { recordAudit } from '../audit/service.js';
import { notify, roleAccounts, unitAccounts } from '../notify/service.js';
import { activeUnitIds } from '../org/read.js';
import { loadScope } from '../org/scope.js';
import { nominateHighlight } from '../stars/service.js';
import { checkUpload, thumbnailOf } from '../tasks/attachments.js';
import { createAssignedTask } from '../tasks/service.js';
import { fileProblems, type FindingInput, findingProblems, planProblems, recordProblems } from './rules.js';
import { inspectionFindings, inspectionPhotos, inspections, inspectionTeams, inspectionTeamUnits } from './schema.js';
import * as store from './store.js';

type Acting = Who & { actor: Actor };

const inspectionNotFound = () => notFound('INSPECTION_NOT_FOUND', '督查记录不存在');
const teamNotFound = () => notFound('INSPECTION_TEAM_NOT_FOUND', '督查组不存在');
const bad = (problems: string[]) => badRequest('BAD_INSPECTION', problems.join('；'), problems);
const today = (deps: Deps) => dayOf(deps.clock.now());

// ---- Teams (督查组)

export interface TeamInput {
  name: string;
  leadName: string;
  members: string[];
  unitIds: number[];
}

export async function listTeams(deps: Deps, actor: Actor) {
  authorize(actor, 'inspection.manage');
  return store.teamsWithUnits(deps.db);
}

async function checkTeam(deps: Deps, input: TeamInput) {
  const problems: string[] = [];
  if (!input.name.trim()) problems.push('请填写督查组名称');
  if (!input.leadName.trim()) problems.push('请填写组长');
  if (!input.unitIds.length) problems.push('请选择督查范围内的单位');
  const found = await activeUnitIds(deps.db, input.unitIds);
  if (found.length !== new Set(input.unitIds).size) problems.push('督查范围中有不存在或已停用的单位');
  if (problems.length) throw bad(problems);
}

const teamValues = (input: TeamInput) => ({
  name: input.name.trim(),
  leadName: input.leadName.trim(),
  members: input.members.map((m) => m.trim()).filter(Boolean),
});

export async function createTeam(deps: Deps, who: Acting, input: TeamInput) {
  authorize(who.actor, 'inspection.manage');
  await checkTeam(deps, input);
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(inspectionTeams)
      .values({ ...teamValues(input), createdAt: deps.clock.now() })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict('INSPECTION_TEAM_EXISTS', `已有名为“${input.name.trim()}”的督查组`);
    await tx.insert(inspectionTeamUnits).values([...new Set(input.unitIds)].map((unitId) => ({ teamId: row.id, unitId })));
    await recordAudit(tx, deps, who, {
      action: 'inspection_team.create',
      targetType: 'inspection_team',
      targetId: row.id,
      after: { ...row, unitIds: input.unitIds },
    });
    return row.id;
  });
  return (await store.teamsWithUnits(deps.db, eq(inspectionTeams.id, id)))[0]!;
}

export async function updateTeam(deps: Deps, who: Acting, id: number, input: TeamInput & { active: boolean; version: number }) {
  authorize(who.actor, 'inspection.manage');
  const [before] = await store.teamsWithUnits(deps.db, eq(inspectionTeams.id, id));
  if (!before) throw teamNotFound();
  await checkTeam(deps, input);
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(inspectionTeams)
      .set({ ...teamValues(input), active: input.active, version: input.version + 1 })
      .where(and(eq(inspectionTeams.id, id), eq(inspectionTeams.version, input.version)))
      .returning();
    if (!after) throw conflict('STALE_VERSION');
    await tx.delete(inspectionTeamUnits).where(eq(inspectionTeamUnits.teamId, id));
    await tx.insert(inspectionTeamUnits).values([...new Set(input.unitIds)].map((unitId) => ({ teamId: id, unitId })));
    await recordAudit(tx, deps, who, {
      action: 'inspection_team.update',
      targetType: 'inspection_team',
      targetId: id,
      before,
      after: { ...after, unitIds: input.unitIds },
    });
  });
  return (await store.teamsWithUnits(deps.db, eq(inspectionTeams.id, id)))[0]!;
}

// ---- Plans and records

export interface PlanInput {
  cycle: PlanCycle;
  period: string;
  teamId: number;
  unitId: number;
  subject: string;
  mode: InspectionMode;
  method: InspectionMethod;
  plannedOn: string | null;
}

async function checkArea(deps: Deps, teamId: number, unitId: number) {
  const [team] = await store.teamsWithUnits(deps.db, eq(inspectionTeams.id, teamId));
  if (!team?.active) throw badRequest('INSPECTION_TEAM_NOT_FOUND', '督查组不存在或已撤销');
  if (!team.units.some((u) => u.unitId === unitId)) {
    throw bad([`该单位不在“${team.name}”的督查范围内（${team.units.map((u) => u.unitName).join('、')}），请改派督查组或调整其督查范围`]);
  }
}

export async function listInspections(
  deps: Deps,
  actor: Actor,
  q: { period?: string; status?: InspectionStatus; unitId?: number; page: number; pageSize: number },
) {
  authorize(actor, 'inspection.read');
  const scope = await loadScope(deps.db, actor);
  const where: SQL | undefined = and(
    store.visibleWhere(scope),
    q.period ? eq(inspections.period, q.period) : undefined,
    q.status ? eq(inspections.status, q.status) : undefined,
    q.unitId ? eq(inspections.unitId, q.unitId) : undefined,
  );
  return store.listInspections(deps.db, where, q.page, q.pageSize);
}

// The inspection if the actor may see it: the county's side sees all; a unit its own, unannounced ones once filed.
async function loadVisible(deps: Deps, actor: Actor, id: number) {
  authorize(actor, 'inspection.read');
  const row = await store.findInspection(deps.db, id);
  if (!row) throw inspectionNotFound();
  const scope = await loadScope(deps.db, actor);
  if (!scope.all && !(scope.unitIds.has(row.inspection.unitId) && (row.inspection.mode === 'open' || row.inspection.status === 'filed'))) {
    throw inspectionNotFound();
  }
  return row;
}

export async function getInspection(deps: Deps, actor: Actor, id: number) {
  const row = await loadVisible(deps, actor, id);
  const [findings, photos] = await Promise.all([store.findingsOf(deps.db, id), store.photosOf(deps.db, id)]);
  return { ...row, findingList: findings, photos };
}

export async function planInspection(deps: Deps, who: Acting, input: PlanInput) {
  authorize(who.actor, 'inspection.manage');
  const problems = planProblems(input);
  if (problems.length) throw bad(problems);
  await checkArea(deps, input.teamId, input.unitId);
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(inspections)
      .values({ ...input, subject: input.subject.trim(), status: 'planned', createdAt: deps.clock.now(), createdBy: who.actor.accountId })
      .returning();
    await recordAudit(tx, deps, who, { action: 'inspection.plan', targetType: 'inspection', targetId: row!.id, after: row });
    return row!.id;
  });
  return getInspection(deps, who.actor, id);
}

async function loadOpen(deps: Deps, actor: Actor, id: number) {
  authorize(actor, 'inspection.manage');
  const row = await store.findInspection(deps.db, id);
  if (!row) throw inspectionNotFound();
  if (row.inspection.status === 'filed') throw conflict('ILLEGAL_TRANSITION', '该督查已归档，不能再修改');
  return row.inspection;
}

export interface RecordInput {
  visitedOn: string;
  place: string;
  peopleMet: string;
  observations: string;
  version: number;
}

export async function recordVisit(deps: Deps, who: Acting, id: number, input: RecordInput) {
  const before = await loadOpen(deps, who.actor, id);
  const problems = recordProblems(input, today(deps));
  if (problems.length) throw bad(problems);
  await checkArea(deps, before.teamId, before.unitId);
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(inspections)
      .set({
        visitedOn: input.visitedOn,
        place: input.place.trim(),
        peopleMet: input.peopleMet.trim(),
        observations: input.observations.trim(),
        version: input.version + 1,
      })
      .where(and(eq(inspections.id, id), eq(inspections.version, input.version), eq(inspections.status, 'planned')))
      .returning();
    if (!after) throw conflict('STALE_VERSION');
    await recordAudit(tx, deps, who, { action: 'inspection.record', targetType: 'inspection', targetId: id, before, after });
  });
  return getInspection(deps, who.actor, id);
}

export async function addFinding(deps: Deps, who: Acting, id: number, input: FindingInput) {
  const inspection = await loadOpen(deps, who.actor, id);
  const finding = { ...input, ownerUnitId: input.grade === 'good' ? null : input.ownerUnitId, deadline: input.grade === 'good' ? null : input.deadline };
  const problems = findingProblems(finding, today(deps));
  if (finding.ownerUnitId !== null && !(await activeUnitIds(deps.db, [finding.ownerUnitId])).length) problems.push('整改责任单位不存在或已停用');
  if (problems.length) throw bad(problems);
  await deps.db.transaction(async (tx) => {
    // Locking the inspection keeps a finding from slipping in beside a filing.
    const [locked] = await tx.select({ status: inspections.status }).from(inspections).where(eq(inspections.id, id)).for('update');
    if (locked!.status !== 'planned') throw conflict('ILLEGAL_TRANSITION', '该督查已归档，不能再修改');
    const [row] = await tx
      .insert(inspectionFindings)
      .values({
        inspectionId: inspection.id,
        grade: finding.grade,
        content: finding.content.trim(),
        ownerUnitId: finding.ownerUnitId,
        ownerName: finding.ownerName.trim(),
        deadline: finding.deadline,
        createdAt: deps.clock.now(),
      })
      .returning();
    await recordAudit(tx, deps, who, { action: 'inspection.finding', targetType: 'inspection', targetId: id, after: row });
  });
  return getInspection(deps, who.actor, id);
}

export async function removeFinding(deps: Deps, who: Acting, id: number, findingId: number) {
  await loadOpen(deps, who.actor, id);
  await deps.db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: inspections.status }).from(inspections).where(eq(inspections.id, id)).for('update');
    if (locked!.status !== 'planned') throw conflict('ILLEGAL_TRANSITION', '该督查已归档，不能再修改');
    const [gone] = await tx
      .delete(inspectionFindings)
      .where(and(eq(inspectionFindings.id, findingId), eq(inspectionFindings.inspectionId, id)))
      .returning();
    if (!gone) throw notFound('FINDING_NOT_FOUND', '该条发现不存在');
    await recordAudit(tx, deps, who, { action: 'inspection.finding_remove', targetType: 'inspection', targetId: id, before: gone });
  });
  return getInspection(deps, who.actor, id);
}

// ---- Photos

const MAX_PHOTOS = 30;

export async function addPhoto(deps: Deps, who: Acting, id: number, file: { name: string; bytes: Uint8Array }, meta: { takenAt?: Date; place: string }) {
  await loadOpen(deps, who.actor, id);
  const checked = checkUpload(file.name, file.bytes, deps.config);
  if (!checked.image) throw badRequest('FILE_TYPE_NOT_ALLOWED', '督查照片只能是 JPG 或 PNG 图片');
  const problems: string[] = [];
  if (!meta.place.trim()) problems.push('请填写拍摄地点');
  if (meta.takenAt && meta.takenAt > deps.clock.now()) problems.push('拍摄时间不能晚于现在');
  if (problems.length) throw bad(problems);
  const thumbnail = await thumbnailOf(file.bytes, checked.type);
  const now = deps.clock.now();
  const storageKey = `${dayOf(now).slice(0, 7).replace('-', '/')}/${crypto.randomUUID()}`;
  const thumbnailKey = `${storageKey}-thumb`;
  const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
  const files = fileStoreFor(deps.config);
  // Files first, then the row; on failure the files go again (as task attachments do).
  try {
    await files.put(storageKey, file.bytes);
    await files.put(thumbnailKey, thumbnail);
    await deps.db.transaction(async (tx) => {
      const [locked] = await tx.select({ status: inspections.status }).from(inspections).where(eq(inspections.id, id)).for('update');
      if (locked!.status !== 'planned') throw conflict('ILLEGAL_TRANSITION', '该督查已归档，不能再修改');
      if ((await store.photosOf(tx, id)).length >= MAX_PHOTOS) throw conflict('TOO_MANY_ATTACHMENTS', `每次督查最多 ${MAX_PHOTOS} 张照片`);
      const [row] = await tx
        .insert(inspectionPhotos)
        .values({
          inspectionId: id,
          fileName: checked.fileName,
          mime: checked.mime,
          size: file.bytes.length,
          sha256,
          storageKey,
          thumbnailKey,
          takenAt: meta.takenAt ?? now,
          place: meta.place.trim(),
          uploadedBy: who.actor.accountId,
          uploadedAt: now,
        })
        .returning();
      await recordAudit(tx, deps, who, {
        action: 'inspection.photo',
        targetType: 'inspection',
        targetId: id,
        after: { photoId: row!.id, fileName: checked.fileName, size: file.bytes.length, sha256, place: row!.place },
      });
    });
  } catch (err) {
    for (const key of [storageKey, thumbnailKey]) await files.delete(key).catch((e: unknown) => console.error(`无法删除未入库的文件 ${key}`, e));
    throw err;
  }
  return getInspection(deps, who.actor, id);
}

export async function openPhoto(deps: Deps, actor: Actor, id: number, photoId: number, thumbnail: boolean) {
  await loadVisible(deps, actor, id);
  const [photo] = (await store.photosOf(deps.db, id)).filter((p) => p.id === photoId);
  const key = thumbnail ? photo?.thumbnailKey : photo?.storageKey;
  if (!photo || !key) throw notFound('ATTACHMENT_NOT_FOUND', '照片不存在');
  return { photo, body: await fileStoreFor(deps.config).get(key) };
}

// ---- Filing (归档): problems become rectification tasks, the leader in charge gets the 提示件

const ITEM_LEVEL: Record<FindingGrade, 'general' | 'major'> = { good: 'general', problem: 'general', serious: 'major' };

export async function fileInspection(deps: Deps, who: Acting, id: number, version: number) {
  const inspection = await loadOpen(deps, who.actor, id);
  const findings = await store.findingsOf(deps.db, id);
  const problems = fileProblems(inspection, findings.length);
  if (problems.length) throw bad(problems);
  const leader = await store.leaderInCharge(deps.db, inspection.unitId);
  const now = deps.clock.now();
  const day = dayOf(now);
  const label = inspection.mode === 'unannounced' ? '暗访' : '明察';
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(inspections)
      .set({ status: 'filed', leaderId: leader?.id ?? null, filedAt: now, filedBy: who.actor.accountId, version: version + 1 })
      .where(and(eq(inspections.id, id), eq(inspections.version, version), eq(inspections.status, 'planned')))
      .returning();
    if (!after) throw conflict('STALE_VERSION');
    const created: number[] = [];
    for (const { finding: f } of findings) {
      if (f.grade === 'good') continue;
      // Chased like any task: assigned to the owner unit, due by the finding's deadline (moved to today if passed).
      const deadline = f.deadline! < day ? day : f.deadline!;
      const task = await createAssignedTask(tx, deps, who, {
        title: `整改：${f.content.length > 60 ? `${f.content.slice(0, 60)}…` : f.content}`,
        description: `${inspection.visitedOn} ${label}（${inspection.subject}）发现的问题：${f.content}`,
        source: 'inspection',
        categoryId: null,
        level: ITEM_LEVEL[f.grade],
        leadLeaderId: leader?.id ?? null,
        leadUnitId: f.ownerUnitId!,
        cooperators: [],
        responsiblePersonId: null,
        responsibleName: f.ownerName,
        responsiblePhone: '',
        startDate: day,
        deadline,
        standard: '问题整改到位，并报送整改情况及佐证材料',
        period: monthOf(deadline),
        milestones: [],
        indicators: [],
        tags: ['督查整改'],
        reportCadence: { kind: 'none' },
      });
      await tx.update(inspectionFindings).set({ taskId: task.id }).where(eq(inspectionFindings.id, f.id));
      created.push(task.id);
    }
    await recordAudit(tx, deps, who, {
      action: 'inspection.file',
      targetType: 'inspection',
      targetId: id,
      before: inspection,
      after: { ...after, taskIds: created },
    });
    const link = `/inspections/${id}`;
    const summary = `${findings.length} 条发现，其中问题 ${created.length} 条已列入整改事项`;
    if (leader) {
      await notify(tx, now, await roleAccounts(tx, [], [leader.personId]), {
        kind: 'inspection.reminder',
        title: `督查提示件：${inspection.subject}`,
        body: `${label}发现：${summary}。请阅提示件并督促整改。`,
        link,
      });
    }
    await notify(tx, now, await unitAccounts(tx, [inspection.unitId], ['unit_head', 'unit_liaison']), {
      kind: 'inspection.filed',
      title: `督查反馈：${inspection.subject}`,
      body: `${label}结果已反馈：${summary}，请按时限整改。`,
      link,
    });
  });
  return getInspection(deps, who.actor, id);
}

/** 申报亮点工作: the inspected unit puts a filed good practice forward, through the stars module. */
export async function proposeHighlight(deps: Deps, who: Acting, id: number, findingId: number) {
  // Refused before the finding's state is told (a role that may not nominate learns nothing of it).
  authorize(who.actor, 'highlight.nominate');
  const row = await loadVisible(deps, who.actor, id);
  const findings = await store.findingsOf(deps.db, id);
  const f = findings.find((x) => x.finding.id === findingId)?.finding;
  if (!f) throw notFound('FINDING_NOT_FOUND', '该条发现不存在');
  if (row.inspection.status !== 'filed' || f.grade !== 'good') throw conflict('ILLEGAL_TRANSITION', '只有已归档督查中的好的做法可以申报亮点工作');
  if (f.highlightId !== null) throw conflict('ILLEGAL_TRANSITION', '这条好的做法已申报亮点工作');
  const highlight = await nominateHighlight(deps, who, {
    cycle: 'month',
    period: monthOf(today(deps)),
    unitId: row.inspection.unitId,
    title: f.content.length > 40 ? `${f.content.slice(0, 40)}…` : f.content,
    description: f.content,
    evidence: `${row.inspection.visitedOn} 督查（${row.inspection.subject}）记录的好的做法`,
  });
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(inspectionFindings)
      .set({ highlightId: highlight.h.id })
      .where(and(eq(inspectionFindings.id, findingId), eq(inspectionFindings.inspectionId, id)))
      .returning();
    await recordAudit(tx, deps, who, { action: 'inspection.highlight', targetType: 'inspection', targetId: id, after });
  });
  return getInspection(deps, who.actor, id);
}

export const mayManage = (actor: Actor) => can(actor, 'inspection.manage');
