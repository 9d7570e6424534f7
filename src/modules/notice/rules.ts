// The monthly notice's pure rules: the county's overview of a published month, the overdue and carried items of each
// unit, the default narrative generated from the figures, and the checks on an edited narrative.
import { type Day, diffCalendarDays, monthEnd } from '../../calendar/rules.js';
import { chineseMonth } from '../../format.js';
import { REVIEW_GROUP_LABELS, REVIEW_GROUPS, type ReviewGroup, type TaskStatus } from '../../shared/labels.js';
import { type Counts, type Figures, taskCounts, withRates } from '../figures/read.js';

export const PARAGRAPH_KEYS = ['opening', 'problems', 'requirements'] as const;
export type ParagraphKey = (typeof PARAGRAPH_KEYS)[number];
export type Paragraphs = Record<ParagraphKey, string>;
export const PARAGRAPH_LABELS: Record<ParagraphKey, string> = { opening: '总体情况', problems: '存在问题', requirements: '下步要求' };
export const PARAGRAPH_MAX = 4000;

/** What the notice needs of one published score row. */
export interface RankedRow extends Counts {
  unitId: number;
  unitName: string;
  group: ReviewGroup;
  rank: number;
  position: number;
  score: number; // hundredths
  closeRate: number | null;
  onTimeRate: number | null;
}

export interface Overview extends Figures {
  units: number;
  unitsWithWork: number;
}

/** The county's totals of a month: every reviewed unit's counts added, the rates from the totals. */
export function overviewOf(rows: readonly RankedRow[]): Overview {
  const sum = rows.reduce<Counts>(
    (s, r) => ({
      issued: s.issued + r.issued,
      closedOnTime: s.closedOnTime + r.closedOnTime,
      closedLate: s.closedLate + r.closedLate,
      overdue: s.overdue + r.overdue,
      carried: s.carried + r.carried,
    }),
    { issued: 0, closedOnTime: 0, closedLate: 0, overdue: 0, carried: 0 },
  );
  return { ...withRates(sum), units: rows.length, unitsWithWork: rows.filter((r) => r.issued > 0).length };
}

// ---- Overdue and carried items by unit

export interface NoticeTask {
  id: number;
  title: string;
  leadUnitId: number;
  status: TaskStatus;
  deadline: Day;
  closedOn: Day | null;
  closedLate: boolean;
  carriedFrom: readonly string[];
}

export interface NoticeItem {
  taskId: number;
  title: string;
  deadline: Day;
  overdueDays: number | null; // days past the deadline at the month's end, for an overdue item
}

export interface UnitItems {
  unitId: number;
  unitName: string;
  overdue: NoticeItem[];
  carried: NoticeItem[];
}

/**
 * Each unit's items overdue at the month's end and carried out of the month, by the figures' own rule (figures/rules.ts
 * taskCounts, as at the month's end), every one of them. Units in `order` (the ranking) first, in that order; units
 * without such items are left out.
 */
