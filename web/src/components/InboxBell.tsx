import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Popover, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../api';
import { INBOX_KEY, markAllRead, messageCategory, UNREAD_KEY, useOpenMessage, type InboxMessage } from '../inbox';
import { formatTime } from '../time';
import { useShowError } from './feedback';

const LATEST = 6;
const POLL_MS = 60_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

// The bell in the header: unread count and the latest messages.
// The count is checked every minute only while the user is at work: polling an idle page would keep the session
// alive forever and defeat the idle timeout (空闲超时自动退出). Back from a pause, it is checked at once.
export function InboxBell() {
  const [open, setOpen] = useState(false);
  const lastActivity = useRef(Date.now());
  const unread = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: () => call(api.GET('/api/v1/inbox/unread-count')).then((r) => r.unread),
    refetchInterval: () => (Date.now() - lastActivity.current < POLL_MS ? POLL_MS : false),
  });
  const { refetch } = unread;
  useEffect(() => {
    const onActivity = () => {
      const idle = Date.now() - lastActivity.current >= POLL_MS;
      lastActivity.current = Date.now();
      if (idle) void refetch();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true, capture: true });
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity, { capture: true });
    };
  }, [refetch]);
  const count = unread.data ?? 0;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      // Mounted only while open, so the latest messages are fetched fresh each time.
      destroyOnHidden
      content={<LatestMessages unread={count} onDone={() => setOpen(false)} />}
    >
      <Button type="text" className="inbox-bell" aria-label={count ? `消息，${count} 条未读` : '消息'} data-testid="inbox-bell">
        <Badge count={count} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}

function LatestMessages({ unread, onDone }: { unread: number; onDone: () => void }) {
  const queryClient = useQueryClient();
  const showError = useShowError();
  const openMessage = useOpenMessage();
  const latest = useQuery({ queryKey: [...INBOX_KEY, 'latest'], queryFn: () => call(api.GET('/api/v1/inbox', { params: { query: { pageSize: LATEST } } })) });
  const items = latest.data?.items ?? [];

  async function readAll() {
    try {
      await markAllRead();
      await queryClient.invalidateQueries({ queryKey: INBOX_KEY });
    } catch (err) {
      showError(err);
    }
  }

  return (
    <div className="inbox-popover">
      <div className="inbox-popover-head">
        <Typography.Text strong>消息{unread ? `（${unread} 条未读）` : ''}</Typography.Text>
        <Button type="link" size="small" disabled={!unread} onClick={() => void readAll()}>
          全部已读
        </Button>
      </div>
      {latest.isPending ? (
        <div className="inbox-popover-empty">
          <Spin />
        </div>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无消息" />
      ) : (
        <div className="inbox-popover-list">
          {items.map((m) => (
            <MessageRow
              key={m.id}
              message={m}
              onOpen={() => {
                onDone();
                void openMessage(m);
              }}
            />
          ))}
        </div>
      )}
      <div className="inbox-popover-foot">
        <Link to="/inbox" onClick={onDone}>
          查看全部消息
        </Link>
      </div>
    </div>
  );
}

export function MessageRow({ message: m, onOpen, full = false }: { message: InboxMessage; onOpen: () => void; full?: boolean }) {
  const category = messageCategory(m.kind);
  return (
    <button type="button" className={`inbox-item${m.readAt ? '' : ' unread'}${full ? ' full' : ''}`} onClick={onOpen}>
      <span className="inbox-dot" aria-hidden />
      <span className="inbox-item-body">
        <span className="inbox-item-head">
          <Tag color={category.color} style={{ marginInlineEnd: 0 }}>
            {category.label}
          </Tag>
          <span className="inbox-item-title">{m.title}</span>
        </span>
        <span className="inbox-item-text">{m.body}</span>
        <span className="inbox-item-time">
          {formatTime(m.createdAt).slice(0, 16)}
          {m.readAt ? '' : ' · 未读'}
        </span>
      </span>
    </button>
  );
}
