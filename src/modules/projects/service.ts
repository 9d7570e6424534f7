// Key projects (重点项目): the register, its steps (工序) with planned and actual dates, the monthly investment, a
// step's link to a ledger task (so the chasing follows it), and dated site photos for the comparison (影像比绩).
import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import exifr from 'exifr';
import { type Day, dayOf, monthOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { attachment } from '../../format.js';
import { badRequest, conflict, forbidden, notFound } from '../../errors.js';
import { authorize, type Scope } from '../../permissions.js';
import { fileStoreFor } from '../../storage/index.js';
import { checkUpload, thumbnailOf } from '../../storage/uploads.js';
import { recordAudit } from '../audit/service.js';
import { activeUnitIds, isActiveLeader } from '../org/read.js';
import { loadScope } from '../org/scope.js';
import { createAssignedTask, loadVisibleTask } from '../tasks/service.js';
import {
  actualDateProblems,
  comparisonPair,
  exifDay,
  PERIOD,
  previousMonth,
  type ProjectInput,
  projectColour,
  projectProblems,
  stepColour,
  stepDue,
  stepPlanProblems,
  yearCurve,
} from './rules.js';
import { buildComparisonDocx } from './docx.js';
import { projectInvestments, projectPhotos, projects, projectSteps } from './schema.js';
import { summarise } from './read.js';
import * as store from './store.js';

type Acting = Who & { actor: Actor };

const projectNotFound = () => notFound('PROJECT_NOT_FOUND', '项目不存在');
const stepNotFound = () => notFound('PROJECT_STEP_NOT_FOUND', '工序不存在');
const today = (deps: Deps): Day => dayOf(deps.clock.now());
const inScope = (scope: Scope, unitId: number) => scope.all || scope.unitIds.has(unitId);

export interface ProjectFields extends ProjectInput {
  leadLeaderId: number | null;
  leadUnitId: number;
  responsibleName: string;
  responsiblePhone: string;
  address: string;
}

export interface StepFields {
  phase: string;
  seq: number;
  name: string;
  plannedStart: string;
  plannedDays: number;
  unitId: number;
  personName: string;
  phone: string;
}

/** The project if the actor sees it (its lead unit or a step's unit in scope); else the same 404 as a missing one. */
async function loadVisibleProject(deps: Deps, actor: Actor, id: number) {
  authorize(actor, 'project.read');
  const [found, scope] = await Promise.all([store.findProject(deps.db, id), loadScope(deps.db, actor)]);
  if (!found) throw projectNotFound();
  const steps = await store.stepsOf(deps.db, [id]);
  if (!inScope(scope, found.project.leadUnitId) && !steps.some((s) => inScope(scope, s.step.unitId))) throw projectNotFound();
  return { ...found, steps, scope };
}

// Units report on what they carry: the lead unit on the whole project, a step's unit on its step; the office on all.
function checkReporter(actor: Actor, scope: Scope, unitIds: number[]) {
  authorize(actor, 'project.report');
  if (!unitIds.some((u) => inScope(scope, u))) throw forbidden('只有项目牵头单位或工序承担单位可以填报');
}

async function checkProjectFields(deps: Deps, input: ProjectFields) {
  const problems = projectProblems(input);
  if (!input.responsibleName.trim()) problems.push('请填写项目责任人');
  if (problems.length) throw badRequest('BAD_PROJECT', problems.join('；'), problems);
  if (input.leadLeaderId !== null && !(await isActiveLeader(deps.db, input.leadLeaderId))) throw badRequest('LEADER_NOT_FOUND', '牵头领导不存在或已离任');
  if ((await activeUnitIds(deps.db, [input.leadUnitId])).length === 0) throw badRequest('UNIT_NOT_FOUND', '牵头单位不存在或已停用');
}

async function checkStepFields(deps: Deps, input: StepFields) {
  const problems = stepPlanProblems(input);
  if (problems.length) throw badRequest('BAD_PROJECT_STEP', problems.join('；'), problems);
  if ((await activeUnitIds(deps.db, [input.unitId])).length === 0) throw badRequest('UNIT_NOT_FOUND', '承担单位不存在或已停用');
}

const presentStep = (s: { step: store.StepRow; unitName: string }, day: Day) => ({
  ...s.step,
  unitName: s.unitName,
  dueDate: stepDue(s.step),
  colour: stepColour(s.step, day),
});

export const presentPhoto = (p: store.PhotoRow) => ({
  id: p.id,
  projectId: p.projectId,
  takenOn: p.takenOn,
  dateSource: p.dateSource,
  latitude: p.latitude,
  longitude: p.longitude,
  caption: p.caption,
  fileName: p.fileName,
});

export async function listProjects(deps: Deps, actor: Actor, q: { page: number; pageSize: number }) {
  authorize(actor, 'project.read');
  const scope = await loadScope(deps.db, actor);
  const { total, rows } = await store.projectPage(deps.db, scope, q.page, q.pageSize);
  return { total, items: await summarise(deps.db, rows, today(deps)) };
}

/** One project: its register entry, steps with their date nodes and colours, the year's investment curve, its photos. */
export async function getProject(deps: Deps, actor: Actor, id: number, year?: number) {
  const found = await loadVisibleProject(deps, actor, id);
  const day = today(deps);
  const y = year ?? Number(day.slice(0, 4));
  const [months, totals, photos] = await Promise.all([
    store.investmentsOf(deps.db, [id], `${y}-01`, `${y}-12`),
    store.doneTotals(deps.db, [id]),
    store.photosOf(deps.db, [id]),
  ]);
  const curve = yearCurve(y, months);
  const leads = inScope(found.scope, found.project.leadUnitId);
  return {
    ...found,
    steps: found.steps.map((s) => presentStep(s, day)),
    colour: projectColour(
      found.steps.map((s) => s.step),
      day,
    ),
    year: y,
    curve: curve.map((c) => ({ ...c, version: months.find((m) => m.period === c.period)?.version ?? 0 })),
    plannedThisYear: curve.at(-1)!.plannedSum,
    doneThisYear: curve.at(-1)!.doneSum,
    cumulative: found.project.investmentBefore + (totals[0]?.done ?? 0),
    photos: photos.map(presentPhoto),
    canManage: actor.roles.includes('office'),
    canReport: actor.roles.some((r) => r === 'office' || ((r === 'unit_head' || r === 'unit_liaison' || r === 'cadre') && leads)),
  };
}

export async function createProject(deps: Deps, who: Acting, input: ProjectFields) {
  authorize(who.actor, 'project.manage');
  await checkProjectFields(deps, input);
  const row = await deps.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(projects)
      .values({ ...input, name: input.name.trim(), createdAt: deps.clock.now(), createdBy: who.actor.accountId })
      .returning();
    await recordAudit(tx, deps, who, { action: 'project.create', targetType: 'project', targetId: inserted!.id, after: inserted });
    return inserted!;
  });
  return getProject(deps, who.actor, row.id);
}

