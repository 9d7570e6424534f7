import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PHONE, Walk } from './browser.js';
import { json } from './server.js';

// People's records (周记实、月考核、季审定、一线工作日): on Wednesday 1 April the cadre logs a frontline day and this week's
// log on a phone; the town's head gives March's grade; the assessment office confirms the first quarter, which freezes it.

const NOW = '2026-04-01T09:00:00+08:00';
const walk = new Walk({ LUOSHI_SCANNER: '0', LUOSHI_NOW: NOW });
const { apiAs, login, logout, openMenu, dialog, shot, shotDialog, pageErrors, submitDialog, url } = walk;
let page: Page;
let cadreName = '';
let cadreId = 0;
beforeAll(() => {
  page = walk.page;
});

const header = (text: string) => page.locator('.page-header h4', { hasText: text });

// A control the thumb must reach lies within the phone's width.
async function onScreen(target: ReturnType<Page['locator']>) {
  const box = await target.boundingBox();
  expect(box, 'visible').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
}

describe('people’s records', () => {
  it('the cadre logs a frontline day and this week’s log on a phone', async () => {
    const mine = await json<{ person: { id: number; name: string } }>(await (await apiAs('ganbu')).get('/api/v1/records/mine'));
    cadreName = mine.person.name;
    cadreId = mine.person.id;
    await page.setViewportSize(PHONE);
    await login('ganbu');
    await page.goto(url('/records/mine'));
    await header('我的记实').waitFor();
    await page.getByText('本周记实 · 2026年第14周').waitFor();

    const log = page.getByRole('button', { name: '登记一线工作日' });
    await onScreen(log);
    await log.click();
    await dialog().getByLabel('地点').fill('幸福村五组');
    await dialog().getByLabel('事由').fill('查看春耕备耕和灌溉渠修复进度');
    await shotDialog('90-records-phone-frontline');
    await submitDialog('登记');
    await page.getByText('幸福村五组').waitFor();
    await page.getByText('2026-04-01').first().waitFor();

    await page.getByLabel('本周完成的工作').fill('1. 走访幸福村五组困难户 4 户，登记春耕农资需求\n2. 督促灌溉渠修复');
    await page.getByLabel('下周计划').fill('1. 组织村民代表会议定道路硬化方案');
    const save = page.getByRole('button', { name: '保存周记实' });
    await onScreen(save);
    await save.click();
    await page.getByRole('button', { name: '修改本周记实' }).waitFor();
    await page.getByText('督促灌溉渠修复').waitFor();
    await shot('91-records-phone-mine');
    // Back on a desktop screen, where the header has the logout button.
    await page.setViewportSize({ width: 1440, height: 900 });
    await logout();
  });

  it('the town’s head gives March’s grade to the cadre', async () => {
    await login('danwei');
    await openMenu('月度考核');
    const row = page.locator('.ant-table-row', { hasText: cadreName });
    await row.getByText('未考核').waitFor();
    await row.getByRole('button', { name: '考核' }).click();
    await dialog().getByText('较好', { exact: true }).click();
    await dialog().getByLabel('考核评语').fill('走访扎实，记实清楚，按时完成春耕包村任务');
    await submitDialog('保存考核');
    await row.locator('.ant-tag', { hasText: '较好' }).waitFor();
    await shot('92-records-head-assessments');
    await logout();
  });

  it('the assessment office confirms the first quarter with a reason, and the quarter is frozen', async () => {
    await login('kaoheban');
    await openMenu('季度审定');
    await page.getByText('待审定 1 人').waitFor();
    const row = page.locator('.ant-table-row', { hasText: cadreName });
    await row.getByRole('button', { name: '审定' }).click();
    await dialog().getByText('好', { exact: true }).click();
    await dialog().getByRole('button', { name: '确认审定' }).click();
    await dialog().getByText('审定等次与建议不一致，请写明理由').waitFor();
    await dialog()
      .getByLabel(/审定理由/)
      .fill('一季度森林防火值守表现突出，经考核委员会研究定为好');
    await shotDialog('93-records-confirm-dialog');
    await submitDialog('确认审定');
    await page.getByText('已全部审定').waitFor();
    await row.getByText('一季度森林防火值守表现突出').waitFor();
    await shot('94-records-quarter');

    // The head can no longer change March: the quarter stands.
    const head = await apiAs('danwei');
    const frozen = await head.put('/api/v1/records/assessments', {
      data: { personId: cadreId, month: '2026-03', grade: 'good', comment: '改评', version: 1 },
    });
    expect(frozen.status()).toBe(409);
    expect(((await frozen.json()) as { error: { message: string } }).error.message).toContain('已冻结，不能再修改');

    await openMenu('一线工作进度');
    await page.locator('.ant-table-row').first().waitFor();
    await shot('95-records-pace');
    await page.locator('.ant-table-row', { hasText: cadreName }).waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });

  it('the liaison logs a frontline day for the town’s head (代为登记), and the head sees who logged it', async () => {
    const head = await json<{ person: { id: number; name: string } }>(await (await apiAs('danwei')).get('/api/v1/records/mine'));
    const liaison = await json<{ user: { displayName: string } }>(await (await apiAs('lianluo')).get('/api/v1/auth/me'));
    await logout();
    await login('lianluo');
    await page.setViewportSize(PHONE);
    await page.goto(url('/records/frontline'));
    await header('一线工作进度').waitFor();
    await page.getByTestId(`log-for-${head.person.id}`).click();
    await dialog().getByText(`代为登记一线工作日：${head.person.name}`).waitFor();
    // Nothing typed: the form says what is missing.
    await dialog().getByRole('button', { name: '登记' }).click();
    await dialog().getByText('请填写地点').waitFor();
    await dialog().getByLabel('地点').fill('东关社区棚户区改造项目现场');
    await dialog().getByLabel('事由').fill('协调征迁签约中的安置房分配问题，现场答复群众诉求');
    await shotDialog('96-records-proxy-390');
    const ok = dialog().getByRole('button', { name: '登记' });
    await onScreen(ok);
    await page.setViewportSize({ width: 1440, height: 900 });
    await shotDialog('97-records-proxy-1440');
    await submitDialog('登记');
    await page.locator('.ant-table-row', { hasText: head.person.name }).getByText('1 天', { exact: true }).waitFor();
    await logout();

    await login('danwei');
    await page.goto(url('/records/mine'));
    await page.getByText('东关社区棚户区改造项目现场').waitFor();
    await page.getByText(`（登记人：${liaison.user.displayName}）`).waitFor();
    await shot('98-records-head-sees-proxy-day');
    expect(pageErrors).toEqual([]);
  });
});
