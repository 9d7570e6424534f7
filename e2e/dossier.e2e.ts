import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PHONE, Walk } from './browser.js';
import { json } from './server.js';

// 履责档案 and 年度考核意见: the assessment office drafts the year, edits a cadre's draft with its reason, issues it (then it
// is frozen), corrects it, prints the cadre's record and exports the year to Excel, which holds what the page shows; a
// cadre reads their own record on the phone. The county has no history, so a leader is first given a task of the year:
// drafting covers the cadres with a record in the year.

const walk = new Walk({ LUOSHI_SCANNER: '0', LUOSHI_NOW: '2026-11-20T10:00:00+08:00' });
const { url, apiAs, login, logout, openMenu, shot, clickSettled, submitDialog, dialog, confirm, pageErrors } = walk;
let page: Page;
let name: string;

interface Opinion {
  id: number;
  subject: string;
  subjectName: string;
  status: string;
  standing: Record<'band' | 'summary' | 'rewards' | 'accountability' | 'appointment', string>;
}

beforeAll(async () => {
  page = walk.page;
  const office = await apiAs('duchashi');
  const units = (await json<{ items: { id: number }[] }>(await office.get('/api/v1/units'))).items;
  const leaders = (await json<{ items: { id: number; units: { id: number }[] }[] }>(await office.get('/api/v1/leaders'))).items;
  const leader = leaders.find((l) => l.units.length)!;
  const task = await json<{ id: number }>(
    await office.post('/api/v1/tasks', {
      data: {
        title: '冬季供暖保障工作',
        description: '确保城区集中供暖 11 月 15 日前全面达标。',
        source: 'leader_instruction',
        level: 'general',
        leadUnitId: leader.units[0]?.id ?? units[0]!.id,
        leadLeaderId: leader.id,
        responsibleName: '',
        startDate: '2026-11-02',
        deadline: '2026-11-30',
        period: '2026-11',
        standard: '城区集中供暖室温不低于 18℃。',
      },
    }),
  );
  await json(await office.post(`/api/v1/tasks/${task.id}/assign`, { data: {} }));
  await office.dispose();
});

// A person's row on the opinions page (a name may also be quoted in a unit's text).
const personRow = (n: string) => page.locator('.ant-table-row', { hasText: n }).filter({ has: page.getByRole('link', { name: n, exact: true }) });

