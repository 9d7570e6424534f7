import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Walk } from './browser.js';
import { json } from './server.js';

// 月点评会: the office opens February's pack (the meeting on 2026-03-03 is past, so it is ready), steps through the
// slides as on the meeting-room screen, records a unit's commitment, turns it into a task and finds it in the ledger.

const walk = new Walk({ LUOSHI_SCANNER: '0', LUOSHI_NOW: '2026-03-20T10:00:00+08:00' });
const { url, apiAs, login, shot, clickSettled, submitDialog, dialog, chooseUnit, pageErrors } = walk;
let page: Page;
let unitName: string;
const PROMISE = '四月十日前完成集镇污水管网收尾并通水';

beforeAll(async () => {
  page = walk.page;
  const liaison = await apiAs('lianluo');
  unitName = (await json<{ user: { unit: { name: string } } }>(await liaison.get('/api/v1/auth/me'))).user.unit.name;
});

describe('the monthly meeting', () => {
  it('opens the pack and steps through its slides', async () => {
    await login('duchashi');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(url('/meetings'));
    await page.locator('.page-header h4', { hasText: '月点评会' }).waitFor();
    await page.getByText('会议日期：').waitFor();
    await page.locator('.ant-card-head-title', { hasText: '一、本月排名' }).waitFor();
    await page.locator('.ant-card-head-title', { hasText: '六、上次会议承诺落实情况' }).waitFor();
    await shot('meeting-pack-1440');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载会议材料（Word）' }).click()]);
    expect(download.suggestedFilename()).toBe('2026年2月工作点评会会议材料.docx');

    // The meeting-room screen.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByRole('button', { name: '放映' }).click();
    const slides = page.getByRole('dialog', { name: '放映' });
    await slides.getByRole('heading', { name: '一、本月排名（乡镇（街道））' }).waitFor();
    await slides.getByText('1 / 8').waitFor();
    await page.keyboard.press('ArrowRight');
    await slides.getByRole('heading', { name: '一、本月排名（县直单位）' }).waitFor();
    await shot('meeting-slide-ranking-1920', false);
    await page.keyboard.press('ArrowRight');
    await slides.getByRole('heading', { name: '二、红灯事项（逾期未完成）' }).waitFor();
    await slides.getByRole('button', { name: /下一页/ }).click();
    await slides.getByRole('heading', { name: '三、抽签汇报单位' }).waitFor();
    await shot('meeting-slide-lottery-1920', false);
    for (const title of ['四、表态发言', '五、评星', '六、上次会议承诺落实情况']) {
      await page.keyboard.press('ArrowRight');
      await slides.getByRole('heading', { name: title }).waitFor();
    }
    await shot('meeting-slide-past-1920', false);
    await page.keyboard.press('ArrowLeft');
    await slides.getByText('6 / 8').waitFor();
    await shot('meeting-slide-stars-1920', false);
    await page.keyboard.press('Escape');
    await slides.waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('records a commitment, turns it into a task, and the ledger lists it', async () => {
    await clickSettled(page.getByRole('button', { name: '记录承诺' }));
    // Nothing typed: the form says what is missing, nothing is sent.
    await dialog().getByRole('button', { name: '记录' }).click();
    await dialog().getByText('请选择作出承诺的单位').waitFor();
    await dialog().getByLabel('承诺事项').fill(PROMISE);
    await chooseUnit(dialog().getByLabel('承诺单位'), unitName);
    await dialog().getByLabel('完成时限').fill('2026-04-10');
    await submitDialog('记录');
    const row = page.locator('.ant-table-row', { hasText: PROMISE });
    await clickSettled(row.getByRole('button', { name: '转为任务' }));
    await row.getByText(/已转为事项 #\d+/).waitFor();
    await row.getByText('已交办').waitFor();
    await shot('meeting-notes-1440');

    await page.goto(url(`/tasks?keyword=${encodeURIComponent('集镇污水管网收尾')}`));
    await page.locator('.ant-table-row', { hasText: PROMISE }).waitFor();
    await shot('meeting-ledger-1440');
    expect(pageErrors).toEqual([]);
  });
});
