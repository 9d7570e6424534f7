import { describe, expect, it } from 'vitest';
import { fileProblems, findingProblems, planProblems, recordProblems, visibleToUnit } from './rules.js';

const today = '2026-03-25';

describe('findingProblems', () => {
  it.each([
    [{ grade: 'good', content: '台账规范', ownerUnitId: null, ownerName: '', deadline: null }, []],
    [{ grade: 'problem', content: '垃圾未清运', ownerUnitId: 3, ownerName: '', deadline: '2026-04-10' }, []],
    [{ grade: 'problem', content: '垃圾未清运', ownerUnitId: null, ownerName: '', deadline: '2026-04-10' }, ['问题须明确整改责任单位']],
    [{ grade: 'serious', content: '安全隐患', ownerUnitId: 3, ownerName: '', deadline: null }, ['问题须明确整改时限']],
    [{ grade: 'problem', content: '安全隐患', ownerUnitId: 3, ownerName: '', deadline: '2026-03-01' }, ['整改时限不能早于今天']],
    [{ grade: 'problem', content: ' ', ownerUnitId: 3, ownerName: '', deadline: '2026-04-01' }, ['请填写发现的情况']],
  ] as const)('%o → %o', (input, expected) => {
    expect(findingProblems(input, today)).toEqual(expected);
  });
});

describe('planProblems', () => {
  it.each([
    [{ cycle: 'month', period: '2026-03', subject: '秸秆禁烧', plannedOn: '2026-03-20' }, []],
    [{ cycle: 'year', period: '2026', subject: '安全生产', plannedOn: null }, []],
    [{ cycle: 'year', period: '2026-03', subject: '安全生产', plannedOn: null }, ['年度计划的期间应为 YYYY']],
    [{ cycle: 'month', period: '2026-03', subject: '', plannedOn: '2026-04-01' }, ['请填写督查内容', '计划日期应在 2026-03 之内']],
  ] as const)('%o → %o', (input, expected) => {
    expect(planProblems(input)).toEqual(expected);
  });
});

it('a visit record needs a date not in the future, a place and what was seen', () => {
  expect(recordProblems({ visitedOn: '2026-03-26', place: '', observations: '' }, today)).toEqual([
    '督查日期不能晚于今天',
    '请填写督查地点',
    '请填写督查所见情况',
  ]);
  expect(recordProblems({ visitedOn: today, place: '青石镇', observations: '现场查看' }, today)).toEqual([]);
});

it('an unannounced inspection is hidden from the unit until filed', () => {
  expect(visibleToUnit({ mode: 'unannounced', status: 'planned' })).toBe(false);
  expect(visibleToUnit({ mode: 'unannounced', status: 'filed' })).toBe(true);
  expect(visibleToUnit({ mode: 'open', status: 'planned' })).toBe(true);
});

it('filing needs a record and at least one finding, once', () => {
  expect(fileProblems({ status: 'planned', visitedOn: null }, 0)).toEqual(['请先填写督查记录', '请至少记录一条发现的情况']);
  expect(fileProblems({ status: 'filed', visitedOn: today }, 1)).toEqual(['该督查已归档']);
});
