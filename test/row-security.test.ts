// Row-level security, the data scope's second line (docs/security.md, migration 0014, src/row-security.ts): as the role
// luoshi_unit_reader with a unit actor's scope, a query with no scope filter at all sees only that scope's rows of the
// task tables; without the policies it would see every unit's; and nothing of one request's scope is left on the
// connection for the next request.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/context.js';
import { type Db, queryRows } from '../src/db/client.js';
import { authenticate } from '../src/modules/auth/service.js';
import { scoreDeductions } from '../src/modules/chasing/schema.js';
import { closingRequests, closingReviews, closingSiteChecks } from '../src/modules/closing/schema.js';
import { monthlyFigureFreezes, monthlyFigures } from '../src/modules/figures/schema.js';
import { monthlyFigures as figuresOf } from '../src/modules/figures/service.js';
import { inspectionFindings, inspectionPhotos, inspections, inspectionTeams } from '../src/modules/inspections/schema.js';
import { getInspection } from '../src/modules/inspections/service.js';
import { people } from '../src/modules/org/schema.js';
import { loadScope } from '../src/modules/org/scope.js';
import { projectInvestments, projectPhotos, projects, projectSteps } from '../src/modules/projects/schema.js';
import { planItems, planPeriods, planProposals } from '../src/modules/plans/schema.js';
import { documentOf, draft, listProposals, unitSheet } from '../src/modules/plans/service.js';
import { mayRead } from '../src/modules/records/rules.js';
import { paceList, personRecord, proxyReachOf } from '../src/modules/records/service.js';
import { listProjects } from '../src/modules/projects/service.js';
import { selfAssessments } from '../src/modules/selfassessment/schema.js';
import { getOne } from '../src/modules/selfassessment/service.js';
import { studyAttendance, studySessions } from '../src/modules/study/schema.js';
import { getSession, myMakeups } from '../src/modules/study/service.js';
import { loadVisibleTask } from '../src/modules/tasks/access.js';
import { ledgerCounts } from '../src/modules/tasks/ledger-store.js';
import { monthTasks } from '../src/modules/tasks/read.js';
import {
  attachments,
  taskCategories,
  taskCooperators,
  taskEvents,
  taskMilestones,
  taskPartReports,
  taskReports,
  tasks,
  taskSheets,
} from '../src/modules/tasks/schema.js';
import { SECURED_PLAN_TABLES, SECURED_RECORD_TABLES, SECURED_TABLES, SECURED_UNIT_TABLES, withRowScope } from '../src/row-security.js';
import { call, demoApp, login, type TestApp } from './api.js';
import { personRecords, unitId } from './factories.js';
import { testDeps, type TestDeps } from './db.js';

// The demo's accounts whose scope is a set of units: unit roles, a leader, and the administrators who see no unit.
const SCOPED = ['lianluo', 'lianluo2', 'danwei', 'ganbu', 'lingdao', 'anquan', 'shenji'];

