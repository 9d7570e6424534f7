import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, call, type Schemas } from '../../api';

export type UnitFigures = Schemas['UnitMonthFigures'];
export type MonthlyFigures = Schemas['MonthlyFigures'];

const figuresQuery = (period: string) => ({
  queryKey: ['figures', 'monthly', period],
  queryFn: () => call(api.GET('/api/v1/figures/monthly', { params: { query: { period } } })),
});

export const useMonthFigures = (period: string) => useQuery(figuresQuery(period));

// This month and the `count - 1` before it, oldest first.
export const lastMonths = (today: string, count: number) =>
  Array.from({ length: count }, (_, i) =>
    dayjs(today)
      .startOf('month')
      .subtract(count - 1 - i, 'month')
      .format('YYYY-MM'),
  );

// The totals of the months from `from` to `to`, in one request.
export const useMonthsTrend = (from: string, to: string) =>
  useQuery({
    queryKey: ['figures', 'trend', from, to],
    queryFn: () => call(api.GET('/api/v1/figures/trend', { params: { query: { from, to } } })),
  });

export const monthLabel = (period: string) => `${Number(period.slice(5))}月`;

export const closedOf = (f: Schemas['MonthFigures']) => f.closedOnTime + f.closedLate;

// Shared look of the home charts: small type that stays readable at 390 px.
export const AXIS_LABEL = { fontSize: 12, color: '#595959' };
export const TOOLTIP = { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const }, confine: true };
