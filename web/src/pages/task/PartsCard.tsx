import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, call } from '../../api';
import { AttachmentUpload, type AttachmentFile, uploadedIds } from '../../components/AttachmentUpload';
import { FormModal } from '../../components/FormModal';
import { useShowError } from '../../components/feedback';
import { ColourTag } from '../../components/TaskTags';
import { TaskFiles } from '../../components/TaskFiles';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { PART_ACTION_LABELS, PART_STATUS_LABELS, type PartAction } from '../../labels';
import { TASKS_KEY, taskHistoryKey, taskKey, type TaskDetail } from '../../tasks';
import { formatTime } from '../../time';

type Part = TaskDetail['parts'][number];

const STATUS_COLOURS: Record<Part['status'], string> = {
  assigned: 'default',
  signed: 'processing',
  reported: 'gold',
  returned: 'error',
  done: 'success',
  explained: 'purple',
};

// Each move is its own operation (POST /tasks/{id}/parts/{unitId}/sign …) and answers the task.
const postMove = (taskId: number, unitId: number, action: PartAction, body: { version: number; reason?: string; text?: string; attachmentIds?: number[] }) =>
  call(api.POST(`/api/v1/tasks/{id}/parts/{unitId}/${action}`, { params: { path: { id: taskId, unitId } }, body }));

// ---- 配合单位: every cooperating unit's part, its state and the moves open to the viewer.

export function PartsCard({ task: t }: { task: TaskDetail }) {
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [modal, setModal] = useState<{ part: Part; action: PartAction } | null>(null);
  const [setting, setSetting] = useState<Part | 'new' | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (t.parts.length === 0 && !t.canSetParts) return null;

  async function changed(detail: TaskDetail, text: string) {
    queryClient.setQueryData(taskKey(t.id), detail);
    void message.success(text);
    await Promise.all([queryClient.invalidateQueries({ queryKey: taskHistoryKey(t.id) }), queryClient.invalidateQueries({ queryKey: TASKS_KEY })]);
  }

  async function quick(part: Part, action: PartAction) {
    setBusy(`${part.unitId}-${action}`);
    try {
      await changed(await postMove(t.id, part.unitId, action, { version: part.version }), `已${PART_ACTION_LABELS[action]}`);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card
      title={`配合单位（${t.parts.length}）`}
      variant="borderless"
      style={{ marginBottom: 16 }}
      extra={
        t.canSetParts && (
          <Button size="small" onClick={() => setSetting('new')}>
            安排分工
          </Button>
        )
      }
    >
      {t.latePartUnits.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`亮灯原因：配合单位 ${t.latePartUnits.join('、')} 的分工已过时限仍未报告`}
          data-testid="late-parts"
        />
      )}
      {t.parts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有配合单位" />
      ) : (
        <div className="report-list">
          {t.parts.map((p) => (
            <div key={p.unitId} className="report-item part-item" data-unit={p.unitName}>
              <div className="report-head">
                <Space size={[8, 6]} wrap>
                  <Typography.Text strong>{p.unitName}</Typography.Text>
                  <Tag color={STATUS_COLOURS[p.status]} style={{ marginInlineEnd: 0 }}>
                    {PART_STATUS_LABELS[p.status]}
                  </Tag>
                  <ColourTag colour={p.colour} />
                  {p.late && <Tag color="red">已逾期</Tag>}
                </Space>
              </div>
              <div className="multiline">分工：{p.part || '—'}</div>
              <Typography.Text type="secondary" className="part-terms">
                时限 {p.dueDate ?? `同事项（${t.deadline}）`}
                {p.standard ? ` · 标准：${p.standard}` : ''}
              </Typography.Text>
              {p.note && <div className="part-note">牵头单位意见：{p.note}</div>}
              {p.reports.map((r) => (
                <div key={r.id} className="part-report">
                  <Space size={[8, 4]} wrap>
                    <Typography.Text>{formatTime(r.reportedAt).slice(0, 16)} 报告</Typography.Text>
                    {r.late && <Tag color="orange">逾期报告</Tag>}
                    {r.decision && <Tag color={r.decision === 'confirmed' ? 'success' : 'error'}>{r.decision === 'confirmed' ? '已确认' : '已退回'}</Tag>}
                  </Space>
                  <div className="multiline">{r.text}</div>
                  {r.decisionNote && <Typography.Text type="secondary">退回理由：{r.decisionNote}</Typography.Text>}
                  {r.attachments.length > 0 && <TaskFiles taskId={t.id} files={r.attachments} />}
                </div>
              ))}
              {(p.actions.length > 0 || t.canSetParts) && (
                <Space size={8} wrap className="part-actions">
                  {p.actions.map((action) =>
                    action === 'sign' || action === 'confirm' ? (
                      <Button key={action} type="primary" size="small" loading={busy === `${p.unitId}-${action}`} onClick={() => void quick(p, action)}>
                        {PART_ACTION_LABELS[action]}
                      </Button>
                    ) : (
                      <Button
                        key={action}
                        size="small"
                        danger={action === 'return'}
                        type={action === 'report' ? 'primary' : 'default'}
                        onClick={() => setModal({ part: p, action })}
                      >
                        {PART_ACTION_LABELS[action]}
                      </Button>
                    ),
                  )}
                  {t.canSetParts && !['done', 'explained'].includes(p.status) && (
                    <Button size="small" type="link" onClick={() => setSetting(p)}>
                      修改分工
                    </Button>
                  )}
                </Space>
              )}
            </div>
          ))}
        </div>
      )}
      {modal && <MoveModal task={t} {...modal} onClose={() => setModal(null)} onDone={(d) => changed(d, `已${PART_ACTION_LABELS[modal.action]}`)} />}
      {setting && <SetPartModal task={t} part={setting === 'new' ? null : setting} onClose={() => setSetting(null)} onDone={(d) => changed(d, '分工已安排')} />}
    </Card>
  );
}

