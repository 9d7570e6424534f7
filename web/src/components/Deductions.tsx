import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../api';
import { formatTime } from '../time';

type Deduction = Schemas['ScoreDeduction'];

const points = (n: number) => `${n} 分`;

// The deductions a task brought on its unit (逐月升级的责令整改); shown only once there is one.
export function TaskDeductionsCard({ taskId }: { taskId: number }) {
  const query = useQuery({
    queryKey: ['tasks', taskId, 'deductions'],
    queryFn: () => call(api.GET('/api/v1/tasks/{id}/deductions', { params: { path: { id: taskId } } })),
  });
  if (!query.data?.items.length) return null;
  return (
    <Card title={`扣分记录（合计 ${points(query.data.total)}）`} variant="borderless" style={{ marginBottom: 16 }}>
      {query.data.items.map((d) => (
        <div key={d.id} className="sheet-item" style={{ borderLeftColor: '#c8102e' }}>
          <div className="sheet-head">
            <Typography.Text strong type="danger">
              扣 {points(d.points)}
            </Typography.Text>
            <span className="sheet-number">{d.sheetNumber}</span>
          </div>
          <div className="sheet-times">
            <div>计入月份：{d.period}</div>
            <div className="sheet-reason">{d.reason}</div>
            <div>扣分时间：{formatTime(d.createdAt)}</div>
          </div>
        </div>
      ))}
    </Card>
  );
}

// A unit's deductions with the total of each month.
export function UnitDeductionsCard({ unitId }: { unitId: number }) {
  const query = useQuery({
    queryKey: ['units', unitId, 'deductions'],
    queryFn: () => call(api.GET('/api/v1/units/{id}/deductions', { params: { path: { id: unitId } } })),
  });
  const data = query.data;
  return (
    <Card
      title="绩效扣分"
      variant="borderless"
      loading={query.isPending}
      style={{ marginBottom: 16 }}
      extra={data && data.total > 0 && <Tag color="red">合计扣 {points(data.total)}</Tag>}
    >
      {!data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无扣分" />
      ) : (
        <>
          <div style={{ marginBottom: 12 }}>
            {data.months.map((m) => (
              <Tag key={m.period} color="volcano">
                {m.period}：{m.count} 项，扣 {points(m.points)}
              </Tag>
            ))}
          </div>
          <Table<Deduction>
            rowKey="id"
            size="small"
            dataSource={data.items}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: '月份', dataIndex: 'period', width: 90 },
              { title: '事项', dataIndex: 'taskTitle', render: (title: string, d) => <Link to={`/tasks/${d.taskId}`}>{title}</Link> },
              { title: '整改通知书', dataIndex: 'sheetNumber', width: 150 },
              { title: '扣分', dataIndex: 'points', width: 70, align: 'right', render: (n: number) => <Typography.Text type="danger">{n}</Typography.Text> },
            ]}
          />
        </>
      )}
    </Card>
  );
}