export async function updateProject(deps: Deps, who: Acting, id: number, input: ProjectFields & { version: number }) {
  authorize(who.actor, 'project.manage');
  const { project: before } = await loadVisibleProject(deps, who.actor, id);
  await checkProjectFields(deps, input);
  const { version, ...fields } = input;
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(projects)
      .set({ ...fields, name: fields.name.trim(), version: version + 1 })
      .where(and(eq(projects.id, id), eq(projects.version, version)))
      .returning();
    if (!after) throw conflict('STALE_VERSION');
    await recordAudit(tx, deps, who, { action: 'project.update', targetType: 'project', targetId: id, before, after });
  });
  return getProject(deps, who.actor, id);
}

export async function addStep(deps: Deps, who: Acting, projectId: number, input: StepFields) {
  authorize(who.actor, 'project.manage');
  await loadVisibleProject(deps, who.actor, projectId);
  await checkStepFields(deps, input);
  await deps.db.transaction(async (tx) => {
    const [step] = await tx
      .insert(projectSteps)
      .values({ ...input, projectId })
      .returning();
    await recordAudit(tx, deps, who, { action: 'project.step_add', targetType: 'project', targetId: projectId, after: step });
  });
  return getProject(deps, who.actor, projectId);
}

async function loadVisibleStep(deps: Deps, actor: Actor, stepId: number) {
  authorize(actor, 'project.read');
  const step = await store.findStep(deps.db, stepId);
  if (!step) throw stepNotFound();
  const project = await loadVisibleProject(deps, actor, step.projectId).catch(() => {
    throw stepNotFound();
  });
  return { step, project };
}

