// The simulation's world: the stepping clock, the agenda of timed events, and the cast of accounts acting in it.
import { and, eq, inArray } from 'drizzle-orm';
import { addCalendarDays, type Calendar, type Day, isWorkingDay } from '../../calendar/rules.js';
import { fixedClock } from '../../clock.js';
import type { Actor, Deps, Who } from '../../context.js';
import { AppError } from '../../errors.js';
import { accountRoles, accounts, type Role } from '../../modules/auth/read.js';
import { createAccount, setRoles } from '../../modules/auth/service.js';
import { categoriesWithOwners, listCategories } from '../../modules/tasks/read.js';
import { activeReviewOffices, findLeaderByPerson, findPersonById, leaders, people, units } from '../../modules/org/read.js';
import { DEMO_LEADERS } from '../demo-data.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo.js';
import { UNIT_CATEGORIES } from './content.js';
import type { Random } from './random.js';

export type Acting = Who & { actor: Actor };
export type SimDeps = Deps & { clock: ReturnType<typeof fixedClock> };

const META = { requestId: 'demo-history', ip: '', userAgent: 'demo-history' };

export interface UnitCast {
  id: number;
  code: string;
  name: string;
  // Does the unit's daily work: signs, reports, asks to close.
  liaison: Acting;
  // Submits the unit's proposals (its head, or the liaison where the unit has no head account).
  submitter: Acting;
  leaderKey: string;
  weight: number;
}

export interface LeaderCast {
  id: number;
  key: string;
  name: string;
  position: string;
  who: Acting | null;
}

export interface Cast {
  office: Acting;
  reviewers: { supervision: Acting; efficiency: Acting; assessment: Acting };
  units: UnitCast[];
  leaders: Map<string, LeaderCast>;
  categories: Map<string, number>;
  // The owning offices of categories (归口单位) that join the closing review, by unit id: each one's liaison acts for it.
  owners: Map<number, Acting>;
}

// ---- The agenda: events run in time order (ties in the order they were added) with the clock set to their time.

interface Event {
  at: number;
  seq: number;
  run: () => Promise<void>;
}

export class Sim {
  private heap: Event[] = [];
  private seq = 0;
  readonly skipped: string[] = [];

  constructor(
    readonly deps: SimDeps,
    readonly random: Random,
    readonly cal: Calendar,
    readonly end: number,
    public cast: Cast,
  ) {}

