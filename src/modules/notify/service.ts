import { and, asc, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Actor, Deps, Who } from '../../context.js';
import type { Db } from '../../db/client.js';
import { badRequest, conflict, forbidden, notFound } from '../../errors.js';
import { recordAudit } from '../audit/service.js';
import { authorize } from '../../permissions.js';
import { accountRoles, accounts, type Role } from '../auth/read.js';
import { people } from '../org/read.js';
import { channelProblem, withoutSecrets, type EmailSettings } from './channels.js';
import { notifications, notifyChannels, notifyDeliveries, type ChannelKind } from './schema.js';

export interface Message {
  kind: string;
  title: string;
  body: string;
  link: string;
}

/**
 * Puts a message in the inboxes of the given accounts and queues it on every active outbound channel,
 * inside the caller's transaction. Sending happens later (deliverDue), so a failing channel never blocks a write.
 * `inboxOnly` is for a second wording of a message already queued on the channels (a copy, 抄送).
 */
export async function notify(tx: Db, now: Date, accountIds: number[], message: Message, options: { inboxOnly?: boolean } = {}): Promise<void> {
  const unique = [...new Set(accountIds)];
  if (unique.length) await tx.insert(notifications).values(unique.map((accountId) => ({ accountId, ...message, createdAt: now })));
  if (options.inboxOnly) return;
  const channels = await tx.select({ id: notifyChannels.id }).from(notifyChannels).where(eq(notifyChannels.active, true));
  if (channels.length) {
    await tx
      .insert(notifyDeliveries)
      .values(
        channels.map((c) => ({ channelId: c.id, title: message.title, body: `${message.body}\n${message.link}`.trim(), nextAttemptAt: now, createdAt: now })),
      );
  }
}

/**
 * Queues a message on one channel (a work group's robot) if it is active, inside the caller's transaction; sent later
 * by deliverDue like every other delivery. Answers whether it was queued.
 */
export async function postToChannel(tx: Db, now: Date, channelId: number, message: { title: string; body: string }): Promise<boolean> {
  const [channel] = await tx
    .select({ id: notifyChannels.id })
    .from(notifyChannels)
    .where(and(eq(notifyChannels.id, channelId), eq(notifyChannels.active, true)));
  if (!channel) return false;
  await tx.insert(notifyDeliveries).values({ channelId, title: message.title, body: message.body, nextAttemptAt: now, createdAt: now });
  return true;
}

// The channels by name and kind only (no target or secret), for choosing a work group's robot.
export const channelNames = (db: Db) =>
  db
    .select({ id: notifyChannels.id, name: notifyChannels.name, kind: notifyChannels.kind, active: notifyChannels.active })
    .from(notifyChannels)
    .orderBy(asc(notifyChannels.id));

// Active accounts of the people working in the given units who hold one of the roles.
export async function unitAccounts(tx: Db, unitIds: number[], roles: Role[]): Promise<number[]> {
  if (!unitIds.length) return [];
  const rows = await tx
    .selectDistinct({ id: accounts.id })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .innerJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
    .where(and(eq(accounts.active, true), inArray(people.unitId, unitIds), inArray(accountRoles.role, roles)));
  return rows.map((r) => r.id);
}

// Active accounts holding any of the roles, or belonging to the given people (e.g. a lead leader).
export async function roleAccounts(tx: Db, roles: Role[], personIds: number[] = []): Promise<number[]> {
  const rows = await tx
    .selectDistinct({ id: accounts.id })
    .from(accounts)
    .leftJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
    .where(and(eq(accounts.active, true), or(inArray(accountRoles.role, roles), personIds.length ? inArray(accounts.personId, personIds) : undefined)));
  return rows.map((r) => r.id);
}

// ---- Inbox: every account reads and marks only its own messages; any role will do. ----

// An account without a role (created, not yet granted one) reaches nothing but its own session, here as everywhere.
function assertAnyRole(actor: Actor) {
  if (!actor.roles.length) throw forbidden();
}

const ownMessages = (actor: Actor) => eq(notifications.accountId, actor.accountId);

