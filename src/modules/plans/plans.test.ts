// Longer than 400 lines on purpose: the plan cycle is one story (propose → review → consolidate → meet → issue →
// carry over) and each case continues from the state the previous steps leave in one seeded county.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { unitId } from '../../../test/factories.js';
import { unzipEntry } from '../../../test/zip.js';
import { accounts } from '../auth/schema.js';
import { leaders } from '../org/schema.js';
import { taskCategories } from '../tasks/schema.js';
import { planProposals } from './schema.js';

let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
// lianluo: 城关街道 (T01) liaison, danwei: its head; lianluo2: 东城街道 (T02) liaison, a unit with no head account;
// lingdao: L05, in charge of T01–T03; ganbu: a cadre of a T01 village.
const USERS = ['duchashi', 'lianluo', 'danwei', 'lianluo2', 'lingdao', 'ganbu'] as const;
type User = (typeof USERS)[number];
const ids: Record<string, number> = {};

// Sessions idle out after 30 minutes, so moving the clock means logging in again.
async function at(instant: string) {
  deps.clock.set(instant);
  for (const u of USERS) cookies[u] = await login(app, u);
}
const as = (who: User, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  await at('2026-03-20T09:00:00+08:00');
  for (const code of ['T01', 'T02', 'T03']) ids[code.toLowerCase()] = await unitId(deps.db, code);
  const [lingdao] = await deps.db.select({ personId: accounts.personId }).from(accounts).where(eq(accounts.username, 'lingdao'));
  const [leader] = await deps.db.select({ id: leaders.id }).from(leaders).where(eq(leaders.personId, lingdao!.personId!));
  ids.l05 = leader!.id;
  const [category] = await deps.db.select({ id: taskCategories.id }).from(taskCategories).where(eq(taskCategories.name, '城市建设'));
  ids.category = category!.id;
});
afterAll(() => deps.close());

const proposal = (overrides: Record<string, unknown> = {}) => ({
  title: '城关街道老旧小区改造',
  measures: '完成东关、西关两个小区管网改造',
  timetable: '4月10日前完成设计，4月25日前完工',
  milestones: [{ name: '完成设计', dueDate: '2026-04-10' }],
  standard: '两个小区管网改造完工并通过验收',
  deadline: '2026-04-28',
  categoryId: ids.category,
  leadLeaderId: ids.l05,
  cooperatingUnitIds: [ids.t02],
  ...overrides,
});

