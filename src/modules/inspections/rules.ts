// Pure rules of inspections (明察暗访): what a plan entry, a visit record and a finding must hold, and who sees what.
import type { FindingGrade, InspectionMode, InspectionStatus, PlanCycle } from '../../shared/labels.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^\d{4}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function periodProblem(cycle: PlanCycle, period: string): string | null {
  if (cycle === 'year' && !YEAR.test(period)) return '年度计划的期间应为 YYYY';
  if (cycle === 'month' && !MONTH.test(period)) return '月度计划的期间应为 YYYY-MM';
  return null;
}

export function planProblems(input: { cycle: PlanCycle; period: string; subject: string; plannedOn: string | null }): string[] {
  const problems: string[] = [];
  const p = periodProblem(input.cycle, input.period);
  if (p) problems.push(p);
  if (!input.subject.trim()) problems.push('请填写督查内容');
  if (input.plannedOn !== null) {
    if (!DAY.test(input.plannedOn)) problems.push('计划日期格式应为 YYYY-MM-DD');
    else if (!p && !input.plannedOn.startsWith(input.period)) problems.push(`计划日期应在 ${input.period} 之内`);
  }
  return problems;
}

export function recordProblems(input: { visitedOn: string; place: string; observations: string }, today: string): string[] {
  const problems: string[] = [];
  if (!DAY.test(input.visitedOn)) problems.push('督查日期格式应为 YYYY-MM-DD');
  else if (input.visitedOn > today) problems.push('督查日期不能晚于今天');
  if (!input.place.trim()) problems.push('请填写督查地点');
  if (!input.observations.trim()) problems.push('请填写督查所见情况');
  return problems;
}

export interface FindingInput {
  grade: FindingGrade;
  content: string;
  ownerUnitId: number | null;
  ownerName: string;
  deadline: string | null;
}

// A problem becomes a rectification item (整改事项): it must say who rectifies it and by when.
export function findingProblems(input: FindingInput, today: string): string[] {
  const problems: string[] = [];
  if (!input.content.trim()) problems.push('请填写发现的情况');
  if (input.grade === 'good') return problems;
  if (input.ownerUnitId === null) problems.push('问题须明确整改责任单位');
  if (input.deadline === null) problems.push('问题须明确整改时限');
  else if (!DAY.test(input.deadline)) problems.push('整改时限格式应为 YYYY-MM-DD');
  else if (input.deadline < today) problems.push('整改时限不能早于今天');
  return problems;
}

// The inspected unit sees an unannounced inspection only once it is filed; open ones from the plan on.
export function visibleToUnit(i: { mode: InspectionMode; status: InspectionStatus }): boolean {
  return i.mode === 'open' || i.status === 'filed';
}

export function fileProblems(i: { status: InspectionStatus; visitedOn: string | null }, findings: number): string[] {
  const problems: string[] = [];
  if (i.status === 'filed') problems.push('该督查已归档');
  if (i.visitedOn === null) problems.push('请先填写督查记录');
  if (findings === 0) problems.push('请至少记录一条发现的情况');
  return problems;
}