let deps: TestDeps;
let app: TestApp;
const cookies = new Map<string, string>();
const actors = new Map<string, Actor>();
let taskIds: number[] = [];
// The other modules' units of the fixture: T01 (lianluo, danwei), its village T01V01 (ganbu), T02 (lianluo2), a unit of
// lingdao's portfolio, and one no scoped account sees.
let fixtureUnits: number[] = [];

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const name of [...SCOPED, 'duchashi']) {
    const cookie = await login(app, name);
    cookies.set(name, cookie);
    actors.set(name, (await authenticate(deps, cookie.split('=')[1]!, { passive: true })).actor);
  }
  const codes = ['T01', 'T01V01', 'T02', 'T03', 'D005', 'D003'];
  const [t01, t01v01, t02, t03, d005, d003] = (await Promise.all(codes.map((c) => unitId(deps.db, c)))) as [number, number, number, number, number, number];
  const l05 = actors.get('lingdao')!.leaderId!;
  const [category] = await deps.db.select({ id: taskCategories.id }).from(taskCategories).limit(1);
  // T01 owns a category (归口): its items are T01's to see whoever leads them.
  await deps.db.update(taskCategories).set({ ownerUnitId: t01 }).where(eq(taskCategories.id, category!.id));
  const at = deps.clock.now();
  const task = async (lead: number, more: Partial<typeof tasks.$inferInsert> = {}) => {
    const [row] = await deps.db
      .insert(tasks)
      .values({
        title: `任务${lead}`,
        source: 'meeting',
        level: 'general',
        leadUnitId: lead,
        startDate: '2026-03-01',
        deadline: '2026-04-30',
        period: '2026-03',
        status: 'in_progress',
        createdAt: at,
        updatedAt: at,
        ...more,
      })
      .returning({ id: tasks.id });
    return row!.id;
  };
  const ofT01 = await task(t01);
  const ofVillage = await task(t01v01);
  const cooperated = await task(t02);
  const ofT02 = await task(t02);
  const childOfT01 = await task(t02, { parentId: ofT01 });
  const childOfT02 = await task(t03, { parentId: ofT02 });
  const ledByL05 = await task(d005, { leadLeaderId: l05 });
  const ofD005 = await task(d005);
  const owned = await task(d005, { categoryId: category!.id });
  taskIds = [ofT01, ofVillage, cooperated, ofT02, childOfT01, childOfT02, ledByL05, ofD005, owned];
  const cooperators = [
    { taskId: cooperated, unitId: t01 },
    { taskId: ofT01, unitId: t02 },
    { taskId: ofT02, unitId: t03 },
    { taskId: ofD005, unitId: d003 },
  ];
  await deps.db.insert(taskCooperators).values(cooperators.map((c) => ({ ...c, part: '配合' })));
  const [account] = await queryRows<{ id: number }>(deps.db, sql`select id from accounts order by id limit 1`);
  const by = account!.id;
  // One row of every protected table for every task.
  for (const [i, taskId] of taskIds.entries()) {
    await deps.db.insert(taskPartReports).values({ taskId, unitId: t02, reportedBy: by, reportedAt: at, text: '部分' });
    const [report] = await deps.db.insert(taskReports).values({ taskId, reportedBy: by, reportedAt: at, text: '进展' }).returning({ id: taskReports.id });
    await deps.db.insert(taskMilestones).values({ taskId, name: '节点', dueDate: '2026-04-01' });
    const [sheet] = await deps.db
      .insert(taskSheets)
      .values({ taskId, kind: 'urge', year: 2026, seq: 900 + i, number: `测${i}`, unitId: t02, content: {}, issuedAt: at })
      .returning({ id: taskSheets.id });
    await deps.db.insert(scoreDeductions).values({ taskId, unitId: t02, sheetId: sheet!.id, period: '2026-03', points: 1, reason: '逾期', createdAt: at });
    await deps.db.insert(taskEvents).values({ taskId, at, actorName: '测试', kind: 'note' });
    await deps.db.insert(attachments).values({
      taskId,
      reportId: report!.id,
      fileName: 'a.pdf',
      mime: 'application/pdf',
      size: 1,
      sha256: 'x',
      storageKey: `k${i}`,
      uploadedBy: by,
      uploadedAt: at,
    });
    const [request] = await deps.db
      .insert(closingRequests)
      .values({ taskId, summary: '完成', finishedOn: '2026-03-20', filedBy: by, filedAt: at })
      .returning({ id: closingRequests.id });
    await deps.db.insert(closingReviews).values({ requestId: request!.id, unitId: t01, reviewerId: by, decision: 'approve', at });
    await deps.db.insert(closingSiteChecks).values({ requestId: request!.id, checkedOn: '2026-03-21', checkedBy: by, notes: '核查', at });
  }
  await unitTableRows(t01, t01v01, t02, by);
  await recordRows(by);
  await planRows();
});

// Rows of the other modules' unit tables for every fixture unit, each also reaching another unit where the module's
// rule does (a project's step, a person's absence from another unit's session).
async function unitTableRows(t01: number, t01v01: number, t02: number, by: number) {
  const scopes = await Promise.all(SCOPED.map((n) => loadScope(deps.db, actors.get(n)!)));
  const seen = new Set(scopes.flatMap((s) => (s.all ? [] : [...s.unitIds])));
  const leaderScope = scopes[SCOPED.indexOf('lingdao')]!;
  const ofLeader = [...(leaderScope.all ? [] : leaderScope.unitIds)].find((u) => ![t01, t01v01, t02].includes(u))!;
  const [outside] = await queryRows<{ id: number }>(
    deps.db,
    sql`select id from units where id <> all(${`{${[...seen].join(',')}}`}::int[]) order by id limit 1`,
  );
  fixtureUnits = [t01, t01v01, t02, ofLeader, outside!.id];
  const [lu, out] = [ofLeader, outside!.id];
  const at = deps.clock.now();
  const project = async (lead: number, stepUnits: number[]) => {
    const [row] = await deps.db
      .insert(projects)
      .values({ name: `项目${lead}`, kind: 'continuing', totalInvestment: 100, leadUnitId: lead, responsibleName: '张三', createdAt: at })
      .returning({ id: projects.id });
    for (const [seq, unitId] of stepUnits.entries())
      await deps.db.insert(projectSteps).values({ projectId: row!.id, phase: '施工', seq, name: '工序', plannedStart: '2026-03-01', plannedDays: 10, unitId });
    await deps.db.insert(projectInvestments).values({ projectId: row!.id, period: '2026-03', planned: 10, updatedAt: at });
    await deps.db.insert(projectPhotos).values({
      projectId: row!.id,
      takenOn: '2026-03-02',
      dateSource: 'upload',
      fileName: 'p.jpg',
      mime: 'image/jpeg',
      size: 1,
      sha256: 'x',
      storageKey: `p${row!.id}`,
      thumbnailKey: `t${row!.id}`,
      uploadedAt: at,
    });
  };
  await project(t01, [t02]);
  await project(t02, [lu]);
  await project(out, [t01v01]);
  await project(out, [out]);
  await deps.db.insert(monthlyFigureFreezes).values({ period: '2025-12', frozenAt: at });
  for (const unitId of fixtureUnits)
    await deps.db.insert(monthlyFigures).values({ period: '2025-12', unitId, issued: 2, closedOnTime: 1, closedLate: 0, overdue: 1, carried: 0, frozenAt: at });
  const [team] = await deps.db
    .insert(inspectionTeams)
    .values({ name: '行级安全督查组', leadName: '李四', createdAt: at })
    .returning({ id: inspectionTeams.id });
  const personOf = async (unitId: number) => {
    const [row] = await deps.db
      .insert(people)
      .values({ name: `人员${unitId}`, unitId, createdAt: at, updatedAt: at })
      .returning({ id: people.id });
    return row!.id;
  };
  const ganbu = actors.get('ganbu')!.personId!;
  const leader = actors.get('lingdao')!.personId!;
  for (const unitId of fixtureUnits) {
    for (const [mode, status] of [
      ['open', 'planned'],
      ['unannounced', 'planned'],
      ['unannounced', 'filed'],
    ] as const) {
      const [row] = await deps.db
        .insert(inspections)
        .values({ cycle: 'month', period: '2026-03', teamId: team!.id, unitId, subject: '督查', mode, method: 'on_site', status, createdAt: at, createdBy: by })
        .returning({ id: inspections.id });
      await deps.db
        .insert(inspectionFindings)
        .values({ inspectionId: row!.id, grade: 'problem', content: '问题', ownerUnitId: unitId, deadline: '2026-04-30', createdAt: at });
      await deps.db.insert(inspectionPhotos).values({
        inspectionId: row!.id,
        fileName: 'i.jpg',
        mime: 'image/jpeg',
        size: 1,
        sha256: 'x',
        storageKey: `i${row!.id}`,
        takenAt: at,
        place: '现场',
        uploadedBy: by,
        uploadedAt: at,
      });
    }
    await deps.db.insert(selfAssessments).values({ unitId, period: '2026', status: 'planned', items: [], createdAt: at, updatedAt: at });
    const [session] = await deps.db
      .insert(studySessions)
      .values({ unitId, kind: 'theory_study', title: '学习', day: '2026-03-10', status: 'held', createdBy: by, createdAt: at, updatedAt: at })
      .returning({ id: studySessions.id });
    await deps.db.insert(studyAttendance).values({ sessionId: session!.id, personId: await personOf(unitId), unitId, present: true });
    // ganbu and lingdao missed a session of the unit outside their scopes (补学: their own, wherever held).
    if (unitId === out)
      for (const personId of [ganbu, leader])
        await deps.db.insert(studyAttendance).values({ sessionId: session!.id, personId, unitId, present: false, makeupDue: '2026-03-31' });
  }
  const [other] = await deps.db
    .insert(studySessions)
    .values({ unitId: out, kind: 'group_meeting', title: '学习', day: '2026-03-11', status: 'held', createdBy: by, createdAt: at, updatedAt: at })
    .returning({ id: studySessions.id });
  await deps.db.insert(studyAttendance).values({ sessionId: other!.id, personId: await personOf(out), unitId: out, present: true });
}