export async function updateStep(deps: Deps, who: Acting, stepId: number, input: StepFields & { version: number }) {
  authorize(who.actor, 'project.manage');
  const { step: before } = await loadVisibleStep(deps, who.actor, stepId);
  await checkStepFields(deps, input);
  const { version, ...fields } = input;
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(projectSteps)
      .set({ ...fields, version: version + 1 })
      .where(and(eq(projectSteps.id, stepId), eq(projectSteps.version, version)))
      .returning();
    if (!after) throw conflict('STALE_VERSION');
    await recordAudit(tx, deps, who, { action: 'project.step_update', targetType: 'project_step', targetId: stepId, before, after });
  });
  return getProject(deps, who.actor, before.projectId);
}

/** A step entered by mistake, removed before its work begins; once begun it is part of the record (change its plan). */
export async function removeStep(deps: Deps, who: Acting, stepId: number) {
  authorize(who.actor, 'project.manage');
  const { step } = await loadVisibleStep(deps, who.actor, stepId);
  await deps.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(projectSteps).where(eq(projectSteps.id, stepId)).for('update');
    if (!locked) throw stepNotFound();
    if (locked.actualStart) throw conflict('ILLEGAL_TRANSITION', `工序“${locked.name}”已填报实际开始日期，不能删除；如计划有误，请修改工序计划`);
    await tx.delete(projectSteps).where(eq(projectSteps.id, stepId));
    await recordAudit(tx, deps, who, { action: 'project.step_remove', targetType: 'project_step', targetId: stepId, before: locked });
  });
  return getProject(deps, who.actor, step.projectId);
}

/** The unit enters a step's actual start and end (on its phone, at the site). */
export async function setStepActual(deps: Deps, who: Acting, stepId: number, input: { actualStart: string | null; actualEnd: string | null; version: number }) {
  const { step: before, project } = await loadVisibleStep(deps, who.actor, stepId);
  checkReporter(who.actor, project.scope, [before.unitId, project.project.leadUnitId]);
  const problems = actualDateProblems(input, today(deps));
  if (problems.length) throw badRequest('BAD_PROJECT_STEP', problems.join('；'), problems);
  await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(projectSteps)
      .set({ actualStart: input.actualStart, actualEnd: input.actualEnd, version: input.version + 1 })
      .where(and(eq(projectSteps.id, stepId), eq(projectSteps.version, input.version)))
      .returning();
    if (!after) throw conflict('STALE_VERSION');
    await recordAudit(tx, deps, who, {
      action: 'project.step_actual',
      targetType: 'project_step',
      targetId: stepId,
      before: { actualStart: before.actualStart, actualEnd: before.actualEnd },
      after: { actualStart: after.actualStart, actualEnd: after.actualEnd },
    });
  });
  return getProject(deps, who.actor, before.projectId);
}

/**
 * Links a step to a ledger task so the chasing follows it: an existing task the office sees, or (no `taskId`) a new
 * task assigned to the step's unit with the step's date node as its deadline, made in the same transaction.
 */
export async function linkStepTask(deps: Deps, who: Acting, stepId: number, input: { taskId: number | null; version: number }) {
  authorize(who.actor, 'project.manage');
  const { step, project } = await loadVisibleStep(deps, who.actor, stepId);
  if (step.taskId !== null) throw conflict('STEP_ALREADY_LINKED', `该工序已关联事项 #${step.taskId}`);
  if (step.version !== input.version) throw conflict('STALE_VERSION');
  if (input.taskId !== null) await loadVisibleTask(deps, who.actor, input.taskId);
  const day = today(deps);
  const due = stepDue(step);
  await deps.db.transaction(async (tx) => {
    const taskId =
      input.taskId ??
      (
        await createAssignedTask(tx, deps, who, {
          title: `${project.project.name}：${step.name}`,
          description: `重点项目“${project.project.name}”${step.phase}的工序“${step.name}”，计划 ${step.plannedStart} 开始、工期 ${step.plannedDays} 天。`,
          source: 'major_decision',
          categoryId: null,
          level: 'major',
          leadLeaderId: project.project.leadLeaderId,
          leadUnitId: step.unitId,
          cooperators: [],
          responsiblePersonId: null,
          responsibleName: step.personName,
          responsiblePhone: step.phone,
          startDate: step.plannedStart < day ? day : step.plannedStart,
          deadline: due < day ? day : due,
          standard: `按时间节点完成工序“${step.name}”`,
          period: monthOf(due < day ? day : due),
          milestones: [],
          indicators: [],
          tags: ['重点项目'],
          reportCadence: { kind: 'none' },
        })
      ).id;
    const [after] = await tx
      .update(projectSteps)
      .set({ taskId, version: input.version + 1 })
      .where(and(eq(projectSteps.id, stepId), eq(projectSteps.version, input.version), isNull(projectSteps.taskId)))
      .returning();
    if (!after) throw conflict('STALE_VERSION');
    await recordAudit(tx, deps, who, {
      action: 'project.step_link',
      targetType: 'project_step',
      targetId: stepId,
      after: { taskId, created: input.taskId === null },
    });
  });
  return getProject(deps, who.actor, step.projectId);
}