// 报告 (text and evidence), 退回 and 说明 (a reason).
function MoveModal({
  task,
  part,
  action,
  onClose,
  onDone,
}: {
  task: TaskDetail;
  part: Part;
  action: PartAction;
  onClose: () => void;
  onDone: (d: TaskDetail) => Promise<void>;
}) {
  const [files, setFiles] = useState<AttachmentFile[]>([]);
  const report = action === 'report';
  return (
    <FormModal<{ text: string }>
      title={`${PART_ACTION_LABELS[action]}：${part.unitName}`}
      okText={`确认${PART_ACTION_LABELS[action]}`}
      onClose={onClose}
      onSubmit={async ({ text }) =>
        onDone(
          await postMove(
            task.id,
            part.unitId,
            action,
            report ? { version: part.version, text: text.trim(), attachmentIds: uploadedIds(files) } : { version: part.version, reason: text.trim() },
          ),
        )
      }
    >
      <Form.Item
        name="text"
        label={report ? '办理情况' : action === 'return' ? '退回理由' : '情况说明'}
        rules={[{ required: true, whitespace: true, message: report ? '请填写分工办理情况' : '请填写理由' }]}
      >
        <Input.TextArea rows={4} maxLength={report ? 5000 : 1000} showCount placeholder={report ? '写明分工完成了什么、达到的标准' : ''} />
      </Form.Item>
      {report && (
        <Form.Item label="佐证材料">
          <AttachmentUpload taskId={task.id} files={files} onChange={setFiles} />
        </Form.Item>
      )}
    </FormModal>
  );
}

// 安排分工: the lead unit or the office sets (or changes) a cooperating unit's part.
function SetPartModal({ task, part, onClose, onDone }: { task: TaskDetail; part: Part | null; onClose: () => void; onDone: (d: TaskDetail) => Promise<void> }) {
  return (
    <FormModal<{ unitId: number; part: string; dueDate?: dayjs.Dayjs | null; standard?: string }>
      title={part ? `修改分工：${part.unitName}` : '安排配合分工'}
      initialValues={part ? { part: part.part, dueDate: part.dueDate ? dayjs(part.dueDate) : null, standard: part.standard } : {}}
      onClose={onClose}
      onSubmit={async (v) =>
        onDone(
          await call(
            api.PUT('/api/v1/tasks/{id}/parts/{unitId}', {
              params: { path: { id: task.id, unitId: part?.unitId ?? v.unitId } },
              body: { part: v.part.trim(), dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null, standard: (v.standard ?? '').trim() },
            }),
          ),
        )
      }
    >
      {part && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="修改后该单位须重新签收分工。" />}
      {!part && (
        <Form.Item name="unitId" label="配合单位" rules={[{ required: true, message: '请选择配合单位' }]}>
          <UnitTreeSelect />
        </Form.Item>
      )}
      <Form.Item name="part" label="分工内容" rules={[{ required: true, whitespace: true, message: '请写明分工内容' }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="dueDate" label="分工时限" extra={`不填则按事项完成时限（${task.deadline}）`}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > task.deadline} />
      </Form.Item>
      <Form.Item name="standard" label="完成标准">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