// The people's records: a week's log, a frontline day, a month's assessment and a quarter's confirmation for the
// accounts' own persons, the head of T01V01 (a village head: no frontline target) and a person of every fixture unit;
// the outside unit's person was assessed while in T01 (a record follows the person's unit now, as mayRead does).
async function recordRows(by: number) {
  const at = deps.clock.now();
  const [head] = await queryRows<{ person_id: number }>(deps.db, sql`select person_id from accounts where username = 'danwei.t01v01'`);
  const persons: { id: number; unitId: number }[] = [];
  for (const id of [...['lianluo', 'lianluo2', 'danwei', 'ganbu', 'lingdao'].map((n) => actors.get(n)!.personId!), head!.person_id]) {
    const [row] = await deps.db.select({ unitId: people.unitId }).from(people).where(eq(people.id, id));
    persons.push({ id, unitId: row!.unitId ?? fixtureUnits[0]! });
  }
  for (const unitId of fixtureUnits) {
    const [row] = await deps.db
      .insert(people)
      .values({ name: `记实${unitId}`, unitId, createdAt: at, updatedAt: at })
      .returning({ id: people.id });
    persons.push({ id: row!.id, unitId: unitId === fixtureUnits[4] ? fixtureUnits[0]! : unitId });
  }
  for (const p of persons) await personRecords(deps.db, { personId: p.id, unitId: p.unitId, by, at, week: '2026-W10', month: '2026-02' });
}

// Two plans, one issued and one still collecting, each with a proposal of every fixture unit and one of the outside unit
// naming lingdao as its leader; items: kept and issued as a task (the document), a kept item of T01 whose carried task
// left it out (T01's sheet), one of the outside unit that T02 cooperates on, kept but left out (T02's sheet), a dropped
// and an undecided one (no unit's).
async function planRows() {
  const at = deps.clock.now();
  const [t01, t01v01, t02, , out] = fixtureUnits as [number, number, number, number, number];
  for (const [period, status] of [
    ['2030-01', 'issued'],
    ['2030-02', 'collecting'],
  ] as const) {
    const [row] = await deps.db
      .insert(planPeriods)
      .values({
        kind: 'monthly',
        period,
        title: `${period} 计划`,
        status,
        proposeBy: '2029-12-20',
        reviewBy: '2029-12-23',
        consolidateBy: '2029-12-25',
        meetingOn: '2029-12-28',
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: planPeriods.id });
    const periodId = row!.id;
    const proposals: number[] = [];
    for (const [unitId, leadLeaderId] of [...fixtureUnits.map((u) => [u, null] as const), [out, actors.get('lingdao')!.leaderId] as const]) {
      const [p] = await deps.db
        .insert(planProposals)
        .values({ periodId, unitId, title: '申报', deadline: '2030-01-31', leadLeaderId, createdAt: at, updatedAt: at })
        .returning({ id: planProposals.id });
      proposals.push(p!.id);
    }
    const item = (leadUnitId: number, more: Partial<typeof planItems.$inferInsert>) =>
      deps.db
        .insert(planItems)
        .values({ periodId, origin: 'proposal', title: '事项', deadline: '2030-01-31', leadUnitId, createdAt: at, updatedAt: at, ...more });
    await item(out, { decision: 'approved', taskId: taskIds[7], sourceProposalIds: [proposals[4]!] });
    await item(t01, { origin: 'carried_over', decision: 'approved', carriedTaskId: taskIds[0] });
    await item(out, { origin: 'carried_over', decision: 'amended', carriedTaskId: taskIds[3], cooperatingUnitIds: [t02] });
    await item(t01, { decision: 'dropped', sourceProposalIds: [proposals[0]!] });
    await item(t01v01, {});
  }
}
afterAll(() => deps?.close());

