// Authorization everywhere (issue 15, item 6): every operation of the API document, called as every demo role on
// objects of the caller's own unit and of another unit, answers as the declared table test/route-permissions.ts says.
// A role without the operation's action gets 403 (404 where the object lies out of its scope, like a missing id); a
// role with it never gets the permission refusal; a scoped role never gets 2xx on another unit's object.
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonSchema } from '../src/openapi-document.js';
import { periodicWork } from '../src/modules/chasing/scanner.js';
import { timeLimitRules } from '../src/modules/chasing/schema.js';
import { notifications } from '../src/modules/notify/schema.js';
import { leaders, units } from '../src/modules/org/schema.js';
import { studyAttendance } from '../src/modules/study/schema.js';
import { taskCategories, taskSheets } from '../src/modules/tasks/schema.js';
import { PERMISSIONS, SCOPE_OF_ROLE } from '../src/permissions.js';
import { DEMO_ACCOUNTS } from '../src/seed/demo.js';
import { ERROR_CODES } from '../src/shared/error-codes.js';
import { call, demoApp, handOver, login, startWork, type TestApp } from './api.js';
import { buildTaskInput } from './factories.js';
import { testDeps, type TestDeps } from './db.js';
import { OPERATIONS, type Operation, resolve } from './openapi-operations.js';
import { FURTHER_CHECKS, ROUTE_PERMISSIONS, type Requirement } from './route-permissions.js';

const MISSING = 99_999_999;
const GENERIC_REFUSAL = ERROR_CODES.FORBIDDEN;

// Strings that some pattern in the document accepts (a month, a phone number, a "kind:id" list, a code).
const PATTERN_SAMPLES = ['2026-03', '2026-03-25', '2026-W13', '13800000000', 'task:1', 'abcdef12', '2026-Q1', '2026'];

// Text fields that hold a day (checked by a refinement the document does not show).
const DAY_FIELD = /^(from|to|day|date)$|(Date|On)$/;

// A value the schema accepts, so the request passes the validator and reaches the permission check.
function sample(schema: JsonSchema, id: number): unknown {
  const s = resolve(schema);
  if (s.allOf) return Object.assign({}, ...(s.allOf as JsonSchema[]).map((part) => sample(part, id)));
  const options = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  // A nullable field gets null: "none" is what most refinements accept without the fields around it.
  if (options) return options.some((o) => resolve(o).type === 'null') ? null : sample(options[0]!, id);
  if (s.enum) return (s.enum as unknown[])[0];
  switch (s.type) {
    case 'object': {
      // The required fields only: an optional one left out takes its default, which every refinement accepts.
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = (s.required ?? []) as string[];
      return Object.fromEntries(
        Object.entries(props)
          .filter(([k]) => required.includes(k))
          .map(([k, v]) => [k, DAY_FIELD.test(k) && resolve(v).type === 'string' && !resolve(v).format ? '2026-03-25' : sample(v, id)]),
      );
    }
    case 'array':
      return Array.from({ length: (s.minItems as number | undefined) ?? 0 }, () => sample(s.items as JsonSchema, id));
    case 'string': {
      if (s.format === 'date') return '2026-03-25';
      if (s.format === 'date-time') return '2026-03-25T09:00:00+08:00';
      if (s.pattern) return PATTERN_SAMPLES.find((v) => new RegExp(s.pattern as string).test(v)) ?? 'x';
      return '测'.repeat(Math.max(1, (s.minLength as number | undefined) ?? 1));
    }
    case 'integer':
    case 'number': {
      // An id where the field is unbounded (ids), else the smallest value allowed (a percent, a score, a count).
      const min = (s.minimum as number | undefined) ?? 1;
      return (s.maximum as number | undefined) !== undefined && (s.maximum as number) < 1_000_000 ? min : Math.max(id, min);
    }
    case 'boolean':
      return false;
    default:
      return null;
  }
}

// ---- The county: the demo seed plus, for each side the matrix looks at, an object of every kind a path names that
// belongs to a unit (made through the API by the role that makes it), and one of every county-wide kind.

type Side = 'T01' | 'T02' | 'T01V01' | 'T05' | 'D027';
const SIDE_CODES: Side[] = ['T01', 'T02', 'T01V01', 'T05', 'D027'];

