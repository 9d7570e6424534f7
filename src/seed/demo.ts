import { count, eq, sql } from 'drizzle-orm';
import type { Deps } from '../context.js';
import { systemWho } from '../context.js';
import type { Db } from '../db/client.js';
import { recordAudit } from '../modules/audit/service.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { accountRoles, accounts, type Role } from '../modules/auth/schema.js';
import { reviewOffices } from '../modules/org/schema.js';
import { taskCategories } from '../modules/tasks/schema.js';
import { childPath } from '../modules/org/rules.js';
import { leaders, leaderUnits, orgSettings, people, units } from '../modules/org/schema.js';
import { DEMO_LEADERS, DEMO_UNITS } from './demo-data.js';

export const DEMO_PASSWORD = 'Luoshi@2026';

// One account of every role. `person` picks whom the account belongs to: a unit's head or liaison, or a leader.
export const DEMO_ACCOUNTS: {
  username: string;
  displayName: string;
  role: Role;
  person?: { unitCode: string; as: 'head' | 'liaison' } | { leader: string };
}[] = [
  { username: 'admin', displayName: '系统管理员', role: 'sysadmin' },
  { username: 'anquan', displayName: '安全管理员', role: 'secadmin' },
  { username: 'shenji', displayName: '审计管理员', role: 'auditadmin' },
  { username: 'duchashi', displayName: '', role: 'office', person: { unitCode: 'DCS', as: 'liaison' } },
  { username: 'kaoheban', displayName: '', role: 'assessment', person: { unitCode: 'KHB', as: 'liaison' } },
  { username: 'xiaoneng', displayName: '', role: 'office', person: { unitCode: 'XNJC', as: 'liaison' } },
  { username: 'jiwei', displayName: '', role: 'discipline', person: { unitCode: 'D005', as: 'liaison' } },
  { username: 'lingdao', displayName: '', role: 'leader', person: { leader: 'L05' } },
  { username: 'danwei', displayName: '', role: 'unit_head', person: { unitCode: 'T01', as: 'head' } },
  { username: 'lianluo', displayName: '', role: 'unit_liaison', person: { unitCode: 'T01', as: 'liaison' } },
  { username: 'lianluo2', displayName: '', role: 'unit_liaison', person: { unitCode: 'T02', as: 'liaison' } },
  { username: 'ganbu', displayName: '', role: 'cadre', person: { unitCode: 'T01V01', as: 'liaison' } },
  // The liaison of 县发改委, the owning office of 工业经济 items (归口单位): joins their closing review.
  { username: 'fagaiwei', displayName: '', role: 'unit_liaison', person: { unitCode: 'D027', as: 'liaison' } },
  // The heads of 东关社区 (T01V01, a community of 城关街道, whose liaison is the cadre ganbu) and of 柳河镇 (T05, a town
  // outside lingdao's charge), so that a village and a town beyond the first two act for themselves.
  { username: 'danwei.t01v01', displayName: '', role: 'unit_head', person: { unitCode: 'T01V01', as: 'head' } },
  { username: 'danwei.t05', displayName: '', role: 'unit_head', person: { unitCode: 'T05', as: 'head' } },
];

// The offices that own categories of items (归口单位, seed 002): investment attraction the assessment office, project
// construction the government office, industry the development and reform commission.
const CATEGORY_OWNERS: Record<string, string> = { 招商引资: 'KHB', 项目建设: 'D003', 工业经济: 'D027' };

// The joint review's offices (三部联审) and the units they sit in.
const REVIEW_OFFICE_UNITS: Record<string, string> = { supervision: 'DCS', efficiency: 'XNJC', assessment: 'KHB' };

export async function isEmpty(db: Db) {
  const [row] = await db.select({ n: count() }).from(units);
  return (row?.n ?? 0) === 0;
}

