// Loaded into the server under test (node --import): counts the SQL statements it sends and reports them with its
// memory on a small side port (BENCH_PROBE_PORT), so the bench can tell statements per request and peak memory.
import http from 'node:http';
import pg from 'pg';

let statements = 0;
// Each tick of the periodic work tries the daily anchor's lock once (audit/anchor.ts): counting that statement counts
// the ticks this process ran.
let ticks = 0;
let peakRss = process.memoryUsage().rss;
// While tracing: each statement's text, parameters and time, for EXPLAIN ANALYZE of the slow ones.
let trace: { text: string; values: unknown[]; ms: number }[] | null = null;

const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1;
  const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | undefined)?.text;
  if (typeof text === 'string' && text.includes('pg_try_advisory_xact_lock')) ticks += 1;
  const recording = trace;
  if (recording && args[0] && (typeof args[0] === 'string' || typeof (args[0] as { text?: unknown }).text === 'string')) {
    const config = args[0] as string | { text: string; values?: unknown[] };
    const text = typeof config === 'string' ? config : config.text;
    const values = (typeof config === 'string' ? undefined : config.values) ?? (Array.isArray(args[1]) ? (args[1] as unknown[]) : []);
    const started = performance.now();
    const record = () => recording.push({ text, values, ms: performance.now() - started });
    // A pool calls query(text, values, callback); drizzle's own client calls return a promise.
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (...a: unknown[]) => unknown;
      args[last] = (...a: unknown[]) => {
        record();
        return callback(...a);
      };
    }
    const result = query.apply(this, args);
    if (result instanceof Promise) void result.then(record, () => undefined);
    return result;
  }
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

// Sampled, so a peak between two samples can be missed; a blocked event loop samples late but never misses the end.
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20).unref();

http
  .createServer((req, res) => {
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    const cpu = process.cpuUsage();
    const body = { statements, ticks, cpuMs: Math.round((cpu.user + cpu.system) / 1000), rss, peakRss, heapUsed: process.memoryUsage().heapUsed, trace };
    if (req.url === '/reset') peakRss = rss;
    if (req.url === '/trace') trace = [];
    if (req.url === '/untrace') trace = null;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  })
  .listen(Number(process.env.BENCH_PROBE_PORT), '127.0.0.1')
  .unref();
