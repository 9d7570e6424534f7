import type { APIRequestContext, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { png, Walk } from './browser.js';
import { json } from './server.js';

// The acceptance walk: the office creates and assigns a task, the unit signs and reports with a photo,
// the ledger lights it blue; eight days later (same database, the server's clock moved on) it is red and overdue.

const MARCH_25 = '2026-03-25T09:00:00+08:00';
const APRIL_2 = '2026-04-02T09:00:00+08:00';
// The other tasks were handed over earlier in March: a deadline may not lie before the handover.
const MARCH_10 = '2026-03-10T09:00:00+08:00';
const TITLE = '推进城关街道老旧小区改造';

const walk = new Walk({ LUOSHI_NOW: MARCH_25 });
const { url, restart, apiAs, login, logout, openMenu, dialog, shot, shotDialog, clickSettled, chooseUnit, pickDate, pageErrors } = walk;
let page: Page;
beforeAll(() => {
  page = walk.page;
});

const option = (text?: string) => page.locator('.ant-select-item-option:visible', text ? { hasText: text } : {}).first();

// Pick an option of an antd Select, found by its field's label or as a locator.
async function choose(select: string | Locator, text?: string) {
  const control = typeof select === 'string' ? page.getByLabel(select, { exact: true }) : select;
  await control.click();
  await clickSettled(option(text));
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

// Answer a Popconfirm opened by a button in the page header.
async function confirmAction(label: string) {
  await page.locator('.page-header').getByRole('button', { name: label }).click();
  await clickSettled(page.locator('.ant-popconfirm:visible').getByRole('button', { name: label }));
}

const ledgerRow = (title: string) => page.locator('.ant-table-row', { hasText: title });

// ---- A small real photo: a street scene.

function scenePng(width = 480, height = 320): Buffer {
  return png(width, height, (x, y) => {
    let rgb: readonly number[];
    if (y < height * 0.55)
      rgb = [120 + (y * 80) / height, 170 + (y * 60) / height, 235]; // sky
    else rgb = [150, 150, 145]; // road
    // Three apartment blocks with windows.
    for (const [left, top, w] of [
      [40, 70, 110],
      [185, 40, 120],
      [340, 90, 100],
    ] as const) {
      if (x >= left && x < left + w && y >= top && y < height * 0.62) {
        const window = (x - left) % 22 > 6 && (x - left) % 22 < 16 && (y - top) % 26 > 8 && (y - top) % 26 < 18;
        rgb = window ? [250, 225, 140] : [205, 120, 90];
      }
    }
    if (y > height * 0.8 && y < height * 0.82 && x % 40 < 22) rgb = [250, 250, 250]; // lane marks
    return rgb;
  });
}

// ---- Other items on the ledger, set up through the API so the page shows every light.

async function seedLedger() {
  const office = await apiAs('duchashi');
  const unit = await apiAs('lianluo');
  const units = (await json<{ items: { id: number; name: string }[] }>(await office.get('/api/v1/units'))).items;
  const leaders = (await json<{ items: { id: number; name: string; units: { id: number }[] }[] }>(await office.get('/api/v1/leaders'))).items;
  const categories = (await json<{ items: { id: number; name: string }[] }>(await office.get('/api/v1/task-categories'))).items;
  const unitId = (name: string) => units.find((u) => u.name === name)!.id;
  const leaderOf = (id: number) => leaders.find((l) => l.units.some((u) => u.id === id))?.id ?? null;
  const categoryId = (name: string) => categories.find((c) => c.name === name)!.id;

  async function create(title: string, lead: string, extra: Record<string, unknown>) {
    const leadUnitId = unitId(lead);
    const body = {
      title,
      source: 'meeting',
      leadUnitId,
      leadLeaderId: leaderOf(leadUnitId),
      startDate: '2026-03-01',
      period: '2026-03',
      responsibleName: '',
      ...extra,
    };
    return (await json<{ id: number }>(await office.post('/api/v1/tasks', { data: body }))).id;
  }
  const act = async (ctx: APIRequestContext, id: number, action: string) => json(await ctx.post(`/api/v1/tasks/${id}/${action}`, { data: {} }));

  const red = await create('开展春季爱国卫生运动集中整治', '东城街道', {
    deadline: '2026-03-20',
    categoryId: categoryId('民生保障'),
    source: 'leader_instruction',
    tags: ['爱国卫生'],
  });
  await act(office, red, 'assign');
  const yellow = await create('推进重点项目前期手续办理', '县发展和改革委员会', {
    deadline: '2026-03-27',
    categoryId: categoryId('项目建设'),
    level: 'major',
    tags: ['10+N'],
  });
  await act(office, yellow, 'assign');
  await create('筹备全县一季度经济运行分析会', '县委办公室', { deadline: '2026-04-10', categoryId: categoryId('工业经济'), source: 'major_decision' });
  // Closed through a closing request and the joint review of the three offices (三部联审).
  const green = await create('城关街道背街小巷路灯修复', '城关街道', {
    deadline: '2026-03-24',
    categoryId: categoryId('城市建设'),
    source: 'deputy_suggestion',
  });
  await act(office, green, 'assign');
  for (const a of ['sign', 'start']) await act(unit, green, a);
  const request = await json<{ id: number }>(
    await unit.post(`/api/v1/tasks/${green}/closing-requests`, { data: { summary: '32 盏路灯全部修复并通过验收', finishedOn: '2026-03-10' } }),
  );
  for (const reviewer of [office, await apiAs('xiaoneng'), await apiAs('kaoheban')]) {
    await json(await reviewer.post(`/api/v1/closing-requests/${request.id}/reviews`, { data: { decision: 'approve', comment: '' } }));
  }
  const weekly = await create('城关街道农贸市场提升改造', '城关街道', {
    deadline: '2026-04-30',
    categoryId: categoryId('民生保障'),
    reportCadence: { kind: 'weekly', weekday: 5 },
    tags: ['民生实事'],
  });
  await act(office, weekly, 'assign');
  await act(unit, weekly, 'sign');
  const blue = await create('优化营商环境“一网通办”提升行动', '县行政审批服务局', {
    deadline: '2026-05-31',
    categoryId: categoryId('营商环境'),
    level: 'major',
    source: 'weekly_10n',
  });
  await act(office, blue, 'assign');
  await office.dispose();
  await unit.dispose();
}

describe('the task ledger', () => {
  it('walks a task from the office to the unit and lights it blue, then red once overdue', async () => {
    await restart(MARCH_10);
    await seedLedger();
    await restart(MARCH_25);

    // 督查室 creates the task through the form.
    await login('duchashi');
    await openMenu('工作台账');
    await page.getByRole('button', { name: '新建事项' }).click();
    await page.locator('.page-header h4', { hasText: '新建事项' }).waitFor();
    await page.getByLabel('工作任务').fill(TITLE);
    await page.getByLabel('具体内容').fill('对城关街道建成于 2000 年以前的 3 个老旧小区实施改造，完成雨污分流、外墙保温和道路硬化。');
    await choose('来源', '会议议定');
    await choose('类别', '城市建设');
    await page.getByLabel('标签').fill('民生实事');
    await page.getByLabel('标签').press('Enter');
    await chooseUnit(page.getByLabel('牵头单位'), '城关街道');
    // The leader in charge of the unit comes with it.
    await page.locator('.ant-form-item', { hasText: '责任领导' }).getByText('潘丽斌').waitFor();
    await choose('责任人');
    await expect.poll(() => page.getByLabel('联系电话').inputValue()).toMatch(/^1\d{10}$/);
    await page.getByRole('button', { name: '添加配合单位' }).click();
    await chooseUnit(page.locator('.form-list').first().locator('.ant-select input').first(), '县住房和城乡建设局');
    await page.getByPlaceholder('该单位的分工，如：负责资金保障').fill('负责技术指导和竣工验收');
    await pickDate(page.getByLabel('完成时限'), '2026-03-31');
    await page.getByRole('button', { name: '添加关键节点' }).click();
    await page.getByPlaceholder('节点名称，如：完成改造方案').fill('完成改造方案审批');
    await pickDate(page.getByPlaceholder('节点时间'), '2026-03-28');
    await page.getByLabel('每周', { exact: true }).check();
    await page.getByLabel('工作标准').fill('3 个小区全部完成改造，经住建部门竣工验收合格，居民满意度不低于 90%。');
    await page.getByRole('button', { name: '添加量化指标' }).click();
    await page.getByPlaceholder('指标，如：改造小区数').fill('完成改造小区');
    await page.getByPlaceholder('目标值').fill('3');
    await page.getByPlaceholder('单位，如：个').fill('个');
    // The footer bar sticks to the window's foot; at the end of the page it sits under the last section.
    await page.mouse.wheel(0, 5000);
    await shot('10-task-form');
    await page.getByRole('button', { name: '保存', exact: true }).click();

    // The task page: draft, then 交办.
    await page.locator('.page-header h4', { hasText: TITLE }).waitFor();
    await page.locator('.page-header').getByText('草拟').waitFor();
    await confirmAction('交办');
    await page.locator('.page-header').getByText('已交办').waitFor();
    await page
      .locator('.sheet-item')
      .getByText(/督〔2026〕\d+号/)
      .waitFor();
    expect(
      await page
        .locator('.sheet-item')
        .getByRole('link', { name: /下载Word/ })
        .getAttribute('href'),
    ).toMatch(/\/sheets\/\d+\/docx$/);
    const taskPath = new URL(page.url()).pathname;
    await logout();

    // 城关街道联络员 signs for it and reports progress with a photo.
    await login('lianluo');
    await page.goto(url(taskPath));
    await page.locator('.page-header h4', { hasText: TITLE }).waitFor();
    await confirmAction('签收');
    await page.locator('.page-header').getByText('已签收').waitFor();
    await page.locator('.page-header').getByRole('button', { name: '反馈进度' }).click();
    await dialog().getByLabel('进展情况').fill('3 个小区改造方案已通过街道党工委会审议，1 号小区雨污分流管网已开工，完成总工程量的 40%。');
    await dialog().getByLabel('完成百分比').fill('40');
    await dialog().getByLabel('存在问题').fill('2 号小区部分居民对外墙保温施工时间有意见，正在逐户沟通。');
    await dialog().getByLabel('需协调事项').fill('请县住建局尽快派员对改造方案进行技术审查。');
    await dialog().getByRole('button', { name: '登记已完成的关键节点' }).click();
    await choose(dialog().locator('.ant-select', { hasText: '完成的节点' }), '完成改造方案审批');
    await dialog().locator('.ant-select', { hasText: '完成改造方案审批' }).waitFor();
    await dialog().getByPlaceholder('佐证（如：方案已印发，文号…）').fill('城关街道党工委会议纪要〔2026〕5号');
    await dialog()
      .getByLabel(/完成改造小区/)
      .fill('1');
    await dialog().locator('input[type=file]').setInputFiles({ name: '1号小区施工现场.png', mimeType: 'image/png', buffer: scenePng() });
    await dialog().locator('.ant-upload-list-item-done', { hasText: '1号小区施工现场.png' }).waitFor();
    await shotDialog('11-report-dialog');
    await dialog().getByRole('button', { name: '提交反馈' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.locator('.page-header').getByText('推进中').waitFor();
    const thumbnail = page.locator('img.report-photo');
    await thumbnail.waitFor();
    expect(await thumbnail.getAttribute('src')).toMatch(/\/attachments\/\d+\?thumbnail=1$/);
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await shot('12-task-page');
    // Clicking the thumbnail opens the full photo.
    await thumbnail.click();
    const full = page.locator('.ant-image-preview img');
    await full.waitFor();
    expect(await full.getAttribute('src')).toMatch(/\/attachments\/\d+$/);
    await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
    await page.keyboard.press('Escape');
    await full.waitFor({ state: 'hidden' });

    // The ledger: on schedule, so a blue light.
    await openMenu('工作台账');
    const row = ledgerRow(TITLE);
    await row.waitFor();
    expect(await row.locator('[data-colour]').first().getAttribute('data-colour')).toBe('blue');
    await row.getByText('蓝灯').waitFor();
    await row.getByText('剩余 6 天').waitFor();
    await row.getByText('推进中').waitFor();
    await logout();

    await login('duchashi');
    await openMenu('工作台账');
    await ledgerRow(TITLE).getByText('蓝灯').waitFor();
    await page.locator('.colour-chip[data-colour="blue"] .colour-chip-count').getByText('3').waitFor();
    await shot('13-ledger-blue');

    // Eight days later: the same database, the server's clock on 2 April.
    await restart(APRIL_2);
    await login('duchashi');
    await page.getByText('督查督办概况').waitFor();
    await page.locator('.ant-card', { hasText: '红黄灯事项' }).locator('.overview-item', { hasText: TITLE }).waitFor();
    await shot('14-home-office');

    await openMenu('工作台账');
    const overdueRow = ledgerRow(TITLE);
    await overdueRow.waitFor();
    expect(await overdueRow.locator('[data-colour]').first().getAttribute('data-colour')).toBe('red');
    await overdueRow.getByText('红灯').waitFor();
    await overdueRow.getByText('超期 2 天').waitFor();
    // The weekly report due on Friday 27 March never came: 缺报.
    await ledgerRow('城关街道农贸市场提升改造').getByText('缺报').waitFor();
    // The 超期 switch keeps it, and the filter goes into the address.
    await page.getByRole('switch', { name: '超期' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('overdue')).toBe('true');
    await ledgerRow(TITLE).getByText('超期 2 天').waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(3);
    await page.locator('.colour-chip[data-colour="red"] .colour-chip-count').getByText('3').waitFor();
    await shot('15-ledger-red');

    // Saved filters: keep this view, clear it, bring it back; the export link carries the same filters.
    await page.getByRole('button', { name: '保存当前筛选' }).click();
    await dialog().getByLabel('筛选名称').fill('超期事项');
    await dialog().getByRole('button', { name: '保存' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '重置' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('overdue')).toBeNull();
    await page.getByRole('button', { name: /我的筛选/ }).click();
    await clickSettled(page.getByRole('menuitem', { name: /超期事项/ }));
    await expect.poll(() => new URL(page.url()).searchParams.get('overdue')).toBe('true');
    const exportLink = page.getByRole('link', { name: /导出Excel/ });
    await expect.poll(() => exportLink.getAttribute('href')).toBe('/api/v1/tasks/export?overdue=true');
    const exportHref = await exportLink.getAttribute('href');
    const exported = await page.request.get(url(exportHref!));
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-type']).toContain('spreadsheetml');

    expect(pageErrors).toEqual([]);
  });
});