  // Time only moves forward: an event asked for a moment already past runs now.
  at(when: Date | number, run: () => Promise<void>) {
    const at = Math.max(typeof when === 'number' ? when : when.getTime(), this.now());
    if (at > this.end) return;
    this.heap.push({ at, seq: this.seq++, run });
    let i = this.heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(this.heap[i]!, this.heap[p]!)) break;
      [this.heap[i], this.heap[p]] = [this.heap[p]!, this.heap[i]!];
      i = p;
    }
  }

  private pop(): Event | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (this.heap.length && last) {
      this.heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.heap.length && before(this.heap[l]!, this.heap[m]!)) m = l;
        if (r < this.heap.length && before(this.heap[r]!, this.heap[m]!)) m = r;
        if (m === i) break;
        [this.heap[i], this.heap[m]] = [this.heap[m]!, this.heap[i]!];
        i = m;
      }
    }
    return top;
  }

  // Runs every event up to the end. A service refusing a move (a rule said no) is part of life: it is counted, not fatal.
  // `onProgress` hears how far through the history's time span it has come (0 to 1).
  async run(onProgress?: (fraction: number) => void) {
    const start = this.now();
    for (let e = this.pop(); e; e = this.pop()) {
      onProgress?.((e.at - start) / (this.end - start));
      this.deps.clock.set(new Date(e.at));
      try {
        await e.run();
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        this.skipped.push(`${new Date(e.at).toISOString()} ${err.code}: ${err.message}`);
      }
    }
  }

  // How busy the history is at `day`: the last six months in full, the half year before lighter, to keep seeding fast.
  density(day: Day): number {
    return this.end - this.time(day, 12) < 183 * 86_400_000 ? 1 : 0.35;
  }

  now(): number {
    return this.deps.clock.now().getTime();
  }

  // The instant of `day` at hh:mm in Asia/Shanghai.
  time(day: Day, hour: number, minute = 0): number {
    return new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`).getTime();
  }

  // The working day `n` working days after `day` (0: `day` itself, or the next working day when it is off).
  workingDay(day: Day, n: number): Day {
    let d = day;
    while (!isWorkingDay(this.cal, d).working) d = addCalendarDays(d, 1);
    for (let i = 0; i < n; i++) {
      d = addCalendarDays(d, 1);
      while (!isWorkingDay(this.cal, d).working) d = addCalendarDays(d, 1);
    }
    return d;
  }

  // A random office-hours time on the n-th working day after `day`.
  officeTime(day: Day, n: number): number {
    const h = this.random.pick([8, 9, 10, 11, 14, 15, 16, 17]);
    return this.time(this.workingDay(day, n), h, this.random.int(0, 59));
  }
}

function before(a: Event, b: Event) {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

// ---- The cast

// The units that take part in the history (the demo accounts' own units first), and the weight of their share.
const UNIT_WEIGHTS: Record<string, number> = { T01: 3, T02: 2.5, T03: 2, D051: 2, D052: 1.5 };
const LEADER_ACCOUNTS = ['L01', 'L02', 'L06', 'L13', 'L15', 'L17', 'L18', 'L19', 'L20', 'L21'];

export async function actorOf(deps: Deps, username: string): Promise<Acting> {
  const [account] = await deps.db.select().from(accounts).where(eq(accounts.username, username));
  if (!account) throw new Error(`demo account ${username} is missing`);
  const roles = (await deps.db.select({ role: accountRoles.role }).from(accountRoles).where(eq(accountRoles.accountId, account.id))).map((r) => r.role);
  const person = account.personId ? await findPersonById(deps.db, account.personId) : undefined;
  const leader = account.personId ? await findLeaderByPerson(deps.db, account.personId) : undefined;
  return {
    actor: {
      accountId: account.id,
      username,
      displayName: account.displayName,
      roles,
      personId: account.personId,
      unitId: person?.unitId ?? null,
      leaderId: leader?.id ?? null,
    },
    meta: META,
  };
}

// Accounts the demo seed does not have: one liaison per taking-part unit and the leaders in charge of them, created by
// the system administrator and given their role by the security administrator, as people would.
async function ensureAccount(deps: Deps, admin: Acting, secadmin: Acting, username: string, personId: number, displayName: string, role: Role) {
  const [found] = await deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username));
  if (!found) {
    const created = await createAccount(deps, admin, { username, displayName, personId, initialPassword: DEMO_PASSWORD });
    await setRoles(deps, secadmin, created.id, [role]);
  }
  return actorOf(deps, username);
}

export async function buildCast(deps: Deps): Promise<Cast> {
  const admin = await actorOf(deps, 'admin');
  const secadmin = await actorOf(deps, 'anquan');
  const codes = Object.keys(UNIT_CATEGORIES);
  const unitRows = await deps.db
    .select({ id: units.id, code: units.code, name: units.name, liaisonPersonId: units.liaisonPersonId, liaisonName: people.name })
    .from(units)
    .innerJoin(people, eq(people.id, units.liaisonPersonId))
    .where(inArray(units.code, codes));
  const existing: Record<string, string> = { T01: 'lianluo', T02: 'lianluo2' };
  const leaderOf = (code: string) => {
    const i = DEMO_LEADERS.findIndex((l) => l.unitCodes.includes(code));
    return `L${String(i + 1).padStart(2, '0')}`;
  };
  const unitCast: UnitCast[] = [];
  for (const code of codes) {
    const row = unitRows.find((u) => u.code === code)!;
    const liaison = existing[code]
      ? await actorOf(deps, existing[code])
      : await ensureAccount(deps, admin, secadmin, `lianluo.${code.toLowerCase()}`, row.liaisonPersonId!, row.liaisonName, 'unit_liaison');
    // A unit with a head account submits through its head (plan.submit), as the demo's T01 and T05 do.
    const head = DEMO_ACCOUNTS.find((a) => a.role === 'unit_head' && a.person && 'unitCode' in a.person && a.person.unitCode === code);
    const submitter = head ? await actorOf(deps, head.username) : liaison;
    unitCast.push({ id: row.id, code, name: row.name, liaison, submitter, leaderKey: leaderOf(code), weight: UNIT_WEIGHTS[code] ?? 1 });
  }
  const leaderRows = await deps.db
    .select({ id: leaders.id, personId: leaders.personId, name: people.name, position: leaders.position, sortOrder: leaders.sortOrder })
    .from(leaders)
    .innerJoin(people, eq(people.id, leaders.personId))
    .where(and(eq(leaders.active, true)));
  leaderRows.sort((a, b) => a.sortOrder - b.sortOrder);
  const leaderCast = new Map<string, LeaderCast>();
  for (const [i, l] of leaderRows.entries()) {
    const key = `L${String(i + 1).padStart(2, '0')}`;
    let who: Acting | null = null;
    if (key === 'L05') who = await actorOf(deps, 'lingdao');
    else if (LEADER_ACCOUNTS.includes(key)) who = await ensureAccount(deps, admin, secadmin, `lingdao${key.slice(1)}`, l.personId, l.name, 'leader');
    leaderCast.set(key, { id: l.id, key, name: l.name, position: l.position, who });
  }
  const categories = new Map((await listCategories(deps.db)).map((c) => [c.name, c.id]));
  // An owning office that is itself a review office's unit reviews as that office (owningReviewer).
  const officeUnits = (await activeReviewOffices(deps.db)).map((o) => o.unitId);
  const ownerIds = [...new Set((await categoriesWithOwners(deps.db)).flatMap((c) => (c.ownerUnitId === null ? [] : [c.ownerUnitId])))];
  const ownerRows = ownerIds.length
    ? await deps.db
        .select({ id: units.id, code: units.code, liaisonPersonId: units.liaisonPersonId, liaisonName: people.name })
        .from(units)
        .innerJoin(people, eq(people.id, units.liaisonPersonId))
        .where(inArray(units.id, ownerIds))
    : [];
  const owners = new Map<number, Acting>();
  for (const u of ownerRows.filter((o) => !officeUnits.includes(o.id)).sort((a, b) => a.id - b.id)) {
    const who =
      u.code === 'D027'
        ? await actorOf(deps, 'fagaiwei')
        : await ensureAccount(deps, admin, secadmin, `lianluo.${u.code.toLowerCase()}`, u.liaisonPersonId!, u.liaisonName, 'unit_liaison');
    owners.set(u.id, who);
  }
  return {
    owners,
    office: await actorOf(deps, 'duchashi'),
    reviewers: { supervision: await actorOf(deps, 'duchashi'), efficiency: await actorOf(deps, 'xiaoneng'), assessment: await actorOf(deps, 'kaoheban') },
    units: unitCast,
    leaders: leaderCast,
    categories,
  };
}

export function pickUnit(random: Random, cast: Cast): UnitCast {
  return random.weighted(cast.units.map((u) => [u, u.weight] as const));
}
