// The chasing parts of a task's page: its 13710 time limits, signing a chasing sheet, urging by hand.
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Input, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../api';
import { taskChasingKey, useSignSheet, useUrge, type TaskDueDate } from '../chasing';
import { OPEN_STATUSES } from '../labels';
import { hasRole, useCurrentUser } from '../session';
import { daysBetween, type TaskDetail, type TaskSheet } from '../tasks';
import { subtreeIds, useUnits } from '../units';
import { FormModal } from './FormModal';

const PROVISIONAL_NOTE = '该年尚未录入法定节假日安排，此日期暂按周一至周五计算，录入后可能调整';

// 时限（13710）: every due date of the task, whether it was met, and how late the open ones are.
export function DueDatesCard({ task }: { task: TaskDetail }) {
  const chasing = useQuery({
    queryKey: taskChasingKey(task.id),
    queryFn: () => call(api.GET('/api/v1/tasks/{id}/chasing', { params: { path: { id: task.id } } })),
  });
  const data = chasing.data;
  return (
    <Card title="时限（13710）" variant="borderless" style={{ marginBottom: 16 }} loading={chasing.isPending} className="due-card">
      {!data || data.dueDates.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={chasing.isError ? chasing.error.message : '交办后按时限规则计算'} />
      ) : (
        <div className="due-list">
          {data.dueDates.map((d) => (
            <DueRow key={`${d.kind}-${d.day}`} due={d} today={data.today} />
          ))}
        </div>
      )}
    </Card>
  );
}

function DueRow({ due: d, today }: { due: TaskDueDate; today: string }) {
  const left = daysBetween(today, d.day);
  return (
    <div className={`due-item${d.overdue ? ' overdue' : d.met ? ' met' : ''}`} data-due={d.kind}>
      <div className="due-main">
        <div className="due-label">
          <Typography.Text strong>{d.label}</Typography.Text>
          {d.rule && (
            <Typography.Text type="secondary" className="due-rule">
              {d.rule}
            </Typography.Text>
          )}
        </div>
        <div className="due-day">
          {d.day}
          {d.provisional && (
            <Tooltip title={PROVISIONAL_NOTE}>
              <Tag color="orange" variant="outlined" className="due-provisional">
                临时
              </Tag>
            </Tooltip>
          )}
        </div>
      </div>
      <div className="due-state">
        {d.met ? (
          <Tag color="success">已完成</Tag>
        ) : d.overdue ? (
          <Tag color="error">超期 {-left} 天</Tag>
        ) : left === 0 ? (
          <Tag color="warning">今天到期</Tag>
        ) : (
          <Tooltip title={`还有 ${left} 天`}>
            <Tag color="processing">按时</Tag>
          </Tooltip>
        )}
      </div>
    </div>
  );
}

// The lead unit (its head or liaison, in its own subtree) signs chasing sheets; the server checks the same.
export function useSignsFor(task: TaskDetail): boolean {
  const me = useCurrentUser();
  const units = useUnits();
  if (!hasRole(me, 'unit_head', 'unit_liaison') || !me.unit || !units.data) return false;
  return subtreeIds(units.data, me.unit.id).has(task.leadUnitId);
}

export function SignSheetButton({ task, sheet }: { task: TaskDetail; sheet: TaskSheet }) {
  const sign = useSignSheet();
  const [busy, setBusy] = useState(false);
  return (
    <Popconfirm
      title={`签收${sheet.number}？`}
      description="签收表示已收到督办要求，请抓紧办理并及时反馈进度。"
      okText="签收"
      cancelText="取消"
      onConfirm={async () => {
        setBusy(true);
        await sign({ ...sheet, taskId: task.id });
        setBusy(false);
      }}
    >
      <Button size="small" type="primary" icon={<CheckOutlined />} loading={busy}>
        签收
      </Button>
    </Popconfirm>
  );
}

// 催办 by hand, for the office, while the task is being chased.
export function UrgeTaskButton({ task }: { task: TaskDetail }) {
  const me = useCurrentUser();
  const urge = useUrge();
  const [open, setOpen] = useState(false);
  if (!hasRole(me, 'office') || !OPEN_STATUSES.includes(task.status)) return null;
  return (
    <>
      <Button size="small" icon={<BellOutlined />} onClick={() => setOpen(true)}>
        催办
      </Button>
      {open && (
        <FormModal<{ note?: string }>
          title={`催办：${task.title}`}
          okText="签发催办单"
          width={520}
          onClose={() => setOpen(false)}
          onSubmit={({ note }) => urge(task.id, note ?? '')}
        >
          <Typography.Paragraph type="secondary">
            向{task.leadUnitName}签发人工催办单，承办单位负责人和联络员将收到提醒。每个事项每天可人工催办一次。
          </Typography.Paragraph>
          <Form.Item name="note" label="催办说明" extra="选填，写在催办单上">
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：请于本周五前报送整改进展" />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