// What a path parameter names, by the path with that parameter written <name>: an object of the side's unit ('unit'
// scope, one per side), an object of the county ('county', one for all), or a fixed well-formed value. First match wins.
type Param = { scope: 'unit' | 'county'; kind: string } | { value: string };
const PARAMS: [RegExp, Param][] = [
  [/<period>/, { value: '2026-03' }],
  [/<quarter>/, { value: '2026-Q1' }],
  [/<year>/, { value: '2026' }],
  [/<day>/, { value: '2026-05-01' }],
  [/^\/api\/v1\/tasks\/<id>\/parts\//, { scope: 'unit', kind: 'partTask' }],
  [/\/parts\/<unitId>/, { scope: 'unit', kind: 'part' }],
  [/^\/api\/v1\/tasks\/<id>/, { scope: 'unit', kind: 'task' }],
  [/\/units\/<unitId>/, { scope: 'unit', kind: 'unit' }],
  [/\/attachments\/<attachmentId>/, { scope: 'unit', kind: 'attachment' }],
  [/\/tasks\/\{id\}\/sheets\/<sheetId>|^\/api\/v1\/sheets\/<id>/, { scope: 'unit', kind: 'sheet' }],
  [/^\/api\/v1\/(units|archive\/units|self-assessments\/units)\/<id>/, { scope: 'unit', kind: 'unit' }],
  [/^\/api\/v1\/(people|records\/people|dossier\/people)\/<id>/, { scope: 'unit', kind: 'person' }],
  [/^\/api\/v1\/closing-requests\/<id>/, { scope: 'unit', kind: 'closingRequest' }],
  [/^\/api\/v1\/study\/sessions\/<id>/, { scope: 'unit', kind: 'studySession' }],
  [/^\/api\/v1\/study\/makeups\/<id>/, { scope: 'unit', kind: 'makeup' }],
  [/^\/api\/v1\/projects\/<id>/, { scope: 'unit', kind: 'project' }],
  [/^\/api\/v1\/projects\/\{id\}\/photos\/<photoId>/, { scope: 'unit', kind: 'projectPhoto' }],
  [/^\/api\/v1\/projects\/steps\/<id>/, { scope: 'unit', kind: 'step' }],
  [/^\/api\/v1\/plan-items\/<id>/, { scope: 'unit', kind: 'planItem' }],
  [/^\/api\/v1\/proposals\/<id>/, { scope: 'unit', kind: 'proposal' }],
  [/^\/api\/v1\/interviews\/<id>/, { scope: 'unit', kind: 'interview' }],
  [/^\/api\/v1\/opinions\/<id>/, { scope: 'unit', kind: 'opinion' }],
  [/^\/api\/v1\/stars\/nominations\/<id>/, { scope: 'unit', kind: 'nomination' }],
  [/^\/api\/v1\/highlights\/<id>/, { scope: 'unit', kind: 'highlight' }],
  [/^\/api\/v1\/inspections\/<id>/, { scope: 'unit', kind: 'inspection' }],
  [/^\/api\/v1\/inspections\/\{id\}\/findings\/<findingId>/, { scope: 'unit', kind: 'finding' }],
  [/^\/api\/v1\/inspections\/\{id\}\/photos\/<photoId>/, { scope: 'unit', kind: 'inspectionPhoto' }],
  [/^\/api\/v1\/reviews\/\{period\}\/manual-facts\/<id>/, { scope: 'unit', kind: 'manualFact' }],
  [/^\/api\/v1\/assessments\/quarters\/\{quarter\}\/bonus-items\/<id>/, { scope: 'unit', kind: 'bonusItem' }],
  [/^\/api\/v1\/meetings\/notes\/<id>/, { scope: 'unit', kind: 'meetingNote' }],
  [/^\/api\/v1\/appeals\/<id>/, { scope: 'unit', kind: 'appeal' }],
  [/^\/api\/v1\/plans\/<id>/, { scope: 'county', kind: 'plan' }],
  [/^\/api\/v1\/accounts\/<id>/, { scope: 'county', kind: 'account' }],
  [/^\/api\/v1\/leaders\/<id>/, { scope: 'county', kind: 'leader' }],
  [/^\/api\/v1\/board-tokens\/<id>/, { scope: 'county', kind: 'boardToken' }],
  [/^\/api\/v1\/notify\/channels\/<id>/, { scope: 'county', kind: 'channel' }],
  [/^\/api\/v1\/work-groups\/<id>/, { scope: 'county', kind: 'workGroup' }],
  [/^\/api\/v1\/inspection-teams\/<id>/, { scope: 'county', kind: 'inspectionTeam' }],
  [/^\/api\/v1\/saved-filters\/<id>/, { scope: 'county', kind: 'savedFilter' }],
  [/^\/api\/v1\/task-categories\/<id>/, { scope: 'county', kind: 'category' }],
  [/^\/api\/v1\/time-limit-rules\/<id>/, { scope: 'county', kind: 'timeLimitRule' }],
  [/^\/api\/v1\/inbox\/<id>/, { scope: 'county', kind: 'inboxItem' }],
  [/^\/api\/v1\/lottery\/draws\/<id>/, { scope: 'county', kind: 'lotteryDraw' }],
];

// What a village has not: it takes no part in the monthly review (so files no appeal), the quarter's assessment and the year's.
const NOT_IN_VILLAGE = ['manualFact', 'bonusItem', 'opinion', 'appeal'];

let deps: TestDeps;
let app: TestApp;
const cookies = new Map<string, string>();
const objects = new Map<Side, Record<string, number>>();
const county: Record<string, number> = {};
const villages = new Set<Side>();

// The caller's own side and a side of another unit (out of his data scope) for the roles that see only part of the county.
const SIDES: Record<string, { own: Side; other?: Side }> = {
  danwei: { own: 'T01', other: 'T02' },
  lianluo: { own: 'T01', other: 'T02' },
  lianluo2: { own: 'T02', other: 'T01' },
  ganbu: { own: 'T01V01', other: 'T02' },
  lingdao: { own: 'T01', other: 'T05' },
  fagaiwei: { own: 'D027', other: 'T02' },
  // The village's head: T01's second task has a part of the village's, so another unit is a town that is not its own.
  'danwei.t01v01': { own: 'T01V01', other: 'T02' },
  'danwei.t05': { own: 'T05', other: 'T01' },
};
const sideOf = (username: string) => SIDES[username] ?? { own: 'T01' as const };

// The demo account of a side's unit (its liaison, else its head): units make their own proposals, highlights,
// uploads and appeals. Read from DEMO_ACCOUNTS, so an account added there is used where it fits.
function unitAccount(side: Side): string | undefined {
  const of = (as: string, role?: string) =>
    DEMO_ACCOUNTS.find((a) => a.person && 'unitCode' in a.person && a.person.unitCode === side && a.person.as === as && (!role || a.role === role));
  return (of('liaison', 'unit_liaison') ?? of('head', 'unit_head'))?.username;
}

const jpeg = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 20, g: 120, b: 60 } } })
    .jpeg()
    .toBuffer();

