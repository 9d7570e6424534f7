import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Deps } from '../../context.js';
import { parseRecipients, webhookBody, webhookFailure, type EmailSettings } from './channels.js';
import { notifyChannels, notifyDeliveries } from './schema.js';

type Delivery = typeof notifyDeliveries.$inferSelect;
type Channel = typeof notifyChannels.$inferSelect;

const SEND_TIMEOUT_MS = 5_000;
// A claimed delivery belongs to its process this long; if that process dies, another one retries it afterwards.
// It must exceed a whole sweep: limit × timeout (20 × 5 s, or 3 × 5 s per e-mail: connect, greeting, socket).
const LEASE_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 8;

/** Wait after the n-th failed attempt: 1, 2, 4, 8 … minutes, at most an hour. */
export const retryDelayMs = (attempts: number) => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);

/**
 * Sends the due deliveries, at most `limit` of them; the periodic scanner calls this. Several processes may run it
 * at once: each claims different rows, and no lock is held while a channel is slow.
 */
export async function deliverDue(
  deps: Pick<Deps, 'db' | 'clock'>,
  opts: { limit?: number; timeoutMs?: number } = {},
): Promise<{ sent: number; failed: number }> {
  const timeoutMs = opts.timeoutMs ?? SEND_TIMEOUT_MS;
  const claimed = await claimDue(deps, opts.limit ?? 20);
  let sent = 0;
  let failed = 0;
  for (const { delivery, channel } of claimed) {
    const error = await send(channel, delivery, timeoutMs).then(
      () => null,
      (err: unknown) => errorText(err, timeoutMs),
    );
    await recordResult(deps, delivery, error);
    if (error === null) sent++;
    else failed++;
  }
  return { sent, failed };
}

// One statement, so the rows stay locked only while it runs: it pushes nextAttemptAt past the lease, which takes them
// out of everyone else's "due" until this process records a result. SKIP LOCKED lets another process take the next rows.
async function claimDue(deps: Pick<Deps, 'db' | 'clock'>, limit: number) {
  const now = deps.clock.now();
  const due = deps.db
    .select({ id: notifyDeliveries.id })
    .from(notifyDeliveries)
    .where(and(eq(notifyDeliveries.status, 'pending'), lte(notifyDeliveries.nextAttemptAt, now)))
    .orderBy(asc(notifyDeliveries.nextAttemptAt), asc(notifyDeliveries.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await deps.db
    .update(notifyDeliveries)
    .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
    .where(inArray(notifyDeliveries.id, due))
    .returning();
  if (!rows.length) return [];
  const channels = await deps.db
    .select()
    .from(notifyChannels)
    .where(inArray(notifyChannels.id, [...new Set(rows.map((r) => r.channelId))]));
  return rows.sort((a, b) => a.id - b.id).map((delivery) => ({ delivery, channel: channels.find((c) => c.id === delivery.channelId)! }));
}

async function recordResult(deps: Pick<Deps, 'db' | 'clock'>, delivery: Delivery, error: string | null) {
  const now = deps.clock.now();
  const attempts = delivery.attempts + 1;
  const result =
    error === null
      ? { status: 'sent' as const, sentAt: now, lastError: '' }
      : attempts >= MAX_ATTEMPTS
        ? { status: 'failed' as const, lastError: error }
        : { lastError: error, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) };
  // Guarded: if the lease ran out and another process took the delivery over, only the first result counts.
  await deps.db
    .update(notifyDeliveries)
    .set({ ...result, attempts })
    .where(and(eq(notifyDeliveries.id, delivery.id), eq(notifyDeliveries.status, 'pending'), eq(notifyDeliveries.attempts, delivery.attempts)));
}

async function send(channel: Channel, delivery: Delivery, timeoutMs: number): Promise<void> {
  if (channel.kind === 'email') return sendEmail(channel, delivery, timeoutMs);
  const res = await fetch(channel.target, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(webhookBody(channel.kind, delivery.title, delivery.body)),
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  const failure = webhookFailure(channel.kind, res.status, await res.text());
  if (failure) throw new Error(failure);
}

async function sendEmail(channel: Channel, delivery: Delivery, timeoutMs: number): Promise<void> {
  const s = channel.settings as Partial<EmailSettings>;
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure ?? false,
    auth: s.user ? { user: s.user, pass: s.pass ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({ from: s.from, to: parseRecipients(channel.target), subject: delivery.title, text: delivery.body });
  } finally {
    transport.close();
  }
}

function errorText(err: unknown, timeoutMs: number): string {
  if (!(err instanceof Error)) return String(err).slice(0, 500);
  if (err.name === 'TimeoutError') return `发送超时：${timeoutMs / 1000} 秒内没有应答`;
  // fetch reports "fetch failed" and puts the reason (refused, DNS …) in `cause`.
  const cause = err.cause instanceof Error ? `：${err.cause.message}` : '';
  return `${err.message}${cause}`.slice(0, 500);
}