/** A month's investment: the office sets the plan, the lead unit reports what was done (万元). */
export async function setInvestment(
  deps: Deps,
  who: Acting,
  projectId: number,
  period: string,
  input: { planned: number; done: number | null; version: number },
) {
  const found = await loadVisibleProject(deps, who.actor, projectId);
  if (!PERIOD.test(period)) throw badRequest('BAD_PERIOD', '月份格式应为 YYYY-MM');
  checkReporter(who.actor, found.scope, [found.project.leadUnitId]);
  if (period > monthOf(today(deps)) && input.done !== null) throw badRequest('BAD_INVESTMENT', '尚未到的月份不能填报完成投资');
  const [before] = await store.investmentsOf(deps.db, [projectId], period, period);
  if ((before?.planned ?? 0) !== input.planned) authorize(who.actor, 'project.manage');
  const values = { planned: input.planned, done: input.done, version: input.version + 1, updatedAt: deps.clock.now(), updatedBy: who.actor.accountId };
  await deps.db.transaction(async (tx) => {
    const [after] =
      input.version === 0
        ? await tx
            .insert(projectInvestments)
            .values({ projectId, period, ...values })
            .onConflictDoNothing()
            .returning()
        : await tx
            .update(projectInvestments)
            .set(values)
            .where(and(eq(projectInvestments.projectId, projectId), eq(projectInvestments.period, period), eq(projectInvestments.version, input.version)))
            .returning();
    if (!after) throw conflict('STALE_VERSION');
    await recordAudit(tx, deps, who, {
      action: 'project.investment',
      targetType: 'project',
      targetId: projectId,
      before: before ? { period, planned: before.planned, done: before.done } : null,
      after: { period, planned: after.planned, done: after.done },
    });
  });
  return getProject(deps, who.actor, projectId, Number(period.slice(0, 4)));
}

/** Date and place from the photo's EXIF, when it carries them; a photo without EXIF (or unreadable) gives nulls. */
export async function photoFacts(bytes: Uint8Array): Promise<{ takenOn: Day | null; latitude: number | null; longitude: number | null }> {
  const exif = (await exifr
    .parse(Buffer.from(bytes), {
      pick: ['DateTimeOriginal', 'CreateDate', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'],
      reviveValues: false,
    })
    .catch(() => null)) as Record<string, unknown> | null | undefined;
  const coordinate = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    takenOn: exifDay(exif?.DateTimeOriginal) ?? exifDay(exif?.CreateDate),
    latitude: coordinate(exif?.latitude),
    longitude: coordinate(exif?.longitude),
  };
}

/**
 * A site photo. The day it was taken: the EXIF date, else the day the uploader gives, else today; never ahead.
 * Files first, then the row; on failure the files go again (as task attachments do).
 */
