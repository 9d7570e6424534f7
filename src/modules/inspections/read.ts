// The inspections module's read model for other modules: filed inspections only (an unannounced one stays unseen until
// filed), with their graded findings and the rectification tasks the problems became.
import { and, asc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import { monthEnd, monthStart } from '../../calendar/rules.js';
import type { Db } from '../../db/client.js';
import type { FindingGrade, InspectionMethod, InspectionMode } from '../../shared/labels.js';
import { units } from '../org/read.js';
import { tasks } from '../tasks/read.js';
import { inspectionFindings, inspections, inspectionTeams } from './schema.js';

export interface FiledFinding {
  grade: FindingGrade;
  content: string;
  ownerName: string;
  deadline: string | null;
  // The rectification item (整改事项) a problem became, with where it stands.
  task: { id: number; title: string; status: string; deadline: string; closedOn: string | null } | null;
}

export interface FiledInspection {
  id: number;
  unitId: number;
  unitName: string;
  teamName: string;
  subject: string;
  mode: InspectionMode;
  method: InspectionMethod;
  visitedOn: string;
  place: string;
  findings: FiledFinding[];
}

async function filedInspections(db: Db, where: SQL | undefined): Promise<FiledInspection[]> {
  const visits = await db
    .select({
      id: inspections.id,
      unitId: inspections.unitId,
      unitName: units.name,
      teamName: inspectionTeams.name,
      subject: inspections.subject,
      mode: inspections.mode,
      method: inspections.method,
      visitedOn: inspections.visitedOn,
      place: inspections.place,
    })
    .from(inspections)
    .innerJoin(units, eq(units.id, inspections.unitId))
    .innerJoin(inspectionTeams, eq(inspectionTeams.id, inspections.teamId))
    .where(and(eq(inspections.status, 'filed'), where))
    .orderBy(asc(inspections.visitedOn), asc(inspections.id));
  if (!visits.length) return [];
  const findings = await db
    .select({
      inspectionId: inspectionFindings.inspectionId,
      grade: inspectionFindings.grade,
      content: inspectionFindings.content,
      ownerName: inspectionFindings.ownerName,
      deadline: inspectionFindings.deadline,
      taskId: tasks.id,
      taskTitle: tasks.title,
      taskStatus: tasks.status,
      taskDeadline: tasks.deadline,
      taskClosedOn: tasks.closedOn,
    })
    .from(inspectionFindings)
    .leftJoin(tasks, eq(tasks.id, inspectionFindings.taskId))
    .where(
      inArray(
        inspectionFindings.inspectionId,
        visits.map((v) => v.id),
      ),
    )
    .orderBy(asc(inspectionFindings.id));
  return visits.map((v) => ({
    ...v,
    visitedOn: v.visitedOn ?? '',
    findings: findings
      .filter((f) => f.inspectionId === v.id)
      .map((f) => ({
        grade: f.grade,
        content: f.content,
        ownerName: f.ownerName,
        deadline: f.deadline,
        task: f.taskId === null ? null : { id: f.taskId, title: f.taskTitle!, status: f.taskStatus!, deadline: f.taskDeadline!, closedOn: f.taskClosedOn },
      })),
  }));
}

/** The filed inspections visited in a month (YYYY-MM), for the monthly meeting pack. */
export function monthInspections(db: Db, period: string) {
  return filedInspections(db, and(gte(inspections.visitedOn, monthStart(period)), lte(inspections.visitedOn, monthEnd(period))));
}

/** One unit's filed inspections visited in a year, for its assessment archive. */
export function unitInspectionYear(db: Db, unitId: number, year: number) {
  return filedInspections(db, and(eq(inspections.unitId, unitId), gte(inspections.visitedOn, `${year}-01-01`), lte(inspections.visitedOn, `${year}-12-31`)));
}
