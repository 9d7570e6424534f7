import { Card, Empty, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Chart } from '../../components/Chart';
import { COLOUR_HEX } from '../../labels';
import { AXIS_LABEL, closedOf, monthLabel, TOOLTIP, useMonthFigures, useMonthsTrend, type UnitFigures } from './figures';

const TOP = 10;
const ROW = 30;

function ChartCard({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card title={title} variant="borderless" style={{ marginBottom: 16 }} extra={extra} className="home-chart-card">
      {children}
    </Card>
  );
}

// 本月逾期未完成 by lead unit, the ten worst; a bar opens the ledger rows behind it.
export function OverdueByUnit({ period }: { period: string }) {
  const navigate = useNavigate();
  const figures = useMonthFigures(period);
  const units = (figures.data?.units ?? [])
    .filter((u) => u.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue)
    .slice(0, TOP);
  const total = figures.data?.total.overdue ?? 0;
  return (
    <ChartCard title={`本月逾期未完成（${total}）`} extra={<Link to={`/tasks?period=${period}&overdue=true`}>查看全部</Link>}>
      {figures.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : units.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本月没有逾期未完成的事项" />
      ) : (
        <>
          <Chart
            label="本月逾期未完成事项最多的单位"
            height={units.length * ROW + 24}
            onClick={(e) => {
              const unit = units[e.dataIndex];
              if (unit) navigate(`/tasks?period=${period}&unitId=${unit.unitId}&leadOnly=true&overdue=true`);
            }}
            option={{
              grid: { left: 4, right: 28, top: 4, bottom: 4 },
              tooltip: TOOLTIP,
              xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
              yAxis: { type: 'category', inverse: true, data: units.map((u) => u.unitName), axisLabel: { ...AXIS_LABEL, width: 120, overflow: 'truncate' } },
              series: [
                {
                  type: 'bar',
                  name: '逾期未完成',
                  data: units.map((u) => u.overdue),
                  itemStyle: { color: COLOUR_HEX.red, borderRadius: [0, 3, 3, 0] },
                  barMaxWidth: 18,
                  label: { show: true, position: 'right', fontSize: 12 },
                },
              ],
            }}
          />
          <Typography.Text type="secondary" className="home-chart-note">
            前 {units.length} 个牵头单位；点击条形查看该单位的逾期事项
          </Typography.Text>
        </>
      )}
    </ChartCard>
  );
}

// Issued and closed per month for the last months, with the close rate; a month opens its ledger.
export function MonthTrend({ periods }: { periods: string[] }) {
  const navigate = useNavigate();
  const trend = useMonthsTrend(periods[0]!, periods.at(-1)!);
  const pending = trend.isPending;
  const totals = periods.map((p) => trend.data?.months.find((m) => m.period === p)?.total);
  return (
    <ChartCard title="近半年交办与销号" extra={<Link to="/figures">月度指标</Link>}>
      {pending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : (
        <>
          <Chart
            label="近六个月每月交办、销号事项数和完成率"
            height={300}
            onClick={(e) => navigate(`/tasks?period=${periods[e.dataIndex]}${e.seriesIndex === 1 ? '&status=closed' : ''}`)}
            option={{
              grid: { left: 4, right: 4, top: 36, bottom: 4 },
              tooltip: TOOLTIP,
              legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
              xAxis: { type: 'category', data: periods.map(monthLabel), axisLabel: AXIS_LABEL },
              yAxis: [
                { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
                { type: 'value', min: 0, max: 100, axisLabel: { ...AXIS_LABEL, formatter: '{value}%' }, splitLine: { show: false } },
              ],
              series: [
                { type: 'bar', name: '交办', data: totals.map((t) => t?.issued ?? 0), itemStyle: { color: COLOUR_HEX.blue }, barMaxWidth: 22 },
                { type: 'bar', name: '销号', data: totals.map((t) => (t ? closedOf(t) : 0)), itemStyle: { color: COLOUR_HEX.green }, barMaxWidth: 22 },
                {
                  type: 'line',
                  name: '完成率',
                  yAxisIndex: 1,
                  data: totals.map((t) => t?.closeRate ?? null),
                  itemStyle: { color: '#d48806' },
                  tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
                },
              ],
            }}
          />
          <Typography.Text type="secondary" className="home-chart-note">
            点击柱形查看该月的事项
          </Typography.Text>
        </>
      )}
    </ChartCard>
  );
}

// A leader's units side by side for this month: issued, closed, overdue; a bar opens those rows.
export function UnitsSideBySide({ period }: { period: string }) {
  const navigate = useNavigate();
  const figures = useMonthFigures(period);
  const units: UnitFigures[] = figures.data?.units ?? [];
  const filters = ['', '&status=closed', '&overdue=true'];
  return (
    <ChartCard title="分管单位本月情况" extra={<Link to={`/figures?period=${period}`}>月度指标</Link>}>
      {figures.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : units.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="分管单位本月没有交办事项" />
      ) : (
        <>
          <Chart
            label="分管单位本月交办、销号和逾期未完成事项数"
            height={units.length * 3 * 16 + units.length * 14 + 56}
            onClick={(e) => {
              const unit = units[e.dataIndex];
              if (unit) navigate(`/tasks?period=${period}&unitId=${unit.unitId}&leadOnly=true${filters[e.seriesIndex ?? 0] ?? ''}`);
            }}
            option={{
              grid: { left: 4, right: 28, top: 36, bottom: 4 },
              tooltip: TOOLTIP,
              legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
              xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
              yAxis: { type: 'category', inverse: true, data: units.map((u) => u.unitName), axisLabel: { ...AXIS_LABEL, width: 110, overflow: 'truncate' } },
              series: [
                { name: '交办', color: COLOUR_HEX.blue, data: units.map((u) => u.issued) },
                { name: '销号', color: COLOUR_HEX.green, data: units.map(closedOf) },
                { name: '逾期未完成', color: COLOUR_HEX.red, data: units.map((u) => u.overdue) },
              ].map(({ name, color, data }) => ({
                type: 'bar',
                name,
                data,
                itemStyle: { color },
                barMaxWidth: 14,
                label: { show: true, position: 'right', fontSize: 11, formatter: ({ value }: { value: unknown }) => (value ? String(value) : '') },
              })),
            }}
          />
          <Typography.Text type="secondary" className="home-chart-note">
            点击条形查看该单位的相应事项
          </Typography.Text>
        </>
      )}
    </ChartCard>
  );
}
