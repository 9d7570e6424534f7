import { FormOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../api';
import { monthText } from '../plans';
import { useCurrentUser } from '../session';
import type { TaskDetail } from '../tasks';
import { formatTime } from '../time';
import { FormModal } from './FormModal';

const carryKey = (taskId: number) => ['task', taskId, 'carry-overs'];

function useCarryOvers(taskId: number) {
  return useQuery({
    queryKey: carryKey(taskId),
    queryFn: () => call(api.GET('/api/v1/tasks/{id}/carry-overs', { params: { path: { id: taskId } } })),
  });
}

// 挂单 with the months the task was carried through, for the task's header.
export function CarryOverTag({ taskId }: { taskId: number }) {
  const data = useCarryOvers(taskId).data;
  if (!data?.items.length) return null;
  return (
    <Tooltip title={`原定 ${monthText(data.originalPeriod)}，挂单至 ${monthText(data.currentPeriod)}`}>
      <Tag color="purple" style={{ marginInlineEnd: 0 }}>
        挂单 {data.items.map((c) => monthText(c.toPeriod).slice(5)).join('、')}
      </Tag>
    </Tooltip>
  );
}

// 挂单记录: every month-end carry-over with its reason; the lead unit states a missing reason here.
export function CarryOverCard({ task }: { task: TaskDetail }) {
  const me = useCurrentUser();
  const data = useCarryOvers(task.id).data;
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  if (!data?.items.length) return null;
  const latest = data.items.at(-1)!;
  const leadUnit = task.canReport || task.canRequestClosing || me.unit?.id === task.leadUnitId;
  const finished = task.status === 'closed' || task.status === 'cancelled';
  return (
    <Card
      title="挂单记录"
      variant="borderless"
      style={{ marginBottom: 16 }}
      extra={
        leadUnit &&
        !finished &&
        !latest.reason && (
          <Button size="small" type="primary" icon={<FormOutlined />} onClick={() => setOpen(true)}>
            填写挂单原因
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        原定 {monthText(data.originalPeriod)}完成，月末未销号，已挂单至 {monthText(data.currentPeriod)}。
      </Typography.Paragraph>
      <Timeline
        items={data.items.map((c) => ({
          key: c.id,
          color: c.reason ? 'purple' : 'red',
          content: (
            <div>
              <Typography.Text strong>
                {monthText(c.fromPeriod)} → {monthText(c.toPeriod)}
              </Typography.Text>
              <div className="history-note">{c.reason ? `原因：${c.reason}` : <Typography.Text type="danger">尚未说明挂单原因</Typography.Text>}</div>
              {c.reasonAt && <div className="history-time">{formatTime(c.reasonAt)} 填写</div>}
            </div>
          ),
        }))}
      />
      {open && (
        <FormModal<{ reason: string }>
          title={`填写挂单原因：${task.title}`}
          okText="提交"
          onClose={() => setOpen(false)}
          onSubmit={async ({ reason }) => {
            await call(api.POST('/api/v1/tasks/{id}/carry-over-reason', { params: { path: { id: task.id } }, body: { reason: reason.trim() } }));
            void message.success('已填写挂单原因');
            await Promise.all([
              queryClient.invalidateQueries({ queryKey: carryKey(task.id) }),
              queryClient.invalidateQueries({ queryKey: ['task', task.id, 'history'] }),
            ]);
          }}
        >
          <Form.Item name="reason" label="挂单原因" rules={[{ required: true, whitespace: true, message: '请填写挂单原因' }]}>
            <Input.TextArea rows={4} maxLength={500} showCount placeholder="如：受连续降雨影响，外墙施工推迟，预计5月中旬完工" />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
