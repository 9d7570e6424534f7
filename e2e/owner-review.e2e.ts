// The owning office (归口单位) in the joint closing review, on a phone (390×844): 县发改委's liaison (fagaiwei) finds an
// industry item (工业经济) whose closing the three offices have approved waiting on the home page, opens it from 待我审核,
// sees the offices' decisions and its own seat, approves by touch, and the task closes.
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { PHONE, Walk } from './browser.js';
import { json } from './server.js';

const walk = new Walk({ LUOSHI_NOW: '2026-03-20T10:00:00+08:00', LUOSHI_SCANNER: '0' }, { phone: true });
const { apiAs, login, dialog, toast, shot, pageErrors } = walk;
const TITLE = '推进规上工业企业技术改造';
const OWNER = '县发展和改革委员会';

// Scrolls the control into view, checks all of it is on the screen, then touches it.
async function tap(target: Locator) {
  await target.waitFor();
  await target.scrollIntoViewIfNeeded();
  await walk.page.waitForTimeout(300);
  const box = await target.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
  await target.tap();
}

let taskId = 0;

describe('the owning office reviews a closing on a phone', () => {
  it('sets up: an industry item of 城关街道 filed for closing and approved by the three offices', async () => {
    const office = await apiAs('duchashi');
    const units = await json<{ items: { id: number; code: string }[] }>(await office.get('/api/v1/units'));
    const categories = await json<{ items: { id: number; name: string }[] }>(await office.get('/api/v1/task-categories'));
    const task = await json<{ id: number }>(
      await office.post('/api/v1/tasks', {
        data: {
          title: TITLE,
          description: '',
          source: 'meeting',
          categoryId: categories.items.find((c) => c.name === '工业经济')!.id,
          level: 'general',
          leadLeaderId: null,
          leadUnitId: units.items.find((u) => u.code === 'T01')!.id,
          cooperators: [],
          responsiblePersonId: null,
          responsibleName: '钟海欣',
          responsiblePhone: '13900000001',
          startDate: '2026-03-02',
          deadline: '2026-03-31',
          standard: '完成 5 家企业技术改造并通过验收',
          period: '2026-03',
          milestones: [],
          indicators: [],
          tags: [],
          reportCadence: { kind: 'none' },
        },
      }),
    );
    taskId = task.id;
    await json(await office.post(`/api/v1/tasks/${taskId}/assign`, { data: {} }));
    const unit = await apiAs('lianluo');
    for (const action of ['sign', 'start']) await json(await unit.post(`/api/v1/tasks/${taskId}/${action}`, { data: {} }));
    const request = await json<{ id: number }>(
      await unit.post(`/api/v1/tasks/${taskId}/closing-requests`, { data: { summary: '5 家企业技术改造全部完成并通过验收。', finishedOn: '2026-03-19' } }),
    );
    for (const reviewer of ['kaoheban', 'xiaoneng', 'duchashi']) {
      const as = await apiAs(reviewer);
      const res = await as.post(`/api/v1/closing-requests/${request.id}/reviews`, { data: { decision: 'approve', comment: '' } });
      expect(res.status()).toBe(201);
    }
  });

  it('finds it waiting on the home page, sees every reviewer, approves, and the task closes', async () => {
    await login('fagaiwei');
    const card = walk.page.locator('.ant-card', { hasText: '待我审核' });
    await card.waitFor();
    await shot('70-owner-home', false);
    await tap(card.getByText('销号申请待审核（归口事项）'));
    await tap(walk.page.getByRole('link', { name: TITLE }));
    await walk.page.locator('.page-header h4', { hasText: TITLE }).waitFor();
    const owner = walk.page.locator(`.review-item[data-office="${OWNER}"]`);
    await owner.waitFor();
    expect(await owner.textContent()).toContain('待审核');
    for (const name of ['督查室', '效能监察室', '考核办'])
      expect(await walk.page.locator(`.review-item[data-office="${name}"]`).textContent()).toContain('同意销号');
    await shot('71-owner-review');

    // The button's name carries its icon's label; its text is just 同意.
    await tap(walk.page.locator('.page-header button').filter({ hasText: /^同意$/ }));
    await dialog().getByLabel('审核意见（选填）').fill('技改项目已入库，数据与行业统计一致。');
    await tap(dialog().getByRole('button', { name: '同意销号' }));
    await toast('联审全部同意，事项已销号').waitFor();
    expect(await owner.textContent()).toContain('同意销号');
    await shot('72-owner-approved');
    const office = await apiAs('duchashi');
    expect((await json<{ status: string }>(await office.get(`/api/v1/tasks/${taskId}`))).status).toBe('closed');
    expect(pageErrors).toEqual([]);
  });
});
