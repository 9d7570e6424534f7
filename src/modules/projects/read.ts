// The projects module's read model, for the leader cockpit and the board: each project's investment progress in a
// year and its colour. Read-only; the scope (org/scope.ts loadScope) limits both to what an actor sees.
import type { Day } from '../../calendar/rules.js';
import type { Db } from '../../db/client.js';
import type { Scope } from '../../permissions.js';
import type { ProjectKind, StatusColour } from '../../shared/labels.js';
import { projectColour, stepDue } from './rules.js';
import * as store from './store.js';

export interface InvestmentProgress {
  projectId: number;
  name: string;
  kind: ProjectKind;
  leadUnitId: number;
  leadUnitName: string;
  totalInvestment: number; // 计划总投资, 万元
  plannedThisYear: number; // the year's monthly plans summed
  doneThisYear: number; // the year's reported months summed
  cumulative: number; // before the register plus every reported month
}

/** Per project: the year's planned and done investment (万元) and the cumulative figure; every project in scope. */
export async function investmentProgress(db: Db, year: number, scope: Scope = { all: true }): Promise<InvestmentProgress[]> {
  const rows = await store.allVisible(db, scope);
  const ids = rows.map((r) => r.project.id);
  const [months, totals] = await Promise.all([store.investmentsOf(db, ids, `${year}-01`, `${year}-12`), store.doneTotals(db, ids)]);
  return rows.map(({ project: p, leadUnitName }) => {
    const mine = months.filter((m) => m.projectId === p.id);
    return {
      projectId: p.id,
      name: p.name,
      kind: p.kind,
      leadUnitId: p.leadUnitId,
      leadUnitName,
      totalInvestment: p.totalInvestment,
      plannedThisYear: mine.reduce((s, m) => s + m.planned, 0),
      doneThisYear: mine.reduce((s, m) => s + (m.done ?? 0), 0),
      cumulative: p.investmentBefore + (totals.find((t) => t.projectId === p.id)?.done ?? 0),
    };
  });
}

export interface ProjectColour {
  projectId: number;
  name: string;
  leadUnitId: number;
  leadUnitName: string;
  colour: StatusColour;
  lateSteps: number; // steps past their date node and not done
}

/** Each project's colour on `today` (the tasks' colour rule over its steps, rules.ts projectColour). */
export async function projectColours(db: Db, today: Day, scope: Scope = { all: true }): Promise<ProjectColour[]> {
  const rows = await store.allVisible(db, scope);
  const steps = await store.stepsOf(
    db,
    rows.map((r) => r.project.id),
  );
  return rows.map(({ project: p, leadUnitName }) => {
    const mine = steps.filter((s) => s.step.projectId === p.id).map((s) => s.step);
    return {
      projectId: p.id,
      name: p.name,
      leadUnitId: p.leadUnitId,
      leadUnitName,
      colour: projectColour(mine, today),
      lateSteps: mine.filter((s) => !s.actualEnd && stepDue(s) < today).length,
    };
  });
}
