import { describe, expect, it } from 'vitest';
import type { Role } from '../auth/read.js';
import {
  decisionProblems,
  DEFAULT_LIMITS,
  duplicateProblem,
  highlightDay,
  highlightDecisionProblem,
  highlightProblems,
  limitProblem,
  nominationPeriodProblem,
  nominationProblems,
  nominatorProblem,
  settingsProblems,
  starTransition,
} from './rules.js';

describe('monthly limits', () => {
  it.each([
    ['unit', 0, null],
    ['unit', 14, null],
    ['unit', 15, '2026-03 的单位之星已评 15 个，达到每月上限 15 个，不能再评'],
    ['unit', 16, '已评 16 个，达到每月上限 15 个'],
    ['cadre', 19, null],
    ['cadre', 20, '2026-03 的干部之星已评 20 个，达到每月上限 20 个'],
  ] as const)('%s star with %i already awarded', (kind, awarded, expected) => {
    const problem = limitProblem(kind, '2026-03', awarded, DEFAULT_LIMITS);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toContain(expected);
  });

  it('follows the limits the office set', () => {
    expect(limitProblem('unit', '2026-03', 3, { unitStarLimit: 3, cadreStarLimit: 5 })).toContain('达到每月上限 3 个');
    expect(limitProblem('cadre', '2026-03', 4, { unitStarLimit: 3, cadreStarLimit: 5 })).toBeNull();
  });

  it.each([
    [{ unitStarLimit: 15, cadreStarLimit: 20 }, []],
    [{ unitStarLimit: 0, cadreStarLimit: 20 }, ['每月单位之星上限应为 1 到 200 的整数']],
    [{ unitStarLimit: 15, cadreStarLimit: 2.5 }, ['每月干部之星上限应为 1 到 200 的整数']],
    [{ unitStarLimit: 201, cadreStarLimit: -1 }, ['每月单位之星上限应为 1 到 200 的整数', '每月干部之星上限应为 1 到 200 的整数']],
  ])('settings %j', (s, expected) => expect(settingsProblems(s)).toEqual(expected));
});

describe('who may nominate what', () => {
  const actor = (roles: Role[], unitId: number | null) => ({ roles, unitId });
  it.each([
    ['the office, any unit', actor(['office'], 3), 9, null],
    ['a unit liaison, their own unit', actor(['unit_liaison'], 9), 9, null],
    ['a unit head, their own unit', actor(['unit_head'], 9), 9, null],
    ['a unit liaison, another unit', actor(['unit_liaison'], 9), 10, '只能推荐本单位或本单位的干部'],
    ['a cadre', actor(['cadre'], 9), 9, '只有县领导、单位负责人、联络员或督查室可以推荐之星'],
    ['a leader, a unit of the portfolio', actor(['leader'], null), 9, null],
    ['a leader, a unit below one of the portfolio', actor(['leader'], null), 12, null],
    ['a leader, a unit outside the portfolio', actor(['leader'], null), 10, '只能推荐分管单位或分管单位的干部'],
  ] as const)('%s', (_label, who, unitId, expected) => expect(nominatorProblem(who, unitId, new Set([9, 12]))).toBe(expected));

  const ok = { kind: 'unit', citation: '秸秆禁烧零火点', evidence: '县委办通报〔2026〕3号', personId: null };
  it.each([
    ['a unit star', ok, null, []],
    ['a cadre star for a cadre of the unit', { ...ok, kind: 'cadre', personId: 5 }, { active: true, inUnit: true }, []],
    ['an empty citation', { ...ok, citation: '  ' }, null, ['请填写事迹（推荐理由）']],
    ['no evidence', { ...ok, evidence: '' }, null, ['请填写佐证材料（文件、报道或数据）']],
    ['a unit star naming a person', { ...ok, personId: 5 }, null, ['单位之星不需要填写干部']],
    ['a cadre star without a person', { ...ok, kind: 'cadre' }, null, ['干部之星请选择被推荐的干部']],
    ['a cadre of another unit', { ...ok, kind: 'cadre', personId: 5 }, { active: true, inUnit: false }, ['被推荐的干部不属于该单位']],
    ['an inactive cadre', { ...ok, kind: 'cadre', personId: 5 }, { active: false, inUnit: true }, ['被推荐的干部不存在或已停用']],
    ['an unknown kind', { ...ok, kind: 'leader' }, null, ['之星类别不正确']],
  ] as const)('%s', (_label, input, person, expected) => expect(nominationProblems(input, person)).toEqual(expected));

  it.each([
    ['2026-03', '2026-03-20', null],
    ['2026-02', '2026-03-02', null],
    ['2026-01', '2026-03-02', '只能推荐本月（2026-03）或上月（2026-02）的之星'],
    ['2026-04', '2026-03-30', '只能推荐本月（2026-03）或上月（2026-02）的之星'],
    ['2025-12', '2026-01-05', null],
    ['2026-13', '2026-03-02', '月份格式应为 YYYY-MM'],
  ])('period %s on %s', (period, today, expected) => expect(nominationPeriodProblem(period, today)).toBe(expected));

  it('refuses a second nomination of a nominee unless the first was rejected', () => {
    expect(duplicateProblem('unit', [{ status: 'rejected' }])).toBeNull();
    expect(duplicateProblem('unit', [{ status: 'nominated' }])).toBe('本月已推荐过该单位的单位之星');
    expect(duplicateProblem('cadre', [{ status: 'rejected' }, { status: 'awarded' }])).toBe('本月已推荐过该干部的干部之星');
  });
});

