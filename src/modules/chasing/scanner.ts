import { type Deps, systemWho } from '../../context.js';
import { deliverDue } from '../notify/delivery.js';
import { rollOver } from '../plans/rollover.js';
import { scan } from './service.js';

// Every `intervalMs`: issue what is due, carry over tasks a month left open (挂单), then send queued notifications.
// A tick never overlaps the previous one; other processes may run it too.
// The returned stop function waits for a running tick, so the database is not closed under it.
export function startScanner(deps: Deps, intervalMs = 60_000): () => Promise<void> {
  let current: Promise<void> | undefined;
  const tick = () => {
    current ??= scan(deps, systemWho(`scanner-${deps.clock.now().toISOString()}`))
      .then(() => rollOver(deps, systemWho(`rollover-${deps.clock.now().toISOString()}`)))
      .then(() => deliverDue(deps, {}))
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
