import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { Link } from 'react-router';
import { api, call } from '../api';

// 工作台 of the system administrator, the only one who can act on it: a reminder when this year's (or, from
// November, next year's) holiday notice is missing and time limits are being counted Monday to Friday. Everyone
// else sees the quiet 暂定 mark on the dates that depend on it.
export function CalendarWarning() {
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
          <Button size="small">去录入</Button>
        </Link>
      }
    />
  );
}