// POSTs `body` as `username`, expects `status`; the answer's body.
async function made(username: string, url: string, body: unknown, status = 201) {
  const res = await call(app, cookies.get(username)!, 'POST', url, body);
  if (res.status !== status) throw new Error(`POST ${url} as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body!;
}

// Uploads a photo as `username`; the answer.
async function uploaded(username: string, url: string, fields: Record<string, string>) {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(await jpeg())], '现场.jpg', { type: 'image/jpeg' }));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await app.request(url, { method: 'POST', headers: { cookie: cookies.get(username)! }, body: form });
  const body = (await res.json()) as Record<string, any>;
  if (res.status !== 201) throw new Error(`upload ${url} as ${username}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const a of DEMO_ACCOUNTS) cookies.set(a.username, await login(app, a.username));
  const office = 'duchashi';
  // Units propose to next month's plan; the office edits the items of the month after's, being consolidated.
  const consolidating = await made(office, '/api/v1/plans', { kind: 'monthly', period: '2026-05' });
  for (let i = 0; i < 2; i++) await made(office, `/api/v1/plans/${consolidating.id}/advance`, undefined, 200);
  const unitOf = async (code: string) => (await deps.db.select().from(units).where(eq(units.code, code)))[0]!;
  const sideUnits = await Promise.all(SIDE_CODES.map(unitOf));
  // A town's village, a village's town, a county department's first town.
  const coopCode = (code: Side) => (code.startsWith('D') ? 'T01' : code.includes('V') ? code.slice(0, code.indexOf('V')) : `${code}V01`);
  const coopUnits = await Promise.all(SIDE_CODES.map((code) => unitOf(coopCode(code))));
  const [category] = await deps.db.select({ id: taskCategories.id }).from(taskCategories).limit(1);
  const [rule] = await deps.db.select({ id: timeLimitRules.id }).from(timeLimitRules).limit(1);
  const [leader] = await deps.db.select({ id: leaders.id }).from(leaders).limit(1);
  const account = await made('admin', '/api/v1/accounts', {
    username: 'juzhenmubiao',
    displayName: '矩阵目标',
    personId: null,
    initialPassword: 'Chushi#2026',
  });
  const channel = await made('admin', '/api/v1/notify/channels', {
    kind: 'wecom',
    name: '矩阵群',
    target: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=juzhen',
  });
  const plan = await made(office, '/api/v1/plans', { kind: 'monthly', period: '2026-04' });
  Object.assign(county, {
    category: category!.id,
    timeLimitRule: rule!.id,
    leader: leader!.id,
    account: account.id,
    channel: channel.id,
    plan: plan.id,
    boardToken: (await made(office, '/api/v1/board-tokens', { name: '矩阵大屏' })).id,
    workGroup: (
      await made(office, '/api/v1/work-groups', {
        name: '矩阵工作群',
        channelId: channel.id,
        sendAt: '08:00',
        active: false,
        unitIds: [sideUnits[0]!.id],
        personIds: [],
      })
    ).id,
    savedFilter: (await made(office, '/api/v1/saved-filters', { name: '矩阵筛选', query: {} })).id,
  });
  const team = await made(office, '/api/v1/inspection-teams', { name: '矩阵督查组', leadName: '组长', members: ['组员'], unitIds: sideUnits.map((u) => u.id) });
  county.inspectionTeam = team.id;
  for (const [i, side] of SIDE_CODES.entries()) {
    const unit = sideUnits[i]!.id;
    const own = unitAccount(side);
    const o: Record<string, number> = { unit };
    if (sideUnits[i]!.kind === 'village') villages.add(side);
    objects.set(side, o);
    o.person = (await made('admin', '/api/v1/people', { name: `${side}矩阵人员`, unitId: unit })).id;
    o.task = await handOver(app, cookies.get(office)!, buildTaskInput({ leadUnitId: unit, title: `${side} 的矩阵事项` }));
    // A sheet of the chasing ladder for the unit to sign: the office urges the task by hand (催办单).
    await made(office, `/api/v1/tasks/${o.task}/urge`, { note: '矩阵催办' }, 204);
    const [sheet] = await deps.db
      .select({ id: taskSheets.id })
      .from(taskSheets)
      .where(and(eq(taskSheets.taskId, o.task), eq(taskSheets.kind, 'urge')));
    o.sheet = sheet!.id;
    // A second task with a cooperating unit (a village of the town, or the village's town) for the parts' operations,
    // so that the first can be asked to close with no part open.
    o.part = coopUnits[i]!.id;
    o.partTask = await handOver(
      app,
      cookies.get(office)!,
      buildTaskInput({ leadUnitId: unit, title: `${side} 的矩阵配合事项`, cooperators: [{ unitId: o.part, part: '矩阵配合分工' }] }),
    );
    o.project = (
      await made(office, '/api/v1/projects', {
        ...(sample(OPERATIONS.find((op) => op.name === 'POST /api/v1/projects')!.json!, 1) as object),
        leadUnitId: unit,
      })
    ).projectId;
    o.step = (
      await made(office, `/api/v1/projects/${o.project}/steps`, {
        phase: '前期',
        seq: 1,
        name: '立项',
        plannedStart: '2026-03-02',
        plannedDays: 10,
        unitId: unit,
      })
    ).steps[0].id;
    o.projectPhoto = (await uploaded(office, `/api/v1/projects/${o.project}/photos`, { takenOn: '2026-03-20' })).id;
    o.interview = (await made(office, '/api/v1/interviews', { unitId: unit, reason: '矩阵约谈事由', level: 'organisation_head' })).id;
    o.nomination = (
      await made(office, '/api/v1/stars/nominations', { period: '2026-03', kind: 'unit', unitId: unit, citation: '矩阵事迹', evidence: '矩阵佐证' })
    ).id;
    o.inspection = (
      await made(office, '/api/v1/inspections', {
        cycle: 'month',
        period: '2026-03',
        teamId: team.id,
        unitId: unit,
        subject: '矩阵督查',
        mode: 'open',
        method: 'on_site',
      })
    ).id;
    o.finding = (await made(office, `/api/v1/inspections/${o.inspection}/findings`, { grade: 'good', content: '矩阵好的做法' })).findings[0].id;
    o.inspectionPhoto = (
      await uploaded(office, `/api/v1/inspections/${o.inspection}/photos`, { takenAt: '2026-03-20T10:00:00+08:00', place: '矩阵现场' })
    ).photos[0].id;
    const fact = { unitId: unit, kind: 'commendation', day: '2026-03-20', reason: '矩阵事由', evidence: '矩阵佐证' };
    // A village takes no part in the monthly review or the quarter's assessment.
    if (sideUnits[i]!.kind !== 'village') {
      o.manualFact = (await made(office, '/api/v1/reviews/2026-03/manual-facts', fact)).id;
      o.bonusItem = (await made(office, '/api/v1/assessments/quarters/2026-Q1/bonus-items', fact)).id;
    }
    o.meetingNote = (await made(office, '/api/v1/meetings/2026-03/notes', { kind: 'commitment', content: '矩阵承诺', unitId: unit, dueDate: '2026-04-30' })).id;
    o.planItem = (
      await made(office, `/api/v1/plans/${consolidating.id}/items`, { title: `${side} 的矩阵计划事项`, deadline: '2026-05-29', leadUnitId: unit })
    ).id;
    if (!own) continue;
    // What the unit makes itself: it signs for and starts its task, asks to close it, keeps a study session with an
    // absence to make up, uploads to its task, nominates a highlight and proposes an item for the plan.
    await startWork(app, cookies.get(own)!, o.task);
    o.attachment = (await uploaded(own, `/api/v1/tasks/${o.task}/attachments`, {})).id;
    o.closingRequest = await create(own, 'POST /api/v1/tasks/{id}/closing-requests', {}, `/api/v1/tasks/${o.task}/closing-requests`);
    o.studySession = await create(own, 'POST /api/v1/study/sessions', { unitId: unit });
    await made(own, `/api/v1/study/sessions/${o.studySession}/attendance`, { version: 1, absent: [{ personId: o.person, reason: '出差' }] }, 200);
    const [absence] = await deps.db.select({ id: studyAttendance.id }).from(studyAttendance).where(eq(studyAttendance.sessionId, o.studySession));
    o.makeup = absence!.id;
    o.highlight = (
      await made(own, '/api/v1/highlights', {
        cycle: 'month',
        period: '2026-03',
        unitId: unit,
        title: '矩阵亮点',
        description: '矩阵描述',
        evidence: '矩阵佐证',
      })
    ).id;
    o.proposal = (await made(own, `/api/v1/plans/${plan.id}/proposals`, { title: `${side} 的矩阵申报`, deadline: '2026-04-30' })).id;
  }
  // The year's opinions, drafted for every unit by the assessment office.
  await made('kaoheban', '/api/v1/opinions/draft', { year: 2026 }, 200);
  const opinions = await call(app, cookies.get('kaoheban')!, 'GET', '/api/v1/opinions?year=2026');
  for (const o of objects.values()) {
    const opinion = (opinions.body!.items as { id: number; subject: string; subjectId: number }[]).find((x) => x.subject === 'unit' && x.subjectId === o.unit);
    if (opinion) o.opinion = opinion.id;
  }
  // February published: the month-end work freezes its figures (a task of February makes it a month of the record),
  // the office confirms the proposed bottom statements and publishes, and each reviewed side's unit appeals the colour
  // of its task. Then February's lottery is committed and drawn.
  await made(office, '/api/v1/tasks', buildTaskInput({ leadUnitId: sideUnits[0]!.id, title: '二月的矩阵事项', period: '2026-02', startDate: '2026-02-02' }));
  await periodicWork(deps);
  const february = await call(app, cookies.get(office)!, 'GET', '/api/v1/reviews/2026-02');
  for (const b of february.body!.bottom as { group: string; proposed: { unitId: number }[] }[])
    if (b.proposed.length) await made(office, '/api/v1/reviews/2026-02/bottom-statements', { group: b.group, unitIds: b.proposed.map((p) => p.unitId) }, 200);
  await made('kaoheban', '/api/v1/reviews/2026-02/publish', undefined, 200);
  for (const side of SIDE_CODES) {
    const own = unitAccount(side);
    const o = objects.get(side)!;
    if (own && !villages.has(side))
      o.appeal = (await made(own, '/api/v1/reviews/2026-02/appeals', { object: 'colour', id: o.task, reason: '矩阵申诉理由', evidence: '矩阵申诉依据' })).id;
  }
  county.lotteryDraw = (await made(office, '/api/v1/lottery/months/2026-02/commit', undefined)).id;
  await made(office, '/api/v1/lottery/months/2026-02/draw', { publicInput: '0325' }, 200);
  const [message] = await deps.db.select({ id: notifications.id }).from(notifications).limit(1);
  if (message) county.inboxItem = message.id;
  // An answer read under the wrong name would leave "undefined" in the paths.
  for (const o of [county, ...objects.values()]) for (const [kind, id] of Object.entries(o)) if (!Number.isInteger(id)) throw new Error(`no id for ${kind}`);
}, 120_000);
afterAll(() => deps?.close());

