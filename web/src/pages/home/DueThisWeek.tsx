import { useQuery } from '@tanstack/react-query';
import { Card } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { api, call } from '../../api';
import { TaskList } from '../../components/TaskOverview';
import { OPEN_STATUSES } from '../../labels';
import { TASKS_KEY, useServerToday } from '../../tasks';

const PAGE = 20;

// Sunday of the (Monday-first) week holding `today`.
const weekEnd = (today: string) => {
  const d = dayjs(today);
  return d.add((7 - d.day()) % 7, 'day').format('YYYY-MM-DD');
};

// 本周到期: the unit's open tasks whose deadline falls from today to Sunday.
export function DueThisWeek() {
  const today = useServerToday();
  const end = weekEnd(today);
  const filters = { status: OPEN_STATUSES.join(','), deadlineFrom: today, deadlineTo: end };
  const query = { ...filters, sort: 'deadline' as const, pageSize: PAGE };
  const due = useQuery({ queryKey: [...TASKS_KEY, 'ledger', query], queryFn: () => call(api.GET('/api/v1/tasks', { params: { query } })) });
  const total = due.data?.total ?? 0;
  return (
    <Card
      title={`本周到期（${total}）`}
      variant="borderless"
      style={{ marginBottom: 16 }}
      extra={<Link to={`/tasks?${new URLSearchParams(filters).toString()}`}>{`${today.slice(5)} 至 ${end.slice(5)}，全部`}</Link>}
    >
      <TaskList items={due.data?.items ?? []} loading={due.isPending} today={today} empty="本周没有到期的事项" />
    </Card>
  );
}
