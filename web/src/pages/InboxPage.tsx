import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Pagination, Skeleton, Space, Switch, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { api, call } from '../api';
import { useShowError } from '../components/feedback';
import { MessageRow } from '../components/InboxBell';
import { PageHeader } from '../components/PageHeader';
import { INBOX_KEY, markAllRead, useOpenMessage } from '../inbox';

const PAGE_SIZE = 20;

export default function InboxPage() {
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === 'true';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const openMessage = useOpenMessage();

  const query = { unread: unreadOnly ? ('true' as const) : undefined, page, pageSize: PAGE_SIZE };
  const inbox = useQuery({
    queryKey: [...INBOX_KEY, 'page', query],
    queryFn: () => call(api.GET('/api/v1/inbox', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const data = inbox.data;

  function update(patch: { unread?: boolean; page?: number }) {
    const next = new URLSearchParams();
    if (patch.unread ?? unreadOnly) next.set('unread', 'true');
    if (patch.page && patch.page > 1) next.set('page', String(patch.page));
    setParams(next);
  }

  async function readAll() {
    try {
      const n = await markAllRead();
      void message.success(n ? `已将 ${n} 条消息标为已读` : '没有未读消息');
      await queryClient.invalidateQueries({ queryKey: INBOX_KEY });
    } catch (err) {
      showError(err);
    }
  }

  return (
    <>
      <PageHeader
        title="消息中心"
        subTitle="督办单、约谈、月度计划等业务提醒；点击消息即标为已读并打开相关页面"
        extra={
          <Button icon={<CheckOutlined />} disabled={!data?.unread} onClick={() => void readAll()}>
            全部已读
          </Button>
        }
      />
      <Card variant="borderless">
        <div className="inbox-toolbar">
          <Space size="large">
            <span className="switch-label">
              <Switch size="small" checked={unreadOnly} onChange={(on) => update({ unread: on, page: 1 })} aria-label="只看未读" />
              只看未读
            </span>
            <Typography.Text type="secondary">
              共 {data?.total ?? 0} 条{unreadOnly ? '未读' : ''}消息，未读 {data?.unread ?? 0} 条
            </Typography.Text>
          </Space>
        </div>
        {inbox.isPending ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : !data?.items.length ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={inbox.isError ? inbox.error.message : unreadOnly ? '没有未读消息' : '暂无消息'} />
        ) : (
          <div className="inbox-list">
            {data.items.map((m) => (
              <MessageRow key={m.id} message={m} full onOpen={() => void openMessage(m)} />
            ))}
          </div>
        )}
        {(data?.total ?? 0) > PAGE_SIZE && (
          <Pagination
            style={{ marginTop: 16, textAlign: 'right' }}
            align="end"
            current={page}
            pageSize={PAGE_SIZE}
            total={data?.total ?? 0}
            showSizeChanger={false}
            showTotal={(t) => `共 ${t} 条`}
            onChange={(p) => update({ page: p })}
          />
        )}
      </Card>
    </>
  );
}