export async function unreadCount(deps: Deps, actor: Actor): Promise<number> {
  assertAnyRole(actor);
  const [row] = await deps.db
    .select({ n: count() })
    .from(notifications)
    .where(and(ownMessages(actor), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listInbox(deps: Deps, actor: Actor, q: { unread: boolean; page: number; pageSize: number }) {
  assertAnyRole(actor);
  const where = q.unread ? and(ownMessages(actor), isNull(notifications.readAt)) : ownMessages(actor);
  const [row] = await deps.db.select({ n: count() }).from(notifications).where(where);
  const items = await deps.db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items, total: row?.n ?? 0, unread: await unreadCount(deps, actor) };
}

// Reading changes no business state, so it is not audited. Another account's id answers like a missing one.
export async function markRead(deps: Deps, actor: Actor, id: number) {
  assertAnyRole(actor);
  const [row] = await deps.db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${deps.clock.now().toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), ownMessages(actor)))
    .returning();
  if (!row) throw notFound('NOTIFICATION_NOT_FOUND', '消息不存在');
  return row;
}

export async function markAllRead(deps: Deps, actor: Actor): Promise<number> {
  assertAnyRole(actor);
  const rows = await deps.db
    .update(notifications)
    .set({ readAt: deps.clock.now() })
    .where(and(ownMessages(actor), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

// ---- Outbound channels, configured by the system admin. ----

export const channelNotFound = () => notFound('CHANNEL_NOT_FOUND', '通知渠道不存在');

export function listChannels(deps: Deps, actor: Actor) {
  authorize(actor, 'notify.channels');
  return deps.db.select().from(notifyChannels).orderBy(asc(notifyChannels.id));
}

export interface ChannelInput {
  kind: ChannelKind;
  name: string;
  target: string;
  settings?: Partial<EmailSettings>;
  active?: boolean;
}

function assertUsable(kind: ChannelKind, target: string, settings: Partial<EmailSettings>) {
  const problem = channelProblem(kind, target, settings);
  if (problem) throw badRequest('BAD_CHANNEL', problem);
}

export async function createChannel(deps: Deps, who: Who & { actor: Actor }, input: ChannelInput) {
  authorize(who.actor, 'notify.channels');
  // Only e-mail has settings; a robot is its webhook URL.
  const settings = input.kind === 'email' ? (input.settings ?? {}) : {};
  assertUsable(input.kind, input.target, settings);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(notifyChannels)
      .values({ ...input, settings, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, deps, who, { action: 'notify.channel_create', targetType: 'notify_channel', targetId: row!.id, after: withoutSecrets(row!) });
    return row!;
  });
}

export interface ChannelPatch {
  version: number;
  name?: string;
  target?: string;
  // Merged into the stored settings: leaving out `pass` keeps the saved password.
  settings?: Partial<EmailSettings>;
  active?: boolean;
}

export async function updateChannel(deps: Deps, who: Who & { actor: Actor }, id: number, patch: ChannelPatch) {
  authorize(who.actor, 'notify.channels');
  const { version, ...set } = patch;
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(notifyChannels).where(eq(notifyChannels.id, id));
    if (!before) throw channelNotFound();
    const settings = before.kind === 'email' ? { ...before.settings, ...set.settings } : {};
    const target = set.target ?? before.target;
    assertUsable(before.kind, target, settings);
    const [after] = await tx
      .update(notifyChannels)
      .set({ ...set, target, settings, version: version + 1, updatedAt: now })
      .where(and(eq(notifyChannels.id, id), eq(notifyChannels.version, version)))
      .returning();
    if (!after) throw conflict('STALE_VERSION', '该记录已被他人修改，请刷新后重试');
    if (before.active && !after.active) {
      // A switched-off channel sends nothing more, not even what was already queued.
      await tx
        .update(notifyDeliveries)
        .set({ status: 'failed', lastError: '渠道已停用，未发送' })
        .where(and(eq(notifyDeliveries.channelId, id), eq(notifyDeliveries.status, 'pending')));
    }
    await recordAudit(tx, deps, who, {
      action: 'notify.channel_update',
      targetType: 'notify_channel',
      targetId: id,
      before: withoutSecrets(before),
      after: withoutSecrets(after),
    });
    return after;
  });
}

export async function testChannel(deps: Deps, who: Who & { actor: Actor }, id: number) {
  authorize(who.actor, 'notify.channels');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [channel] = await tx.select().from(notifyChannels).where(eq(notifyChannels.id, id));
    if (!channel) throw channelNotFound();
    if (!channel.active) throw conflict('CHANNEL_INACTIVE', '渠道已停用，请先启用再测试');
    const [delivery] = await tx
      .insert(notifyDeliveries)
      .values({
        channelId: id,
        title: '测试消息',
        body: `这是「落实」督查督办系统发往「${channel.name}」的测试消息，收到即表示渠道配置正确。`,
        nextAttemptAt: now,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, deps, who, { action: 'notify.channel_test', targetType: 'notify_channel', targetId: id, after: { deliveryId: delivery!.id } });
    return { deliveryId: delivery!.id };
  });
}
