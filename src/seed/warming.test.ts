import { describe, expect, it } from 'vitest';
import { warmingResponse } from './warming.js';

describe('the answer while the demo county is being written', () => {
  it('tells API callers to come back, with the error shape and how far it has come', async () => {
    const res = warmingResponse(new Request('http://localhost/api/v1/tasks'), 0.426);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({ error: { code: 'DEMO_SEEDING', message: '示范县演示数据生成中（已完成 42%），请稍候' } });
  });

  it('shows a person a page that refreshes itself until the county is ready, never claiming 100 %', async () => {
    const res = warmingResponse(new Request('http://localhost/tasks?period=2026-11'), 1);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain('<meta http-equiv="refresh" content="5">');
    expect(page).toContain('已完成 99%');
  });
});
