import { CloudUploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, List, Popover, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { flushOutbox, removeFromOutbox, startOutbox, useOutbox } from '../outbox';
import { TASKS_KEY } from '../tasks';
import { formatTime } from '../time';

// 待发送: the reports kept on this phone while it had no signal, sent by themselves when it returns.
export function OutboxBadge() {
  const entries = useOutbox();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  useEffect(
    () =>
      startOutbox((n) => {
        void message.success(`已发送离线保存的 ${n} 条进度反馈`);
        void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
      }),
    [message, queryClient],
  );
  if (entries.length === 0) return null;
  const content = (
    <List
      size="small"
      style={{ width: 300 }}
      dataSource={entries}
      renderItem={(e) => (
        <List.Item
          actions={
            e.refused
              ? [
                  <Button key="remove" size="small" danger type="link" onClick={() => void removeFromOutbox(e.clientKey)}>
                    删除
                  </Button>,
                ]
              : []
          }
        >
          <List.Item.Meta
            title={<Link to={`/tasks/${e.taskId}`}>{e.taskTitle}</Link>}
            description={
              e.refused ? (
                <Typography.Text type="danger">未能发送：{e.refused}</Typography.Text>
              ) : (
                `${formatTime(e.savedAt).slice(0, 16)} 保存${e.photos.length ? `，含 ${e.photos.length} 个待传附件` : ''}`
              )
            }
          />
        </List.Item>
      )}
    />
  );
  return (
    <Popover
      title={
        <span>
          本机待发送的进度反馈{' '}
          <Button size="small" type="link" onClick={() => void flushOutbox()}>
            立即发送
          </Button>
        </span>
      }
      content={content}
      trigger="click"
      placement="bottomRight"
    >
      <Badge count={entries.length} size="small" data-testid="outbox">
        <Button type="text" icon={<CloudUploadOutlined />} aria-label="待发送" />
      </Badge>
    </Popover>
  );
}