// An object made through the API with the document's sample body, as `username`; its id.
async function create(username: string, name: string, overrides: Record<string, unknown>, url = name.split(' ')[1]!) {
  const op = OPERATIONS.find((o) => o.name === name)!;
  const res = await call(app, cookies.get(username)!, op.method, url, { ...(sample(op.json!, 1) as object), ...overrides });
  if (res.status !== 201) throw new Error(`${name} as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body!.id as number;
}

// What a path parameter names.
function paramOf(path: string, name: string): Param | undefined {
  const marked = path.replace(`{${name}}`, `<${name}>`);
  return PARAMS.find(([pattern]) => pattern.test(marked))?.[1];
}

const enumOf = (op: Operation, name: string) => op.parameters.find((p) => p.name === name && p.in === 'path')?.schema?.enum as string[] | undefined;

// The value of a path parameter on a side: the first of its enum, a fixed value, the side's or the county's object.
function paramValue(op: Operation, name: string, side: Side): string | undefined {
  const enumFirst = enumOf(op, name)?.[0];
  if (enumFirst) return enumFirst;
  const param = paramOf(op.path, name);
  if (!param) return undefined;
  if ('value' in param) return param.value;
  const id = param.scope === 'unit' ? objects.get(side)![param.kind] : county[param.kind];
  return id === undefined ? undefined : String(id);
}

const pathParams = (op: Operation) => [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

// Whether an operation names an object of a unit (so another unit's caller must be refused).
const unitScoped = (op: Operation) => pathParams(op).some((name) => (paramOf(op.path, name) as { scope?: string } | undefined)?.scope === 'unit');

// One call the matrix makes: an operation of the document, or one of its second permission paths (SECOND_PATHS).
interface Call {
  op: Operation;
  what: string;
  requirement: Requirement;
  params?: Record<string, string>;
  body?: (o: Record<string, number>) => Record<string, unknown>;
  // The body names an object of the side's unit (so another unit's caller must be refused).
  bodyScoped?: boolean;
}

function request(c: Call, side: Side): { url: string; init: RequestInit } {
  const { op } = c;
  const o = objects.get(side)!;
  const query = op.parameters
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${p.name}=${encodeURIComponent(String(/unitid/i.test(p.name) ? o.unit! : sample(p.schema ?? {}, o.unit!)))}`);
  const value = (name: string) => c.params?.[name] ?? paramValue(op, name, side) ?? String(MISSING);
  const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => value(name)) + (query.length ? `?${query.join('&')}` : '');
  if (op.multipart) {
    const form = new FormData();
    for (const [k, v] of Object.entries((resolve(op.multipart).properties ?? {}) as Record<string, JsonSchema>)) {
      const s = resolve(v);
      if (s.format === 'binary' || (s.type === 'array' && resolve(s.items as JsonSchema).format === 'binary'))
        form.append(k, new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'a.png', { type: 'image/png' }));
      else form.append(k, String(sample(s, o.unit!)));
    }
    return { url, init: { method: op.method, body: form } };
  }
  if (op.json) {
    const body = { ...(sample(op.json, o.unit!) as object), ...c.body?.(o) };
    return { url, init: { method: op.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } };
  }
  return { url, init: { method: op.method } };
}

