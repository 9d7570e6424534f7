import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, List, Radio, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CALENDAR_SOURCE_LABELS, CALENDAR_SOURCES, DOT_COLOUR_LABELS, DOT_COLOURS, type CalendarSource } from '@shared/labels';
import { api, call, type Schemas } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { hasRole, useCurrentUser, useServerNow } from '../../session';
import { weekdayIndex } from './MonthGrid';

type Dot = Schemas['CalendarDot'];
const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];

const daysOf = (year: number, month: number) => {
  const first = dayjs.utc(`${year}-${String(month).padStart(2, '0')}-01`);
  return Array.from({ length: first.daysInMonth() }, (_, i) => first.add(i, 'day').format('YYYY-MM-DD'));
};

// 活动日历 (seed 004's 代表活动安排表): any ledger as a month or year calendar, one dot per item on its day — red not
// done, blue under way, green done. Printable: the browser's print leaves out the menu and the controls.
export default function ActivityCalendarPage() {
  const me = useCurrentUser();
  const now = useServerNow();
  const [params, setParams] = useSearchParams();
  const source = (params.get('source') as CalendarSource | null) ?? 'tasks';
  const year = Number(params.get('year')) || now.year();
  const month = params.get('month') === 'all' ? undefined : Number(params.get('month')) || now.month() + 1;
  const [unitId, setUnitId] = useState<number | null>(null);
  const set = (patch: Record<string, string>) => setParams({ source, year: String(year), month: month ? String(month) : 'all', ...patch });
  const data = useQuery({
    queryKey: ['activity-calendar', source, year, month, unitId],
    queryFn: () => call(api.GET('/api/v1/activity-calendar', { params: { query: { source, year, month, unitId: unitId ?? undefined } } })),
  });
  const byDay = new Map<string, Dot[]>();
  for (const d of data.data?.items ?? []) byDay.set(d.day, [...(byDay.get(d.day) ?? []), d]);
  const counts = data.data?.counts;
  const title = `${CALENDAR_SOURCE_LABELS[source]} · ${year}年${month ? `${month}月` : '全年'}`;
  return (
    <>
      <PageHeader title="活动日历" section="督查督办" subTitle="任一台账的月历或年历：红点未完成，蓝点推进中，绿点已完成" />
      <Card
        title={title}
        extra={
          <Button className="no-print" icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印
          </Button>
        }
      >
        <Space wrap className="no-print" style={{ marginBottom: 12 }}>
          <Select
            aria-label="台账"
            value={source}
            onChange={(v) => set({ source: v })}
            options={CALENDAR_SOURCES.map((s) => ({ value: s, label: CALENDAR_SOURCE_LABELS[s] }))}
            style={{ width: 200 }}
          />
          <Select
            aria-label="年份"
            value={year}
            onChange={(v) => set({ year: String(v) })}
            options={[year - 1, year, year + 1].map((y) => ({ value: y, label: `${y}年` }))}
          />
          <Radio.Group
            value={month ? 'month' : 'year'}
            onChange={(e) => set({ month: e.target.value === 'year' ? 'all' : String(now.month() + 1) })}
            optionType="button"
          >
            <Radio.Button value="month">月历</Radio.Button>
            <Radio.Button value="year">年历</Radio.Button>
          </Radio.Group>
          {month && (
            <Select
              aria-label="月份"
              value={month}
              onChange={(v) => set({ month: String(v) })}
              options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }))}
            />
          )}
          {!hasRole(me, 'unit_head', 'unit_liaison', 'cadre') && (
            <UnitTreeSelect value={unitId} onChange={setUnitId} placeholder="全部单位" style={{ width: 220 }} />
          )}
        </Space>
        {counts && (
          <Space size={16} wrap style={{ marginBottom: 12 }}>
            {DOT_COLOURS.map((c) => (
              <span key={c}>
                <span className={`act-dot is-${c}`} /> {DOT_COLOUR_LABELS[c]} {counts[c]}
              </span>
            ))}
          </Space>
        )}
        {month ? (
          <>
            <MonthDots year={year} month={month} byDay={byDay} today={data.data?.today ?? ''} large />
            <List<Dot>
              style={{ marginTop: 16 }}
              size="small"
              dataSource={data.data?.items ?? []}
              locale={{ emptyText: <Empty description="本月没有事项" /> }}
              renderItem={(d) => (
                <List.Item>
                  <Space wrap size={6}>
                    <span className={`act-dot is-${d.colour}`} />
                    <span>{d.day.slice(5)}</span>
                    <Link to={d.link}>{d.title}</Link>
                    <Tag>{d.unitName}</Tag>
                  </Space>
                </List.Item>
              )}
            />
          </>
        ) : (
          <div className="cal-year">
            {Array.from({ length: 12 }, (_, i) => (
              <MonthDots key={i} year={year} month={i + 1} byDay={byDay} today={data.data?.today ?? ''} />
            ))}
          </div>
        )}
      </Card>
    </>
  );
}

// One month, Monday first; each day shows its items as dots (up to six, then the number of the rest).
function MonthDots({ year, month, byDay, today, large = false }: { year: number; month: number; byDay: Map<string, Dot[]>; today: string; large?: boolean }) {
  const days = daysOf(year, month);
  return (
    <div className="cal-month">
      {!large && <div className="cal-month-title">{month}月</div>}
      <div className="cal-grid">
        {WEEK_HEAD.map((w) => (
          <div key={w} className="cal-head">
            {w}
          </div>
        ))}
        {Array.from({ length: weekdayIndex(days[0]!) }, (_, i) => (
          <div key={`b${i}`} />
        ))}
        {days.map((day) => {
          const dots = byDay.get(day) ?? [];
          return (
            <div
              key={day}
              data-day={day}
              className={`act-day${large ? ' is-large' : ''}${day === today ? ' is-today' : ''}`}
              title={dots.map((d) => `${DOT_COLOUR_LABELS[d.colour]} · ${d.title}（${d.unitName}）`).join('\n')}
            >
              <span className="act-num">{Number(day.slice(8))}</span>
              <span className="act-dots">
                {dots.slice(0, 6).map((d) => (
                  <span key={`${d.id}`} className={`act-dot is-${d.colour}`} />
                ))}
                {dots.length > 6 && <span className="act-more">+{dots.length - 6}</span>}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
