import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PHONE, Walk } from './browser.js';
import { json } from './server.js';

// 配合单位: a task of 城关街道 (lianluo leads) gets two cooperating parts: 东城街道's (lianluo2) set when the office makes
// the task (and its standard revised on the task form), 西城街道's set later by the lead on the task page. 东城街道 signs on its phone but lets its day pass: the
// task lights red and names its part; it reports late, the lead confirms, explains the other part, and may close.

const walk = new Walk({ LUOSHI_SCANNER: '0', LUOSHI_NOW: '2026-03-20T10:00:00+08:00' });
const { url, apiAs, login, logout, shot, clickSettled, submitDialog, dialog, chooseUnit, pickDate, pageErrors } = walk;
let page: Page;
let taskId: number;
let east: { id: number; name: string };
let west: { id: number; name: string };
const TITLE = '城关街道农贸市场提升改造';

const partOf = (name: string) => page.locator('.part-item', { hasText: name });

beforeAll(async () => {
  page = walk.page;
  const office = await apiAs('duchashi');
  const units = (await json<{ items: { id: number; code: string; name: string }[] }>(await office.get('/api/v1/units'))).items;
  const byCode = (code: string) => units.find((u) => u.code === code)!;
  east = byCode('T02');
  west = byCode('T03');
  const created = await json<{ id: number }>(
    await office.post('/api/v1/tasks', {
      data: {
        title: TITLE,
        source: 'meeting',
        leadUnitId: byCode('T01').id,
        startDate: '2026-03-16',
        deadline: '2026-04-30',
        period: '2026-03',
        standard: '市场改造完成并开业',
        cooperators: [{ unitId: east.id, part: '完成市场周边道路管网迁改', dueDate: '2026-03-24', standard: '管网迁改完成并通过验收' }],
      },
    }),
  );
  taskId = created.id;
  await office.post(`/api/v1/tasks/${taskId}/assign`, { data: {} });
  const lead = await apiAs('lianluo');
  await lead.post(`/api/v1/tasks/${taskId}/sign`, { data: {} });
});

