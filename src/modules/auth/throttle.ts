import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type ThrottleState } from './rules.js';
import { loginThrottle } from './schema.js';

export const ipKey = (ip: string) => `ip:${ip}`;
export const nameKey = (username: string) => `name:${username}`;

export async function findThrottle(db: Db, key: string): Promise<ThrottleState | undefined> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  return row;
}

// Counts one failure under `key` with the rule `next`, row-locked so concurrent failures are all counted.
export async function countFailure(tx: Db, key: string, now: Date, next: (state: ThrottleState) => ThrottleState): Promise<ThrottleState> {
  await tx.insert(loginThrottle).values({ key, failures: 0, windowStartedAt: now }).onConflictDoNothing();
  const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).for('update');
  const state = next(row!);
  await tx.update(loginThrottle).set(state).where(eq(loginThrottle.key, key));
  return state;
}
