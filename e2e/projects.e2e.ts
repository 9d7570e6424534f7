import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { Walk } from './browser.js';
import { json } from './server.js';

// 重点项目 and 影像比绩: the office registers a project and breaks it into steps; the lead unit, on its phone, enters a
// step's actual dates and uploads two site photos whose dates (and place) come from their EXIF; the office sees the
// Gantt of plan against actual, the comparison with its slider, and the meeting-screen slide.

const walk = new Walk({ LUOSHI_SCANNER: '0', LUOSHI_NOW: '2026-03-20T10:00:00+08:00' });
const { url, apiAs, login, logout, shot, submitDialog, dialog, chooseUnit, pageErrors } = walk;
let page: Page;
let unitName: string;
let projectId: number;
const NAME = '城关镇集镇污水管网改造工程';

const sitePhoto = (taken: string, colour: string) =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: colour } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="640" height="480"><rect x="200" y="${taken.endsWith('02-18') ? 330 : 150}" width="240" height="330" fill="#8d8a82"/></svg>`,
        ),
      },
    ])
    .withExif({
      IFD2: { DateTimeOriginal: `${taken.replaceAll('-', ':')} 10:15:00` },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '32/1 45/1 3600/100', GPSLongitudeRef: 'E', GPSLongitude: '118/1 9/1 0/1' },
    })
    .jpeg({ quality: 70 })
    .toBuffer();

beforeAll(async () => {
  page = walk.page;
  const liaison = await apiAs('lianluo');
  unitName = (await json<{ user: { unit: { name: string } } }>(await liaison.get('/api/v1/auth/me'))).user.unit.name;
});

describe('key projects', () => {
  it('the office registers a project and its steps', async () => {
    await login('duchashi');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(url('/projects'));
    await page.locator('.page-header h4', { hasText: '重点项目' }).waitFor();
    await page.getByRole('button', { name: '登记项目' }).click();
    await dialog().getByLabel('项目名称').fill(NAME);
    await dialog().getByLabel('计划总投资（万元）').fill('3200');
    await chooseUnit(dialog().getByLabel('牵头单位'), unitName);
    await dialog().getByLabel('责任人').fill('王建国');
    await dialog().getByLabel('项目地址').fill('城关镇解放路');
    await submitDialog('登记');
    await page.locator('.page-header h4', { hasText: NAME }).waitFor();
    projectId = Number(new URL(page.url()).pathname.split('/').pop());

    const steps = [
      ['管网铺设', '路面开挖', '2026-02-20', '15'],
      ['管网铺设', '管道安装', '2026-03-07', '30'],
      ['恢复及验收', '路面恢复', '2026-04-06', '20'],
    ];
    for (const [phase, name, start, days] of steps) {
      await page.getByRole('button', { name: '增加工序' }).click();
      await dialog().getByLabel('所属部分').fill(phase!);
      await dialog().getByLabel('工序名称').fill(name!);
      await dialog().getByLabel('计划开始').fill(start!);
      await dialog().getByLabel('计划工期（天）').fill(days!);
      await submitDialog('保存');
      await page.locator('.ant-table-row', { hasText: name! }).waitFor();
    }
    // The office's monthly plan, through the API (the page's month dialog does the same).
    const office = await apiAs('duchashi');
    for (const [m, planned] of [
      ['2026-01', 150],
      ['2026-02', 250],
      ['2026-03', 400],
      ['2026-04', 400],
      ['2026-05', 300],
    ] as const) {
      await json(await office.put(`/api/v1/projects/${projectId}/investments/${m}`, { data: { planned, done: null, version: 0 } }));
    }
    // Its first step's node (03-06) has passed undone: yellow.
    await page.reload();
    await page.locator('.page-header').getByText('黄灯').waitFor();
    await logout();
  });

  it('the unit enters actual dates and uploads two dated photos on its phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await login('lianluo');
    await page.goto(url(`/projects/${projectId}`));
    await page.locator('.page-header h4', { hasText: NAME }).waitFor();
    const first = page.locator('.ant-list-item', { hasText: '路面开挖' });
    await first.getByRole('button', { name: '填报' }).click();
    await dialog().getByLabel('实际开始').fill('2026-02-21');
    await dialog().getByLabel('实际完成').fill('2026-03-08');
    await submitDialog('填报');
    await first.getByText('实际 2026-02-21 — 2026-03-08').waitFor();
    const second = page.locator('.ant-list-item', { hasText: '管道安装' });
    await second.getByRole('button', { name: '填报' }).click();
    await dialog().getByLabel('实际开始').fill('2026-03-09');
    await submitDialog('填报');
    await second.getByText('实际 2026-03-09 — 进行中').waitFor();

    for (const [taken, colour] of [
      ['2026-02-18', '#a9c7e6'],
      ['2026-03-18', '#9cc0e8'],
    ] as const) {
      await page.getByRole('button', { name: '上传照片' }).click();
      await dialog()
        .getByLabel('选择照片')
        .setInputFiles({ name: `现场${taken}.jpg`, mimeType: 'image/jpeg', buffer: await sitePhoto(taken, colour) });
      await dialog().getByLabel('位置或说明').fill('解放路段管沟');
      await submitDialog('上传');
      await page.locator('.photo-grid figcaption', { hasText: `${taken}（照片拍摄信息）` }).waitFor();
    }
    // The month's investment, reported by the unit.
    await page.locator('.ant-table-row', { hasText: '2026-02' }).getByRole('button', { name: '填报' }).click();
    await dialog().getByLabel('完成').fill('210');
    await submitDialog('保存');
    await page.locator('.ant-table-row', { hasText: '2026-02' }).getByRole('cell', { name: '210' }).first().waitFor();
    await page.locator('.photo-compare img').first().waitFor();
    await shot('projects-unit-390');
    // On a phone the logout button sits in the drawer; leaving the session behind does the same here.
    await page.context().clearCookies();
  });

  it('the office sees the Gantt, the comparison and the slide', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await login('duchashi');
    await page.goto(url(`/projects/${projectId}`));
    await page.getByRole('img', { name: /工序推进图/ }).waitFor();
    // The slider moves by keyboard as by mouse: the earlier photo now covers the left 30 %.
    await page.locator('.photo-compare input[type="range"]').focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft');
    await page.locator('.photo-grid img').nth(1).waitFor();
    await shot('projects-gantt-1440');

    await page.goto(url('/projects/comparison'));
    await page.locator('.page-header h4', { hasText: '影像比绩' }).waitFor();
    const card = page.locator('.ant-card', { hasText: NAME });
    await card.getByText('上期 2026-02-18').waitFor();
    await card.getByText('本期 2026-03-18').waitFor();
    await shot('projects-comparison-1440');

    await page.getByRole('button', { name: '放映' }).click();
    const slides = page.getByRole('dialog', { name: '放映' });
    await slides.getByRole('heading', { name: new RegExp(NAME) }).waitFor();
    await slides.locator('img').first().waitFor();
    await shot('projects-slide-1440', false);
    await page.keyboard.press('Escape');
    await slides.waitFor({ state: 'detached' });

    const docx = await (await apiAs('duchashi')).get('/api/v1/projects/comparison.docx?period=2026-03');
    expect(docx.status()).toBe(200);
    expect((await docx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
    // Clearing the phone session's cookies can abort the service worker's registration on the next load; not a page error.
    expect(pageErrors.filter((e) => !e.includes('register a ServiceWorker'))).toEqual([]);
  });
});
