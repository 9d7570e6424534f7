import { CheckOutlined, EditOutlined, PlusOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Empty, Form, Input, Popconfirm, Radio, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api';
import { useShowError } from '../../components/feedback';
import { FormModal } from '../../components/FormModal';
import { emptyFields, PlanFields, toContent, toFields, type PlanFieldValues } from '../../components/PlanFields';
import { planKey, proposalKey, PROPOSAL_STATUS_COLORS, type FieldChange, type PlanDetail, type Proposal, type ProposalWithTask } from '../../plans';
import { cadenceText } from '../../tasks';
import { hasRole, useCurrentUser } from '../../session';
import { PROPOSAL_STATUS_LABELS, PROPOSAL_STATUSES } from '../../labels';
import { formatTime } from '../../time';
import { CarriedTaskTag, WithdrawButton, WithdrawnNote } from './carried';

// ---- 单位申报 / 分管审核: the proposals the user may see, with what the server lets them do with each.

export function ProposalsTab({ plan, openId, review = false }: { plan: PlanDetail; openId: number | null; review?: boolean }) {
  const me = useCurrentUser();
  const id = plan.period.id;
  const open = plan.period.status === 'collecting' || plan.period.status === 'reviewing';
  const canPropose = hasRole(me, 'unit_head', 'unit_liaison') && me.unit !== null && open && !review;
  const [status, setStatus] = useState<string | undefined>(review ? 'submitted' : undefined);
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<number | null>(openId);
  const proposals = useQuery({
    queryKey: [...planKey(id), 'proposals'],
    queryFn: () => call(api.GET('/api/v1/plans/{id}/proposals', { params: { path: { id } } })).then((r) => r.items),
  });
  const items = (proposals.data ?? []).filter((p) => !status || p.status === status);

  return (
    <>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Radio.Group
          value={status ?? 'all'}
          onChange={(e) => setStatus(e.target.value === 'all' ? undefined : (e.target.value as string))}
          optionType="button"
          options={[
            { value: 'all', label: `全部（${proposals.data?.length ?? 0}）` },
            ...PROPOSAL_STATUSES.map((s) => ({ value: s, label: PROPOSAL_STATUS_LABELS[s] })),
          ]}
        />
        {canPropose && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新增申报
          </Button>
        )}
      </Space>
      {review && (
        <Typography.Paragraph type="secondary">分管单位提交的申报：通过、退回（须写明意见），或直接修改（须说明原因，修改留痕）。</Typography.Paragraph>
      )}
      <Table<ProposalWithTask>
        rowKey="id"
        loading={proposals.isFetching}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: canPropose ? '本单位尚未申报，请点击“新增申报”' : '暂无申报' }}
        columns={[
          {
            title: '工作任务',
            dataIndex: 'title',
            render: (title: string, p) => (
              <div className="ledger-title">
                <a onClick={() => setViewing(p.id)}>{title}</a>
                <div className="ledger-title-tags">
                  {p.carriedTaskId && <Tag color="purple">挂单</Tag>}
                  {p.carriedTask && <CarriedTaskTag task={p.carriedTask} />}
                  {p.late && <Tag color="orange">逾期申报</Tag>}
                  {p.categoryName && <Tag>{p.categoryName}</Tag>}
                </div>
                <WithdrawnNote proposal={p} />
                {p.status === 'returned' && p.reviewComment && (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    退回意见：{p.reviewComment}
                  </Typography.Text>
                )}
              </div>
            ),
          },
          { title: '申报单位', dataIndex: 'unitName', width: 130 },
          { title: '完成时限', dataIndex: 'deadline', width: 110 },
          { title: '责任领导', dataIndex: 'leadLeaderName', width: 100, render: (n: string) => n || '—' },
          { title: '状态', dataIndex: 'status', width: 90, render: (_, p) => <Tag color={PROPOSAL_STATUS_COLORS[p.status]}>{p.statusLabel}</Tag> },
          { title: '操作', key: 'actions', width: 250, render: (_, p) => <ProposalActions proposalId={p.id} planId={id} /> },
        ]}
      />
      {creating && <ProposalModal planId={id} onClose={() => setCreating(false)} />}
      <Drawer open={viewing !== null} size={640} title="申报详情" onClose={() => setViewing(null)} destroyOnHidden>
        {viewing !== null && <ProposalView proposalId={viewing} planId={id} />}
      </Drawer>
    </>
  );
}

function useProposal(id: number) {
  return useQuery({ queryKey: proposalKey(id), queryFn: () => call(api.GET('/api/v1/proposals/{id}', { params: { path: { id } } })) });
}

