import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from '../auth/schema.js';

// A token that opens the public board (公示 / 电子屏) on a wall display without a login. Only the SHA-256 of the token is
// kept; the token itself is shown once, when the office creates it. Revoked tokens stay listed, refused.
export const boardTokens = pgTable(
  'board_tokens',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(), // where the screen hangs, e.g. 政务大厅电子屏
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => accounts.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: integer('revoked_by').references(() => accounts.id),
  },
  (t) => [index('board_tokens_created_idx').on(t.createdAt)],
);
