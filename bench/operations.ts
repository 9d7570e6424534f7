// What the bench asks the server for, whom it asks as, its target, and the bare SQL each ledger and task operation
// needs (written by hand against the tables, as a developer would answer the same question in psql).
import { BENCH_MONTH, BENCH_TODAY } from './generate.js';
import type { Sql } from './load.js';

export interface Subjects {
  accounts: Record<string, string>; // role → username
  county: { id: number; path: string };
  town: { id: number; path: string };
  departmentId: number;
  leaderId: number;
  taskId: number;
  planId: number;
  interviewId: number;
  deepPage: number;
  totalTasks: number;
}

export async function pickSubjects(sql: Sql): Promise<Subjects> {
  const one = async <T>(text: string, params: unknown[] = []) => {
    const [row] = await sql.query<T>(text, params);
    if (!row) throw new Error(`数据集里找不到：${text}`);
    return row;
  };
  // Generated units have paths /city/county/…; the county with the most tasks in the month.
  const county = await one<{ id: number; path: string }>(
    `SELECT c.id, c.path FROM units c JOIN (
       SELECT split_part(u.path, '/', 3)::int AS county, count(*) AS n FROM tasks t JOIN units u ON u.id = t.lead_unit_id
       WHERE t.period = $1 AND u.code LIKE 'B%-%-%' GROUP BY 1 ORDER BY n DESC LIMIT 1) m ON m.county = c.id`,
    [BENCH_MONTH],
  );
  // The town with the most open tasks; in the quick set the generated towns may have none open, so then the busiest.
  const town = await one<{ id: number; path: string }>(
    `SELECT w.id, w.path FROM units w JOIN (
       SELECT CASE WHEN u.kind = 'village' THEN u.parent_id ELSE u.id END AS town,
              count(*) FILTER (WHERE t.status IN ('assigned', 'signed', 'in_progress', 'closing_requested', 'returned')) AS open, count(*) AS n
       FROM tasks t JOIN units u ON u.id = t.lead_unit_id
       WHERE u.kind IN ('town', 'village') AND u.code LIKE 'B%'
       GROUP BY 1 ORDER BY open DESC, n DESC LIMIT 1) m ON m.town = w.id`,
  );
  const department = await one<{ id: number }>(
    `SELECT t.lead_unit_id AS id FROM tasks t JOIN units u ON u.id = t.lead_unit_id WHERE u.kind = 'city_dept' AND u.code LIKE 'B%' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const leader = await one<{ id: number }>(
    `SELECT t.lead_leader_id AS id FROM tasks t JOIN leaders l ON l.id = t.lead_leader_id JOIN accounts a ON a.person_id = l.person_id AND a.username LIKE 'b%ld'
     GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const task = await one<{ id: number }>(
    `SELECT t.id FROM tasks t WHERE t.status = 'in_progress'
       AND EXISTS (SELECT 1 FROM task_milestones m WHERE m.task_id = t.id) AND EXISTS (SELECT 1 FROM task_reports r WHERE r.task_id = t.id)
     ORDER BY t.id DESC LIMIT 1`,
  );
  const plan = await one<{ id: number }>(`SELECT id FROM plan_periods WHERE kind = 'monthly' AND period = $1`, [BENCH_MONTH]);
  const interview = await one<{ id: number }>(`SELECT max(id) AS id FROM interviews WHERE status = 'held'`);
  const total = await one<{ n: number }>(`SELECT count(*)::int AS n FROM tasks`);
  return {
    accounts: {
      office: 'duchashi',
      assessment: 'kaoheban',
      discipline: 'jiwei',
      leader: `b${leader.id}ld`,
      county: `b${county.id}h`,
      unit: `b${town.id}l`,
    },
    county,
    town,
    departmentId: department.id,
    leaderId: leader.id,
    taskId: task.id,
    planId: plan.id,
    interviewId: interview.id,
    deepPage: Math.max(1, Math.floor(total.n / 20 / 2)),
    totalTasks: total.n,
  };
}

export interface Operation {
  name: string;
  role: string;
  paths: string[]; // several: a page that asks for all at once (a home page)
  target?: number; // p95 ms, one request at a time
  heavy?: boolean; // a download: timed with the server's memory, not under autocannon
  mix?: number; // weight in the mixed load
}

const ledger = (query: string) => `/api/v1/tasks?${query}`;
// The ledger's figures every business role sees first (components/TaskOverview.tsx, home/DueThisWeek.tsx): one call.
const overview = '/api/v1/tasks/overview';
const common = ['/api/v1/auth/me', '/api/v1/inbox/unread-count'];
const figures = (period: string) => `/api/v1/figures/monthly?period=${period}`;
const CURRENT = '2026-12';
const FROZEN = '2026-10';
const TREND = '/api/v1/figures/trend?from=2026-07&to=2026-12';

export function operations(s: Subjects): Operation[] {
  return [
    { name: 'ledger.deadline', role: 'office', paths: [ledger('sort=deadline&page=1&pageSize=20')], target: 50, mix: 8 },
    { name: 'ledger.red', role: 'office', paths: [ledger('colour=red&sort=deadline&pageSize=20')], target: 50, mix: 3 },
    { name: 'ledger.county', role: 'county', paths: [ledger('sort=deadline&pageSize=20')], target: 50, mix: 3 },
    { name: 'ledger.town', role: 'unit', paths: [ledger('sort=deadline&pageSize=20')], target: 50, mix: 4 },
    { name: 'ledger.unit', role: 'office', paths: [ledger(`unitId=${s.departmentId}&sort=deadline&pageSize=20`)], target: 50, mix: 2 },
    { name: 'ledger.leader', role: 'office', paths: [ledger(`leaderId=${s.leaderId}&sort=deadline&pageSize=20`)], target: 50, mix: 2 },
    { name: 'ledger.month', role: 'office', paths: [ledger(`period=${BENCH_MONTH}&sort=deadline&pageSize=20`)], target: 50, mix: 3 },
    { name: 'ledger.deep', role: 'office', paths: [ledger(`sort=deadline&page=${s.deepPage}&pageSize=20`)], target: 50, mix: 1 },
    { name: 'task.page', role: 'office', paths: [`/api/v1/tasks/${s.taskId}`], target: 30, mix: 6 },
    { name: 'task.history', role: 'office', paths: [`/api/v1/tasks/${s.taskId}/history`], target: 30, mix: 3 },
    { name: 'chasing.board', role: 'office', paths: ['/api/v1/chasing/board?pageSize=20'], mix: 2 },
    { name: 'chasing.today', role: 'unit', paths: ['/api/v1/chasing/today'], mix: 4 },
    { name: 'figures.current', role: 'office', paths: [figures(CURRENT)], target: 300, mix: 2 },
    // November: counted live until the first tick of December freezes it; October: frozen by the generator.
    { name: 'figures.last-month', role: 'office', paths: [figures(BENCH_MONTH)], target: 300, mix: 1 },
    { name: 'figures.frozen', role: 'office', paths: [figures(FROZEN)], target: 300, mix: 1 },
    {
      name: 'home.office',
      role: 'office',
      paths: [
        ...common,
        overview,
        figures(CURRENT),
        TREND,
        '/api/v1/plans',
        '/api/v1/closing-requests?status=pending&pageSize=1',
        '/api/v1/interviews?status=approved',
        '/api/v1/chasing/board?unsignedOnly=true&pageSize=1',
        '/api/v1/chasing/issued',
      ],
      target: 300,
    },
    {
      name: 'home.leader',
      role: 'leader',
      paths: [...common, overview, figures(CURRENT), '/api/v1/plans', '/api/v1/interviews?status=proposed'],
      target: 300,
    },
    {
      name: 'home.unit',
      role: 'unit',
      paths: [...common, overview, '/api/v1/chasing/today'],
      target: 300,
    },
    { name: 'home.assessment', role: 'assessment', paths: [...common, overview], target: 300 },
    { name: 'export.county-month', role: 'county', paths: [`/api/v1/tasks/export?period=${BENCH_MONTH}`], heavy: true },
    { name: 'docx.plan', role: 'office', paths: [`/api/v1/plans/${s.planId}/document`], heavy: true },
    { name: 'docx.notice', role: 'discipline', paths: [`/api/v1/interviews/${s.interviewId}/notice/docx`], heavy: true },
  ];
}

// ---- The bare SQL: one page and its counts, as the endpoint must answer them.
const COLOUR = `CASE WHEN t.status = 'closed' THEN 'green'
    WHEN t.status IN ('draft', 'declined', 'suspended', 'cancelled') THEN 'grey'
    WHEN t.deadline < $1::date THEN 'red'
    WHEN t.deadline - $1::date <= 3 OR EXISTS (SELECT 1 FROM task_milestones m WHERE m.task_id = t.id AND m.done_date IS NULL AND m.due_date < $1::date) THEN 'yellow'
    ELSE 'blue' END`;

function ledgerSql(where: string, extra: unknown[], opts: { colour?: string; offset?: number } = {}) {
  const base = `SELECT t.id, t.title, t.status, t.deadline, t.percent, t.period, u.name AS unit, p.name AS leader, c.name AS category, ${COLOUR} AS colour
    FROM tasks t JOIN units u ON u.id = t.lead_unit_id LEFT JOIN task_categories c ON c.id = t.category_id
    LEFT JOIN leaders l ON l.id = t.lead_leader_id LEFT JOIN people p ON p.id = l.person_id WHERE ${where}`;
  const colour = opts.colour ? ` WHERE colour = '${opts.colour}'` : '';
  return [
    { text: `SELECT * FROM (${base}) x${colour} ORDER BY deadline, id LIMIT 20 OFFSET ${opts.offset ?? 0}`, params: [BENCH_TODAY, ...extra] },
    {
      text: `SELECT count(*) FILTER (WHERE ${opts.colour ? `colour = '${opts.colour}'` : 'true'}) AS total, count(*) FILTER (WHERE colour = 'red') AS red,
        count(*) FILTER (WHERE colour = 'yellow') AS yellow, count(*) FILTER (WHERE colour = 'blue') AS blue,
        count(*) FILTER (WHERE colour = 'green') AS green, count(*) FILTER (WHERE colour = 'grey') AS grey FROM (${base}) x`,
      params: [BENCH_TODAY, ...extra],
    },
  ];
}

// The best hand-written form: two index scans joined by UNION ALL (an `a OR EXISTS (…)` makes PostgreSQL scan every task).
const involves = (units: string) =>
  `t.id IN (SELECT l.id FROM tasks l WHERE l.lead_unit_id IN (${units}) UNION ALL SELECT k.task_id FROM task_cooperators k WHERE k.unit_id IN (${units}))`;
const subtree = (param: string) => `SELECT id FROM units WHERE path LIKE ${param} || '%'`;

export function bareQueries(s: Subjects): Record<string, { text: string; params: unknown[] }[]> {
  return {
    'ledger.deadline': ledgerSql('true', []),
    'ledger.red': ledgerSql('true', [], { colour: 'red' }),
    'ledger.county': ledgerSql(involves(subtree('$2')), [s.county.path]),
    'ledger.town': ledgerSql(involves(subtree('$2')), [s.town.path]),
    'ledger.unit': ledgerSql(involves('$2'), [s.departmentId]),
    'ledger.leader': ledgerSql('t.lead_leader_id = $2', [s.leaderId]),
    'ledger.month': ledgerSql(
      `t.id IN (SELECT m.id FROM tasks m WHERE m.period = $2 UNION ALL SELECT co.task_id FROM task_carry_overs co WHERE co.to_period = $2)`,
      [BENCH_MONTH],
    ),
    'ledger.deep': ledgerSql('true', [], { offset: (s.deepPage - 1) * 20 }),
    'task.page': [
      {
        text: `SELECT t.*, u.name AS unit, c.name AS category FROM tasks t JOIN units u ON u.id = t.lead_unit_id LEFT JOIN task_categories c ON c.id = t.category_id WHERE t.id = $1`,
        params: [s.taskId],
      },
      { text: `SELECT * FROM task_milestones WHERE task_id = $1 ORDER BY sort_order`, params: [s.taskId] },
      { text: `SELECT * FROM task_indicators WHERE task_id = $1 ORDER BY sort_order`, params: [s.taskId] },
      { text: `SELECT k.*, u.name FROM task_cooperators k JOIN units u ON u.id = k.unit_id WHERE k.task_id = $1`, params: [s.taskId] },
      { text: `SELECT * FROM task_reports WHERE task_id = $1 ORDER BY reported_at DESC`, params: [s.taskId] },
      { text: `SELECT * FROM task_sheets WHERE task_id = $1 ORDER BY issued_at`, params: [s.taskId] },
      { text: `SELECT * FROM attachments WHERE task_id = $1`, params: [s.taskId] },
    ],
    'task.history': [{ text: `SELECT * FROM task_events WHERE task_id = $1 ORDER BY at, id`, params: [s.taskId] }],
  };
}
