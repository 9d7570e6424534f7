import { type Deps, systemWho } from '../../context.js';
import { dayOf } from '../../calendar/rules.js';
import { anchorDaily } from '../audit/anchor.js';
import { notify, roleAccounts } from '../notify/service.js';
import { freezeDueMonths } from '../figures/service.js';
import { deliverDue } from '../notify/delivery.js';
import { rollOver } from '../plans/rollover.js';
import { evidenceAttachmentIds } from '../closing/read.js';
import { removeOrphanUploads } from '../tasks/attachments.js';
import { foldTaskStatusCounts } from '../tasks/status-counts.js';
import { scan } from './service.js';
import { weeklyNotice } from '../study/service.js';
import { sendDueDigests } from '../digest/service.js';

// The periodic work: issue the sheets that are due, carry over tasks a month left open (挂单), anchor the audit chain's
// head once a day (alarming the security admins if the daily verify fails), remove uploads no report took after a
// grace period, send queued notifications, fold the task status summary's deltas into its counts.
// Each step is idempotent and safe in several processes at once.
export async function periodicWork(deps: Deps) {
  const at = deps.clock.now().toISOString();
  const scanned = await scan(deps, systemWho(`scanner-${at}`));
  const rolled = await rollOver(deps, systemWho(`rollover-${at}`));
  const frozen = await freezeDueMonths(deps, systemWho(`figures-${at}`));
  const anchored = await anchorDaily(deps, dayOf(deps.clock.now()), async (tx, message) =>
    notify(tx, deps.clock.now(), await roleAccounts(tx, ['secadmin']), message),
  );
  // The study ledger's weekly attendance notice, once a week (claimed by its week).
  const study = await weeklyNotice(deps, systemWho(`study-${at}`));
  const orphans = await removeOrphanUploads(deps, systemWho(`orphans-${at}`), evidenceAttachmentIds());
  // Work groups' daily digests (微信亮绩), each group once a day (claimed by its day).
  const digested = await sendDueDigests(deps, systemWho(`digest-${at}`));
  const delivered = await deliverDue(deps, {});
  const statusDeltasFolded = await foldTaskStatusCounts(deps.db);
  return { ...scanned, ...rolled, ...frozen, ...anchored, ...study, ...orphans, ...digested, ...delivered, statusDeltasFolded };
}

// Runs the periodic work every `intervalMs`; a tick never overlaps the previous one.
// The returned stop function waits for a running tick, so the database is not closed under it.
export function startScanner(deps: Deps, intervalMs = 60_000): () => Promise<void> {
  let current: Promise<void> | undefined;
  const tick = () => {
    current ??= periodicWork(deps)
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
