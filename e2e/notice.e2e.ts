import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { unzipEntry } from '../test/zip.js';
import { Walk } from './browser.js';

// The monthly notice (月度通报): April's work in two towns, frozen on 6 May; the office publishes April's review, looks
// at a score's facts, then opens the notice, rewrites a paragraph, issues it and downloads the Word document.

const APRIL_1 = '2026-04-01T09:00:00+08:00';
const MAY_8 = '2026-05-08T15:00:00+08:00';
const OVERDUE = '东城街道污水管网排查整治';
const EDITED = '一是东城街道要于5月20日前完成污水管网整治并书面报告（点评会议定）。';

const walk = new Walk({ LUOSHI_NOW: APRIL_1 });
const { assignTasks, settleMonths, login, openMenu, shot, restart, clickSettled, confirm } = walk;
let page: Page;
beforeAll(() => {
  page = walk.page;
});

describe('monthly notice', () => {
  it('publishes April, opens a score, edits the notice, issues it and downloads the Word document', async () => {
    await assignTasks([
      { title: OVERDUE, unit: '东城街道', period: '2026-04', startDate: '2026-04-01', deadline: '2026-04-15' },
      { title: '城关街道集贸市场消防整改', unit: '城关街道', period: '2026-04', startDate: '2026-04-01', deadline: '2026-04-28' },
    ]);
    await restart(MAY_8);
    await settleMonths(['2026-04'], { publish: false });
    await login('duchashi');

    await openMenu('月点评');
    await page.getByRole('tab', { name: '末位表态' }).click();
    for (let i = 0; i < 2 && (await page.getByRole('button', { name: '按建议确认' }).count()) > 0; i++) {
      await clickSettled(page.getByRole('button', { name: '按建议确认' }).first());
      await page.getByText('已确认末位表态单位').first().waitFor();
    }
    await page.getByText('暂不能发布').waitFor({ state: 'detached' });
    await confirm(page.getByRole('button', { name: '发布本月点评' }), '发布');
    await page.locator('.page-header').getByText('已发布').waitFor();
    await page.getByRole('tab', { name: '得分排名' }).click();
    await page.locator('.ant-table-row', { hasText: '东城街道' }).locator('[data-testid^="score-"]').click();
    await page.getByRole('dialog').getByText('合计（各项之和即得分）').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await openMenu('月度通报');
    await page.getByText('征求意见稿（未印发）').waitFor();
    await page.locator('.ant-table-row', { hasText: OVERDUE }).waitFor();
    await page.locator('[aria-label="乡镇（街道）各单位得分"] svg').first().waitFor();
    const requirements = page.getByLabel('下步要求');
    await requirements.fill(EDITED);
    await page.getByRole('button', { name: '保存正文' }).click();
    await walk.toast('通报正文已保存').waitFor();
    await shot('notice-draft');

    await confirm(page.getByRole('button', { name: '印发通报' }), '印发');
    await page.locator('.page-header').getByText('已印发').waitFor();
    expect(await page.getByRole('button', { name: '印发通报' }).count()).toBe(0);
    await page.getByText(EDITED).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载通报（Word）' }).click()]);
    expect(download.suggestedFilename()).toBe('关于2026年4月工作落实情况的通报.docx');
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = unzipEntry(bytes, 'word/document.xml')!;
    expect(xml).toContain(EDITED);
    expect(xml).toContain(OVERDUE);
    expect(xml).not.toContain('征求意见稿');
    await shot('notice-issued');
  });
});
