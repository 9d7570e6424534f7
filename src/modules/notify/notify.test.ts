// Longer than 400 lines on purpose: the inbox, each robot format, e-mail and retries share one seeded app and the
// helpers that start real local HTTP and SMTP servers; splitting would repeat that setup per file.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { auditLog } from '../audit/schema.js';
import { accounts } from '../auth/schema.js';
import { deliverDue, MAX_ATTEMPTS, retryDelayMs } from './delivery.js';
import { notifications, notifyChannels, notifyDeliveries } from './schema.js';
import { notify, type Message } from './service.js';

let deps: TestDeps;
let app: TestApp;
const cookies: Record<string, string> = {};
const accountIds: Record<string, number> = {};

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  await loginAll();
  for (const r of await deps.db.select({ id: accounts.id, username: accounts.username }).from(accounts)) accountIds[r.username] = r.id;
});
afterAll(() => deps.close());

async function loginAll() {
  for (const u of ['admin', 'duchashi', 'lianluo']) cookies[u] = await login(app, u);
}

// Every test starts with no active channel and nothing queued, so each counts only its own deliveries.
beforeEach(async () => {
  await deps.db.update(notifyChannels).set({ active: false });
  await deps.db.update(notifyDeliveries).set({ status: 'failed' }).where(eq(notifyDeliveries.status, 'pending'));
});

const as = (who: string, method: string, path: string, body?: unknown) => call(app, cookies[who]!, method, path, body);
const MESSAGE: Message = { kind: 'task.assigned', title: '新交办事项', body: '请于 3 月 31 日前完成老旧小区改造', link: '/tasks/7' };
const send = (accountNames: string[], message = MESSAGE) =>
  deps.db.transaction((tx) =>
    notify(
      tx,
      deps.clock.now(),
      accountNames.map((n) => accountIds[n]!),
      message,
    ),
  );
const deliveriesOf = (channelId: number) => deps.db.select().from(notifyDeliveries).where(eq(notifyDeliveries.channelId, channelId));
const MINUTE = 60_000;

// ---- a local robot endpoint: answers from a queue of replies, then with success ----

type Reply = { status: number; body: unknown } | 'hang';
let robot: { url: (path: string) => string; received: { path: string; body: unknown }[]; replies: Reply[]; requested: () => Promise<void>; close: () => void };

async function startRobot(): Promise<typeof robot> {
  const received: { path: string; body: unknown }[] = [];
  const replies: Reply[] = [];
  let arrived: () => void = () => undefined;
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url!, body: JSON.parse(data) });
      arrived();
      const reply = replies.shift() ?? { status: 200, body: req.url!.startsWith('/feishu') ? { code: 0, msg: 'success' } : { errcode: 0, errmsg: 'ok' } };
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    replies,
    requested: () => new Promise<void>((resolve) => (arrived = resolve)),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

beforeAll(async () => {
  robot = await startRobot();
});
afterAll(() => robot.close());
afterEach(() => {
  robot.received.length = 0;
  robot.replies.length = 0;
});

