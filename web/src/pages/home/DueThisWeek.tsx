import { useQuery } from '@tanstack/react-query';
import { Card } from 'antd';
import dayjs from 'dayjs';
import { api, call } from '../../api';
import { TaskList } from '../../components/TaskOverview';
import { OPEN_STATUSES } from '../../labels';
import { TASKS_KEY, useServerToday } from '../../tasks';

// The ledger has no deadline range, so the unit's open tasks come by deadline and the week is cut here; a unit has far
// fewer than a page of open tasks.
const PAGE = 200;

// Sunday of the (Monday-first) week holding `today`.
const weekEnd = (today: string) => {
  const d = dayjs(today);
  return d.add((7 - d.day()) % 7, 'day').format('YYYY-MM-DD');
};

// 本周到期: the unit's open tasks whose deadline falls from today to Sunday.
export function DueThisWeek() {
  const today = useServerToday();
  const end = weekEnd(today);
  const query = { status: OPEN_STATUSES.join(','), sort: 'deadline' as const, pageSize: PAGE };
  const open = useQuery({ queryKey: [...TASKS_KEY, 'ledger', query], queryFn: () => call(api.GET('/api/v1/tasks', { params: { query } })) });
  const items = (open.data?.items ?? []).filter((t) => t.deadline >= today && t.deadline <= end);
  return (
    <Card title={`本周到期（${items.length}）`} variant="borderless" style={{ marginBottom: 16 }} extra={`${today.slice(5)} 至 ${end.slice(5)}`}>
      <TaskList items={items} loading={open.isPending} today={today} empty="本周没有到期的事项" />
    </Card>
  );
}
