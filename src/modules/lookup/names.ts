// Names and pages of the objects the audit trail refers to by type and id ("task 12" → the task's title and
// /tasks/12). A module of its own because it reads many modules, while every module writes through audit.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { accounts } from '../auth/read.js';
import { interviews } from '../chasing/read.js';
import { closingRequests } from '../closing/read.js';
import { lotteryDraws } from '../lottery/read.js';
import { leaders, people, units } from '../org/read.js';
import { planItems, planPeriods, planProposals } from '../plans/read.js';
import { taskSheets, tasks } from '../tasks/read.js';

export interface ObjectRef {
  type: string;
  id: number;
}
export interface ObjectName extends ObjectRef {
  name: string;
  link: string | null;
}

type Resolver = (db: Db, ids: number[]) => Promise<{ id: number; name: string; link: string | null }[]>;

const RESOLVERS: Record<string, Resolver> = {
  task: async (db, ids) =>
    (await db.select({ id: tasks.id, name: tasks.title }).from(tasks).where(inArray(tasks.id, ids))).map((r) => ({ ...r, link: `/tasks/${r.id}` })),
  sheet: async (db, ids) =>
    (await db.select({ id: taskSheets.id, number: taskSheets.number, taskId: taskSheets.taskId }).from(taskSheets).where(inArray(taskSheets.id, ids))).map(
      (r) => ({ id: r.id, name: r.number, link: `/tasks/${r.taskId}` }),
    ),
  unit: async (db, ids) =>
    (await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids))).map((r) => ({ ...r, link: '/units' })),
  person: async (db, ids) =>
    (await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids))).map((r) => ({ ...r, link: '/people' })),
  leader: async (db, ids) =>
    (
      await db
        .select({ id: leaders.id, name: people.name, position: leaders.position })
        .from(leaders)
        .innerJoin(people, eq(people.id, leaders.personId))
        .where(inArray(leaders.id, ids))
    ).map((r) => ({ id: r.id, name: `${r.name}（${r.position}）`, link: '/leaders' })),
  account: async (db, ids) =>
    (await db.select({ id: accounts.id, name: accounts.displayName, username: accounts.username }).from(accounts).where(inArray(accounts.id, ids))).map(
      (r) => ({ id: r.id, name: `${r.name}（${r.username}）`, link: '/accounts' }),
    ),
  plan: async (db, ids) =>
    (await db.select({ id: planPeriods.id, name: planPeriods.title }).from(planPeriods).where(inArray(planPeriods.id, ids))).map((r) => ({
      ...r,
      link: `/plans/${r.id}`,
    })),
  plan_proposal: async (db, ids) =>
    (await db.select({ id: planProposals.id, name: planProposals.title }).from(planProposals).where(inArray(planProposals.id, ids))).map((r) => ({
      ...r,
      link: `/proposals/${r.id}`,
    })),
  plan_item: async (db, ids) =>
    (await db.select({ id: planItems.id, name: planItems.title, periodId: planItems.periodId }).from(planItems).where(inArray(planItems.id, ids))).map((r) => ({
      id: r.id,
      name: r.name,
      link: `/plans/${r.periodId}`,
    })),
  closing_request: async (db, ids) =>
    (
      await db
        .select({ id: closingRequests.id, name: tasks.title })
        .from(closingRequests)
        .innerJoin(tasks, eq(tasks.id, closingRequests.taskId))
        .where(inArray(closingRequests.id, ids))
    ).map((r) => ({ id: r.id, name: `${r.name} 的销号申请`, link: `/closing-requests/${r.id}` })),
  lottery_draw: async (db, ids) =>
    (await db.select({ id: lotteryDraws.id, period: lotteryDraws.period }).from(lotteryDraws).where(inArray(lotteryDraws.id, ids))).map((r) => ({
      id: r.id,
      name: `${r.period} 抽签述职`,
      link: `/lottery/${r.id}/screen`,
    })),
  interview: async (db, ids) =>
    (
      await db
        .select({ id: interviews.id, unit: units.name, person: people.name })
        .from(interviews)
        .innerJoin(units, eq(units.id, interviews.unitId))
        .leftJoin(people, eq(people.id, interviews.intervieweePersonId))
        .where(inArray(interviews.id, ids))
    ).map((r) => ({ id: r.id, name: `约谈${r.unit}${r.person ? ` ${r.person}` : ''}`, link: `/interviews/${r.id}` })),
};

// One query per kind of object asked for; objects of other kinds, or gone, are simply not named.
export async function objectNames(db: Db, refs: ObjectRef[]): Promise<ObjectName[]> {
  const byType = new Map<string, number[]>();
  for (const r of refs) if (RESOLVERS[r.type]) byType.set(r.type, [...new Set([...(byType.get(r.type) ?? []), r.id])]);
  const found = await Promise.all([...byType].map(async ([type, ids]) => (await RESOLVERS[type]!(db, ids)).map((n) => ({ type, ...n }))));
  return found.flat();
}
