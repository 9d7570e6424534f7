// What the server answers while it writes the demo county's history on first start: it listens at once, so whoever
// opens the address sees how far the county has come instead of a refused connection.
import { errorBody } from '../errors.js';

export function warmingResponse(req: Request, progress: number): Response {
  const percent = Math.min(99, Math.floor(progress * 100));
  const headers = { 'Retry-After': '5', 'Cache-Control': 'no-store' };
  if (new URL(req.url).pathname.startsWith('/api/')) {
    return Response.json(errorBody('DEMO_SEEDING', `示范县演示数据生成中（已完成 ${percent}%），请稍候`), { status: 503, headers });
  }
  const page = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="5"><title>落实 · 正在准备示范县</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 20vh auto; padding: 0 1.5rem; color: #262626">
<h1 style="font-size: 1.4rem">落实 · 督查督办系统</h1>
<p>首次启动，正在生成示范县近一年的工作记录（已完成 ${percent}%）。完成后本页自动进入登录页。</p>
<div style="height: 8px; background: #f0f0f0; border-radius: 4px"><div style="height: 8px; width: ${percent}%; background: #1677ff; border-radius: 4px"></div></div>
</body></html>`;
  return new Response(page, {
    status: 503,
    headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" },
  });
}