// The first line's answer (tasks/access.ts) for each task: the tasks a task page would open for this actor.
async function firstLine(actor: Actor) {
  const seen: number[] = [];
  for (const id of taskIds) {
    const ok = await loadVisibleTask(deps, actor, id).then(
      () => true,
      () => false,
    );
    if (ok) seen.push(id);
  }
  return seen;
}

const taskIdsOf = (db: Db, table: (typeof SECURED_TABLES)[number]) =>
  queryRows<{ task_id: number }>(db, sql`select ${sql.raw(table === 'tasks' ? 'id' : 'task_id')} as task_id from ${sql.identifier(table)}`).then((rows) =>
    rows.map((r) => r.task_id).sort((a, b) => a - b),
  );

async function scoped<T>(name: string, work: (tx: Db) => Promise<T>): Promise<T> {
  const actor = actors.get(name)!;
  const scope = await loadScope(deps.db, actor);
  if (scope.all) throw new Error(`${name} is not scoped`);
  return withRowScope(deps.db, actor, scope, work);
}

describe('row-level security on the task tables', () => {
  it.each(SCOPED)('as %s, an unfiltered SELECT on each table sees exactly the rows of tasks the first line lets it open', async (name) => {
    const actor = actors.get(name)!;
    const visible = await firstLine(actor);
    const visibleTasks = await queryRows<{ id: number }>(
      deps.db,
      sql`select id from tasks where id in ${taskIds} and (id in ${[0, ...visible]} or parent_id in ${[0, ...visible]})`,
    );
    for (const table of SECURED_TABLES) {
      const all = await taskIdsOf(deps.db, table);
      const seen = await scoped(name, (tx) => taskIdsOf(tx, table));
      // A sub-task of a visible task is listed on its page, so the tasks table shows it; its own records stay hidden.
      const expected = table === 'tasks' ? visibleTasks.map((r) => r.id) : visible;
      expect(seen, table).toEqual(all.filter((id) => expected.includes(id)));
      expect(all.length, `${table} holds rows out of ${name}'s scope`).toBeGreaterThan(seen.length);
    }
  });

  it('the fixture gives the unit and the leader rows of their own by every rule (lead, subtree, cooperation, leader, owned category)', async () => {
    expect(await firstLine(actors.get('lianluo')!)).toEqual([taskIds[0], taskIds[1], taskIds[2], taskIds[8]]);
    expect((await firstLine(actors.get('lingdao')!)).includes(taskIds[6]!)).toBe(true);
    expect(await firstLine(actors.get('shenji')!)).toEqual([]);
  });

  it("a store read with no scope filter (the month's tasks, the ledger counts) answers only in-scope tasks inside the transaction", async () => {
    const visible = await firstLine(actors.get('lianluo')!);
    const month = await scoped('lianluo', (tx) => monthTasks(tx, '2026-03'));
    expect(month.map((t) => t.id)).toEqual(visible);
    const counts = await scoped('lianluo', (tx) => ledgerCounts(tx, { parentId: null }, '2026-03-25'));
    expect(counts.total).toBe(visible.length);
    // The same reads as the owner, as every office request makes them, see every unit's tasks.
    expect((await monthTasks(deps.db, '2026-03')).length).toBe(taskIds.length - 2);
    expect((await ledgerCounts(deps.db, { parentId: null }, '2026-03-25')).total).toBe(taskIds.length - 2);
  });

  it('without the policies the role would see every unit: with row-level security off (in a transaction rolled back) it does', async () => {
    const undone = new Error('undo');
    let seen: number[] = [];
    await deps.db
      .transaction(async (tx) => {
        for (const table of SECURED_TABLES) await tx.execute(sql`alter table ${sql.identifier(table)} disable row level security`);
        const actor = actors.get('lianluo')!;
        const scope = await loadScope(tx, actor);
        if (scope.all) throw new Error('not scoped');
        seen = await withRowScope(tx, actor, scope, (inner) => taskIdsOf(inner, 'tasks'));
        throw undone;
      })
      .catch((err: unknown) => {
        if (err !== undone) throw err;
      });
    expect(seen).toEqual(taskIds);
    const on = await queryRows<{ relname: string }>(deps.db, sql`select relname from pg_class where relrowsecurity and relnamespace = 'public'::regnamespace`);
    expect(on.map((r) => r.relname).sort()).toEqual([...SECURED_TABLES, ...SECURED_UNIT_TABLES, ...SECURED_PLAN_TABLES, ...SECURED_RECORD_TABLES].sort());
  });

  it('a table a later migration creates is readable by the role (default privileges), so no new read fails under it', async () => {
    await deps.db.execute(sql`create table rls_later_table (id int)`);
    await deps.db.execute(sql`insert into rls_later_table values (1)`);
    const rows = await scoped('lianluo', (tx) => queryRows<{ id: number }>(tx, sql`select id from rls_later_table`));
    expect(rows).toEqual([{ id: 1 }]);
    await deps.db.execute(sql`drop table rls_later_table`);
  });

  it('the role and the scope are the transaction’s only: afterwards every connection is the owner with no scope', async () => {
    // The projects' ids are kept in luoshi.projects by the first policy that asks for them.
    const inside = await scoped('lianluo', async (tx) => {
      await taskIdsOf(tx, 'tasks');
      await idsOf(tx, 'project_steps');
      return queryRows<{ units: string; projects: string }>(
        tx,
        sql`select current_setting('luoshi.units') as units, current_setting('luoshi.projects') as projects`,
      );
    });
    expect(inside[0]!.units).not.toBe('');
    expect(inside[0]!.projects).not.toBe('');
    // As many at once as the pool holds, so every pooled connection answers (PGlite has one).
    const states = await Promise.all(
      Array.from({ length: 12 }, () =>
        queryRows<{ role: string; tasks: string | null; units: string | null; person: string | null; projects: string | null; records: string | null }>(
          deps.db,
          sql`select current_user as role, current_setting('luoshi.tasks', true) as tasks, current_setting('luoshi.units', true) as units,
            current_setting('luoshi.person', true) as person, current_setting('luoshi.projects', true) as projects,
            concat(current_setting('luoshi.records', true), current_setting('luoshi.records_self', true), current_setting('luoshi.frontline_proxy', true),
              current_setting('luoshi.plan', true), current_setting('luoshi.leader', true)) as records`,
        ),
      ),
    );
    for (const [state] of states) {
      expect(state!.role).not.toBe('luoshi_unit_reader');
      expect(state!.tasks ?? '').toBe('');
      expect(state!.units ?? '').toBe('');
      expect(state!.person ?? '').toBe('');
      expect(state!.projects ?? '').toBe('');
      expect(state!.records ?? '').toBe('');
    }
  });
});

