// Stars and highlight work through the API on the demo county (today 2026-03-25): nominations by a unit and the
// office, refusals of bad input with nothing saved, shortlisting, the decision with its limit, closing the month, the
// honours in a unit's and a person's history, and the bonus in the month's scores.
import { count, desc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { auditLog } from '../audit/schema.js';
import { people, units } from '../org/read.js';
import { unitFacts, weightsOf } from '../review/rules.js';
import { starNominations } from './schema.js';

let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
const unit: Record<string, number> = {};
let cadre: number; // a village cadre under T01 (the demo account ganbu)
let outsider: number; // a person of T02

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  for (const u of ['duchashi', 'lianluo', 'lianluo2', 'danwei', 'ganbu', 'lingdao']) cookies[u] = await login(app, u);
  for (const u of await deps.db.select({ id: units.id, code: units.code }).from(units)) unit[u.code] = u.id;
  cadre = (await deps.db.select({ id: people.id }).from(people).where(eq(people.unitId, unit.T01V01!)))[0]!.id;
  outsider = (await deps.db.select({ id: people.id }).from(people).where(eq(people.unitId, unit.T02!)))[0]!.id;
});
afterAll(() => deps?.close());

const as = (who: string, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);
const nominations = async () => (await deps.db.select({ n: count() }).from(starNominations))[0]!.n;
const lastSeq = async () => (await deps.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0]?.seq ?? 0;
const actionsSince = async (seq: number) =>
  (await deps.db.select({ action: auditLog.action }).from(auditLog).where(gt(auditLog.seq, seq))).map((a) => a.action);
const star = (unitId: number, extra: Record<string, unknown> = {}) => ({
  period: '2026-03',
  kind: 'unit',
  unitId,
  citation: '秸秆禁烧实现“零火点”，综合利用率 95%',
  evidence: '县委办督查通报〔2026〕7号',
  ...extra,
});

describe('nominations', () => {
  it('a unit nominates itself and one of its cadres; the office sees them, another unit does not', async () => {
    const before = await lastSeq();
    const own = await as('lianluo', 'POST', '/api/v1/stars/nominations', star(unit.T01!));
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ kind: 'unit', unitName: expect.any(String), status: 'nominated', citation: '秸秆禁烧实现“零火点”，综合利用率 95%' });
    const person = await as(
      'danwei',
      'POST',
      '/api/v1/stars/nominations',
      star(unit.T01!, { kind: 'cadre', personId: cadre, citation: '蹲点一线 40 天化解信访积案' }),
    );
    expect(person.status).toBe(201);
    expect(person.body).toMatchObject({ kind: 'cadre', personId: cadre, personName: expect.any(String) });
    expect(await actionsSince(before)).toEqual(['star.nominate', 'star.nominate']);

    const office = await as('duchashi', 'GET', '/api/v1/stars/months/2026-03');
    expect(office.body!.items).toHaveLength(2);
    expect(office.body!.settings).toEqual({ unitStarLimit: 15, cadreStarLimit: 20, version: 0 });
    expect((await as('lianluo2', 'GET', '/api/v1/stars/months/2026-03')).body!.items).toHaveLength(0);
  });

  it.each([
    ['another unit', 'lianluo', () => star(unit.T02!), 403, '只能推荐本单位或本单位的干部'],
    ['a cadre of another unit', 'lianluo', () => star(unit.T01!, { kind: 'cadre', personId: outsider }), 400, '被推荐的干部不属于该单位'],
    ['an empty citation', 'lianluo', () => star(unit.T01!, { citation: '   ' }), 400, '请填写事迹（推荐理由）'],
    ['an old month', 'lianluo', () => star(unit.T01!, { period: '2026-01' }), 400, '只能推荐本月（2026-03）或上月（2026-02）的之星'],
    ['the same unit twice', 'lianluo', () => star(unit.T01!), 400, '本月已推荐过该单位的单位之星'],
    ['a cadre (no right)', 'ganbu', () => star(unit.T01!), 403, '没有权限'],
  ])('refuses %s with nothing saved', async (_label, who, body, status, message) => {
    const before = await nominations();
    const res = await as(who, 'POST', '/api/v1/stars/nominations', body());
    expect(res.status).toBe(status);
    expect(res.body!.error.message).toContain(message);
    expect(await nominations()).toBe(before);
  });
});

