import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { SCREENSHOTS, Walk } from './browser.js';
import { json } from './server.js';

// Chasing (督办): a leader-instructed task for 城关街道 is assigned on 2 March and never answered. Ten days later
// (same database, the server's clock moved on, no background scanner) the office scans, sees the warning sheets on
// the board and urges by hand; the ledger shows red, the task page its sheets and overdue time limits. The unit's
// liaison finds the warning in 今日待办 and the bell and signs it. Around it: a second interview of the unit's head
// (flagged for adjustment), the chasing settings, the working calendar and the notification channels.

const MARCH_2 = '2026-03-02T09:00:00+08:00';
const MARCH_12 = '2026-03-12T09:00:00+08:00';
const TITLE = '落实县长批示：整治城关街道占道经营';
const UNIT = '城关街道';

const walk = new Walk({ LUOSHI_NOW: MARCH_2, LUOSHI_SCANNER: '0' });
const { url, restart, apiAs, login, logout, openMenu, dialog, toast, shot, clickSettled, chooseUnit, pickDate, pageErrors } = walk;
let page: Page;
beforeAll(() => {
  page = walk.page;
});

// ---- Set-up through the API, as the office and the leader in charge would do it.

// 2 March: the task is created and assigned; the unit's head had already been interviewed once that day over other work.
async function seedMarch2(): Promise<{ taskId: number; unitId: number }> {
  const office = await apiAs('duchashi');
  const leader = await apiAs('lingdao');
  const units = (await json<{ items: { id: number; name: string }[] }>(await office.get('/api/v1/units'))).items;
  const leaders = (await json<{ items: { id: number; units: { id: number }[] }[] }>(await office.get('/api/v1/leaders'))).items;
  const unitId = units.find((u) => u.name === UNIT)!.id;
  const task = await json<{ id: number }>(
    await office.post('/api/v1/tasks', {
      data: {
        title: TITLE,
        description: '县长批示：城关街道解放路、人民路沿街商户占道经营问题群众反映强烈，请于 3 月 10 日前整治到位。',
        source: 'leader_instruction',
        level: 'general',
        leadUnitId: unitId,
        leadLeaderId: leaders.find((l) => l.units.some((u) => u.id === unitId))?.id ?? null,
        responsibleName: '',
        startDate: '2026-03-02',
        deadline: '2026-03-10',
        period: '2026-03',
        standard: '两条主要街道无占道经营，长效管理机制建立。',
      },
    }),
  );
  await json(await office.post(`/api/v1/tasks/${task.id}/assign`, { data: {} }));

  const first = await json<{ id: number }>(
    await office.post('/api/v1/interviews', {
      data: { unitId, level: 'organisation_head', taskIds: [], reason: '2 月份农村人居环境整治工作经两次催办仍进展缓慢，排名全县末位。' },
    }),
  );
  await json(await leader.post(`/api/v1/interviews/${first.id}/approve`, { data: { note: '同意' } }));
  await json(
    await office.post(`/api/v1/interviews/${first.id}/record`, {
      data: {
        heldOn: '2026-03-02',
        interviewer: '县委组织部部长 周文华',
        findings: '指出人居环境整治排名末位、整改不力等问题，被约谈人表示 3 月底前全部整改到位。',
        commitments: [{ content: '3 月底前完成 12 个村垃圾收运点整改', dueDate: '2026-03-31' }],
      },
    }),
  );
  await office.dispose();
  await leader.dispose();
  return { taskId: task.id, unitId };
}

