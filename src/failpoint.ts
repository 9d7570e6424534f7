import type { Config } from './config.js';

// Failpoints for the crash-safety test (test/crash-safety.test.ts): LUOSHI_FAILPOINTS=closing.settle,plan.issue@2 arms
// named points; the process kills itself with SIGKILL at an armed point's first (or @n-th) pass, mid-transaction, as
// a power cut or the OOM killer would. Unset in production, where every call is a lookup in an empty map.
const passes = new Map<string, number>();

export function parseFailpoints(raw: string | undefined): ReadonlyMap<string, number> {
  const armed = new Map<string, number>();
  for (const entry of (raw ?? '').split(',').map((s) => s.trim())) {
    if (!entry) continue;
    const m = /^([a-z][a-z_.-]*)(?:@(\d+))?$/.exec(entry);
    if (!m) throw new Error(`LUOSHI_FAILPOINTS entries look like name or name@3, got ${entry}`);
    armed.set(m[1]!, Number(m[2] ?? 1));
  }
  return armed;
}

export function failpoint(config: Pick<Config, 'failpoints'>, name: string): void {
  const at = config.failpoints.get(name);
  if (at === undefined) return;
  const pass = (passes.get(name) ?? 0) + 1;
  passes.set(name, pass);
  if (pass === at) process.kill(process.pid, 'SIGKILL');
}
