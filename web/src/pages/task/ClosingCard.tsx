import { useQuery } from '@tanstack/react-query';
import { Card, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { api, call } from '../../api';
import { taskClosingKey, type ClosingRequestItem, type TaskDetail } from '../../tasks';
import { formatTime } from '../../time';

// ---- 销号申请 (三部联审)

const CLOSING_STATUS: Record<ClosingRequestItem['status'], { label: string; color: string }> = {
  pending: { label: '联审中', color: 'processing' },
  approved: { label: '已同意销号', color: 'success' },
  rejected: { label: '退回整改', color: 'error' },
};

export function ClosingCard({ task: t }: { task: TaskDetail }) {
  const requests = useQuery({
    queryKey: taskClosingKey(t.id),
    queryFn: () => call(api.GET('/api/v1/tasks/{id}/closing-requests', { params: { path: { id: t.id } } })).then((r) => r.items),
    // Only tasks that reached the closing stage can have requests.
    enabled: ['closing_requested', 'returned', 'closed'].includes(t.status),
  });
  const items = requests.data ?? [];
  if (items.length === 0) return null;
  return (
    <Card title="销号记录" variant="borderless" style={{ marginBottom: 16 }}>
      <div className="sheet-list">
        {[...items].reverse().map((r) => (
          <div key={r.id} className="closing-item">
            <div className="sheet-head">
              <Space size={8}>
                <Link to={`/closing-requests/${r.id}`}>{formatTime(r.filedAt).slice(0, 16)}</Link>
                <span>{r.filedByName}</span>
              </Space>
              <Tag color={CLOSING_STATUS[r.status].color} style={{ marginInlineEnd: 0 }}>
                {CLOSING_STATUS[r.status].label}
              </Tag>
            </div>
            <div className="sheet-times">
              申报完成日期 {r.finishedOn}
              {r.late && (
                <Tag color="orange" style={{ marginInlineStart: 8 }}>
                  逾期申请
                </Tag>
              )}
            </div>
            <Space size={[6, 6]} wrap style={{ marginTop: 6 }}>
              {r.offices.map((o) => (
                <Tag key={o.id} color={o.decision === 'approve' ? 'success' : o.decision === 'reject' ? 'error' : 'default'}>
                  {o.name}：{o.decision === 'approve' ? '同意' : o.decision === 'reject' ? '不同意' : '待审核'}
                </Tag>
              ))}
              {r.ownerUnit && (
                <Tag color={r.ownerUnit.decision === 'approve' ? 'success' : r.ownerUnit.decision === 'reject' ? 'error' : 'default'}>
                  {r.ownerUnit.name}（归口）：{r.ownerUnit.decision === 'approve' ? '同意' : r.ownerUnit.decision === 'reject' ? '不同意' : '待审核'}
                </Tag>
              )}
            </Space>
          </div>
        ))}
      </div>
    </Card>
  );
}
