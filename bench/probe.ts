// Loaded into the server under test (node --import): counts the SQL statements it sends and reports them with its
// memory on a small side port (BENCH_PROBE_PORT), so the bench can tell statements per request and peak memory.
import http from 'node:http';
import pg from 'pg';

let statements = 0;
let peakRss = process.memoryUsage().rss;

const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1;
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
    const body = { statements, rss, peakRss, heapUsed: process.memoryUsage().heapUsed };
    if (req.url === '/reset') peakRss = rss;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  })
  .listen(Number(process.env.BENCH_PROBE_PORT), '127.0.0.1')
  .unref();
