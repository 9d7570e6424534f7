import type { APIRequestContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { png, Walk } from './browser.js';
import { json } from './server.js';

// The monthly cycle (月度预安) and closing (销号): the office opens the April plan, two towns propose, the leader in
// charge returns one and approves the other, the office consolidates, the meeting decides and the plan is issued;
// in April one task is closed by the three offices and the other refused; at the month end it is carried over.

const MARCH_20 = '2026-03-20T09:00:00+08:00';
const APRIL_20 = '2026-04-20T09:00:00+08:00';
const MAY_1 = '2026-05-01T09:00:00+08:00';
const ENV = { LUOSHI_SCANNER: '0' };
const CG_TITLE = '城关街道农贸市场提升改造';
const CG_FIXED = '城关街道农贸市场提升改造（一期）';
const CG_OFFICE = '城关街道农贸市场一期提升改造';
const DC_TITLE = '东城街道背街小巷路灯修复';

const walk = new Walk({ ...ENV, LUOSHI_NOW: MARCH_20 });
const { url, restart, apiAs, login, logout, openMenu, dialog, shot, pickDate, pageErrors, confirm, submitDialog } = walk;
let page: Page;
beforeAll(() => {
  page = walk.page;
});

const row = (text: string) => page.locator('.ant-table-row', { hasText: text });
const planItem = (text: string) => page.locator('.plan-item', { hasText: text });

async function openPlan() {
  await openMenu('月度预安');
  await page.getByRole('link', { name: '2026年4月重点工作安排' }).click();
  await page.locator('.page-header h4', { hasText: '2026年4月重点工作安排' }).waitFor();
}

async function tab(name: string) {
  await page.getByRole('tab', { name }).click();
}

// ---- A small photo for the evidence: a street at dusk with a row of lamps.

function lampsPng(width = 400, height = 260): Buffer {
  return png(width, height, (x, y) => {
    let rgb = y < height * 0.6 ? [40 + y / 4, 60 + y / 4, 120 + y / 5] : [90, 90, 95];
    const pole = x % 80 > 38 && x % 80 < 42 && y > 60 && y < height * 0.6;
    const lamp = Math.hypot((x % 80) - 40, y - 56) < 9;
    if (pole) rgb = [60, 60, 60];
    if (lamp) rgb = [255, 230, 120];
    return rgb;
  });
}

// ---- The API, for what the walk does not look at (signing, filing).

async function taskId(ctx: APIRequestContext, title: string) {
  const ledger = await json<{ items: { id: number; title: string }[] }>(await ctx.get('/api/v1/tasks', { params: { keyword: title } }));
  return ledger.items.find((t) => t.title === title)!.id;
}

// The unit signs, starts and files a closing request with a photo.
async function fileClosing(username: string, title: string, finishedOn: string) {
  const unit = await apiAs(username);
  const id = await taskId(unit, title);
  for (const a of ['sign', 'start']) await json(await unit.post(`/api/v1/tasks/${id}/${a}`, { data: {} }));
  const photo = await json<{ id: number }>(
    await unit.post(`/api/v1/tasks/${id}/attachments`, { multipart: { file: { name: '完工现场.png', mimeType: 'image/png', buffer: lampsPng() } } }),
  );
  const req = await json<{ id: number }>(
    await unit.post(`/api/v1/tasks/${id}/closing-requests`, {
      data: { summary: '已按工作标准全部完成，经街道组织验收合格，群众反映良好。', finishedOn, attachmentIds: [photo.id] },
    }),
  );
  await unit.dispose();
  return { taskId: id, requestId: req.id };
}

describe('the monthly plan and closing', () => {
  it('plans April, issues it, closes one task, refuses another and carries it into May', async () => {
    // 督查室 opens the April plan.
    await login('duchashi');
    await page.locator('.app-sider').getByRole('menuitem', { name: '月度预安' }).click();
    await page.getByRole('button', { name: '新建月度计划' }).click();
    await dialog().getByLabel('计划月份').waitFor();
    await submitDialog('建立');
    await page.locator('.page-header h4', { hasText: '2026年4月重点工作安排' }).waitFor();
    await logout();

    // Two towns propose through the form.
    for (const [username, title, deadline] of [
      ['lianluo', CG_TITLE, '2026-04-30'],
      ['lianluo2', DC_TITLE, '2026-04-25'],
    ] as const) {
      await login(username);
      await openPlan();
      await page.getByRole('button', { name: '新增申报' }).click();
      await dialog().getByLabel('工作任务').fill(title);
      await dialog().getByLabel('工作措施').fill('制定方案、组织施工、验收交付，每周报送进度。');
      await dialog().getByLabel('时间表').fill('4月10日前完成方案，4月下旬完工验收。');
      await dialog().getByLabel('工作标准').fill('全部完工并通过验收，群众满意。');
      await pickDate(dialog().getByLabel('完成时限'), deadline);
      await submitDialog('保存草稿');
      await row(title).getByText('草稿').waitFor();
      if (username === 'lianluo2') {
        // 东城街道 has no head account: its liaison submits.
        await confirm(row(title).getByRole('button', { name: '提交' }), '提交');
        await row(title).getByText('待审核').waitFor();
      } else {
        // 城关街道's liaison drafts; the head submits.
        expect(await row(title).getByRole('button', { name: '提交' }).count()).toBe(0);
      }
      await logout();
    }
    await login('danwei');
    await openPlan();
    await confirm(row(CG_TITLE).getByRole('button', { name: '提交' }), '提交');
    await row(CG_TITLE).getByText('待审核').waitFor();
    await logout();

    // The office moves the plan on to the leaders' review.
    await login('duchashi');
    await openPlan();
    await confirm(page.locator('.page-header').getByRole('button', { name: /进入下一步/ }), '进入下一步');
    await page.locator('.page-header .ant-tag', { hasText: '分管领导审核' }).waitFor();
    await shot('20-plan-steps');
    await logout();

    // The leader in charge of both towns returns one and approves the other.
    await login('lingdao');
    await openPlan();
    await tab('分管审核');
    await row(CG_TITLE).getByRole('button', { name: '退回' }).click();
    await dialog().getByLabel('修改意见').fill('请分期实施，本月先完成一期，并列明关键节点。');
    await submitDialog('退回');
    await confirm(row(DC_TITLE).getByRole('button', { name: '通过' }), '通过');
    await page.locator('.ant-radio-button-wrapper', { hasText: '全部' }).click();
    await row(DC_TITLE).getByText('已通过').waitFor();
    await row(CG_TITLE).getByText('已退回').waitFor();
    await logout();

    // 城关街道 fixes it, the head resubmits, the leader approves.
    await login('lianluo');
    await openPlan();
    await row(CG_TITLE).getByText('退回意见：请分期实施').waitFor();
    await row(CG_TITLE).getByRole('button', { name: '修改' }).click();
    await dialog().getByLabel('工作任务').fill(CG_FIXED);
    await submitDialog('保存修改');
    await row(CG_FIXED).waitFor();
    await logout();
    await login('danwei');
    await openPlan();
    await confirm(row(CG_FIXED).getByRole('button', { name: '提交' }), '提交');
    await row(CG_FIXED).getByText('待审核').waitFor();
    await logout();
    await login('lingdao');
    await openPlan();
    await tab('分管审核');
    await confirm(row(CG_FIXED).getByRole('button', { name: '通过' }), '通过');
    await page.locator('.ant-radio-button-wrapper', { hasText: '全部' }).click();
    await row(CG_FIXED).getByText('已通过').waitFor();
    await logout();

    // The office consolidates, rewords one item (the draft shows it against the unit's own), and the meeting decides.
    await login('duchashi');
    await openPlan();
    await confirm(page.locator('.page-header').getByRole('button', { name: /进入下一步/ }), '进入下一步');
    await page.locator('.page-header .ant-tag', { hasText: '督查室汇总' }).waitFor();
    await tab('督查室汇总');
    await page.getByRole('button', { name: '生成汇总稿' }).click();
    await planItem(CG_FIXED).waitFor();
    await planItem(DC_TITLE).waitFor();
    await planItem(CG_FIXED).getByRole('button', { name: '修改' }).click();
    await dialog().getByLabel('工作任务').fill(CG_OFFICE);
    await dialog().getByLabel('修改原因').fill('统一表述');
    await submitDialog('保存');
    await planItem(CG_OFFICE).locator('.plan-diff-from', { hasText: CG_FIXED }).waitFor();
    await shot('21-plan-draft-diff');

    await confirm(page.locator('.page-header').getByRole('button', { name: /进入下一步/ }), '进入下一步');
    await tab('会议研究');
    await page.getByText('还有 2 项待决定').waitFor();
    expect(await page.getByRole('button', { name: '印发' }).isDisabled()).toBe(true);
    for (const title of [CG_OFFICE, DC_TITLE]) {
      await planItem(title).getByRole('button', { name: '决定' }).click();
      await dialog().getByLabel('说明').fill('会议同意列入');
      await submitDialog('记录决定');
      await planItem(title).getByText('通过', { exact: true }).waitFor();
    }
    await page.getByText('全部事项已决定，可以印发').waitFor();
    await shot('22-plan-meeting');
    await page.getByRole('button', { name: '印发' }).click();
    await dialog().getByLabel('文号').fill('县委办〔2026〕12号');
    await submitDialog('印发');
    await page.locator('.page-header .ant-tag', { hasText: '已印发' }).waitFor();
    await row(CG_OFFICE).waitFor();
    expect(await page.getByRole('link', { name: /下载Excel/ }).getAttribute('href')).toMatch(/\/sheet\.xlsx$/);
    const doc = await page.request.get(url(`/api/v1/plans/${/\/plans\/(\d+)/.exec(page.url())![1]}/document`));
    expect(doc.headers()['content-type']).toContain('wordprocessingml');

    // The tasks stand in the ledger.
    await page.locator('.app-sider').getByRole('menuitem', { name: '工作台账' }).click();
    await row(CG_OFFICE).getByText('已交办').waitFor();
    await row(DC_TITLE).getByText('已交办').waitFor();
    await logout();

    // In April both towns finish and ask to close; the three offices review.
    await restart(APRIL_20);
    const dc = await fileClosing('lianluo2', DC_TITLE, '2026-04-18');
    const cg = await fileClosing('lianluo', CG_OFFICE, '2026-04-19');

    await login('duchashi');
    await page.locator('.app-sider').getByRole('menuitem', { name: '销号审核' }).click();
    await page.locator('.row-can-review', { hasText: DC_TITLE }).waitFor();
    await page.getByRole('link', { name: DC_TITLE }).click();
    await page.locator('.page-header h4', { hasText: DC_TITLE }).waitFor();
    // A site check with a photo, then 同意.
    await page.getByRole('button', { name: '实地核查' }).click();
    await dialog().getByLabel('核查情况').fill('现场查看 32 盏路灯均正常亮灯，与佐证材料一致。');
    await dialog().locator('input[type=file]').setInputFiles({ name: '核查照片.png', mimeType: 'image/png', buffer: lampsPng() });
    await dialog().locator('.ant-upload-list-item-done').waitFor();
    await submitDialog('登记核查情况');
    await page.locator('.report-item').getByText('现场查看 32 盏路灯').waitFor();
    await page.getByRole('button', { name: 'check 同意' }).click();
    await dialog()
      .getByLabel(/审核意见/)
      .fill('经核查，完成情况属实。');
    await submitDialog('同意销号');
    await page.locator('[data-office="督查室"]').getByText('同意销号').waitFor();
    const thumbs = page.locator('img.report-photo');
    await expect.poll(() => thumbs.count()).toBe(2);
    await expect.poll(() => thumbs.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await shot('23-closing-review');

    // 城关街道's: refused by the office, with a reason.
    await page.goto(url(`/closing-requests/${cg.requestId}`));
    await page.getByRole('button', { name: 'close 不同意' }).click();
    await dialog().getByRole('button', { name: '不同意销号' }).click();
    await dialog().getByText('请填写不同意的理由').waitFor();
    await dialog()
      .getByLabel(/不同意的理由/)
      .fill('一期工程尚未通过消防验收，请补充验收材料后重新申请。');
    await submitDialog('不同意销号');
    await page.locator('.page-header .ant-tag', { hasText: '已退回' }).waitFor();
    await logout();

    for (const reviewer of ['xiaoneng', 'kaoheban']) {
      const ctx = await apiAs(reviewer);
      await json(await ctx.post(`/api/v1/closing-requests/${dc.requestId}/reviews`, { data: { decision: 'approve', comment: '' } }));
      await ctx.dispose();
    }
    await login('lianluo2');
    await page.goto(url(`/tasks/${dc.taskId}`));
    await page.locator('.page-header').getByText('已销号').waitFor();
    await page.locator('.ant-card', { hasText: '销号记录' }).getByText('已同意销号').waitFor();
    await logout();

    // The month ends with 城关街道's task still open: it is carried into May and the unit says why.
    await restart(MAY_1);
    const office = await apiAs('duchashi');
    const run = await json<{ carried: number }>(await office.post('/api/v1/carry-overs/run'));
    expect(run.carried).toBeGreaterThan(0);
    await office.dispose();
    await login('duchashi');
    await page.locator('.app-sider').getByRole('menuitem', { name: '月度预安' }).click();
    await page.locator('.ant-card', { hasText: '缺挂单原因' }).getByRole('link', { name: CG_OFFICE }).waitFor();
    await logout();

    await login('lianluo');
    await page.goto(url(`/tasks/${cg.taskId}`));
    await page.locator('.page-header').getByText('挂单 5月').waitFor();
    await page.getByRole('button', { name: '填写挂单原因' }).click();
    await dialog().getByLabel('挂单原因').fill('消防验收排期在5月上旬，验收通过后即申请销号。');
    await submitDialog('提交');
    await page.locator('.ant-card', { hasText: '挂单记录' }).getByText('原因：消防验收排期在5月上旬').waitFor();
    await page.locator('.ant-timeline').getByText('填报挂单原因').waitFor();
    await shot('24-task-carried');

    expect(pageErrors).toEqual([]);
  });
});
