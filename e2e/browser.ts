import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { apiAs, assignTasks, DEMO_PASSWORD, newDataDir, settleMonths, startTestServer, type MonthTask, type TestServer } from './server.js';

// Debian's chromium (apt-get install -y chromium fonts-noto-cjk); playwright-core downloads no browser.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');
// Passing toasts ("已签收") are left out of the pictures.
const HIDE_TOASTS = '.ant-message { display: none !important; }';

// A phone held upright (an iPhone 12–15 sized screen), touched rather than clicked.
export const PHONE = { width: 390, height: 844 };

// A browser with a throw-away profile, shown as a desktop screen (or a phone) in Beijing time.
export async function launchBrowser(opts: { phone?: boolean } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(path.join(tmpdir(), 'luoshi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: opts.phone ? PHONE : { width: 1440, height: 900 },
    ...(opts.phone ? { hasTouch: true, isMobile: true, deviceScaleFactor: 2 } : {}),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

// One spec's walk through the app: the real server on its own database and one browser page, set up before the spec's
// tests and removed after them. `env` is the server's environment on every start; `restart` moves its clock on.
// Methods are arrow properties so a spec may destructure them.
export class Walk {
  page!: Page;
  readonly pageErrors: string[] = [];
  private server?: TestServer;
  private browser?: Awaited<ReturnType<typeof launchBrowser>>;
  private dataDir?: string;

  constructor(
    private readonly env: Record<string, string> = {},
    opts: { phone?: boolean } = {},
  ) {
    beforeAll(async () => {
      await mkdir(SCREENSHOTS, { recursive: true });
      this.dataDir = await newDataDir();
      this.server = await startTestServer({ dataDir: this.dataDir, env: this.env });
      this.browser = await launchBrowser(opts);
      this.page = this.browser.context.pages()[0] ?? (await this.browser.context.newPage());
      this.page.on('pageerror', (err) => this.pageErrors.push(err.message));
    });
    afterAll(async () => {
      await this.browser?.close();
      await this.server?.close();
      if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
    });
  }

  url = (p = '') => `${this.server!.url}${p}`;

  // The same database, the server's clock at `now` (an ISO time in Beijing).
  restart = async (now: string) => {
    await this.server!.close();
    this.server = await startTestServer({ dataDir: this.dataDir!, env: { ...this.env, LUOSHI_NOW: now } });
  };

  apiAs = (username: string) => apiAs(this.url(), username);
  assignTasks = (tasks: MonthTask[]) => assignTasks(this.url(), tasks);
  settleMonths = (periods: string[], opts: { publish: boolean }) => settleMonths(this.url(), periods, opts);

  // Signs in through the login page and waits for the app's shell (a forced password change shows no shell: pass false).
  login = async (username: string, password = DEMO_PASSWORD, toShell = true) => {
    await this.page.goto(this.url('/login'));
    await this.page.getByPlaceholder('账号').fill(username);
    await this.page.getByPlaceholder('密码').fill(password);
    await this.page.getByRole('button', { name: '登录' }).click();
    if (toShell) await this.page.getByTestId('current-user').waitFor();
  };

  logout = async () => {
    await this.page.locator('.app-header').getByRole('button', { name: '退出登录' }).click();
    await this.page.getByText('用户登录').waitFor();
  };

  openMenu = async (label: string) => {
    // The item's name ends with its label (an icon's name comes first): 月点评 is not 月点评会.
    const name = new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    await this.page.locator('.app-sider').getByRole('menuitem', { name }).click();
    await this.page.locator('.page-header h4', { hasText: label }).waitFor();
  };

  dialog = () => this.page.getByRole('dialog');
  toast = (text: string | RegExp) => this.page.locator('.ant-message-notice', { hasText: text });

  // Pages are shot whole by default; a modal only in the window, since its mask covers only the window.
  shot = async (name: string, fullPage = true) => {
    // Let antd's animations settle so the picture shows the final state.
    await this.page.waitForTimeout(400);
    await this.page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage, style: HIDE_TOASTS });
  };

  // A dialog taller than the window, in a window tall enough for it.
  shotDialog = async (name: string) => {
    const viewport = this.page.viewportSize()!;
    const height = await this.page.locator('.ant-modal').evaluate((el) => el.getBoundingClientRect().height);
    await this.page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil(height) + 200) });
    await this.shot(name, false);
    await this.page.setViewportSize(viewport);
  };

  // antd pop-ups ignore clicks while they are still animating in; wait for them to settle first.
  clickSettled = async (target: Locator) => {
    await target.waitFor();
    await this.page.waitForTimeout(250);
    await target.click();
  };

  // A button that asks first (Popconfirm): click it, then the confirming button.
  confirm = async (button: Locator, ok: string) => {
    await button.click();
    await this.clickSettled(this.page.locator('.ant-popconfirm:visible').getByRole('button', { name: ok }));
    await this.page.locator('.ant-popconfirm:visible').waitFor({ state: 'hidden' });
  };

  // A dialog still zooming in ignores the click (seen on a loaded CI machine): wait for it to settle, submit, see it close.
  submitDialog = async (ok: string) => {
    await this.page.locator('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter').waitFor({ state: 'detached' });
    await this.clickSettled(this.dialog().getByRole('button', { name: ok }));
    await this.dialog().waitFor({ state: 'detached' });
  };

  chooseUnit = async (input: Locator, name: string) => {
    await input.click();
    await input.fill(name);
    await this.clickSettled(this.page.locator('.ant-select-tree-title:visible').getByText(name, { exact: true }));
    await this.page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  };

  pickDate = async (input: Locator, value: string) => {
    await input.click();
    await input.fill(value);
    await input.press('Enter');
  };
}

// ---- A small real photo: a PNG drawn pixel by pixel.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let c = 0xffffffff;
  for (const b of body) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE((c ^ 0xffffffff) >>> 0);
  return Buffer.concat([length, body, crc]);
}

// An RGB PNG whose pixel (x, y) has the colour `pixel` gives.
export function png(width: number, height: number, pixel: (x: number, y: number) => readonly number[]): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set(pixel(x, y).map(Math.round), 1 + x * 3);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
