import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Row, Skeleton, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../api';
import { COLOUR_HEX, COLOUR_LABELS, COLOURS, type StatusColour } from '../labels';
import { countdown, TASKS_KEY, useServerToday, type LedgerItem } from '../tasks';
import { ColourLight, MissingReportTag, StatusTag } from './TaskTags';

// A role's home figures from the ledger, in one request (GET /tasks/overview); the due-this-week card shares it.
export function useOverview() {
  return useQuery({ queryKey: [...TASKS_KEY, 'overview'], queryFn: () => call(api.GET('/api/v1/tasks/overview')) });
}

// The to-do figure each role cares about most (the server picks the status by role).
const TODO_TEXT: Partial<Record<string, { label: string; note: string }>> = {
  closing_requested: { label: '待审核销号', note: '牵头单位已申请销号' },
  assigned: { label: '待签收', note: '已交办尚未签收' },
};

const LIST_SIZE = 6;

// 工作台: real figures from the ledger, within the user's own data scope (the server applies it).
// `children` (a role's own blocks) sit between the figures and the lists.
export function TaskOverview({ children }: { children?: ReactNode }) {
  const today = useServerToday();
  const navigate = useNavigate();
  const overview = useOverview();
  const o = overview.data;
  const counts = o?.counts ?? {};
  const todo = o?.todo ? { ...o.todo, ...TODO_TEXT[o.todo.status]! } : null;
  const warned = [...(o?.red ?? []), ...(o?.yellow ?? [])].slice(0, LIST_SIZE);
  const warnedTotal = (counts.red ?? 0) + (counts.yellow ?? 0);

  return (
    <>
      <Card
        title="督查督办概况"
        variant="borderless"
        style={{ marginBottom: 16 }}
        extra={
          <Space size="middle">
            <Typography.Text type="secondary">按服务器日期 {today} 统计</Typography.Text>
            <Link to="/tasks">
              查看工作台账 <RightOutlined />
            </Link>
          </Space>
        }
      >
        {overview.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={8} xl={4}>
              <button type="button" className="overview-tile" onClick={() => navigate('/tasks')}>
                <span className="overview-label">事项总数</span>
                <span className="overview-value">{o?.total ?? 0}</span>
                <span className="overview-note">本人可见范围内</span>
              </button>
            </Col>
            {COLOURS.filter((c) => c !== 'grey').map((c) => (
              <Col xs={12} md={8} xl={4} key={c}>
                <button
                  type="button"
                  className="overview-tile"
                  data-colour={c}
                  style={{ borderTopColor: COLOUR_HEX[c] }}
                  onClick={() => navigate(`/tasks?colour=${c}`)}
                >
                  <span className="overview-label">
                    <span className="colour-dot" style={{ background: COLOUR_HEX[c] }} />
                    {COLOUR_LABELS[c]}
                  </span>
                  <span className="overview-value" style={{ color: c === 'yellow' ? '#d48806' : COLOUR_HEX[c] }}>
                    {counts[c as StatusColour] ?? 0}
                  </span>
                  <span className="overview-note">{OVERVIEW_NOTES[c]}</span>
                </button>
              </Col>
            ))}
            <Col xs={12} md={8} xl={4}>
              {todo ? (
                <button type="button" className="overview-tile" onClick={() => navigate(`/tasks?status=${todo.status}`)}>
                  <span className="overview-label">{todo.label}</span>
                  <span className="overview-value">{todo.total}</span>
                  <span className="overview-note">{todo.note}</span>
                </button>
              ) : (
                <button type="button" className="overview-tile" onClick={() => navigate('/tasks?missingReport=true')}>
                  <span className="overview-label">缺报事项</span>
                  <span className="overview-value">{o?.missing.total ?? 0}</span>
                  <span className="overview-note">已过报送日未反馈</span>
                </button>
              )}
            </Col>
          </Row>
        )}
      </Card>

      {children}

      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={`红黄灯事项（${warnedTotal}）`} variant="borderless" style={{ marginBottom: 16 }} extra={<Link to="/tasks?colour=red">全部红灯</Link>}>
            <TaskList items={warned} loading={overview.isPending} today={today} empty="没有红灯、黄灯事项" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={`缺报事项（${o?.missing.total ?? 0}）`}
            variant="borderless"
            style={{ marginBottom: 16 }}
            extra={<Link to="/tasks?missingReport=true">全部缺报</Link>}
          >
            <TaskList items={o?.missing.items ?? []} loading={overview.isPending} today={today} empty="没有缺报事项，各单位均按时反馈" missing />
          </Card>
        </Col>
      </Row>
    </>
  );
}

const OVERVIEW_NOTES: Record<StatusColour, string> = {
  red: '超过完成时限未销号',
  yellow: '临近时限或节点滞后',
  blue: '按计划推进',
  green: '已销号',
  grey: '',
};

export function TaskList({
  items,
  loading,
  today,
  empty,
  missing = false,
}: {
  items: LedgerItem[];
  loading: boolean;
  today: string;
  empty: string;
  missing?: boolean;
}) {
  if (loading) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <List<LedgerItem>
      size="small"
      dataSource={items}
      renderItem={(t) => {
        const c = countdown(t.deadline, today);
        return (
          <List.Item
            extra={
              <Space size={6}>
                {missing ? <MissingReportTag /> : <StatusTag status={t.status} />}
                <Typography.Text
                  type={c.kind === 'overdue' ? 'danger' : c.kind === 'today' || c.days <= 3 ? 'warning' : 'secondary'}
                  className="overview-countdown"
                >
                  {c.text}
                </Typography.Text>
              </Space>
            }
          >
            <div className="overview-item">
              <ColourLight colour={t.colour} compact />
              <div className="overview-item-body">
                <Link to={`/tasks/${t.id}`} className="overview-item-title">
                  {t.title}
                </Link>
                <Typography.Text type="secondary" className="overview-item-meta">
                  {t.leadUnitName} · 时限 {t.deadline}
                  {t.responsibleName ? ` · ${t.responsibleName}` : ''}
                </Typography.Text>
              </div>
            </div>
          </List.Item>
        );
      }}
    />
  );
}
