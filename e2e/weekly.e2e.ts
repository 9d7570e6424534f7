import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Walk } from './browser.js';
import { json } from './server.js';

// The weekly 10+N (周交办): on a Wednesday the office opens next week's plan, a town proposes and submits, the leader in
// charge approves, the office consolidates, the weekly meeting decides and the plan hands its task over.

const WEDNESDAY = '2026-03-25T09:00:00+08:00';
const TITLE = '东城街道汛前排水管网清淤';

const walk = new Walk({ LUOSHI_SCANNER: '0', LUOSHI_NOW: WEDNESDAY });
const { apiAs, login, logout, openMenu, dialog, shot, pickDate, pageErrors, confirm, submitDialog } = walk;
let page: Page;
beforeAll(() => {
  page = walk.page;
});

const row = (text: string) => page.locator('.ant-table-row', { hasText: text });
const header = (text: string) => page.locator('.page-header h4', { hasText: text });

async function openWeek() {
  await openMenu('周交办 10+N');
  await page.getByRole('link', { name: /2026年第14周/ }).click();
  await header('2026年第14周').waitFor();
}

async function nextStep(status: string) {
  await confirm(page.locator('.page-header').getByRole('button', { name: /进入下一步/ }), '进入下一步');
  await page.locator('.page-header .ant-tag', { hasText: status }).waitFor();
}

describe('the weekly 10+N', () => {
  it('opens next week, takes a proposal through review, consolidation and the meeting, and hands the task over', async () => {
    await login('duchashi');
    await openMenu('周交办 10+N');
    await page.getByText('还没有计划').waitFor();
    await page.getByRole('button', { name: '新建周计划' }).click();
    // Next week is offered: ISO week 14, from Monday 30 March.
    expect(await dialog().getByLabel('交办周').inputValue()).toBe('2026年第14周（3月30日起）');
    await submitDialog('建立');
    await header('2026年第14周“10+N”重点工作安排').waitFor();
    await page.locator('.plan-steps').getByText('2026-03-26 前').waitFor();
    await openMenu('周交办 10+N');
    await page.locator('.plan-card', { hasText: '2026年第14周' }).getByText('单位申报').first().waitFor();
    await shot('40-weekly-list');
    await logout();

    // 东城街道 has no head account: its liaison proposes and submits.
    await login('lianluo2');
    await openWeek();
    await page.getByRole('button', { name: '新增申报' }).click();
    await dialog().getByLabel('工作任务').fill(TITLE);
    await dialog().getByLabel('工作措施').fill('组织清淤队伍对主次干道排水管网逐段清淤，汛前完成。');
    await dialog().getByLabel('时间表').fill('3月31日前完成主干道，4月3日前完成次干道。');
    await dialog().getByLabel('工作标准').fill('管网畅通，无积水点。');
    await pickDate(dialog().getByLabel('完成时限'), '2026-04-03');
    await submitDialog('保存草稿');
    await confirm(row(TITLE).getByRole('button', { name: '提交' }), '提交');
    await row(TITLE).getByText('待审核').waitFor();
    await logout();

    await login('duchashi');
    await openWeek();
    await nextStep('分管领导审核');
    await logout();

    await login('lingdao');
    await openWeek();
    await page.getByRole('tab', { name: '分管审核' }).click();
    await confirm(row(TITLE).getByRole('button', { name: '通过' }), '通过');
    await page.locator('.ant-radio-button-wrapper', { hasText: '全部' }).click();
    await row(TITLE).getByText('已通过').waitFor();
    await logout();

    // The office consolidates; the weekly meeting decides and the plan is issued.
    await login('duchashi');
    await openWeek();
    await nextStep('督查室汇总');
    await page.getByRole('tab', { name: '督查室汇总' }).click();
    await page.getByRole('button', { name: '生成汇总稿' }).click();
    await page.locator('.plan-item', { hasText: TITLE }).waitFor();
    await nextStep('会议研究');
    await page.getByRole('tab', { name: '会议研究' }).click();
    await page.locator('.plan-item', { hasText: TITLE }).getByRole('button', { name: '决定' }).click();
    await dialog().getByLabel('说明').fill('周例会同意列入');
    await submitDialog('记录决定');
    await page.getByText('全部事项已决定，可以印发').waitFor();
    await page.getByRole('button', { name: '印发' }).click();
    await dialog().getByLabel('文号').fill('县督办〔2026〕14号');
    await submitDialog('印发');
    await page.locator('.page-header .ant-tag', { hasText: '已印发' }).waitFor();
    await shot('41-weekly-issued');
    await logout();

    // The task stands in the ledger as 周交办10+N work of 东城街道.
    const office = await apiAs('duchashi');
    const ledger = await json<{ items: { title: string; source: string; status: string; leadUnitName: string }[] }>(
      await office.get('/api/v1/tasks', { params: { keyword: TITLE } }),
    );
    expect(ledger.items).toEqual([expect.objectContaining({ title: TITLE, source: 'weekly_10n', status: 'assigned', leadUnitName: '东城街道' })]);
    await office.dispose();
    expect(pageErrors).toEqual([]);
  });
});
