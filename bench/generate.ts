// The bench's province: cities → counties → departments, towns and villages, their people and accounts, and five
// years of tasks with their sheets, reports, milestones, closings, carry-overs and plans, written straight into the
// tables in bulk. The schema comes from the app's migrations and the demo county (with its accounts of every role)
// from the app's own seed, so the bench logs in as the demo accounts; everything else is drawn from one seed.
import { addCalendarDays, dayOf, monthOf } from '../src/calendar/rules.js';
import { fixedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/demo.js';
import { CARRY_REASONS, CLOSING_SUMMARIES, PROBLEMS, REPORT_TEXTS, taskContent, type Category } from '../src/seed/history/content.js';
import { seededRandom, type Random } from '../src/seed/history/random.js';
import { TASK_SOURCES, type TaskStatus, type UnitKind } from '../src/shared/labels.js';
import { Loader, type Sql } from './load.js';

// The instant the bench data stands at: 09:00 on Tuesday 1 December 2026 in Asia/Shanghai. November has just ended,
// so the first scanner tick also carries November's open tasks into December and freezes November's figures.
export const BENCH_NOW = '2026-12-01T01:00:00.000Z';
export const BENCH_TODAY = dayOf(new Date(BENCH_NOW));
export const BENCH_MONTH = '2026-11'; // the last full month: the one the bench exports and counts
export const BENCH_PASSWORD = DEMO_PASSWORD;
const MONTHS = 60;

export interface GenerateOptions {
  units: number;
  tasks: number;
  seed: number;
  log?: (line: string) => void;
}

export interface GenerateResult {
  rows: Record<string, number>;
  seconds: number;
  rowsPerSecond: number;
}

const CATEGORIES: Category[] = [
  '招商引资',
  '工业经济',
  '项目建设',
  '脱贫攻坚',
  '美丽乡村',
  '城市建设',
  '民生保障',
  '营商环境',
  '生态环保',
  '安全稳定',
  '党的建设',
];
const PLACE_CHARS = '安平宁丰阳川河山清源东西南北新兴泰和永福长乐华盛德兰嘉庆临远明江湖云峰桥溪石林桃柳金玉宝龙凤鹤';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红文辉鹏飞宇浩然婷雪梅兵斌海波晨';
const DEPARTMENTS = [
  '发展和改革局',
  '财政局',
  '教育局',
  '公安局',
  '民政局',
  '司法局',
  '人力资源和社会保障局',
  '自然资源局',
  '生态环境分局',
  '住房和城乡建设局',
  '交通运输局',
  '水利局',
  '农业农村局',
  '商务局',
  '文化和旅游局',
  '卫生健康委员会',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '林业局',
  '城市管理局',
  '数据资源管理局',
  '信访局',
  '退役军人事务局',
  '行政审批局',
  '科学技术局',
  '工业和信息化局',
  '乡村振兴局',
];
const VERTICALS = ['税务局', '供电公司', '烟草专卖局', '气象局', '邮政分公司', '移动分公司'];
const LEADER_POSTS = ['县委书记', '县长', '常务副县长', '副县长', '副县长', '副县长', '县委常委、宣传部部长', '县委常委、组织部部长'];

const iso = (day: string, hour = 9) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
const diffDays = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const minDay = (a: string, b: string) => (a < b ? a : b);
const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};
const monthStart = (m: string) => `${m}-01`;
const monthsBack = (m: string, n: number) => {
  let out = m;
  for (let i = 0; i < n; i++) {
    const [y, mo] = out.split('-').map(Number) as [number, number];
    out = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
  }
  return out;
};

interface Unit {
  id: number;
  kind: UnitKind;
  name: string;
  countyLeaders: number[]; // leaders of its county, for tasks a leader leads
  leaderId: number | null;
  staff: { id: number; name: string; phone: string }[];
  liaisonAccount: number | null;
  siblings: number[]; // the units of its county, for cooperating units
}

