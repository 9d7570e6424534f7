import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from './server.js';
import { Walk } from './browser.js';

// Appeals (申诉): April published on 6 May with an overdue task of the liaison's own town; the liaison appeals one of
// its deductions from the score's facts, the office upholds it on the 申诉 page, and the review shows the corrected
// score beside the published one.

const APRIL_1 = '2026-04-01T09:00:00+08:00';
const MAY_6 = '2026-05-06T09:00:00+08:00';
const OVERDUE = '城关街道老旧管网改造';

const walk = new Walk({ LUOSHI_NOW: APRIL_1 });
const { apiAs, assignTasks, settleMonths, login, logout, openMenu, shot, restart, clickSettled, toast } = walk;
let page: Page;
let unitName = '';
beforeAll(() => {
  page = walk.page;
});
// The modal (the facts drawer beside it is a dialog too).
const modal = () => page.locator('.ant-modal:visible');
async function submitModal(ok: string) {
  await clickSettled(modal().getByRole('button', { name: ok }));
  await page.locator('.ant-modal:visible').waitFor({ state: 'detached' });
}

async function seedApril() {
  const liaison = await apiAs('lianluo');
  unitName = (await json<{ user: { unit: { id: number; name: string } } }>(await liaison.get('/api/v1/auth/me'))).user.unit.name;
  await liaison.dispose();
  await assignTasks([{ title: OVERDUE, unit: unitName, period: '2026-04', startDate: '2026-04-01', deadline: '2026-04-15' }]);
}

describe('appeals', () => {
  it("a unit's liaison appeals a deduction of its published score", async () => {
    await seedApril();
    await restart(MAY_6);
    await settleMonths(['2026-04'], { publish: true });
    await login('lianluo');
    await page.goto(walk.url('/reviews?period=2026-04'));
    await page.locator('.page-header').getByText('已发布').waitFor();
    await page.locator('.ant-table-row', { hasText: unitName }).locator('[data-testid^="score-"]').click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('合计（各项之和即得分）').waitFor();
    const appealButtons = drawer.getByRole('button', { name: '申诉' });
    expect(await appealButtons.count()).toBeGreaterThan(0);
    await appealButtons.first().click();
    await modal().getByText('提出申诉').waitFor();
    await modal().getByLabel('申诉理由').fill('该事项因汛期停工，延期已经分管县领导同意');
    await modal().getByLabel('依据（文件文号、批示、照片说明等）').fill('县政府专题会议纪要〔2026〕12号');
    await shot('appeal-form', false);
    await submitModal('提交申诉');
    await toast('申诉已提交').waitFor();
    await page.keyboard.press('Escape');

    await openMenu('申诉');
    await page.locator('.ant-table-row', { hasText: '该事项因汛期停工' }).getByText('待处理').waitFor();
    await shot('appeal-unit-list');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('appeal-unit-list-phone', false);
    await page.setViewportSize({ width: 1440, height: 900 });
    await logout();
  });

  it('the office upholds it; the review shows the corrected score beside the published one', async () => {
    await login('duchashi');
    await openMenu('申诉');
    const row = page.locator('.ant-table-row', { hasText: '该事项因汛期停工' });
    await row.locator('[data-testid^="decide-"]').click();
    await modal().getByText('处理申诉').waitFor();
    await modal().getByLabel('理由', { exact: true }).fill('经核实延期已获批准，申诉成立，冲回该项扣分');
    await shot('appeal-decide', false);
    await submitModal('确定');
    await toast('申诉成立').waitFor();
    await row.locator('.ant-tag', { hasText: '申诉成立' }).waitFor();
    await row.getByText(/更正 \+/).waitFor();

    await page.goto(walk.url('/reviews?period=2026-04'));
    const score = page.locator('.ant-table-row', { hasText: unitName }).locator('[data-testid^="score-"]');
    await score.getByText('（更正）').waitFor();
    expect(await score.textContent()).toMatch(/^-?\d+\.\d\d → -?\d+\.\d\d（更正）$/);
    await shot('appeal-corrected', false);
    await score.click();
    await page
      .locator('.ant-drawer')
      .getByText(/申诉更正后得分/)
      .waitFor();
    await shot('appeal-corrected-facts', false);
    expect(walk.pageErrors).toEqual([]);
  });
});
