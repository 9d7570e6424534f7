// The server under test: src/main.ts as a child process with the bench's clock, its own port and the probe loaded.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { BENCH_NOW } from './generate.js';

export interface Probe {
  statements: number;
  // Runs of the daily audit anchor's claim: one per tick of the periodic work in this process.
  ticks: number;
  // CPU time the process has used, user and system.
  cpuMs: number;
  rss: number;
  peakRss: number;
  heapUsed: number;
  trace: { text: string; values: unknown[]; ms: number }[] | null;
}

export interface ServerUnderTest {
  url: string;
  pid: number;
  probe(action?: 'reset' | 'trace' | 'untrace'): Promise<Probe>;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '..');

export async function startServer(env: Record<string, string>, port: number): Promise<ServerUnderTest> {
  const probePort = port + 1;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', '--import', './bench/probe.ts', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      LUOSHI_NOW: BENCH_NOW,
      LUOSHI_DEMO_HISTORY: '0',
      // The scanner's tick is measured on its own; in the server it would run once at start, in the middle of the load.
      // The several-process pass turns it on (and moves the clock) in `env`.
      LUOSHI_SCANNER: '0',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BENCH_PROBE_PORT: String(probePort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never leave the server behind when the bench stops early.
  process.once('exit', () => child.exitCode === null && child.kill());
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`服务未能启动：\n${output}`);
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`服务两分钟内未就绪：\n${output}`);
    }
    const ok = await fetch(`${url}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    pid: child.pid!,
    probe: async (action) => (await (await fetch(`http://127.0.0.1:${probePort}/${action ?? ''}`)).json()) as Probe,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
