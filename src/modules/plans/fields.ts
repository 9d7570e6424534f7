// The fields a unit proposes and the office edits: checking them, and showing their changes by name.
import type { Db } from '../../db/client.js';
import { badRequest, conflict } from '../../errors.js';
import { activeUnitIds, findPersonById, isActiveLeader } from '../org/read.js';
import { LEVEL_LABELS, planProblems, type TaskLevel } from '../tasks/rules.js';
import { categoryExists, type ReportCadence } from '../tasks/read.js';
import { cadenceText } from '../../shared/labels.js';
import { changedFields, FIELD_LABELS, ITEM_FIELDS, planDays, type PlanField, PROPOSAL_FIELDS, proposalsClosedMessage, proposalsOpen } from './rules.js';
import { type PlanIndicator, type PlanMilestone } from './schema.js';
import * as store from './store.js';

// The rest of 三定, as the task takes it: the responsible person's name and phone default from the person chosen.
export interface Responsibility {
  responsiblePersonId: number | null;
  responsibleName: string;
  responsiblePhone: string;
  indicators: PlanIndicator[];
  level: TaskLevel;
  reportCadence: ReportCadence;
  evidenceRequired: boolean;
}

export interface ProposalInput extends Responsibility {
  title: string;
  measures: string;
  timetable: string;
  milestones: PlanMilestone[];
  standard: string;
  deadline: string;
  categoryId: number | null;
  leadLeaderId: number | null;
  cooperatingUnitIds: number[];
}

export interface ItemInput extends Responsibility {
  title: string;
  measures: string;
  milestones: PlanMilestone[];
  standard: string;
  deadline: string;
  categoryId: number | null;
  leadLeaderId: number | null;
  leadUnitId: number;
  cooperatingUnitIds: number[];
}

export const pick = <T extends object, K extends keyof T>(row: T, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<T, K>;
export const proposalFields = (p: store.ProposalRow): ProposalInput => pick(p, PROPOSAL_FIELDS);
export const itemFields = (i: store.ItemRow): ItemInput => pick(i, ITEM_FIELDS);

// The rules of a task's owner and schedule (三定), from the plan's first day; and every id must name something in use.
export async function checkContent(db: Db, period: store.PeriodRow, c: Omit<ItemInput, 'title' | 'measures' | 'standard'>) {
  const problems = planProblems({ startDate: planDays(period.kind, period.period).start, ...c, leadUnitId: c.leadUnitId });
  if (problems.length) throw badRequest('BAD_PLAN_ITEM', problems.join('；'), problems);
  if (c.leadLeaderId !== null) {
    if (!(await isActiveLeader(db, c.leadLeaderId))) throw badRequest('LEADER_NOT_FOUND', '责任领导不存在或已离任');
  }
  const unitIds = [c.leadUnitId, ...c.cooperatingUnitIds];
  const found = await activeUnitIds(db, unitIds);
  if (found.length !== new Set(unitIds).size) throw badRequest('UNIT_NOT_FOUND', '责任单位或配合单位中有不存在或已停用的单位');
  if (c.categoryId !== null) {
    if (!(await categoryExists(db, c.categoryId))) throw badRequest('CATEGORY_NOT_FOUND', '事项类别不存在');
  }
  if (c.responsiblePersonId !== null) {
    if (!(await findPersonById(db, c.responsiblePersonId))?.active) throw badRequest('PERSON_NOT_FOUND', '责任人不存在或已停用');
  }
}

export const checkProposal = (db: Db, period: store.PeriodRow, unitId: number, p: ProposalInput) => checkContent(db, period, { ...p, leadUnitId: unitId });

export function assertOpen(period: store.PeriodRow) {
  if (!proposalsOpen(period.status)) throw conflict('PLAN_CLOSED', proposalsClosedMessage(period.status));
}

// ---- Showing fields: ids as names, lists as text.

function showField(field: PlanField, value: unknown, n: store.Names): string {
  switch (field) {
    case 'milestones':
      return ((value as PlanMilestone[] | undefined) ?? []).map((m) => `${m.name}（${m.dueDate}）`).join('；');
    case 'categoryId':
      return value == null ? '' : (n.categories.get(value as number)?.name ?? '');
    case 'leadLeaderId':
      return value == null ? '' : (n.leaders.get(value as number)?.name ?? '');
    case 'leadUnitId':
      return n.units.get(value as number) ?? '';
    case 'cooperatingUnitIds':
      return ((value as number[] | undefined) ?? []).map((u) => n.units.get(u) ?? '').join('、');
    case 'responsiblePersonId':
      return value == null ? '' : (n.people.get(value as number) ?? '');
    case 'indicators':
      return ((value as PlanIndicator[] | undefined) ?? []).map((i) => `${i.name} ${i.target}${i.unitOfMeasure}`).join('；');
    case 'level':
      return value == null ? '' : LEVEL_LABELS[value as TaskLevel];
    case 'reportCadence':
      return value == null ? '' : cadenceText(value as ReportCadence);
    case 'evidenceRequired':
      return value ? '须提供佐证材料' : '不要求佐证材料';
    case 'title':
    case 'measures':
    case 'timetable':
    case 'standard':
    case 'deadline':
    case 'responsibleName':
    case 'responsiblePhone':
      return (value as string | undefined) ?? '';
    default: {
      const never: never = field;
      throw new Error(`unknown field ${String(never)}`);
    }
  }
}

export function fieldChanges<K extends PlanField>(
  before: Partial<Record<K, unknown>>,
  after: Partial<Record<K, unknown>>,
  fields: readonly K[],
  n: store.Names,
) {
  return changedFields(before, after, fields).map((field) => ({
    field,
    label: FIELD_LABELS[field],
    from: showField(field, before[field], n),
    to: showField(field, after[field], n),
  }));
}