// The error of an answer, if it is one (files and feeds answer other content).
function errorOf(text: string): { error?: { code?: string; message?: string } } | null {
  try {
    return JSON.parse(text) as { error?: { code?: string; message?: string } };
  } catch {
    return null;
  }
}

async function send(username: string, c: Call, side: Side) {
  const { url, init } = request(c, side);
  const headers = new Headers(init.headers);
  headers.set('cookie', cookies.get(username)!);
  const res = await app.request(url, { ...init, headers });
  return { url, status: res.status, body: errorOf(await res.text()) };
}

const permitted = (requirement: Requirement, role: string) =>
  requirement === 'session' || (requirement !== 'public' && requirement.some((a) => (PERMISSIONS[a] as readonly string[]).includes(role)));

// The unit directory itself (GET /units/{id}) is county-wide, as the org tree every picker shows; what a unit has on
// record (its deductions, archive, self-assessment) is scoped.
// The year's opinions (年度考核意见) are read whole by the county's side, as their list shows them.
const COUNTY_WIDE = ['GET /api/v1/units/{id}', 'GET /api/v1/opinions/{id}', 'GET /api/v1/opinions/{id}/opinion.docx'];

const CALLED = OPERATIONS.filter((op) => {
  const requirement = ROUTE_PERMISSIONS[op.name];
  // The public operations have no session to check (test/permissions.test.ts covers their anonymous answers);
  // logging out would end the session the matrix goes on using.
  return requirement !== 'public' && op.name !== 'POST /api/v1/auth/logout';
});

