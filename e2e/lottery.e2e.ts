import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Walk } from './browser.js';
import { json } from './server.js';

// 抽签述职: the office publishes March's candidates and commitment on the list page, draws at the meeting on the
// full-screen page (with a number read out in the room), and everyone sees the result verified.

const walk = new Walk({ LUOSHI_SCANNER: '0', LUOSHI_NOW: '2026-03-06T09:00:00+08:00' });
const { url, apiAs, login, logout, openMenu, shot, clickSettled, pageErrors } = walk;
let page: Page;
beforeAll(async () => {
  page = walk.page;
  // January and February were drawn already.
  const office = await apiAs('duchashi');
  for (const [month, number] of [
    ['2026-01', '3306'],
    ['2026-02', '0915'],
  ]) {
    await json(await office.post(`/api/v1/lottery/months/${month}/commit`));
    await json(await office.post(`/api/v1/lottery/months/${month}/draw`, { data: { publicInput: number } }));
  }
});

interface Draw {
  id: number;
  period: string;
  state: string;
  result: { unitName: string; group: string }[] | null;
  verification: { ok: boolean };
}

describe('the lottery', () => {
  it('the office publishes the candidates, then draws on the meeting screen', async () => {
    await login('duchashi');
    await openMenu('抽签述职');
    await page.locator('.ant-table-row', { hasText: '2026年2月' }).waitFor();
    await clickSettled(page.getByRole('button', { name: '公布候选名单' }));
    await clickSettled(page.locator('.ant-modal-confirm').getByRole('button', { name: '公布' }));
    const march = page.locator('.ant-table-row', { hasText: '2026年3月' });
    await march.getByText('已公布候选名单').waitFor();
    await march.getByText('承诺值已公布').waitFor();
    await shot('lottery-list-office');

    await march.getByRole('link', { name: '会场抽签' }).click();
    await page.locator('.lottery-screen-title', { hasText: '2026年3月 抽签述职' }).waitFor();
    // Units drawn in January and February are not candidates in March (3 months' window).
    const office = await apiAs('duchashi');
    const draws = (await json<{ items: Draw[] }>(await office.get('/api/v1/lottery/draws'))).items;
    const recent = draws.filter((d) => d.state === 'drawn').flatMap((d) => d.result!.map((r) => r.unitName));
    expect(recent).toHaveLength(8);
    const chips = await page.locator('.lottery-chip').allTextContents();
    for (const name of recent) expect(chips).not.toContain(name);

    for (const size of [
      { width: 1920, height: 1080 },
      { width: 1440, height: 900 },
    ]) {
      await page.setViewportSize(size);
      await shot(`lottery-screen-candidates-${size.width}`, false);
    }
    await page.getByPlaceholder('现场公开数字（可不填）').fill('2718');
    await page.getByRole('button', { name: '开始抽签' }).click();
    await page.locator('.lottery-chip.lit').first().waitFor();
    await shot('lottery-screen-shuffling-1440', false);
    await page.locator('.lottery-result').waitFor({ timeout: 15_000 });

    const drawn = (await json<{ items: Draw[] }>(await office.get('/api/v1/lottery/draws'))).items.find((d) => d.period === '2026-03');
    expect(drawn?.verification.ok).toBe(true);
    const shown = await page.locator('.lottery-result-name').allTextContents();
    expect(shown).toHaveLength(4);
    for (const r of drawn!.result!) expect(shown.some((s) => s.endsWith(r.unitName))).toBe(true);
    await page.locator('.lottery-proof', { hasText: '校验通过' }).waitFor();
    await shot('lottery-screen-result-1440', false);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot('lottery-screen-result-1920', false);
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.locator('.lottery-screen-tools').getByRole('button', { name: /退出/ }).click();
    await page.locator('.ant-table-row', { hasText: '2026年3月' }).getByText('已校验').waitFor();
    await logout();
  }, 120_000);

  it('a unit sees the draws, their candidates and results, and cannot draw', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await login('lianluo');
    await page.goto(url('/lottery'));
    // On a phone each month is a card, its drawn units first.
    const march = page.locator('.lottery-card', { hasText: '2026年3月' });
    await march.getByText('已校验').waitFor();
    expect(await march.locator('.ant-tag').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByRole('button', { name: '公布候选名单' }).count()).toBe(0);
    await shot('lottery-list-unit-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
