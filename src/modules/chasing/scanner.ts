import { type Deps, systemWho } from '../../context.js';
import { scan } from './service.js';

// Runs the scanner every `intervalMs`; a tick never overlaps the previous one. Other processes may run it too.
// The returned stop function waits for a running tick, so the database is not closed under it.
export function startScanner(deps: Deps, intervalMs = 60_000): () => Promise<void> {
  let current: Promise<void> | undefined;
  const tick = () => {
    current ??= scan(deps, systemWho(`scanner-${deps.clock.now().toISOString()}`))
      .then(() => undefined)
      .catch((err: unknown) => console.error('督办扫描失败', err))
      .finally(() => {
        current = undefined;
      });
  };
  const timer = setInterval(tick, intervalMs);
  tick();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