const placeName = (r: Random, n: number) => Array.from({ length: n }, () => r.pick([...PLACE_CHARS])).join('');
const personName = (r: Random) => r.pick([...SURNAMES]) + Array.from({ length: r.int(1, 2) }, () => r.pick([...GIVEN])).join('');
const phone = (r: Random) => `13${r.int(0, 9)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;

/** Fills an empty, migrated database with a province of `units` units and `tasks` tasks, reproducibly from `seed`. */
export async function generate(database: Database, sql: Sql, opts: GenerateOptions): Promise<GenerateResult> {
  const log = opts.log ?? (() => undefined);
  const started = performance.now();
  const random = seededRandom(opts.seed);
  const now = new Date(BENCH_NOW);
  const deps = { db: database.db, clock: fixedClock(now), config: { ...loadConfig({}), demo: true } };
  if (!(await seedDemo(deps, { forcePasswordChange: false }))) throw new Error('数据库不是空的：请为基准测试使用一个新数据库');
  const load = new Loader(sql);
  // Foreign keys are checked per row by triggers; the generator writes parents and children in buffered batches,
  // so the triggers are off for the load (the rows are consistent by construction; the unique keys still hold).
  await sql.query('SET session_replication_role = replica');
  const dropped = await dropSecondaryIndexes(sql);
  const nowIso = now.toISOString();

  // One hash for every generated account: hashing 40,000 passwords would take ten minutes.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const maxOf = async (table: string) => Number((await sql.query<{ m: number | null }>(`SELECT max(id) AS m FROM ${table}`))[0]?.m ?? 0);
  let unitId = await maxOf('units');
  let personId = await maxOf('people');
  let leaderId = await maxOf('leaders');
  let accountId = await maxOf('accounts');
  const categoryIds = (await sql.query<{ id: number }>('SELECT id FROM task_categories ORDER BY id')).map((r) => r.id);
  const officeAccount = (await sql.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'duchashi'`))[0]!.id;

  // ---- The demo county, as it is: its units, people and leaders take tasks too.
  const units: Unit[] = [];
  const demoUnits = await sql.query<{ id: number; kind: UnitKind; name: string; parent_id: number | null }>(
    'SELECT id, kind, name, parent_id FROM units ORDER BY id',
  );
  const demoPeople = await sql.query<{ id: number; unit_id: number; name: string; phone: string }>(
    'SELECT id, unit_id, name, phone FROM people WHERE unit_id IS NOT NULL',
  );
  const demoLeaderUnits = await sql.query<{ leader_id: number; unit_id: number }>('SELECT leader_id, unit_id FROM leader_units');
  const demoLeaders = [...new Set(demoLeaderUnits.map((l) => l.leader_id))];
  const liaisons = await sql.query<{ id: number; unit_id: number }>(
    `SELECT a.id, p.unit_id FROM accounts a JOIN people p ON p.id = a.person_id JOIN account_roles r ON r.account_id = a.id WHERE r.role = 'unit_liaison'`,
  );
  for (const u of demoUnits) {
    units.push({
      id: u.id,
      kind: u.kind,
      name: u.name,
      countyLeaders: demoLeaders,
      leaderId: demoLeaderUnits.find((l) => l.unit_id === u.id)?.leader_id ?? null,
      staff: demoPeople.filter((p) => p.unit_id === u.id).map((p) => ({ id: p.id, name: p.name, phone: p.phone })),
      liaisonAccount: liaisons.find((l) => l.unit_id === u.id)?.id ?? null,
      siblings: [],
    });
  }

  // ---- The province: about 130 units to a county, about a dozen counties to a city.
  const counties = Math.max(1, Math.round(opts.units / 130));
  const cities = Math.max(1, Math.ceil(counties / 12));
  const perCounty = Math.max(4, Math.floor((opts.units - counties - cities) / counties));
  const unitCols = ['id', 'parent_id', 'path', 'kind', 'code', 'name', 'head_person_id', 'liaison_person_id', 'sort_order', 'created_at', 'updated_at'];
  const peopleCols = ['id', 'name', 'unit_id', 'title', 'phone', 'created_at', 'updated_at'];
  const accountCols = [
    'id',
    'username',
    'display_name',
    'person_id',
    'password_hash',
    'must_change_password',
    'password_changed_at',
    'created_at',
    'updated_at',
  ];
  const roleCols = ['account_id', 'role', 'granted_at'];
  const staffPerUnit = 10;
  const addAccount = async (username: string, displayName: string, person: number, role: string) => {
    accountId += 1;
    await load.add('accounts', accountCols, [accountId, username, displayName, person, passwordHash, false, nowIso, nowIso, nowIso]);
    await load.add('account_roles', roleCols, [accountId, role, nowIso]);
    return accountId;
  };
  const addUnit = async (parent: { id: number; path: string } | null, kind: UnitKind, code: string, name: string, sort: number, withStaff: boolean) => {
    unitId += 1;
    const id = unitId;
    const path = `${parent?.path ?? '/'}${id}/`;
    const staff: Unit['staff'] = [];
    if (withStaff) {
      for (let i = 0; i < staffPerUnit; i++) {
        personId += 1;
        const p = { id: personId, name: personName(random), phone: phone(random) };
        staff.push(p);
        await load.add('people', peopleCols, [p.id, p.name, id, i === 0 ? '局长' : i === 1 ? '办公室主任' : '科员', p.phone, nowIso, nowIso]);
      }
    }
    await load.add('units', unitCols, [id, parent?.id ?? null, path, kind, code, name, staff[0]?.id ?? null, staff[1]?.id ?? null, sort, nowIso, nowIso]);
    const unit: Unit = { id, kind, name, countyLeaders: [], leaderId: null, staff, liaisonAccount: null, siblings: [] };
    if (withStaff) {
      await addAccount(`b${id}h`, staff[0]!.name, staff[0]!.id, 'unit_head');
      unit.liaisonAccount = await addAccount(`b${id}l`, staff[1]!.name, staff[1]!.id, 'unit_liaison');
    }
    return { unit, path };
  };

  for (let c = 0; c < cities; c++) {
    const cityName = `${placeName(random, 2)}市`;
    const city = await addUnit(null, 'group_office', `B${c + 1}`, `${cityName}人民政府督查室`, c + 1000, false);
    const countiesHere = Math.min(12, counties - c * 12);
    for (let k = 0; k < countiesHere; k++) {
      const countyName = `${placeName(random, 2)}县`;
      const code = `B${c + 1}-${k + 1}`;
      // The county's office has accounts too: its head sees the whole county (the bench's county ledger and export).
      const county = await addUnit({ id: city.unit.id, path: city.path }, 'group_office', code, `${countyName}委督查室`, k + 1, true);
      const children: Unit[] = [];
      const towns: { id: number; path: string; name: string }[] = [];
      const departments = Math.max(1, Math.round(perCounty * 0.32));
      const verticals = Math.max(0, Math.round(perCounty * 0.04));
      const townCount = Math.max(1, Math.round(perCounty * 0.1));
      const villages = Math.max(0, perCounty - departments - verticals - townCount);
      const countyRef = { id: county.unit.id, path: county.path };
      for (let i = 0; i < departments; i++) {
        const dept = DEPARTMENTS[i % DEPARTMENTS.length]!;
        children.push(
          (await addUnit(countyRef, 'city_dept', `${code}-D${i + 1}`, `${countyName}${dept}${i >= DEPARTMENTS.length ? i : ''}`, i + 1, true)).unit,
        );
      }
      for (let i = 0; i < verticals; i++) {
        children.push(
          (
            await addUnit(
              countyRef,
              'vertical',
              `${code}-V${i + 1}`,
              `${countyName}${VERTICALS[i % VERTICALS.length]}${i >= VERTICALS.length ? i : ''}`,
              100 + i,
              true,
            )
          ).unit,
        );
      }
      for (let i = 0; i < townCount; i++) {
        const name = `${placeName(random, 2)}${random.chance(0.3) ? '街道' : '镇'}`;
        const town = await addUnit(countyRef, 'town', `${code}-T${i + 1}`, name, 200 + i, true);
        children.push(town.unit);
        towns.push({ id: town.unit.id, path: town.path, name });
      }
      for (let i = 0; i < villages; i++) {
        const town = towns[i % towns.length]!;
        const village = await addUnit(
          town,
          'village',
          `${code}-T${(i % towns.length) + 1}V${Math.floor(i / towns.length) + 1}`,
          `${placeName(random, 2)}${random.chance(0.2) ? '社区' : '村'}`,
          i,
          true,
        );
        children.push(village.unit);
      }
      // The county's leaders share its departments and towns (each unit under one leader); villages follow their town.
      const countyLeaders: number[] = [];
      for (const [i, post] of LEADER_POSTS.entries()) {
        personId += 1;
        leaderId += 1;
        const name = personName(random);
        await load.add('people', peopleCols, [personId, name, null, post, phone(random), nowIso, nowIso]);
        await load.add(
          'leaders',
          ['id', 'person_id', 'position', 'portfolio', 'sort_order', 'created_at', 'updated_at'],
          [leaderId, personId, `${countyName}${post}`, '', i + 1, nowIso, nowIso],
        );
        await addAccount(`b${leaderId}ld`, name, personId, 'leader');
        countyLeaders.push(leaderId);
      }
      const portfolioed = children.filter((u) => u.kind !== 'village');
      for (const [i, u] of portfolioed.entries()) {
        u.leaderId = countyLeaders[2 + (i % (countyLeaders.length - 2))]!;
        await load.add('leader_units', ['leader_id', 'unit_id'], [u.leaderId, u.id]);
      }
      const siblings = children.filter((u) => u.kind !== 'village').map((u) => u.id);
      for (const u of children) {
        u.countyLeaders = countyLeaders;
        u.siblings = siblings;
        units.push(u);
      }
    }
  }
  await load.flush();
  log(`单位 ${load.written.get('units') ?? 0} 个，人员 ${load.written.get('people') ?? 0} 人，账号 ${load.written.get('accounts') ?? 0} 个`);

  await generateTasks(sql, load, random, units, { tasks: opts.tasks, categoryIds, officeAccount, log, started });
  await load.flush();
  await derivedRows(sql);
  log('正在重建索引……');
  for (const def of dropped) await sql.query(def);
  await resetSequences(sql);
  await sql.query('SET session_replication_role = origin');
  // As autovacuum leaves a settled database: statistics, and the visibility map that index-only scans need.
  await sql.query('VACUUM ANALYZE');
  const seconds = (performance.now() - started) / 1000;
  const rows = Object.fromEntries([...load.written.entries()].sort());
  return { rows, seconds, rowsPerSecond: Math.round(load.total / seconds) };
}

