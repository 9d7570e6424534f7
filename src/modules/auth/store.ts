import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { escapeLike } from '../audit/service.js';
import { leaders, people, units } from '../org/read.js';
import { accountRoles, accounts, accountTotp, securityPolicy, sessions, type Role } from './schema.js';

// Whether the account has a confirmed second factor, as a column of a query on accounts.
const totpEnabledSql = sql<boolean>`exists(select 1 from ${accountTotp} t where t.account_id = ${accounts.id} and t.confirmed_at is not null)`;

export async function findAccountByUsername(db: Db, username: string) {
  const [row] = await db.select().from(accounts).where(eq(accounts.username, username));
  return row;
}

export async function findAccountById(db: Db, id: number) {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

export async function rolesOf(db: Db, accountIds: number[]): Promise<Map<number, Role[]>> {
  const map = new Map<number, Role[]>();
  if (accountIds.length === 0) return map;
  const rows = await db.select().from(accountRoles).where(inArray(accountRoles.accountId, accountIds)).orderBy(asc(accountRoles.role));
  for (const r of rows) map.set(r.accountId, [...(map.get(r.accountId) ?? []), r.role]);
  return map;
}

export async function getPolicy(db: Db) {
  const [row] = await db.select().from(securityPolicy).where(eq(securityPolicy.id, 1));
  if (!row) throw new Error('security_policy row is missing; migrations were not applied');
  return row;
}

export async function findSession(db: Db, tokenHash: string) {
  const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
  return row;
}

/**
 * Everything a request needs about its session, in one statement: the session, its account with roles, the account's
 * unit and leader, and the security policy. Undefined when the token matches no session.
 */
export async function loadSession(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      session: sessions,
      account: accounts,
      policy: securityPolicy,
      roles: sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from ${accountRoles} r where r.account_id = ${accounts.id}), '{}')`,
      unitId: people.unitId,
      unitName: units.name,
      unitPath: units.path,
      leaderId: sql<number | null>`(select l.id from ${leaders} l where l.person_id = ${accounts.personId} and l.active order by l.id limit 1)`,
      totpEnabled: totpEnabledSql,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .leftJoin(securityPolicy, eq(securityPolicy.id, 1))
    .leftJoin(people, eq(people.id, accounts.personId))
    .leftJoin(units, eq(units.id, people.unitId))
    .where(eq(sessions.tokenHash, tokenHash));
  if (row && !row.policy) throw new Error('security_policy row is missing; migrations were not applied');
  return row && { ...row, policy: row.policy! };
}

export async function endSessions(db: Db, accountId: number, now: Date, reason: string, exceptTokenHash?: string) {
  const conds: SQL[] = [eq(sessions.accountId, accountId), isNull(sessions.endedAt)];
  if (exceptTokenHash) conds.push(sql`${sessions.tokenHash} <> ${exceptTokenHash}`);
  await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(...conds));
}

export async function listAccounts(db: Db, q: { keyword?: string; page: number; pageSize: number; id?: number }) {
  const conds: SQL[] = [];
  if (q.id !== undefined) conds.push(eq(accounts.id, q.id));
  if (q.keyword) conds.push(or(ilike(accounts.username, `%${escapeLike(q.keyword)}%`), ilike(accounts.displayName, `%${escapeLike(q.keyword)}%`))!);
  const where = conds.length ? and(...conds) : undefined;
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(accounts)
    .where(where);
  const items = await db
    .select({ account: accounts, personName: people.name, unitName: units.name, totpEnabled: totpEnabledSql })
    .from(accounts)
    .leftJoin(people, eq(people.id, accounts.personId))
    .leftJoin(units, eq(units.id, people.unitId))
    .where(where)
    .orderBy(asc(accounts.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total, items };
}

export async function findTotp(db: Db, accountId: number) {
  const [row] = await db.select().from(accountTotp).where(eq(accountTotp.accountId, accountId));
  return row;
}