describe('the annual opinion', () => {
  it('edits a draft with its reason, issues it, finds it frozen and corrects it', async () => {
    await login('kaoheban');
    await page.setViewportSize({ width: 1440, height: 900 });
    await openMenu('年度考核意见');
    await clickSettled(page.getByRole('button', { name: '起草2026年度考核意见' }));
    await walk.toast(/已起草 \d+ 份/).waitFor();
    const draft = page
      .locator('.ant-table-row', { hasText: '草稿' })
      .filter({ has: page.locator('a[href^="/dossier/people/"]') })
      .first();
    await draft.waitFor();
    name = await draft.locator('a[href^="/dossier/people/"]').innerText();
    await shot('opinions-1440', false); // the window only: the whole county's list is a 6000 px page

    await clickSettled(personRow(name).getByRole('button', { name: '修改' }));
    await dialog().getByLabel('奖励建议').fill('建议嘉奖');
    await dialog().getByRole('button', { name: '保存修改' }).click();
    await dialog().getByText('请写明理由').waitFor();
    await dialog().getByLabel('修改理由').fill('经县委考核委员会研究');
    await submitDialog('保存修改');
    await personRow(name).getByText('建议嘉奖').waitFor();

    await confirm(personRow(name).getByRole('button', { name: '印发' }), '印发');
    await personRow(name).getByText('已印发').waitFor();
    const office = await apiAs('kaoheban');
    const { items } = await json<{ items: Opinion[] }>(await office.get('/api/v1/opinions?year=2026'));
    const issued = items.find((o) => o.subject === 'person' && o.subjectName === name)!;
    const edit = await office.patch(`/api/v1/opinions/${issued.id}`, { data: { changes: { rewards: '无' }, reason: '再议', version: 3 } });
    expect(edit.status()).toBe(409);
    expect(((await edit.json()) as { error: { message: string } }).error.message).toContain('已印发，已冻结，不能再修改');

    await clickSettled(personRow(name).getByRole('button', { name: '更正' }));
    await dialog().getByLabel('奖励建议').fill('建议通报表扬');
    await dialog().getByLabel('更正理由').fill('嘉奖名额调整');
    await submitDialog('登记更正');
    await personRow(name).getByText('建议通报表扬').waitFor();
    await personRow(name).getByText('有更正').waitFor();
    await shot('opinions-issued-1440');
  }, 240_000); // drafting the county's ~130 opinions and walking the dialogs: slow on a loaded machine

  it('exports the year to Excel with the rows and texts of the page', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toBe('2026年度考核意见.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const ws = wb.worksheets[0]!;
    const sheetRows = Array.from({ length: ws.rowCount - 2 }, (_, i) => ws.getRow(i + 3).values as unknown[]);
    // Column 3 of a page row is the name (after the expander and the kind).
    const pageNames = await page.locator('.ant-table-tbody > tr.ant-table-row > td:nth-child(3)').allInnerTexts();
    expect(sheetRows.map((r) => r[3])).toEqual(pageNames);
    const office = await apiAs('kaoheban');
    const { items } = await json<{ items: Opinion[] }>(await office.get('/api/v1/opinions?year=2026'));
    expect(sheetRows.map((r) => [r[3], r[7], r[8], r[9], r[10], r[11]])).toEqual(
      items.map((o) => [o.subjectName, o.standing.band, o.standing.summary, o.standing.rewards, o.standing.accountability, o.standing.appointment]),
    );
    expect(sheetRows.find((r) => r[3] === name)![9]).toBe('建议通报表扬');
  });
});

describe('the record', () => {
  it('opens a cadre’s record from the opinions and prints it', async () => {
    await personRow(name).getByRole('link', { name, exact: true }).click();
    await page.locator('.page-header h4', { hasText: `${name} 2026年度履责档案` }).waitFor();
    await page.locator('.ant-card-head-title', { hasText: '负责任务' }).waitFor();
    await page.getByText('分档排名').waitFor();
    await shot('dossier-record-1440');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '打印档案（Word）' }).click()]);
    expect(download.suggestedFilename()).toBe(`${name}2026年度履责档案.docx`);
  });

  it('a cadre reads only their own record, on the phone', async () => {
    await logout();
    await page.setViewportSize(PHONE);
    await login('ganbu');
    await page.goto(url('/dossier/mine'));
    await page.locator('.page-header h4', { hasText: '2026年度履责档案' }).waitFor();
    await page.getByText('一线工作日只作记实展示').waitFor();
    expect(await page.getByText('分档排名').count()).toBe(0);
    await shot('dossier-mine-390');
    const cadre = await apiAs('ganbu');
    const office = await apiAs('kaoheban');
    const { items } = await json<{ items: Opinion[] }>(await office.get('/api/v1/opinions?year=2026'));
    const someoneElse = items.find((o) => o.subject === 'person' && o.subjectName === name)!;
    const mine = await json<{ person: { id: number } }>(await cadre.get('/api/v1/dossier/mine'));
    const other = await office.get(`/api/v1/opinions/${someoneElse.id}`);
    const otherId = ((await other.json()) as { subjectId: number }).subjectId;
    if (otherId !== mine.person.id) expect((await cadre.get(`/api/v1/dossier/people/${otherId}`)).status()).toBe(404);
    expect((await cadre.get('/api/v1/opinions?year=2026')).status()).toBe(403);
    expect(pageErrors).toEqual([]);
  });
});
