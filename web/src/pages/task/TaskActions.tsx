import { ApartmentOutlined, ClockCircleOutlined, EditOutlined, ExclamationCircleOutlined, FileDoneOutlined, FormOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Popconfirm, Select, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../api';
import { useShowError } from '../../components/feedback';
import { FormModal } from '../../components/FormModal';
import { ClosingRequestModal } from '../../components/ClosingRequestModal';
import { ReportModal } from '../../components/ReportModal';
import { ACTION_LABELS, type TaskAction } from '../../labels';
import { leaderOptions, taskKey, TASKS_KEY, useLeaders, taskClosingKey, taskHistoryKey, type TaskDetail } from '../../tasks';

// ---- Actions: only what the server offers in `actions`, plus 编辑 / 分解 / 反馈进度 by its flags.

// Each action is its own operation (POST /tasks/{id}/assign, …/sign …): all take an optional reason and answer the task.
const postAction = (id: number, action: TaskAction, body: { reason?: string; approverLeaderId?: number }) =>
  call(api.POST(`/api/v1/tasks/{id}/${action}`, { params: { path: { id } }, body }));

const CONFIRM_TEXT: Partial<Record<TaskAction, string>> = {
  assign: '交办后生成工作交办单，牵头单位签收后按要求反馈进度。',
  sign: '签收后即进入推进阶段，请按报送频次反馈进度。',
  start: '开始推进后请按时反馈进度。',
  request_closing: '请确认已在进度反馈中上传完成佐证材料，提交后由督查室审核销号。',
  close: '销号后事项亮绿灯，不能再修改。',
  resume: '恢复到暂缓前的状态，继续亮灯和催办。',
};

const REASON_ACTIONS: TaskAction[] = ['decline', 'return', 'suspend', 'cancel'];
const PRIMARY_ACTIONS: TaskAction[] = ['assign', 'sign', 'start', 'request_closing', 'close'];

export function TaskActions({ task: t }: { task: TaskDetail }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [reasonFor, setReasonFor] = useState<TaskAction | null>(null);
  const [reporting, setReporting] = useState(false);
  const [closing, setClosing] = useState(false);
  const [busy, setBusy] = useState<TaskAction | null>(null);

  async function changed(detail: TaskDetail, text: string) {
    queryClient.setQueryData(taskKey(t.id), detail);
    void message.success(text);
    await Promise.all([queryClient.invalidateQueries({ queryKey: taskHistoryKey(t.id) }), queryClient.invalidateQueries({ queryKey: TASKS_KEY })]);
  }

  async function run(action: TaskAction, body: { reason?: string; approverLeaderId?: number } = {}) {
    const detail = await postAction(t.id, action, body);
    await changed(detail, `已${ACTION_LABELS[action]}`);
  }

  async function runConfirmed(action: TaskAction) {
    setBusy(action);
    try {
      await run(action);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  }

  const buttons: ReactNode[] = [];
  for (const action of t.actions) {
    const label = ACTION_LABELS[action];
    // One main button: 反馈进度 when the unit may report, else the step that moves the task on.
    const primary = PRIMARY_ACTIONS.includes(action) && !t.canReport;
    const danger = action === 'cancel' || action === 'decline' || action === 'return';
    if (REASON_ACTIONS.includes(action)) {
      buttons.push(
        <Button key={action} danger={danger} onClick={() => setReasonFor(action)}>
          {label}
        </Button>,
      );
    } else {
      buttons.push(
        <Popconfirm
          key={action}
          title={`确定${label}该事项吗？`}
          description={<div style={{ maxWidth: 280 }}>{CONFIRM_TEXT[action]}</div>}
          okText={label}
          cancelText="取消"
          onConfirm={() => runConfirmed(action)}
        >
          <Button type={primary ? 'primary' : 'default'} loading={busy === action}>
            {label}
          </Button>
        </Popconfirm>,
      );
    }
  }
  if (t.canReport) {
    buttons.unshift(
      <Button key="report" type="primary" icon={<FormOutlined />} onClick={() => setReporting(true)}>
        反馈进度
      </Button>,
    );
  }
  if (t.canRequestClosing) {
    buttons.push(
      <Button key="closing" icon={<FileDoneOutlined />} onClick={() => setClosing(true)}>
        申请销号
      </Button>,
    );
  }
  if (t.canDecompose) {
    buttons.push(
      <Button key="decompose" icon={<ApartmentOutlined />} onClick={() => navigate(`/tasks/${t.id}/decompose`)}>
        分解
      </Button>,
    );
  }
  if (t.canEdit) {
    buttons.push(
      <Button key="edit" icon={<EditOutlined />} onClick={() => navigate(`/tasks/${t.id}/edit`)}>
        编辑
      </Button>,
    );
  }

  return (
    <>
      {buttons.length > 0 && (
        <Space wrap className="task-actions">
          {buttons}
        </Space>
      )}
      {reasonFor && <ReasonModal task={t} action={reasonFor} onClose={() => setReasonFor(null)} onDone={(d) => changed(d, `已${ACTION_LABELS[reasonFor]}`)} />}
      {reporting && <ReportModal task={t} onClose={() => setReporting(false)} onDone={(d) => changed(d, '进度反馈已提交')} />}
      {closing && (
        <ClosingRequestModal
          task={t}
          onClose={() => setClosing(false)}
          onDone={async () => {
            await queryClient.invalidateQueries({ queryKey: taskClosingKey(t.id) });
            await changed(await call(api.GET('/api/v1/tasks/{id}', { params: { path: { id: t.id } } })), '销号申请已提交，等待联审');
          }}
        />
      )}
    </>
  );
}

const REASON_TEXT: Record<string, { label: string; placeholder: string; note?: string }> = {
  decline: { label: '退回原因', placeholder: '如：该事项不属于本单位职责，建议交由县住建局牵头', note: '退回后由督查室调整后重新交办。' },
  return: { label: '退回原因及整改要求', placeholder: '如：佐证材料不全，请补充验收报告后重新申请销号', note: '退回后事项回到牵头单位整改，继续亮灯计时。' },
  suspend: { label: '暂缓原因', placeholder: '如：受上级政策调整影响，待新政策出台后继续推进', note: '暂缓期间不亮灯、不催办，须注明批准的领导。' },
  cancel: { label: '撤销原因', placeholder: '如：经县委常委会研究，该事项不再实施', note: '撤销后事项不再跟踪，且不能恢复，请谨慎操作。' },
};

function ReasonModal({
  task,
  action,
  onClose,
  onDone,
}: {
  task: TaskDetail;
  action: TaskAction;
  onClose: () => void;
  onDone: (d: TaskDetail) => Promise<void>;
}) {
  const leaders = useLeaders();
  const text = REASON_TEXT[action]!;
  const label = ACTION_LABELS[action];
  return (
    <FormModal<{ reason: string; approverLeaderId?: number }>
      title={`${label}：${task.title}`}
      okText={action === 'cancel' ? '确认撤销' : `确认${label}`}
      danger={action === 'cancel'}
      onClose={onClose}
      onSubmit={async ({ reason, approverLeaderId }) =>
        onDone(await postAction(task.id, action, { reason: reason.trim(), ...(approverLeaderId ? { approverLeaderId } : {}) }))
      }
    >
      {text.note && (
        <Alert
          type={action === 'cancel' ? 'warning' : 'info'}
          showIcon
          icon={action === 'cancel' ? <ExclamationCircleOutlined /> : <ClockCircleOutlined />}
          title={text.note}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item name="reason" label={text.label} rules={[{ required: true, whitespace: true, message: `请填写${text.label}` }]}>
        <Input.TextArea rows={4} maxLength={1000} showCount placeholder={text.placeholder} />
      </Form.Item>
      {action === 'suspend' && (
        <Form.Item name="approverLeaderId" label="批准领导" rules={[{ required: true, message: '请选择批准暂缓的领导' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={leaders.isPending}
            options={leaderOptions(leaders.data ?? [])}
            placeholder="请选择县领导"
          />
        </Form.Item>
      )}
    </FormModal>
  );
}
