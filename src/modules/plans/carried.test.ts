// Carried tasks (挂单) and the next month's plan, one story in one seeded county: April tasks are pre-filled into the
// May plan, go through submit and review, one closes before issue, one is withdrawn, one is never proposed; the issued
// plan gives the carried task its new dates; a roll-over into a plan still collecting pre-fills its drafts.
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, handOver, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { unzipEntry } from '../../../test/zip.js';
import { auditLog } from '../audit/schema.js';
import { planProposals } from './schema.js';

let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
// lianluo: 城关街道 (T01) liaison, danwei: its head; lianluo2: 东城街道 (T02); lingdao: the leader in charge of T01;
// the three review offices close a task by joint review.
const USERS = ['duchashi', 'lianluo', 'danwei', 'lianluo2', 'lingdao', 'xiaoneng', 'kaoheban'] as const;
type User = (typeof USERS)[number];
const ids: Record<string, number> = {};
const proposalOf: Record<string, number> = {};

async function at(instant: string) {
  deps.clock.set(instant);
  for (const u of USERS) cookies[u] = await login(app, u);
}
const as = (who: User, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);
const ours = (taskId: number | null) => taskId !== null && [ids.taskA, ids.taskB, ids.taskC, ids.taskD].includes(taskId);
const draftItems = async () =>
  (await as('duchashi', 'GET', `/api/v1/plans/${ids.may}/draft`)).body!.groups.flatMap((g: any) => g.categories.flatMap((c: any) => c.items));

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  await at('2026-04-01T09:00:00+08:00');
  ids.t01 = await unitId(deps.db, 'T01');
  const april = { leadUnitId: ids.t01, startDate: '2026-04-01', deadline: '2026-04-30', period: '2026-04' };
  const milestones = [
    { name: '完成设计', dueDate: '2026-04-10' },
    { name: '完成施工', dueDate: '2026-04-25' },
  ];
  for (const [key, title] of [
    ['taskA', '城关街道雨污分流改造'],
    ['taskB', '城关街道背街小巷整治'],
    ['taskC', '城关街道农贸市场升级'],
    ['taskD', '城关街道路灯更换'],
  ] as const) {
    ids[key] = await handOver(app, cookies.duchashi!, buildTaskInput({ ...april, title, milestones: key === 'taskA' ? milestones : [] }));
    await as('lianluo', 'POST', `/api/v1/tasks/${ids[key]}/sign`, {});
    await as('lianluo', 'POST', `/api/v1/tasks/${ids[key]}/start`, {});
  }
  const design = (await as('lianluo', 'GET', `/api/v1/tasks/${ids.taskA}`)).body!.milestones.find((m: any) => m.name === '完成设计');
  ids.designMilestone = design.id;
  const report = await as('lianluo', 'POST', `/api/v1/tasks/${ids.taskA}/reports`, {
    text: '设计完成',
    percent: 40,
    milestonesDone: [{ milestoneId: design.id, doneDate: '2026-04-01', evidence: '设计图' }],
  });
  expect(report.status, JSON.stringify(report.body)).toBe(201);
});
afterAll(() => deps.close());

