import { describe, expect, it } from 'vitest';
import { bandAll, bandingProblems, changeProblems, DEFAULT_BANDING, personOpinion, personScore, unitOpinion, type BandingRule } from './rules.js';

const rule = DEFAULT_BANDING;
const subjects = (scores: (number | null)[], flagged: number[] = []) => scores.map((score, i) => ({ id: i + 1, score, flagged: flagged.includes(i + 1) }));
const bandsOf = (scores: (number | null)[], flagged: number[] = [], r: BandingRule = rule) => bandAll(subjects(scores, flagged), r).map((b) => b.band);

describe('bandAll: 20/50/25/5 by default', () => {
  it.each([
    ['ten distinct: 2 excellent, 5 good, 2 average, 1 poor (⌊95%×10⌋ = 9)', [100, 99, 98, 97, 96, 95, 94, 93, 92, 91], [], [0, 0, 1, 1, 1, 1, 1, 2, 2, 3]],
    ['a tie crossing the first limit goes down together', [100, 99, 99, 97, 96, 95, 94, 93, 92, 91], [], [0, 1, 1, 1, 1, 1, 1, 2, 2, 3]],
    ['a tie inside a band stays', [100, 100, 98, 97, 96, 95, 94, 93, 92, 91], [], [0, 0, 1, 1, 1, 1, 1, 2, 2, 3]],
    ['all equal: nothing distinguishes them, nobody is banded (not the whole tie in the last band)', [90, 90, 90, 90], [], [null, null, null, null]],
    ['a draft year not scored yet: no scores, nobody banded', [null, null, null], [], [null, null, null]],
    ['one score among unscored: nothing to compare with, not banded', [null, 88, null], [], [null, null, null]],
    ['all equal among the scored, the rest unscored: nobody banded', [70, null, 70], [1], [null, null, null]],
    ['two distinct scores are enough to band', [90, 80], [], [1, 3]],
    ['four subjects: no band holds more than its share (⌊0.8⌋ = 0 excellent)', [4, 3, 2, 1], [], [1, 1, 2, 3]],
    ['a flagged subject never takes the first band', [100, 99, 98, 97, 96, 95, 94, 93, 92, 91], [1], [1, 0, 1, 1, 1, 1, 1, 2, 2, 3]],
    ['no score: not ranked, not counted (four ranked)', [100, null, 98, 97, 96], [], [1, null, 1, 2, 3]],
    ['empty list', [], [], []],
  ])('%s', (_name, scores, flagged, bands) => {
    expect(bandsOf(scores, flagged)).toEqual(bands);
  });

  it('all equal: nobody is ranked either', () => {
    expect(bandAll(subjects([90, 90, null]), rule).map((b) => b.rank)).toEqual([null, null, null]);
  });

  it('equal scores share a rank; the next rank skips', () => {
    expect(bandAll(subjects([90, 95, 95, 80]), rule).map((b) => b.rank)).toEqual([3, 1, 1, 4]);
  });

  it('flaggedOutOfTop off keeps a flagged subject in the first band', () => {
    expect(bandsOf([100, 99, 98, 97, 96, 95, 94, 93, 92, 91], [1], { ...rule, flaggedOutOfTop: false })[0]).toBe(0);
  });

  it('two bands 30/70', () => {
    expect(
      bandsOf([5, 4, 3, 2, 1], [], {
        ...rule,
        bands: [
          { name: 'A', share: 30 },
          { name: 'B', share: 70 },
        ],
      }),
    ).toEqual([0, 1, 1, 1, 1]);
  });
});

describe('personScore', () => {
  const facts = { tasks: { onTime: 0, late: 0, open: 0 }, grades: [], stars: 0, interviews: 0 };
  it.each([
    ['nothing to judge', facts, null],
    ['open tasks not yet due are not judged', { ...facts, tasks: { onTime: 0, late: 0, open: 3 } }, null],
    ['tasks only: the on-time share', { ...facts, tasks: { onTime: 3, late: 1, open: 1 } }, 75],
    ['grades only: the mean of the points', { ...facts, grades: ['good', 'average'] as const }, 85],
    ['both: 60/40 weighted', { ...facts, tasks: { onTime: 1, late: 0, open: 0 }, grades: ['poor'] as const }, 84],
    ['a star adds, an interview takes', { ...facts, tasks: { onTime: 1, late: 0, open: 0 }, stars: 1, interviews: 2 }, 93],
    ['volume is no merit: more on-time tasks at the same share score the same', { ...facts, tasks: { onTime: 30, late: 10, open: 0 } }, 75],
  ])('%s', (_name, f, score) => {
    expect(personScore({ ...f, grades: [...f.grades] }, rule)).toBe(score);
  });
});

