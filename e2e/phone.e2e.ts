// A unit liaison's work on a phone (390×844), by touch: the menu drawer, the ledger as cards, signing for a task,
// a progress report with a photo from the camera, a report written with no signal and sent when it returns (once),
// a closing request, and signing a sheet. Every control is tapped where a thumb would find it: the walk fails if one
// lies outside the screen.
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { PHONE, png, Walk } from './browser.js';
import { json } from './server.js';

const NOW = '2026-03-10T09:00:00+08:00';
const walk = new Walk({ LUOSHI_NOW: NOW, LUOSHI_SCANNER: '0' }, { phone: true });
const { apiAs, login, dialog, toast, shot } = walk;
const TITLE = '推进城关街道老旧小区雨污分流改造';
const URGED = '背街小巷环境整治';

// Scrolls the control into view, checks all of it is on the screen, then touches it.
async function tap(target: Locator) {
  await target.waitFor();
  await target.scrollIntoViewIfNeeded();
  // Let antd's slide-in animations finish before measuring.
  await walk.page.waitForTimeout(300);
  const box = await target.boundingBox();
  expect(box, 'the control has a box').not.toBeNull();
  expect(box!.x, 'left edge on screen').toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, 'right edge on screen').toBeLessThanOrEqual(PHONE.width);
  expect(box!.y, 'top edge on screen').toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, 'bottom edge on screen').toBeLessThanOrEqual(PHONE.height);
  await target.tap();
}

let taskId = 0;
let base: Record<string, unknown> = {};
const reportsOf = async (id: number) => {
  const office = await apiAs('duchashi');
  return (await json<{ reports: unknown[] }>(await office.get(`/api/v1/tasks/${id}`))).reports.length;
};