describe('a county leader nominates', () => {
  it('units and cadres of their portfolio, shown as the nominator; outside it refused with nothing saved', async () => {
    const me = (await as('lingdao', 'GET', '/api/v1/auth/me')).body!.user;
    expect(me.displayName).not.toBe('');
    const before = await lastSeq();
    // L05's portfolio: D051, D052, T01, T02, T03 (seed). February, as the meeting is early in the next month.
    const own = await as('lingdao', 'POST', '/api/v1/stars/nominations', star(unit.D051!, { period: '2026-02', citation: '调研中看到征迁攻坚推进扎实' }));
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body).toMatchObject({ kind: 'unit', unitId: unit.D051, status: 'nominated', nominatorName: me.displayName });
    const person = await as('lingdao', 'POST', '/api/v1/stars/nominations', star(unit.T02!, { period: '2026-02', kind: 'cadre', personId: outsider }));
    expect(person.status, JSON.stringify(person.body)).toBe(201);
    expect(await actionsSince(before)).toEqual(['star.nominate', 'star.nominate']);

    const n = await nominations();
    const outside = await as('lingdao', 'POST', '/api/v1/stars/nominations', star(unit.T04!, { period: '2026-02' }));
    expect(outside.status).toBe(403);
    expect(outside.body!.error.message).toBe('只能推荐分管单位或分管单位的干部');
    expect(await nominations()).toBe(n);

    // The leader sees the portfolio's nominations; the office sees the leader as their nominator.
    const seen = (await as('lingdao', 'GET', '/api/v1/stars/months/2026-02')).body!.items.map((i: { id: number }) => i.id);
    expect(seen).toEqual(expect.arrayContaining([own.body!.id, person.body!.id]));
    const office = (await as('duchashi', 'GET', '/api/v1/stars/months/2026-02')).body!.items.find((i: { id: number }) => i.id === own.body!.id);
    expect(office).toMatchObject({ nominatorName: me.displayName });
  });
});