let serial = 0;
async function createChannel(kind: string, target: string, settings?: unknown) {
  const res = await as('admin', 'POST', '/api/v1/notify/channels', { kind, name: `测试渠道${++serial}`, target, ...(settings ? { settings } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; version: number; settings: Record<string, unknown> };
}

describe('inbox', () => {
  it('lists only the caller’s own messages, newest first, with the unread count', async () => {
    await send(['lianluo', 'duchashi']);
    deps.clock.advance(MINUTE);
    await send(['lianluo'], { ...MESSAGE, title: '催办提醒' });
    const res = await as('lianluo', 'GET', '/api/v1/inbox');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, unread: 2 });
    expect(res.body!.items[0]).toEqual({
      id: expect.any(Number),
      kind: 'task.assigned',
      title: '催办提醒',
      body: MESSAGE.body,
      link: '/tasks/7',
      createdAt: deps.clock.now().toISOString(),
      readAt: null,
    });
    expect(res.body!.items[1].title).toBe('新交办事项');
    const own = await deps.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.accountId, accountIds.lianluo!));
    expect(res.body!.items.map((i: { id: number }) => i.id).sort()).toEqual(own.map((r) => r.id).sort());

    const paged = await as('lianluo', 'GET', '/api/v1/inbox?page=2&pageSize=1');
    expect(paged.body).toMatchObject({ total: 2, unread: 2, items: [{ title: '新交办事项' }] });
  });

  it('marks one message read: own only, another account’s id answers 404 and stays unread', async () => {
    await send(['lianluo', 'duchashi']);
    const [mine] = (await as('lianluo', 'GET', '/api/v1/inbox?unread=true&pageSize=1')).body!.items;
    const [theirs] = (await as('duchashi', 'GET', '/api/v1/inbox?unread=true&pageSize=1')).body!.items;

    const read = await as('lianluo', 'POST', `/api/v1/inbox/${mine.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: mine.id, readAt: deps.clock.now().toISOString() });

    const foreign = await as('lianluo', 'POST', `/api/v1/inbox/${theirs.id}/read`);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ error: { code: 'NOTIFICATION_NOT_FOUND', message: '消息不存在' } });
    const [row] = await deps.db.select().from(notifications).where(eq(notifications.id, theirs.id));
    expect(row!.readAt).toBeNull();

    // Reading again keeps the first time it was read.
    deps.clock.advance(MINUTE);
    expect((await as('lianluo', 'POST', `/api/v1/inbox/${mine.id}/read`)).body!.readAt).toBe(read.body!.readAt);
  });

  it('read-all touches only the caller’s rows', async () => {
    await send(['lianluo', 'duchashi']);
    const othersUnread = (await as('duchashi', 'GET', '/api/v1/inbox/unread-count')).body!.unread;
    expect(othersUnread).toBeGreaterThan(0);

    const res = await as('lianluo', 'POST', '/api/v1/inbox/read-all');
    expect(res.status).toBe(200);
    expect(res.body!.updated).toBeGreaterThan(0);
    expect((await as('lianluo', 'GET', '/api/v1/inbox/unread-count')).body).toEqual({ unread: 0 });
    expect((await as('lianluo', 'GET', '/api/v1/inbox?unread=true')).body).toEqual({ items: [], total: 0, unread: 0 });
    expect((await as('duchashi', 'GET', '/api/v1/inbox/unread-count')).body).toEqual({ unread: othersUnread });
  });

  it('needs a session', async () => {
    expect((await call(app, null, 'GET', '/api/v1/inbox')).status).toBe(401);
  });
});

describe('channel configuration', () => {
  it.each(['duchashi', 'lianluo'])('%s (not the system admin) → 403 on every channel route', async (who) => {
    const channel = await createChannel('wecom', robot.url('/wecom'));
    const attempts = [
      await as(who, 'GET', '/api/v1/notify/channels'),
      await as(who, 'POST', '/api/v1/notify/channels', { kind: 'wecom', name: '越权', target: robot.url('/x') }),
      await as(who, 'PATCH', `/api/v1/notify/channels/${channel.id}`, { version: channel.version, name: '越权' }),
      await as(who, 'POST', `/api/v1/notify/channels/${channel.id}/test`),
    ];
    expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403]);
  });

  it.each([
    ['wecom', 'ftp://example.com/hook'],
    ['dingtalk', 'oapi.dingtalk.com/robot/send?access_token=x'],
    ['feishu', 'javascript:alert(1)'],
  ])('%s with target %s → 400', async (kind, target) => {
    const res = await as('admin', 'POST', '/api/v1/notify/channels', { kind, name: '坏地址', target });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'BAD_CHANNEL', message: 'Webhook 地址必须以 http:// 或 https:// 开头' } });
  });

  it('a bad address in a PATCH is refused too', async () => {
    const channel = await createChannel('feishu', robot.url('/feishu'));
    const res = await as('admin', 'PATCH', `/api/v1/notify/channels/${channel.id}`, { version: channel.version, target: 'file:///etc/passwd' });
    expect(res.status).toBe(400);
    expect(res.body!.error.message).toBe('Webhook 地址必须以 http:// 或 https:// 开头');
  });

  it('e-mail recipients are validated', async () => {
    const res = await as('admin', 'POST', '/api/v1/notify/channels', {
      kind: 'email',
      name: '邮件',
      target: 'a@example.com, 不是邮箱',
      settings: { host: 'smtp.example.com', port: 25, from: 'luoshi@example.com' },
    });
    expect(res.status).toBe(400);
    expect(res.body!.error.message).toBe('收件人邮箱格式不正确：不是邮箱');
  });

  it('the SMTP password is never returned nor audited; a PATCH without it keeps it', async () => {
    const PASS = 'Smtp#Secret-4711';
    const settings = { host: 'smtp.example.com', port: 465, secure: true, user: 'luoshi', pass: PASS, from: 'luoshi@example.com' };
    const created = await createChannel('email', 'a@example.com', settings);
    expect(created.settings).toEqual({ host: 'smtp.example.com', port: 465, secure: true, user: 'luoshi', from: 'luoshi@example.com', hasPass: true });

    const list = await app.request('/api/v1/notify/channels', { headers: { cookie: cookies.admin! } });
    expect(await list.text()).not.toContain(PASS);

    const patched = await as('admin', 'PATCH', `/api/v1/notify/channels/${created.id}`, { version: created.version, settings: { port: 587, secure: false } });
    expect(patched.status).toBe(200);
    expect(patched.body!.settings).toMatchObject({ port: 587, secure: false, hasPass: true });
    const [row] = await deps.db.select().from(notifyChannels).where(eq(notifyChannels.id, created.id));
    expect(row!.settings).toMatchObject({ pass: PASS, port: 587 });

    const stale = await as('admin', 'PATCH', `/api/v1/notify/channels/${created.id}`, { version: created.version, name: '旧版本' });
    expect(stale.status).toBe(409);

    const entries = await deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(created.id)))
      .orderBy(auditLog.seq);
    const own = entries.filter((e) => e.targetType === 'notify_channel');
    expect(own.map((e) => e.action)).toEqual(['notify.channel_create', 'notify.channel_update']);
    expect(JSON.stringify(own)).not.toContain(PASS);
    expect(own[1]!.before).toMatchObject({ settings: { port: 465, hasPass: true } });
  });

  it('the test button queues one message on that channel, audited; an inactive channel cannot be tested', async () => {
    const channel = await createChannel('dingtalk', robot.url('/dingtalk'));
    const res = await as('admin', 'POST', `/api/v1/notify/channels/${channel.id}/test`);
    expect(res.status).toBe(202);
    const [delivery] = await deliveriesOf(channel.id);
    expect(delivery).toMatchObject({ id: res.body!.deliveryId, title: '测试消息', status: 'pending' });
    const audit = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'notify.channel_test'));
    expect(audit.at(-1)).toMatchObject({ targetId: String(channel.id), after: { deliveryId: delivery!.id } });

    expect(await deliverDue(deps)).toEqual({ sent: 1, failed: 0 });
    expect(robot.received[0]!.body).toMatchObject({ markdown: { title: '测试消息' } });

    const off = await as('admin', 'PATCH', `/api/v1/notify/channels/${channel.id}`, { version: channel.version, active: false });
    expect((await as('admin', 'POST', `/api/v1/notify/channels/${channel.id}/test`)).status).toBe(409);
    expect(off.body!.active).toBe(false);
  });

  it('switching a channel off drops what it still had queued', async () => {
    const channel = await createChannel('wecom', robot.url('/wecom'));
    await send(['lianluo']);
    await as('admin', 'PATCH', `/api/v1/notify/channels/${channel.id}`, { version: channel.version, active: false });
    expect(await deliveriesOf(channel.id)).toMatchObject([{ status: 'failed', lastError: '渠道已停用，未发送', attempts: 0 }]);
    expect(await deliverDue(deps)).toEqual({ sent: 0, failed: 0 });
    expect(robot.received).toEqual([]);
  });
});

describe('delivery to robots', () => {
  it('posts the exact JSON each robot expects, and records the send', async () => {
    const wecom = await createChannel('wecom', robot.url('/wecom?key=k1'));
    const dingtalk = await createChannel('dingtalk', robot.url('/dingtalk?access_token=t1'));
    const feishu = await createChannel('feishu', robot.url('/feishu/hook/f1'));
    await send(['lianluo']);

    expect(await deliverDue(deps)).toEqual({ sent: 3, failed: 0 });
    const text = '请于 3 月 31 日前完成老旧小区改造\n/tasks/7';
    expect(robot.received).toEqual([
      { path: '/wecom?key=k1', body: { msgtype: 'markdown', markdown: { content: `### 新交办事项\n${text}` } } },
      { path: '/dingtalk?access_token=t1', body: { msgtype: 'markdown', markdown: { title: '新交办事项', text: `### 新交办事项\n${text}` } } },
      { path: '/feishu/hook/f1', body: { msg_type: 'text', content: { text: `新交办事项\n${text}` } } },
    ]);
    for (const c of [wecom, dingtalk, feishu]) {
      expect(await deliveriesOf(c.id)).toMatchObject([{ status: 'sent', attempts: 1, sentAt: deps.clock.now(), lastError: '' }]);
    }
    expect(await deliverDue(deps)).toEqual({ sent: 0, failed: 0 });
  });

  it('HTTP 500, then errcode ≠ 0, are failed attempts retried after 1 and 2 minutes; then it is sent', async () => {
    const channel = await createChannel('wecom', robot.url('/wecom'));
    robot.replies.push({ status: 500, body: { message: 'busy' } }, { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } });
    await send(['lianluo']);
    const start = deps.clock.now().getTime();

    expect(await deliverDue(deps)).toEqual({ sent: 0, failed: 1 });
    let [d] = await deliveriesOf(channel.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: new Date(start + MINUTE) });
    expect(d!.lastError).toContain('HTTP 500');

    deps.clock.advance(MINUTE - 1000);
    expect(await deliverDue(deps)).toEqual({ sent: 0, failed: 0 });
    deps.clock.advance(1000);
    expect(await deliverDue(deps)).toEqual({ sent: 0, failed: 1 });
    [d] = await deliveriesOf(channel.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 2, lastError: '错误码 93000：invalid webhook url', nextAttemptAt: new Date(start + 3 * MINUTE) });

    deps.clock.advance(2 * MINUTE);
    expect(await deliverDue(deps)).toEqual({ sent: 1, failed: 0 });
    [d] = await deliveriesOf(channel.id);
    expect(d).toMatchObject({ status: 'sent', attempts: 3, lastError: '', sentAt: deps.clock.now() });
    expect(robot.received).toHaveLength(3);
  });

  it(`gives up after ${MAX_ATTEMPTS} failed attempts`, async () => {
    const channel = await createChannel('feishu', robot.url('/feishu'));
    for (let i = 0; i < MAX_ATTEMPTS; i++) robot.replies.push({ status: 200, body: { code: 19001, msg: 'param invalid' } });
    await send(['lianluo']);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await deliverDue(deps)).toEqual({ sent: 0, failed: 1 });
      deps.clock.advance(retryDelayMs(attempt));
    }
    expect(await deliveriesOf(channel.id)).toMatchObject([{ status: 'failed', attempts: MAX_ATTEMPTS, lastError: '错误码 19001：param invalid' }]);
    deps.clock.advance(24 * 60 * MINUTE);
    expect(await deliverDue(deps)).toEqual({ sent: 0, failed: 0 });
    await loginAll(); // the sessions did not survive the day the clock jumped
  });

  it('two sweeps at once send each delivery once', async () => {
    await createChannel('wecom', robot.url('/wecom'));
    for (let i = 0; i < 6; i++) await send(['lianluo'], { ...MESSAGE, title: `消息${i}` });
    const [a, b] = await Promise.all([deliverDue(deps, { limit: 4 }), deliverDue(deps, { limit: 4 })]);
    expect(a.sent + b.sent).toBe(6);
    const titles = robot.received.map((r) => (r.body as { markdown: { content: string } }).markdown.content.split('\n')[0]);
    expect(titles.sort()).toEqual(['### 消息0', '### 消息1', '### 消息2', '### 消息3', '### 消息4', '### 消息5']);
  });

  it('a robot that never answers is a failed, retried attempt, and holds up no business write meanwhile', async () => {
    const channel = await createChannel('wecom', robot.url('/hang'));
    robot.replies.push('hang');
    await send(['lianluo']);
    const start = deps.clock.now().getTime();

    const requested = robot.requested();
    let settled = false;
    const sweep = deliverDue(deps, { timeoutMs: 1500 }).finally(() => (settled = true));
    await requested;
    // The sweep is waiting on the robot now; a write through the API goes ahead regardless.
    const unit = await as('admin', 'POST', '/api/v1/units', { parentId: null, kind: 'city_dept', code: 'NOTIFY1', name: '通知测试局' });
    expect(unit.status).toBe(201);
    expect(settled).toBe(false);

    expect(await sweep).toEqual({ sent: 0, failed: 1 });
    expect(await deliveriesOf(channel.id)).toMatchObject([
      { status: 'pending', attempts: 1, lastError: '发送超时：1.5 秒内没有应答', nextAttemptAt: new Date(start + MINUTE) },
    ]);
    deps.clock.advance(MINUTE);
    expect(await deliverDue(deps, { timeoutMs: 1500 })).toEqual({ sent: 1, failed: 0 });
  });

  it('a robot that cannot be reached is recorded with the reason', async () => {
    // A port that was just free: nothing listens there.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const channel = await createChannel('dingtalk', `http://127.0.0.1:${port}/robot/send`);
    await send(['lianluo']);
    expect(await deliverDue(deps)).toEqual({ sent: 0, failed: 1 });
    const [d] = await deliveriesOf(channel.id);
    expect(d!.lastError).toMatch(/ECONNREFUSED/);
  });
});

