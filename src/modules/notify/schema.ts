import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from '../auth/schema.js';

// In-app inbox, one row per recipient account.
export const notifications = pgTable(
  'notifications',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_account_idx').on(t.accountId, t.readAt)],
);

export type ChannelKind = 'wecom' | 'dingtalk' | 'feishu' | 'email';

// Outbound channels configured by the admin: work-group robots (webhooks) and e-mail.
export const notifyChannels = pgTable('notify_channels', {
  id: serial('id').primaryKey(),
  kind: text('kind').$type<ChannelKind>().notNull(),
  name: text('name').notNull(),
  // Webhook URL, or for e-mail the recipients separated by commas.
  target: text('target').notNull(),
  // SMTP host, port, sender and credentials for e-mail channels.
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

// One outbound message on one channel, retried with back-off until sent or given up.
export const notifyDeliveries = pgTable(
  'notify_deliveries',
  {
    id: serial('id').primaryKey(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => notifyChannels.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status').$type<'pending' | 'sent' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error').notNull().default(''),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('notify_deliveries_due_idx').on(t.status, t.nextAttemptAt)],
);