describe('bandingProblems', () => {
  it.each([
    ['the default', rule, []],
    [
      'shares not summing to 100',
      {
        ...rule,
        bands: [
          { name: 'A', share: 50 },
          { name: 'B', share: 40 },
        ],
      },
      ['各档比例之和应为 100%'],
    ],
    ['one band', { ...rule, bands: [{ name: 'A', share: 100 }] }, ['档次应为 2 至 6 个']],
    [
      'duplicate names',
      {
        ...rule,
        bands: [
          { name: 'A', share: 50 },
          { name: 'A', share: 50 },
        ],
      },
      ['档次名称不能重复'],
    ],
    [
      'both weights zero',
      { ...rule, person: { ...rule.person, taskWeight: 0, gradeWeight: 0 } },
      ['任务按期率和考核等次的权重应为 0 至 100 的整数，且不能都为 0'],
    ],
  ])('%s', (_name, r, problems) => {
    expect(bandingProblems(r as BandingRule)).toEqual(problems);
  });
});

describe('the draft opinion', () => {
  const person = {
    year: 2026,
    tasks: { onTime: 4, late: 1, open: 0 },
    grades: [],
    stars: 0,
    interviews: 0,
    band: 1,
    rank: 3,
    ranked: 10,
    sheets: 2,
    referrals: 0,
    twoInterviews: false,
  };
  it.each([
    ['a middle band proposes nothing', person, { rewards: '无', accountability: '无', appointment: '无' }],
    [
      'no band (nothing comparable): no reward or accountability from the band',
      { ...person, band: null, rank: null },
      { band: '尚无可比成绩', rewards: '无', accountability: '无', appointment: '无' },
    ],
    [
      'the first band: reward and appointment',
      { ...person, band: 0, stars: 1 },
      {
        rewards: '年度分档为优秀，建议评为年度考核优秀等次，予以嘉奖；年内获评干部之星 1 次，建议通报表扬',
        accountability: '无',
        appointment: '可作为提拔重用的参考',
      },
    ],
    [
      'two interviews and the last band',
      { ...person, band: 3, interviews: 2, twoInterviews: true, referrals: 1 },
      {
        rewards: '无',
        accountability: '年度分档为较差，建议约谈提醒、限期改进；年内有 1 份移交问责或诫勉谈话单，建议按规定追究责任',
        appointment: '一年之内两次被约谈，按规定建议调整岗位',
      },
    ],
  ])('person: %s', (_name, f, expected) => {
    expect(personOpinion(f, rule)).toMatchObject(expected);
  });

  it('a unit flagged last with a head interviewed twice', () => {
    const o = unitOpinion({ year: 2026, total: 71.5, gradeLabel: '一般', band: 3, rank: 20, ranked: 20, flagged: true, headTwoInterviews: '张三' }, rule);
    expect(o).toMatchObject({
      band: '较差',
      rewards: '无',
      accountability: '年度考核排名末位，建议作出书面检查，由县委组织部约谈主要负责人',
      appointment: '主要负责人张三一年之内两次被约谈，按规定建议调整岗位',
    });
    expect(o.summary).toBe('2026年度考核得分 71.50 分，一般；分档排名：第 20 名（共 20 个单位），较差。');
  });

  it.each([
    ['a draft year not scored yet', { total: null, gradeLabel: null, band: null, rank: null, flagged: true }, '2026年度考核尚无得分，尚无可比成绩。'],
    ['all equal totals', { total: 80, gradeLabel: '良好', band: null, rank: null, flagged: true }, '2026年度考核得分 80.00 分，良好；分档排名：尚无可比成绩。'],
  ])('a unit with no band proposes no reward or accountability, flagged or not: %s', (_name, f, summary) => {
    const o = unitOpinion({ year: 2026, ranked: 0, headTwoInterviews: null, ...f }, rule);
    expect(o).toEqual({ band: '尚无可比成绩', summary, rewards: '无', accountability: '无', appointment: '无' });
  });

  it.each([
    ['no change', { changes: {}, reason: '核实' }, ['没有要修改的内容']],
    ['empty text', { changes: { rewards: ' ' }, reason: '核实' }, ['奖励建议不能为空']],
    ['no reason', { changes: { rewards: '无' }, reason: '' }, ['请写明修改理由']],
    ['fine', { changes: { rewards: '无' }, reason: '经委员会研究' }, []],
  ])('changeProblems: %s', (_name, input, problems) => {
    expect(changeProblems(input)).toEqual(problems);
  });
});
