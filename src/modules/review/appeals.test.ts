// Appeals (申诉) through the API on a published April: refusals with nothing saved (draft month, empty reason, another
// unit's fact, a bonus, a second open appeal, too late), an upheld appeal's correction beside the unchanged published
// score and rank, a dismissed appeal without one, and the scoping of the list.
import { asc, count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, closeJointly, demoApp, login, startWork, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, firstLeaderId, unitId } from '../../../test/factories.js';
import { auditLog } from '../audit/schema.js';
import { periodicWork } from '../chasing/scanner.js';
import { reviewAppeals, reviewCorrections, reviewScoreFacts, reviewScores } from './schema.js';

let deps: TestDeps;
let app: TestApp;
let t01 = 0;
let t02 = 0;
const s: Record<string, string> = {};
const USERS = ['duchashi', 'xiaoneng', 'kaoheban', 'lianluo', 'lianluo2', 'lingdao'] as const;
const ids = { onTime: 0, rejected: 0, closing: 0, carried: 0 };

async function at(instant: string) {
  deps.clock.set(instant);
  for (const u of USERS) s[u] = await login(app, u);
}
const as = (who: string, method: string, path: string, body?: unknown) => call(app, s[who]!, method, path, body);
const raw = async (who: string, path: string) => (await app.request(path, { headers: { cookie: s[who]! } })).text();
const rowOf = (body: Record<string, any>, unit: number) => body.rows.find((r: { unitId: number }) => r.unitId === unit);
const countOf = async (table: typeof reviewAppeals | typeof reviewCorrections) => (await deps.db.select({ n: count() }).from(table))[0]!.n;
const publishedRows = async () => ({
  scores: await deps.db.select().from(reviewScores).orderBy(asc(reviewScores.id)),
  facts: await deps.db.select().from(reviewScoreFacts).orderBy(asc(reviewScoreFacts.id)),
});

async function create(title: string, leadUnitId: number, deadline: string, liaison: string) {
  const leaderId = await firstLeaderId(deps.db);
  const res = await as(
    'duchashi',
    'POST',
    '/api/v1/tasks',
    buildTaskInput({ title, leadUnitId, leadLeaderId: leaderId, startDate: '2026-04-01', deadline, period: '2026-04' }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body!.id as number;
  expect((await as('duchashi', 'POST', `/api/v1/tasks/${id}/assign`, {})).status).toBe(200);
  await startWork(app, s[liaison]!, id);
  return id;
}

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  t01 = await unitId(deps.db, 'T01');
  t02 = await unitId(deps.db, 'T02');
  await at('2026-04-01T09:00:00+08:00');
  ids.onTime = await create('按期完成的事项', t01, '2026-04-20', 'lianluo');
  ids.rejected = await create('销号被退回的事项', t01, '2026-04-28', 'lianluo');
  ids.carried = await create('月末仍未完成的事项', t02, '2026-04-15', 'lianluo2');
  await at('2026-04-18T10:00:00+08:00');
  await closeJointly(
    app,
    s.lianluo!,
    ['duchashi', 'xiaoneng', 'kaoheban'].map((r) => s[r]!),
    ids.onTime,
    '2026-04-17',
  );
  const filed = await as('lianluo', 'POST', `/api/v1/tasks/${ids.rejected}/closing-requests`, { summary: '已完成', finishedOn: '2026-04-18' });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  ids.closing = filed.body!.id;
  const rejected = await as('duchashi', 'POST', `/api/v1/closing-requests/${ids.closing}/reviews`, { decision: 'reject', comment: '缺少验收材料' });
  expect(rejected.status, JSON.stringify(rejected.body)).toBe(201);
  const fact = await as('duchashi', 'POST', '/api/v1/reviews/2026-04/manual-facts', {
    unitId: t01,
    kind: 'accountability',
    day: '2026-04-24',
    reason: '安全生产检查发现问题被问责',
    evidence: '县纪委通报〔2026〕3号',
  });
  expect(fact.status, JSON.stringify(fact.body)).toBe(201);
  await at('2026-05-01T00:05:00+08:00');
  await periodicWork(deps);
  // Published on Wednesday 05-06, the first working day after 劳动节: five working days run through 05-12.
  await at('2026-05-06T10:00:00+08:00');
  const review = await as('duchashi', 'GET', '/api/v1/reviews/2026-04');
  for (const b of review.body!.bottom as { group: string; proposed: { unitId: number }[] }[])
    if (b.proposed.length)
      expect(
        (await as('duchashi', 'POST', '/api/v1/reviews/2026-04/bottom-statements', { group: b.group, unitIds: b.proposed.map((p) => p.unitId) })).status,
      ).toBe(200);
  expect((await as('kaoheban', 'POST', '/api/v1/reviews/2026-04/publish')).status).toBe(200);
});
afterAll(() => deps.close());

