import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Walk } from './browser.js';

// The quarterly assessment (季考核): a task in a town for each month of the first quarter; after the quarter the
// periodic job freezes the three months and the office publishes their reviews. The office then opens 季度考核, adds a
// bonus item (a leader's positive instruction), publishes the quarter and sees the reward marks; a click on a score
// opens its parts. The year's draft is opened too, with its parts and grades.

const JAN_20 = '2026-01-20T09:00:00+08:00';
const APRIL_8 = '2026-04-08T09:00:00+08:00';
const MONTHS = ['2026-01', '2026-02', '2026-03'];
const TOWN = '东城街道';
const WORKED = ['西城街道', '县财政局', '县民政局', '县司法局', '县自然资源局', '县公安局'];

const walk = new Walk({ LUOSHI_NOW: JAN_20 });
const { assignTasks, settleMonths, login, logout, openMenu, shot, restart, clickSettled, confirm, submitDialog, pickDate } = walk;
let page: Page;
beforeAll(() => {
  page = walk.page;
});

// A town has a task in each month of the quarter. A unit with no work in the quarter is passed over for the reward:
// work for one more town and five county units, so three towns and five county units can be rewarded.
const seedQuarter = () =>
  assignTasks([
    ...MONTHS.map((period) => ({ title: `${period} 背街小巷环境整治`, unit: TOWN, period, startDate: '2026-01-20', deadline: `${period}-25` })),
    ...WORKED.map((unit) => ({ title: '2026-03 春季安全生产大检查', unit, period: '2026-03', startDate: '2026-01-20', deadline: '2026-03-25' })),
  ]);

describe('quarterly assessment', () => {
  it('the office adds a bonus item to the first quarter, publishes it and sees the reward marks', async () => {
    await seedQuarter();
    await restart(APRIL_8);
    await settleMonths(MONTHS, { publish: true });
    await login('duchashi');
    await openMenu('季度考核');
    await page.getByRole('button', { name: '发布季度考核' }).waitFor();
    await page.locator('.page-header').getByText('未发布').waitFor();

    await page.getByRole('tab', { name: '季度加分事项' }).click();
    await page.getByRole('button', { name: '录入加分事项' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('单位').click();
    await dialog.getByLabel('单位').fill('城关');
    await clickSettled(page.locator('.ant-select-item-option:visible', { hasText: '城关街道' }));
    await dialog.getByLabel('类别').click();
    await clickSettled(page.locator('.ant-select-item-option:visible', { hasText: '上级领导肯定性批示' }));
    await pickDate(dialog.getByLabel('日期'), '2026-03-18');
    await dialog.getByLabel('事由').fill('背街小巷整治经验获市委书记肯定性批示');
    await dialog.getByLabel('依据（批示件、表彰文件或会议记录）').fill('市委书记批示件〔2026〕8号');
    await shot('assessment-bonus-dialog', false);
    await submitDialog('保存');
    await page.locator('.ant-table-row', { hasText: '背街小巷整治经验' }).waitFor();

    await page.getByRole('tab', { name: '得分排名' }).click();
    await confirm(page.getByRole('button', { name: '发布季度考核' }), '发布');
    await page.locator('.page-header').getByText('已发布').waitFor();
    expect(await page.getByRole('button', { name: '发布季度考核' }).count()).toBe(0);
    // Towns: the top three that worked in the quarter are marked (东城 and 西城 with tasks, 城关 with its bonus item),
    // county units the five with tasks; units with no work are passed over.
    const towns = page.locator('.ant-card', { hasText: '乡镇（街道）' });
    await expect.poll(() => towns.locator('.ant-tag', { hasText: '奖励' }).count()).toBe(3);
    await expect.poll(() => page.locator('.ant-card', { hasText: '县直单位' }).locator('.ant-tag', { hasText: '奖励' }).count()).toBe(5);
    const chengguan = towns.locator('.ant-table-row', { hasText: '城关街道' });
    await chengguan.locator('.ant-tag', { hasText: '奖励' }).waitFor();
    for (const name of ['东城街道', '西城街道']) await towns.locator('.ant-table-row', { hasText: name }).locator('.ant-tag', { hasText: '奖励' }).waitFor();
    await shot('assessment-quarter');

    await chengguan.locator('[data-testid^="quarter-score-"]').click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('合计（各项之和即得分）').waitFor();
    await drawer.getByText('上级领导肯定性批示：背街小巷整治经验获市委书记肯定性批示').waitFor();
    await shot('assessment-quarter-items', false);
    await drawer.locator('.ant-drawer-close').click();
  });

  it("the year's draft shows the closing-record part from the published months, and the office enters a part", async () => {
    await openMenu('年度考核');
    await page.getByText('暂不能发布').waitFor();
    const row = page.locator('.ant-card', { hasText: '乡镇（街道）' }).locator('.ant-table-row', { hasText: '城关街道' });
    await row.locator('[data-testid$="-economy"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('得分').fill('27.5');
    await dialog.getByLabel('评分依据').fill('地区生产总值、固定资产投资完成情况（县统计局年报）');
    await submitDialog('保存');
    await row.getByText('27.50').waitFor();
    await row.locator('[data-testid^="year-total-"]').click();
    await page.locator('.ant-drawer').getByText('合计（各分项之和即总分）').waitFor();
    await shot('assessment-year-parts', false);
    await page.locator('.ant-drawer .ant-drawer-close').click();
    await shot('assessment-year');
    await openMenu('考核设置');
    await page.getByRole('button', { name: '保存考核设置' }).waitFor();
    await shot('assessment-settings');
    await logout();
  });

  it("a unit's liaison reads the published quarter on the phone, without edit controls", async () => {
    await login('lianluo');
    await openMenu('季度考核');
    await page.locator('.page-header').getByText('已发布').waitFor();
    expect(await page.getByRole('tab', { name: '季度加分事项' }).count()).toBe(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('assessment-quarter-unit-phone', false);
    await page.setViewportSize({ width: 1440, height: 900 });
    await logout();
  });
});