export async function uploadPhoto(
  deps: Deps,
  who: Acting,
  projectId: number,
  file: { name: string; bytes: Uint8Array },
  input: { takenOn: string | null; caption: string },
) {
  const found = await loadVisibleProject(deps, who.actor, projectId);
  checkReporter(who.actor, found.scope, [found.project.leadUnitId, ...found.steps.map((s) => s.step.unitId)]);
  const checked = checkUpload(file.name, file.bytes, deps.config);
  if (!checked.image) throw badRequest('FILE_TYPE_NOT_ALLOWED', '只能上传 JPG、PNG 照片');
  const day = today(deps);
  if (input.takenOn !== null && !(/^\d{4}-\d{2}-\d{2}$/.test(input.takenOn) && input.takenOn <= day))
    throw badRequest('BAD_PROJECT_PHOTO', '拍摄日期不正确或晚于今天');
  const facts = await photoFacts(file.bytes);
  const exifDate = facts.takenOn !== null && facts.takenOn <= day ? facts.takenOn : null;
  const takenOn = exifDate ?? input.takenOn ?? day;
  const dateSource = exifDate ? 'exif' : input.takenOn ? 'entered' : 'upload';
  const thumbnail = await thumbnailOf(file.bytes, checked.type);
  const storageKey = `projects/${day.slice(0, 7).replace('-', '/')}/${crypto.randomUUID()}`;
  const thumbnailKey = `${storageKey}-thumb`;
  const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
  const files = fileStoreFor(deps.config);
  try {
    await files.put(storageKey, file.bytes);
    await files.put(thumbnailKey, thumbnail);
    const row = await deps.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(projectPhotos)
        .values({
          projectId,
          takenOn,
          dateSource,
          latitude: facts.latitude,
          longitude: facts.longitude,
          caption: input.caption.trim(),
          fileName: checked.fileName,
          mime: checked.mime,
          size: file.bytes.length,
          sha256,
          storageKey,
          thumbnailKey,
          uploadedBy: who.actor.accountId,
          uploadedAt: deps.clock.now(),
        })
        .returning();
      await recordAudit(tx, deps, who, {
        action: 'project.photo_upload',
        targetType: 'project',
        targetId: projectId,
        after: { photoId: inserted!.id, takenOn, dateSource, fileName: checked.fileName, size: file.bytes.length, sha256 },
      });
      return inserted!;
    });
    return presentPhoto(row);
  } catch (err) {
    for (const key of [storageKey, thumbnailKey]) await files.delete(key).catch((e: unknown) => console.error(`无法删除未入库的文件 ${key}`, e));
    throw err;
  }
}

export async function openPhoto(deps: Deps, actor: Actor, projectId: number, photoId: number, thumbnail: boolean) {
  await loadVisibleProject(deps, actor, projectId);
  const photo = await store.findPhoto(deps.db, projectId, photoId);
  if (!photo) throw notFound('PROJECT_PHOTO_NOT_FOUND', '照片不存在');
  return { photo, body: await fileStoreFor(deps.config).get(thumbnail ? photo.thumbnailKey : photo.storageKey) };
}

/** 影像比绩 for a month: every project in scope, the month's latest photo beside the one before it. */
export async function monthComparison(deps: Deps, actor: Actor, asked?: string) {
  authorize(actor, 'project.read');
  const period = asked ?? monthOf(today(deps));
  if (!PERIOD.test(period)) throw badRequest('BAD_PERIOD', '月份格式应为 YYYY-MM');
  const scope = await loadScope(deps.db, actor);
  const rows = await store.allVisible(deps.db, scope);
  const ids = rows.map((r) => r.project.id);
  const [photos, steps] = await Promise.all([store.photosOf(deps.db, ids), store.stepsOf(deps.db, ids)]);
  const day = today(deps);
  return {
    period,
    previous: previousMonth(period),
    items: rows.map((r) => {
      const pair = comparisonPair(
        photos.filter((p) => p.projectId === r.project.id),
        period,
      );
      return {
        projectId: r.project.id,
        name: r.project.name,
        kind: r.project.kind,
        leadUnitName: r.leadUnitName,
        address: r.project.address,
        colour: projectColour(
          steps.filter((s) => s.step.projectId === r.project.id).map((s) => s.step),
          day,
        ),
        before: pair.before,
        after: pair.after,
      };
    }),
  };
}

/** The month's comparisons for every project in scope as a Word document (printed for the meeting). */
export async function comparisonDocx(deps: Deps, who: Acting, asked?: string) {
  const comparison = await monthComparison(deps, who.actor, asked);
  const { period } = comparison;
  const files = fileStoreFor(deps.config);
  const data = await buildComparisonDocx(
    period,
    comparison.items,
    async (p) => new Uint8Array(await new Response(await files.get(p.storageKey)).arrayBuffer()),
  );
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, who, {
      action: 'project.comparison_export',
      targetType: 'project_comparison',
      targetId: period,
      after: { projects: comparison.items.length, bytes: data.length },
    }),
  );
  return { data, disposition: attachment(`${period} 重点项目影像比绩.docx`, `photo-comparison-${period}.docx`) };
}