let published = '';
let accountability = { factId: 0, points: 0 };
let bonusFactId = 0;
let appealId = 0;

describe('appeals', () => {
  it('a published month shows each fact with its id; without corrections it has no corrected figures', async () => {
    published = await raw('lianluo', '/api/v1/reviews/2026-04/scores');
    const row = rowOf(JSON.parse(published), t01);
    const fact = row.facts.find((f: { kind: string }) => f.kind === 'accountability');
    accountability = { factId: fact.factId, points: fact.points };
    bonusFactId = row.facts.find((f: { kind: string }) => f.kind === 'closed_on_time').factId;
    expect(accountability.factId).toBeGreaterThan(0);
    expect(row).not.toHaveProperty('correctedScore');
    expect(row).not.toHaveProperty('corrections');
  });

  it('refuses a draft month, an empty reason, another unit’s fact, a bonus — in Chinese, nothing saved', async () => {
    const draft = await as('lianluo', 'POST', '/api/v1/reviews/2026-05/appeals', {
      object: 'fact',
      id: accountability.factId,
      reason: '理由',
      evidence: '依据',
    });
    expect(draft.status).toBe(409);
    expect(draft.body!.error).toMatchObject({ code: 'APPEAL_NOT_ALLOWED' });
    expect(draft.body!.error.message).toContain('尚未发布');
    const empty = await as('lianluo', 'POST', '/api/v1/reviews/2026-04/appeals', { object: 'fact', id: accountability.factId, reason: '  ', evidence: '依据' });
    expect(empty.status).toBe(400);
    expect(empty.body!.error.message).toContain('请填写申诉理由');
    const other = await as('lianluo2', 'POST', '/api/v1/reviews/2026-04/appeals', {
      object: 'fact',
      id: accountability.factId,
      reason: '理由',
      evidence: '依据',
    });
    expect(other.status).toBe(404);
    expect(other.body!.error.code).toBe('APPEAL_OBJECT_NOT_FOUND');
    const bonus = await as('lianluo', 'POST', '/api/v1/reviews/2026-04/appeals', { object: 'fact', id: bonusFactId, reason: '理由', evidence: '依据' });
    expect(bonus.status).toBe(409);
    expect(bonus.body!.error.message).toContain('只能对扣分事项');
    const office = await as('duchashi', 'POST', '/api/v1/reviews/2026-04/appeals', {
      object: 'fact',
      id: accountability.factId,
      reason: '理由',
      evidence: '依据',
    });
    expect(office.status).toBe(403);
    expect(await countOf(reviewAppeals)).toBe(0);
  });

  it('a unit appeals its deduction once; a second open appeal on it is refused', async () => {
    const body = { object: 'fact', id: accountability.factId, reason: '问责事项已由县纪委撤销', evidence: '县纪委撤销通知〔2026〕5号' };
    const filed = await as('lianluo', 'POST', '/api/v1/reviews/2026-04/appeals', body);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ status: 'open', unitId: t01, object: 'fact', factId: accountability.factId, deadline: '2026-05-12' });
    appealId = filed.body!.id;
    const again = await as('lianluo', 'POST', '/api/v1/reviews/2026-04/appeals', body);
    expect(again.status).toBe(409);
    expect(again.body!.error.code).toBe('APPEAL_OPEN');
    expect(await countOf(reviewAppeals)).toBe(1);
  });

  it('lists appeals scoped: the unit its own, another unit none, the office all with the default correction', async () => {
    const own = await as('lianluo', 'GET', '/api/v1/appeals');
    expect(own.body).toMatchObject({ total: 1, items: [{ id: appealId, suggestedPoints: null }] });
    expect((await as('lianluo2', 'GET', '/api/v1/appeals')).body).toMatchObject({ total: 0, items: [] });
    const office = await as('kaoheban', 'GET', '/api/v1/appeals?status=open&period=2026-04');
    expect(office.body).toMatchObject({ total: 1, items: [{ id: appealId, suggestedPoints: -accountability.points, unitName: expect.any(String) }] });
    expect((await as('kaoheban', 'GET', '/api/v1/appeals?status=upheld')).body!.total).toBe(0);
  });

  it('the office upholds it: a correction beside the published score and rank, which stay byte for byte', async () => {
    const before = await publishedRows();
    expect((await as('lianluo', 'POST', `/api/v1/appeals/${appealId}/decide`, { decision: 'uphold', reason: '属实' })).status).toBe(403);
    const noReason = await as('kaoheban', 'POST', `/api/v1/appeals/${appealId}/decide`, { decision: 'uphold', reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body!.error.message).toContain('请填写申诉成立的理由');
    const upheld = await as('kaoheban', 'POST', `/api/v1/appeals/${appealId}/decide`, { decision: 'uphold', reason: '问责决定已撤销，冲回扣分' });
    expect(upheld.status, JSON.stringify(upheld.body)).toBe(200);
    expect(upheld.body).toMatchObject({ status: 'upheld', correction: { points: -accountability.points } });
    const twice = await as('kaoheban', 'POST', `/api/v1/appeals/${appealId}/decide`, { decision: 'dismiss', reason: '再次处理' });
    expect(twice.status).toBe(409);
    expect(twice.body!.error.code).toBe('APPEAL_DECIDED');

    expect(await publishedRows()).toEqual(before);
    const now = (await as('lianluo', 'GET', '/api/v1/reviews/2026-04/scores')).body!;
    const was = JSON.parse(published);
    const towns = (b: Record<string, any>) => b.rows.filter((r: { group: string }) => r.group === 'town');
    for (const [i, r] of now.rows.entries()) {
      const { correctedScore: _s, correctedRank: _r, corrections: _c, ...asPublished } = r;
      expect(asPublished).toEqual(was.rows[i]);
    }
    const row = rowOf(now, t01);
    expect(row.correctedScore).toBe(Math.round((row.score - accountability.points) * 100) / 100);
    expect(row.corrections).toEqual([
      { id: expect.any(Number), appealId, points: -accountability.points, reason: '问责决定已撤销，冲回扣分', createdAt: expect.any(String) },
    ]);
    // Corrected ranks by the published tie rule: higher corrected score first, equal ones share.
    const corrected = towns(now).map((r: { correctedScore: number }) => r.correctedScore);
    for (const r of towns(now)) expect(r.correctedRank).toBe(1 + corrected.filter((c: number) => c > r.correctedScore).length);
    expect(rowOf(now, t02).corrections).toEqual([]);
  });

  it('a dismissed appeal (a rejected closing) records no correction', async () => {
    const filed = await as('lianluo', 'POST', '/api/v1/reviews/2026-04/appeals', {
      object: 'closing',
      id: ids.closing,
      reason: '验收材料已随申请上传',
      evidence: '验收报告（附件）',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const colourOfOther = await as('lianluo', 'POST', '/api/v1/reviews/2026-04/appeals', {
      object: 'colour',
      id: ids.carried,
      reason: '理由',
      evidence: '依据',
    });
    expect(colourOfOther.status).toBe(404);
    const corrections = await countOf(reviewCorrections);
    const dismissed = await as('duchashi', 'POST', `/api/v1/appeals/${filed.body!.id}/decide`, { decision: 'dismiss', reason: '验收报告缺少签字页，退回正确' });
    expect(dismissed.status, JSON.stringify(dismissed.body)).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', correction: null, decisionReason: '验收报告缺少签字页，退回正确' });
    expect(await countOf(reviewCorrections)).toBe(corrections);
    const audit = await deps.db.select({ action: auditLog.action }).from(auditLog);
    expect(audit.filter((a) => a.action === 'review.appeal.file')).toHaveLength(2);
    expect(audit.filter((a) => a.action === 'review.appeal.decide')).toHaveLength(2);
  });

  it('refuses an appeal after its deadline, saying until when it could be filed', async () => {
    await at('2026-05-13T09:00:00+08:00');
    const late = await as('lianluo', 'POST', '/api/v1/reviews/2026-04/appeals', { object: 'colour', id: ids.onTime, reason: '亮灯有误', evidence: '台账截图' });
    expect(late.status).toBe(409);
    expect(late.body!.error.message).toContain('申诉期已过');
    expect(late.body!.error.message).toContain('2026-05-12');
    expect(await countOf(reviewAppeals)).toBe(2);
  });
});
