import { SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Radio, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api';
import { FormModal } from '../../components/FormModal';
import { PlanFields, toContent, toFields, type PlanFieldValues } from '../../components/PlanFields';
import { DECISION_COLORS, PLANS_KEY, planKey, type DraftItem, type PlanDetail } from '../../plans';
import { DECISION_LABELS, ITEM_DECISIONS, type ItemDecision } from '../../labels';
import { TASKS_KEY } from '../../tasks';
import { DraftGroups, DraftItemRow, useDraft } from './DraftTab';

// ---- 会议研究: a decision for every item, then issue with a document number.

export function MeetingTab({ plan }: { plan: PlanDetail }) {
  const id = plan.period.id;
  const draft = useDraft(id);
  const [deciding, setDeciding] = useState<DraftItem | null>(null);
  const [issuing, setIssuing] = useState(false);
  const meeting = plan.period.status === 'meeting';
  const all = (draft.data?.groups ?? []).flatMap((g) => g.categories.flatMap((c) => c.items));
  const undecided = all.filter((i) => i.decision === null).length;

  return (
    <>
      {meeting && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Tooltip title={undecided ? `还有 ${undecided} 项未经会议决定` : undefined}>
            <Button type="primary" icon={<SendOutlined />} disabled={undecided > 0 || all.length === 0} onClick={() => setIssuing(true)}>
              印发
            </Button>
          </Tooltip>
          {undecided > 0 ? (
            <Typography.Text type="warning">还有 {undecided} 项待决定，全部决定后方可印发</Typography.Text>
          ) : (
            <Typography.Text type="success">全部事项已决定，可以印发</Typography.Text>
          )}
        </Space>
      )}
      {draft.isPending ? (
        <Spin className="page-spin" />
      ) : (
        <DraftGroups
          draft={draft.data!}
          render={(item) => (
            <DraftItemRow
              item={item}
              extra={
                <Space size={6}>
                  {item.decision ? <Tag color={DECISION_COLORS[item.decision]}>{DECISION_LABELS[item.decision]}</Tag> : <Tag>待决定</Tag>}
                  {item.decisionNote && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {item.decisionNote}
                    </Typography.Text>
                  )}
                  {item.taskId && <Link to={`/tasks/${item.taskId}`}>查看事项</Link>}
                  {meeting && (
                    <Button size="small" onClick={() => setDeciding(item)}>
                      {item.decision ? '改决定' : '决定'}
                    </Button>
                  )}
                </Space>
              }
            />
          )}
        />
      )}
      {deciding && <DecisionModal planId={id} item={deciding} onClose={() => setDeciding(null)} />}
      {issuing && <IssueModal plan={plan} count={all.filter((i) => i.decision !== 'dropped').length} onClose={() => setIssuing(false)} />}
    </>
  );
}

function DecisionModal({ planId, item, onClose }: { planId: number; item: DraftItem; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return (
    <FormModal<PlanFieldValues & { decision: ItemDecision; note?: string }>
      title={`会议决定：${item.title}`}
      okText="记录决定"
      width={760}
      initialValues={{ ...toFields(item), decision: item.decision ?? 'approved', note: item.decisionNote }}
      onClose={onClose}
      onSubmit={async ({ decision, note, ...values }) => {
        await call(
          api.POST('/api/v1/plan-items/{id}/decision', {
            params: { path: { id: item.id } },
            body: {
              decision,
              note: note?.trim() ?? '',
              ...(decision === 'amended' ? { changes: toContent(values) } : {}),
            },
          }),
        );
        void message.success(`已记录：${DECISION_LABELS[decision]}`);
        await queryClient.invalidateQueries({ queryKey: planKey(planId) });
      }}
    >
      {(form) => (
        <>
          <Form.Item name="decision" label="会议决定" rules={[{ required: true }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={ITEM_DECISIONS.map((d) => ({ value: d, label: DECISION_LABELS[d] }))} />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={2} maxLength={1000} placeholder="如：会议要求提前至4月20日完成" />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.decision !== b.decision}>
            {() => (form.getFieldValue('decision') === 'amended' ? <PlanFields leadUnit /> : null)}
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

function IssueModal({ plan, count, onClose }: { plan: PlanDetail; count: number; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return (
    <FormModal<{ documentNumber: string }>
      title={`印发：${plan.period.title}`}
      okText="印发"
      onClose={onClose}
      onSubmit={async ({ documentNumber }) => {
        const { leftOut } = await call(
          api.POST('/api/v1/plans/{id}/issue', { params: { path: { id: plan.period.id } }, body: { documentNumber: documentNumber.trim() } }),
        );
        const note = leftOut.length ? `；${leftOut.map((i) => `“${i.title}”${i.note}`).join('；')}` : '';
        void message.success(`已印发，通过的事项已生成并交办${note}`);
        await Promise.all([queryClient.invalidateQueries({ queryKey: PLANS_KEY }), queryClient.invalidateQueries({ queryKey: TASKS_KEY })]);
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`印发后 ${count} 项通过的事项将生成工作台账事项并交办（编号交办单），通知各责任单位。`} />
      <Form.Item name="documentNumber" label="文号" rules={[{ required: true, whitespace: true, message: '请填写文号' }]}>
        <Input maxLength={50} placeholder="如：县委办〔2026〕12号" />
      </Form.Item>
    </FormModal>
  );
}
