// A year of the monthly review (no tasks, the office's manual facts make the differences) published month by month,
// then assessed through the API: a quarter refused while a month is a draft, bonus items, publishing and its freeze
// (byte-identical after a new scheme version, new settings and a fresh app), refusals of bad input with nothing
// changed, and the year published with interview proposals for the last units of each group.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { unitId } from '../../../test/factories.js';
import { createApp } from '../../app.js';
import { SCORE_WEIGHT_KEYS } from '../../shared/labels.js';
import { auditLog } from '../audit/schema.js';
import { interviews } from '../chasing/schema.js';
import { monthlyFigureFreezes } from '../figures/schema.js';
import { assessmentBonusItems, assessmentSettings, assessmentYearParts } from './schema.js';

let deps: TestDeps;
let app: TestApp;
const s: Record<string, string> = {};
const USERS = ['duchashi', 'kaoheban', 'lianluo', 'lingdao'] as const;
const u: Record<string, number> = {};

const as = (who: string, method: string, path: string, body?: unknown) => call(app, s[who]!, method, path, body);
const hundredths = (n: number) => Math.round(n * 100);
const auditCount = async (action: string) => (await deps.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)))[0]!.n;
const rows = async (table: typeof assessmentBonusItems | typeof assessmentYearParts | typeof assessmentSettings) =>
  (await deps.db.select({ n: count() }).from(table))[0]!.n;
const text = async (a: TestApp, path: string) => {
  const res = await a.request(path, { headers: { cookie: s.kaoheban! } });
  expect(res.status).toBe(200);
  return res.text();
};

