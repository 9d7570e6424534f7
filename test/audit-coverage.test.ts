// Longer than 400 lines on purpose: it is one table with a case for every write operation in the API document, kept
// in one place so a new operation without a case fails here.
import { desc, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/schema.js';
import { interviews } from '../src/modules/chasing/schema.js';
import { monthlyFigureFreezes } from '../src/modules/figures/schema.js';
import { SCORE_WEIGHT_KEYS } from '../src/shared/labels.js';
import { starNominations } from '../src/modules/stars/schema.js';
import { taskCarryOvers } from '../src/modules/tasks/schema.js';
import { call, demoApp, handOver, login, type TestApp } from './api.js';
import { testDeps, type TestDeps } from './db.js';
import { buildTaskInput, firstLeaderId, unitId } from './factories.js';

// Every state-changing operation writes exactly one audit entry of its own (等保 安全审计; L1).
// The list is checked against the OpenAPI document, so a new write route without a case here fails.

let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
// A move on 东城街道's part of the first task, at the part's current version.
async function movePart(who: string, action: string, body: Record<string, unknown> = {}) {
  cookies[who] ??= await login(app, who);
  const task = await as(who, 'GET', `/api/v1/tasks/${ids.task}`);
  const part = (task.body!.parts as { unitId: number; version: number }[]).find((p) => p.unitId === ids.t02)!;
  return as(who, 'POST', `/api/v1/tasks/${ids.task}/parts/${ids.t02}/${action}`, { version: part.version, ...body });
}
const versions: Record<string, number> = {};

type Case = { op: string; action: string; run: () => Promise<{ status: number; body: Record<string, any> | null }> };

const as = (who: string, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);

const CASES: Case[] = [
  {
    op: 'POST /api/v1/auth/login',
    action: 'auth.login',
    run: async () => {
      const res = await app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'kaoheban', password: 'Luoshi@2026' }),
      });
      cookies.kaoheban = res.headers.get('set-cookie')!.split(';')[0]!;
      return { status: res.status, body: null };
    },
  },
  {
    op: 'POST /api/v1/units',
    action: 'unit.create',
    run: async () => {
      const res = await as('admin', 'POST', '/api/v1/units', { parentId: null, kind: 'city_dept', code: 'COV1', name: '覆盖测试局' });
      ids.unit = res.body!.id;
      versions.unit = res.body!.version;
      return res;
    },
  },
  {
    op: 'PATCH /api/v1/units/{id}',
    action: 'unit.update',
    run: async () => {
      const res = await as('admin', 'PATCH', `/api/v1/units/${ids.unit}`, { version: versions.unit, name: '覆盖测试局（改）' });
      versions.unit = res.body!.version;
      return res;
    },
  },
  {
    op: 'POST /api/v1/units/{id}/move',
    action: 'unit.move',
    run: async () => {
      const res = await as('admin', 'POST', `/api/v1/units/${ids.unit}/move`, { version: versions.unit, parentId: ids.t02 });
      versions.unit = res.body!.version;
      return res;
    },
  },
  {
    op: 'POST /api/v1/units/{id}/deactivate',
    action: 'unit.deactivate',
    run: async () => {
      const res = await as('admin', 'POST', `/api/v1/units/${ids.unit}/deactivate`, { version: versions.unit, reason: '机构改革' });
      versions.unit = res.body!.version;
      return res;
    },
  },
  {
    op: 'POST /api/v1/units/{id}/activate',
    action: 'unit.activate',
    run: () => as('admin', 'POST', `/api/v1/units/${ids.unit}/activate`, { version: versions.unit }),
  },
  {
    op: 'POST /api/v1/people',
    action: 'person.create',
    run: async () => {
      const res = await as('admin', 'POST', '/api/v1/people', { name: '覆盖人员', unitId: ids.t02, title: '科员', phone: '13900001111' });
      ids.person = res.body!.id;
      versions.person = res.body!.version;
      return res;
    },
  },
  {
    op: 'PATCH /api/v1/people/{id}',
    action: 'person.update',
    run: async () => {
      const res = await as('admin', 'PATCH', `/api/v1/people/${ids.person}`, { version: versions.person, title: '副科长' });
      versions.person = res.body!.version;
      return res;
    },
  },
  {
    op: 'POST /api/v1/people/{id}/deactivate',
    action: 'person.deactivate',
    run: async () => {
      const res = await as('admin', 'POST', `/api/v1/people/${ids.person}/deactivate`, { version: versions.person });
      versions.person = res.body!.version;
      return res;
    },
  },
  {
    op: 'POST /api/v1/people/{id}/activate',
    action: 'person.activate',
    run: () => as('admin', 'POST', `/api/v1/people/${ids.person}/activate`, { version: versions.person }),
  },
  {
    op: 'POST /api/v1/leaders',
    action: 'leader.create',
    run: async () => {
      const res = await as('admin', 'POST', '/api/v1/leaders', { name: '覆盖领导', phone: '', position: '副县长', portfolio: '测试', unitIds: [ids.t02!] });
      ids.leader = res.body!.id;
      versions.leader = res.body!.version;
      return res;
    },
  },
  {
    op: 'PATCH /api/v1/leaders/{id}',
    action: 'leader.update',
    run: () => as('admin', 'PATCH', `/api/v1/leaders/${ids.leader}`, { version: versions.leader, portfolio: '测试（改）' }),
  },
  {
    op: 'POST /api/v1/accounts',
    action: 'account.create',
    run: async () => {
      const res = await as('admin', 'POST', '/api/v1/accounts', {
        username: 'coverage',
        displayName: '覆盖账号',
        personId: null,
        initialPassword: 'Fugai#2026x',
      });
      ids.account = res.body!.id;
      versions.account = res.body!.version;
      return res;
    },
  },
  {
    op: 'PATCH /api/v1/accounts/{id}',
    action: 'account.update',
    run: () => as('admin', 'PATCH', `/api/v1/accounts/${ids.account}`, { version: versions.account, displayName: '覆盖账号二' }),
  },
  {
    op: 'PUT /api/v1/accounts/{id}/roles',
    action: 'account.roles',
    run: () => as('anquan', 'PUT', `/api/v1/accounts/${ids.account}/roles`, { roles: ['cadre'] }),
  },
  {
    op: 'POST /api/v1/accounts/{id}/reset-password',
    action: 'account.reset_password',
    run: () => as('admin', 'POST', `/api/v1/accounts/${ids.account}/reset-password`, { newPassword: 'Chongzhi#2026' }),
  },
  { op: 'POST /api/v1/accounts/{id}/{change}', action: 'account.disable', run: () => as('admin', 'POST', `/api/v1/accounts/${ids.account}/disable`) },
  {
    op: 'PUT /api/v1/security-policy',
    action: 'policy.update',
    run: async () => {
      const current = await as('anquan', 'GET', '/api/v1/security-policy');
      return as('anquan', 'PUT', '/api/v1/security-policy', { ...current.body, rotationDays: 60 });
    },
  },
  {
    op: 'PUT /api/v1/unit-kinds',
    action: 'org.unit_kind_labels',
    run: async () => {
      const current = await as('admin', 'GET', '/api/v1/unit-kinds');
      return as('admin', 'PUT', '/api/v1/unit-kinds', { labels: { ...current.body!.labels, city_dept: '县直部门' }, version: current.body!.version });
    },
  },
  {
    op: 'PUT /api/v1/task-categories/{id}/owner',
    action: 'category.set_owner',
    run: async () => {
      const list = await as('duchashi', 'GET', '/api/v1/task-categories');
      return as('duchashi', 'PUT', `/api/v1/task-categories/${list.body!.items[0].id}/owner`, { ownerUnitId: ids.t02 });
    },
  },
  {
    op: 'POST /api/v1/tasks',
    action: 'task.create',
    run: async () => {
      const res = await as('duchashi', 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: ids.t01! }));
      ids.task = res.body!.id;
      versions.task = res.body!.version;
      return res;
    },
  },
  {
    op: 'PUT /api/v1/tasks/{id}',
    action: 'task.update',
    run: async () => {
      const res = await as('duchashi', 'PUT', `/api/v1/tasks/${ids.task}`, {
        ...buildTaskInput({ leadUnitId: ids.t01!, title: '改后的事项' }),
        version: versions.task,
      });
      versions.task = res.body!.version;
      return res;
    },
  },
  {
    op: 'PATCH /api/v1/tasks/{id}',
    action: 'task.update',
    run: () => as('duchashi', 'PATCH', `/api/v1/tasks/${ids.task}`, { version: versions.task, responsibleName: '李四', responsiblePhone: '13911112222' }),
  },
  { op: 'POST /api/v1/tasks/{id}/assign', action: 'task.assign', run: () => as('duchashi', 'POST', `/api/v1/tasks/${ids.task}/assign`, {}) },
  { op: 'POST /api/v1/tasks/{id}/sign', action: 'task.sign', run: () => as('lianluo', 'POST', `/api/v1/tasks/${ids.task}/sign`, {}) },
  {
    op: 'POST /api/v1/tasks/{id}/subtasks',
    action: 'task.create',
    run: () => as('duchashi', 'POST', `/api/v1/tasks/${ids.task}/subtasks`, buildTaskInput({ leadUnitId: ids.t01!, title: '子事项' })),
  },
  {
    op: 'POST /api/v1/tasks/{id}/reports',
    action: 'task.report',
    run: () => as('lianluo', 'POST', `/api/v1/tasks/${ids.task}/reports`, { text: '已推进', percent: 10 }),
  },
  // A cooperating unit's part on the first task (东城街道, lianluo2): set, signed, reported, returned, reported again and
  // confirmed; then set anew and explained, so the task's closing later is not held back.
  {
    op: 'PUT /api/v1/tasks/{id}/parts/{unitId}',
    action: 'task.part.set',
    run: () => as('lianluo', 'PUT', `/api/v1/tasks/${ids.task}/parts/${ids.t02}`, { part: '提供资金测算' }),
  },
  { op: 'POST /api/v1/tasks/{id}/parts/{unitId}/sign', action: 'task.part.sign', run: () => movePart('lianluo2', 'sign') },
  { op: 'POST /api/v1/tasks/{id}/parts/{unitId}/report', action: 'task.part.report', run: () => movePart('lianluo2', 'report', { text: '已测算' }) },
  { op: 'POST /api/v1/tasks/{id}/parts/{unitId}/return', action: 'task.part.return', run: () => movePart('lianluo', 'return', { reason: '请补充' }) },
  {
    op: 'POST /api/v1/tasks/{id}/parts/{unitId}/confirm',
    action: 'task.part.confirm',
    run: async () => {
      await movePart('lianluo2', 'report', { text: '已补充' });
      return movePart('lianluo', 'confirm');
    },
  },
  {
    op: 'POST /api/v1/tasks/{id}/parts/{unitId}/explain',
    action: 'task.part.explain',
    run: async () => {
      await as('duchashi', 'PUT', `/api/v1/tasks/${ids.task}/parts/${ids.t02}`, { part: '提供资金测算和审核' });
      return movePart('lianluo', 'explain', { reason: '已由牵头单位完成' });
    },
  },
  // A second task walks the other actions: declined, assigned again, signed, started, suspended, resumed, cancelled.
  {
    op: 'POST /api/v1/tasks/{id}/decline',
    action: 'task.decline',
    run: async () => {
      ids.task2 = (await as('duchashi', 'POST', '/api/v1/tasks', buildTaskInput({ leadUnitId: ids.t01!, title: '第二个事项' }))).body!.id;
      await as('duchashi', 'POST', `/api/v1/tasks/${ids.task2}/assign`, {});
      return as('lianluo', 'POST', `/api/v1/tasks/${ids.task2}/decline`, { reason: '不属于本单位职责' });
    },
  },
  {
    op: 'POST /api/v1/tasks/{id}/start',
    action: 'task.start',
    run: async () => {
      await as('duchashi', 'POST', `/api/v1/tasks/${ids.task2}/assign`, {});
      await as('lianluo', 'POST', `/api/v1/tasks/${ids.task2}/sign`, {});
      return as('lianluo', 'POST', `/api/v1/tasks/${ids.task2}/start`, {});
    },
  },
  {
    op: 'POST /api/v1/tasks/{id}/suspend',
    action: 'task.suspend',
    run: async () => as('duchashi', 'POST', `/api/v1/tasks/${ids.task2}/suspend`, { reason: '等待规划调整', approverLeaderId: await firstLeaderId(deps.db) }),
  },
  { op: 'POST /api/v1/tasks/{id}/resume', action: 'task.resume', run: () => as('duchashi', 'POST', `/api/v1/tasks/${ids.task2}/resume`, {}) },
  {
    op: 'POST /api/v1/tasks/{id}/cancel',
    action: 'task.cancel',
    run: () => as('duchashi', 'POST', `/api/v1/tasks/${ids.task2}/cancel`, { reason: '重复立项' }),
  },
  {
    op: 'POST /api/v1/saved-filters',
    action: 'saved_filter.create',
    run: async () => {
      const res = await as('duchashi', 'POST', '/api/v1/saved-filters', { name: '红灯', query: { colour: 'red' } });
      ids.filter = res.body!.id;
      return res;
    },
  },
  { op: 'DELETE /api/v1/saved-filters/{id}', action: 'saved_filter.delete', run: () => as('duchashi', 'DELETE', `/api/v1/saved-filters/${ids.filter}`) },
  { op: 'POST /api/v1/tasks/{id}/urge', action: 'sheet.urge', run: () => as('duchashi', 'POST', `/api/v1/tasks/${ids.task}/urge`, { note: '请加快' }) },
  {
    op: 'POST /api/v1/sheets/{id}/sign',
    action: 'sheet.sign',
    run: async () => {
      const today = await as('lianluo', 'GET', '/api/v1/chasing/today');
      const urge = today.body!.toSign.find((s: { kind: string }) => s.kind === 'urge');
      return as('lianluo', 'POST', `/api/v1/sheets/${urge.id}/sign`);
    },
  },
  { op: 'POST /api/v1/chasing/scan', action: 'chasing.scan', run: () => as('duchashi', 'POST', '/api/v1/chasing/scan') },
  {
    op: 'PUT /api/v1/time-limit-rules/{id}',
    action: 'time_limit_rule.update',
    run: async () => {
      const rules = await as('duchashi', 'GET', '/api/v1/time-limit-rules');
      const r = rules.body!.items[0];
      return as('duchashi', 'PUT', `/api/v1/time-limit-rules/${r.id}`, {
        version: r.version,
        name: r.name,
        days: r.days,
        dayKind: r.dayKind,
        levels: r.levels,
        sources: r.sources,
        active: r.active,
      });
    },
  },
  {
    op: 'PUT /api/v1/chasing/settings',
    action: 'chasing_settings.update',
    run: async () => {
      const current = await as('duchashi', 'GET', '/api/v1/chasing/settings');
      return as('duchashi', 'PUT', '/api/v1/chasing/settings', { ...current.body, urgeDaysBefore: 4 });
    },
  },
  {
    op: 'PUT /api/v1/lottery/settings',
    action: 'lottery_settings.update',
    run: async () => {
      const current = await as('duchashi', 'GET', '/api/v1/lottery/settings');
      return as('duchashi', 'PUT', '/api/v1/lottery/settings', { ...current.body, excludeMonths: 2 });
    },
  },
  { op: 'POST /api/v1/lottery/months/{period}/commit', action: 'lottery.commit', run: () => as('duchashi', 'POST', '/api/v1/lottery/months/2026-03/commit') },
  {
    op: 'POST /api/v1/lottery/months/{period}/draw',
    action: 'lottery.draw',
    run: () => as('duchashi', 'POST', '/api/v1/lottery/months/2026-03/draw', { publicInput: '0731' }),
  },
  {
    op: 'POST /api/v1/interviews',
    action: 'interview.propose',
    run: async () => {
      const res = await as('duchashi', 'POST', '/api/v1/interviews', {
        unitId: ids.t01,
        reason: '工作进展缓慢',
        taskIds: [ids.task],
        level: 'organisation_head',
      });
      ids.interview = res.body!.id;
      return res;
    },
  },
  {
    op: 'POST /api/v1/interviews/{id}/approve',
    action: 'interview.approve',
    run: () => as('lingdao', 'POST', `/api/v1/interviews/${ids.interview}/approve`, { note: '同意' }),
  },
  {
    op: 'POST /api/v1/interviews/{id}/record',
    action: 'interview.record',
    run: () =>
      as('duchashi', 'POST', `/api/v1/interviews/${ids.interview}/record`, {
        heldOn: '2026-03-25',
        interviewer: '县委组织部部长',
        findings: '进度滞后',
        commitments: [{ content: '月底前完成整改', dueDate: '2026-03-31' }],
      }),
  },
  {
    op: 'POST /api/v1/interviews/{id}/talk',
    action: 'interview.record_talk',
    run: async () => {
      // An admonishment as the months-overdue ladder opens it (see chasing/ladder.test.ts for the scan that does).
      const [row] = await deps.db
        .insert(interviews)
        .values({
          unitId: ids.t01!,
          intervieweePersonId: null,
          level: 'admonishment',
          reason: '逾期未完成',
          taskIds: [ids.task!],
          status: 'approved',
          proposedBy: null,
          proposedAt: deps.clock.now(),
          decidedAt: deps.clock.now(),
        })
        .returning();
      ids.admonishment = row!.id;
      cookies.jiwei ??= await login(app, 'jiwei');
      return as('jiwei', 'POST', `/api/v1/interviews/${ids.admonishment}/talk`, {
        heldOn: '2026-03-25',
        interviewer: '县纪委监委',
        attendees: '刘强、张三',
        outcome: '已认识问题',
      });
    },
  },
  {
    op: 'POST /api/v1/interviews/{id}/notice',
    action: 'interview.publish_notice',
    run: () => as('jiwei', 'POST', `/api/v1/interviews/${ids.admonishment}/notice`, {}),
  },
  {
    op: 'POST /api/v1/interviews/{id}/reject',
    action: 'interview.reject',
    run: async () => {
      const res = await as('duchashi', 'POST', '/api/v1/interviews', { unitId: ids.t01, reason: '再次建议约谈', taskIds: [], level: 'main_leader' });
      return as('lingdao', 'POST', `/api/v1/interviews/${res.body!.id}/reject`, { note: '暂不约谈' });
    },
  },
  {
    op: 'POST /api/v1/tasks/{id}/closing-requests',
    action: 'task.request_closing',
    run: async () => {
      const res = await as('lianluo', 'POST', `/api/v1/tasks/${ids.task}/closing-requests`, { summary: '已完成', finishedOn: '2026-03-25' });
      ids.closing = res.body!.id;
      return res;
    },
  },
  {
    op: 'POST /api/v1/closing-requests/{id}/site-checks',
    action: 'closing.site_check',
    run: () => as('duchashi', 'POST', `/api/v1/closing-requests/${ids.closing}/site-checks`, { checkedOn: '2026-03-25', notes: '现场核实' }),
  },
  {
    op: 'POST /api/v1/closing-requests/{id}/reviews',
    action: 'closing.review',
    run: () => as('duchashi', 'POST', `/api/v1/closing-requests/${ids.closing}/reviews`, { decision: 'approve' }),
  },
  // The monthly plan: propose → review → consolidate → meeting → issue; then 挂单.
  {
    op: 'POST /api/v1/plans',
    action: 'plan.create',
    run: async () => {
      const res = await as('duchashi', 'POST', '/api/v1/plans', { kind: 'monthly', period: '2026-04' });
      ids.plan = res.body!.id;
      return res;
    },
  },
  {
    op: 'PATCH /api/v1/plans/{id}/schedule',
    action: 'plan.schedule_update',
    run: async () => {
      const plan = (await as('duchashi', 'GET', `/api/v1/plans/${ids.plan}`)).body!.period;
      return as('duchashi', 'PATCH', `/api/v1/plans/${ids.plan}/schedule`, { version: plan.version, meetingOn: plan.meetingOn, reason: '覆盖' });
    },
  },
  {
    op: 'POST /api/v1/plans/{id}/proposals',
    action: 'plan.proposal_create',
    run: async () => {
      const res = await as('lianluo', 'POST', `/api/v1/plans/${ids.plan}/proposals`, { title: '覆盖申报', deadline: '2026-04-30' });
      ids.proposal = res.body!.id;
      return res;
    },
  },
  {
    op: 'PATCH /api/v1/proposals/{id}',
    action: 'plan.proposal_update',
    run: () => as('lianluo', 'PATCH', `/api/v1/proposals/${ids.proposal}`, { version: 1, measures: '分三步推进' }),
  },
  {
    op: 'POST /api/v1/proposals/{id}/withdraw',
    action: 'plan.proposal_withdraw',
    run: async () => {
      const res = await as('lianluo', 'POST', `/api/v1/plans/${ids.plan}/proposals`, { title: '撤回覆盖', deadline: '2026-04-30' });
      return as('lianluo', 'POST', `/api/v1/proposals/${res.body!.id}/withdraw`, { version: 1, reason: '不再申报' });
    },
  },
  {
    op: 'POST /api/v1/proposals/{id}/submit',
    action: 'plan.proposal_submit',
    run: async () => {
      cookies.danwei ??= await login(app, 'danwei');
      return as('danwei', 'POST', `/api/v1/proposals/${ids.proposal}/submit`);
    },
  },
  {
    op: 'POST /api/v1/proposals/{id}/return',
    action: 'plan.proposal_return',
    run: () => as('lingdao', 'POST', `/api/v1/proposals/${ids.proposal}/return`, { comment: '请细化措施' }),
  },
  {
    op: 'POST /api/v1/proposals/{id}/approve',
    action: 'plan.proposal_approve',
    run: async () => {
      await as('danwei', 'POST', `/api/v1/proposals/${ids.proposal}/submit`);
      return as('lingdao', 'POST', `/api/v1/proposals/${ids.proposal}/approve`, {});
    },
  },
  { op: 'POST /api/v1/plans/{id}/advance', action: 'plan.advance', run: () => as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/advance`) },
  {
    op: 'POST /api/v1/plans/{id}/consolidate',
    action: 'plan.consolidate',
    run: async () => {
      await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/advance`);
      const res = await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/consolidate`);
      ids.planItem = res.body!.created[0];
      return res;
    },
  },
  {
    op: 'POST /api/v1/plans/{id}/items',
    action: 'plan.item_create',
    run: async () => {
      const res = await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/items`, { title: '领导交办覆盖', deadline: '2026-04-30', leadUnitId: ids.t02 });
      ids.assignedItem = res.body!.id;
      return res;
    },
  },
  {
    op: 'PATCH /api/v1/plan-items/{id}',
    action: 'plan.item_update',
    run: () => as('duchashi', 'PATCH', `/api/v1/plan-items/${ids.planItem}`, { version: 1, title: '覆盖申报（改）', reason: '精简文字' }),
  },
  {
    op: 'POST /api/v1/plan-items/{id}/split',
    action: 'plan.item_split',
    run: async () => {
      const res = await as('duchashi', 'POST', `/api/v1/plan-items/${ids.assignedItem}/split`, { parts: [{ title: '交办一' }, { title: '交办二' }] });
      ids.splitItem = res.body!.items[1].id;
      return res;
    },
  },
  {
    op: 'POST /api/v1/plan-items/merge',
    action: 'plan.item_merge',
    run: () => as('duchashi', 'POST', '/api/v1/plan-items/merge', { itemIds: [ids.assignedItem, ids.splitItem] }),
  },
  {
    op: 'POST /api/v1/plan-items/{id}/decision',
    action: 'plan.item_decision',
    run: async () => {
      await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/advance`);
      return as('duchashi', 'POST', `/api/v1/plan-items/${ids.planItem}/decision`, { decision: 'approved' });
    },
  },
  {
    op: 'POST /api/v1/plans/{id}/issue',
    action: 'plan.issue',
    run: async () => {
      // Everything else in the draft (the merged item) is dropped.
      const draft = await as('duchashi', 'GET', `/api/v1/plans/${ids.plan}/draft`);
      const undecided = draft.body!.groups.flatMap((g: any) => g.categories.flatMap((c: any) => c.items)).filter((i: any) => i.decision === null);
      for (const item of undecided) await as('duchashi', 'POST', `/api/v1/plan-items/${item.id}/decision`, { decision: 'dropped' });
      const res = await as('duchashi', 'POST', `/api/v1/plans/${ids.plan}/issue`, { documentNumber: '示办〔2026〕1号' });
      ids.planTask = res.body!.status === 'issued' ? (await as('lianluo', 'GET', `/api/v1/plans/${ids.plan}/units/${ids.t01}/sheet`)).body!.items[0].taskId : 0;
      return res;
    },
  },
  { op: 'POST /api/v1/carry-overs/run', action: 'carry_over.run', run: () => as('duchashi', 'POST', '/api/v1/carry-overs/run') },
  {
    op: 'POST /api/v1/tasks/{id}/carry-over-reason',
    action: 'task.carry_over_reason',
    run: async () => {
      // The carry-over a month-end run would leave, without moving the clock past the sessions' idle limit.
      await deps.db.insert(taskCarryOvers).values({ taskId: ids.planTask!, fromPeriod: '2026-04', toPeriod: '2026-05', createdAt: deps.clock.now() });
      return as('lianluo', 'POST', `/api/v1/tasks/${ids.planTask}/carry-over-reason`, { reason: '汛期影响施工' });
    },
  },
  {
    op: 'POST /api/v1/reviews/schemes',
    action: 'review.scheme.create',
    run: () =>
      as('duchashi', 'POST', '/api/v1/reviews/schemes', {
        effectiveFrom: '2026-04',
        weights: Object.fromEntries(
          SCORE_WEIGHT_KEYS.map((k) => [k, ['overdue_day', 'carried', 'missing_report', 'bottom_statement', 'accountability'].includes(k) ? -1 : 1]),
        ),
      }),
  },
  {
    op: 'POST /api/v1/reviews/{period}/manual-facts',
    action: 'review.fact.add',
    run: async () => {
      const res = await as('duchashi', 'POST', '/api/v1/reviews/2026-03/manual-facts', {
        unitId: ids.t01,
        kind: 'highlight',
        day: '2026-03-20',
        reason: '覆盖亮点',
        evidence: '会议纪要',
      });
      ids.manualFact = res.body!.id;
      return res;
    },
  },
  {
    op: 'POST /api/v1/reviews/{period}/manual-facts/{id}/withdraw',
    action: 'review.fact.withdraw',
    run: () => as('duchashi', 'POST', `/api/v1/reviews/2026-03/manual-facts/${ids.manualFact}/withdraw`),
  },
  {
    op: 'POST /api/v1/reviews/{period}/bottom-statements',
    action: 'review.bottom.confirm',
    run: () => as('duchashi', 'POST', '/api/v1/reviews/2026-03/bottom-statements', { group: 'town', unitIds: [ids.t02], reason: '覆盖测试' }),
  },
  {
    op: 'POST /api/v1/reviews/{period}/leader-stars',
    action: 'review.stars.adjust',
    run: async () => as('duchashi', 'POST', '/api/v1/reviews/2026-03/leader-stars', { leaderId: await firstLeaderId(deps.db), stars: 4, reason: '覆盖测试' }),
  },
  {
    op: 'POST /api/v1/reviews/{period}/publish',
    action: 'review.publish',
    run: async () => {
      // A past month with no tasks, frozen as the periodic job would have left it: nothing to propose, publishable.
      await deps.db.insert(monthlyFigureFreezes).values({ period: '2026-02', frozenAt: deps.clock.now() });
      return as('duchashi', 'POST', '/api/v1/reviews/2026-02/publish');
    },
  },
  {
    op: 'PUT /api/v1/stars/settings',
    action: 'star_settings.update',
    run: () => as('duchashi', 'PUT', '/api/v1/stars/settings', { unitStarLimit: 15, cadreStarLimit: 20, version: 0 }),
  },
  {
    op: 'POST /api/v1/stars/nominations',
    action: 'star.nominate',
    run: async () => {
      const star = { period: '2026-03', kind: 'unit', citation: '覆盖测试事迹', evidence: '通报' };
      const res = await as('lianluo', 'POST', '/api/v1/stars/nominations', { ...star, unitId: ids.t01 });
      ids.star = res.body!.id;
      return res;
    },
  },
  {
    op: 'POST /api/v1/stars/nominations/{id}/shortlist',
    action: 'star.shortlist',
    run: () => as('duchashi', 'POST', `/api/v1/stars/nominations/${ids.star}/shortlist`, { version: 1 }),
  },
  {
    op: 'POST /api/v1/stars/nominations/{id}/reject',
    action: 'star.reject',
    run: () => as('duchashi', 'POST', `/api/v1/stars/nominations/${ids.star}/reject`, { version: 2, reason: '事迹不够突出' }),
  },
  {
    op: 'POST /api/v1/stars/nominations/{id}/decide',
    action: 'star.award',
    run: async () => {
      // A second nomination, already shortlisted (the first was rejected above).
      const [row] = await deps.db
        .insert(starNominations)
        .values({
          period: '2026-03',
          kind: 'unit',
          unitId: ids.t02!,
          citation: '覆盖测试',
          evidence: '通报',
          status: 'shortlisted',
          version: 2,
          nominatedAt: deps.clock.now(),
          nominatedBy: 1,
        })
        .returning();
      return as('duchashi', 'POST', `/api/v1/stars/nominations/${row!.id}/decide`, { version: 2, award: true, method: 'meeting' });
    },
  },
  { op: 'POST /api/v1/stars/months/{period}/close', action: 'star_month.close', run: () => as('duchashi', 'POST', '/api/v1/stars/months/2026-03/close') },
  {
    op: 'POST /api/v1/highlights',
    action: 'highlight.nominate',
    run: async () => {
      const res = await as('lianluo', 'POST', '/api/v1/highlights', {
        cycle: 'month',
        period: '2026-03',
        unitId: ids.t01,
        title: '覆盖测试',
        description: '做法',
        evidence: '通报',
      });
      ids.highlight = res.body!.id;
      return res;
    },
  },
  {
    op: 'POST /api/v1/highlights/{id}/decide',
    action: 'highlight.select',
    run: () => as('duchashi', 'POST', `/api/v1/highlights/${ids.highlight}/decide`, { version: 1, select: true, reason: '成效明显' }),
  },
  {
    op: 'POST /api/v1/reviews/{period}/appeals',
    action: 'review.appeal.file',
    run: async () => {
      const res = await as('lianluo', 'POST', '/api/v1/reviews/2026-02/appeals', { object: 'colour', id: ids.task, reason: '亮灯有误', evidence: '台账截图' });
      ids.appeal = res.body!.id;
      return res;
    },
  },
  {
    op: 'POST /api/v1/appeals/{id}/decide',
    action: 'review.appeal.decide',
    run: () => as('duchashi', 'POST', `/api/v1/appeals/${ids.appeal}/decide`, { decision: 'uphold', reason: '覆盖测试', points: 1 }),
  },
  {
    op: 'PUT /api/v1/reviews/{period}/notice',
    action: 'notice.save',
    run: () => as('duchashi', 'PUT', '/api/v1/reviews/2026-02/notice', { version: 0, opening: '覆盖开头', problems: '覆盖问题', requirements: '覆盖要求' }),
  },
  {
    op: 'POST /api/v1/reviews/{period}/notice/issue',
    action: 'notice.issue',
    run: () => as('kaoheban', 'POST', '/api/v1/reviews/2026-02/notice/issue', { version: 1 }),
  },
  {
    op: 'POST /api/v1/assessments/settings',
    action: 'assessment.settings.save',
    run: async () => {
      const current = (await as('duchashi', 'GET', '/api/v1/assessments/settings')).body!;
      return as('duchashi', 'POST', '/api/v1/assessments/settings', { ...current.settings, version: current.version, rewardTowns: 4 });
    },
  },
  {
    op: 'POST /api/v1/assessments/quarters/{quarter}/bonus-items',
    action: 'assessment.bonus.add',
    run: async () => {
      const res = await as('duchashi', 'POST', '/api/v1/assessments/quarters/2026-Q2/bonus-items', {
        unitId: ids.t01,
        kind: 'commendation',
        day: '2026-04-20',
        reason: '覆盖表扬',
        evidence: '表彰文件',
      });
      ids.bonusItem = res.body!.id;
      return res;
    },
  },
  {
    op: 'POST /api/v1/assessments/quarters/{quarter}/bonus-items/{id}/withdraw',
    action: 'assessment.bonus.withdraw',
    run: () => as('duchashi', 'POST', `/api/v1/assessments/quarters/2026-Q2/bonus-items/${ids.bonusItem}/withdraw`),
  },
  {
    op: 'POST /api/v1/assessments/years/{year}/parts',
    action: 'assessment.part.save',
    run: () => as('duchashi', 'POST', '/api/v1/assessments/years/2026/parts', { unitId: ids.t01, partKey: 'economy', points: 25.5, reason: '覆盖测试' }),
  },
  {
    op: 'POST /api/v1/auth/password',
    action: 'auth.password_change',
    run: () => as('kaoheban', 'POST', '/api/v1/auth/password', { currentPassword: 'Luoshi@2026', newPassword: 'Kaohe#2026new' }),
  },
  { op: 'POST /api/v1/auth/logout', action: 'auth.logout', run: () => as('kaoheban', 'POST', '/api/v1/auth/logout') },
  {
    op: 'PUT /api/v1/records/settings',
    action: 'records_settings.update',
    run: async () => {
      // The assessment office logged out and changed its password in the cases above: log in again.
      cookies.kaoheban = await login(app, 'kaoheban', 'Kaohe#2026new');
      const current = await as('kaoheban', 'GET', '/api/v1/records/settings');
      return as('kaoheban', 'PUT', '/api/v1/records/settings', { ...current.body, townSecretaryDays: 110 });
    },
  },
  {
    op: 'PUT /api/v1/records/work-logs',
    action: 'work_log.save',
    run: () => as('ganbu', 'PUT', '/api/v1/records/work-logs', { week: '2026-W13', done: '走访农户', planned: '整理台账', version: 0 }),
  },
  {
    op: 'POST /api/v1/records/frontline-days',
    action: 'frontline_day.log',
    run: () => as('ganbu', 'POST', '/api/v1/records/frontline-days', { day: '2026-03-24', place: '幸福村', purpose: '春耕调研' }),
  },
  {
    op: 'PUT /api/v1/records/assessments',
    action: 'assessment.save',
    run: async () => {
      ids.cadre = (await as('ganbu', 'GET', '/api/v1/records/mine')).body!.person.id;
      return as('danwei', 'PUT', '/api/v1/records/assessments', { personId: ids.cadre, month: '2026-03', grade: 'good', comment: '扎实', version: 0 });
    },
  },
  {
    op: 'POST /api/v1/records/confirmations',
    action: 'quarter.confirm',
    run: () =>
      as('kaoheban', 'POST', '/api/v1/records/confirmations', { personId: ids.cadre, quarter: '2025-Q4', grade: 'good', reason: '据年度考核材料审定' }),
  },
  {
    op: 'PUT /api/v1/meetings/{period}/date',
    action: 'meeting.set_date',
    run: () => as('duchashi', 'PUT', '/api/v1/meetings/2026-03/date', { meetingDate: '2026-04-03', version: 0 }),
  },
  {
    op: 'POST /api/v1/meetings/{period}/notes',
    action: 'meeting.commitment',
    run: async () => {
      const res = await as('duchashi', 'POST', '/api/v1/meetings/2026-03/notes', {
        kind: 'commitment',
        content: '覆盖测试承诺',
        unitId: ids.t01,
        dueDate: '2026-04-20',
      });
      ids.commitment = res.body!.id;
      return res;
    },
  },
  {
    op: 'POST /api/v1/meetings/notes/{id}/task',
    action: 'meeting.to_task',
    run: () => as('duchashi', 'POST', `/api/v1/meetings/notes/${ids.commitment}/task`, { version: 1 }),
  },
  {
    op: 'POST /api/v1/projects',
    action: 'project.create',
    run: async () => {
      const res = await as('duchashi', 'POST', '/api/v1/projects', {
        name: '覆盖测试项目',
        kind: 'continuing',
        totalInvestment: 100,
        leadUnitId: ids.t01,
        responsibleName: '张三',
      });
      ids.project = res.body!.projectId;
      return res;
    },
  },
  {
    op: 'PUT /api/v1/projects/{id}',
    action: 'project.update',
    run: () =>
      as('duchashi', 'PUT', `/api/v1/projects/${ids.project}`, {
        name: '覆盖测试项目',
        kind: 'continuing',
        totalInvestment: 200,
        leadUnitId: ids.t01,
        responsibleName: '张三',
        version: 1,
      }),
  },
  {
    op: 'POST /api/v1/projects/{id}/steps',
    action: 'project.step_add',
    run: async () => {
      const res = await as('duchashi', 'POST', `/api/v1/projects/${ids.project}/steps`, {
        phase: '一',
        seq: 1,
        name: '开挖',
        plannedStart: '2026-03-20',
        plannedDays: 20,
        unitId: ids.t01,
      });
      ids.step = res.body!.steps[0].id;
      return res;
    },
  },
  {
    op: 'PUT /api/v1/projects/steps/{id}',
    action: 'project.step_update',
    run: () =>
      as('duchashi', 'PUT', `/api/v1/projects/steps/${ids.step}`, {
        phase: '一',
        seq: 1,
        name: '开挖',
        plannedStart: '2026-03-20',
        plannedDays: 25,
        unitId: ids.t01,
        version: 1,
      }),
  },
  {
    op: 'PUT /api/v1/projects/steps/{id}/actual',
    action: 'project.step_actual',
    run: () => as('lianluo', 'PUT', `/api/v1/projects/steps/${ids.step}/actual`, { actualStart: '2026-03-21', actualEnd: null, version: 2 }),
  },
  {
    op: 'POST /api/v1/projects/steps/{id}/task',
    action: 'project.step_link',
    run: () => as('duchashi', 'POST', `/api/v1/projects/steps/${ids.step}/task`, { version: 3 }),
  },
  {
    op: 'DELETE /api/v1/projects/steps/{id}',
    action: 'project.step_remove',
    run: async () => {
      const step = { phase: '一', seq: 2, name: '误录的工序', plannedStart: '2026-04-20', plannedDays: 5, unitId: ids.t01 };
      const added = await as('duchashi', 'POST', `/api/v1/projects/${ids.project}/steps`, step);
      const mistaken = added.body!.steps.find((s: { name: string }) => s.name === '误录的工序').id;
      return as('duchashi', 'DELETE', `/api/v1/projects/steps/${mistaken}`);
    },
  },
  {
    op: 'PUT /api/v1/projects/{id}/investments/{period}',
    action: 'project.investment',
    run: () => as('duchashi', 'PUT', `/api/v1/projects/${ids.project}/investments/2026-03`, { planned: 50, done: 20, version: 0 }),
  },
  {
    op: 'PUT /api/v1/self-assessments/units/{id}/targets',
    action: 'self_assessment.targets',
    run: () =>
      as('lianluo', 'PUT', `/api/v1/self-assessments/units/${ids.t01}/targets`, {
        period: '2026',
        version: 0,
        items: ['position', 'highlight', 'breakthrough', 'first_class'].map((standard) => ({ standard, target: '覆盖测试目标', planRating: 4 })),
      }),
  },
  {
    op: 'POST /api/v1/study/sessions',
    action: 'study_session.create',
    run: async () => {
      const res = await as('lianluo', 'POST', '/api/v1/study/sessions', { unitId: ids.t01, kind: 'theory_study', title: '覆盖测试学习', day: '2026-03-24' });
      ids.study = res.body!.id;
      return res;
    },
  },
  {
    op: 'POST /api/v1/study/sessions/{id}/attendance',
    action: 'study_session.attendance',
    run: async () => {
      ids.head = (await as('danwei', 'GET', '/api/v1/records/mine')).body!.person.id;
      const res = await as('lianluo', 'POST', `/api/v1/study/sessions/${ids.study}/attendance`, {
        version: 1,
        absent: [{ personId: ids.head, reason: '出差' }],
      });
      ids.makeup = res.body!.attendance.find((a: { personId: number }) => a.personId === ids.head).id;
      return res;
    },
  },
  {
    op: 'POST /api/v1/study/makeups/{id}',
    action: 'study_makeup.record',
    run: () => as('danwei', 'POST', `/api/v1/study/makeups/${ids.makeup}`, { day: '2026-03-25', note: '自学学习材料并撰写心得' }),
  },
  {
    op: 'POST /api/v1/board-tokens',
    action: 'board_token.create',
    run: async () => {
      const res = await as('duchashi', 'POST', '/api/v1/board-tokens', { name: '政务大厅电子屏' });
      ids.boardToken = res.body!.id;
      return res;
    },
  },
  {
    op: 'POST /api/v1/board-tokens/{id}/revoke',
    action: 'board_token.revoke',
    run: () => as('duchashi', 'POST', `/api/v1/board-tokens/${ids.boardToken}/revoke`),
  },
  {
    op: 'POST /api/v1/work-groups',
    action: 'work_group.create',
    run: async () => {
      const t01 = await unitId(deps.db, 'T01');
      const res = await as('duchashi', 'POST', '/api/v1/work-groups', {
        name: '城关片区工作群',
        channelId: null,
        sendAt: '18:00',
        active: true,
        unitIds: [t01],
        personIds: [],
      });
      ids.workGroup = res.body!.id;
      return res;
    },
  },
  {
    op: 'PUT /api/v1/work-groups/{id}',
    action: 'work_group.update',
    run: async () => {
      const t01 = await unitId(deps.db, 'T01');
      return as('duchashi', 'PUT', `/api/v1/work-groups/${ids.workGroup}`, {
        name: '城关片区群',
        channelId: null,
        sendAt: '17:30',
        active: true,
        unitIds: [t01],
        personIds: [],
        version: 1,
      });
    },
  },
  {
    op: 'POST /api/v1/inspection-teams',
    action: 'inspection_team.create',
    run: async () => {
      const res = await as('duchashi', 'POST', '/api/v1/inspection-teams', { name: '覆盖督查组', leadName: '组长', members: [], unitIds: [ids.t01] });
      ids.team = res.body!.id;
      return res;
    },
  },
  {
    op: 'PUT /api/v1/inspection-teams/{id}',
    action: 'inspection_team.update',
    run: () =>
      as('duchashi', 'PUT', `/api/v1/inspection-teams/${ids.team}`, {
        name: '覆盖督查组',
        leadName: '组长',
        members: ['成员'],
        unitIds: [ids.t01],
        active: true,
        version: 1,
      }),
  },
  {
    op: 'POST /api/v1/inspections',
    action: 'inspection.plan',
    run: async () => {
      const res = await as('duchashi', 'POST', '/api/v1/inspections', {
        cycle: 'year',
        period: '2026',
        teamId: ids.team,
        unitId: ids.t01,
        subject: '覆盖测试督查',
        mode: 'open',
        method: 'remote',
      });
      ids.inspection = res.body!.id;
      return res;
    },
  },
  {
    op: 'PUT /api/v1/inspections/{id}/record',
    action: 'inspection.record',
    run: () =>
      as('duchashi', 'PUT', `/api/v1/inspections/${ids.inspection}/record`, {
        visitedOn: '2026-03-25',
        place: '视频连线',
        observations: '资料齐全',
        version: 1,
      }),
  },
  {
    op: 'POST /api/v1/inspections/{id}/findings',
    action: 'inspection.finding',
    run: () => as('duchashi', 'POST', `/api/v1/inspections/${ids.inspection}/findings`, { grade: 'good', content: '覆盖测试好的做法' }),
  },
  {
    op: 'DELETE /api/v1/inspections/{id}/findings/{findingId}',
    action: 'inspection.finding_remove',
    run: async () => {
      const res = await as('duchashi', 'POST', `/api/v1/inspections/${ids.inspection}/findings`, { grade: 'good', content: '将删除' });
      return as('duchashi', 'DELETE', `/api/v1/inspections/${ids.inspection}/findings/${res.body!.findings.at(-1).id}`);
    },
  },
  {
    op: 'POST /api/v1/inspections/{id}/file',
    action: 'inspection.file',
    run: () => as('duchashi', 'POST', `/api/v1/inspections/${ids.inspection}/file`, { version: 2 }),
  },
  {
    op: 'POST /api/v1/inspections/{id}/findings/{findingId}/highlight',
    action: 'inspection.highlight',
    run: async () => {
      const found = (await as('lianluo', 'GET', `/api/v1/inspections/${ids.inspection}`)).body!.findings[0];
      return as('lianluo', 'POST', `/api/v1/inspections/${ids.inspection}/findings/${found.id}/highlight`);
    },
  },
  {
    op: 'PUT /api/v1/tasks/{id}/disclosure',
    action: 'disclosure.mark',
    run: async () => {
      ids.disclosed = await handOver(app, cookies.duchashi!, buildTaskInput({ leadUnitId: ids.t01!, title: '覆盖测试公开事项' }));
      return as('duchashi', 'PUT', `/api/v1/tasks/${ids.disclosed}/disclosure`, { summary: '按计划推进', version: 0 });
    },
  },
  {
    op: 'POST /api/v1/tasks/{id}/disclosure/withdraw',
    action: 'disclosure.withdraw',
    run: () => as('duchashi', 'POST', `/api/v1/tasks/${ids.disclosed}/disclosure/withdraw`, { version: 1 }),
  },
  {
    op: 'PUT /api/v1/dossier/rule',
    action: 'banding_rule.update',
    run: async () => as('kaoheban', 'PUT', '/api/v1/dossier/rule', (await as('kaoheban', 'GET', '/api/v1/dossier/rule')).body),
  },
  { op: 'POST /api/v1/opinions/draft', action: 'opinion.draft', run: () => as('kaoheban', 'POST', '/api/v1/opinions/draft', { year: 2026 }) },
  {
    op: 'PATCH /api/v1/opinions/{id}',
    action: 'opinion.edit',
    run: async () => {
      ids.opinion = (await as('kaoheban', 'GET', '/api/v1/opinions?year=2026')).body!.items[0].id;
      return as('kaoheban', 'PATCH', `/api/v1/opinions/${ids.opinion}`, { changes: { rewards: '建议嘉奖' }, reason: '经考核委员会研究', version: 1 });
    },
  },
  {
    op: 'POST /api/v1/opinions/{id}/issue',
    action: 'opinion.issue',
    run: () => as('kaoheban', 'POST', `/api/v1/opinions/${ids.opinion}/issue`, { version: 2 }),
  },
  {
    op: 'POST /api/v1/opinions/{id}/corrections',
    action: 'opinion.correct',
    run: () => as('kaoheban', 'POST', `/api/v1/opinions/${ids.opinion}/corrections`, { field: 'rewards', text: '建议通报表扬', reason: '名额调整' }),
  },
];

// Write operations whose audit entry is asserted in their own module's tests.
const COVERED_ELSEWHERE: Record<string, string> = {
  'PUT /api/v1/self-assessments/units/{id}/results':
    'src/modules/selfassessment/selfassessment.test.ts asserts one self_assessment.results entry (it needs the clock in the result window)',
  'PUT /api/v1/self-assessments/units/{id}/office-rating': 'src/modules/selfassessment/selfassessment.test.ts asserts one self_assessment.rate entry',
  'POST /api/v1/org/import': 'src/modules/org/import.test.ts asserts one org.import entry and none on a rejected file',
  'POST /api/v1/audit/verify': 'reads only; nothing to audit',
  'POST /api/v1/inspections/{id}/photos': 'src/modules/inspections/inspections.test.ts uploads a photo (inspection.photo entry written with the row)',
  'POST /api/v1/tasks/{id}/attachments':
    'src/modules/tasks/attachments.test.ts asserts one task.attachment.upload entry per upload and none on a rejected file',
  'POST /api/v1/projects/{id}/photos': 'src/modules/projects/projects.test.ts asserts one project.photo_upload entry per photo and none on a refused file',
  'POST /api/v1/tasks/import': 'src/modules/reports/task-import.test.ts asserts one task.import entry and none on a rejected file',
  'POST /api/v1/calendar/overrides': 'src/calendar/calendar.test.ts asserts one calendar.override entry per range, none on a refused one',
  'DELETE /api/v1/calendar/overrides/{day}': 'src/calendar/calendar.test.ts asserts one calendar.override_delete entry',
  'POST /api/v1/calendar/years/{year}': 'src/calendar/calendar.test.ts asserts one calendar.year_enter entry',
  'DELETE /api/v1/calendar/years/{year}': 'src/calendar/calendar.test.ts asserts one calendar.year_delete entry',
  'POST /api/v1/calendar/add': 'a date calculator; reads only, nothing to audit',
  'POST /api/v1/notify/channels': 'src/modules/notify/notify.test.ts asserts one notify.channel_create entry, without the SMTP password',
  'PATCH /api/v1/notify/channels/{id}': 'src/modules/notify/notify.test.ts asserts one notify.channel_update entry, without the SMTP password',
  'POST /api/v1/notify/channels/{id}/test': 'src/modules/notify/notify.test.ts asserts one notify.channel_test entry',
  'POST /api/v1/inbox/{id}/read': 'marking an own message read changes no business state; not audited',
  'POST /api/v1/tasks/{id}/request_closing': 'always 409 USE_CLOSING_REQUEST (src/modules/tasks/tasks.test.ts); closing is audited through closing requests',
  'POST /api/v1/tasks/{id}/close': 'always 409 USE_CLOSING_REQUEST (src/modules/tasks/tasks.test.ts); closing is audited through closing requests',
  'POST /api/v1/tasks/{id}/return': 'always 409 USE_CLOSING_REQUEST (src/modules/tasks/tasks.test.ts); closing is audited through closing requests',
  'POST /api/v1/assessments/quarters/{quarter}/publish':
    'src/modules/assessment/assessment.test.ts asserts one assessment.quarter.publish entry, none when refused or published twice',
  'POST /api/v1/assessments/years/{year}/publish':
    'src/modules/assessment/assessment.test.ts asserts one assessment.year.publish entry (it needs a whole year of published months)',
  'POST /api/v1/inbox/read-all': 'marking all own messages read changes no business state; not audited',
  'POST /api/v1/auth/login/second-factor':
    'src/modules/auth/second-factor.test.ts asserts auth.second_factor, auth.recovery_code_used and auth.login entries, and failures with their reasons',
  'POST /api/v1/auth/totp/enrolment': 'src/modules/auth/second-factor.test.ts asserts the auth.totp_enrol_start entry with no secret in the log',
  'POST /api/v1/auth/totp/enrolment/confirm': 'src/modules/auth/second-factor.test.ts asserts auth.totp_enrol success and failure entries',
  'POST /api/v1/auth/totp/recovery-codes': 'src/modules/auth/second-factor.test.ts asserts the auth.totp_recovery_codes entry without the codes',
  'POST /api/v1/auth/totp/disable': 'src/modules/auth/second-factor.test.ts asserts the auth.totp_disable entry',
  'POST /api/v1/accounts/{id}/reset-totp': 'src/modules/auth/second-factor.test.ts asserts the account.totp_reset entry with before and after',
};

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const u of ['admin', 'anquan', 'duchashi', 'lianluo', 'lingdao', 'ganbu', 'danwei']) cookies[u] = await login(app, u);
  ids.t01 = await unitId(deps.db, 'T01');
  ids.t02 = await unitId(deps.db, 'T02');
});
afterAll(() => deps.close());

describe('audit coverage of write operations', () => {
  it('every write operation in the OpenAPI document has a case here', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} /api/v1${path.replace(/^\/api\/v1/, '')}`),
    );
    const covered = new Set([...CASES.map((c) => c.op), ...Object.keys(COVERED_ELSEWHERE)]);
    expect(writes.filter((w) => !covered.has(w))).toEqual([]);
  });

  it.each(CASES.map((c) => [c.op, c] as const))('%s writes its audit entry', async (_op, c) => {
    const [last] = await deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    const res = await c.run();
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    const entries = await deps.db.select().from(auditLog).where(gt(auditLog.seq, last!.seq));
    const own = entries.filter((e) => e.action === c.action);
    expect(own, entries.map((e) => e.action).join(',')).toHaveLength(1);
    expect(own[0]).toMatchObject({ result: 'success' });
    expect(own[0]!.requestId).not.toBe('');
  });
});