describe('the liaison on a phone', () => {
  it('sets up: the office hands over two tasks to 城关街道 and urges one', async () => {
    const office = await apiAs('duchashi');
    const units = await json<{ items: { id: number; code: string }[] }>(await office.get('/api/v1/units'));
    const t01 = units.items.find((u) => u.code === 'T01')!.id;
    base = {
      description: '',
      source: 'leader_instruction',
      categoryId: null,
      level: 'general',
      leadLeaderId: null,
      leadUnitId: t01,
      cooperators: [],
      responsiblePersonId: null,
      responsibleName: '钟海欣',
      responsiblePhone: '13900000001',
      startDate: '2026-03-10',
      deadline: '2026-03-31',
      standard: '完工并通过验收',
      period: '2026-03',
      indicators: [],
      tags: [],
      reportCadence: { kind: 'none' },
    };
    const task = await json<{ id: number }>(
      await office.post('/api/v1/tasks', { data: { ...base, title: TITLE, milestones: [{ name: '完成设计', dueDate: '2026-03-20' }] } }),
    );
    const urged = await json<{ id: number }>(await office.post('/api/v1/tasks', { data: { ...base, title: URGED, milestones: [] } }));
    for (const id of [task.id, urged.id]) await json(await office.post(`/api/v1/tasks/${id}/assign`, { data: {} }));
    expect((await office.post(`/api/v1/tasks/${urged.id}/urge`, { data: { note: '请于 3 月 12 日前报送整治方案' } })).status()).toBe(204);
    taskId = task.id;
  });

  it('finds the task through the menu drawer and the ledger cards, and signs for it', async () => {
    await login('lianluo');
    await shot('60-phone-home', false);
    await tap(walk.page.getByTestId('nav-open'));
    await tap(walk.page.locator('.ant-drawer').getByRole('menuitem', { name: '工作台账' }));
    const card = walk.page.getByTestId('ledger-card').filter({ hasText: TITLE });
    await card.waitFor();
    await shot('61-phone-ledger', false);
    await tap(card);
    await walk.page.locator('.page-header h4', { hasText: TITLE }).waitFor();
    await tap(walk.page.locator('.page-header').getByRole('button', { name: '签收', exact: true }));
    await tap(walk.page.locator('.ant-popconfirm').getByRole('button', { name: '签收' }));
    await toast('已签收').waitFor();
  });

  it('reports progress with a photo taken by the camera', async () => {
    await tap(walk.page.locator('.page-header').getByRole('button', { name: '反馈进度' }));
    await dialog().getByLabel('进展情况').fill('东关小区管网开挖完成 60%，西关小区完成设计。');
    const chooser = walk.page.waitForEvent('filechooser');
    await tap(dialog().getByRole('button', { name: '拍照上传' }));
    const photo = png(64, 48, (x, y) => [40 + x * 3, 120 + y, 200 - x]);
    await (await chooser).setFiles({ name: '现场.png', mimeType: 'image/png', buffer: photo });
    await dialog().locator('.ant-upload-list-item-done').waitFor();
    await shot('62-phone-report', false);
    await tap(dialog().getByRole('button', { name: '提交反馈' }));
    await toast('已提交进度反馈').or(toast('反馈')).first().waitFor();
    await dialog().waitFor({ state: 'detached' });
    expect(await reportsOf(taskId)).toBe(1);
  });

  it('keeps a report written with no signal and sends it once when the signal returns', async () => {
    await tap(walk.page.locator('.page-header').getByRole('button', { name: '反馈进度' }));
    await walk.page.context().setOffline(true);
    await dialog().getByLabel('进展情况').fill('在地下车库无信号：东关小区管网开挖完成 80%。');
    await tap(dialog().getByRole('button', { name: '提交反馈' }));
    await toast('已保存在本机').waitFor();
    const outbox = walk.page.getByTestId('outbox');
    await expect.poll(() => outbox.textContent()).toBe('1');
    await shot('63-phone-offline', false);
    expect(await reportsOf(taskId)).toBe(1);
    await walk.page.context().setOffline(false);
    await toast('已发送离线保存的 1 条进度反馈').waitFor();
    await outbox.waitFor({ state: 'detached' });
    expect(await reportsOf(taskId)).toBe(2);
    // A reload flushes again: nothing is left to send, nothing is sent twice.
    await walk.page.reload();
    await walk.page.locator('.page-header h4', { hasText: TITLE }).waitFor();
    await walk.page.waitForTimeout(1000);
    expect(await reportsOf(taskId)).toBe(2);
  });

  it('requests closing in a full-screen dialog', async () => {
    await tap(walk.page.locator('.page-header').getByRole('button', { name: '申请销号' }));
    await dialog().getByLabel('完成情况').fill('两个小区雨污分流改造完工，已通过街道组织的验收。');
    await shot('64-phone-closing', false);
    await tap(dialog().getByRole('button', { name: '提交销号申请' }));
    await dialog().waitFor({ state: 'detached' });
    const office = await apiAs('duchashi');
    expect((await json<{ status: string }>(await office.get(`/api/v1/tasks/${taskId}`))).status).toBe('closing_requested');
  });

  it('signs the urge sheet from the home page', async () => {
    await tap(walk.page.getByTestId('nav-open'));
    await tap(walk.page.locator('.ant-drawer').getByRole('menuitem', { name: /工作台$/ }));
    const sheet = walk.page.locator('.today-sheet', { hasText: URGED }).filter({ hasText: '工作催办单' });
    await tap(sheet.getByRole('button', { name: /签收/ }));
    await toast(/已签收/).waitFor();
    await sheet.waitFor({ state: 'detached' });
    await shot('65-phone-signed', false);
    expect(walk.pageErrors).toEqual([]);
  });

  it('reads a long ledger ten cards at a time, each 加载更多 fetching the next', async () => {
    const office = await apiAs('duchashi');
    for (let i = 1; i <= 9; i++) {
      const task = await json<{ id: number }>(
        await office.post('/api/v1/tasks', { data: { ...base, title: `城关街道第 ${i} 项民生实事`, deadline: `2026-04-${10 + i}`, milestones: [] } }),
      );
      await json(await office.post(`/api/v1/tasks/${task.id}/assign`, { data: {} }));
    }
    const { total } = await json<{ total: number }>(await (await apiAs('lianluo')).get('/api/v1/tasks?pageSize=1'));
    expect(total).toBeGreaterThan(10);
    expect(total).toBeLessThanOrEqual(20);
    await tap(walk.page.getByTestId('nav-open'));
    await tap(walk.page.locator('.ant-drawer').getByRole('menuitem', { name: '工作台账' }));
    const cards = walk.page.getByTestId('ledger-card');
    const count = walk.page.getByTestId('ledger-cards-count');
    await expect.poll(() => count.textContent()).toBe(`已显示 10 项，共 ${total} 项`);
    expect(await cards.count()).toBe(10);
    await tap(walk.page.getByRole('button', { name: '加载更多' }));
    await expect.poll(() => count.textContent()).toBe(`已显示 ${total} 项，共 ${total} 项`);
    const titles = await cards.locator('.ledger-card-title').allTextContents();
    expect(new Set(titles).size).toBe(total);
    expect(await walk.page.getByRole('button', { name: '加载更多' }).count()).toBe(0);
    await count.scrollIntoViewIfNeeded();
    await shot('66-phone-ledger-more', false);
    expect(walk.pageErrors).toEqual([]);
  });
});
