import { eq } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import { leaders, units } from '../src/modules/org/schema.js';
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