// Operations with a second permission path, called again with what takes it (the table declares the first).
const SECOND_PATHS: (Omit<Call, 'op'> & { name: string })[] = [
  { name: 'POST /api/v1/accounts/{id}/{change}', what: 'unlock', requirement: ['account.unlock'], params: { change: 'unlock' } },
  {
    name: 'POST /api/v1/records/frontline-days',
    what: '代为登记',
    requirement: ['records.frontline_proxy'],
    body: (o) => ({ personId: o.person }),
    bodyScoped: true,
  },
];

const CALLS: Call[] = [
  ...CALLED.map((op) => ({ op, what: '', requirement: ROUTE_PERMISSIONS[op.name]! })),
  ...SECOND_PATHS.map(({ name, ...rest }) => ({ op: OPERATIONS.find((o) => o.name === name)!, ...rest })),
];

describe('the declared permission table', () => {
  it('declares every operation of the API document, and nothing else', () => {
    const documented = OPERATIONS.map((o) => o.name).sort();
    expect(documented.length).toBeGreaterThan(200);
    expect(documented.filter((name) => !(name in ROUTE_PERMISSIONS))).toEqual([]);
    expect(Object.keys(ROUTE_PERMISSIONS).filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('names only actions of src/permissions.ts, and explains every further check', () => {
    for (const [name, requirement] of Object.entries(ROUTE_PERMISSIONS)) {
      if (typeof requirement !== 'string') for (const action of requirement) expect(PERMISSIONS, name).toHaveProperty([action]);
    }
    expect(Object.keys(FURTHER_CHECKS).filter((name) => !Array.isArray(ROUTE_PERMISSIONS[name]))).toEqual([]);
  });
});

describe('the objects the matrix calls on', () => {
  it('knows what every path parameter names, and has a real object of each kind on every side it calls', () => {
    // A new kind of path parameter needs its entry in PARAMS (and its object made in the setup).
    const unresolved = CALLS.flatMap((c) =>
      pathParams(c.op)
        .filter((name) => !c.params?.[name] && !enumOf(c.op, name) && !paramOf(c.op.path, name))
        .map((name) => `${c.op.name} {${name}}`),
    );
    expect(unresolved).toEqual([]);
    const sides = [...new Set(DEMO_ACCOUNTS.flatMap((a) => [sideOf(a.username).own, sideOf(a.username).other ?? sideOf(a.username).own]))];
    const missing = CALLS.flatMap((c) =>
      sides.flatMap((side) =>
        pathParams(c.op)
          .filter((name) => (c.params?.[name] ?? paramValue(c.op, name, side)) === undefined)
          .map((name) => ({ op: c.op.name, side, kind: (paramOf(c.op.path, name) as { kind: string }).kind })),
      ),
    );
    // Only what a village has no part in may lack; everything else is a real object, made by whoever makes it.
    expect(missing.filter((m) => !(NOT_IN_VILLAGE.includes(m.kind) && villages.has(m.side)))).toEqual([]);
    // Every side's unit acts for itself, through a demo account of its own.
    expect(SIDE_CODES.filter((side) => !unitAccount(side))).toEqual([]);
  });
});

// The mismatches of one call as one demo account, on its own side and, for a scoped role, on another unit's.
async function check(c: Call, account: (typeof DEMO_ACCOUNTS)[number]): Promise<string[]> {
  const out: string[] = [];
  const { op } = c;
  const sides = sideOf(account.username);
  const mine = await send(account.username, c, sides.own);
  const realObject = pathParams(op).every((name) => (c.params?.[name] ?? paramValue(op, name, sides.own)) !== undefined);
  const where = `${account.username} (${account.role}) ${op.method} ${mine.url}${c.what ? ` [${c.what}]` : ''} → ${mine.status} ${mine.body?.error?.message ?? ''}`;
  if (mine.status >= 500) out.push(`5xx: ${where}`);
  if (permitted(c.requirement, account.role)) {
    const refused = mine.status === 403 && (mine.body?.error?.message === GENERIC_REFUSAL || !(op.name in FURTHER_CHECKS));
    if (refused) out.push(`permitted but refused: ${where}`);
  } else {
    // A role without the action is refused with 403; a 404 is its answer only where it could not see the object
    // anyway (a role scoped to part of the county) or where there is no object to see.
    const unseen = SCOPE_OF_ROLE[account.role] !== 'all' || !realObject;
    if (!(mine.status === 403 || (mine.status === 404 && pathParams(op).length > 0 && unseen))) out.push(`not permitted but answered: ${where}`);
  }
  if (sides.other && (unitScoped(op) || c.bodyScoped) && !COUNTY_WIDE.includes(op.name)) {
    const theirs = await send(account.username, c, sides.other);
    if (theirs.status !== 403 && theirs.status !== 404)
      out.push(
        `another unit's object: ${account.username} ${op.method} ${theirs.url}${c.what ? ` [${c.what}]` : ''} → ${theirs.status} ${theirs.body?.error?.message ?? ''}`,
      );
  }
  return out;
}

describe('every operation as every demo role', () => {
  // Reads change nothing, so the roles call each at once; writes go one after another, after every read.
  it('reads answer as the declared table says, on objects of the own unit and of another unit', async () => {
    const mismatches: string[] = [];
    for (const c of CALLS.filter((x) => x.op.method === 'GET')) mismatches.push(...(await Promise.all(DEMO_ACCOUNTS.map((a) => check(c, a)))).flat());
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('writes answer as the declared table says, on objects of the own unit and of another unit', async () => {
    const mismatches: string[] = [];
    // The deletions last, so that every other write finds its object.
    const writes = CALLS.filter((x) => x.op.method !== 'GET');
    for (const c of [...writes.filter((x) => x.op.method !== 'DELETE'), ...writes.filter((x) => x.op.method === 'DELETE')])
      for (const account of DEMO_ACCOUNTS) mismatches.push(...(await check(c, account)));
    expect(mismatches).toEqual([]);
  }, 300_000);
});
