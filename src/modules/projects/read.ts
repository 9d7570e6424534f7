// The projects module's read model, for its register, the leader cockpit and the board: each project's colour (the
// tasks' colour rule over its steps) and its investment progress in the year. Read-only; the scope (org/scope.ts
// loadScope) limits it to what an actor sees.
import type { Day } from '../../calendar/rules.js';
import type { Db } from '../../db/client.js';
import type { Scope } from '../../permissions.js';
import type { StatusColour } from '../../shared/labels.js';
import { projectColour, stepDue } from './rules.js';
import * as store from './store.js';

type ProjectWithNames = Awaited<ReturnType<typeof store.allVisible>>[number];

export type ProjectSummary = ProjectWithNames & {
  colour: StatusColour;
  lateSteps: number; // steps past their date node and not done
  plannedThisYear: number; // the year's monthly plans summed, 万元
  doneThisYear: number; // the year's reported months summed
  cumulative: number; // before the register plus every reported month
};

/** The given projects with their colour on `today` and their investment in today's year: three statements in all. */
export async function summarise(db: Db, rows: ProjectWithNames[], today: Day): Promise<ProjectSummary[]> {
  const ids = rows.map((r) => r.project.id);
  const year = today.slice(0, 4);
  const [steps, months, totals] = await Promise.all([
    store.stepsOf(db, ids),
    store.investmentsOf(db, ids, `${year}-01`, `${year}-12`),
    store.doneTotals(db, ids),
  ]);
  return rows.map((r) => {
    const mine = steps.filter((s) => s.step.projectId === r.project.id).map((s) => s.step);
    const invested = months.filter((m) => m.projectId === r.project.id);
    return {
      ...r,
      colour: projectColour(mine, today),
      lateSteps: mine.filter((s) => !s.actualEnd && stepDue(s) < today).length,
      plannedThisYear: invested.reduce((s, m) => s + m.planned, 0),
      doneThisYear: invested.reduce((s, m) => s + (m.done ?? 0), 0),
      cumulative: r.project.investmentBefore + (totals.find((t) => t.projectId === r.project.id)?.done ?? 0),
    };
  });
}

/** Every project the scope sees, summarised on `today`, in id order. */
export async function keyProjects(db: Db, today: Day, scope: Scope = { all: true }) {
  return summarise(db, await store.allVisible(db, scope), today);
}
