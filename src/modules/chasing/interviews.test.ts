import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { hashPassword } from '../auth/passwords.js';
import { accountRoles, accounts } from '../auth/schema.js';
import { notifications } from '../notify/schema.js';
import { leaders, units } from '../org/schema.js';
import { tasks } from '../tasks/schema.js';
import {
  checkInterviewTransition,
  INTERVIEW_ACTIONS,
  INTERVIEW_STATUSES,
  isMainLeader,
  needsAdjustment,
  noticeDraft,
  recordProblems,
  suggestedLevel,
  talkProblems,
} from './interview-rules.js';
import { interviewCommitments } from './schema.js';

describe('interview rules', () => {
  it.each([
    ['no interview: no flag', [], false],
    ['one interview: no flag', ['2026-03-10'], false],
    ['two interviews 365 days apart: flag', ['2026-03-10', '2027-03-10'], true],
    ['two interviews 366 days apart: no flag', ['2026-03-10', '2027-03-11'], false],
    ['two interviews twelve months apart across a leap day (366 days): no flag', ['2027-03-01', '2028-03-01'], false],
    ['two interviews given newest first: flag', ['2026-06-20', '2026-03-25'], true],
    ['the latest two within a year after an old one: flag', ['2024-01-05', '2026-03-10', '2026-09-01'], true],
    ['two old ones, then one more than a year later (the window ends on the latest): no flag', ['2025-01-01', '2025-06-01', '2026-12-01'], false],
  ])('needsAdjustment: %s', (_name, days, flagged) => {
    expect(needsAdjustment(days)).toBe(flagged);
  });

  it.each([
    ['never interviewed: organisation head', [], '2026-03-25', 'organisation_head'],
    ['interviewed 365 days ago: main leader', ['2026-03-10'], '2027-03-10', 'main_leader'],
    ['interviewed 366 days ago: organisation head again', ['2026-03-10'], '2027-03-11', 'organisation_head'],
    ['interviewed last month: main leader', ['2026-02-20'], '2026-03-25', 'main_leader'],
  ])('suggestedLevel: %s', (_name, days, today, level) => {
    expect(suggestedLevel(days, today)).toBe(level);
  });

  it.each([
    ['县委书记', true],
    ['县委副书记、县长', true],
    ['县委副书记', false],
    ['县委常委、常务副县长', false],
    ['副县长、县公安局局长', false],
    ['县委常委、组织部部长', false],
  ])('isMainLeader(%s) → %s', (position, main) => {
    expect(isMainLeader(position)).toBe(main);
  });

  it.each(INTERVIEW_ACTIONS.flatMap((a) => INTERVIEW_STATUSES.map((s) => [a, s] as const)))('checkInterviewTransition(%s from %s)', (action, from) => {
    const allowed = { approve: 'proposed', reject: 'proposed', record: 'approved', record_talk: 'approved', publish_notice: 'held' }[action];
    const check = checkInterviewTransition(action, from);
    expect(check.ok).toBe(from === allowed);
    if (!check.ok) expect(check.message).toMatch(/^约谈当前为“.+”，不能/);
  });

  const talk = { heldOn: '2026-05-06', attendees: '刘强、张三', outcome: '已认识问题，承诺月底前完成' };
  it.each([
    ['a talk held after the notice, with people and outcome', talk, []],
    ['on the day the notice was issued', { ...talk, heldOn: '2026-05-01' }, []],
    ['before the notice', { ...talk, heldOn: '2026-04-30' }, ['谈话日期不能早于诫勉谈话通知签发日期（2026-05-01）']],
    ['in the future', { ...talk, heldOn: '2026-05-07' }, ['谈话日期不能晚于今天']],
    ['without people or outcome', { ...talk, attendees: ' ', outcome: '' }, ['请填写参加人员', '请填写谈话结果']],
  ])('talkProblems (诫勉谈话): %s', (_name, record, problems) => {
    expect(talkProblems(record, '2026-05-06', '2026-05-01')).toEqual(problems);
  });

  it('noticeDraft: names the person, the overdue matters, the sheet, the date, the people present and the outcome', () => {
    const notice = noticeDraft({
      unitName: '城关街道',
      intervieweeName: '张三',
      taskTitles: ['老旧管网改造', '背街小巷整治'],
      sheetNumber: '督诫〔2026〕1号',
      ...talk,
    });
    expect(notice.title).toBe('关于对城关街道张三同志进行诫勉谈话的通报');
    expect(notice.text.split('\n')).toEqual([
      '城关街道牵头的“老旧管网改造”、“背街小巷整治”逾期仍未完成，经责令限期整改后仍未落实到位，县督查室签发了诫勉谈话通知书（督诫〔2026〕1号）。',
      '2026年5月6日，县纪委监委对城关街道张三同志进行了诫勉谈话。参加人员：刘强、张三。',
      '谈话结果：已认识问题，承诺月底前完成',
      '现予通报。各单位要引以为戒，严格落实“13710”工作制度，确保各项工作按时保质完成。',
    ]);
    expect(noticeDraft({ unitName: '城关街道', intervieweeName: '', taskTitles: ['x'], sheetNumber: '', ...talk }).title).toBe(
      '关于对城关街道有关负责同志进行诫勉谈话的通报',
    );
  });

  it('recordProblems: not in the future, not before approval, commitments due on or after the interview', () => {
    const ok = { heldOn: '2026-03-25', commitments: [{ content: '整改', dueDate: '2026-03-31' }] };
    expect(recordProblems(ok, '2026-03-25', '2026-03-20')).toEqual([]);
    expect(recordProblems({ ...ok, heldOn: '2026-03-26' }, '2026-03-25', '2026-03-20')).toEqual(['约谈日期不能晚于今天']);
    expect(recordProblems(ok, '2026-03-25', '2026-03-26')).toEqual(['约谈日期不能早于批准日期（2026-03-26）']);
    expect(recordProblems({ ...ok, commitments: [{ content: '整改', dueDate: '2026-03-24' }] }, '2026-03-25', '2026-03-20')).toEqual([
      '承诺“整改”的完成时限不能早于约谈日期',
    ]);
  });
});