describe('shortlist, decide, limits and closing', () => {
  it('shortlists, decides by a vote and shows the winner in the unit and person history and in the scores', async () => {
    const month = (await as('duchashi', 'GET', '/api/v1/stars/months/2026-03')).body!;
    const [unitStar, cadreStar] = [month.items.find((i: any) => i.kind === 'unit'), month.items.find((i: any) => i.kind === 'cadre')];
    // A unit cannot shortlist; a rejection needs a reason.
    expect((await as('lianluo', 'POST', `/api/v1/stars/nominations/${unitStar.id}/shortlist`, { version: unitStar.version })).status).toBe(403);
    const noReason = await as('duchashi', 'POST', `/api/v1/stars/nominations/${unitStar.id}/reject`, { version: unitStar.version, reason: ' ' });
    expect(noReason.body!.error.message).toBe('请填写不予入围的理由');
    // Deciding before the shortlist is an illegal move.
    const early = await as('duchashi', 'POST', `/api/v1/stars/nominations/${unitStar.id}/decide`, {
      version: unitStar.version,
      award: true,
      method: 'meeting',
    });
    expect(early.status).toBe(409);
    expect(early.body!.error.message).toBe('推荐当前为“已推荐”，不能评定为之星');

    const listed = await as('duchashi', 'POST', `/api/v1/stars/nominations/${unitStar.id}/shortlist`, { version: unitStar.version });
    expect(listed.body).toMatchObject({ status: 'shortlisted', version: 2 });
    const lost = await as('duchashi', 'POST', `/api/v1/stars/nominations/${unitStar.id}/decide`, {
      version: 2,
      award: true,
      method: 'vote',
      votesFor: 4,
      votesAgainst: 4,
      votesAbstain: 1,
    });
    expect(lost.body!.error.message).toBe('赞成票 4 未超过投票总数 9 的半数，不能评为之星');
    const won = await as('duchashi', 'POST', `/api/v1/stars/nominations/${unitStar.id}/decide`, {
      version: 2,
      award: true,
      method: 'vote',
      votesFor: 8,
      votesAgainst: 1,
      votesAbstain: 0,
    });
    expect(won.body).toMatchObject({ status: 'awarded', method: 'vote', votesFor: 8, votesAgainst: 1, votesAbstain: 0 });

    await as('duchashi', 'POST', `/api/v1/stars/nominations/${cadreStar.id}/shortlist`, { version: cadreStar.version, reason: '事迹突出' });
    const cadreWon = await as('duchashi', 'POST', `/api/v1/stars/nominations/${cadreStar.id}/decide`, { version: 2, award: true, method: 'meeting' });
    expect(cadreWon.body).toMatchObject({ status: 'awarded', method: 'meeting', votesFor: null });

    const history = await as('lianluo2', 'GET', `/api/v1/stars/honours?unitId=${unit.T01}`);
    expect(history.body!.stars.map((s: any) => s.kind).sort()).toEqual(['cadre', 'unit']);
    const personal = await as('ganbu', 'GET', `/api/v1/stars/honours?personId=${cadre}`);
    expect(personal.body!.stars).toMatchObject([{ kind: 'cadre', citation: '蹲点一线 40 天化解信访积案' }]);
    // Another unit now sees the winners (read out at the meeting), not the others' pending nominations.
    expect((await as('lianluo2', 'GET', '/api/v1/stars/months/2026-03')).body!.items).toHaveLength(2);

    // The unit star is a fact of March's score (3 points by the default scheme); the cadre star counts 0 by default.
    const scores = await as('duchashi', 'GET', '/api/v1/reviews/2026-03/scores');
    const t01 = scores.body!.rows.find((r: any) => r.unitId === unit.T01);
    const facts = t01.facts.filter((f: any) => f.kind === 'unit_star' || f.kind === 'cadre_star');
    expect(facts).toMatchObject([{ kind: 'unit_star', points: 3 }]);
  });

  it('refuses the star beyond the month limit with the limit named, nothing changed; then closes the month', async () => {
    const settings = (await as('duchashi', 'GET', '/api/v1/stars/settings')).body!;
    expect((await as('lianluo', 'PUT', '/api/v1/stars/settings', { ...settings, unitStarLimit: 2 })).status).toBe(403);
    const bad = await as('duchashi', 'PUT', '/api/v1/stars/settings', { ...settings, unitStarLimit: 0 });
    expect(bad.body!.error.message).toBe('每月单位之星上限应为 1 到 200 的整数');
    expect((await as('duchashi', 'PUT', '/api/v1/stars/settings', { ...settings, unitStarLimit: 2 })).body).toMatchObject({ unitStarLimit: 2, version: 1 });

    const ids: { id: number }[] = [];
    for (const code of ['T02', 'T03']) {
      const n = await as('duchashi', 'POST', '/api/v1/stars/nominations', star(unit[code]!));
      expect(n.status).toBe(201);
      await as('duchashi', 'POST', `/api/v1/stars/nominations/${n.body!.id}/shortlist`, { version: 1 });
      ids.push(n.body as { id: number });
    }
    expect((await as('duchashi', 'POST', `/api/v1/stars/nominations/${ids[0]!.id}/decide`, { version: 2, award: true, method: 'meeting' })).status).toBe(200);
    const before = await lastSeq();
    const third = await as('duchashi', 'POST', `/api/v1/stars/nominations/${ids[1]!.id}/decide`, { version: 2, award: true, method: 'meeting' });
    expect(third.status).toBe(409);
    expect(third.body!.error).toMatchObject({
      code: 'STAR_LIMIT_REACHED',
      message: '2026-03 的单位之星已评 2 个，达到每月上限 2 个，不能再评（上限由督查室在评星设置中调整）',
    });
    const [row] = await deps.db.select().from(starNominations).where(eq(starNominations.id, ids[1]!.id));
    expect(row).toMatchObject({ status: 'shortlisted', version: 2, decidedAt: null });
    expect(await actionsSince(before)).not.toContain('star.award');

    const closed = await as('duchashi', 'POST', '/api/v1/stars/months/2026-03/close');
    expect(closed.body).toMatchObject({ closed: true, awarded: { unit: 2, cadre: 1 } });
    const after = await as('duchashi', 'POST', `/api/v1/stars/nominations/${ids[1]!.id}/decide`, { version: 2, award: false, method: 'meeting' });
    expect(after.body!.error).toMatchObject({ code: 'STARS_MONTH_CLOSED', message: '2026-03 的评星已定案，不能再推荐、入围或评定' });
    expect((await as('duchashi', 'POST', '/api/v1/stars/months/2026-03/close')).body!.error.message).toBe('2026-03 的评星已定案，不能重复定案');
    expect((await as('lianluo', 'POST', '/api/v1/stars/nominations', star(unit.T01!, { kind: 'cadre', personId: cadre }))).body!.error.code).toBe(
      'STARS_MONTH_CLOSED',
    );
    expect((await as('duchashi', 'POST', '/api/v1/stars/months/2026-01/close')).body!.error.message).toBe('2026-01 没有之星推荐，无需定案');
  });
});

