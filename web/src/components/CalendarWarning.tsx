import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { Link } from 'react-router';
import { api, call } from '../api';

// 工作台: a reminder when this year's (or, from November, next year's) holiday notice is missing and time limits
// are being counted Monday to Friday. Roles that may not read the calendar simply see nothing.
export function CalendarWarning({ canEdit }: { canEdit: boolean }) {
  const warning = useQuery({
    queryKey: ['calendar', 'warning'],
    queryFn: () => call(api.GET('/api/v1/calendar/warning')).then((r) => r.warning),
    staleTime: 300_000,
  });
  if (!warning.data) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={warning.data}
      action={
        <Link to="/system/calendar">
          <Button size="small">{canEdit ? '去录入' : '查看工作日历'}</Button>
        </Link>
      }
    />
  );
}
