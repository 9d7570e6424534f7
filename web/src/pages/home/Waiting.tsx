import { RightOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api';
import { BOARD_KEY } from '../../chasing';
import { CLOSING_KEY } from '../../closing';
import { INTERVIEWS_KEY } from '../../interviews';
import { PLANS_KEY, type PlanPeriod } from '../../plans';
import { formatDate } from '../../time';

interface Row {
  key: string;
  to: string;
  title: ReactNode;
  meta: string;
  count?: number;
}

const SHOWN = 8;

function WaitingCard({ title, rows, loading, empty, more }: { title: string; rows: Row[]; loading: boolean; empty: string; more?: ReactNode }) {
  return (
    <Card title={title} variant="borderless" style={{ marginBottom: 16 }} extra={rows.length > SHOWN && more}>
      {loading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <List<Row>
          size="small"
          dataSource={rows.slice(0, SHOWN)}
          renderItem={(r) => (
            <List.Item>
              <Link to={r.to} className="waiting-row">
                {r.count !== undefined && <span className="waiting-count">{r.count}</span>}
                <span className="waiting-body">
                  <span className="waiting-title">{r.title}</span>
                  <Typography.Text type="secondary" className="waiting-meta">
                    {r.meta}
                  </Typography.Text>
                </span>
                <RightOutlined className="waiting-arrow" />
              </Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

const usePlans = () => useQuery({ queryKey: PLANS_KEY, queryFn: () => call(api.GET('/api/v1/plans')).then((r) => r.items) });

// Proposals of the given plans with the given status, each plan's list fetched on its own.
function useProposals(plans: PlanPeriod[], status: 'submitted' | 'approved') {
  return useQueries({
    queries: plans.map((p) => ({
      queryKey: [...PLANS_KEY, p.id, 'proposals', status],
      queryFn: () => call(api.GET('/api/v1/plans/{id}/proposals', { params: { path: { id: p.id }, query: { status } } })).then((r) => r.items),
    })),
  });
}

// 待我办理 of the office: closing requests to review, plans to consolidate and issue, unsigned sheets to chase, approved
// interviews to hold.
export function OfficeWaiting() {
  const closing = useQuery({
    queryKey: [...CLOSING_KEY, 'pending', 'count'],
    queryFn: () => call(api.GET('/api/v1/closing-requests', { params: { query: { status: 'pending', pageSize: 1 } } })),
  });
  const interviews = useQuery({
    queryKey: [...INTERVIEWS_KEY, 'list', { status: 'approved' }],
    queryFn: () => call(api.GET('/api/v1/interviews', { params: { query: { status: 'approved' } } })).then((r) => r.items),
  });
  // Sheets the units have not signed for: the office chases them.
  const unsigned = useQuery({
    queryKey: [...BOARD_KEY, { unsignedOnly: 'true', pageSize: 1 }],
    queryFn: () => call(api.GET('/api/v1/chasing/board', { params: { query: { unsignedOnly: 'true', pageSize: 1 } } })),
  });
  const plans = usePlans();
  const consolidating = (plans.data ?? []).filter((p) => p.status === 'consolidating');
  const approved = useProposals(consolidating, 'approved');

  const rows: Row[] = [];
  if (closing.data && closing.data.total > 0)
    rows.push({ key: 'closing', to: '/closing-requests', title: '销号申请待审核', meta: '牵头单位已提交销号申请和佐证材料', count: closing.data.total });
  consolidating.forEach((p, i) =>
    rows.push({
      key: `plan-${p.id}`,
      to: `/plans/${p.id}`,
      title: `${p.title}待汇总`,
      meta: `分管领导已审核通过的申报，${p.consolidateBy} 前汇总`,
      count: approved[i]?.data?.length,
    }),
  );
  for (const p of plans.data ?? [])
    if (p.status === 'meeting')
      rows.push({
        key: `plan-${p.id}`,
        to: `/plans/${p.id}`,
        title: `${p.title}待印发`,
        meta: `会议研究${p.meetingOn ? `（${p.meetingOn}）` : ''}后登记文号印发`,
      });
  if (unsigned.data && unsigned.data.total > 0)
    rows.push({ key: 'unsigned', to: '/chasing?unsigned=true', title: '督办单未签收', meta: '已签发的督办单，单位尚未签收', count: unsigned.data.total });
  if (interviews.data && interviews.data.length > 0)
    rows.push({
      key: 'interviews',
      to: '/interviews?status=approved',
      title: '约谈已批准待登记',
      meta: '县领导已批准的约谈，约谈后登记情况',
      count: interviews.data.length,
    });

  return <WaitingCard title="待我办理" rows={rows} loading={closing.isPending || plans.isPending} empty="暂无待办理的事项" />;
}

// 待我审批 of a leader: proposals of his units submitted to him, and interviews awaiting his decision.
export function LeaderApprovals() {
  const plans = usePlans();
  const open = (plans.data ?? []).filter((p) => p.status === 'collecting' || p.status === 'reviewing');
  const submitted = useProposals(open, 'submitted');
  const interviews = useQuery({
    queryKey: [...INTERVIEWS_KEY, 'list', { status: 'proposed' }],
    queryFn: () => call(api.GET('/api/v1/interviews', { params: { query: { status: 'proposed' } } })).then((r) => r.items),
  });

  const rows: Row[] = [
    ...open.flatMap((p, i) =>
      (submitted[i]?.data ?? []).map((q) => ({
        key: `proposal-${q.id}`,
        to: `/proposals/${q.id}`,
        title: q.title,
        meta: `${p.label}申报 · ${q.unitName}${q.submittedAt ? ` · ${formatDate(q.submittedAt)} 提交` : ''}`,
      })),
    ),
    ...(interviews.data ?? []).map((v) => ({
      key: `interview-${v.id}`,
      to: `/interviews/${v.id}`,
      title: `约谈${v.intervieweeName ?? v.unitName}`,
      meta: `${v.unitName} · ${v.proposedByName} ${formatDate(v.proposedAt)} 提出`,
    })),
  ];
  const loading = plans.isPending || interviews.isPending || submitted.some((s) => s.isPending);
  return (
    <WaitingCard
      title={`待我审批（${rows.length}）`}
      rows={rows}
      loading={loading}
      empty="暂无待审批的申报和约谈"
      more={<Link to={open[0] ? `/plans/${open[0].id}/proposals` : '/plans'}>分管审核</Link>}
    />
  );
}

// 待我审核 of an owning office (归口单位): closing requests of its categories' items waiting for its review. Shown only
// when there is one, since most units own no category.
export function OwnerReviewWaiting() {
  const closing = useQuery({
    queryKey: [...CLOSING_KEY, 'toReview', 'count'],
    queryFn: () => call(api.GET('/api/v1/closing-requests', { params: { query: { toReview: 'true', pageSize: 1 } } })),
  });
  if (!closing.data || closing.data.total === 0) return null;
  const rows: Row[] = [
    {
      key: 'closing',
      to: '/closing-requests?status=mine',
      title: '销号申请待审核（归口事项）',
      meta: '本单位归口类别的事项已申请销号，请参加联合审核',
      count: closing.data.total,
    },
  ];
  return <WaitingCard title="待我审核" rows={rows} loading={false} empty="暂无待审核的销号申请" />;
}