describe('delivery by e-mail', () => {
  let smtp: SMTPServer;
  let smtpPort: number;
  const mails: { from: string; to: string[]; raw: string }[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth(auth, _session, cb) {
        if (auth.username === 'luoshi' && auth.password === 'Smtp#Secret-4711') cb(null, { user: auth.username });
        else cb(new Error('用户名或密码错误'));
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          mails.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  it('sends subject and body to every recipient through the SMTP server, logging in with the saved password', async () => {
    const channel = await createChannel('email', 'zhang@example.com， li@example.com', {
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      user: 'luoshi',
      pass: 'Smtp#Secret-4711',
      from: '落实系统 <luoshi@example.com>',
    });
    await send(['lianluo']);
    expect(await deliverDue(deps)).toEqual({ sent: 1, failed: 0 });
    expect(mails).toHaveLength(1);
    const mail = parseMail(mails[0]!.raw);
    expect(mails[0]).toMatchObject({ from: 'luoshi@example.com', to: ['zhang@example.com', 'li@example.com'] });
    expect(mail.subject).toBe('新交办事项');
    expect(mail.body.trim()).toBe('请于 3 月 31 日前完成老旧小区改造\n/tasks/7');
    expect(mail.headers.to).toBe('zhang@example.com, li@example.com');
    expect(await deliveriesOf(channel.id)).toMatchObject([{ status: 'sent', attempts: 1 }]);
  });

  it('a refused login is a failed attempt with the server’s reason', async () => {
    const channel = await createChannel('email', 'zhang@example.com', {
      host: '127.0.0.1',
      port: smtpPort,
      user: 'luoshi',
      pass: 'wrong',
      from: 'luoshi@example.com',
    });
    await send(['lianluo']);
    expect(await deliverDue(deps)).toEqual({ sent: 0, failed: 1 });
    const [d] = await deliveriesOf(channel.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1 });
    expect(d!.lastError).toContain('Invalid login');
  });
});

// Just enough MIME for one text/plain part: encoded-word headers and a base64 or quoted-printable body.
function parseMail(raw: string) {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of head!.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const decodeWords = (v: string) =>
    v
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) => decode(enc.toLowerCase() === 'b' ? 'base64' : 'q', text));
  const body = rest.join('\r\n\r\n');
  const encoding = headers['content-transfer-encoding'] ?? '7bit';
  return {
    headers,
    subject: decodeWords(headers.subject ?? ''),
    body: (encoding === '7bit' ? body : decode(encoding, body)).replace(/\r\n/g, '\n'),
  };
}

function decode(encoding: string, text: string): string {
  if (encoding === 'base64') return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  // Quoted-printable is ASCII with =XX for each byte of the UTF-8 text.
  const bytes = (encoding === 'q' ? text.replace(/_/g, ' ') : text.replace(/=\r\n/g, '')).replace(/=([0-9A-F]{2})/gi, (_m, h: string) =>
    String.fromCharCode(parseInt(h, 16)),
  );
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