// Seeds the demo county in one transaction; false when another process had seeded it. `forcePasswordChange` false is for demo mode only.
export async function seedDemo(deps: Deps, opts: { forcePasswordChange: boolean }): Promise<boolean> {
  const now = deps.clock.now();
  const hashes = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) hashes.set(a.username, await hashPassword(DEMO_PASSWORD));
  return deps.db.transaction(async (tx) => {
    // Two processes starting on one empty database must not both seed it.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7202604)`);
    if (!(await isEmpty(tx))) return false;
    const unitIds = new Map<string, { id: number; path: string }>();
    const headLiaison = new Map<string, { head: number; liaison: number }>();
    for (const [i, u] of DEMO_UNITS.entries()) {
      const parent = u.parentCode ? unitIds.get(u.parentCode)! : null;
      const [row] = await tx
        .insert(units)
        .values({ parentId: parent?.id ?? null, path: '/', kind: u.kind, code: u.code, name: u.name, sortOrder: (i + 1) * 10, createdAt: now, updatedAt: now })
        .returning({ id: units.id });
      const path = childPath(parent?.path ?? null, row!.id);
      unitIds.set(u.code, { id: row!.id, path });
      const [head, liaison] = await tx
        .insert(people)
        .values([u.head, u.liaison].map((p) => ({ ...p, unitId: row!.id, createdAt: now, updatedAt: now })))
        .returning({ id: people.id });
      headLiaison.set(u.code, { head: head!.id, liaison: liaison!.id });
      await tx.update(units).set({ path, headPersonId: head!.id, liaisonPersonId: liaison!.id }).where(eq(units.id, row!.id));
    }
    // The migration created the offices before any unit existed; tie each to its unit now.
    for (const [code, unitCode] of Object.entries(REVIEW_OFFICE_UNITS)) {
      await tx
        .update(reviewOffices)
        .set({ unitId: unitIds.get(unitCode)!.id })
        .where(eq(reviewOffices.code, code));
    }
    for (const [name, unitCode] of Object.entries(CATEGORY_OWNERS)) {
      await tx
        .update(taskCategories)
        .set({ ownerUnitId: unitIds.get(unitCode)!.id })
        .where(eq(taskCategories.name, name));
    }
    // A county calls its departments 县直单位.
    await tx.insert(orgSettings).values({ id: 1, unitKindLabels: { city_dept: '县直单位' }, updatedAt: now });
    const leaderPeople = new Map<string, { personId: number; name: string }>();
    for (const [i, l] of DEMO_LEADERS.entries()) {
      const [person] = await tx
        .insert(people)
        .values({ name: l.name, title: l.position, phone: l.phone, unitId: null, createdAt: now, updatedAt: now })
        .returning({ id: people.id });
      const [leader] = await tx
        .insert(leaders)
        .values({ personId: person!.id, position: l.position, portfolio: l.portfolio, sortOrder: (i + 1) * 10, createdAt: now, updatedAt: now })
        .returning({ id: leaders.id });
      if (l.unitCodes.length) await tx.insert(leaderUnits).values(l.unitCodes.map((code) => ({ leaderId: leader!.id, unitId: unitIds.get(code)!.id })));
      leaderPeople.set(`L${String(i + 1).padStart(2, '0')}`, { personId: person!.id, name: l.name });
    }
    for (const a of DEMO_ACCOUNTS) {
      let personId: number | null = null;
      let displayName = a.displayName;
      if (a.person && 'leader' in a.person) {
        const leader = leaderPeople.get(a.person.leader)!;
        personId = leader.personId;
        displayName = leader.name;
      } else if (a.person) {
        const unit = DEMO_UNITS.find((u) => u.code === (a.person as { unitCode: string }).unitCode)!;
        personId = headLiaison.get(unit.code)![a.person.as];
        displayName = unit[a.person.as].name;
      }
      const [row] = await tx
        .insert(accounts)
        .values({
          username: a.username,
          displayName,
          personId,
          passwordHash: hashes.get(a.username)!,
          mustChangePassword: opts.forcePasswordChange,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: accounts.id });
      await tx.insert(accountRoles).values({ accountId: row!.id, role: a.role, grantedAt: now });
    }
    await recordAudit(tx, deps, systemWho('seed'), {
      action: 'seed.demo',
      targetType: 'system',
      targetId: 'demo',
      after: { units: DEMO_UNITS.length, leaders: DEMO_LEADERS.length, accounts: DEMO_ACCOUNTS.map((a) => a.username) },
    });
    return true;
  });
}