// The first line's answer on the other modules' tables (each module's own checks): the ids of the rows it shows.
const visibleTo = async (check: () => Promise<unknown>) =>
  check().then(
    () => true,
    () => false,
  );
const idsOf = (db: Db, table: string, key = 'id') =>
  queryRows<{ id: number; key: number }>(db, sql`select id, ${sql.identifier(key)} as key from ${sql.identifier(table)} order by id`);

async function firstLineUnitRows(actor: Actor): Promise<Record<(typeof SECURED_UNIT_TABLES)[number], number[]>> {
  const ok = async (rows: { id: number; key: number }[], pass: (r: { id: number; key: number }) => Promise<boolean> | boolean) => {
    const out: number[] = [];
    for (const r of rows) if (await pass(r)) out.push(r.id);
    return out;
  };
  const listed = await listProjects(deps, actor, { page: 1, pageSize: 1000 }).then(
    (p) => p.items.map((i) => i.project.id),
    () => [] as number[],
  );
  const ofProject = async (table: string) => ok(await idsOf(deps.db, table, 'project_id'), (r) => listed.includes(r.key));
  const shown = await ok(await idsOf(deps.db, 'inspections'), (r) => visibleTo(() => getInspection(deps, actor, r.id)));
  const ofInspection = async (table: string) => ok(await idsOf(deps.db, table, 'inspection_id'), (r) => shown.includes(r.key));
  const selfRows = await queryRows<{ id: number; unit_id: number; period: string }>(deps.db, sql`select id, unit_id, period from self_assessments`);
  const selfShown: number[] = [];
  for (const r of selfRows) if (await visibleTo(() => getOne(deps, actor, r.unit_id, r.period))) selfShown.push(r.id);
  const makeups = await myMakeups(deps, actor).catch(() => []);
  const sessions = await ok(
    await idsOf(deps.db, 'study_sessions'),
    async (r) => (await visibleTo(() => getSession(deps, actor, r.id))) || makeups.some((m) => m.sessionId === r.id),
  );
  const unitSessions = await ok(await idsOf(deps.db, 'study_sessions'), (r) => visibleTo(() => getSession(deps, actor, r.id)));
  const attendance = await ok(
    await idsOf(deps.db, 'study_attendance', 'session_id'),
    (r) => unitSessions.includes(r.key) || makeups.some((m) => m.id === r.id),
  );
  const tasksSeen = await firstLine(actor);
  const requests = (await idsOf(deps.db, 'closing_requests', 'task_id')).filter((r) => tasksSeen.includes(r.key)).map((r) => r.id);
  const ofRequest = async (table: string) => ok(await idsOf(deps.db, table, 'request_id'), (r) => requests.includes(r.key));
  const figureRows = await queryRows<{ id: number; unit_id: number; period: string }>(
    deps.db,
    sql`select id, unit_id, period from monthly_figures order by id`,
  );
  const figures: number[] = [];
  for (const period of new Set(figureRows.map((r) => r.period))) {
    const shownUnits = await figuresOf(deps, actor, period).then(
      (f) => f.units.map((u) => u.unitId),
      () => [] as number[],
    );
    figures.push(...figureRows.filter((r) => r.period === period && shownUnits.includes(r.unit_id)).map((r) => r.id));
  }
  return {
    projects: listed.sort((a, b) => a - b),
    project_steps: await ofProject('project_steps'),
    project_investments: await ofProject('project_investments'),
    project_photos: await ofProject('project_photos'),
    inspections: shown,
    inspection_findings: await ofInspection('inspection_findings'),
    inspection_photos: await ofInspection('inspection_photos'),
    self_assessments: selfShown.sort((a, b) => a - b),
    study_sessions: sessions,
    study_attendance: attendance,
    closing_reviews: await ofRequest('closing_reviews'),
    closing_site_checks: await ofRequest('closing_site_checks'),
    monthly_figures: figures.sort((a, b) => a - b),
    score_deductions: await ok(await idsOf(deps.db, 'score_deductions', 'task_id'), (r) => tasksSeen.includes(r.key)),
  };
}