interface TaskContext {
  tasks: number;
  categoryIds: number[];
  officeAccount: number;
  log: (line: string) => void;
  started: number;
}

const SIGNED: TaskStatus[] = ['signed', 'in_progress', 'closing_requested', 'returned', 'closed', 'suspended'];
const REPORTED: TaskStatus[] = ['in_progress', 'closing_requested', 'returned', 'closed'];

// A task's fate as of the bench's today, by whether its deadline has passed and how long ago.
function chooseStatus(r: Random, deadline: string, start: string): TaskStatus {
  const age = diffDays(deadline, BENCH_TODAY);
  if (age > 0) {
    const openShare = age > 365 ? 0.01 : age > 90 ? 0.04 : 0.12;
    const x = r.next();
    if (x < openShare)
      return r.weighted<TaskStatus>([
        ['in_progress', 70],
        ['signed', 10],
        ['returned', 8],
        ['closing_requested', 7],
        ['assigned', 5],
      ]);
    if (x < openShare + 0.03) return 'cancelled';
    if (x < openShare + 0.045) return 'suspended';
    if (x < openShare + 0.05 && age < 120) return 'declined';
    return 'closed';
  }
  const fresh = diffDays(start, BENCH_TODAY) < 30;
  return r.weighted<TaskStatus>([
    ['closed', 22],
    ['draft', fresh ? 4 : 0],
    ['assigned', fresh ? 12 : 2],
    ['signed', 10],
    ['in_progress', 42],
    ['closing_requested', 5],
    ['returned', 2],
    ['suspended', 2],
    ['cancelled', 1],
  ]);
}

