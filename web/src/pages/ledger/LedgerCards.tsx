import { Button, Empty, Progress, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ClosedLateTag, ColourLight, DeadlineCountdown, MissingReportTag, StatusTag } from '../../components/TaskTags';
import { COLOUR_HEX } from '../../labels';
import type { LedgerItem } from '../../tasks';

interface Props {
  items: LedgerItem[] | undefined;
  loading: boolean;
  today: string;
  empty: string;
  total: number;
  // The next page after the last card, while there is one.
  more: { loading: boolean; load: () => void } | null;
}

// The ledger on a phone: one card per task, what a liaison needs to decide what to do next.
export function LedgerCards({ items, loading, today, empty, total, more }: Props) {
  if (!items?.length) return loading ? <Spin className="page-spin" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <Spin spinning={loading}>
      <div className="ledger-cards">
        {items.map((t) => (
          <Link key={t.id} to={`/tasks/${t.id}`} className="ledger-card" data-testid="ledger-card">
            <span className="ledger-card-title">{t.title}</span>
            <Space size={4} wrap>
              <ColourLight colour={t.colour} />
              <StatusTag status={t.status} />
              {t.level === 'major' && <Tag color="red">重大</Tag>}
              {t.closedLate && <ClosedLateTag />}
              {t.reportMissing && <MissingReportTag />}
            </Space>
            <div className="ledger-card-meta">
              <span>{t.leadUnitName}</span>
              <span>
                时限 {t.deadline} <DeadlineCountdown deadline={t.deadline} status={t.status} today={today} closedOn={t.closedOn} />
              </span>
            </div>
            <Progress
              percent={t.percent}
              size="small"
              strokeColor={t.colour === 'red' ? COLOUR_HEX.red : undefined}
              status={t.status === 'closed' ? 'success' : 'normal'}
            />
          </Link>
        ))}
      </div>
      <div className="ledger-cards-more">
        <Typography.Text type="secondary" data-testid="ledger-cards-count">
          已显示 {items.length} 项，共 {total} 项
        </Typography.Text>
        {more && (
          <Button block loading={more.loading} onClick={more.load}>
            加载更多
          </Button>
        )}
      </div>
    </Spin>
  );
}