describe('cooperating units each have their own thread', () => {
  it('the office revises a part on the task form: by when is checked against the deadline, in Chinese', async () => {
    await login('duchashi');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(url(`/tasks/${taskId}/edit`));
    const due = page.getByLabel('分工时限');
    const standard = page.getByLabel('分工完成标准');
    await expect.poll(() => due.inputValue()).toBe('2026-03-24');
    expect(await standard.inputValue()).toBe('管网迁改完成并通过验收');
    await pickDate(due, '2026-05-06');
    await page.getByText('分工时限不能晚于事项完成时限').waitFor();
    await pickDate(due, '2026-03-24');
    await page.getByText('分工时限不能晚于事项完成时限').waitFor({ state: 'detached' });
    await standard.fill('管网迁改完成并通过验收，恢复路面');
    await due.scrollIntoViewIfNeeded();
    await shot('parts-form-1440');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.locator('.page-header h4', { hasText: TITLE }).waitFor();
    await partOf(east.name).getByText('恢复路面').waitFor();
    await logout();
  });

  it('the lead unit sets a second part on the task page', async () => {
    await login('lianluo');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(url(`/tasks/${taskId}`));
    await page.locator('.ant-card-head-title', { hasText: '配合单位（1）' }).waitFor();
    await clickSettled(page.getByRole('button', { name: '安排分工' }));
    await chooseUnit(dialog().getByLabel('配合单位'), west.name);
    await dialog().getByLabel('分工内容').fill('做好摊位疏导和宣传');
    await submitDialog('保存');
    await page.locator('.ant-card-head-title', { hasText: '配合单位（2）' }).waitFor();
    await partOf(west.name).getByText('待签收').waitFor();
    await shot('parts-lead-1440');
  });

  it('the cooperating unit signs its part on a phone', async () => {
    await logout();
    await page.setViewportSize(PHONE);
    await login('lianluo2');
    await page.goto(url(`/tasks/${taskId}`));
    const mine = partOf(east.name);
    await clickSettled(mine.getByRole('button', { name: '签收分工' }));
    await mine.getByText('办理中').waitFor();
    // Only its own part: no buttons on the other unit's.
    expect(await partOf(west.name).getByRole('button').count()).toBe(0);
    await mine.scrollIntoViewIfNeeded();
    await shot('parts-signed-390');
  });

  // A restart on a later day and several sign-ins: slower than one page's walk on a busy machine.
  it('its day passes: the task lights red and names the late part, on the page and in the ledger', { timeout: 300_000 }, async () => {
    await walk.restart('2026-03-27T10:00:00+08:00');
    await page.setViewportSize({ width: 1440, height: 900 });
    await login('lianluo');
    await page.goto(url(`/tasks/${taskId}`));
    await page.getByTestId('late-parts').getByText(`亮灯原因：配合单位 ${east.name} 的分工已过时限仍未报告`).waitFor();
    expect(await page.locator('.page-header [data-colour]').getAttribute('data-colour')).toBe('red');
    await partOf(east.name).getByText('已逾期').waitFor();
    await shot('parts-late-1440');

    await page.goto(url(`/tasks?keyword=${encodeURIComponent(TITLE)}`));
    const row = page.locator('.ant-table-row', { hasText: TITLE });
    expect(await row.locator('[data-colour]').first().getAttribute('data-colour')).toBe('red');
    // The row names the late part; the punctual (not yet due) one is not tagged.
    await row.getByText(`配合单位 ${east.name} 逾期`).waitFor();
    expect(await row.getByText(`配合单位 ${west.name} 逾期`).count()).toBe(0);
    await shot('parts-ledger-1440');
  });

  it('it reports late on its phone; the lead confirms, explains the other part, and closing is open again', { timeout: 300_000 }, async () => {
    await logout();
    await page.setViewportSize(PHONE);
    await login('lianluo2');
    await page.goto(url(`/tasks/${taskId}`));
    await clickSettled(partOf(east.name).getByRole('button', { name: '报告分工' }));
    await dialog().getByLabel('办理情况').fill('管网迁改已完成，3 月 26 日通过验收');
    await submitDialog('确认报告分工');
    await partOf(east.name).getByText('逾期报告').waitFor();
    await shot('parts-reported-390');

    // On a phone the sign-out button is in the menu drawer: sign out at desk width.
    await page.setViewportSize({ width: 1440, height: 900 });
    await logout();
    await login('lianluo');
    await page.goto(url(`/tasks/${taskId}`));
    // Reported: the light no longer blames the part.
    await partOf(east.name).getByText('已报告待确认').waitFor();
    expect(await page.getByTestId('late-parts').count()).toBe(0);
    await clickSettled(partOf(east.name).getByRole('button', { name: '确认完成' }));
    await partOf(east.name).getByText('已完成', { exact: true }).waitFor();

    // The other part still open: the closing request is refused with the parts named.
    const lead = await apiAs('lianluo');
    await lead.post(`/api/v1/tasks/${taskId}/start`, { data: {} });
    const refused = await lead.post(`/api/v1/tasks/${taskId}/closing-requests`, { data: { summary: '已完成', finishedOn: '2026-03-27' } });
    expect(refused.status()).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(`${west.name}（待签收）`);

    await page.reload();
    await clickSettled(partOf(west.name).getByRole('button', { name: '说明情况' }));
    await dialog().getByLabel('情况说明').fill('摊位疏导由城关街道自行完成');
    await submitDialog('确认说明情况');
    await partOf(west.name).getByText('已说明', { exact: true }).waitFor();
    await shot('parts-settled-1440');
    const filed = await lead.post(`/api/v1/tasks/${taskId}/closing-requests`, { data: { summary: '已完成', finishedOn: '2026-03-27' } });
    expect(filed.status()).toBe(201);
    expect(pageErrors).toEqual([]);
  });
});