async function generateTasks(sql: Sql, load: Loader, random: Random, units: Unit[], ctx: TaskContext) {
  const maxOf = async (table: string) => Number((await sql.query<{ m: number | null }>(`SELECT max(id) AS m FROM ${table}`))[0]?.m ?? 0);
  let taskId = await maxOf('tasks');
  let ids = { sheet: 0, report: 0, milestone: 0, indicator: 0, event: 0, closing: 0, review: 0, carry: 0, item: 0, proposal: 0, period: 0, interview: 0 };
  ids = { ...ids, sheet: await maxOf('task_sheets'), event: await maxOf('task_events'), period: await maxOf('plan_periods') };
  const sheetSeq = new Map<number, number>();

  // Where tasks land: towns and departments carry most of the work, villages a little, the city and county offices none.
  const weightOf: Partial<Record<UnitKind, number>> = { city_dept: 3, town: 4, vertical: 1.5, village: 0.5 };
  const pool = units.filter((u) => (weightOf[u.kind] ?? 0) > 0 && u.staff.length >= 2);
  const cumulative: number[] = [];
  let sum = 0;
  for (const u of pool) cumulative.push((sum += weightOf[u.kind]!));
  const pickUnit = () => {
    const x = random.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return pool[lo]!;
  };

  const taskCols = [
    'id',
    'title',
    'description',
    'source',
    'category_id',
    'level',
    'lead_leader_id',
    'lead_unit_id',
    'responsible_person_id',
    'responsible_name',
    'responsible_phone',
    'start_date',
    'deadline',
    'standard',
    'period',
    'status',
    'suspended_from',
    'percent',
    'report_cadence',
    'closed_on',
    'closed_late',
    'created_by',
    'created_at',
    'updated_at',
    'signed_at',
    'last_reported_at',
  ];
  const sheetCols = [
    'id',
    'task_id',
    'kind',
    'year',
    'seq',
    'number',
    'unit_id',
    'content',
    'issued_at',
    'issued_by',
    'signed_at',
    'signed_by',
    'declined_at',
    'decline_reason',
  ];
  const eventCols = ['id', 'task_id', 'at', 'actor_id', 'actor_name', 'kind', 'from_status', 'to_status', 'note'];
  const reportCols = ['id', 'task_id', 'reported_by', 'reported_at', 'text', 'percent', 'problems'];
  const milestoneCols = ['id', 'task_id', 'name', 'due_date', 'done_date', 'sort_order'];
  const carryCols = ['id', 'task_id', 'from_period', 'to_period', 'reason', 'reason_by', 'reason_at', 'created_at'];
  const closingCols = ['id', 'task_id', 'status', 'summary', 'finished_on', 'late', 'filed_by', 'filed_at', 'decided_at'];
  const itemCols = [
    'id',
    'period_id',
    'origin',
    'source_proposal_ids',
    'title',
    'measures',
    'standard',
    'deadline',
    'category_id',
    'lead_leader_id',
    'lead_unit_id',
    'decision',
    'task_id',
    'sort_order',
    'created_at',
    'updated_at',
    'responsible_name',
    'responsible_phone',
  ];
  const proposalCols = [
    'id',
    'period_id',
    'unit_id',
    'status',
    'title',
    'measures',
    'standard',
    'deadline',
    'category_id',
    'lead_leader_id',
    'submitted_at',
    'reviewed_at',
    'created_at',
    'updated_at',
  ];

  // Tasks grow a little year on year: the last month has about half as many again as the first.
  const firstMonth = monthsBack(BENCH_MONTH, MONTHS - 1);
  const weights = Array.from({ length: MONTHS }, (_, i) => 1 + (0.5 * i) / (MONTHS - 1));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  let month = firstMonth;
  let made = 0;
  for (let m = 0; m < MONTHS; m++, month = nextMonth(month)) {
    const count = m === MONTHS - 1 ? ctx.tasks - made : Math.round((ctx.tasks * weights[m]!) / weightSum);
    made += count;
    // The month's plan (月度预安): issued in the last days of the month before.
    ids.period += 1;
    const periodId = ids.period;
    const issuedDay = addCalendarDays(monthStart(month), -3);
    await load.add(
      'plan_periods',
      [
        'id',
        'kind',
        'period',
        'title',
        'status',
        'propose_by',
        'review_by',
        'consolidate_by',
        'meeting_on',
        'document_number',
        'issued_at',
        'created_by',
        'created_at',
        'updated_at',
      ],
      [
        periodId,
        'monthly',
        month,
        `${month.slice(0, 4)}年${Number(month.slice(5))}月工作预安排`,
        'issued',
        addCalendarDays(issuedDay, -10),
        addCalendarDays(issuedDay, -7),
        addCalendarDays(issuedDay, -5),
        addCalendarDays(issuedDay, -2),
        `督预〔${month.slice(0, 4)}〕${Number(month.slice(5))}号`,
        iso(issuedDay, 17),
        ctx.officeAccount,
        iso(addCalendarDays(issuedDay, -12)),
        iso(issuedDay, 17),
      ],
    );
    let sort = 0;
    for (let n = 0; n < count; n++) {
      taskId += 1;
      const id = taskId;
      const unit = pickUnit();
      const source = random.weighted(TASK_SOURCES.map((s) => [s, s === 'unit_key_work' ? 30 : s === 'weekly_10n' ? 15 : s === 'meeting' ? 15 : 8] as const));
      const level = random.chance(0.15) ? 'major' : 'general';
      const start = addCalendarDays(monthStart(month), random.int(0, 27));
      const length = source === 'weekly_10n' ? random.int(4, 7) : level === 'major' ? random.int(30, 180) : random.int(10, 75);
      const deadline = addCalendarDays(start, length);
      let status = chooseStatus(random, deadline, start);
      if (start > BENCH_TODAY) status = 'draft';
      const person = random.pick(unit.staff.slice(2).length ? unit.staff.slice(2) : unit.staff);
      const unitAccount = unit.liaisonAccount ?? ctx.officeAccount;
      const content = taskContent(random, random.pick(CATEGORIES), unit.name);
      const leader =
        random.chance(0.6) && unit.leaderId ? unit.leaderId : random.chance(0.3) ? random.pick(unit.countyLeaders.length ? unit.countyLeaders : [null]) : null;
      const cadence = random.weighted<object>([
        [{ kind: 'monthly', day: 25 }, 35],
        [{ kind: 'weekly', weekday: 5 }, 10],
        [{ kind: 'none' }, 55],
      ]);
      const createdAt = iso(start, 9);
      const signedDay = addCalendarDays(start, random.int(0, 3));
      let closedOn: string | null = null;
      let closedLate = false;
      if (status === 'closed') {
        closedLate = diffDays(deadline, BENCH_TODAY) > 0 && random.chance(0.12);
        closedOn = closedLate
          ? minDay(addCalendarDays(deadline, random.int(1, 25)), addCalendarDays(BENCH_TODAY, -1))
          : minDay(addCalendarDays(deadline, -random.int(0, Math.min(10, length - 1))), addCalendarDays(BENCH_TODAY, -1));
        if (closedOn < signedDay) closedOn = signedDay;
      }
      const lastDay = closedOn ?? minDay(deadline, addCalendarDays(BENCH_TODAY, -1));
      const percent =
        status === 'closed'
          ? 100
          : status === 'in_progress' || status === 'returned' || status === 'closing_requested'
            ? random.int(10, 95)
            : status === 'signed'
              ? random.int(0, 20)
              : 0;
      const suspendedFrom = status === 'suspended' ? 'in_progress' : null;
      const updatedDay = status === 'draft' || status === 'assigned' ? start : lastDay < signedDay ? signedDay : lastDay;
      // Written once its signing and last report are known (the triggers that keep them are off for the load).
      let signedAt: string | null = null;
      let lastReportedAt: string | null = null;
      const taskRow = [
        id,
        content.title,
        content.measures,
        source,
        random.pick(ctx.categoryIds),
        level,
        leader,
        unit.id,
        person.id,
        person.name,
        person.phone,
        start,
        deadline,
        content.standard,
        month,
        status,
        suspendedFrom,
        percent,
        JSON.stringify(cadence),
        closedOn,
        closedLate,
        ctx.officeAccount,
        createdAt,
        iso(updatedDay, 16),
      ];
      const addTask = () => load.add('tasks', taskCols, [...taskRow, signedAt, lastReportedAt]);
      // Cooperating units (配合单位) from the same county on about one task in six.
      if (random.chance(0.15) && unit.siblings.length > 1) {
        for (const other of new Set([random.pick(unit.siblings), random.pick(unit.siblings)])) {
          if (other !== unit.id) await load.add('task_cooperators', ['task_id', 'unit_id', 'part'], [id, other, '配合做好相关工作']);
        }
      }
      const event = async (
        at: string,
        kind: string,
        from: string | null,
        to: string | null,
        note = '',
        actor: number | null = ctx.officeAccount,
        name = '督查室',
      ) => {
        ids.event += 1;
        await load.add('task_events', eventCols, [ids.event, id, at, actor, name, kind, from, to, note]);
      };
      await event(createdAt, 'created', null, 'draft');
      // Carried over (挂单) from each month it stayed open into the next, up to the last full month.
      const openUntil = status === 'closed' ? monthOf(closedOn!) : status === 'cancelled' || status === 'draft' ? month : BENCH_MONTH;
      for (let from = month; from < openUntil; from = nextMonth(from)) {
        ids.carry += 1;
        const carriedAt = iso(monthStart(nextMonth(from)), 8);
        const reasoned = random.chance(0.8);
        await load.add('task_carry_overs', carryCols, [
          ids.carry,
          id,
          from,
          nextMonth(from),
          reasoned ? random.pick(CARRY_REASONS) : '',
          reasoned ? unitAccount : null,
          reasoned ? iso(addCalendarDays(monthStart(nextMonth(from)), 2), 10) : null,
          carriedAt,
        ]);
      }
      if (status === 'draft') {
        await addTask();
        continue;
      }

      // The assignment sheet (交办单), numbered per year, and the unit's answer to it.
      const year = Number(start.slice(0, 4));
      const seq = (sheetSeq.get(year) ?? 0) + 1;
      sheetSeq.set(year, seq);
      const signed = SIGNED.includes(status) || (status === 'cancelled' && random.chance(0.5));
      const issuedAt = iso(start, 10);
      ids.sheet += 1;
      await load.add('task_sheets', sheetCols, [
        ids.sheet,
        id,
        'assignment',
        year,
        seq,
        `督〔${year}〕${seq}号`,
        unit.id,
        JSON.stringify({
          unit: unit.name,
          matter: content.title,
          description: content.measures,
          deadline,
          standard: content.standard,
          leader: '',
          responsible: `${person.name} ${person.phone}`,
        }),
        issuedAt,
        ctx.officeAccount,
        signed ? iso(signedDay, 15) : null,
        signed ? unitAccount : null,
        status === 'declined' ? iso(signedDay, 15) : null,
        status === 'declined' ? '该事项不属于本单位职责，建议交由行业主管部门牵头。' : null,
      ]);
      await event(issuedAt, 'assign', 'draft', 'assigned');
      if (status === 'declined') {
        await event(iso(signedDay, 15), 'decline', 'assigned', 'declined', '', unitAccount, person.name);
        await addTask();
        continue;
      }
      if (!signed) {
        await addTask();
        continue;
      }
      signedAt = iso(signedDay, 15);
      await event(signedAt, 'sign', 'assigned', 'signed', '', unitAccount, person.name);

      // Key dates (关键节点) on the longer tasks: done on time mostly, when the task got that far.
      if (length >= 20 && random.chance(0.45)) {
        for (const [i, name] of content.milestones.entries()) {
          const due = addCalendarDays(start, Math.round((length * (i + 1)) / (content.milestones.length + 1)));
          const done =
            due < lastDay && (status === 'closed' || random.chance(0.8))
              ? minDay(addCalendarDays(due, random.int(-5, 3)), lastDay)
              : status === 'closed'
                ? closedOn
                : null;
          ids.milestone += 1;
          await load.add('task_milestones', milestoneCols, [ids.milestone, id, name, due, done, i + 1]);
        }
      }
      if (content.indicator && random.chance(0.4)) {
        ids.indicator += 1;
        await load.add(
          'task_indicators',
          ['id', 'task_id', 'name', 'target', 'unit_of_measure', 'actual', 'sort_order'],
          [
            ids.indicator,
            id,
            content.indicator.name,
            content.indicator.target,
            content.indicator.unitOfMeasure,
            status === 'closed' ? content.indicator.target : null,
            1,
          ],
        );
      }
      // Progress reports (进展报告) from the sign to the close (or today).
      if (REPORTED.includes(status)) {
        const span = Math.max(1, diffDays(signedDay, lastDay));
        const reports = Math.min(6, random.int(0, 1 + Math.floor(span / 20)));
        for (let i = 1; i <= reports; i++) {
          ids.report += 1;
          const day = addCalendarDays(signedDay, Math.round((span * i) / (reports + 1)));
          lastReportedAt = iso(day, 11);
          await load.add('task_reports', reportCols, [
            ids.report,
            id,
            unitAccount,
            lastReportedAt,
            random.pick(REPORT_TEXTS),
            Math.round((percent * i) / reports),
            random.pick(PROBLEMS),
          ]);
        }
        await event(iso(addCalendarDays(signedDay, 1), 10), 'start', 'signed', 'in_progress', '', unitAccount, person.name);
      }
      // Closing (销号): approved for closed tasks, pending or sent back for the others.
      if (status === 'closed' || status === 'closing_requested' || status === 'returned') {
        ids.closing += 1;
        const filed = status === 'closed' ? addCalendarDays(closedOn!, -random.int(0, 3)) : addCalendarDays(lastDay, -random.int(0, 5));
        const filedDay = filed < signedDay ? signedDay : filed;
        const decided = status === 'closed' ? iso(closedOn!, 16) : status === 'returned' ? iso(minDay(addCalendarDays(filedDay, 2), BENCH_TODAY), 16) : null;
        await load.add('closing_requests', closingCols, [
          ids.closing,
          id,
          status === 'closed' ? 'approved' : status === 'returned' ? 'rejected' : 'pending',
          random.pick(CLOSING_SUMMARIES),
          filedDay,
          closedLate,
          unitAccount,
          iso(filedDay, 10),
          decided,
        ]);
        if (decided) {
          ids.review += 1;
          await load.add(
            'closing_reviews',
            ['id', 'request_id', 'office_id', 'reviewer_id', 'decision', 'comment', 'at'],
            [ids.review, ids.closing, 1, ctx.officeAccount, status === 'closed' ? 'approve' : 'reject', '', decided],
          );
        }
        await event(iso(filedDay, 10), 'request_closing', 'in_progress', 'closing_requested', '', unitAccount, person.name);
        if (status === 'closed') await event(iso(closedOn!, 16), 'close', 'closing_requested', 'closed');
        if (status === 'returned') await event(decided!, 'return', 'closing_requested', 'returned');
      }
      // The unit's key work comes through the month's plan: the unit's proposal, approved, and the plan's item.
      if (source === 'unit_key_work') {
        ids.proposal += 1;
        ids.item += 1;
        sort += 1;
        await load.add('plan_proposals', proposalCols, [
          ids.proposal,
          periodId,
          unit.id,
          'approved',
          content.title,
          content.measures,
          content.standard,
          deadline,
          null,
          leader,
          iso(addCalendarDays(issuedDay, -9)),
          iso(addCalendarDays(issuedDay, -6)),
          iso(addCalendarDays(issuedDay, -11)),
          iso(addCalendarDays(issuedDay, -6)),
        ]);
        await load.add('plan_items', itemCols, [
          ids.item,
          periodId,
          'proposal',
          JSON.stringify([ids.proposal]),
          content.title,
          content.measures,
          content.standard,
          deadline,
          null,
          leader,
          unit.id,
          'approved',
          id,
          sort,
          iso(addCalendarDays(issuedDay, -4)),
          iso(issuedDay, 17),
          person.name,
          person.phone,
        ]);
      }
      await addTask();
    }
    // Two admonishment talks (诫勉谈话) a month across the province, held and published, for the notice document.
    for (let i = 0; i < 2; i++) {
      const unit = pickUnit();
      ids.interview += 1;
      const held = addCalendarDays(monthStart(month), 20 + i);
      await load.add(
        'interviews',
        [
          'id',
          'unit_id',
          'level',
          'reason',
          'task_ids',
          'status',
          'proposed_by',
          'proposed_at',
          'decided_by',
          'decided_at',
          'held_on',
          'interviewer',
          'findings',
          'attendees',
          'notice_text',
          'notice_published_at',
          'notice_published_by',
        ],
        [
          ids.interview,
          unit.id,
          'admonishment',
          '督办事项逾期未整改到位',
          '[]',
          'held',
          ctx.officeAccount,
          iso(addCalendarDays(held, -7)),
          ctx.officeAccount,
          iso(addCalendarDays(held, -5)),
          held,
          '县纪委监委',
          '单位对逾期事项负有责任，已作出书面检查。',
          `${unit.staff[0]!.name}、${unit.staff[1]!.name}`,
          `关于对${unit.name}进行诫勉谈话的通报：……`,
          iso(held, 17),
          ctx.officeAccount,
        ],
      );
    }
    const seconds = (performance.now() - ctx.started) / 1000;
    if (m % 6 === 5 || m === MONTHS - 1)
      ctx.log(`${month}：已写入事项 ${made} 项，共 ${load.total.toLocaleString()} 行，${Math.round(load.total / seconds).toLocaleString()} 行/秒`);
  }
}