describe("row-level security on the other modules' unit tables", () => {
  it.each(SCOPED)("as %s, an unfiltered SELECT on each table sees exactly the rows the module's first line shows", async (name) => {
    const expected = await firstLineUnitRows(actors.get(name)!);
    for (const table of SECURED_UNIT_TABLES) {
      const all = (await idsOf(deps.db, table)).map((r) => r.id);
      const seen = (await scoped(name, (tx) => idsOf(tx, table))).map((r) => r.id);
      expect(seen, table).toEqual(expected[table]);
      expect(all.length, `${table} holds rows out of ${name}'s scope`).toBeGreaterThan(seen.length);
    }
  });

  it('the fixture gives the units and the leader rows of their own in every table, by each rule', async () => {
    for (const name of ['lianluo', 'ganbu', 'lingdao']) {
      const expected = await firstLineUnitRows(actors.get(name)!);
      for (const table of SECURED_UNIT_TABLES) expect(expected[table].length, `${name} ${table}`).toBeGreaterThan(0);
    }
    // A project seen through a step only (T01V01 carries a step of an outside unit's project), an unannounced inspection
    // hidden until filed, a person's own absence from another unit's session.
    const ganbu = await firstLineUnitRows(actors.get('ganbu')!);
    expect(ganbu.projects.length).toBe(1);
    expect(ganbu.inspections.length).toBe(2);
    expect(ganbu.study_sessions.length).toBe(2);
    expect(ganbu.study_attendance.length).toBe(2);
    expect((await firstLineUnitRows(actors.get('lingdao')!)).study_sessions.length).toBe(5);
    expect(fixtureUnits.length).toBe(5);
  });

  it('without the policies the role would see every unit: with row-level security off it does', async () => {
    const undone = new Error('undo');
    const seen = new Map<string, number>();
    await deps.db
      .transaction(async (tx) => {
        for (const table of SECURED_UNIT_TABLES) await tx.execute(sql`alter table ${sql.identifier(table)} disable row level security`);
        const actor = actors.get('lianluo')!;
        const scope = await loadScope(tx, actor);
        if (scope.all) throw new Error('not scoped');
        for (const table of SECURED_UNIT_TABLES) seen.set(table, (await withRowScope(tx, actor, scope, (inner) => idsOf(inner, table))).length);
        throw undone;
      })
      .catch((err: unknown) => {
        if (err !== undone) throw err;
      });
    for (const table of SECURED_UNIT_TABLES) expect(seen.get(table), table).toBe((await idsOf(deps.db, table)).length);
  });
});

// The first line's answer on the people's records: the rows of every person's record of every year the tables hold that
// the records module opens for the actor (personRecord, which the dossier's record shares), and the frontline days of
// the people the actor may log a day for (proxyReachOf: the pace list counts them, for those a target applies to).
async function firstLineRecordRows(actor: Actor): Promise<Record<(typeof SECURED_RECORD_TABLES)[number], number[]>> {
  const rows = await queryRows<{ person_id: number; year: string }>(
    deps.db,
    sql`select person_id, left(week, 4) as year from work_logs union select person_id, left(day::text, 4) from frontline_days
      union select person_id, left(month, 4) from monthly_assessments union select person_id, left(quarter, 4) from quarter_confirmations`,
  );
  const out = {
    work_logs: new Set<number>(),
    frontline_days: new Set<number>(),
    monthly_assessments: new Set<number>(),
    quarter_confirmations: new Set<number>(),
  };
  for (const r of rows) {
    const record = await personRecord(deps, actor, r.person_id, Number(r.year)).catch(() => null);
    if (!record) continue;
    for (const l of record.workLogs) out.work_logs.add(l.id);
    for (const d of record.frontline.days) out.frontline_days.add(d.id);
    for (const a of record.assessments) out.monthly_assessments.add(a.id);
    for (const c of record.confirmations) out.quarter_confirmations.add(c.id);
  }
  const proxy = await proxyReachOf(deps.db, actor);
  const days = await queryRows<{ id: number; person_id: number; unit_id: number | null }>(
    deps.db,
    sql`select d.id, d.person_id, p.unit_id from frontline_days d join people p on p.id = d.person_id`,
  );
  for (const d of days) if (mayRead(proxy, { personId: d.person_id, unitId: d.unit_id })) out.frontline_days.add(d.id);
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  return {
    work_logs: sorted(out.work_logs),
    frontline_days: sorted(out.frontline_days),
    monthly_assessments: sorted(out.monthly_assessments),
    quarter_confirmations: sorted(out.quarter_confirmations),
  };
}

