import { CheckOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, List, Row, Skeleton, Space, Typography, type ListProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../api';
import { TODAY_KEY, useSignSheet, type TodayDue, type TodaySheet } from '../chasing';
import { formatTime } from '../time';
import { SheetKindTag } from './SheetKindTag';

interface TodayPages {
  toSignPage: number;
  duePage: number;
  pageSize: number;
}

const useChasingToday = (pages: TodayPages) =>
  useQuery({
    queryKey: [...TODAY_KEY, pages],
    queryFn: () => call(api.GET('/api/v1/chasing/today', { params: { query: pages } })),
    placeholderData: keepPreviousData,
  });

// 今日待办 of a unit: sheets waiting for its signature, and time limits (13710) that fall due today or have passed.
// Each list pages on its own; the titles show the full counts.
export function ChasingToday({ compact = false }: { compact?: boolean }) {
  const [pages, setPages] = useState<TodayPages>({ toSignPage: 1, duePage: 1, pageSize: compact ? 10 : 20 });
  const today = useChasingToday(pages);
  const data = today.data;
  const pagination = (current: number, total: number, onChange: (page: number) => void) =>
    total > pages.pageSize ? { current, total, pageSize: pages.pageSize, onChange, size: 'small' as const, showSizeChanger: false } : undefined;
  return (
    <Row gutter={16}>
      <Col xs={24} xl={12}>
        <Card
          title={`待签收督办单（${data?.toSignTotal ?? 0}）`}
          variant="borderless"
          style={{ marginBottom: 16 }}
          className="today-card"
          extra={
            compact && (
              <Link to="/chasing/today">
                今日待办 <RightOutlined />
              </Link>
            )
          }
        >
          {today.isPending ? (
            <Skeleton active paragraph={{ rows: 3 }} />
          ) : today.isError ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={today.error.message} />
          ) : (
            <SheetsToSign
              sheets={data?.toSign ?? []}
              pagination={pagination(pages.toSignPage, data?.toSignTotal ?? 0, (toSignPage) => setPages((p) => ({ ...p, toSignPage })))}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card
          title={`到期、超期时限（${data?.dueTotal ?? 0}）`}
          variant="borderless"
          style={{ marginBottom: 16 }}
          className="today-card"
          extra={data && <Typography.Text type="secondary">按服务器日期 {data.today}</Typography.Text>}
        >
          {today.isPending ? (
            <Skeleton active paragraph={{ rows: 3 }} />
          ) : (
            <DueList items={data?.due ?? []} pagination={pagination(pages.duePage, data?.dueTotal ?? 0, (duePage) => setPages((p) => ({ ...p, duePage })))} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

function SheetsToSign({ sheets, pagination }: { sheets: TodaySheet[]; pagination: ListProps<TodaySheet>['pagination'] }) {
  const sign = useSignSheet();
  const [busy, setBusy] = useState<number | null>(null);
  if (sheets.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待签收的督办单" />;
  return (
    <List<TodaySheet>
      size="small"
      dataSource={sheets}
      pagination={pagination}
      renderItem={(s) => (
        <List.Item
          className="today-sheet"
          data-sheet={s.number}
          extra={
            s.kind === 'assignment' ? (
              <Link to={`/tasks/${s.taskId}`}>
                <Button size="small">去签收</Button>
              </Link>
            ) : (
              <Button
                size="small"
                type="primary"
                icon={<CheckOutlined />}
                loading={busy === s.id}
                onClick={async () => {
                  setBusy(s.id);
                  await sign(s);
                  setBusy(null);
                }}
              >
                签收
              </Button>
            )
          }
        >
          <div className="today-item">
            <Space size={6} wrap>
              <SheetKindTag kind={s.kind} />
              <span className="sheet-no">{s.number}</span>
            </Space>
            <Link to={`/tasks/${s.taskId}`} className="today-item-title">
              {s.taskTitle}
            </Link>
            <Typography.Text type="secondary" className="today-item-meta">
              {s.content.due ? `${s.content.due} · ` : s.kind === 'assignment' ? `完成时限 ${s.content.deadline ?? ''} · ` : ''}
              {formatTime(s.issuedAt).slice(0, 16)} 下发
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}

function DueList({ items, pagination }: { items: TodayDue[]; pagination: ListProps<TodayDue>['pagination'] }) {
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有今天到期或已超期的时限" />;
  return (
    <List<TodayDue>
      size="small"
      dataSource={items}
      pagination={pagination}
      renderItem={(d) => (
        <List.Item
          className="today-due"
          data-due={d.kind}
          extra={
            d.overdueDays > 0 ? (
              <Typography.Text type="danger" strong className="overview-countdown">
                超期 {d.overdueDays} 天
              </Typography.Text>
            ) : (
              <Typography.Text type="warning" className="overview-countdown">
                今天到期
              </Typography.Text>
            )
          }
        >
          <div className="today-item">
            <Link to={`/tasks/${d.taskId}`} className="today-item-title">
              {d.taskTitle}
            </Link>
            <Typography.Text type="secondary" className="today-item-meta">
              {d.label} · {d.day}
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}
