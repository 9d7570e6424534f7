import { describe, expect, it } from 'vitest';
import { composeDigest, type DigestFacts, shanghaiTime, workGroupProblem } from './rules.js';

const line = (n: number, deadline = '2026-11-20') => ({ taskId: n, title: `事项${n}`, unitName: '城关镇', deadline });
const facts = (over: Partial<DigestFacts> = {}): DigestFacts => ({
  groupName: '城关片区工作群',
  day: '2026-11-27',
  dueTo: '2026-11-28',
  closedToday: [],
  dueTomorrow: [],
  red: [],
  highlights: [],
  ...over,
});

describe('composeDigest', () => {
  it('names the group and the day, and says 无 for an empty section', () => {
    const d = composeDigest(facts());
    expect(d.title).toBe('【城关片区工作群】11月27日工作亮绩');
    expect(d.body).toBe(['今日销号：无', '明日到期：无', '红灯（逾期未完成）：无', '今日亮点（带现场照片的进展）：无'].join('\n'));
  });

  it('lists five lines of a section and gives the exact number', () => {
    const d = composeDigest(facts({ closedToday: [1, 2, 3, 4, 5, 6, 7].map((n) => line(n)) }));
    expect(d.body).toContain('今日销号 7 项：\n· 城关镇｜事项1');
    expect(d.body).toContain('· 城关镇｜事项5\n……等 7 项');
    expect(d.body).not.toContain('事项6');
  });

  it('counts the days a red task is late and the photos of a highlight', () => {
    const d = composeDigest(
      facts({ red: [line(1, '2026-11-20')], highlights: [{ taskId: 2, title: '道路硬化', unitName: '城关镇', text: '完成路基', photos: 3 }] }),
    );
    expect(d.body).toContain('红灯（逾期未完成） 1 项：\n· 城关镇｜事项1（逾期 7 天）');
    expect(d.body).toContain('· 城关镇｜道路硬化：完成路基（3 张照片）');
  });

  it('on a Friday, tomorrow means up to the next working day', () => {
    expect(composeDigest(facts({ dueTo: '2026-11-30' })).body).toContain('11月30日前到期：无');
  });
});

describe('work group rules', () => {
  it.each([
    [{ name: '', sendAt: '18:00', unitIds: [1], personIds: [] }, '请填写工作群名称'],
    [{ name: '群', sendAt: '25:00', unitIds: [1], personIds: [] }, '发送时间格式应为 HH:MM（如 18:00）'],
    [{ name: '群', sendAt: '18:00', unitIds: [], personIds: [1] }, '请至少选择一个单位'],
    [{ name: '群', sendAt: '08:30', unitIds: [1], personIds: [] }, null],
  ])('%j → %s', (input, expected) => expect(workGroupProblem(input)).toBe(expected));

  it('reads the time of day in Asia/Shanghai', () => expect(shanghaiTime(new Date('2026-11-27T10:05:00Z'))).toBe('18:05'));
});
