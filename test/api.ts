import { createApp } from '../src/app.js';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/demo.js';
import type { TestDeps } from './db.js';

export type TestApp = ReturnType<typeof createApp>;

// The origin app.request's URLs have (http://localhost/…): a browser on the app's own pages sends it with every write.
export const APP_ORIGIN = 'http://localhost';

export async function demoApp(deps: TestDeps, opts: { forcePasswordChange?: boolean } = {}) {
  await seedDemo(deps, { forcePasswordChange: opts.forcePasswordChange ?? false });
  return asBrowser(createApp(deps));
}

// The app as the browser on its own pages calls it: every request without an Origin header gets the app's origin,
// as a browser adds it to every write. Tests of the CSRF check itself call createApp directly.
export function asBrowser(app: TestApp): TestApp {
  const request = app.request.bind(app);
  app.request = (input, init, ...rest) => {
    const headers = new Headers(init?.headers);
    if (!headers.has('origin')) headers.set('origin', APP_ORIGIN);
    return request(input, { ...init, headers }, ...rest);
  };
  return app;
}

// Logs in through the API and returns the Cookie header to send with later requests.
export async function login(app: TestApp, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  return sessionCookie(res);
}

export function sessionCookie(res: Response): string {
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

export async function call(app: TestApp, cookie: string | null, method: string, path: string, body?: unknown) {
  const res = await app.request(path, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : null, headers: res.headers };
}

// A task created and handed over (交办) by `cookie`'s account, as the office does; its id.
export async function handOver(app: TestApp, cookie: string, input: unknown): Promise<number> {
  const created = await call(app, cookie, 'POST', '/api/v1/tasks', input);
  if (created.status !== 201) throw new Error(`create task failed: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body!.id as number;
  const assigned = await call(app, cookie, 'POST', `/api/v1/tasks/${id}/assign`, {});
  if (assigned.status !== 200) throw new Error(`assign task ${id} failed: ${assigned.status} ${JSON.stringify(assigned.body)}`);
  return id;
}

async function expectOk(res: ReturnType<typeof call>, status: number, what: string) {
  const { status: got, body } = await res;
  if (got !== status) throw new Error(`${what} failed: ${got} ${JSON.stringify(body)}`);
  return body!;
}

/** The lead unit signs for a handed-over task and starts on it. */
export async function startWork(app: TestApp, liaison: string, taskId: number) {
  await expectOk(call(app, liaison, 'POST', `/api/v1/tasks/${taskId}/sign`, {}), 200, `sign task ${taskId}`);
  await expectOk(call(app, liaison, 'POST', `/api/v1/tasks/${taskId}/start`, {}), 200, `start task ${taskId}`);
}

/** The unit asks to close a task and each reviewing office approves (三部联审); the request's id. */
export async function closeJointly(app: TestApp, liaison: string, reviewers: string[], taskId: number, finishedOn: string): Promise<number> {
  const filed = await expectOk(
    call(app, liaison, 'POST', `/api/v1/tasks/${taskId}/closing-requests`, { summary: '已全部完成并通过验收', finishedOn }),
    201,
    `closing request for task ${taskId}`,
  );
  for (const reviewer of reviewers)
    await expectOk(call(app, reviewer, 'POST', `/api/v1/closing-requests/${filed.id}/reviews`, { decision: 'approve', comment: '' }), 201, 'review');
  return filed.id as number;
}