describe('highlight work', () => {
  it('a unit nominates, the office selects with a reason, and the month scores it', async () => {
    const body = {
      cycle: 'month',
      period: '2026-03',
      unitId: unit.T01!,
      title: '“拿地即开工”审批改革',
      description: '审批时限压缩 60%',
      evidence: '县政府通报',
    };
    expect((await as('lianluo', 'POST', '/api/v1/highlights', { ...body, unitId: unit.T02! })).body!.error.message).toBe('只能推荐本单位的亮点工作');
    expect((await as('lianluo', 'POST', '/api/v1/highlights', { ...body, description: '' })).body!.error.message).toBe('请填写亮点工作的做法和成效');
    const made = await as('lianluo', 'POST', '/api/v1/highlights', body);
    expect(made.status).toBe(201);
    const half = await as('lianluo', 'POST', '/api/v1/highlights', { ...body, cycle: 'half_year', period: '2026-H1', title: '上半年招商引资' });
    expect(half.status).toBe(201);
    expect((await as('lianluo', 'POST', `/api/v1/highlights/${made.body!.id}/decide`, { version: 1, select: true, reason: '成效显著' })).status).toBe(403);
    expect((await as('duchashi', 'POST', `/api/v1/highlights/${made.body!.id}/decide`, { version: 1, select: true, reason: '' })).body!.error.message).toBe(
      '请填写入选的理由',
    );
    const chosen = await as('duchashi', 'POST', `/api/v1/highlights/${made.body!.id}/decide`, { version: 1, select: true, reason: '全市推广' });
    expect(chosen.body).toMatchObject({ status: 'selected', reason: '全市推广' });
    expect(
      (await as('duchashi', 'POST', `/api/v1/highlights/${made.body!.id}/decide`, { version: 2, select: false, reason: '重评' })).body!.error.message,
    ).toBe('该亮点工作已评选，不能重复评选');
    expect((await as('lianluo2', 'GET', '/api/v1/highlights')).body!.items).toHaveLength(0);
    expect((await as('lianluo', 'GET', '/api/v1/highlights?cycle=month')).body!.items).toHaveLength(1);

    const scores = await as('duchashi', 'GET', '/api/v1/reviews/2026-03/scores');
    const t01 = scores.body!.rows.find((r: any) => r.unitId === unit.T01);
    expect(t01.facts.filter((f: any) => f.kind === 'highlight_selected')).toMatchObject([{ points: 2, label: '亮点工作：“拿地即开工”审批改革' }]);
    expect((await as('danwei', 'GET', `/api/v1/stars/honours?unitId=${unit.T01}`)).body!.highlights).toHaveLength(1);
  });
});

describe('the scheme', () => {
  it('reads a weight key an older scheme lacks as 0, so its months score no honours', () => {
    const honours = [{ kind: 'unit_star' as const, unitId: 1, day: '2026-03-31', label: '单位之星' }];
    const input = { tasks: [], sheets: [], deductions: [], manual: [], honours };
    expect(unitFacts(input, weightsOf({ closed_on_time: 200 }), '2026-03', '2026-04-05')).toEqual([]);
    expect(unitFacts(input, weightsOf({ unit_star: 300 }), '2026-03', '2026-04-05')).toMatchObject([{ kind: 'unit_star', points: 300 }]);
  });

  it('was given the stars weights in version 1 on a county with nothing published', async () => {
    const schemes = await as('duchashi', 'GET', '/api/v1/reviews/schemes');
    expect(schemes.body!.items.at(-1).weights).toMatchObject({ unit_star: 3, cadre_star: 0, highlight_selected: 2, highlight_half_year: 5 });
  });
});