// The frozen monthly figures for every month before the last full one, as the periodic job would have left them
// (counted here in one statement, per lead unit: issued, closed on time, closed late, open past the deadline, carried),
// the task status summary and the month membership (task_months, as migration 0018 backfills it), which the triggers
// (off during the load) would have kept.
async function derivedRows(sql: Sql) {
  await sql.query(`INSERT INTO task_status_counts (lead_unit_id, status, n) SELECT lead_unit_id, status, count(*)::int FROM tasks GROUP BY 1, 2`);
  await sql.query(
    `INSERT INTO task_months (task_id, period, status, deadline, parts_due, lead_unit_id, parent_id, closed_on, closed_late, carried_out)
     SELECT t.id, m.period, t.status, t.deadline, t.parts_due, t.lead_unit_id, t.parent_id, t.closed_on, t.closed_late,
       EXISTS (SELECT 1 FROM task_carry_overs c WHERE c.task_id = t.id AND c.from_period = m.period)
     FROM (SELECT id, period FROM tasks UNION SELECT task_id, to_period FROM task_carry_overs) m (id, period) JOIN tasks t ON t.id = m.id
     ORDER BY m.period, t.deadline
     ON CONFLICT DO NOTHING`, // the demo county's, written by the triggers before the load
  );
  await sql.query(
    `INSERT INTO monthly_figure_freezes (period, frozen_at)
     SELECT DISTINCT period, (period || '-01')::date + interval '1 month' + interval '1 hour' FROM tasks WHERE period < $1`,
    [BENCH_MONTH],
  );
  await sql.query(
    `INSERT INTO monthly_figures (period, unit_id, issued, closed_on_time, closed_late, overdue, carried, frozen_at)
     SELECT t.period, t.lead_unit_id,
       count(*) FILTER (WHERE t.status <> 'draft'),
       count(*) FILTER (WHERE t.status = 'closed' AND NOT t.closed_late AND to_char(t.closed_on, 'YYYY-MM') = t.period),
       count(*) FILTER (WHERE t.status = 'closed' AND t.closed_late AND to_char(t.closed_on, 'YYYY-MM') = t.period),
       count(*) FILTER (WHERE to_char(t.deadline, 'YYYY-MM') <= t.period AND (t.closed_on IS NULL OR t.closed_on > t.deadline) AND t.status NOT IN ('draft', 'cancelled')),
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM task_carry_overs c WHERE c.task_id = t.id AND c.from_period = t.period)),
       (t.period || '-01')::date + interval '1 month' + interval '1 hour'
     FROM tasks t WHERE t.period < $1 GROUP BY t.period, t.lead_unit_id`,
    [BENCH_MONTH],
  );
}

// Secondary indexes slow a bulk load several times over: dropped before and rebuilt after (constraints stay).
const BULK_TABLES = [
  'tasks',
  'task_cooperators',
  'task_sheets',
  'task_events',
  'task_reports',
  'task_milestones',
  'task_carry_overs',
  'closing_requests',
  'plan_items',
  'plan_proposals',
  'people',
  'accounts',
];

async function dropSecondaryIndexes(sql: Sql): Promise<string[]> {
  const rows = await sql.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [BULK_TABLES],
  );
  for (const r of rows) await sql.query(`DROP INDEX ${r.indexname}`);
  return rows.map((r) => r.indexdef);
}

async function resetSequences(sql: Sql) {
  const rows = await sql.query<{ table_name: string; column_name: string; seq: string }>(
    `SELECT table_name, column_name, pg_get_serial_sequence(table_name, column_name) AS seq FROM information_schema.columns
     WHERE table_schema = 'public' AND pg_get_serial_sequence(table_name, column_name) IS NOT NULL`,
  );
  for (const r of rows) {
    await sql.query(`SELECT setval('${r.seq}', greatest((SELECT max(${r.column_name}) FROM ${r.table_name}), 1))`);
  }
}
