import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../api';
import { PageHeader } from '../components/PageHeader';
import { CLOSING_KEY, CLOSING_STATUS, decisionColor, decisionText, type ClosingListItem } from '../closing';
import type { ClosingStatus } from '../labels';
import { hasRole, useCurrentUser } from '../session';
import { formatTime } from '../time';

type Tab = ClosingStatus | 'all' | 'mine';

const TABS: { key: Tab; label: string }[] = [
  { key: 'mine', label: '待我审核' },
  { key: 'pending', label: '待审核' },
  { key: 'approved', label: '已通过' },
  { key: 'rejected', label: '已退回' },
  { key: 'all', label: '全部' },
];

// 销号审核: the joint-review offices see every request in their scope, waiting ones first; units see their own, and an
// owning office (归口单位) also its categories' items, those waiting for its review under 待我审核.
export default function ClosingRequestsPage() {
  const me = useCurrentUser();
  const reviewer = hasRole(me, 'office', 'assessment', 'discipline');
  const [params, setParams] = useSearchParams();
  const tab = (params.get('status') ?? (reviewer ? 'pending' : 'all')) as Tab;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = 20;
  const list = useQuery({
    queryKey: [...CLOSING_KEY, tab, page],
    queryFn: () =>
      call(
        api.GET('/api/v1/closing-requests', {
          params: { query: tab === 'mine' ? { toReview: 'true', page, pageSize } : { status: tab === 'all' ? undefined : tab, page, pageSize } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  // A unit sees the 待我审核 tab only while its owned categories' items wait for it.
  const mine = useQuery({
    queryKey: [...CLOSING_KEY, 'toReview', 'count'],
    queryFn: () => call(api.GET('/api/v1/closing-requests', { params: { query: { toReview: 'true', pageSize: 1 } } })),
    enabled: !reviewer,
  });
  const tabs = TABS.filter((t) => t.key !== 'mine' || reviewer || tab === 'mine' || (mine.data?.total ?? 0) > 0);
  const waiting = list.data?.items.filter((r) => r.canReview).length ?? 0;

  const columns: TableColumnsType<ClosingListItem> = [
    {
      title: '事项',
      dataIndex: 'taskTitle',
      render: (title: string, r) => (
        <div className="ledger-title">
          <Link to={`/closing-requests/${r.id}`}>{title}</Link>
          <div className="ledger-title-tags">
            {r.canReview && <Tag color="blue">待我审核</Tag>}
            <Link to={`/tasks/${r.taskId}`} className="closing-task-link">
              查看事项
            </Link>
          </div>
        </div>
      ),
    },
    { title: '承办单位', dataIndex: 'leadUnitName', width: 150 },
    {
      title: '申报完成日期',
      dataIndex: 'finishedOn',
      width: 150,
      render: (d: string, r) => (
        <Space size={6}>
          <span className="nowrap-time">{d}</span>
          {r.late && (
            <Tooltip title={`申请提交晚于完成时限 ${r.taskDeadline}`}>
              <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                逾期
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '申请时间',
      dataIndex: 'filedAt',
      width: 170,
      render: (at: string, r) => (
        <div>
          <div className="nowrap-time">{formatTime(at).slice(0, 16)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.filedByName}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '联审意见',
      key: 'offices',
      width: 330,
      render: (_, r) => (
        <Space size={[4, 4]} wrap>
          {r.offices.map((o) => (
            <Tag key={o.id} color={decisionColor(o.decision)} style={{ marginInlineEnd: 0 }}>
              {o.name}：{decisionText(o.decision)}
            </Tag>
          ))}
          {r.ownerUnit && (
            <Tag key="owner" color={decisionColor(r.ownerUnit.decision)} style={{ marginInlineEnd: 0 }}>
              {r.ownerUnit.name}（归口）：{decisionText(r.ownerUnit.decision)}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: ClosingStatus) => (
        <Tag color={CLOSING_STATUS[s].color} style={{ marginInlineEnd: 0 }}>
          {CLOSING_STATUS[s].label}
        </Tag>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="销号审核"
        section="督查督办"
        subTitle={
          reviewer
            ? '督查室、效能监察室、考核办及事项类别的归口单位联合审核：全部同意即销号，任一不同意即退回整改'
            : '本单位事项的销号申请及联审结果；本单位归口类别的事项由本单位参加联合审核'
        }
      />
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === (reviewer ? 'pending' : 'all') ? {} : { status: key })}
          items={tabs.map((t) => ({
            key: t.key,
            label: (t.key === 'pending' || t.key === 'mine') && tab === t.key && waiting > 0 ? `${t.label}（${waiting}）` : t.label,
          }))}
        />
        <Table<ClosingListItem>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          rowClassName={(r) => (r.canReview ? 'row-can-review' : '')}
          locale={{ emptyText: tab === 'pending' || tab === 'mine' ? '没有待审核的销号申请' : '暂无销号申请' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => `共 ${total} 份`,
            onChange: (p) => setParams((prev) => ({ ...Object.fromEntries(prev), page: String(p) })),
          }}
        />
      </Card>
    </>
  );
}