describe('the monthly plan through the API', () => {
  it('the office opens April with the schedule of the four gates; weekly plans too', async () => {
    const created = await as('duchashi', 'POST', '/api/v1/plans', { kind: 'monthly', period: '2026-04', title: '示范县2026年4月重点工作安排' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'collecting',
      proposeBy: '2026-03-25',
      reviewBy: '2026-03-27',
      consolidateBy: '2026-03-28',
      meetingOn: '2026-03-31',
    });
    ids.plan = created.body!.id;
    expect((await as('duchashi', 'POST', '/api/v1/plans', { kind: 'monthly', period: '2026-04' })).status).toBe(409);
    expect((await as('duchashi', 'POST', '/api/v1/plans', { kind: 'monthly', period: '2026-W15' })).status).toBe(400);
    expect((await as('lianluo', 'POST', '/api/v1/plans', { kind: 'monthly', period: '2026-05' })).status).toBe(403);
    const weekly = await as('duchashi', 'POST', '/api/v1/plans', { kind: 'weekly', period: '2026-W15' });
    expect(weekly.body).toMatchObject({ title: '示范县2026年第15周“10+N”重点工作安排', proposeBy: '2026-04-02', meetingOn: '2026-04-03' });
    // Every proposing unit is told to propose.
    const inbox = await as('lianluo2', 'GET', '/api/v1/inbox');
    expect(inbox.body!.items.map((m: { kind: string }) => m.kind)).toContain('plan.collecting');
  });

  it('units draft and edit their own proposals; the head submits, on time', async () => {
    const a = await as('lianluo', 'POST', `/api/v1/plans/${ids.plan}/proposals`, proposal());
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ status: 'draft', unitName: '城关街道', leadLeaderId: ids.l05, cooperatingUnitNames: ['东城街道'] });
    ids.a = a.body!.id;
    ids.b = (await as('lianluo', 'POST', `/api/v1/plans/${ids.plan}/proposals`, proposal({ title: '城关街道背街小巷整治', cooperatingUnitIds: [] }))).body!.id;
    ids.c = (
      await as('lianluo2', 'POST', `/api/v1/plans/${ids.plan}/proposals`, proposal({ title: '东城街道农贸市场升级', cooperatingUnitIds: [], milestones: [] }))
    ).body!.id;

    const tooEarly = await as('lianluo', 'POST', `/api/v1/plans/${ids.plan}/proposals`, proposal({ deadline: '2026-03-30', milestones: [] }));
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body!.error.message).toContain('完成时限不能早于开始日期');
    expect((await as('ganbu', 'POST', `/api/v1/plans/${ids.plan}/proposals`, proposal())).status).toBe(403);
    expect((await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/proposals`, proposal())).status).toBe(403);

    const edited = await as('lianluo', 'PATCH', `/api/v1/proposals/${ids.a}`, { version: 1, measures: '完成东关、西关两个小区雨污分流改造' });
    expect(edited.body).toMatchObject({ version: 2, measures: '完成东关、西关两个小区雨污分流改造', title: '城关街道老旧小区改造' });
    expect((await as('lianluo', 'PATCH', `/api/v1/proposals/${ids.a}`, { version: 1, title: '过期' })).status).toBe(409);
    // Another unit's proposal answers as a missing one.
    expect((await as('lianluo2', 'PATCH', `/api/v1/proposals/${ids.a}`, { version: 2, title: '改别人的' })).status).toBe(404);

    await at('2026-03-24T10:00:00+08:00');
    const byLiaison = await as('lianluo', 'POST', `/api/v1/proposals/${ids.a}/submit`);
    expect(byLiaison.status).toBe(403);
    expect(byLiaison.body!.error.message).toBe('申报须经单位主要负责人审定后由其提交');
    for (const id of [ids.a, ids.b])
      expect((await as('danwei', 'POST', `/api/v1/proposals/${id}/submit`)).body).toMatchObject({ status: 'submitted', late: false });
    // 东城街道 has no head account: its liaison submits.
    expect((await as('lianluo2', 'POST', `/api/v1/proposals/${ids.c}/submit`)).body).toMatchObject({ status: 'submitted', late: false });
    expect((await as('danwei', 'POST', `/api/v1/proposals/${ids.a}/submit`)).status).toBe(409);
    expect((await as('lianluo', 'PATCH', `/api/v1/proposals/${ids.a}`, { version: 3, title: '提交后再改' })).status).toBe(409);

    const leaderInbox = await as('lingdao', 'GET', '/api/v1/inbox');
    expect(leaderInbox.body!.items.filter((m: { kind: string }) => m.kind === 'plan.proposal_submitted')).toHaveLength(3);
  });

  it('counts proposals and names the units that have not proposed, within each one’s scope', async () => {
    const office = await as('duchashi', 'GET', `/api/v1/plans/${ids.plan}`);
    expect(office.body!.proposals).toEqual({ total: 3, byStatus: { draft: 0, submitted: 3, returned: 0, approved: 0, withdrawn: 0 }, late: 0 });
    const missing = office.body!.notProposed.map((u: { id: number }) => u.id);
    expect(missing).toContain(ids.t03);
    expect(missing).not.toContain(ids.t01);
    expect(missing.length).toBeGreaterThan(100);
    const leader = await as('lingdao', 'GET', `/api/v1/plans/${ids.plan}`);
    expect(leader.body!.notProposed.map((u: { name: string }) => u.name)).toEqual(['县乡村振兴局', '县信访局', '西城街道']);
    expect((await as('lianluo2', 'GET', `/api/v1/plans/${ids.plan}/proposals`)).body!.items.map((p: { id: number }) => p.id)).toEqual([ids.c]);
    expect((await as('lingdao', 'GET', `/api/v1/plans/${ids.plan}/proposals`)).body!.items).toHaveLength(3);
    expect((await as('lingdao', 'GET', `/api/v1/plans/${ids.plan}/proposals?status=submitted`)).body!.items).toHaveLength(3);
  });

  it('the leader in charge returns with a comment, edits with a reason, approves; no one else may', async () => {
    await at('2026-03-26T09:00:00+08:00');
    expect((await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/advance`)).body).toMatchObject({ status: 'reviewing' });

    expect((await as('lingdao', 'POST', `/api/v1/proposals/${ids.b}/return`, { comment: '' })).status).toBe(400);
    const returned = await as('lingdao', 'POST', `/api/v1/proposals/${ids.b}/return`, { comment: '请列明整治的街巷名单' });
    expect(returned.body).toMatchObject({ status: 'returned', reviewComment: '请列明整治的街巷名单' });

    const byHead = await as('danwei', 'POST', `/api/v1/proposals/${ids.a}/approve`, {});
    expect(byHead.status).toBe(403);
    expect(byHead.body!.error.message).toBe('只有分管县领导可以审核单位申报');
    expect((await as('duchashi', 'POST', `/api/v1/proposals/${ids.a}/approve`, {})).status).toBe(403);

    const current = (await as('lingdao', 'GET', `/api/v1/proposals/${ids.c}`)).body!;
    expect(current.actions).toEqual(['edit', 'approve', 'return']);
    expect((await as('lingdao', 'PATCH', `/api/v1/proposals/${ids.c}`, { version: current.proposal.version, deadline: '2026-04-20' })).status).toBe(400);
    const leaderEdit = await as('lingdao', 'PATCH', `/api/v1/proposals/${ids.c}`, {
      version: current.proposal.version,
      deadline: '2026-04-20',
      reason: '赶在五一前完成',
    });
    expect(leaderEdit.body).toMatchObject({ deadline: '2026-04-20', status: 'submitted' });
    const revisions = (await as('lianluo2', 'GET', `/api/v1/proposals/${ids.c}`)).body!.revisions;
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ reason: '赶在五一前完成', changes: [{ field: 'deadline', label: '完成时限', from: '2026-04-28', to: '2026-04-20' }] });

    for (const id of [ids.a, ids.c]) expect((await as('lingdao', 'POST', `/api/v1/proposals/${id}/approve`, {})).body!.status).toBe('approved');
    expect((await as('lingdao', 'POST', `/api/v1/proposals/${ids.a}/approve`, {})).status).toBe(409);
    expect((await as('lianluo', 'GET', '/api/v1/inbox')).body!.items.map((m: { kind: string }) => m.kind)).toEqual(
      expect.arrayContaining(['plan.proposal_return', 'plan.proposal_approve']),
    );
  });

  it('the returned proposal is fixed and resubmitted after the deadline: keeps the lateness of its first submission', async () => {
    const b = (await as('lianluo', 'GET', `/api/v1/proposals/${ids.b}`)).body!;
    expect(b.actions).toEqual(['edit', 'withdraw']);
    const fixed = await as('lianluo', 'PATCH', `/api/v1/proposals/${ids.b}`, { version: b.proposal.version, measures: '整治解放路、人民路等 6 条背街小巷' });
    expect(fixed.status).toBe(200);
    expect((await as('danwei', 'POST', `/api/v1/proposals/${ids.b}/submit`)).body).toMatchObject({ status: 'submitted', late: false });
    expect((await as('lingdao', 'POST', `/api/v1/proposals/${ids.b}/approve`, {})).body!.status).toBe('approved');
    expect((await as('duchashi', 'GET', `/api/v1/plans/${ids.plan}`)).body!.proposals).toMatchObject({ late: 0, byStatus: { approved: 3 } });
  });

  it('past the reviewing step the plan takes no proposals: 409 and nothing saved', async () => {
    await at('2026-03-28T09:00:00+08:00');
    expect((await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/advance`)).body!.status).toBe('consolidating');
    const before = await deps.db.select().from(planProposals).where(eq(planProposals.periodId, ids.plan!));
    const late = await as('lianluo', 'POST', `/api/v1/plans/${ids.plan}/proposals`, proposal({ title: '迟到的申报' }));
    expect(late.status).toBe(409);
    expect(late.body!.error.message).toBe('计划已进入“督查室汇总”阶段，不再接受申报或修改申报');
    expect(await deps.db.select().from(planProposals).where(eq(planProposals.periodId, ids.plan!))).toHaveLength(before.length);
  });

  it('the office consolidates once per proposal, adds a leader-assigned item, edits wording; the draft shows what changed', async () => {
    const first = await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/consolidate`);
    expect(first.body!.created).toHaveLength(3);
    expect((await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/consolidate`)).body!.created).toEqual([]);
    expect((await as('lianluo', 'POST', `/api/v1/plans/${ids.plan}/consolidate`)).status).toBe(403);

    const assigned = await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/items`, {
      title: '西城街道创建省级文明社区',
      deadline: '2026-04-30',
      leadUnitId: ids.t03,
      leadLeaderId: ids.l05,
      standard: '通过省级验收',
    });
    expect(assigned.status).toBe(201);
    expect(assigned.body).toMatchObject({ origin: 'leader_assigned', decision: null });
    ids.itemD = assigned.body!.id;

    let groups = (await as('lingdao', 'GET', `/api/v1/plans/${ids.plan}/draft`)).body!.groups;
    const itemOf = (proposalId: number) =>
      groups.flatMap((g: any) => g.categories.flatMap((c: any) => c.items)).find((i: any) => i.sourceProposalIds.includes(proposalId));
    ids.itemA = itemOf(ids.a!).id;
    ids.itemB = itemOf(ids.b!).id;
    ids.itemC = itemOf(ids.c!).id;
    const edited = await as('duchashi', 'PATCH', `/api/v1/plan-items/${ids.itemA}`, {
      version: 1,
      title: '推进城关街道东关、西关小区雨污分流改造',
      reason: '精简文字',
    });
    expect(edited.body).toMatchObject({ title: '推进城关街道东关、西关小区雨污分流改造', version: 2 });

    groups = (await as('lingdao', 'GET', `/api/v1/plans/${ids.plan}/draft`)).body!.groups;
    expect(groups.map((g: any) => g.leaderId)).toEqual([ids.l05]);
    expect(groups[0].categories.map((c: any) => c.categoryName)).toEqual(['城市建设', '其他']);
    expect(itemOf(ids.a!).sources[0].changes).toEqual([
      { field: 'title', label: '工作任务', from: '城关街道老旧小区改造', to: '推进城关街道东关、西关小区雨污分流改造' },
    ]);
    // Against the unit's own words: the leader's change of the deadline shows.
    expect(itemOf(ids.c!).sources[0]).toMatchObject({ unitName: '东城街道', changes: [{ field: 'deadline', from: '2026-04-28', to: '2026-04-20' }] });
    expect(itemOf(ids.b!).sources[0]).toMatchObject({ late: false, changes: [] });
    expect((await as('lianluo', 'GET', `/api/v1/plans/${ids.plan}/draft`)).status).toBe(403);
  });

  it('the meeting decides item by item; issuing is refused while any is undecided', async () => {
    await at('2026-03-31T15:00:00+08:00');
    expect((await as('duchashi', 'POST', `/api/v1/plan-items/${ids.itemA}/decision`, { decision: 'approved' })).status).toBe(409); // not yet at the meeting
    expect((await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/advance`)).body!.status).toBe('meeting');
    expect((await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/advance`)).status).toBe(409);

    expect((await as('duchashi', 'POST', `/api/v1/plan-items/${ids.itemA}/decision`, { decision: 'approved' })).body!.decision).toBe('approved');
    expect((await as('duchashi', 'POST', `/api/v1/plan-items/${ids.itemB}/decision`, { decision: 'amended', note: '会议要求提前' })).status).toBe(400);
    const amended = await as('duchashi', 'POST', `/api/v1/plan-items/${ids.itemB}/decision`, {
      decision: 'amended',
      note: '会议要求提前',
      changes: { deadline: '2026-04-24' },
    });
    expect(amended.body).toMatchObject({ decision: 'amended', deadline: '2026-04-24' });
    expect((await as('duchashi', 'POST', `/api/v1/plan-items/${ids.itemD}/decision`, { decision: 'dropped', note: '纳入下月' })).body!.decision).toBe(
      'dropped',
    );
    expect((await as('lingdao', 'POST', `/api/v1/plan-items/${ids.itemC}/decision`, { decision: 'approved' })).status).toBe(403);

    const refused = await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/issue`, { documentNumber: '示办〔2026〕12号' });
    expect(refused.status).toBe(409);
    expect(refused.body!.error.message).toBe('还有 1 项未经会议决定，不能印发');
    expect((await as('duchashi', 'POST', `/api/v1/plan-items/${ids.itemC}/decision`, { decision: 'approved' })).status).toBe(200);
  });

  it('issuing turns the kept items into assigned tasks with numbered sheets, in the ledger, and tells the units', async () => {
    expect((await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/issue`, { documentNumber: '' })).status).toBe(400);
    const issued = await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/issue`, { documentNumber: '示办〔2026〕12号' });
    expect(issued.body).toMatchObject({ status: 'issued', documentNumber: '示办〔2026〕12号' });
    expect((await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/issue`, { documentNumber: '示办〔2026〕12号' })).status).toBe(409);

    const ledger = await as('duchashi', 'GET', '/api/v1/tasks?period=2026-04&source=meeting');
    expect(ledger.body!.items.map((t: any) => t.title).sort()).toEqual([
      '东城街道农贸市场升级',
      '城关街道背街小巷整治',
      '推进城关街道东关、西关小区雨污分流改造',
    ]);
    for (const t of ledger.body!.items) expect(t).toMatchObject({ status: 'assigned', leadLeaderName: expect.any(String), startDate: '2026-04-01' });
    const draft = (await as('duchashi', 'GET', `/api/v1/plans/${ids.plan}/draft`)).body!;
    const items = draft.groups.flatMap((g: any) => g.categories.flatMap((c: any) => c.items));
    ids.taskA = items.find((i: any) => i.id === ids.itemA).taskId;
    ids.taskB = items.find((i: any) => i.id === ids.itemB).taskId;
    ids.taskC = items.find((i: any) => i.id === ids.itemC).taskId;
    expect(items.find((i: any) => i.id === ids.itemD).taskId).toBeNull();

    const taskA = (await as('lianluo', 'GET', `/api/v1/tasks/${ids.taskA}`)).body!;
    expect(taskA).toMatchObject({ source: 'meeting', period: '2026-04', deadline: '2026-04-28', standard: '两个小区管网改造完工并通过验收' });
    expect(taskA.milestones).toMatchObject([{ name: '完成设计', dueDate: '2026-04-10' }]);
    expect(taskA.cooperators.map((c: any) => c.unitName)).toEqual(['东城街道']);
    expect(taskA.sheets[0]).toMatchObject({ kind: 'assignment', number: expect.stringMatching(/^督〔2026〕\d+号$/) });
    expect((await as('lianluo', 'GET', `/api/v1/tasks/${ids.taskB}`)).body!.deadline).toBe('2026-04-24');

    const inbox = await as('lianluo2', 'GET', '/api/v1/inbox');
    const message = inbox.body!.items.find((m: any) => m.kind === 'plan.issued');
    expect(message.body).toContain('本单位牵头 1 项、配合 1 项');
  });

  it('a proposal after the plan is issued is refused: 409 and nothing saved', async () => {
    const before = await deps.db.select().from(planProposals);
    const res = await as('lianluo', 'POST', `/api/v1/plans/${ids.plan}/proposals`, proposal({ title: '印发后的申报' }));
    expect(res.status).toBe(409);
    expect(res.body!.error.message).toBe('计划已进入“已印发”阶段，不再接受申报或修改申报');
    expect(await deps.db.select().from(planProposals)).toHaveLength(before.length);
  });

  it('the plan document is a Word file laid out as a government document', async () => {
    const res = await app.request(`/api/v1/plans/${ids.plan}/document`, { headers: { cookie: cookies.lianluo2! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('示范县2026年4月重点工作安排（示办〔2026〕12号）.docx');
    const zip = Buffer.from(await res.arrayBuffer());
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    const xml = unzipEntry(zip, 'word/document.xml')!;
    for (const text of [
      '示范县2026年4月重点工作安排',
      '示办〔2026〕12号',
      '序号',
      '工作任务',
      '责任领导',
      '责任单位',
      '完成时限',
      '工作标准',
      '城关街道（牵头）',
      '4月24日',
      '2026年3月31日',
    ]) {
      expect(xml).toContain(text);
    }
    // The dropped item is not in the issued document.
    expect(xml).not.toContain('西城街道创建省级文明社区');
    expect(xml).toContain('w:orient="landscape"');
    expect(xml).toContain('w:vMerge');
  });

  it('the unit plan sheet: own unit, its leader and the office; as JSON and as a printable workbook', async () => {
    const sheet = await as('lianluo', 'GET', `/api/v1/plans/${ids.plan}/units/${ids.t01}/sheet`);
    expect(sheet.body!.unit.name).toBe('城关街道');
    expect(sheet.body!.items.map((i: any) => [i.title, i.role, i.statusLabel])).toEqual([
      ['推进城关街道东关、西关小区雨污分流改造', 'lead', '已交办'],
      ['城关街道背街小巷整治', 'lead', '已交办'],
    ]);
    const t02 = await as('lianluo2', 'GET', `/api/v1/plans/${ids.plan}/units/${ids.t02}/sheet`);
    expect(t02.body!.items.map((i: any) => i.role).sort()).toEqual(['cooperate', 'lead']);
    expect((await as('lianluo2', 'GET', `/api/v1/plans/${ids.plan}/units/${ids.t01}/sheet`)).status).toBe(404);
    expect((await as('lingdao', 'GET', `/api/v1/plans/${ids.plan}/units/${ids.t01}/sheet`)).status).toBe(200);
    expect((await as('duchashi', 'GET', `/api/v1/plans/${ids.plan}/units/${ids.t01}/sheet`)).status).toBe(200);
    const xlsx = await app.request(`/api/v1/plans/${ids.plan}/units/${ids.t01}/sheet.xlsx`, { headers: { cookie: cookies.danwei! } });
    expect(xlsx.status).toBe(200);
    expect(decodeURIComponent(xlsx.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('城关街道2026年4月重点工作预安表.xlsx');
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
  });
});

describe('month-end roll-over (挂单)', () => {
  it('carries every open task into the next month once, however often it runs', async () => {
    expect((await as('duchashi', 'POST', `/api/v1/tasks/${ids.taskB}/cancel`, { reason: '并入老旧小区改造' })).status).toBe(200);
    await at('2026-05-01T00:10:00+08:00');
    expect((await as('lianluo', 'POST', '/api/v1/carry-overs/run')).status).toBe(403);
    const run = await as('duchashi', 'POST', '/api/v1/carry-overs/run');
    expect(run.body).toEqual({ carried: 2, reminded: 0 });
    expect((await as('duchashi', 'POST', '/api/v1/carry-overs/run')).body).toEqual({ carried: 0, reminded: 0 });

    const history = await as('lianluo', 'GET', `/api/v1/tasks/${ids.taskA}/carry-overs`);
    expect(history.body).toMatchObject({
      originalPeriod: '2026-04',
      currentPeriod: '2026-05',
      items: [{ fromPeriod: '2026-04', toPeriod: '2026-05', reason: '' }],
    });
    expect((await as('lianluo', 'GET', `/api/v1/tasks/${ids.taskB}/carry-overs`)).body!.items).toEqual([]);
    const events = (await as('lianluo', 'GET', `/api/v1/tasks/${ids.taskA}/history`)).body!.items;
    expect(events.filter((e: any) => e.kind === 'carry_over').map((e: any) => e.note)).toEqual(['挂单：2026年4月未完成，转入2026年5月']);
    const ledger = await as('duchashi', 'GET', '/api/v1/tasks?carriedOver=true');
    expect(ledger.body!.items.map((t: any) => t.id).sort()).toEqual([ids.taskA, ids.taskC].sort());
    expect((await as('duchashi', 'GET', '/api/v1/tasks?carriedOver=false')).body!.total).toBeGreaterThan(2);
    expect((await as('lianluo', 'GET', '/api/v1/inbox')).body!.items.map((m: any) => m.kind)).toContain('task.carry_over');
  });

  it('the lead unit states its reason: required, at most 500 characters', async () => {
    expect((await as('lianluo', 'POST', `/api/v1/tasks/${ids.taskA}/carry-over-reason`, { reason: '  ' })).status).toBe(400);
    expect((await as('lianluo', 'POST', `/api/v1/tasks/${ids.taskA}/carry-over-reason`, { reason: '因'.repeat(501) })).status).toBe(400);
    expect((await as('duchashi', 'POST', `/api/v1/tasks/${ids.taskA}/carry-over-reason`, { reason: '督查室代填' })).status).toBe(403);
    expect((await as('lianluo2', 'POST', `/api/v1/tasks/${ids.taskA}/carry-over-reason`, { reason: '配合单位代填' })).status).toBe(403);
    const ok = await as('lianluo', 'POST', `/api/v1/tasks/${ids.taskA}/carry-over-reason`, { reason: '雨季提前，管网开挖推迟' });
    expect(ok.body).toMatchObject({ fromPeriod: '2026-04', reason: '雨季提前，管网开挖推迟' });
    const missing = await as('duchashi', 'GET', '/api/v1/carry-overs?missingReason=true');
    expect(missing.body!.items.map((c: any) => c.task.id)).toEqual([ids.taskC]);
    expect(missing.body!.total).toBe(1);
    expect((await as('lianluo', 'GET', '/api/v1/carry-overs')).body!.items.map((c: any) => c.task.id)).toEqual([ids.taskA]);
    // Paged, oldest first, with the exact total on every page.
    const all = (await as('duchashi', 'GET', '/api/v1/carry-overs')).body!;
    expect(all.total).toBe(2);
    const pages = [1, 2, 3].map((page) => as('duchashi', 'GET', `/api/v1/carry-overs?page=${page}&pageSize=1`));
    const bodies = (await Promise.all(pages)).map((r) => r.body!);
    expect(bodies.map((b) => b.total)).toEqual([2, 2, 2]);
    expect(bodies.map((b) => b.items.map((c: any) => c.task.id))).toEqual([[all.items[0].task.id], [all.items[1].task.id], []]);
  });

  it('a reason still missing after two days is chased once a day', async () => {
    const count = async () => (await as('lianluo2', 'GET', '/api/v1/inbox')).body!.items.filter((m: any) => m.kind === 'task.carry_over_reminder').length;
    await at('2026-05-02T09:00:00+08:00');
    expect((await as('duchashi', 'POST', '/api/v1/carry-overs/run')).body).toEqual({ carried: 0, reminded: 0 });
    await at('2026-05-03T09:00:00+08:00');
    expect((await as('duchashi', 'POST', '/api/v1/carry-overs/run')).body).toEqual({ carried: 0, reminded: 1 });
    expect((await as('duchashi', 'POST', '/api/v1/carry-overs/run')).body).toEqual({ carried: 0, reminded: 0 });
    expect(await count()).toBe(1);
    await at('2026-05-04T09:00:00+08:00');
    expect((await as('duchashi', 'POST', '/api/v1/carry-overs/run')).body).toEqual({ carried: 0, reminded: 1 });
    expect(await count()).toBe(2);
  });

  it('a new plan pre-fills the carried tasks as drafts of their lead units', async () => {
    const may = await as('duchashi', 'POST', '/api/v1/plans', { kind: 'monthly', period: '2026-05' });
    const drafts = (await as('lianluo', 'GET', `/api/v1/plans/${may.body!.id}/proposals`)).body!.items;
    expect(drafts).toMatchObject([
      { status: 'draft', carriedTaskId: ids.taskA, title: '推进城关街道东关、西关小区雨污分流改造', cooperatingUnitIds: [ids.t02] },
    ]);
    // The open milestone of April is before May: the unit sets a new timetable before its head submits.
    expect((await as('danwei', 'POST', `/api/v1/proposals/${drafts[0].id}/submit`)).status).toBe(400);
  });

  it('a plan drawn up before the month ends pre-fills the tasks of that month still open', async () => {
    await at('2026-05-20T09:00:00+08:00');
    const june = await as('duchashi', 'POST', '/api/v1/plans', { kind: 'monthly', period: '2026-06' });
    const drafts = (await as('lianluo', 'GET', `/api/v1/plans/${june.body!.id}/proposals`)).body!.items;
    expect(drafts.map((d: any) => d.carriedTaskId)).toEqual([ids.taskA]);
  });

  it('shows every month a task was carried, and keeps its original month', async () => {
    await at('2026-06-01T08:00:00+08:00');
    expect((await as('duchashi', 'POST', '/api/v1/carry-overs/run')).body!.carried).toBe(2);
    const history = await as('lianluo', 'GET', `/api/v1/tasks/${ids.taskA}/carry-overs`);
    expect(history.body).toMatchObject({ originalPeriod: '2026-04', currentPeriod: '2026-06' });
    expect(history.body!.items.map((c: any) => [c.fromPeriod, c.toPeriod, c.reason])).toEqual([
      ['2026-04', '2026-05', '雨季提前，管网开挖推迟'],
      ['2026-05', '2026-06', ''],
    ]);
    expect((await as('lianluo', 'GET', `/api/v1/tasks/${ids.taskA}`)).body!.period).toBe('2026-04');
  });
});

describe('merging and splitting in a weekly 10+N plan', () => {
  it('merges duplicates (sources unioned), splits an item, and issues weekly tasks', async () => {
    await at('2026-06-02T09:00:00+08:00');
    const week = (await as('duchashi', 'POST', '/api/v1/plans', { kind: 'weekly', period: '2026-W24' })).body!;
    expect(week).toMatchObject({ proposeBy: '2026-06-04', meetingOn: '2026-06-05' });
    const propose = async (who: User, title: string) =>
      (await as(who, 'POST', `/api/v1/plans/${week.id}/proposals`, proposal({ title, deadline: '2026-06-14', milestones: [], cooperatingUnitIds: [] }))).body!
        .id;
    const p1 = await propose('lianluo', '防汛隐患排查');
    const p2 = await propose('lianluo2', '汛前隐患大排查');
    const p3 = await propose('lianluo', '夜市整治与油烟治理');
    for (const [who, id] of [
      ['danwei', p1],
      ['lianluo2', p2],
      ['danwei', p3],
    ] as const)
      expect((await as(who, 'POST', `/api/v1/proposals/${id}/submit`)).status).toBe(200);
    for (const id of [p1, p2, p3]) expect((await as('lingdao', 'POST', `/api/v1/proposals/${id}/approve`, {})).status).toBe(200);
    await as('duchashi', 'POST', `/api/v1/plans/${week.id}/advance`);
    await as('duchashi', 'POST', `/api/v1/plans/${week.id}/advance`);
    const [i1, i2, i3] = (await as('duchashi', 'POST', `/api/v1/plans/${week.id}/consolidate`)).body!.created;

    const merged = await as('duchashi', 'POST', '/api/v1/plan-items/merge', { itemIds: [i2, i1], title: '开展汛前安全隐患大排查' });
    expect(merged.body).toMatchObject({
      id: i1,
      title: '开展汛前安全隐患大排查',
      sourceProposalIds: [p1, p2],
      leadUnitId: ids.t01,
      cooperatingUnitIds: [ids.t02],
    });
    expect((await as('duchashi', 'POST', '/api/v1/plan-items/merge', { itemIds: [i1] })).status).toBe(400);

    const split = await as('duchashi', 'POST', `/api/v1/plan-items/${i3}/split`, {
      parts: [{ title: '夜市整治' }, { title: '餐饮油烟治理', deadline: '2026-06-12' }],
    });
    expect(split.body!.items.map((i: any) => [i.title, i.deadline, i.sourceProposalIds])).toEqual([
      ['夜市整治', '2026-06-14', [p3]],
      ['餐饮油烟治理', '2026-06-12', [p3]],
    ]);

    const items = (await as('duchashi', 'GET', `/api/v1/plans/${week.id}/draft`)).body!.groups.flatMap((g: any) => g.categories.flatMap((c: any) => c.items));
    expect(items.map((i: any) => i.title)).toEqual(['开展汛前安全隐患大排查', '夜市整治', '餐饮油烟治理']);
    const sources = items[0].sources;
    expect(sources.map((s: any) => s.unitName)).toEqual(['城关街道', '东城街道']);
    expect(sources[1].changes.map((c: any) => c.field)).toEqual(['title', 'leadUnitId', 'cooperatingUnitIds']);

    await as('duchashi', 'POST', `/api/v1/plans/${week.id}/advance`);
    for (const i of items) await as('duchashi', 'POST', `/api/v1/plan-items/${i.id}/decision`, { decision: 'approved' });
    expect((await as('duchashi', 'POST', `/api/v1/plans/${week.id}/issue`, { documentNumber: '示办〔2026〕30号' })).status).toBe(200);
    const tasks = (await as('duchashi', 'GET', '/api/v1/tasks?source=weekly_10n')).body!.items;
    expect(tasks.map((t: any) => [t.title, t.period, t.startDate, t.status])).toEqual(
      expect.arrayContaining([['开展汛前安全隐患大排查', '2026-06', '2026-06-08', 'assigned']]),
    );
    expect(tasks).toHaveLength(3);
  });
});

describe('access', () => {
  it('every plan route needs a session', async () => {
    const routes = [
      ['GET', '/api/v1/plans'],
      ['POST', '/api/v1/plans'],
      ['GET', '/api/v1/plans/1'],
      ['POST', '/api/v1/plans/1/advance'],
      ['GET', '/api/v1/plans/1/proposals'],
      ['POST', '/api/v1/plans/1/proposals'],
      ['GET', '/api/v1/proposals/1'],
      ['PATCH', '/api/v1/proposals/1'],
      ['POST', '/api/v1/proposals/1/submit'],
      ['POST', '/api/v1/proposals/1/approve'],
      ['POST', '/api/v1/proposals/1/return'],
      ['POST', '/api/v1/plans/1/consolidate'],
      ['POST', '/api/v1/plans/1/items'],
      ['PATCH', '/api/v1/plan-items/1'],
      ['POST', '/api/v1/plan-items/merge'],
      ['POST', '/api/v1/plan-items/1/split'],
      ['GET', '/api/v1/plans/1/draft'],
      ['POST', '/api/v1/plan-items/1/decision'],
      ['POST', '/api/v1/plans/1/issue'],
      ['GET', '/api/v1/plans/1/document'],
      ['GET', '/api/v1/plans/1/units/1/sheet'],
      ['GET', '/api/v1/plans/1/units/1/sheet.xlsx'],
      ['POST', '/api/v1/carry-overs/run'],
      ['GET', '/api/v1/carry-overs'],
      ['GET', '/api/v1/tasks/1/carry-overs'],
      ['POST', '/api/v1/tasks/1/carry-over-reason'],
    ];
    for (const [method, path] of routes)
      expect((await call(app, null, method!, path!, method === 'GET' ? undefined : {})).status, `${method} ${path}`).toBe(401);
  });

  it('roles without the right get 403 with a clear message', async () => {
    const plan = (await as('duchashi', 'GET', '/api/v1/plans')).body!.items[0].id;
    for (const [who, method, path] of [
      ['lianluo', 'POST', `/api/v1/plans/${plan}/advance`],
      ['lingdao', 'POST', `/api/v1/plans/${plan}/consolidate`],
      ['danwei', 'POST', `/api/v1/plans/${plan}/issue`],
      ['ganbu', 'POST', '/api/v1/plan-items/merge'],
    ] as const) {
      expect((await as(who, method, path, { documentNumber: 'x', itemIds: [1, 2] })).status, `${who} ${path}`).toBe(403);
    }
    const adminPlans = await call(app, await login(app, 'shenji'), 'GET', '/api/v1/plans');
    expect(adminPlans.status).toBe(403);
  });
});
