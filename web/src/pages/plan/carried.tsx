import { StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api';
import { FormModal } from '../../components/FormModal';
import type { CarriedTask, CarriedWithoutProposal, Proposal } from '../../plans';

// ---- Carried tasks (挂单) in the next plan: the task's state beside its proposal or item, withdrawing a proposal,
// and the carried tasks no approved proposal takes up.

// The task as the ledger has it now; red when it has closed, so the unit withdraws the proposal or the meeting drops it.
export function CarriedTaskTag({ task }: { task: CarriedTask }) {
  return (
    <Link to={`/tasks/${task.id}`}>
      {task.finishedNote ? (
        <Tag color="red">台账：{task.finishedNote}</Tag>
      ) : (
        <Tag>
          台账：{task.statusLabel} {task.percent}%
        </Tag>
      )}
    </Link>
  );
}

export function WithdrawButton({ proposal, onDone }: { proposal: Proposal; onDone: () => Promise<unknown> }) {
  const [open, setOpen] = useState(false);
  const { message } = App.useApp();
  return (
    <>
      <Button size="small" danger icon={<StopOutlined />} onClick={() => setOpen(true)}>
        撤回
      </Button>
      {open && (
        <FormModal<{ reason: string }>
          title={`撤回申报：${proposal.title}`}
          okText="撤回"
          danger
          onClose={() => setOpen(false)}
          onSubmit={async ({ reason }) => {
            await call(
              api.POST('/api/v1/proposals/{id}/withdraw', {
                params: { path: { id: proposal.id } },
                body: { version: proposal.version, reason: reason.trim() },
              }),
            );
            void message.success('已撤回申报');
            await onDone();
          }}
        >
          {proposal.carriedTaskId && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title="撤回后该挂单事项不列入本期计划，督查室汇总时会看到撤回理由。" />
          )}
          <Form.Item name="reason" label="撤回理由" rules={[{ required: true, whitespace: true, message: '请填写撤回理由' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：该事项已于4月28日销号，不再列入下月计划" />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}

export function WithdrawnNote({ proposal }: { proposal: Proposal }) {
  if (proposal.status !== 'withdrawn' || !proposal.withdrawReason) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      撤回理由：{proposal.withdrawReason}
    </Typography.Text>
  );
}

// Carried tasks that stay out of the draft until their unit's proposal is approved: the office chases them, or lets them be.
export function CarriedWithoutProposalAlert({ items }: { items: CarriedWithoutProposal[] }) {
  if (items.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={`${items.length} 项挂单事项没有审核通过的申报，未列入汇总稿`}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {items.map((m) => (
            <li key={m.taskId}>
              <Link to={`/tasks/${m.taskId}`}>{m.title}</Link>（{m.leadUnitName}）：{m.proposalStatusLabel}
              {m.withdrawReason && `，撤回理由：${m.withdrawReason}`}
            </li>
          ))}
        </ul>
      }
    />
  );
}