describe("row-level security on the people's records", () => {
  it.each(SCOPED)('as %s, an unfiltered SELECT on each table sees exactly the rows the records module shows', async (name) => {
    const expected = await firstLineRecordRows(actors.get(name)!);
    for (const table of SECURED_RECORD_TABLES) {
      const all = (await idsOf(deps.db, table)).map((r) => r.id);
      const seen = (await scoped(name, (tx) => idsOf(tx, table))).map((r) => r.id);
      expect(seen, table).toEqual(expected[table]);
      expect(all.length, `${table} holds rows out of ${name}'s scope`).toBeGreaterThan(seen.length);
    }
  });

  it('the fixture gives each rule rows: one’s own, a head’s units, the people one logs frontline days for', async () => {
    const own = (name: string) => firstLineRecordRows(actors.get(name)!);
    // A cadre and a leader see their own only; the head of T01 also the people of T01 and its village (not the
    // person assessed in T01 who has moved out); a liaison also the frontline days of its unit's people.
    expect((await own('ganbu')).work_logs.length).toBe(1);
    expect((await own('lingdao')).monthly_assessments.length).toBe(1);
    const head = await own('danwei');
    expect(head.work_logs.length).toBe(6);
    expect(head.monthly_assessments.length).toBe(6);
    const liaison = await own('lianluo');
    expect(liaison.work_logs.length).toBe(1);
    expect(liaison.frontline_days.length).toBe(6);
    expect((await own('shenji')).frontline_days).toEqual([]);
    // The pace list of the liaison counts the days of its unit's head (a town's secretary), read under the policies.
    const pace = await scoped('lianluo', (tx) => paceList({ ...deps, db: tx }, actors.get('lianluo')!, { day: '2026-03-25' }));
    const danwei = pace.rows.find((r) => r.personId === actors.get('danwei')!.personId);
    expect(danwei?.done).toBe(1);
  });

  it('without the policies the role would see every person: with row-level security off it does', async () => {
    const undone = new Error('undo');
    const seen = new Map<string, number>();
    await deps.db
      .transaction(async (tx) => {
        for (const table of SECURED_RECORD_TABLES) await tx.execute(sql`alter table ${sql.identifier(table)} disable row level security`);
        const actor = actors.get('ganbu')!;
        const scope = await loadScope(tx, actor);
        if (scope.all) throw new Error('not scoped');
        for (const table of SECURED_RECORD_TABLES) seen.set(table, (await withRowScope(tx, actor, scope, (inner) => idsOf(inner, table))).length);
        throw undone;
      })
      .catch((err: unknown) => {
        if (err !== undone) throw err;
      });
    for (const table of SECURED_RECORD_TABLES) expect(seen.get(table), table).toBe((await idsOf(deps.db, table)).length);
  });
});

// The first line's answer on the plans: the proposals each plan lists for the actor; every proposal and item of a plan
// whose draft the actor reads (the draft reads them whole, for each item's sources); the items of the issued document
// and of the sheet of every unit the items name.
async function firstLinePlanRows(actor: Actor): Promise<Record<(typeof SECURED_PLAN_TABLES)[number], number[]>> {
  const periods = await queryRows<{ id: number }>(deps.db, sql`select id from plan_periods order by id`);
  const named = await queryRows<{ unit_id: number }>(
    deps.db,
    sql`select lead_unit_id as unit_id from plan_items union select jsonb_array_elements_text(cooperating_unit_ids)::int from plan_items`,
  );
  const proposals = new Set<number>();
  const items = new Set<number>();
  const itemIds = (groups: { categories: { items: { id: number }[] }[] }[]) => groups.flatMap((g) => g.categories.flatMap((c) => c.items.map((i) => i.id)));
  for (const { id } of periods) {
    for (const p of await listProposals(deps, actor, id, {}).catch(() => [])) proposals.add(p.id);
    const whole = await draft(deps, actor, id).catch(() => null);
    if (whole) {
      for (const i of itemIds(whole.groups)) items.add(i);
      for (const p of await queryRows<{ id: number }>(deps.db, sql`select id from plan_proposals where period_id = ${id}`)) proposals.add(p.id);
    }
    const document = await documentOf(deps, actor, id, 100).catch(() => null);
    for await (const batch of document?.batches ?? []) for (const i of batch) items.add(i.id);
    for (const { unit_id } of named) {
      const sheet = await unitSheet(deps, actor, id, unit_id).catch(() => null);
      for (const i of [...(sheet?.items ?? []), ...(sheet?.leftOut ?? [])]) items.add(i.itemId);
    }
  }
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  return { plan_proposals: sorted(proposals), plan_items: sorted(items) };
}