let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
let t01: number;
let t04: number;

// The demo has one leader account (lingdao, L05, in charge of T01–T03). Two more: the 县委书记 and a leader in charge of T04.
const EXTRA_LEADERS = { shuji: '县委书记', changwu: '县委常委、常务副县长' };
const USERS = ['duchashi', 'kaoheban', 'jiwei', 'lingdao', 'danwei', 'lianluo', 'lianluo2', ...Object.keys(EXTRA_LEADERS)];

// Moves the server clock; sessions idle out after 30 minutes, so log in again.
async function at(instant: string) {
  deps.clock.set(instant);
  for (const u of USERS) cookies[u] = await login(app, u);
}

const as = (who: string, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);
const propose = (unitId: number, body: Record<string, unknown> = {}) =>
  as('duchashi', 'POST', '/api/v1/interviews', { unitId, reason: '棚户区改造进展缓慢，经督查仍无明显进展', taskIds: [], level: 'organisation_head', ...body });
const inboxKinds = async (username: string) => {
  const [a] = await deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username));
  return (await deps.db.select().from(notifications).where(eq(notifications.accountId, a!.id))).map((n) => n.kind);
};

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  t01 = await unitId(deps.db, 'T01');
  t04 = await unitId(deps.db, 'T04');
  const now = deps.clock.now();
  for (const [username, position] of Object.entries(EXTRA_LEADERS)) {
    const [leader] = await deps.db.select({ personId: leaders.personId }).from(leaders).where(eq(leaders.position, position));
    const [account] = await deps.db
      .insert(accounts)
      .values({
        username,
        displayName: position,
        personId: leader!.personId,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        mustChangePassword: false,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await deps.db.insert(accountRoles).values({ accountId: account!.id, role: 'leader', grantedAt: now });
  }
  await at('2026-03-25T09:00:00+08:00');
});
afterAll(() => deps.close());

