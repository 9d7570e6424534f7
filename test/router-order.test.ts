import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTERS, createApp } from '../src/app.js';
import { taskCarryOvers } from '../src/modules/tasks/schema.js';
import { seedDemo } from '../src/seed/demo.js';
import { asBrowser, call, login, type TestApp } from './api.js';
import { testDeps, type TestDeps } from './db.js';
import { buildTaskInput, firstLeaderId, unitId } from './factories.js';

// Each module's /tasks/{id}/… routes are explicit and ids match digits only, so every route answers the same
// whatever order the routers are mounted in.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let deps: TestDeps;
beforeAll(async () => {
  deps = await testDeps();
  await seedDemo(deps, { forcePasswordChange: false });
});
afterAll(() => deps?.close());

// One task from creation to a closing request on the given app; what each step answered, without ids and times.
async function walk(app: TestApp): Promise<string[]> {
  const office = await login(app, 'duchashi');
  const liaison = await login(app, 'lianluo');
  const answers: string[] = [];
  const step = async (cookie: string, method: string, path: string, body?: unknown) => {
    const res = await call(app, cookie, method, `/api/v1${path}`, body);
    answers.push(`${method} ${path.replace(/\d+/g, ':n')} → ${res.status} ${res.body?.error?.code ?? res.body?.status ?? ''}`);
    return res;
  };
  const created = await step(office, 'POST', '/tasks', buildTaskInput({ leadUnitId: await unitId(deps.db, 'T01') }));
  const id = created.body!.id as number;
  await step(office, 'POST', `/tasks/${id}/assign`, {});
  await step(liaison, 'POST', `/tasks/${id}/decline`, { reason: '不属于本单位职责' });
  await step(office, 'POST', `/tasks/${id}/assign`, {});
  await step(liaison, 'POST', `/tasks/${id}/sign`, {});
  await step(liaison, 'POST', `/tasks/${id}/start`, {});
  await step(office, 'POST', `/tasks/${id}/suspend`, { reason: '等待规划调整', approverLeaderId: await firstLeaderId(deps.db) });
  await step(office, 'POST', `/tasks/${id}/resume`, {});
  for (const action of ['request_closing', 'close', 'return'])
    await step(action === 'request_closing' ? liaison : office, 'POST', `/tasks/${id}/${action}`, {});

  const form = new FormData();
  form.append('file', new File([new Uint8Array(PDF)], '验收报告.pdf'));
  const uploaded = await app.request(`/api/v1/tasks/${id}/attachments`, { method: 'POST', headers: { cookie: liaison }, body: form });
  const attachment = (await uploaded.json()) as { id: number; mime: string };
  answers.push(`upload → ${uploaded.status} ${attachment.mime}`);
  const downloaded = await app.request(`/api/v1/tasks/${id}/attachments/${attachment.id}`, { headers: { cookie: liaison } });
  answers.push(`download → ${downloaded.status} ${downloaded.headers.get('content-type')} ${(await downloaded.arrayBuffer()).byteLength}`);

  await deps.db.insert(taskCarryOvers).values({ taskId: id, fromPeriod: '2026-03', toPeriod: '2026-04', createdAt: deps.clock.now() });
  await step(liaison, 'POST', `/tasks/${id}/carry-over-reason`, { reason: '汛期影响施工' });
  await step(liaison, 'GET', `/tasks/${id}/carry-overs`);
  await step(liaison, 'POST', `/tasks/${id}/closing-requests`, { summary: '已完成', finishedOn: '2026-03-25', attachmentIds: [attachment.id] });
  await step(liaison, 'GET', `/tasks/${id}/closing-requests`);
  await step(office, 'POST', `/tasks/${id}/cancel`, { reason: '重复立项' });
  await step(office, 'GET', `/tasks/${id}`);
  const exported = await app.request('/api/v1/tasks/export', { headers: { cookie: office } });
  answers.push(`export → ${exported.status} ${exported.headers.get('content-type')}`);
  await exported.arrayBuffer();
  return answers;
}

describe('router order', () => {
  it('task actions, closing requests, carry-over reasons, attachments and the ledger export answer the same when the routers are mounted in reverse', async () => {
    const usual = await walk(asBrowser(createApp(deps)));
    const reversed = await walk(asBrowser(createApp(deps, [...API_ROUTERS].reverse())));
    expect(reversed).toEqual(usual);
    // The walk reached every endpoint it meant to, not a shadowing route.
    expect(usual).toEqual([
      'POST /tasks → 201 draft',
      'POST /tasks/:n/assign → 200 assigned',
      'POST /tasks/:n/decline → 200 declined',
      'POST /tasks/:n/assign → 200 assigned',
      'POST /tasks/:n/sign → 200 signed',
      'POST /tasks/:n/start → 200 in_progress',
      'POST /tasks/:n/suspend → 200 suspended',
      'POST /tasks/:n/resume → 200 in_progress',
      'POST /tasks/:n/request_closing → 409 USE_CLOSING_REQUEST',
      'POST /tasks/:n/close → 409 USE_CLOSING_REQUEST',
      'POST /tasks/:n/return → 409 USE_CLOSING_REQUEST',
      'upload → 201 application/pdf',
      `download → 200 application/pdf ${PDF.length}`,
      'POST /tasks/:n/carry-over-reason → 200 ',
      'GET /tasks/:n/carry-overs → 200 ',
      'POST /tasks/:n/closing-requests → 201 pending',
      'GET /tasks/:n/closing-requests → 200 ',
      'POST /tasks/:n/cancel → 200 cancelled',
      'GET /tasks/:n → 200 cancelled',
      'export → 200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });

  it('a path whose id is not a number answers 404 in the one error shape', async () => {
    const app = asBrowser(createApp(deps));
    const cookie = await login(app, 'duchashi');
    for (const path of ['/tasks/abc', '/tasks/abc/assign', '/plans/abc/draft'])
      expect(await call(app, cookie, 'GET', `/api/v1${path}`)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });
});
