import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request, type APIRequestContext, type APIResponse } from 'playwright-core';
import { inject } from 'vitest';
import { openPglite } from '../src/db/client.js';
import { startServer } from '../src/main.js';

const WEB_DIR = path.resolve(import.meta.dirname, '../dist/web');

// Every demo account's password (src/seed/demo.ts).
export const DEMO_PASSWORD = 'Luoshi@2026';

export interface TestServerOptions {
  // Extra environment, e.g. LUOSHI_NOW to pin the server's clock.
  env?: Record<string, string>;
  // Reuse this data directory (a restart on the same database); the caller removes it. Default: a fresh one, removed on close.
  dataDir?: string;
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

// A data directory holding the migrated database of test/global-setup.ts: a server started on it skips initdb and the
// migrations (about 40 of a fresh start's 55 seconds on a loaded machine).
export async function newDataDir() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'luoshi-e2e-'));
  const database = await openPglite(dataDir, new Blob([await readFile(inject('pgliteTemplate'))]));
  await database.close();
  return dataDir;
}

// The real server on a random port, with the demo county (its organisation and accounts, no history) in its database.
export async function startTestServer(opts: TestServerOptions = {}): Promise<{ url: string; dataDir: string; close(): Promise<void> }> {
  if (!existsSync(path.join(WEB_DIR, 'index.html'))) throw new Error('前端尚未构建：请先运行 npm run build:web');
  const dataDir = opts.dataDir ?? (await newDataDir());
  const server = await startServer({ port: 0, dataDir, env: { LUOSHI_DEMO: '1', LUOSHI_DEMO_HISTORY: '0', WEB_DIR, ...opts.env } });
  return {
    url: server.url,
    dataDir,
    async close() {
      await server.close();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// An API client signed in as a demo account, for set-up the walk does not look at.
export async function apiAs(baseURL: string, username: string): Promise<APIRequestContext> {
  // The server refuses writes without the app's Origin (CSRF), as a browser on its pages sends it.
  const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { origin: new URL(baseURL).origin } });
  const res = await ctx.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } });
  if (res.status() !== 200) throw new Error(`${username} 登录失败：${res.status()} ${await res.text()}`);
  return ctx;
}

export async function json<T>(res: APIResponse): Promise<T> {
  if (!res.ok()) throw new Error(`${res.url()} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface MonthTask {
  title: string;
  unit: string;
  period: string;
  startDate: string;
  deadline: string;
}

// The office makes and assigns (交办) each task to its unit, named as in the demo county; returns their ids.
export async function assignTasks(baseURL: string, tasks: MonthTask[]): Promise<number[]> {
  const office = await apiAs(baseURL, 'duchashi');
  const units = (await json<{ items: { id: number; name: string }[] }>(await office.get('/api/v1/units'))).items;
  const ids: number[] = [];
  for (const { title, unit, period, startDate, deadline } of tasks) {
    const leadUnitId = units.find((u) => u.name === unit)?.id;
    if (!leadUnitId) throw new Error(`演示县没有单位：${unit}`);
    const data = {
      title,
      description: '',
      source: 'meeting',
      level: 'general',
      leadUnitId,
      responsibleName: '',
      startDate,
      deadline,
      period,
      standard: '按期完成并通过验收',
    };
    const task = await json<{ id: number }>(await office.post('/api/v1/tasks', { data }));
    await json(await office.post(`/api/v1/tasks/${task.id}/assign`, { data: {} }));
    ids.push(task.id);
  }
  await office.dispose();
  return ids;
}

// Waits for the periodic job to freeze each month's figures; with `publish`, the office then confirms the proposed
// bottom statements and publishes the month's review, as the review test does in the page.
export async function settleMonths(baseURL: string, periods: string[], opts: { publish: boolean }) {
  const office = await apiAs(baseURL, 'duchashi');
  for (const period of periods) {
    for (let i = 0; i < 60; i++) {
      if ((await json<{ frozen: boolean }>(await office.get(`/api/v1/figures/monthly?period=${period}`))).frozen) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (!opts.publish) continue;
    const review = await json<{ bottom: { group: string; proposed: { unitId: number }[] }[] }>(await office.get(`/api/v1/reviews/${period}`));
    for (const b of review.bottom.filter((x) => x.proposed.length))
      await json(await office.post(`/api/v1/reviews/${period}/bottom-statements`, { data: { group: b.group, unitIds: b.proposed.map((p) => p.unitId) } }));
    await json(await office.post(`/api/v1/reviews/${period}/publish`, { data: {} }));
  }
  await office.dispose();
}
