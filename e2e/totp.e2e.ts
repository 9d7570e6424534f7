// The second factor in the browser: a user binds an authenticator (the test computes the codes from the secret the
// page shows), logs out and back in with a code; the security admin sees and resets it, and turns the policy on.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totpCode } from '../src/modules/auth/totp.js';
import { PHONE, Walk } from './browser.js';

// The server's clock is pinned, so the test knows which codes the server accepts: the current step and the next.
const NOW = new Date('2026-03-25T09:00:00+08:00');
const walk = new Walk({ LUOSHI_NOW: NOW.toISOString() });
const { login, logout, openMenu, shot, confirm, pageErrors } = walk;
let page: Page;
beforeAll(() => {
  page = walk.page;
});

describe('动态口令', () => {
  let key: Buffer;

  it('binds an authenticator on the 账号安全 page and shows the recovery codes once', async () => {
    await login('xiaoneng');
    // The user menu opens on hover; on a busy machine the header may render again under the pointer, so hover until it shows.
    const menuItem = page.getByRole('menuitem', { name: '账号安全' });
    await expect
      .poll(
        async () => {
          await page.mouse.move(0, 0);
          await page.getByTestId('current-user').hover();
          return menuItem.isVisible();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    await menuItem.click();
    await page.getByRole('button', { name: '开始绑定动态口令' }).waitFor();
    await shot('totp-01-security-off');
    await page.getByRole('button', { name: '开始绑定动态口令' }).click();
    await page.getByAltText('动态口令绑定二维码').waitFor();
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    key = base32Decode(secret)!;
    expect(key.length).toBe(20);
    await shot('totp-02-enrol');
    await page.getByPlaceholder('6 位动态口令').fill('000000');
    await page.getByRole('button', { name: '确认绑定' }).click();
    await page.getByText('动态口令不正确或已使用').waitFor();
    await page.getByPlaceholder('6 位动态口令').fill(totpCode(key, NOW));
    await page.getByRole('button', { name: '确认绑定' }).click();
    const codes = page.getByTestId('recovery-codes').locator('.recovery-code');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await shot('totp-03-recovery-codes');
    await page.getByRole('button', { name: '我已妥善保存' }).click();
    expect(await page.getByTestId('recovery-left').innerText()).toBe('10');
    await shot('totp-04-enabled');
    await logout();
  });

  it('asks for the code after the password, on a desktop and on a phone', async () => {
    await login('xiaoneng', undefined, false);
    await page.getByText('动态口令验证').waitFor();
    await shot('totp-05-login-step');
    await page.setViewportSize(PHONE);
    await shot('totp-06-login-step-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
    // The code the enrolment used is spent; the next step's code is within the window.
    await page.getByPlaceholder('6 位动态口令').fill(totpCode(key, NOW));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.getByText('动态口令或恢复码不正确').waitFor();
    await shot('totp-07-login-step-wrong');
    await page.getByPlaceholder('6 位动态口令').fill(totpCode(key, new Date(NOW.getTime() + 30_000)));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByTestId('current-user').innerText()).not.toBe('');
    await logout();
  });

  it('lets the security admin reset it, and require it: then the admin too must bind first', async () => {
    await login('anquan');
    await openMenu('账号管理');
    const row = page.getByRole('row', { name: /xiaoneng/ });
    await row.getByText('动态口令').first().waitFor();
    await shot('totp-08-accounts');
    await confirm(row.getByRole('button', { name: '重置动态口令' }), '重置');
    await row.getByRole('button', { name: '重置动态口令' }).waitFor({ state: 'detached' });

    await openMenu('安全策略');
    await page.getByRole('switch').click();
    await shot('totp-09-policy');
    await page.getByRole('button', { name: '保存策略' }).click();
    await page.getByText('安全策略已保存').waitFor();
    await page.reload();
    await page.getByText('安全策略要求您的角色使用双因素认证').waitFor();
    await shot('totp-10-forced-enrolment');
    expect(pageErrors).toEqual([]);
  });
});