describe('the state machine', () => {
  it.each([
    ['nominated', 'shortlist', 'shortlisted'],
    ['nominated', 'reject', 'rejected'],
    ['shortlisted', 'reject', 'rejected'],
    ['shortlisted', 'award', 'awarded'],
    ['shortlisted', 'not_award', 'not_awarded'],
    ['nominated', 'award', '推荐当前为“已推荐”，不能评定为之星'],
    ['rejected', 'shortlist', '推荐当前为“未入围”，不能入围'],
    ['awarded', 'award', '推荐当前为“获评”，不能评定为之星'],
    ['awarded', 'reject', '推荐当前为“获评”，不能不予入围'],
    ['not_awarded', 'award', '推荐当前为“未获评”，不能评定为之星'],
  ] as const)('%s --%s-->', (from, action, expected) => {
    const move = starTransition(from, action);
    expect('to' in move ? move.to : move.problem).toBe(expected);
  });
});

describe('the decision', () => {
  it.each([
    [{ award: true, method: 'meeting' }, []],
    [{ award: false, method: 'meeting' }, []],
    [{ award: true, method: 'meeting', votesFor: 3 }, ['会议研究评定不填写票数']],
    [{ award: true, method: 'vote', votesFor: 7, votesAgainst: 2, votesAbstain: 1 }, []],
    [{ award: true, method: 'vote', votesFor: 5, votesAgainst: 4, votesAbstain: 1 }, ['赞成票 5 未超过投票总数 10 的半数，不能评为之星']],
    [{ award: false, method: 'vote', votesFor: 6, votesAgainst: 4, votesAbstain: 0 }, ['赞成票 6 已超过投票总数 10 的半数，应评为之星']],
    [{ award: false, method: 'vote', votesFor: 5, votesAgainst: 5, votesAbstain: 0 }, []],
    [{ award: true, method: 'vote', votesFor: 5 }, ['投票表决请填写赞成、反对、弃权票数（0 到 10000 的整数）']],
    [{ award: true, method: 'vote', votesFor: 0, votesAgainst: 0, votesAbstain: 0 }, ['投票表决至少要有一票']],
    [{ award: true, method: 'lottery' }, ['请选择评定方式（会议研究或投票表决）']],
  ])('%j', (d, expected) => expect(decisionProblems(d)).toEqual(expected));
});

describe('highlight work', () => {
  const ok = { cycle: 'month', period: '2026-03', title: '“拿地即开工”', description: '审批提速 60%', evidence: '县政府通报' };
  it.each([
    ['this month', ok, '2026-03-20', []],
    ['last month', { ...ok, period: '2026-02' }, '2026-03-02', []],
    ['an old month', { ...ok, period: '2025-12' }, '2026-03-02', ['月度亮点工作只能推荐本月（2026-03）或上月（2026-02）的']],
    ['this half year', { ...ok, cycle: 'half_year', period: '2026-H1' }, '2026-03-02', []],
    ['the last half year', { ...ok, cycle: 'half_year', period: '2025-H2' }, '2026-03-02', []],
    ['a half year too old', { ...ok, cycle: 'half_year', period: '2025-H1' }, '2026-03-02', ['半年亮点工作只能推荐本半年（2026-H1）或上半年（2025-H2）的']],
    ['a bad half year', { ...ok, cycle: 'half_year', period: '2026-03' }, '2026-03-02', ['半年格式应为 YYYY-H1 或 YYYY-H2']],
    ['no description', { ...ok, description: ' ' }, '2026-03-02', ['请填写亮点工作的做法和成效']],
    ['no title and no evidence', { ...ok, title: '', evidence: '' }, '2026-03-02', ['请填写亮点工作的名称', '请填写佐证材料']],
  ])('%s', (_label, input, today, expected) => expect(highlightProblems(input, today)).toEqual(expected));

  it('scores a half year in its last month, and is decided once', () => {
    expect(highlightDay('month', '2026-03')).toBe('2026-03-31');
    expect(highlightDay('half_year', '2026-H1')).toBe('2026-06-30');
    expect(highlightDay('half_year', '2025-H2')).toBe('2025-12-31');
    expect(highlightDecisionProblem('nominated')).toBeNull();
    expect(highlightDecisionProblem('selected')).toBe('该亮点工作已评选，不能重复评选');
  });
});