export function itemsByUnit(
  tasks: readonly NoticeTask[],
  period: string,
  today: Day,
  names: ReadonlyMap<number, string>,
  order: readonly number[],
): UnitItems[] {
  const end = monthEnd(period);
  const byUnit = new Map<number, UnitItems>();
  for (const t of tasks) {
    const c = taskCounts({ ...t, unitId: t.leadUnitId }, period, today);
    if (!c || (!c.overdue && !c.carried)) continue;
    const unit = byUnit.get(t.leadUnitId) ?? { unitId: t.leadUnitId, unitName: names.get(t.leadUnitId) ?? '', overdue: [], carried: [] };
    byUnit.set(t.leadUnitId, unit);
    const item = { taskId: t.id, title: t.title, deadline: t.deadline, overdueDays: null };
    if (c.overdue) unit.overdue.push({ ...item, overdueDays: Math.max(0, diffCalendarDays(t.deadline, end)) });
    if (c.carried) unit.carried.push(item);
  }
  const place = (id: number) => {
    const i = order.indexOf(id);
    return i < 0 ? order.length : i;
  };
  return [...byUnit.values()].sort((a, b) => place(a.unitId) - place(b.unitId) || a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'));
}

/** One line per item as the notice lists it: a task both overdue and carried is one line saying both. */
export function itemLines(units: readonly UnitItems[]) {
  return units.flatMap((u) => {
    const carried = new Set(u.carried.map((i) => i.taskId));
    const overdue = new Set(u.overdue.map((i) => i.taskId));
    return [
      ...u.overdue.map((i) => ({ unitName: u.unitName, ...i, state: `逾期${i.overdueDays}天${carried.has(i.taskId) ? '，挂单' : ''}` })),
      ...u.carried.filter((i) => !overdue.has(i.taskId)).map((i) => ({ unitName: u.unitName, ...i, state: '挂单转下月' })),
    ];
  });
}

// ---- The default narrative

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const names = (list: readonly { unitName: string }[]) => list.map((u) => u.unitName).join('、');
const ORDINALS = ['一', '二', '三', '四', '五', '六'];

export interface NarrativeInput {
  period: string;
  overview: Overview;
  rows: readonly RankedRow[];
  bottom: readonly { group: ReviewGroup; confirmed: readonly { unitName: string }[] | null }[];
  drawn: readonly { unitName: string }[];
  items: readonly UnitItems[];
}

/** The paragraphs the office starts from, written from the month's figures; each paragraph is one line. */
export function defaultParagraphs(n: NarrativeInput): Paragraphs {
  const o = n.overview;
  const month = chineseMonth(n.period);
  const tops = REVIEW_GROUPS.flatMap((g) => {
    const best = n.rows.filter((r) => r.group === g && r.rank <= 3 && r.issued > 0);
    return best.length ? [`${REVIEW_GROUP_LABELS[g]}中${names(best)}得分居前`] : [];
  });
  const opening = [
    `${month}，全县${o.units}个单位参加月点评，其中${o.unitsWithWork}个单位有交办事项。全月共交办事项${o.issued}件，已销号${o.closedOnTime + o.closedLate}件（按时销号${o.closedOnTime}件、逾期销号${o.closedLate}件），完成率${pct(o.closeRate)}，按时完成率${pct(o.onTimeRate)}；逾期未完成${o.overdue}件，挂单转下月${o.carried}件。`,
    tops.length ? `${tops.join('；')}。` : '',
    '现将有关情况通报如下。',
  ].join('');

  const problems: string[] = [];
  const worst = [...n.items].filter((u) => u.overdue.length).sort((a, b) => b.overdue.length - a.overdue.length);
  if (o.overdue)
    problems.push(
      `部分事项推进迟缓。全月逾期未完成${o.overdue}件，${worst
        .slice(0, 3)
        .map((u) => `${u.unitName}${u.overdue.length}件`)
        .join('、')}${worst.length > 3 ? '等' : ''}，个别事项逾期时间较长。`,
    );
  if (o.carried) problems.push(`挂单事项较多。${o.carried}件事项月末未能办结，挂单转入下月，跨月推进的事项须防止久拖不决。`);
  if (o.closedLate) problems.push(`按时办结意识不强。${o.closedLate}件事项逾期后才销号，按时完成率为${pct(o.onTimeRate)}。`);
  const bottom = n.bottom.flatMap((b) => b.confirmed ?? []);
  if (bottom.length) problems.push(`个别单位排名靠后。${names(bottom)}本月得分居所在组末位，须作表态发言。`);
  if (!problems.length) problems.push('本月交办事项均按时办结，未发现突出问题。');

  const requirements = [
    o.overdue || o.carried
      ? '抓紧整改销号。逾期未完成和挂单事项的责任单位要于本通报印发后5个工作日内，向县委县政府督查室书面说明原因及整改措施，明确完成时限。'
      : '持续巩固成效。各单位要保持工作力度，确保交办事项按时保质办结。',
    bottom.length ? `认真表态整改。${names(bottom)}主要负责同志在下月点评会上作表态发言，剖析原因，提出措施。` : '',
    n.drawn.length ? `做好述职准备。${names(n.drawn)}在点评会上抽签述职，汇报本月工作推进情况。` : '',
    '强化督查问效。督查室将继续实行“一月一点评、一季一考核”，对逾期事项按规定发放督办单、扣减考核分数，对连续排名靠后的单位约谈主要负责同志。',
  ].filter(Boolean);
  const numbered = (list: string[]) => list.map((p, i) => `${ORDINALS[i] ?? String(i + 1)}是${p}`).join('\n');
  return { opening, problems: numbered(problems), requirements: numbered(requirements) };
}

/** Checks an edited narrative: every paragraph present, none too long. Chinese problems; none when valid. */
export function paragraphProblems(input: Partial<Record<ParagraphKey, unknown>>): string[] {
  const problems: string[] = [];
  for (const key of PARAGRAPH_KEYS) {
    const v = input[key];
    if (typeof v !== 'string' || !v.trim()) problems.push(`请填写“${PARAGRAPH_LABELS[key]}”`);
    else if (v.length > PARAGRAPH_MAX) problems.push(`“${PARAGRAPH_LABELS[key]}”不能超过 ${PARAGRAPH_MAX} 字`);
  }
  return problems;
}

/** The notice's number: the month's issue of the year (〔2026〕第4期). */
export const issueNumber = (period: string) => `〔${period.slice(0, 4)}〕第${Number(period.slice(5, 7))}期`;