describe('chasing', () => {
  it('scans, warns and urges an overdue task, and the unit signs the warning', async () => {
    // On failure, the page as it was, to see why.
    onTestFailed(async () => {
      console.error('页面错误：', pageErrors);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'chasing-failure.png'), fullPage: true });
    });
    const { taskId } = await seedMarch2();

    // Ten days later, the same database.
    await restart(MARCH_12);

    // ---- 督查室: the board before and after 立即扫描.
    await login('duchashi');
    await openMenu('督办看板');
    await page.getByText('目前没有督办中的催办单、预警单').waitFor();
    await page.locator('.page-header').getByRole('button', { name: '立即扫描' }).click();
    await page.getByText(/本次扫描督办中的事项 \d+ 项，新签发督办单 \d+ 张/).waitFor();
    const taskRows = page.locator('.ant-table-row', { hasText: TITLE });
    // Not signed on the day, no first report in 3 working days, past its 7-working-day limit and its deadline.
    await expect.poll(() => taskRows.filter({ hasText: '预警单' }).count()).toBe(4);
    await taskRows.filter({ hasText: '限期办结' }).filter({ hasText: '2026-03-11' }).waitFor();
    expect(Number(await page.locator('.sheet-tile[data-kind="warning"] .overview-value').textContent())).toBeGreaterThanOrEqual(4);

    // 再次催办 by hand: a 催办单; a second one the same day is politely refused.
    await taskRows.first().getByRole('button', { name: '再次催办' }).click();
    await dialog().getByLabel('催办说明').fill('请于 3 月 13 日前报送整治进展和下一步措施');
    await dialog().getByRole('button', { name: '签发催办单' }).click();
    await dialog().waitFor({ state: 'detached' });
    await toast('已签发催办单').waitFor();
    await taskRows.filter({ hasText: '催办单' }).filter({ hasText: '人工催办' }).waitFor();
    await taskRows.first().getByRole('button', { name: '再次催办' }).click();
    await dialog().getByRole('button', { name: '签发催办单' }).click();
    await toast('今天已催办过该事项').waitFor();
    await dialog().waitFor({ state: 'detached' });
    expect(await taskRows.filter({ hasText: '催办单' }).count()).toBe(1);
    await shot('40-chasing-board');

    // The 预警单 tile filters the board.
    await page.locator('.sheet-tile[data-kind="warning"]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('warning');
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '催办单' }).count()).toBe(0);

    // The ledger: red.
    await openMenu('工作台账');
    const ledgerRow = page.locator('.ant-table-row', { hasText: TITLE });
    await ledgerRow.getByText('红灯').waitFor();
    await ledgerRow.getByText('超期 2 天').waitFor();

    // The task page: its time limits (13710) and every sheet.
    await ledgerRow.getByRole('link', { name: TITLE }).click();
    await page.locator('.page-header h4', { hasText: TITLE }).waitFor();
    await page.locator('.due-item[data-due="deadline"]', { hasText: '超期 2 天' }).waitFor();
    await page.locator('.due-item[data-due="sign"]', { hasText: '超期 10 天' }).waitFor();
    await page.locator('.due-item[data-due="resolve"]', { hasText: '2026-03-11' }).getByText('超期 1 天').waitFor();
    await expect.poll(() => page.locator('.sheet-item[data-kind="warning"]').count()).toBe(4);
    await page.locator('.sheet-item[data-kind="urge"]').getByText('催办说明：请于 3 月 13 日前报送整治进展和下一步措施').waitFor();
    await page.locator('.sheet-item[data-kind="assignment"]').getByText('待签收').waitFor();
    // The office urges; only the unit signs.
    expect(await page.locator('.sheet-item').getByRole('button', { name: '签收' }).count()).toBe(0);
    await page.locator('.ant-card', { hasText: '督办单据' }).getByRole('button', { name: '催办' }).waitFor();
    await shot('41-task-chasing');

    // 督办设置: a time limit that makes no sense is refused with the server's words.
    await openMenu('督办设置');
    await page.locator('.ant-table-row', { hasText: '3日内首次反馈（3）' }).getByRole('button', { name: '编辑' }).click();
    await dialog().getByLabel('天数').fill('-2');
    await dialog().getByRole('button', { name: '保存' }).click();
    await dialog().locator('.ant-alert-error').getByText('天数不能为负数').waitFor();
    await shot('54-rule-refused', false);
    await dialog().getByRole('button', { name: '取消' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.locator('.ant-table-row', { hasText: '3日内首次反馈（3）' }).getByText('工作日').waitFor();
    await shot('51-chasing-settings');

    // ---- 约谈: the head was interviewed on 2 March, so the second interview goes to the main leader.
    await openMenu('约谈管理');
    await page.locator('.page-header').getByRole('button', { name: '提出约谈建议' }).click();
    const drawer = page.locator('.ant-drawer');
    await chooseUnit(drawer.getByLabel('约谈单位'), UNIT);
    await drawer.getByText('已于 2026-03-02 被约谈（组织部部长约谈）').waitFor();
    await expect.poll(() => drawer.getByRole('radio', { name: '主要领导约谈' }).isChecked()).toBe(true);
    await drawer.getByLabel('进展缓慢的事项').click();
    await clickSettled(page.locator('.ant-select-item-option:visible', { hasText: TITLE }));
    await drawer.locator('.ant-drawer-title').click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await drawer.getByLabel('约谈事由').fill('县长批示的占道经营整治经催办、4 次预警仍未签收、未反馈，超期未办结。');
    await shot('42-interview-propose', false);
    await drawer.getByRole('button', { name: '提交建议' }).click();
    await page.locator('.page-header h4', { hasText: `约谈${UNIT}主要负责人` }).waitFor();
    await page.locator('.page-header').getByText('待批准').waitFor();
    const interviewPath = new URL(page.url()).pathname;

    // The leader in charge of 城关街道 approves (through the API); the office records the interview.
    const leader = await apiAs('lingdao');
    await json(await leader.post(`/api/v1${interviewPath}/approve`, { data: { note: '同意，由县委书记约谈' } }));
    await leader.dispose();
    await page.reload();
    await page.locator('.page-header').getByRole('button', { name: '登记约谈' }).click();
    await dialog().getByLabel('约谈人').fill('县委书记 张建国');
    await dialog().getByLabel('约谈情况').fill('指出占道经营整治不签收、不反馈、不落实的问题，要求立即整改；被约谈人作了深刻检讨并当场表态。');
    await dialog()
      .getByPlaceholder(/承诺内容/)
      .fill('3 月 20 日前完成解放路、人民路占道经营集中整治');
    await pickDate(dialog().getByPlaceholder('完成时限'), '2026-03-20');
    await page.waitForTimeout(300);
    await shot('53-interview-record', false);
    await dialog().getByRole('button', { name: '登记并交办承诺' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.locator('.page-header').getByText('已约谈').waitFor();
    await page.locator('.page-header').getByText('建议调整岗位').waitFor();
    await page
      .locator('.ant-card', { hasText: '整改承诺' })
      .getByRole('link', { name: /解放路、人民路占道经营集中整治/ })
      .waitFor();
    await shot('43-interview');

    await page.locator('.page-header').getByRole('link', { name: '约谈管理' }).click();
    await page.locator('.ant-table-row').first().waitFor();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '建议调整岗位' }).count()).toBe(2);
    await page.locator('.flag-item').getByText('待调整').waitFor();
    await shot('44-interviews');
    await logout();

    // ---- 城关街道联络员: 今日待办 on the home page, the bell, and signing the warning.
    await login('lianluo');
    const toSign = page.locator('.today-sheet', { hasText: TITLE });
    await expect.poll(() => toSign.filter({ hasText: '预警单' }).count()).toBe(4);
    await page.locator('.today-due[data-due="sign"]', { hasText: TITLE }).getByText('超期 10 天').waitFor();
    const bell = page.getByTestId('inbox-bell');
    await expect.poll(async () => Number((await bell.getAttribute('aria-label'))?.match(/(\d+) 条未读/)?.[1] ?? 0)).toBeGreaterThanOrEqual(5);
    await shot('45-home-unit');

    await bell.click();
    const popover = page.locator('.inbox-popover');
    await popover.locator('.inbox-item.unread', { hasText: '工作预警单' }).first().waitFor();
    await page.waitForTimeout(300);
    await shot('46-inbox-bell', false);
    await popover.getByRole('link', { name: '查看全部消息' }).click();
    await page.locator('.page-header h4', { hasText: '消息中心' }).waitFor();
    await page.locator('.inbox-list .inbox-item.unread').first().waitFor();
    await shot('47-inbox');

    // Sign the 预警单 on the deadline from the home page.
    await page
      .locator('.app-sider')
      .getByRole('menuitem', { name: /工作台$/ })
      .click();
    const deadlineWarning = toSign.filter({ hasText: '预警单' }).filter({ hasText: '完成时限（2026-03-10）' });
    await deadlineWarning.getByRole('button', { name: '签收' }).click();
    await toast(/已签收 督警〔2026〕\d+号/).waitFor();
    await deadlineWarning.waitFor({ state: 'detached' });
    await expect.poll(() => toSign.filter({ hasText: '预警单' }).count()).toBe(3);

    // A message opens its task and counts as read.
    await openMenu('消息中心');
    const unreadBefore = await page.locator('.inbox-list .inbox-item.unread').count();
    await page.locator('.inbox-list .inbox-item.unread', { hasText: '工作预警单' }).filter({ hasText: TITLE }).first().click();
    await page.waitForURL(url(`/tasks/${taskId}`));
    await page.locator('.page-header h4', { hasText: TITLE }).waitFor();
    // The unit signs the other warnings here too; the signed one says when.
    await expect.poll(() => page.locator('.sheet-item[data-kind="warning"]').getByRole('button', { name: '签收' }).count()).toBe(3);
    await page
      .locator('.sheet-item[data-kind="warning"]', { hasText: '完成时限（2026-03-10）' })
      .getByText(/^签收：2026-03-12/)
      .waitFor();
    await page.goBack();
    await page.locator('.page-header h4', { hasText: '消息中心' }).waitFor();
    await expect.poll(() => page.locator('.inbox-list .inbox-item.unread').count()).toBe(unreadBefore - 1);
    await logout();

    // ---- 系统管理员: the working calendar and a notification channel.
    await login('admin');
    await openMenu('工作日历');
    await page.locator('.page-header').getByText('已有国家安排').waitFor();
    await page.locator('.cal-day[data-day="2026-02-17"]').getByText('休').waitFor();
    await page.locator('.cal-month[data-month="2"] .cal-names').getByText(/春节/).first().waitFor();
    // The county's own day off: clicking a day in the year view starts the entry.
    await page.locator('.cal-day[data-day="2026-10-09"]').click();
    await expect.poll(() => page.getByPlaceholder('开始日期').inputValue()).toBe('2026-10-09');
    await page.getByLabel('名称').fill('县庆放假');
    await page.locator('.ant-card', { hasText: '录入放假或调休' }).getByRole('button', { name: '录入' }).click();
    await toast('已录入 1 天为放假').waitFor();
    await page.locator('.cal-day.is-override[data-day="2026-10-09"]').getByText('休').waitFor();
    await page.locator('.ant-card', { hasText: '本县录入的日期' }).locator('.ant-table-row', { hasText: '县庆放假' }).waitFor();
    // 日期推算: three working days from Friday 3 April run over the Qingming holiday.
    await pickDate(page.getByLabel('起算日期'), '2026-04-03');
    await page.locator('.ant-card', { hasText: '日期推算' }).getByRole('button', { name: '计算' }).click();
    await page.locator('.cal-calc-result').getByText('2026-04-09 周四').waitFor();
    await shot('48-calendar');
    // A year without the State Council's notice is counted Monday to Friday, hatched.
    await page.goto(url('/system/calendar?year=2027'));
    await page.locator('.page-header').getByText('临时按周一至周五').waitFor();
    await page.locator('.cal-day.is-provisional').first().waitFor();
    await shot('49-calendar-provisional');

    await openMenu('通知渠道');
    await page.locator('.page-header').getByRole('button', { name: '新增渠道' }).click();
    await dialog().getByLabel('名称').fill('督查室工作群');
    await dialog().getByLabel('Webhook 地址').fill('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=demo-key');
    await dialog().getByRole('button', { name: '保存' }).click();
    await dialog().waitFor({ state: 'detached' });
    const channel = page.locator('.ant-table-row', { hasText: '督查室工作群' });
    await channel.getByText('企业微信群机器人').waitFor();
    await channel.getByRole('button', { name: '发送测试' }).click();
    await toast('测试消息已排入发送队列').waitFor();
    await shot('50-channels');
    // E-mail: recipients and the SMTP server; the password is write-only.
    await page.locator('.page-header').getByRole('button', { name: '新增渠道' }).click();
    await dialog().getByLabel('类型').click();
    await clickSettled(page.locator('.ant-select-item-option:visible', { hasText: '电子邮件' }));
    await dialog().getByLabel('服务器地址').waitFor();
    await dialog().getByLabel('登录密码').waitFor();
    await page.waitForTimeout(300);
    await shot('52-channel-email', false);
    await dialog().getByRole('button', { name: '取消' }).click();
    await dialog().waitFor({ state: 'detached' });

    expect(pageErrors).toEqual([]);
  });
});