async function fact(period: string, unit: number, kind: string) {
  const res = await as('duchashi', 'POST', `/api/v1/reviews/${period}/manual-facts`, {
    unitId: unit,
    kind,
    day: `${period}-15`,
    reason: '测试事项',
    evidence: '会议纪要',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function publishMonth(period: string) {
  // Frozen as the periodic job would have left it; no tasks, so no bottom statement is proposed.
  await deps.db.insert(monthlyFigureFreezes).values({ period, frozenAt: deps.clock.now() });
  const res = await as('duchashi', 'POST', `/api/v1/reviews/${period}/publish`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

beforeAll(async () => {
  deps = await testDeps();
  // The demo's passwords are set "today", so they have not expired when the year is assessed.
  deps.clock.set('2027-01-12T09:00:00+08:00');
  app = await demoApp(deps);
  for (const name of USERS) s[name] = await login(app, name);
  for (const code of ['T01', 'T02', 'T03', 'T04', 'D035', 'D036', 'D037', 'D038', 'D039']) u[code] = await unitId(deps.db, code);
  // Q1: T01 a highlight each month (+2 ×3), T02 a commendation in February (+3), T04 a highlight in March (+2), T03 an
  // accountability (−5). A unit with no work in the quarter is passed over for the reward, so these are the units that
  // can be rewarded.
  for (const m of ['2026-01', '2026-02', '2026-03']) await fact(m, u.T01!, 'highlight');
  await fact('2026-02', u.T02!, 'commendation');
  await fact('2026-03', u.T04!, 'highlight');
  await fact('2026-03', u.T03!, 'accountability');
  await fact('2026-01', u.D035!, 'typical_speech');
  await publishMonth('2026-01');
  await publishMonth('2026-02');
});
afterAll(() => deps.close());

describe('quarterly assessment', () => {
  it('refuses a quarter with an unpublished month, in Chinese, and stores nothing', async () => {
    const read = await as('kaoheban', 'GET', '/api/v1/assessments/quarters/2026-Q1');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'draft', missingMonths: ['2026-03'] });
    expect(read.body!.blocker).toContain('2026-03 的月点评尚未发布');
    const res = await as('duchashi', 'POST', '/api/v1/assessments/quarters/2026-Q1/publish');
    expect(res.status).toBe(409);
    expect(res.body!.error.message).toContain('2026-03 的月点评尚未发布');
    expect(await auditCount('assessment.quarter.publish')).toBe(0);
    expect((await as('duchashi', 'GET', '/api/v1/assessments/quarters/2026-Q5')).body!.error.message).toContain('季度格式应为 YYYY-Qn');
  });

  it('sums the three months and the bonus items exactly, ranks towns and county units apart and marks the top for reward', async () => {
    await publishMonth('2026-03');
    const added = await as('duchashi', 'POST', '/api/v1/assessments/quarters/2026-Q1/bonus-items', {
      unitId: u.T02,
      kind: 'leader_instruction',
      day: '2026-03-20',
      reason: '防汛工作获市长肯定性批示',
      evidence: '市长批示件〔2026〕5号',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    // Four more county units with a typical speech each (+1), so five county units worked in the quarter.
    for (const code of ['D036', 'D037', 'D038', 'D039']) {
      const speech = await as('duchashi', 'POST', '/api/v1/assessments/quarters/2026-Q1/bonus-items', {
        unitId: u[code],
        kind: 'typical_speech',
        day: '2026-03-25',
        reason: '全县工作会议典型发言',
        evidence: '会议纪要',
      });
      expect(speech.status, JSON.stringify(speech.body)).toBe(201);
    }
    const res = await as('kaoheban', 'GET', '/api/v1/assessments/quarters/2026-Q1');
    expect(res.body).toMatchObject({ status: 'draft', missingMonths: [], blocker: null });
    const rowsOf = (group: string) => res.body!.rows.filter((r: { group: string }) => r.group === group);
    for (const r of res.body!.rows) expect(r.items.reduce((sum: number, i: { points: number }) => sum + hundredths(i.points), 0)).toBe(hundredths(r.score));
    // T01 2+2+2 = 6; T02 3 + 3 (批示) = 6: a tie at rank 1; T04 2; the others 0, T03 −5 last.
    const towns = rowsOf('town');
    expect(towns.slice(0, 2).map((r: { unitId: number; score: number; rank: number }) => [r.unitId, r.score, r.rank])).toEqual(
      expect.arrayContaining([
        [u.T01, 6, 1],
        [u.T02, 6, 1],
      ]),
    );
    expect(towns[2]).toMatchObject({ unitId: u.T04, score: 2, rank: 3, reward: true });
    expect(towns[3]).toMatchObject({ score: 0, rank: 4, reward: false });
    expect(towns.at(-1)).toMatchObject({ unitId: u.T03, score: -5, reward: false });
    expect(towns.filter((r: { reward: boolean }) => r.reward)).toHaveLength(3);
    const county = rowsOf('county_unit');
    expect(county[0]).toMatchObject({ unitId: u.D035, score: 2, rank: 1, reward: true });
    const rewarded = county.filter((r: { reward: boolean }) => r.reward);
    expect(rewarded.map((r: { unitId: number }) => r.unitId).sort()).toEqual(['D035', 'D036', 'D037', 'D038', 'D039'].map((c) => u[c]).sort());
    const t2 = towns.find((r: { unitId: number }) => r.unitId === u.T02);
    expect(t2.items.map((i: { kind: string; points: number }) => [i.kind, i.points])).toEqual([
      ['month', 0],
      ['month', 3],
      ['month', 0],
      ['bonus', 3],
    ]);
  });

  it('keeps a draft from units, and refuses bad input in Chinese with nothing changed', async () => {
    expect((await as('lianluo', 'GET', '/api/v1/assessments/quarters/2026-Q1')).status).toBe(403);
    const [items, parts, settings] = [await rows(assessmentBonusItems), await rows(assessmentYearParts), await rows(assessmentSettings)];
    const outside = await as('duchashi', 'POST', '/api/v1/assessments/quarters/2026-Q1/bonus-items', {
      unitId: u.T01,
      kind: 'commendation',
      day: '2026-04-01',
      reason: '表扬',
      evidence: '文件',
    });
    expect(outside.status).toBe(400);
    expect(outside.body!.error.message).toContain('日期必须在 2026-Q1');
    const current = (await as('duchashi', 'GET', '/api/v1/assessments/settings')).body!;
    const badWeight = await as('duchashi', 'POST', '/api/v1/assessments/settings', { ...current.settings, version: current.version, closingWeight: '三十分' });
    expect(badWeight.status).toBe(400);
    expect(badWeight.body!.error.message).toContain('工作落实（预安销号）分值不是数字');
    const badPart = await as('duchashi', 'POST', '/api/v1/assessments/years/2026/parts', { unitId: u.T01, partKey: 'economy', points: '二十', reason: '年终' });
    expect(badPart.status).toBe(400);
    expect(badPart.body!.error.message).toContain('分值不是数字');
    expect(await rows(assessmentBonusItems)).toBe(items);
    expect(await rows(assessmentYearParts)).toBe(parts);
    expect(await rows(assessmentSettings)).toBe(settings);
  });

  it('publishes and freezes the quarter: byte-identical after a new scheme version, new settings and a fresh app; no second publishing or edit', async () => {
    const res = await as('duchashi', 'POST', '/api/v1/assessments/quarters/2026-Q1/publish');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'published' });
    expect(await auditCount('assessment.quarter.publish')).toBe(1);
    const published = await text(app, '/api/v1/assessments/quarters/2026-Q1');

    const scheme = await as('duchashi', 'POST', '/api/v1/reviews/schemes', {
      effectiveFrom: '2026-04',
      weights: Object.fromEntries(
        SCORE_WEIGHT_KEYS.map((k) => [k, ['bottom_statement', 'accountability', 'overdue_day', 'carried', 'missing_report'].includes(k) ? -9 : 9]),
      ),
    });
    expect(scheme.status, JSON.stringify(scheme.body)).toBe(201);
    const current = (await as('duchashi', 'GET', '/api/v1/assessments/settings')).body!;
    const saved = await as('kaoheban', 'POST', '/api/v1/assessments/settings', {
      ...current.settings,
      version: current.version,
      rewardTowns: 1,
      bonusPoints: { leader_instruction: 10, commendation: 10, typical_speech: 10 },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(await text(app, '/api/v1/assessments/quarters/2026-Q1')).toBe(published);
    expect(await text(createApp(deps), '/api/v1/assessments/quarters/2026-Q1')).toBe(published);

    const again = await as('duchashi', 'POST', '/api/v1/assessments/quarters/2026-Q1/publish');
    expect(again.status).toBe(409);
    expect(again.body!.error.message).toContain('2026-Q1 季度考核已发布，不能再修改');
    const edit = await as('duchashi', 'POST', '/api/v1/assessments/quarters/2026-Q1/bonus-items', {
      unitId: u.T01,
      kind: 'commendation',
      day: '2026-03-01',
      reason: '表扬',
      evidence: '文件',
    });
    expect(edit.status).toBe(409);
    expect(await auditCount('assessment.quarter.publish')).toBe(1);
    // Units read it once published.
    expect((await as('lianluo', 'GET', '/api/v1/assessments/quarters/2026-Q1')).status).toBe(200);
  });
});

describe('annual assessment', () => {
  it('publishes the year once every month, quarter and part is in, with interview proposals for the last two of each group', async () => {
    for (let m = 4; m <= 12; m++) await publishMonth(`2026-${String(m).padStart(2, '0')}`);
    for (const q of ['2026-Q2', '2026-Q3', '2026-Q4']) expect((await as('duchashi', 'POST', `/api/v1/assessments/quarters/${q}/publish`)).status).toBe(200);
    // One part besides the closing record keeps the entries few.
    const current = (await as('duchashi', 'GET', '/api/v1/assessments/settings')).body!;
    const one = await as('duchashi', 'POST', '/api/v1/assessments/settings', {
      ...current.settings,
      version: current.version,
      parts: [{ key: 'economy', name: '经济发展', max: 70 }],
    });
    expect(one.status, JSON.stringify(one.body)).toBe(200);

    let year = await as('kaoheban', 'GET', '/api/v1/assessments/years/2026');
    expect(year.body!.blocker).toMatch(/还有 \d+ 项分项得分未录入/);
    expect((await as('duchashi', 'POST', '/api/v1/assessments/years/2026/publish')).status).toBe(409);
    for (const r of year.body!.rows as { unitId: number }[]) {
      const saved = await as('kaoheban', 'POST', '/api/v1/assessments/years/2026/parts', {
        unitId: r.unitId,
        partKey: 'economy',
        points: 60,
        reason: '年终考核',
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    }
    year = await as('kaoheban', 'GET', '/api/v1/assessments/years/2026');
    expect(year.body!.blocker).toBeNull();
    const town = (id: number) => year.body!.rows.find((r: { unitId: number }) => r.unitId === id);
    // Closing part: T01 and T02 share the best record (6) → 30; total 90 优秀; T03 (−5) → 0, total 60 一般.
    expect(town(u.T01!)).toMatchObject({ record: 6, best: 6, total: 90, rank: 1, grade: 'excellent', flagged: false });
    expect(town(u.T03!)).toMatchObject({ total: 60, grade: 'fair', flagged: true });
    for (const r of year.body!.rows) expect(r.parts.reduce((sum: number, p: { points: number }) => sum + hundredths(p.points), 0)).toBe(hundredths(r.total));

    const res = await as('duchashi', 'POST', '/api/v1/assessments/years/2026/publish');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const flagged = res.body!.rows.filter((r: { flagged: boolean }) => r.flagged);
    expect(flagged).toHaveLength(4);
    const proposals = await deps.db
      .select()
      .from(interviews)
      .where(and(eq(interviews.status, 'proposed'), eq(interviews.level, 'organisation_head')));
    expect(proposals.map((p) => p.unitId).sort()).toEqual(flagged.map((r: { unitId: number }) => r.unitId).sort());
    for (const r of flagged) expect(proposals.find((p) => p.id === r.interviewId)!.reason).toContain('书面检查');
    expect(await auditCount('assessment.year.publish')).toBe(1);

    const again = await as('duchashi', 'POST', '/api/v1/assessments/years/2026/publish');
    expect(again.status).toBe(409);
    expect(again.body!.error.message).toContain('2026 年度考核已发布，不能再修改');
    const edit = await as('kaoheban', 'POST', '/api/v1/assessments/years/2026/parts', { unitId: u.T01, partKey: 'economy', points: 10, reason: '改' });
    expect(edit.status).toBe(409);
    expect((await deps.db.select({ n: count() }).from(interviews))[0]!.n).toBe(4);
    expect((await as('lianluo', 'GET', '/api/v1/assessments/years/2026')).body).toMatchObject({ status: 'published' });
  });
});
