import { COLOURS, type StatusColour } from '../../shared/labels.js';

// The cockpit's rates, as percentages with one decimal; null when nothing is counted under them.
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 1000) / whole) / 10 : null;
}

/** The month `n` months before `month` (YYYY-MM). */
export function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

interface ProjectFigure {
  project: { id: number; name: string; totalInvestment: number };
  leadUnitName: string;
  colour: StatusColour;
  plannedThisYear: number;
  doneThisYear: number;
  cumulative: number;
}

/** The key projects' investment this year (万元) summed, the year's completion against plan, and the colours counted. */
export function projectFigures(projects: readonly ProjectFigure[]) {
  const counts = Object.fromEntries(COLOURS.map((c) => [c, 0])) as Record<StatusColour, number>;
  for (const p of projects) counts[p.colour] += 1;
  const planned = projects.reduce((s, p) => s + p.plannedThisYear, 0);
  const done = projects.reduce((s, p) => s + p.doneThisYear, 0);
  return {
    total: projects.length,
    counts,
    totalInvestment: projects.reduce((s, p) => s + p.project.totalInvestment, 0),
    plannedThisYear: planned,
    doneThisYear: done,
    cumulative: projects.reduce((s, p) => s + p.cumulative, 0),
    yearRate: percent(done, planned),
    rows: projects.map((p) => ({
      projectId: p.project.id,
      name: p.project.name,
      leadUnitName: p.leadUnitName,
      colour: p.colour,
      totalInvestment: p.project.totalInvestment,
      plannedThisYear: p.plannedThisYear,
      doneThisYear: p.doneThisYear,
      cumulative: p.cumulative,
    })),
  };
}
