import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { unzipEntry } from '../test/zip.js';
import { png, Walk } from './browser.js';
import { json } from './server.js';

// 明察暗访 and 舆论督办: the office plans an unannounced inspection of the liaison's unit (the unit's account gets 404
// and an empty list), records the visit with a photo and a problem in the browser, files it; then the unit sees the
// rectification item with its deadline in its ledger; the public page, without a login, shows only marked items.

const walk = new Walk({ LUOSHI_SCANNER: '0', LUOSHI_NOW: '2026-03-20T10:00:00+08:00' });
const { url, apiAs, login, logout, shot, clickSettled, submitDialog, dialog, confirm, pageErrors } = walk;
let page: Page;
let inspectionId: number;
const SUBJECT = '秸秆禁烧暗访';
const PROBLEM = '村道旁发现秸秆焚烧痕迹，网格员未及时处置';

beforeAll(async () => {
  page = walk.page;
  const liaison = await apiAs('lianluo');
  const unitId = (await json<{ user: { unit: { id: number } } }>(await liaison.get('/api/v1/auth/me'))).user.unit.id;
  const office = await apiAs('duchashi');
  const team = await json<{ id: number }>(
    await office.post('/api/v1/inspection-teams', { data: { name: '第二督查组', leadName: '孙明', members: ['吴刚'], unitIds: [unitId] } }),
  );
  const planned = await json<{ id: number }>(
    await office.post('/api/v1/inspections', {
      data: { cycle: 'month', period: '2026-03', teamId: team.id, unitId, subject: SUBJECT, mode: 'unannounced', method: 'on_site', plannedOn: '2026-03-19' },
    }),
  );
  inspectionId = planned.id;
});

describe('an unannounced inspection', () => {
  it('is invisible to the inspected unit until filed', async () => {
    const liaison = await apiAs('lianluo');
    expect((await liaison.get(`/api/v1/inspections/${inspectionId}`)).status()).toBe(404);
    await login('lianluo');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(url('/inspections'));
    await page.locator('.page-header h4', { hasText: '明察暗访' }).waitFor();
    await page.locator('.ant-table').waitFor();
    expect(await page.getByText(SUBJECT).count()).toBe(0);
    await logout();
  });

  it('is recorded with a photo and a problem, and filed', async () => {
    await login('duchashi');
    await page.goto(url(`/inspections/${inspectionId}`));
    await page.getByLabel('地点', { exact: true }).fill('青石镇东村村道');
    await page.getByLabel('所见情况').fill('沿村道查看，发现一处秸秆焚烧痕迹。');
    await clickSettled(page.getByRole('button', { name: '保存督查记录' }));
    await page.locator('.ant-descriptions', { hasText: '青石镇东村村道' }).waitFor();
    await page.getByPlaceholder('拍摄地点').fill('东村村道旁');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '焚烧痕迹.png', mimeType: 'image/png', buffer: png(320, 240, (x, y) => [90 + (x % 60), 110 + (y % 40), 60]) });
    await page.locator('.inspection-photo figcaption', { hasText: '东村村道旁' }).waitFor();

    await clickSettled(page.getByRole('button', { name: '记录发现' }));
    await dialog().getByLabel('发现的情况').fill(PROBLEM);
    await dialog().getByLabel('整改时限').fill('2026-04-10');
    await dialog().getByLabel('整改时限').press('Enter');
    await submitDialog('记录');
    await page.locator('.ant-table-row', { hasText: PROBLEM }).waitFor();
    await shot('inspection-record-1440');

    await confirm(page.getByRole('button', { name: '归档并交办整改' }), '归档');
    await page.getByText(/整改事项 #\d+ · 时限 2026-04-10/).waitFor();
    await page.getByRole('link', { name: '提示件' }).waitFor();
    await shot('inspection-filed-1440');
    await logout();
  });

  it('then shows the unit its rectification item, with the deadline, in its ledger', async () => {
    const liaison = await apiAs('lianluo');
    expect((await liaison.get(`/api/v1/inspections/${inspectionId}`)).status()).toBe(200);
    await login('lianluo');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url(`/inspections/${inspectionId}`));
    await page.getByText(/整改事项 #\d+ · 时限 2026-04-10/).waitFor();
    await shot('inspection-unit-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(url(`/tasks?keyword=${encodeURIComponent('村道旁发现秸秆焚烧')}`));
    const row = page.locator('.ant-table-row', { hasText: '村道旁发现秸秆焚烧' });
    await row.waitFor();
    await row.getByText('2026-04-10').first().waitFor();
    await shot('inspection-ledger-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText('村道旁发现秸秆焚烧').first().waitFor();
    await shot('inspection-ledger-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await logout();
  });

  it('shows in the activity calendar and in the unit’s assessment archive, whose Word file carries the inspections section', async () => {
    await login('lianluo');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(url('/activity-calendar'));
    await page.locator('.page-header h4', { hasText: '活动日历' }).waitFor();
    // The rectification item is due in April: its dot is on the month after this one.
    await page.locator('.cal-grid').first().waitFor();
    await shot('activity-calendar-1440');
    await page.goto(url('/archive'));
    await page.locator('.page-header h4', { hasText: '考核档案' }).waitFor();
    await shot('archive-1440');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载考核档案' }).click()]);
    const bytes = await readFile((await download.path())!);
    const text = unzipEntry(bytes, 'word/document.xml')!.replace(/<[^>]+>/g, '');
    for (const part of ['二、督查检查', `暗访·实地督查：${SUBJECT}`, '第二督查组', PROBLEM, '三、月度评分']) expect(text, part).toContain(part);
    await logout();
  });

  it('is refused on the public page when it carries a phone number; the page shows only marked items', async () => {
    const office = await apiAs('duchashi');
    const filed = await json<{ findings: { task: { id: number } | null }[] }>(await office.get(`/api/v1/inspections/${inspectionId}`));
    const taskId = filed.findings[0]!.task!.id;
    const refused = await office.put(`/api/v1/tasks/${taskId}/disclosure`, { data: { summary: '联系电话 13912345678', version: 0 } });
    expect(refused.status()).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('电话号码');
    await json(await office.put(`/api/v1/tasks/${taskId}/disclosure`, { data: { summary: '已组织清理焚烧痕迹，网格员加强巡查', version: 0 } }));
    const marked = (await json<{ items: { title: string; active: boolean }[] }>(await office.get('/api/v1/disclosures'))).items.filter((i) => i.active);

    await page.goto(url('/public'));
    await page.getByRole('heading', { name: '重点工作落实情况公开' }).waitFor();
    await page.locator('.public-item', { hasText: '村道旁发现秸秆焚烧' }).waitFor();
    expect(await page.locator('.public-item').count()).toBe(marked.length);
    expect(await page.getByText(/13912345678/).count()).toBe(0);
    await shot('public-progress-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('public-progress-390');
    // main.tsx registers the service worker on load without a catch, so a test that navigates away while a page is
    // still loading may leave an aborted registration behind; that is no fault of these pages.
    expect(pageErrors.filter((e) => !e.startsWith('Failed to register a ServiceWorker'))).toEqual([]);
  });
});