describe('carried tasks in the next month’s plan', () => {
  it('a pre-filled draft shows its task’s current state', async () => {
    await at('2026-04-20T09:00:00+08:00');
    const may = await as('duchashi', 'POST', '/api/v1/plans', { kind: 'monthly', period: '2026-05', title: '示范县2026年5月重点工作安排' });
    ids.may = may.body!.id;
    const drafts = (await as('lianluo', 'GET', `/api/v1/plans/${ids.may}/proposals`)).body!.items.filter((p: any) => ours(p.carriedTaskId));
    expect(drafts).toHaveLength(4);
    for (const d of drafts) proposalOf[Object.keys(ids).find((k) => k.startsWith('task') && ids[k] === d.carriedTaskId)!] = d.id;
    expect(drafts.find((d: any) => d.carriedTaskId === ids.taskA)).toMatchObject({
      status: 'draft',
      milestones: [{ name: '完成施工', dueDate: '2026-04-25' }],
      carriedTask: { id: ids.taskA, status: 'in_progress', statusLabel: '推进中', percent: 40, closedOn: null, finishedNote: null },
    });
    const detail = await as('lianluo', 'GET', `/api/v1/proposals/${proposalOf.taskA}`);
    expect(detail.body!.proposal.carriedTask).toMatchObject({ id: ids.taskA, status: 'in_progress' });
    expect(detail.body!.actions).toEqual(['edit', 'withdraw']);
  });

  it('a pre-filled draft is withdrawn by its unit, with a reason, audited; then it cannot be submitted', async () => {
    const p = proposalOf.taskD!;
    expect((await as('lianluo', 'POST', `/api/v1/proposals/${p}/withdraw`, { version: 1, reason: ' ' })).status).toBe(400);
    expect((await as('lianluo2', 'POST', `/api/v1/proposals/${p}/withdraw`, { version: 1, reason: '别人的' })).status).toBe(404);
    expect((await as('lingdao', 'POST', `/api/v1/proposals/${p}/withdraw`, { version: 1, reason: '领导撤回' })).status).toBe(403);
    const withdrawn = await as('lianluo', 'POST', `/api/v1/proposals/${p}/withdraw`, { version: 1, reason: '本月底前可销号，不再列入下月计划' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', statusLabel: '已撤回', withdrawReason: '本月底前可销号，不再列入下月计划' });
    expect((await as('lianluo', 'POST', `/api/v1/proposals/${p}/withdraw`, { version: 2, reason: '再撤一次' })).status).toBe(409);
    expect((await as('danwei', 'POST', `/api/v1/proposals/${p}/submit`)).status).toBe(409);
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'plan.proposal_withdraw'), eq(auditLog.targetId, String(p))));
    expect(audit).toMatchObject({
      reason: '本月底前可销号，不再列入下月计划',
      before: { status: 'draft' },
      after: { status: 'withdrawn', carriedTaskId: ids.taskD },
    });
    expect((await as('duchashi', 'GET', `/api/v1/plans/${ids.may}`)).body!.proposals.byStatus.withdrawn).toBe(1);
  });

  it('carried tasks go through submit and review; consolidation reports, never adds, those without an approved proposal', async () => {
    const mayTerms = {
      deadline: '2026-05-31',
      milestones: [
        { name: '完成施工', dueDate: '2026-05-20' },
        { name: '完成验收', dueDate: '2026-05-28' },
      ],
      standard: '雨污分流改造完工并通过住建局验收',
    };
    for (const [key, terms] of [
      ['taskA', mayTerms],
      ['taskB', { deadline: '2026-05-15', milestones: [] }],
    ] as const) {
      const edited = await as('lianluo', 'PATCH', `/api/v1/proposals/${proposalOf[key]}`, { version: 1, ...terms });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      expect((await as('danwei', 'POST', `/api/v1/proposals/${proposalOf[key]}/submit`)).body!.status).toBe('submitted');
    }
    await at('2026-04-26T09:00:00+08:00');
    expect((await as('duchashi', 'POST', `/api/v1/plans/${ids.may}/advance`)).body!.status).toBe('reviewing');
    for (const key of ['taskA', 'taskB'])
      expect((await as('lingdao', 'POST', `/api/v1/proposals/${proposalOf[key]}/approve`, {})).body!.status).toBe('approved');
    await at('2026-04-28T09:00:00+08:00');
    expect((await as('duchashi', 'POST', `/api/v1/plans/${ids.may}/advance`)).body!.status).toBe('consolidating');

    const consolidated = await as('duchashi', 'POST', `/api/v1/plans/${ids.may}/consolidate`);
    const items = (await draftItems()).filter((i: any) => ours(i.carriedTaskId));
    // Only the two approved proposals became items; the draft C and the withdrawn D did not.
    expect(items.map((i: any) => i.carriedTaskId).sort()).toEqual([ids.taskA, ids.taskB].sort());
    expect(items.every((i: any) => i.origin === 'proposal' && consolidated.body!.created.includes(i.id))).toBe(true);
    const missing = consolidated.body!.carriedWithoutProposal.filter((m: any) => ours(m.taskId));
    expect(missing).toEqual([
      expect.objectContaining({
        taskId: ids.taskC,
        proposalId: proposalOf.taskC,
        proposalStatus: 'draft',
        proposalStatusLabel: '草稿',
        leadUnitName: '城关街道',
      }),
      expect.objectContaining({ taskId: ids.taskD, proposalStatus: 'withdrawn', withdrawReason: '本月底前可销号，不再列入下月计划' }),
    ]);
    const draft = (await as('lingdao', 'GET', `/api/v1/plans/${ids.may}/draft`)).body!;
    expect(draft.carriedWithoutProposal.filter((m: any) => ours(m.taskId)).map((m: any) => m.taskId)).toEqual([ids.taskC, ids.taskD]);
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'plan.consolidate'), eq(auditLog.targetId, String(ids.may))));
    expect((audit!.after as any).carriedWithoutProposal).toEqual(expect.arrayContaining([ids.taskC, ids.taskD]));
  });

  it('a task closed between consolidation and issue is flagged in the draft', async () => {
    const filed = await as('lianluo', 'POST', `/api/v1/tasks/${ids.taskB}/closing-requests`, { summary: '已整治完毕', finishedOn: '2026-04-28' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    for (const office of ['duchashi', 'xiaoneng', 'kaoheban'] as const)
      await as(office, 'POST', `/api/v1/closing-requests/${filed.body!.id}/reviews`, { decision: 'approve', comment: '' });
    expect((await as('duchashi', 'GET', `/api/v1/tasks/${ids.taskB}`)).body).toMatchObject({ status: 'closed', closedOn: '2026-04-28' });
    const proposals = (await as('lianluo', 'GET', `/api/v1/plans/${ids.may}/proposals`)).body!.items;
    expect(proposals.find((p: any) => p.carriedTaskId === ids.taskB).carriedTask).toMatchObject({
      status: 'closed',
      closedOn: '2026-04-28',
      finishedNote: '已于4月28日销号',
    });

    await at('2026-04-30T15:00:00+08:00');
    expect((await as('duchashi', 'POST', `/api/v1/plans/${ids.may}/advance`)).body!.status).toBe('meeting');
    const items = await draftItems();
    const b = items.find((i: any) => i.carriedTaskId === ids.taskB);
    expect(b).toMatchObject({ carriedTask: { status: 'closed', finishedNote: '已于4月28日销号' }, carriedNote: '已于4月28日销号，印发时不列入' });
    expect(items.find((i: any) => i.carriedTaskId === ids.taskA)).toMatchObject({ carriedTask: { status: 'in_progress' }, carriedNote: null });
    // The meeting keeps everything before it (its own decision stands; the closed task is left out at issue).
    for (const i of items) await as('duchashi', 'POST', `/api/v1/plan-items/${i.id}/decision`, { decision: 'approved' });
  });

  it('issuing gives the carried task the plan’s deadline, milestones and standard; its history shows both dates', async () => {
    const before = (await as('lianluo', 'GET', `/api/v1/tasks/${ids.taskA}`)).body!;
    const construction = before.milestones.find((m: any) => m.name === '完成施工');
    const issued = await as('duchashi', 'POST', `/api/v1/plans/${ids.may}/issue`, { documentNumber: '示办〔2026〕5号' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body).toMatchObject({ status: 'issued' });

    const task = (await as('lianluo', 'GET', `/api/v1/tasks/${ids.taskA}`)).body!;
    expect(task).toMatchObject({ deadline: '2026-05-31', standard: '雨污分流改造完工并通过住建局验收', period: '2026-04', status: 'in_progress' });
    expect(task.milestones.map((m: any) => [m.id, m.name, m.dueDate, m.doneDate])).toEqual([
      [ids.designMilestone, '完成设计', '2026-04-10', '2026-04-01'],
      [construction.id, '完成施工', '2026-05-20', null],
      [expect.any(Number), '完成验收', '2026-05-28', null],
    ]);
    const history = (await as('lianluo', 'GET', `/api/v1/tasks/${ids.taskA}/history`)).body!.items;
    const replanned = history.filter((e: any) => e.kind === 'replanned');
    expect(replanned).toHaveLength(1);
    expect(replanned[0].note).toContain('《示范县2026年5月重点工作安排》（示办〔2026〕5号）');
    expect(replanned[0].note).toContain('完成时限由2026年4月30日调整为2026年5月31日');
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'task.replan'), eq(auditLog.targetId, String(ids.taskA))));
    expect(audit).toMatchObject({ before: { deadline: '2026-04-30' }, after: { deadline: '2026-05-31', documentNumber: '示办〔2026〕5号' } });
  });

  it('the closed task is left out of the issued plan, its document and the unit’s sheet, with a note', async () => {
    const note = '已于4月28日销号，未列入印发';
    const issueAudit = (await deps.db.select().from(auditLog).where(eq(auditLog.action, 'plan.issue'))).at(-1)!;
    expect((issueAudit.after as any).leftOut).toEqual([expect.objectContaining({ taskId: ids.taskB, note })]);
    expect((issueAudit.after as any).taskIds).not.toContain(ids.taskB);
    const b = (await draftItems()).find((i: any) => i.carriedTaskId === ids.taskB);
    expect(b).toMatchObject({ decision: 'approved', taskId: null, carriedNote: note });
    // The closed task keeps its own dates and got no plan event.
    const closed = (await as('lianluo', 'GET', `/api/v1/tasks/${ids.taskB}`)).body!;
    expect(closed).toMatchObject({ status: 'closed', deadline: '2026-04-30' });
    expect((await as('lianluo', 'GET', `/api/v1/tasks/${ids.taskB}/history`)).body!.items.map((e: any) => e.kind)).not.toContain('replanned');

    const sheet = (await as('lianluo', 'GET', `/api/v1/plans/${ids.may}/units/${ids.t01}/sheet`)).body!;
    expect(sheet.items.map((i: any) => i.taskId)).toEqual([ids.taskA]);
    expect(sheet.leftOut).toEqual([{ itemId: b.id, taskId: ids.taskB, title: '城关街道背街小巷整治', note }]);
    const xlsx = await app.request(`/api/v1/plans/${ids.may}/units/${ids.t01}/sheet.xlsx`, { headers: { cookie: cookies.lianluo! } });
    const book = Buffer.from(await xlsx.arrayBuffer());
    const text = (unzipEntry(book, 'xl/sharedStrings.xml') ?? '') + unzipEntry(book, 'xl/worksheets/sheet1.xml');
    expect(text).toContain('城关街道雨污分流改造');
    expect(text).toContain(`注：以下挂单事项未列入本表：城关街道背街小巷整治（${note}）。`);

    const doc = await app.request(`/api/v1/plans/${ids.may}/document`, { headers: { cookie: cookies.lianluo! } });
    const xml = unzipEntry(Buffer.from(await doc.arrayBuffer()), 'word/document.xml')!;
    expect(xml).toContain('城关街道雨污分流改造');
    expect(xml).not.toContain('城关街道背街小巷整治');
  });

  it('a carried task without an approved proposal is not issued: its dates stay and no plan event is written', async () => {
    for (const key of ['taskC', 'taskD']) {
      expect((await as('lianluo', 'GET', `/api/v1/tasks/${ids[key]}`)).body).toMatchObject({ deadline: '2026-04-30' });
      expect((await as('lianluo', 'GET', `/api/v1/tasks/${ids[key]}/history`)).body!.items.map((e: any) => e.kind)).not.toContain('replanned');
    }
    const items = await draftItems();
    expect(items.filter((i: any) => [ids.taskC, ids.taskD].includes(i.carriedTaskId))).toEqual([]);
  });

  it('tasks carried into a month whose plan is still collecting get their pre-filled drafts then, once', async () => {
    await at('2026-05-20T09:00:00+08:00');
    const june = await as('duchashi', 'POST', '/api/v1/plans', { kind: 'monthly', period: '2026-06' });
    ids.june = june.body!.id;
    // Still standing in April (no roll-over yet), the open tasks A, C and D are not among those the new plan pre-fills.
    const open = [ids.taskA!, ids.taskC!, ids.taskD!];
    const prefilled = async () =>
      (
        await deps.db
          .select()
          .from(planProposals)
          .where(and(eq(planProposals.periodId, ids.june!), inArray(planProposals.carriedTaskId, open)))
      )
        .map((p) => p.carriedTaskId)
        .sort();
    expect(await prefilled()).toEqual([]);
    // The office runs the June roll-over late, with the June plan still collecting.
    await at('2026-06-01T09:00:00+08:00');
    expect((await as('duchashi', 'POST', '/api/v1/carry-overs/run')).status).toBe(200);
    expect(await prefilled()).toEqual(open.sort());
    await as('duchashi', 'POST', '/api/v1/carry-overs/run');
    expect(await prefilled()).toHaveLength(3);
    // The May plan, issued, takes no new drafts.
    const may = await deps.db.select().from(planProposals).where(eq(planProposals.periodId, ids.may!));
    expect(may.filter((p) => ours(p.carriedTaskId))).toHaveLength(4);
    const drafts = (await as('lianluo', 'GET', `/api/v1/plans/${ids.june}/proposals`)).body!.items.filter((p: any) => p.carriedTaskId === ids.taskC);
    expect(drafts).toMatchObject([{ status: 'draft', carriedTask: { id: ids.taskC, status: 'in_progress' } }]);
    const prefillAudits = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'plan.proposal_prefill'));
    expect(prefillAudits.filter((a) => ours((a.after as any).carriedTaskId))).toHaveLength(3);
  });
});