describe('interviews through the API', () => {
  let first: number;

  it('the office proposes, the leader in charge approves, the office records two commitments that become assigned tasks', async () => {
    const slow = await as('duchashi', 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: t01, title: '完成城关街道棚户区改造征收' }));
    await as('duchashi', 'POST', `/api/v1/tasks/${slow.body!.id}/assign`, {});
    expect((await as('duchashi', 'GET', `/api/v1/interviews/suggest?unitId=${t01}`)).body).toMatchObject({
      suggestedLevel: 'organisation_head',
      lastInterview: null,
      flagged: false,
    });

    const proposed = await propose(t01, { taskIds: [slow.body!.id] });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({
      status: 'proposed',
      unitName: '城关街道',
      level: 'organisation_head',
      taskIds: [slow.body!.id],
      flagged: false,
      actions: [],
    });
    expect(proposed.body!.intervieweeName).toBeTruthy();
    expect(proposed.body!.tasks).toEqual([expect.objectContaining({ id: slow.body!.id, status: 'assigned' })]);
    first = proposed.body!.id;
    // The leader in charge is asked to decide; another leader is not.
    expect(await inboxKinds('lingdao')).toContain('interview.propose');
    expect(await inboxKinds('changwu')).not.toContain('interview.propose');
    expect((await as('lingdao', 'GET', `/api/v1/interviews/${first}`)).body!.actions).toEqual(['approve', 'reject']);

    for (const who of ['lianluo2', 'danwei', 'jiwei', 'duchashi', 'changwu']) {
      expect((await as(who, 'POST', `/api/v1/interviews/${first}/approve`, { note: '同意' })).status, who).toBe(403);
    }
    const approved = await as('lingdao', 'POST', `/api/v1/interviews/${first}/approve`, { note: '同意约谈' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decisionNote: '同意约谈', decidedByName: expect.any(String) });
    expect((await as('lingdao', 'POST', `/api/v1/interviews/${first}/approve`, { note: '' })).status).toBe(409);
    expect(await inboxKinds('duchashi')).toContain('interview.approve');

    const body = {
      heldOn: '2026-03-25',
      interviewer: '县委常委、组织部部长',
      findings: '征收工作推进迟缓，主要负责同志作了表态',
      commitments: [
        { content: '4 月底前完成剩余 30 户签约', dueDate: '2026-04-30' },
        { content: '5 月底前完成房屋拆除', dueDate: '2026-05-31' },
      ],
    };
    expect((await as('duchashi', 'POST', `/api/v1/interviews/${first}/record`, { ...body, heldOn: '2026-03-26' })).body!.error.message).toContain(
      '约谈日期不能晚于今天',
    );
    expect((await as('lingdao', 'POST', `/api/v1/interviews/${first}/record`, body)).status).toBe(403);
    const held = await as('duchashi', 'POST', `/api/v1/interviews/${first}/record`, body);
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ status: 'held', heldOn: '2026-03-25', interviewer: '县委常委、组织部部长' });
    expect(held.body!.commitments.map((c: { content: string; dueDate: string; taskStatus: string }) => [c.content, c.dueDate, c.taskStatus])).toEqual([
      ['4 月底前完成剩余 30 户签约', '2026-04-30', 'assigned'],
      ['5 月底前完成房屋拆除', '2026-05-31', 'assigned'],
    ]);
    expect((await as('duchashi', 'POST', `/api/v1/interviews/${first}/record`, body)).status).toBe(409);

    // The unit's liaison finds the two commitments in the ledger, assigned with their numbered sheets.
    const ledger = await as('lianluo', 'GET', '/api/v1/tasks?source=interview');
    expect(
      ledger.body!.items.map((t: { title: string; deadline: string; period: string; status: string; source: string }) => [
        t.title,
        t.deadline,
        t.period,
        t.status,
        t.source,
      ]),
    ).toEqual([
      ['4 月底前完成剩余 30 户签约', '2026-04-30', '2026-04', 'assigned', 'interview'],
      ['5 月底前完成房屋拆除', '2026-05-31', '2026-05', 'assigned', 'interview'],
    ]);
    const task = await as('lianluo', 'GET', `/api/v1/tasks/${ledger.body!.items[0].id}`);
    expect(task.body).toMatchObject({ leadUnitId: t01, standard: '落实约谈承诺', startDate: '2026-03-25', actions: ['sign', 'decline'] });
    expect(task.body!.sheets).toEqual([expect.objectContaining({ kind: 'assignment', number: expect.stringMatching(/^督〔2026〕\d+号$/) })]);
    expect(await inboxKinds('lianluo')).toContain('interview.record');
  });

  it('a leader may reject with a reason; a proposal cannot be recorded before approval', async () => {
    const { body } = await propose(t01);
    expect(
      (
        await as('duchashi', 'POST', `/api/v1/interviews/${body!.id}/record`, {
          heldOn: '2026-03-25',
          interviewer: '组织部部长',
          findings: '略',
          commitments: [{ content: '整改', dueDate: '2026-04-30' }],
        })
      ).status,
    ).toBe(409);
    expect((await as('lingdao', 'POST', `/api/v1/interviews/${body!.id}/reject`, { note: '' })).status).toBe(400);
    const rejected = await as('lingdao', 'POST', `/api/v1/interviews/${body!.id}/reject`, { note: '该单位已有明显进展，暂不约谈' });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: '该单位已有明显进展，暂不约谈' });
    const again = await as('lingdao', 'POST', `/api/v1/interviews/${body!.id}/approve`, { note: '' });
    expect(again.status).toBe(409);
    expect(again.body!.error.message).toBe('约谈当前为“未批准”，不能批准');
  });

  it('refuses a unit without a head and tasks led by another unit, with clear messages', async () => {
    const t02 = await unitId(deps.db, 'T02');
    const other = await as('duchashi', 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: t02 }));
    const wrongTasks = await propose(t01, { taskIds: [other.body!.id] });
    expect(wrongTasks.status).toBe(400);
    expect(wrongTasks.body!.error.message).toBe('所列事项须为城关街道牵头的事项');
    const t03 = await unitId(deps.db, 'T03');
    await deps.db.update(units).set({ headPersonId: null }).where(eq(units.id, t03));
    const headless = await propose(t03);
    expect(headless.status).toBe(400);
    expect(headless.body!.error.message).toContain('未设主要负责人');
    expect((await as('lianluo', 'POST', '/api/v1/interviews', { unitId: t01, reason: '慢', taskIds: [], level: 'organisation_head' })).status).toBe(403);
  });

  it('the main leader decides for any unit; recording is one transaction, so a failed commitment leaves nothing behind', async () => {
    const { body } = await propose(t04);
    expect((await as('lingdao', 'POST', `/api/v1/interviews/${body!.id}/approve`, { note: '' })).status).toBe(403);
    expect((await as('shuji', 'POST', `/api/v1/interviews/${body!.id}/approve`, { note: '同意' })).body).toMatchObject({ status: 'approved' });

    // A deactivated unit cannot lead the commitment's task: the whole record is refused.
    await deps.db.update(units).set({ active: false }).where(eq(units.id, t04));
    const failed = await as('duchashi', 'POST', `/api/v1/interviews/${body!.id}/record`, {
      heldOn: '2026-03-25',
      interviewer: '县委书记',
      findings: '略',
      commitments: [{ content: '整改', dueDate: '2026-04-30' }],
    });
    await deps.db.update(units).set({ active: true }).where(eq(units.id, t04));
    expect(failed.status).toBe(400);
    expect((await as('duchashi', 'GET', `/api/v1/interviews/${body!.id}`)).body).toMatchObject({ status: 'approved', heldOn: null, commitments: [] });
    expect(await deps.db.select().from(interviewCommitments).where(eq(interviewCommitments.interviewId, body!.id))).toEqual([]);
    expect(
      await deps.db
        .select()
        .from(tasks)
        .where(and(eq(tasks.leadUnitId, t04), eq(tasks.source, 'interview'))),
    ).toEqual([]);
  });

  it('lists within scope: all for the offices and discipline, the portfolio for a leader, nothing for units', async () => {
    const unitsSeen = async (who: string) => new Set((await as(who, 'GET', '/api/v1/interviews')).body!.items.map((i: { unitName: string }) => i.unitName));
    for (const who of ['duchashi', 'kaoheban', 'jiwei', 'shuji']) expect(await unitsSeen(who), who).toEqual(new Set(['城关街道', '青石镇']));
    expect(await unitsSeen('lingdao')).toEqual(new Set(['城关街道']));
    expect(await unitsSeen('changwu')).toEqual(new Set(['青石镇']));
    const held = await as('duchashi', 'GET', `/api/v1/interviews?status=held&unitId=${t01}`);
    expect(held.body!.items.map((i: { id: number }) => i.id)).toEqual([first]);
    expect((await as('changwu', 'GET', `/api/v1/interviews/${first}`)).status).toBe(404);
    expect((await as('changwu', 'GET', `/api/v1/interviews/suggest?unitId=${t01}`)).status).toBe(404);
    for (const who of ['lianluo', 'danwei']) {
      expect((await as(who, 'GET', '/api/v1/interviews')).status).toBe(403);
      expect((await as(who, 'GET', `/api/v1/interviews/${first}`)).status).toBe(403);
      expect((await as(who, 'GET', '/api/v1/interviews/flags')).status).toBe(403);
    }
    expect((await call(app, null, 'GET', '/api/v1/interviews')).status).toBe(401);
    expect((await call(app, null, 'POST', `/api/v1/interviews/${first}/approve`, { note: '' })).status).toBe(401);
  });

  it('a head interviewed a second time within a year is flagged for a position adjustment; the next level is the main leader', async () => {
    await at('2026-06-20T09:00:00+08:00');
    expect((await as('duchashi', 'GET', '/api/v1/interviews/flags')).body!.items).toEqual([]);
    const suggestion = await as('duchashi', 'GET', `/api/v1/interviews/suggest?unitId=${t01}`);
    expect(suggestion.body).toMatchObject({
      suggestedLevel: 'main_leader',
      lastInterview: { id: first, level: 'organisation_head', heldOn: '2026-03-25' },
      flagged: false,
    });

    const { body } = await propose(t01, { level: 'main_leader', reason: '约谈后成效仍不明显' });
    await as('lingdao', 'POST', `/api/v1/interviews/${body!.id}/approve`, { note: '同意，由县委书记约谈' });
    await as('duchashi', 'POST', `/api/v1/interviews/${body!.id}/record`, {
      heldOn: '2026-06-20',
      interviewer: '县委书记',
      findings: '仍无明显进展',
      commitments: [{ content: '7 月底前完成全部拆除', dueDate: '2026-07-31' }],
    });

    const list = (await as('duchashi', 'GET', `/api/v1/interviews?status=held&unitId=${t01}`)).body!.items;
    expect(list.map((i: { id: number; flagged: boolean }) => [i.id, i.flagged])).toEqual([
      [body!.id, true],
      [first, true],
    ]);
    const flags = (await as('lingdao', 'GET', '/api/v1/interviews/flags')).body!.items;
    expect(flags).toEqual([
      expect.objectContaining({
        name: list[0].intervieweeName,
        stillHead: true,
        interviews: [
          expect.objectContaining({ id: body!.id, heldOn: '2026-06-20', level: 'main_leader', unitName: '城关街道' }),
          expect.objectContaining({ id: first, heldOn: '2026-03-25', level: 'organisation_head' }),
        ],
      }),
    ]);
    expect((await as('changwu', 'GET', '/api/v1/interviews/flags')).body!.items).toEqual([]);
  });
});
