import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Walk } from './browser.js';
import { json } from './server.js';

// 单位之星: a unit liaison nominates their unit (the form at 390 px, as on a phone), the office shortlists it and records
// the vote that makes it a star, and the winner appears in the unit's history (组织机构 → 荣誉). A county leader
// nominates a unit of their portfolio. Then 亮点工作.

const walk = new Walk({ LUOSHI_SCANNER: '0', LUOSHI_NOW: '2026-03-20T10:00:00+08:00' });
const { url, apiAs, login, logout, openMenu, shot, clickSettled, submitDialog, dialog, chooseUnit, pageErrors } = walk;
let page: Page;
let unitName: string;
const CITATION = '秸秆禁烧实现“零火点”，综合利用率达 95%';
const LEADER_CITATION = '调研中看到征迁攻坚一线推进扎实，群众工作细致';

beforeAll(async () => {
  page = walk.page;
  const liaison = await apiAs('lianluo');
  unitName = (await json<{ user: { unit: { name: string } } }>(await liaison.get('/api/v1/auth/me'))).user.unit.name;
});

describe('stars', () => {
  it('a unit liaison nominates their unit, on a phone-sized window', async () => {
    await login('lianluo');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url('/stars'));
    await page.locator('.page-header h4', { hasText: '单位之星 · 干部之星' }).waitFor();
    await clickSettled(page.getByRole('button', { name: '推荐之星' }));
    await dialog().getByText(unitName).waitFor();
    // Nothing typed: the form says what is missing, nothing is sent.
    await dialog().getByRole('button', { name: '推荐' }).click();
    await dialog().getByText('请填写事迹（推荐理由）').waitFor();
    await dialog().getByLabel('事迹').fill(CITATION);
    await dialog().getByLabel('佐证材料').fill('县委办督查通报〔2026〕7号');
    await shot('stars-nominate-390', false);
    await submitDialog('推荐');
    await page.getByTestId('star-card').filter({ hasText: CITATION }).getByText('已推荐').waitFor();
    await shot('stars-unit-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot('stars-unit-1440');
    await logout();
  });

  it('a county leader nominates a unit of their portfolio, and is shown as its nominator', async () => {
    const other = (await json<{ user: { unit: { name: string } } }>(await (await apiAs('lianluo2')).get('/api/v1/auth/me'))).user.unit.name;
    const leader = (await json<{ user: { displayName: string } }>(await (await apiAs('lingdao')).get('/api/v1/auth/me'))).user.displayName;
    await login('lingdao');
    await openMenu('单位之星 · 干部之星');
    await clickSettled(page.getByRole('button', { name: '推荐之星' }));
    await dialog().getByText('可推荐分管单位及其下属单位').waitFor();
    await chooseUnit(dialog().getByLabel('单位', { exact: true }), other);
    await dialog().getByLabel('事迹').fill(LEADER_CITATION);
    await dialog().getByLabel('佐证材料').fill('县领导调研督导情况（2026年3月）');
    await shot('stars-leader-nominate-1440', false);
    await submitDialog('推荐');
    const row = page.locator('.ant-table-row', { hasText: LEADER_CITATION });
    await row.getByText(other).waitFor();
    await row.getByText(leader).waitFor();
    await shot('stars-leader-1440');
    await logout();
  });

  it('the office shortlists it and records the vote; the star shows in the unit’s history', async () => {
    await login('duchashi');
    await openMenu('单位之星 · 干部之星');
    const row = page.locator('.ant-table-row', { hasText: CITATION });
    await clickSettled(row.getByRole('button', { name: '入围', exact: true }));
    await row.getByText('已入围').waitFor();
    await clickSettled(row.getByRole('button', { name: '评定', exact: true }));
    await dialog().getByText('投票表决').click();
    // A vote that does not reach half is refused with the count named.
    await dialog().getByLabel('赞成').fill('4');
    await dialog().getByLabel('反对').fill('5');
    await dialog().getByLabel('弃权').fill('0');
    await dialog().getByRole('button', { name: '保存评定' }).click();
    await dialog().getByText('赞成票 4 未超过投票总数 9 的半数，不能评为之星').first().waitFor();
    await dialog().getByLabel('赞成').fill('9');
    await dialog().getByLabel('反对').fill('1');
    await dialog().getByLabel('说明').fill('县委常委扩大会议投票表决');
    await shot('stars-decide-1440', false);
    await submitDialog('保存评定');
    await row.getByText('获评').waitFor();
    await row.getByText('投票表决：赞成 9、反对 1、弃权 0').waitFor();
    await shot('stars-office-1440');

    await openMenu('组织机构');
    await page.getByPlaceholder('按名称或编码查找单位').fill(unitName);
    await page.locator('.ant-tree').getByText(unitName, { exact: true }).first().click();
    const honours = page.getByTestId('unit-honours');
    await honours.getByText(CITATION).waitFor();
    await honours.getByText('2026年3月').waitFor();
    await honours.scrollIntoViewIfNeeded();
    await shot('stars-unit-history-1440');
  });

  it('a unit puts forward highlight work and the office selects it with a reason', async () => {
    const liaison = await apiAs('lianluo');
    const me = await json<{ user: { unit: { id: number } } }>(await liaison.get('/api/v1/auth/me'));
    await json(
      await liaison.post('/api/v1/highlights', {
        data: {
          cycle: 'month',
          period: '2026-03',
          unitId: me.user.unit.id,
          title: '“拿地即开工”审批改革',
          description: '审批时限压缩 60%',
          evidence: '县政府通报',
        },
      }),
    );
    await openMenu('亮点工作');
    const row = page.locator('.ant-table-row', { hasText: '“拿地即开工”审批改革' });
    await clickSettled(row.getByRole('button', { name: '入选', exact: true }));
    await dialog().getByLabel('理由').fill('做法有创新、成效可量化，在全县推广');
    await submitDialog('入选');
    await row.getByText('做法有创新、成效可量化，在全县推广').waitFor();
    await shot('highlights-office-1440');
  });

  it('a cadre star shows under the person on the people page (荣誉)', async () => {
    const liaison = await apiAs('lianluo');
    const me = await json<{ user: { unit: { id: number; name: string } } }>(await liaison.get('/api/v1/auth/me'));
    const people = await json<{ items: { id: number; name: string; unitName: string }[] }>(
      await liaison.get(`/api/v1/people?unitId=${me.user.unit.id}&pageSize=5`),
    );
    const cadre = people.items[0]!;
    const n = await json<{ id: number }>(
      await liaison.post('/api/v1/stars/nominations', {
        data: {
          period: '2026-03',
          kind: 'cadre',
          unitId: me.user.unit.id,
          personId: cadre.id,
          citation: '驻村蹲点 40 天，协调解决灌溉水源问题',
          evidence: '党组会议推荐意见',
        },
      }),
    );
    const office = await apiAs('duchashi');
    await json(await office.post(`/api/v1/stars/nominations/${n.id}/shortlist`, { data: { version: 1 } }));
    await json(
      await office.post(`/api/v1/stars/nominations/${n.id}/decide`, { data: { version: 2, award: true, method: 'meeting', note: '县委常委扩大会议研究确定' } }),
    );

    await openMenu('人员');
    await page.getByPlaceholder('姓名、职务或电话').fill(cadre.name);
    await page.getByPlaceholder('姓名、职务或电话').press('Enter');
    const row = page.locator('.ant-table-row', { hasText: cadre.name }).first();
    await row.waitFor();
    await row.getByRole('button', { name: /展开/ }).click();
    await page.locator('.person-honours').getByText('驻村蹲点 40 天，协调解决灌溉水源问题').waitFor();
    await shot('stars-person-honours-1440');
    expect(pageErrors).toEqual([]);
  });
});
