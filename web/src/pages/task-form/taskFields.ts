import dayjs, { type Dayjs } from 'dayjs';
import { FORM_SOURCES, SOURCE_LABELS, type TaskLevel, type TaskSource } from '../../labels';
import { type ReportCadence, type TaskDetail, type TaskInput } from '../../tasks';

// The task form's values, and how they map from a task and to what the API takes.
type CadenceKind = ReportCadence['kind'];

export interface TaskFields {
  title: string;
  description?: string;
  source?: TaskSource;
  categoryId?: number | null;
  level: TaskLevel;
  period?: Dayjs;
  tags: string[];
  leadLeaderId?: number | null;
  leadUnitId?: number | null;
  cooperators: { unitId?: number | null; part?: string; dueDate?: Dayjs | null; standard?: string }[];
  responsiblePersonId?: number | null;
  responsibleName?: string;
  responsiblePhone?: string;
  startDate?: Dayjs;
  deadline?: Dayjs;
  milestones: { id?: number; name?: string; dueDate?: Dayjs }[];
  cadenceKind: CadenceKind;
  weekday?: number;
  everyDays?: number;
  monthDay?: number;
  standard?: string;
  evidenceRequired: boolean;
  indicators: { id?: number; name?: string; target?: number | null; unitOfMeasure?: string }[];
}

export type Mode = { kind: 'new' } | { kind: 'edit'; task: TaskDetail } | { kind: 'decompose'; parent: TaskDetail };

export const day = (d: Dayjs) => d.format('YYYY-MM-DD');
export const sourceOptions = FORM_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }));

export function fieldsOf(t: TaskDetail): TaskFields {
  const c = t.reportCadence;
  return {
    title: t.title,
    description: t.description,
    source: t.source,
    categoryId: t.categoryId,
    level: t.level,
    period: dayjs(`${t.period}-01`),
    tags: t.tags,
    leadLeaderId: t.leadLeaderId,
    leadUnitId: t.leadUnitId,
    cooperators: t.cooperators.map(({ unitId, part }) => {
      const terms = t.parts.find((p) => p.unitId === unitId);
      return { unitId, part, dueDate: terms?.dueDate ? dayjs(terms.dueDate) : null, standard: terms?.standard ?? '' };
    }),
    responsiblePersonId: t.responsiblePersonId,
    responsibleName: t.responsibleName,
    responsiblePhone: t.responsiblePhone,
    startDate: dayjs(t.startDate),
    deadline: dayjs(t.deadline),
    milestones: t.milestones.map((m) => ({ id: m.id, name: m.name, dueDate: dayjs(m.dueDate) })),
    cadenceKind: c.kind,
    weekday: c.kind === 'weekly' ? c.weekday : 5,
    everyDays: c.kind === 'every_n_days' ? c.days : 7,
    monthDay: c.kind === 'monthly' ? c.day : 25,
    standard: t.standard,
    evidenceRequired: t.evidenceRequired ?? false,
    indicators: t.indicators.map(({ id, name, target, unitOfMeasure }) => ({ id, name, target, unitOfMeasure })),
  };
}

export function defaults(today: string, parent?: TaskDetail): TaskFields {
  const start = parent && parent.startDate > today ? parent.startDate : today;
  return {
    title: '',
    source: parent?.source,
    categoryId: parent?.categoryId ?? null,
    level: parent?.level ?? 'general',
    period: dayjs(`${parent?.period ?? today.slice(0, 7)}-01`),
    tags: parent?.tags ?? [],
    leadLeaderId: parent?.leadLeaderId ?? null,
    cooperators: [],
    startDate: dayjs(start),
    deadline: parent ? dayjs(parent.deadline) : undefined,
    milestones: [],
    cadenceKind: 'none',
    weekday: 5,
    everyDays: 7,
    monthDay: 25,
    evidenceRequired: parent?.evidenceRequired ?? false,
    indicators: [],
  };
}

export function toInput(v: TaskFields): TaskInput {
  const cadence: ReportCadence =
    v.cadenceKind === 'weekly'
      ? { kind: 'weekly', weekday: v.weekday ?? 5 }
      : v.cadenceKind === 'every_n_days'
        ? { kind: 'every_n_days', days: v.everyDays ?? 7 }
        : v.cadenceKind === 'monthly'
          ? { kind: 'monthly', day: v.monthDay ?? 25 }
          : { kind: 'none' };
  return {
    title: v.title.trim(),
    description: v.description?.trim() ?? '',
    source: v.source!,
    categoryId: v.categoryId ?? null,
    level: v.level,
    leadLeaderId: v.leadLeaderId ?? null,
    leadUnitId: v.leadUnitId!,
    cooperators: v.cooperators.map((c) => ({
      unitId: c.unitId!,
      part: c.part?.trim() ?? '',
      dueDate: c.dueDate ? day(c.dueDate) : null,
      standard: c.standard?.trim() ?? '',
    })),
    responsiblePersonId: v.responsiblePersonId ?? null,
    responsibleName: v.responsibleName?.trim() ?? '',
    responsiblePhone: v.responsiblePhone?.trim() ?? '',
    startDate: day(v.startDate!),
    deadline: day(v.deadline!),
    standard: v.standard?.trim() ?? '',
    period: v.period!.format('YYYY-MM'),
    milestones: v.milestones.map((m) => ({ ...(m.id ? { id: m.id } : {}), name: m.name!.trim(), dueDate: day(m.dueDate!) })),
    indicators: v.indicators.map((i) => ({
      ...(i.id ? { id: i.id } : {}),
      name: i.name!.trim(),
      target: i.target!,
      unitOfMeasure: i.unitOfMeasure?.trim() ?? '',
    })),
    tags: v.tags.map((t) => t.trim()).filter(Boolean),
    reportCadence: cadence,
    evidenceRequired: v.evidenceRequired,
  };
}
