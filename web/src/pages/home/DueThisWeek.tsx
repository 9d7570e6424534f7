import { Card } from 'antd';
import { Link } from 'react-router';
import { TaskList, useOverview } from '../../components/TaskOverview';
import { OPEN_STATUSES } from '../../labels';
import { useServerToday } from '../../tasks';

// 本周到期: the unit's open tasks whose deadline falls from today to Sunday (the server's week, in the home overview).
export function DueThisWeek() {
  const today = useServerToday();
  const overview = useOverview();
  const due = overview.data?.dueThisWeek;
  const filters = due ? { status: OPEN_STATUSES.join(','), deadlineFrom: due.from, deadlineTo: due.to } : null;
  return (
    <Card
      title={`本周到期（${due?.total ?? 0}）`}
      variant="borderless"
      style={{ marginBottom: 16 }}
      extra={
        filters && (
          <Link to={`/tasks?${new URLSearchParams(filters).toString()}`}>{`${filters.deadlineFrom.slice(5)} 至 ${filters.deadlineTo.slice(5)}，全部`}</Link>
        )
      }
    >
      <TaskList items={due?.items ?? []} loading={overview.isPending} today={today} empty="本周没有到期的事项" />
    </Card>
  );
}
