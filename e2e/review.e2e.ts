import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Walk } from './browser.js';

// The monthly review (月点评): April's tasks in two towns, the month ended and frozen by the periodic job on 6 May; the
// office opens April's review, confirms the proposed bottom statements, publishes, and a score's facts lead to a task.
// A unit's liaison then reads the published month.

const APRIL_1 = '2026-04-01T09:00:00+08:00';
const MAY_6 = '2026-05-06T09:00:00+08:00';
const OVERDUE = '东城街道背街小巷路灯修复';
const CARRIED = '城关街道农贸市场提升改造';

const walk = new Walk({ LUOSHI_NOW: APRIL_1 });
const { assignTasks, settleMonths, login, logout, openMenu, shot, restart, clickSettled, confirm } = walk;
let page: Page;
beforeAll(() => {
  page = walk.page;
});

describe('monthly review', () => {
  it('the office confirms the bottom statements and publishes April; a score opens its facts and a fact its task', async () => {
    await assignTasks([
      { title: OVERDUE, unit: '东城街道', period: '2026-04', startDate: '2026-04-01', deadline: '2026-04-15' },
      { title: CARRIED, unit: '城关街道', period: '2026-04', startDate: '2026-04-01', deadline: '2026-05-20' },
    ]);
    await restart(MAY_6);
    await settleMonths(['2026-04'], { publish: false });
    await login('duchashi');
    await openMenu('月点评');
    await page.getByText('暂不能发布').waitFor();
    await shot('review-draft');

    await page.getByRole('tab', { name: '末位表态' }).click();
    await clickSettled(page.getByRole('button', { name: '按建议确认' }).first());
    await page.getByText('已确认末位表态单位').waitFor();
    await page.getByText('暂不能发布').waitFor({ state: 'detached' });

    await confirm(page.getByRole('button', { name: '发布本月点评' }), '发布');
    await page.locator('.page-header').getByText('已发布').waitFor();
    expect(await page.getByRole('button', { name: '发布本月点评' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '按建议确认' }).count()).toBe(0);

    await page.getByRole('tab', { name: '得分排名' }).click();
    await page.locator('.ant-table-row', { hasText: '东城街道' }).locator('[data-testid^="score-"]').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('合计（各项之和即得分）').waitFor();
    await shot('review-facts', false);
    await drawer
      .getByRole('link', { name: new RegExp(OVERDUE) })
      .first()
      .click();
    await page.locator('.page-header h4', { hasText: OVERDUE }).waitFor();
    await logout();
  });

  it("a unit's liaison reads the published month, without edit controls", async () => {
    await login('lianluo');
    await openMenu('月点评');
    await page.locator('.page-header').getByText('已发布').waitFor();
    expect(await page.getByRole('tab', { name: '加减分事项' }).count()).toBe(0);
    await shot('review-unit');
    // On the liaison's phone: the ranking tables scroll sideways inside the page.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('tab', { name: '末位表态' }).click();
    await shot('review-unit-phone', false);
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
