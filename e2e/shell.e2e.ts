import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Walk } from './browser.js';

const walk = new Walk();
const { url, login, logout, openMenu, dialog, shot, pageErrors } = walk;
let page: Page;
beforeAll(() => {
  page = walk.page;
});

describe('the admin shell', () => {
  it('lets the three administrators set up a unit and an account, and the new user change the password', async () => {
    // System administrator: a unit and an account.
    await page.goto(url());
    await page.getByText('用户登录').waitFor();
    await shot('01-login');
    await login('admin');
    await page.getByText('快捷入口').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toBe('系统管理员');
    await shot('02-home-sysadmin');

    await openMenu('组织机构');
    await page
      .locator('.ant-tree')
      .getByText(/县直单位（\d+）/)
      .waitFor();
    await page.getByRole('button', { name: '新增单位' }).click();
    await dialog().getByLabel('单位编码').fill('D999');
    await dialog().getByLabel('单位名称').fill('县数据局');
    await dialog().getByRole('button', { name: '确定' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.locator('.ant-tree').getByText('县数据局').waitFor();
    await page.locator('.ant-descriptions').getByText('D999').waitFor();
    await shot('03-units');

    await openMenu('账号管理');
    await page.getByRole('button', { name: '新建账号' }).click();
    await dialog().getByLabel('账号').fill('zhangsan');
    await dialog().getByLabel('姓名').fill('张三');
    await dialog().getByLabel('初始密码').fill('Chushi@2026x');
    await dialog().getByRole('button', { name: '创建' }).click();
    await dialog().waitFor({ state: 'detached' });
    const zhangsanRow = page.getByRole('row', { name: /zhangsan/ });
    await zhangsanRow.getByText('需改密').waitFor();
    await shot('04-accounts-sysadmin');
    await logout();

    // Security administrator: grants the role.
    await login('anquan');
    await openMenu('账号管理');
    await zhangsanRow.getByRole('button', { name: '分配角色' }).click();
    await dialog().getByLabel('督查室').check();
    await shot('05-roles-secadmin', false);
    await dialog().getByRole('button', { name: '保存' }).click();
    await dialog().waitFor({ state: 'detached' });
    await zhangsanRow.getByText('督查室').waitFor();
    await logout();

    // The new user must change the initial password before anything else.
    await login('zhangsan', 'Chushi@2026x', false);
    await page.getByText('首次登录或密码已被管理员重置').waitFor();
    await shot('06-change-password');
    await page.getByLabel('当前密码').fill('Chushi@2026x');
    await page.getByLabel('新密码', { exact: true }).fill('Xinmima#2026');
    await page.getByLabel('确认新密码').fill('Xinmima#2026');
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.getByText('待我办理').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toBe('张三');
    expect(await page.locator('.app-header').getByText('督查室').count()).toBe(1);
    await shot('07-home-office');
    await logout();

    // Audit administrator: sees who created which unit, its business values masked (三员分立), and finds the chain intact.
    await login('shenji');
    await openMenu('审计日志');
    await page.getByLabel('对象').fill('unit');
    await page.getByRole('button', { name: '查询' }).click();
    const creation = page.getByRole('row', { name: /新增单位.*县数据局/ });
    await creation.waitFor();
    await creation.getByRole('button', { name: /展开/ }).click();
    await page
      .locator('.audit-json')
      .getByText(/"code": "\*\*\*"/)
      .first()
      .waitFor();
    await shot('08-audit');
    await page.getByRole('button', { name: '校验完整性' }).click();
    await dialog().getByText('校验通过，审计日志完整').waitFor();
    await shot('09-audit-verify', false);

    expect(pageErrors).toEqual([]);
  });
});
