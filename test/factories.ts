import { eq } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import { leaders, units } from '../src/modules/org/schema.js';
import { frontlineDays, monthlyAssessments, quarterConfirmations, workLogs } from '../src/modules/records/schema.js';
import type { TaskInput } from '../src/modules/tasks/service.js';

export async function unitId(db: Db, code: string): Promise<number> {
  const [u] = await db.select({ id: units.id }).from(units).where(eq(units.code, code));
  if (!u) throw new Error(`no unit ${code}`);
  return u.id;
}

export async function firstLeaderId(db: Db): Promise<number> {
  const [l] = await db.select({ id: leaders.id }).from(leaders).limit(1);
  return l!.id;
}

export function buildTaskInput(overrides: Partial<TaskInput> & { leadUnitId: number }): TaskInput {
  return {
    title: '推进城关街道老旧小区改造',
    description: '完成 3 个小区的改造',
    source: 'meeting',
    categoryId: null,
    level: 'general',
    leadLeaderId: null,
    cooperators: [],
    responsiblePersonId: null,
    responsibleName: '张三',
    responsiblePhone: '13900000000',
    startDate: '2026-03-01',
    deadline: '2026-03-31',
    standard: '3 个小区完成改造并通过验收',
    period: '2026-03',
    milestones: [],
    indicators: [],
    tags: [],
    reportCadence: { kind: 'none' },
    ...overrides,
  };
}

/** One of each kind of a person's record (a work log, a frontline day, a monthly grade, a quarter's confirmation), written by `by`. */
export async function personRecords(db: Db, r: { personId: number; unitId: number; by: number; at: Date; week: string; month: string }) {
  const { personId, unitId, by, at } = r;
  await db.insert(workLogs).values({ personId, week: r.week, done: '完成', planned: '计划', writtenBy: by, createdAt: at, updatedAt: at });
  await db.insert(frontlineDays).values({ personId, day: '2026-03-02', place: '村里', purpose: '调研', loggedBy: by, loggedByName: '测试', createdAt: at });
  await db.insert(monthlyAssessments).values({
    personId,
    unitId,
    month: r.month,
    grade: 'good',
    comment: '好',
    assessedBy: by,
    assessedByName: '测试',
    createdAt: at,
    updatedAt: at,
  });
  await db
    .insert(quarterConfirmations)
    .values({ personId, unitId, quarter: '2026-Q1', grade: 'good', reason: '', confirmedBy: by, confirmedByName: '测试', confirmedAt: at });
}
