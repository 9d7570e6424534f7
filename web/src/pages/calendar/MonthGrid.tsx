import { Space } from 'antd';
import dayjs from 'dayjs';
import { type Schemas } from '../../api';
import { WEEKDAY_LABELS } from '../../labels';

// The working calendar drawn as month grids, and the names and labels the calendar page shares.
type CalendarDay = Schemas['CalendarDay'];
type DaySource = CalendarDay['source'];

export const CALENDAR_KEY = ['calendar'];
export const SOURCE_LABELS: Record<DaySource, string> = { national: '国务院安排', override: '本县录入', weekday: '周一至周五' };
export const KIND_LABELS = { off: '放假', work: '调休上班' } as const;
const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];

// Monday = 0 … Sunday = 6, by the date itself whatever the browser's zone.
export const weekdayIndex = (day: string) => (dayjs.utc(day).day() + 6) % 7;
export const weekdayLabel = (day: string) => WEEKDAY_LABELS[weekdayIndex(day)];

export function Legend() {
  return (
    <Space size={12} wrap className="cal-legend">
      <span>
        <span className="cal-swatch cal-day is-national is-off">休</span>法定节假日
      </span>
      <span>
        <span className="cal-swatch cal-day is-national is-work">班</span>调休上班
      </span>
      <span>
        <span className="cal-swatch cal-day is-override is-off">休</span>本县录入
      </span>
      <span>
        <span className="cal-swatch cal-day is-weekend" />
        周末
      </span>
      <span>
        <span className="cal-swatch cal-day is-provisional" />
        临时计算
      </span>
    </Space>
  );
}

// One month as a Monday-first grid: 休 on days off by notice or entry, 班 on adjusted working days.
export function MonthGrid({ month, days, today, onPick }: { month: number; days: CalendarDay[]; today: string; onPick?: (day: string) => void }) {
  const first = days[0];
  if (!first) return null;
  const blanks = weekdayIndex(first.day);
  const named = holidayRuns(days);
  return (
    <div className="cal-month" data-month={month}>
      <div className="cal-month-title">{month}月</div>
      <div className="cal-grid">
        {WEEK_HEAD.map((w, i) => (
          <div key={w} className={`cal-head${i >= 5 ? ' is-weekend-head' : ''}`}>
            {w}
          </div>
        ))}
        {Array.from({ length: blanks }, (_, i) => (
          <div key={`b${i}`} />
        ))}
        {days.map((d) => {
          const special = d.source !== 'weekday';
          const mark = special ? (d.working ? '班' : '休') : null;
          const classes = [
            'cal-day',
            `is-${d.source}`,
            d.working ? 'is-work' : 'is-off',
            !special && !d.working ? 'is-weekend' : '',
            d.provisional ? 'is-provisional' : '',
            d.day === today ? 'is-today' : '',
            onPick ? 'is-pickable' : '',
          ]
            .filter(Boolean)
            .join(' ');
          const title = `${d.day} ${weekdayLabel(d.day)} · ${d.working ? '工作日' : '休息日'}${d.name ? ` · ${d.name}` : ''} · ${SOURCE_LABELS[d.source]}${d.provisional ? '（临时按周一至周五）' : ''}`;
          return (
            <div key={d.day} className={classes} title={title} data-day={d.day} onClick={onPick && (() => onPick(d.day))}>
              <span className="cal-num">{Number(d.day.slice(8))}</span>
              {mark && <span className="cal-mark">{mark}</span>}
            </div>
          );
        })}
      </div>
      <div className="cal-names">
        {named.map((r) => (
          <span key={r.from} className={`cal-name is-${r.source}${r.working ? ' is-work' : ''}`}>
            {r.name}
            {r.working ? '（班）' : ''} {Number(r.from.slice(8))}
            {r.to !== r.from ? `–${Number(r.to.slice(8))}` : ''}日
          </span>
        ))}
      </div>
    </div>
  );
}

// Consecutive days with the same name and status (春节 15–23日), for the line under each month.
function holidayRuns(days: CalendarDay[]) {
  const runs: { name: string; working: boolean; source: DaySource; from: string; to: string }[] = [];
  for (const d of days) {
    if (!d.name || d.source === 'weekday') continue;
    const last = runs.at(-1);
    const next = last && dayjs.utc(last.to).add(1, 'day').format('YYYY-MM-DD') === d.day;
    if (last && next && last.name === d.name && last.working === d.working && last.source === d.source) last.to = d.day;
    else runs.push({ name: d.name, working: d.working, source: d.source, from: d.day, to: d.day });
  }
  return runs;
}
