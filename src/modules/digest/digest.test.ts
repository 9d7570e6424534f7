// The daily digest through the periodic work: from the group's send time on a working day, once per group and day
// (also when two ticks run at once), on the group's robot and in its people's inboxes.
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, closeJointly, demoApp, login, startWork, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { buildTaskInput, unitId } from '../../../test/factories.js';
import { systemWho } from '../../context.js';
import { queryRows } from '../../db/client.js';
import { accounts } from '../auth/read.js';
import { sendDueDigests } from './service.js';

let deps: TestDeps;
let app: TestApp;
const s: Record<string, string> = {};
const USERS = ['admin', 'duchashi', 'xiaoneng', 'kaoheban', 'lianluo', 'lianluo2'] as const;
let groupId = 0;
let channelId = 0;

async function at(instant: string) {
  deps.clock.set(instant);
  for (const name of USERS) s[name] = await login(app, name);
}
const as = (who: string, method: string, path: string, body?: unknown) => call(app, s[who]!, method, path, body);

async function task(title: string, leadUnitId: number, deadline: string, liaison: string) {
  const res = await as('duchashi', 'POST', '/api/v1/tasks', buildTaskInput({ title, leadUnitId, startDate: '2026-03-02', deadline }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect((await as('duchashi', 'POST', `/api/v1/tasks/${res.body!.id}/assign`, {})).status).toBe(200);
  await startWork(app, s[liaison]!, res.body!.id);
  return res.body!.id as number;
}

const send = () => sendDueDigests(deps, systemWho('digest-test'));
const deliveries = async () =>
  (await queryRows<{ n: number }>(deps.db, sql`select count(*)::int as n from notify_deliveries where channel_id = ${channelId}`))[0]!.n;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  const [t01, t02] = [await unitId(deps.db, 'T01'), await unitId(deps.db, 'T02')];
  await at('2026-03-02T09:00:00+08:00');
  await task('城关逾期事项', t01, '2026-03-20', 'lianluo');
  const dueTomorrow = await task('城关明日到期事项', t01, '2026-03-26', 'lianluo');
  const toClose = await task('城关今日销号事项', t01, '2026-03-31', 'lianluo');
  await task('东城逾期事项', t02, '2026-03-10', 'lianluo2');
  await at('2026-03-25T09:00:00+08:00');
  await closeJointly(app, s.lianluo!, [s.duchashi!, s.xiaoneng!, s.kaoheban!], toClose, '2026-03-25');
  const form = new FormData();
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 160, b: 60 } } })
    .jpeg()
    .toBuffer();
  form.append('file', new File([new Uint8Array(photo)], '现场.jpg'));
  const uploaded = await app.request(`/api/v1/tasks/${dueTomorrow}/attachments`, { method: 'POST', headers: { cookie: s.lianluo! }, body: form });
  expect(uploaded.status).toBe(201);
  const file = (await uploaded.json()) as { id: number };
  expect(
    (await as('lianluo', 'POST', `/api/v1/tasks/${dueTomorrow}/reports`, { text: '路面铺设完成八成', percent: 80, attachmentIds: [file.id] })).status,
  ).toBe(201);

  const channel = await as('admin', 'POST', '/api/v1/notify/channels', {
    kind: 'wecom',
    name: '城关片区群机器人',
    target: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x',
  });
  expect(channel.status, JSON.stringify(channel.body)).toBe(201);
  channelId = channel.body!.id;
  const [liaison] = await deps.db.select({ personId: accounts.personId }).from(accounts).where(eq(accounts.username, 'lianluo'));
  const group = await as('duchashi', 'POST', '/api/v1/work-groups', {
    name: '城关片区工作群',
    channelId,
    sendAt: '18:00',
    active: true,
    unitIds: [t01],
    personIds: [liaison!.personId],
  });
  expect(group.status, JSON.stringify(group.body)).toBe(201);
  groupId = group.body!.id;
}, 180_000);
afterAll(() => deps.close());

describe('the daily digest', () => {
  it('waits for the send time, then posts once: closed today, due tomorrow, red and the photos of the day', async () => {
    deps.clock.set('2026-03-25T17:59:00+08:00');
    expect(await send()).toEqual({ digests: 0 });
    deps.clock.set('2026-03-25T18:00:00+08:00');
    expect(await send()).toEqual({ digests: 1 });
    expect(await send()).toEqual({ digests: 0 });
    expect(await deliveries()).toBe(1);

    await at('2026-03-25T18:05:00+08:00');
    const list = await as('duchashi', 'GET', `/api/v1/work-groups/${groupId}/digests`);
    expect(list.body!.total).toBe(1);
    const digest = list.body!.items[0];
    expect(digest).toMatchObject({ day: '2026-03-25', title: '【城关片区工作群】3月25日工作亮绩', closedToday: 1, dueTomorrow: 1, red: 1, highlights: 1 });
    expect(digest.body).toContain('今日销号 1 项：\n· 城关街道｜城关今日销号事项');
    expect(digest.body).toContain('明日到期 1 项：\n· 城关街道｜城关明日到期事项');
    expect(digest.body).toContain('· 城关街道｜城关逾期事项（逾期 5 天）');
    expect(digest.body).toContain('· 城关街道｜城关明日到期事项：路面铺设完成八成（1 张照片）');
    expect(digest.body).not.toContain('东城');

    const inbox = await as('lianluo', 'GET', '/api/v1/inbox');
    expect(inbox.body!.items.some((m: { title: string }) => m.title === digest.title)).toBe(true);
  });

  it('sends nothing on a day off', async () => {
    deps.clock.set('2026-03-28T18:30:00+08:00');
    expect(await send()).toEqual({ digests: 0 });
  });

  it('two ticks at once send the day once', async () => {
    deps.clock.set('2026-03-30T18:10:00+08:00');
    const [a, b] = await Promise.all([send(), send()]);
    expect(a.digests + b.digests).toBe(1);
    expect(await deliveries()).toBe(2);
  });

  it('refuses a group without units, and units may not configure groups', async () => {
    await at('2026-03-30T18:20:00+08:00');
    const bad = await as('duchashi', 'POST', '/api/v1/work-groups', {
      name: '空群',
      channelId: null,
      sendAt: '18:00',
      active: true,
      unitIds: [],
      personIds: [],
    });
    expect(bad.status).toBe(400);
    expect(bad.body!.error.message).toBe('请至少选择一个单位');
    expect((await as('lianluo', 'GET', '/api/v1/work-groups')).status).toBe(403);
  });
});
