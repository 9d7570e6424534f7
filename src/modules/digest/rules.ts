// The daily digest (微信亮绩) of a work group, composed from the day's facts; pure, so the wording is tested as a table.

export interface DigestLine {
  taskId: number;
  title: string;
  unitName: string;
  deadline: string;
}

export interface Highlight {
  taskId: number;
  title: string;
  unitName: string;
  text: string;
  photos: number;
}

export interface DigestFacts {
  groupName: string;
  day: string;
  dueTo: string; // the next working day: deadlines after `day` up to it count as due tomorrow
  closedToday: DigestLine[];
  dueTomorrow: DigestLine[];
  red: DigestLine[];
  highlights: Highlight[];
}

// Lines shown per section in the message; the heading always gives the exact number.
export const LINES_SHOWN = 5;

const dayLabel = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
const excerpt = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}…` : text);

function section(heading: string, lines: string[]): string[] {
  if (!lines.length) return [`${heading}：无`];
  const shown = lines.slice(0, LINES_SHOWN).map((l) => `· ${l}`);
  if (lines.length > LINES_SHOWN) shown.push(`……等 ${lines.length} 项`);
  return [`${heading} ${lines.length} 项：`, ...shown];
}

/** The digest's title and plain-text body (robots and inboxes take text). */
export function composeDigest(f: DigestFacts): { title: string; body: string } {
  const daysLate = (deadline: string) => Math.round((Date.parse(`${f.day}T00:00:00Z`) - Date.parse(`${deadline}T00:00:00Z`)) / 86_400_000);
  const due = f.dueTo === addDay(f.day) ? '明日到期' : `${dayLabel(f.dueTo)}前到期`;
  const body = [
    ...section(
      '今日销号',
      f.closedToday.map((l) => `${l.unitName}｜${l.title}`),
    ),
    ...section(
      due,
      f.dueTomorrow.map((l) => `${l.unitName}｜${l.title}`),
    ),
    ...section(
      '红灯（逾期未完成）',
      f.red.map((l) => `${l.unitName}｜${l.title}（逾期 ${daysLate(l.deadline)} 天）`),
    ),
    ...section(
      '今日亮点（带现场照片的进展）',
      f.highlights.map((h) => `${h.unitName}｜${h.title}：${excerpt(h.text)}（${h.photos} 张照片）`),
    ),
  ].join('\n');
  return { title: `【${f.groupName}】${dayLabel(f.day)}工作亮绩`, body };
}

const addDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The time of day in Asia/Shanghai (fixed UTC+8), HH:MM. */
export const shanghaiTime = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

export const SEND_AT = /^([01]\d|2[0-3]):[0-5]\d$/;

export function workGroupProblem(input: { name: string; sendAt: string; unitIds: number[]; personIds: number[] }): string | null {
  if (!input.name.trim()) return '请填写工作群名称';
  if (input.name.trim().length > 60) return '工作群名称不能超过 60 字';
  if (!SEND_AT.test(input.sendAt)) return '发送时间格式应为 HH:MM（如 18:00）';
  if (!input.unitIds.length) return '请至少选择一个单位';
  return null;
}