function ProposalActions({ proposalId, planId }: { proposalId: number; planId: number }) {
  const detail = useProposal(proposalId);
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [modal, setModal] = useState<'edit' | 'return' | null>(null);
  const [busy, setBusy] = useState(false);
  if (!detail.data) return null;
  const { proposal: p, actions } = detail.data;
  const reviewerEdit = p.status === 'submitted' || p.status === 'approved';
  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: planKey(planId) }), queryClient.invalidateQueries({ queryKey: proposalKey(proposalId) })]);
  async function run(step: () => Promise<unknown>, text: string) {
    setBusy(true);
    try {
      await step();
      void message.success(text);
      await refresh();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Space size={4} wrap>
      {actions.includes('submit') && (
        <Popconfirm
          title="确定提交该申报吗？"
          description="提交后由分管县领导审核。"
          okText="提交"
          cancelText="取消"
          onConfirm={() => run(() => call(api.POST('/api/v1/proposals/{id}/submit', { params: { path: { id: proposalId } } })), '已提交，等待分管领导审核')}
        >
          <Button size="small" type="primary" icon={<SendOutlined />} loading={busy}>
            提交
          </Button>
        </Popconfirm>
      )}
      {actions.includes('approve') && (
        <Popconfirm
          title="确定审核通过吗？"
          okText="通过"
          cancelText="取消"
          onConfirm={() =>
            run(() => call(api.POST('/api/v1/proposals/{id}/approve', { params: { path: { id: proposalId } }, body: { comment: '' } })), '已审核通过')
          }
        >
          <Button size="small" type="primary" icon={<CheckOutlined />} loading={busy}>
            通过
          </Button>
        </Popconfirm>
      )}
      {actions.includes('return') && (
        <Button size="small" danger icon={<RollbackOutlined />} onClick={() => setModal('return')}>
          退回
        </Button>
      )}
      {actions.includes('edit') && (
        <Button size="small" icon={<EditOutlined />} onClick={() => setModal('edit')}>
          修改
        </Button>
      )}
      {actions.includes('withdraw') && <WithdrawButton proposal={p} onDone={refresh} />}
      {modal === 'edit' && <ProposalModal planId={planId} proposal={p} reason={reviewerEdit ? '修改原因' : undefined} onClose={() => setModal(null)} />}
      {modal === 'return' && (
        <FormModal<{ comment: string }>
          title={`退回修改：${p.title}`}
          okText="退回"
          danger
          onClose={() => setModal(null)}
          onSubmit={async ({ comment }) => {
            await call(api.POST('/api/v1/proposals/{id}/return', { params: { path: { id: proposalId } }, body: { comment: comment.trim() } }));
            void message.success('已退回单位修改');
            await refresh();
          }}
        >
          <Form.Item name="comment" label="修改意见" rules={[{ required: true, whitespace: true, message: '退回须写明修改意见' }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder="如：完成时限过于宽松，请细化节点并提前到4月20日" />
          </Form.Item>
        </FormModal>
      )}
    </Space>
  );
}

function ProposalModal({ planId, proposal, reason, onClose }: { planId: number; proposal?: Proposal; reason?: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const returned = proposal?.status === 'returned';
  const { message } = App.useApp();
  return (
    <FormModal<PlanFieldValues>
      title={proposal ? `修改申报：${proposal.title}` : '新增申报'}
      okText={proposal ? '保存修改' : '保存草稿'}
      width={760}
      initialValues={proposal ? toFields(proposal) : emptyFields}
      onClose={onClose}
      onSubmit={async (values) => {
        const content = toContent({ ...values, timetable: values.timetable ?? '' });
        if (proposal)
          await call(
            api.PATCH('/api/v1/proposals/{id}', {
              params: { path: { id: proposal.id } },
              body: { ...content, version: proposal.version, ...(reason || returned ? { reason: values.reason?.trim() } : {}) },
            }),
          );
        else await call(api.POST('/api/v1/plans/{id}/proposals', { params: { path: { id: planId } }, body: content }));
        void message.success(proposal ? '已保存修改' : '已保存草稿，经单位主要负责人审定后提交');
        await Promise.all([queryClient.invalidateQueries({ queryKey: planKey(planId) }), queryClient.invalidateQueries({ queryKey: ['proposal'] })]);
      }}
    >
      {proposal?.carriedTaskId && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="挂单事项：已按上月事项预填，请按本月实际调整时间表后提交。" />
      )}
      {returned && proposal.reviewComment && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`退回意见：${proposal.reviewComment}`} />}
      <PlanFields timetable unitId={proposal?.unitId ?? me.unit?.id} reason={reason} />
      {returned && (
        <Form.Item name="reason" label="修改说明" extra="退回后的修改留痕，分管领导审核时可见">
          <Input.TextArea rows={2} maxLength={500} placeholder="如：按领导意见增加一部电梯" />
        </Form.Item>
      )}
    </FormModal>
  );
}

function ProposalView({ proposalId, planId }: { proposalId: number; planId: number }) {
  const detail = useProposal(proposalId);
  if (!detail.data) return <Spin className="page-spin" />;
  const { proposal: p, revisions, sinceReturn } = detail.data;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Tag color={PROPOSAL_STATUS_COLORS[p.status]}>{p.statusLabel}</Tag>
        {p.carriedTaskId && (
          <Link to={`/tasks/${p.carriedTaskId}`}>
            <Tag color="purple">挂单</Tag>
          </Link>
        )}
        {p.carriedTask && <CarriedTaskTag task={p.carriedTask} />}
        {p.late && <Tag color="orange">逾期申报</Tag>}
        <ProposalActions proposalId={proposalId} planId={planId} />
      </Space>
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 100 } }}
        items={[
          { key: 'title', label: '工作任务', children: p.title },
          { key: 'unit', label: '申报单位', children: p.unitName },
          { key: 'measures', label: '工作措施', children: <div className="multiline">{p.measures || '—'}</div> },
          { key: 'timetable', label: '时间表', children: <div className="multiline">{p.timetable || '—'}</div> },
          {
            key: 'milestones',
            label: '关键节点',
            children: p.milestones.length
              ? p.milestones.map((m) => (
                  <div key={m.name}>
                    {m.dueDate} {m.name}
                  </div>
                ))
              : '—',
          },
          { key: 'standard', label: '工作标准', children: <div className="multiline">{p.standard || '—'}</div> },
          { key: 'deadline', label: '完成时限', children: p.deadline },
          { key: 'category', label: '类别', children: p.categoryName || '—' },
          { key: 'leader', label: '责任领导', children: p.leadLeaderName || '—' },
          { key: 'coop', label: '配合单位', children: p.cooperatingUnitNames.join('、') || '无' },
          {
            key: 'responsible',
            label: '责任人',
            children: [p.responsibleName, p.responsiblePhone].filter(Boolean).join(' · ') || '—',
          },
          { key: 'level', label: '等级', children: p.levelLabel },
          {
            key: 'indicators',
            label: '量化指标',
            children: p.indicators.length
              ? p.indicators.map((i) => (
                  <div key={i.name}>
                    {i.name}：{i.target}
                    {i.unitOfMeasure}
                  </div>
                ))
              : '—',
          },
          { key: 'cadence', label: '报送频次', children: cadenceText(p.reportCadence) },
          { key: 'evidence', label: '销号佐证', children: p.evidenceRequired ? '须提供佐证材料' : '不要求' },
          { key: 'submitted', label: '提交时间', children: p.submittedAt ? formatTime(p.submittedAt) : '未提交' },
          ...(p.reviewComment ? [{ key: 'comment', label: '审核意见', children: p.reviewComment }] : []),
          ...(p.withdrawReason ? [{ key: 'withdraw', label: '撤回理由', children: p.withdrawReason }] : []),
        ]}
      />
      {sinceReturn.length > 0 && (
        <Alert type="info" showIcon style={{ marginTop: 16 }} title="退回后单位所作的修改" description={<Changes changes={sinceReturn} />} />
      )}
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        修改记录
      </Typography.Title>
      {revisions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无修改记录" />
      ) : (
        <Timeline
          items={revisions.map((r) => ({
            key: r.id,
            content: (
              <div>
                <Typography.Text strong>{r.byName}</Typography.Text>
                <Tag style={{ marginLeft: 8 }} color={r.byUnit ? 'blue' : 'gold'}>
                  {r.byUnit ? '单位退回后修改' : '审核修改'}
                </Tag>
                <span className="history-time">{formatTime(r.at)}</span>
                {r.reason && (
                  <div className="history-note">
                    {r.byUnit ? '说明' : '原因'}：{r.reason}
                  </div>
                )}
                <Changes changes={r.changes} />
              </div>
            ),
          }))}
        />
      )}
    </>
  );
}

function Changes({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return null;
  return (
    <div className="plan-diff">
      {changes.map((c) => (
        <div key={c.field}>
          <Typography.Text type="secondary">{c.label}：</Typography.Text>
          {c.from && <span className="plan-diff-from">{c.from}</span>} → <span className="plan-diff-to">{c.to || '（空）'}</span>
        </div>
      ))}
    </div>
  );
}
