import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PHONE, Walk } from './browser.js';
import { json } from './server.js';

// On Thursday 3 December, with the year's result window open, a town's liaison on a phone sets the town's 2026
// targets against the four standards and rates the results; the assessment office rates beside them and the gap
// shows. Then the liaison records a theory study session, marks the town's head absent, and the head, reminded,
// records the make-up study on the phone.

const NOW = '2026-12-03T10:00:00+08:00';
const walk = new Walk({ LUOSHI_SCANNER: '0', LUOSHI_NOW: NOW });
const { apiAs, login, logout, dialog, shot, shotDialog, pageErrors, submitDialog, url } = walk;
let page: Page;
const STANDARDS = ['有位置', '出亮点', '求突破', '创一流'];
const TITLE = '理论学习中心组集体学习：作风建设专题';

beforeAll(() => {
  page = walk.page;
});

const header = (text: string) => page.locator('.page-header h4', { hasText: text });

// A control the thumb must reach lies within the phone's width.
async function onScreen(target: ReturnType<Page['locator']>) {
  const box = await target.boundingBox();
  expect(box, 'visible').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
}

describe('self-assessment and the study ledger on a phone', () => {
  it('the liaison sets the targets and rates the results; the office’s rating and the gap show beside them', async () => {
    await page.setViewportSize(PHONE);
    await login('lianluo');
    await page.goto(url('/self-assessment'));
    await header('绩效自评').waitFor();
    const set = page.getByRole('button', { name: '设定年度目标' });
    await onScreen(set);
    await set.click();
    for (const [i, s] of STANDARDS.entries()) {
      await dialog()
        .getByLabel(`${s}目标`)
        .fill(`2026年${s}目标：重点工作进入全市前${i + 2}名`);
      await dialog().getByLabel(`${s}预评（1–5 分）`).fill('4');
    }
    await shotDialog('selfassess-phone-targets');
    await submitDialog('保存');
    await page.getByText('2026年有位置目标：重点工作进入全市前2名').waitFor();

    await page.getByRole('button', { name: '自评完成情况' }).click();
    for (const s of STANDARDS) {
      await dialog().getByLabel(`${s}完成情况`).fill(`${s}：全年目标已完成，佐证材料齐全`);
      await dialog().getByLabel(`${s}自评（1–5 分）`).fill('5');
    }
    await submitDialog('保存');
    await page.getByText('已自评结果').first().waitFor();

    // The assessment office rates one standard lower; the unit sees the gap, not a changed score.
    const office = await apiAs('kaoheban');
    const me = await json<{ user: { unit: { id: number } } }>(await (await apiAs('lianluo')).get('/api/v1/auth/me'));
    const view = await json<{ version: number }>(await office.get(`/api/v1/self-assessments/units/${me.user.unit.id}?period=2026`));
    await json(
      await office.put(`/api/v1/self-assessments/units/${me.user.unit.id}/office-rating`, {
        data: {
          period: '2026',
          version: view.version,
          items: ['position', 'highlight', 'breakthrough', 'first_class'].map((standard, i) => ({
            standard,
            officeRating: i === 2 ? 3 : 5,
            officeComment: i === 2 ? '招商引资签约项目未达目标' : '',
          })),
        },
      }),
    );
    await page.reload();
    await page.getByText('自评与考核办评定差距合计 +2 分').waitFor();
    await page.getByText('差距 +2').waitFor();
    await page.getByText('3 分（招商引资签约项目未达目标）').waitFor();
    await shot('selfassess-phone-gap');
  });

  it('records a study session with an absentee, who is reminded and records the make-up', async () => {
    const head = await json<{ user: { displayName: string } }>(await (await apiAs('danwei')).get('/api/v1/auth/me'));
    await page.goto(url('/study'));
    await header('学习台账').waitFor();
    const add = page.getByRole('button', { name: '登记学习活动' });
    await onScreen(add);
    await add.click();
    await dialog().getByLabel('活动名称').fill(TITLE);
    await dialog().getByLabel('地点').fill('镇党委会议室');
    await submitDialog('登记');
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByText(/登记出勤（本单位在册 \d+ 人）/).waitFor();
    await page.getByRole('checkbox', { name: new RegExp(head.user.displayName) }).uncheck();
    await page.getByLabel(`${head.user.displayName}缺席原因`).fill('到县里参加培训');
    await shot('study-phone-attendance');
    const save = page.getByRole('button', { name: /保存出勤/ });
    await onScreen(save);
    await save.click();
    await page.getByText('缺席 · 2026-12-17 前补学').waitFor();
    await page.getByText('到县里参加培训').waitFor();
    await shot('study-phone-session');

    await page.setViewportSize({ width: 1440, height: 900 });
    await logout();
    await page.setViewportSize(PHONE);
    await login('danwei');
    await page.goto(url('/inbox'));
    await page.getByText(`请于 2026-12-17 前补学：${TITLE}`).waitFor();
    await page.goto(url('/study?tab=mine'));
    const makeup = page.getByRole('button', { name: '登记补学' });
    await onScreen(makeup);
    await makeup.click();
    await dialog().getByLabel('补学内容').fill('观看学习录像并撰写心得体会');
    await submitDialog('登记补学');
    await page.getByText('2026-12-03 已补学').waitFor();
    await shot('study-phone-makeup');
    expect(pageErrors).toEqual([]);
  });
});