describe('row-level security on the plans', () => {
  it.each(SCOPED)('as %s, an unfiltered SELECT on each table sees exactly the rows the plans module shows', async (name) => {
    const expected = await firstLinePlanRows(actors.get(name)!);
    for (const table of SECURED_PLAN_TABLES) {
      const all = (await idsOf(deps.db, table)).map((r) => r.id);
      const seen = (await scoped(name, (tx) => idsOf(tx, table))).map((r) => r.id);
      expect(seen, table).toEqual(expected[table]);
      // A county leader reads the whole plan by role; every other account misses some.
      if (name === 'lingdao') expect(seen, table).toEqual(all);
      else expect(all.length, `${table} holds rows out of ${name}'s scope`).toBeGreaterThan(seen.length);
    }
  });

  it('the fixture gives each rule rows: a unit its own proposals, the issued document and its sheet', async () => {
    const lianluo = await firstLinePlanRows(actors.get('lianluo')!);
    // T01 and its village, in both plans; the document's item and T01's left-out item of the issued plan.
    expect(lianluo.plan_proposals.length).toBe(4);
    expect(lianluo.plan_items.length).toBe(2);
    // T02 cooperates on a left-out item of the issued plan.
    expect((await firstLinePlanRows(actors.get('lianluo2')!)).plan_items.length).toBe(2);
    expect(await firstLinePlanRows(actors.get('anquan')!)).toEqual({ plan_proposals: [], plan_items: [] });
  });

  it('without the policies the role would see every unit: with row-level security off it does', async () => {
    const undone = new Error('undo');
    const seen = new Map<string, number>();
    await deps.db
      .transaction(async (tx) => {
        for (const table of SECURED_PLAN_TABLES) await tx.execute(sql`alter table ${sql.identifier(table)} disable row level security`);
        const actor = actors.get('ganbu')!;
        const scope = await loadScope(tx, actor);
        if (scope.all) throw new Error('not scoped');
        for (const table of SECURED_PLAN_TABLES) seen.set(table, (await withRowScope(tx, actor, scope, (inner) => idsOf(inner, table))).length);
        throw undone;
      })
      .catch((err: unknown) => {
        if (err !== undone) throw err;
      });
    for (const table of SECURED_PLAN_TABLES) expect(seen.get(table), table).toBe((await idsOf(deps.db, table)).length);
  });
});

describe('row-level security on requests', () => {
  const ledger = async (name: string) => {
    const res = await call(app, cookies.get(name)!, 'GET', '/api/v1/tasks?page=1&pageSize=100');
    expect(res.status).toBe(200);
    return (res.body!.items as { id: number }[]).map((i) => i.id).filter((id) => taskIds.includes(id));
  };

  it('a unit request, then the office, then the unit again: each sees its own scope, nothing carried over', async () => {
    const unit = await ledger('lianluo');
    expect(unit.sort((a, b) => a - b)).toEqual(await firstLine(actors.get('lianluo')!));
    expect((await ledger('duchashi')).length).toBe(taskIds.length);
    expect((await ledger('lianluo2')).sort((a, b) => a - b)).toEqual(await firstLine(actors.get('lianluo2')!));
    expect((await ledger('lianluo')).sort((a, b) => a - b)).toEqual(unit.sort((a, b) => a - b));
    expect((await ledger('duchashi')).length).toBe(taskIds.length);
  });

  it('a unit request runs as the role: its statements see only the scope, and a refusal inside it is still audited', async () => {
    const before = await queryRows<{ n: number }>(deps.db, sql`select count(*)::int as n from audit_log where action = 'access.not_found'`);
    const res = await call(app, cookies.get('lianluo')!, 'GET', `/api/v1/tasks/${taskIds[3]}`);
    expect(res.status).toBe(404);
    const after = await queryRows<{ n: number }>(deps.db, sql`select count(*)::int as n from audit_log where action = 'access.not_found'`);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    const own = await call(app, cookies.get('lianluo')!, 'GET', `/api/v1/tasks/${taskIds[0]}`);
    expect(own.status).toBe(200);
    // The sub-task led by another unit is listed on its parent's page, as before.
    expect((own.body!.children as { id: number }[]).map((c) => c.id)).toEqual([taskIds[4]]);
  });

  it("the monthly meeting's pack is the county's: a leader reads the same pack as the office (first line only)", async () => {
    // A red item of a unit outside the leader's portfolio, which a scoped read of the tasks would leave out.
    const at = deps.clock.now();
    await deps.db.insert(tasks).values({
      title: '逾期事项',
      source: 'meeting',
      level: 'general',
      leadUnitId: fixtureUnits[4]!,
      startDate: '2026-01-05',
      deadline: '2026-02-20',
      period: '2026-02',
      status: 'in_progress',
      createdAt: at,
      updatedAt: at,
    });
    const office = await call(app, cookies.get('duchashi')!, 'GET', '/api/v1/meetings/2026-02/pack');
    const leader = await call(app, cookies.get('lingdao')!, 'GET', '/api/v1/meetings/2026-02/pack');
    expect(office.status).toBe(200);
    expect(JSON.stringify(office.body)).toContain('逾期事项');
    expect(leader.body).toEqual(office.body);
  });
});
