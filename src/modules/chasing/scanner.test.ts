// The scanner looks only at tasks whose state can change today (chase_marks), in batches that give way to requests.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, handOver, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { addCalendarDays } from '../../calendar/rules.js';
import { systemWho } from '../../context.js';
import { queryRows } from '../../db/client.js';
import { chaseMarks } from './schema.js';
import { scan } from './service.js';

let deps: TestDeps;
let app: TestApp;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
});
afterAll(() => deps.close());

const scanOnce = () => scan(deps, systemWho('scanner-test'));

// Copies a handed-over task and its sheets `n` times in SQL: many tasks in the same state, fast.
async function cloneTask(id: number, n: number) {
  const columns = (
    await queryRows<{ c: string }>(deps.db, sql`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'tasks' AND column_name <> 'id'`)
  ).map((r) => `"${r.c}"`);
  const list = sql.raw(columns.join(', '));
  await deps.db.execute(sql`INSERT INTO tasks (${list}) SELECT ${list} FROM tasks, generate_series(1, ${n}) WHERE id = ${id}`);
  await deps.db.execute(sql`
    INSERT INTO task_sheets (task_id, kind, year, seq, number, unit_id, leader_id, content, issued_at, issued_by, signed_at, signed_by)
    SELECT t.id, s.kind, s.year, 100000 + t.id, s.number || '-' || t.id, s.unit_id, s.leader_id, s.content, s.issued_at, s.issued_by, s.signed_at, s.signed_by
    FROM task_sheets s CROSS JOIN tasks t WHERE s.task_id = ${id} AND t.id > ${id}`);
}

describe('the scanner at scale', () => {
  it('marks what it has seen: the next pass looks at nothing, costs a few statements, and requests are answered during a pass', async () => {
    deps.clock.set('2026-03-02T09:00:00+08:00');
    const office = await login(app, 'duchashi');
    const t01 = await unitId(deps.db, 'T01');
    const first = await handOver(app, office, buildTaskInput({ leadUnitId: t01, startDate: '2026-03-02', deadline: '2026-06-30', period: '2026-06' }));
    await cloneTask(first, 1999);

    // The first pass looks at all 2,000 open tasks, ten batches of 200, while a request waits its turn.
    const before = deps.statements();
    const started = performance.now();
    let scanned = false;
    const pass = scanOnce().then((r) => ((scanned = true), r));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const asked = performance.now();
    const answered = await call(app, '', 'GET', '/api/v1/health');
    const health = performance.now() - asked;
    const answeredDuringPass = !scanned;
    const result = await pass;
    const firstMs = performance.now() - started;
    const firstStatements = deps.statements() - before;
    console.log(`scanner: first pass over 2000 tasks ${firstMs.toFixed(0)} ms, ${firstStatements} statements; a request during it ${health.toFixed(0)} ms`);
    expect(answered.status).toBe(200);
    expect(result).toEqual({ tasks: 2000, issued: 0 });
    expect(answeredDuringPass).toBe(true);
    expect(health).toBeLessThan(firstMs);
    // Context (4), then per batch: the batch, its sheets, reports (2), milestones, parts, the marks; one last empty batch.
    expect(firstStatements).toBeLessThanOrEqual(4 + 10 * 7 + 1);

    // Nothing changed: the second pass reads the context (4) and one empty batch.
    const again = deps.statements();
    expect(await scanOnce()).toEqual({ tasks: 0, issued: 0 });
    expect(deps.statements() - again).toBeLessThanOrEqual(5);

    // A changed task is looked at again; so is every task when the rules change.
    await deps.db.execute(sql`UPDATE tasks SET version = version + 1 WHERE id = ${first}`);
    expect(await scanOnce()).toEqual({ tasks: 1, issued: 0 });
    await deps.db.execute(sql`UPDATE chasing_settings SET urge_days_before = urge_days_before + 1`);
    expect(await scanOnce()).toMatchObject({ tasks: 2000 });
  });
});

describe('the marks skip nothing', () => {
  it('day by day for four months, a scan without marks finds nothing the marked scan missed', async () => {
    deps.clock.set('2026-03-02T09:00:00+08:00');
    const office = await login(app, 'duchashi');
    const t02 = await unitId(deps.db, 'T02');
    await deps.db.execute(sql`UPDATE tasks SET status = 'cancelled'`);
    const input = (o: Parameters<typeof buildTaskInput>[0]) => buildTaskInput({ startDate: '2026-03-02', period: '2026-03', ...o });
    const ids = [
      await handOver(app, office, input({ leadUnitId: t02, source: 'leader_instruction', deadline: '2026-03-20' })),
      await handOver(app, office, input({ leadUnitId: t02, level: 'major', deadline: '2026-04-30', period: '2026-04' })),
      await handOver(app, office, input({ leadUnitId: t02, deadline: '2026-05-15', reportCadence: { kind: 'weekly', weekday: 3 } })),
      await handOver(app, office, input({ leadUnitId: t02, deadline: '2026-03-31', reportCadence: { kind: 'monthly', day: 10 } })),
      await handOver(app, office, input({ leadUnitId: t02, deadline: '2026-04-10', reportCadence: { kind: 'every_n_days', days: 9 } })),
    ];
    let looked = 0;
    let issued = 0;
    for (let day = '2026-03-02'; day <= '2026-07-10'; day = addCalendarDays(day, 1)) {
      deps.clock.set(`${day}T08:00:00+08:00`);
      if (day === '2026-03-04') {
        // Signing and reporting change the tasks: they are looked at again.
        const unit = await login(app, 'lianluo2');
        for (const id of ids.slice(2)) expect((await call(app, unit, 'POST', `/api/v1/tasks/${id}/sign`, {})).status).toBe(200);
        expect((await call(app, unit, 'POST', `/api/v1/tasks/${ids[3]}/reports`, { text: '已启动', percent: 10 })).status).toBe(201);
      }
      const marked = await scanOnce();
      looked += marked.tasks;
      issued += marked.issued;
      await deps.db.delete(chaseMarks).where(eq(chaseMarks.context, chaseMarks.context));
      const full = await scanOnce();
      expect({ day, ...full }).toEqual({ day, tasks: 5, issued: 0 });
    }
    // Warnings, referrals and the ladder were issued, while the marked scans looked at a task on about one day in five.
    expect(issued).toBeGreaterThan(20);
    expect(looked).toBeLessThan((131 * 5) / 3);
    console.log(`marks: ${issued} sheets, looked at ${looked} task-days of ${131 * 5}`);
    // 262 scans: about 15 s alone, more beside other test files on two cores.
  }, 180_000);
});
