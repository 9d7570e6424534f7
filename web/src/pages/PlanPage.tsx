import {
  CheckOutlined,
  DownloadOutlined,
  EditOutlined,
  FileWordOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  RollbackOutlined,
  ScissorOutlined,
  SendOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Popconfirm,
  Radio,
  Result,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tabs,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, apiUrl, isApiError, call } from '../api';
import { errorMessage, useShowError } from '../components/feedback';
import { FormModal } from '../components/FormModal';
import { PageHeader } from '../components/PageHeader';
import { PlanFields, toContent, toFields, type PlanFieldValues } from '../components/PlanFields';
import { StatusTag } from '../components/TaskTags';
import {
  DECISION_COLORS,
  monthText,
  PLANS_KEY,
  PROPOSAL_STATUS_COLORS,
  type DraftItem,
  type FieldChange,
  type PlanDetail,
  type PlanDraft,
  type Proposal,
} from '../plans';
import { hasRole, useCurrentUser } from '../session';
import { DECISION_LABELS, ITEM_DECISIONS, ORIGIN_LABELS, PROPOSAL_STATUS_LABELS, PROPOSAL_STATUSES, type ItemDecision } from '../labels';
import { TASKS_KEY } from '../tasks';
import { formatTime } from '../time';
import { MissingReasons, PlanSteps } from './PlansPage';

const planKey = (id: number) => [...PLANS_KEY, id];
const proposalKey = (id: number) => ['proposal', id];

// /proposals/:proposalId (a notification's link) opens the proposal on its plan's page.
export default function PlanPage() {
  const params = useParams();
  const proposalId = Number(params.proposalId);
  const navigate = useNavigate();
  const opened = useQuery({
    queryKey: proposalKey(proposalId),
    queryFn: () => call(api.GET('/api/v1/proposals/{id}', { params: { path: { id: proposalId } } })),
    enabled: proposalId > 0,
  });
  useEffect(() => {
    if (opened.data) void navigate(`/plans/${opened.data.period.id}?proposal=${proposalId}`, { replace: true });
  }, [opened.data, proposalId, navigate]);
  if (params.proposalId)
    return opened.isError ? <Result status="404" title="申报不存在" subTitle={errorMessage(opened.error)} /> : <Spin size="large" className="page-spin" />;
  return (
    <Plan id={Number(params.id)} sheetUnitId={params.unitId ? Number(params.unitId) : undefined} proposalsTab={location.pathname.endsWith('/proposals')} />
  );
}

function Plan({ id, sheetUnitId, proposalsTab }: { id: number; sheetUnitId?: number; proposalsTab: boolean }) {
  const me = useCurrentUser();
  const office = hasRole(me, 'office');
  const leader = hasRole(me, 'leader');
  const unit = hasRole(me, 'unit_head', 'unit_liaison');
  const detail = useQuery({ queryKey: planKey(id), queryFn: () => call(api.GET('/api/v1/plans/{id}', { params: { path: { id } } })), enabled: id > 0 });
  const [tab, setTab] = useState<string>();
  const openProposal = Number(new URLSearchParams(window.location.search).get('proposal')) || null;

  if (!(id > 0) || isApiError(detail.error, 404))
    return (
      <Result
        status="404"
        title="计划不存在"
        extra={
          <Link to="/plans">
            <Button type="primary">返回月度预安</Button>
          </Link>
        }
      />
    );
  if (detail.isError)
    return (
      <Result status="error" title="无法加载计划" subTitle={errorMessage(detail.error)} extra={<Button onClick={() => void detail.refetch()}>重试</Button>} />
    );
  if (!detail.data) return <Spin size="large" className="page-spin" />;
  const d = detail.data;
  const p = d.period;
  const issued = p.status === 'issued';
  const wholePlan = d.items !== null;

  const tabs: { key: string; label: string; children: ReactNode }[] = [];
  if (unit || office || (!leader && wholePlan)) tabs.push({ key: 'proposals', label: '单位申报', children: <ProposalsTab plan={d} openId={openProposal} /> });
  if (leader) tabs.push({ key: 'review', label: '分管审核', children: <ProposalsTab plan={d} openId={openProposal} review /> });
  if (wholePlan) tabs.push({ key: 'draft', label: '督查室汇总', children: <DraftTab plan={d} /> });
  if (office && (p.status === 'meeting' || issued)) tabs.push({ key: 'meeting', label: '会议研究', children: <MeetingTab plan={d} /> });
  if (issued) tabs.push({ key: 'issued', label: '印发文件与预安表', children: <IssuedTab plan={d} unitId={sheetUnitId} /> });
  const preferred =
    sheetUnitId || (issued && !office)
      ? 'issued'
      : proposalsTab || openProposal
        ? leader
          ? 'review'
          : 'proposals'
        : office
          ? { collecting: 'proposals', reviewing: 'proposals', consolidating: 'draft', meeting: 'meeting', issued: 'issued' }[p.status]
          : leader
            ? 'review'
            : 'proposals';
  const active = tab && tabs.some((t) => t.key === tab) ? tab : tabs.some((t) => t.key === preferred) ? preferred : tabs[0]?.key;

  return (
    <>
      <PageHeader
        title={p.title}
        crumb={p.label}
        section="督查督办"
        parents={[{ title: '月度预安', to: '/plans' }]}
        tags={<Tag color={issued ? 'success' : 'processing'}>{p.statusLabel}</Tag>}
        subTitle={issued ? `${p.documentNumber} · ${formatTime(p.issuedAt!).slice(0, 10)} 印发` : `单位申报截止 ${p.proposeBy} · 会议研究 ${p.meetingOn}`}
        extra={office && <AdvanceButton plan={d} />}
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <PlanSteps period={p} size="default" />
        <Space size={48} wrap style={{ marginTop: 20 }}>
          <Statistic title="申报" value={d.proposals.total} suffix="项" />
          <Statistic title="待审核" value={d.proposals.byStatus.submitted} suffix="项" />
          <Statistic title="已通过" value={d.proposals.byStatus.approved} suffix="项" />
          <Statistic title="逾期申报" value={d.proposals.late} suffix="项" styles={{ content: d.proposals.late ? { color: '#d46b08' } : undefined }} />
          {d.items && <Statistic title="汇总稿" value={d.items.total} suffix="项" />}
          {d.items && p.status === 'meeting' && <Statistic title="待会议决定" value={d.items.undecided} suffix="项" />}
          {d.items && issued && <Statistic title="生成事项" value={d.items.taskCount} suffix="项" />}
        </Space>
        {!issued && d.notProposed.length > 0 && (office || leader) && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 16 }}
            title={`尚未提交申报的单位（${d.notProposed.length}）`}
            description={
              d.notProposed
                .slice(0, 12)
                .map((u) => u.name)
                .join('、') + (d.notProposed.length > 12 ? ` 等 ${d.notProposed.length} 个单位` : '')
            }
          />
        )}
      </Card>
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Tabs activeKey={active} onChange={setTab} items={tabs} destroyOnHidden />
      </Card>
      {office && <MissingReasons />}
    </>
  );
}

function AdvanceButton({ plan }: { plan: PlanDetail }) {
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const s = plan.period.status;
  if (s === 'meeting' || s === 'issued') return null;
  const next = { collecting: '分管领导审核', reviewing: '督查室汇总', consolidating: '会议研究' }[s];
  return (
    <Popconfirm
      title={`确定进入“${next}”吗？`}
      okText="进入下一步"
      cancelText="取消"
      onConfirm={async () => {
        setBusy(true);
        try {
          await call(api.POST('/api/v1/plans/{id}/advance', { params: { path: { id: plan.period.id } } }));
          void message.success(`已进入“${next}”`);
          await queryClient.invalidateQueries({ queryKey: PLANS_KEY });
        } catch (err) {
          showError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button type="primary" icon={<SendOutlined />} loading={busy}>
        进入下一步：{next}
      </Button>
    </Popconfirm>
  );
}

// ---- 单位申报 / 分管审核: the proposals the user may see, with what the server lets them do with each.

function ProposalsTab({ plan, openId, review = false }: { plan: PlanDetail; openId: number | null; review?: boolean }) {
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
      <Table<Proposal>
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
                  {p.late && <Tag color="orange">逾期申报</Tag>}
                  {p.categoryName && <Tag>{p.categoryName}</Tag>}
                </div>
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
  const { message } = App.useApp();
  return (
    <FormModal<PlanFieldValues>
      title={proposal ? `修改申报：${proposal.title}` : '新增申报'}
      okText={proposal ? '保存修改' : '保存草稿'}
      width={760}
      initialValues={proposal ? toFields(proposal) : { milestones: [] }}
      onClose={onClose}
      onSubmit={async (values) => {
        const content = toContent({ ...values, timetable: values.timetable ?? '' });
        if (proposal)
          await call(
            api.PATCH('/api/v1/proposals/{id}', {
              params: { path: { id: proposal.id } },
              body: { ...content, version: proposal.version, ...(reason ? { reason: values.reason?.trim() } : {}) },
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
      {proposal?.status === 'returned' && proposal.reviewComment && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`退回意见：${proposal.reviewComment}`} />
      )}
      <PlanFields timetable reason={reason} />
    </FormModal>
  );
}

function ProposalView({ proposalId, planId }: { proposalId: number; planId: number }) {
  const detail = useProposal(proposalId);
  if (!detail.data) return <Spin className="page-spin" />;
  const { proposal: p, revisions } = detail.data;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Tag color={PROPOSAL_STATUS_COLORS[p.status]}>{p.statusLabel}</Tag>
        {p.carriedTaskId && (
          <Link to={`/tasks/${p.carriedTaskId}`}>
            <Tag color="purple">挂单</Tag>
          </Link>
        )}
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
          { key: 'submitted', label: '提交时间', children: p.submittedAt ? formatTime(p.submittedAt) : '未提交' },
          ...(p.reviewComment ? [{ key: 'comment', label: '审核意见', children: p.reviewComment }] : []),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        修改记录
      </Typography.Title>
      {revisions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="分管领导和督查室未修改过" />
      ) : (
        <Timeline
          items={revisions.map((r) => ({
            key: r.id,
            content: (
              <div>
                <Typography.Text strong>{r.byName}</Typography.Text>
                <span className="history-time" style={{ marginLeft: 8 }}>
                  {formatTime(r.at)}
                </span>
                <div className="history-note">原因：{r.reason}</div>
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

// ---- 督查室汇总: the draft by leader and category, each item against its units' own proposals.

function useDraft(id: number) {
  return useQuery({ queryKey: [...planKey(id), 'draft'], queryFn: () => call(api.GET('/api/v1/plans/{id}/draft', { params: { path: { id } } })) });
}

function DraftTab({ plan }: { plan: PlanDetail }) {
  const me = useCurrentUser();
  const id = plan.period.id;
  const editable = hasRole(me, 'office') && (plan.period.status === 'consolidating' || plan.period.status === 'meeting');
  const draft = useDraft(id);
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [modal, setModal] = useState<{ kind: 'add' } | { kind: 'edit' | 'split'; item: DraftItem } | { kind: 'merge'; items: DraftItem[] } | null>(null);
  const all = (draft.data?.groups ?? []).flatMap((g) => g.categories.flatMap((c) => c.items));

  async function consolidate() {
    setBusy(true);
    try {
      const { created } = await call(api.POST('/api/v1/plans/{id}/consolidate', { params: { path: { id } } }));
      void message.success(created.length ? `已汇总 ${created.length} 项` : '没有新增的申报需要汇总');
      await queryClient.invalidateQueries({ queryKey: planKey(id) });
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {editable && (
        <Space style={{ marginBottom: 12 }} wrap>
          {plan.period.status === 'consolidating' && (
            <Button type="primary" icon={<SyncOutlined />} loading={busy} onClick={() => void consolidate()}>
              生成汇总稿
            </Button>
          )}
          <Button icon={<PlusOutlined />} onClick={() => setModal({ kind: 'add' })}>
            增加领导交办事项
          </Button>
          <Button
            icon={<MergeCellsOutlined />}
            disabled={selected.length < 2}
            onClick={() => setModal({ kind: 'merge', items: all.filter((i) => selected.includes(i.id)) })}
          >
            合并选中（{selected.length}）
          </Button>
          <Typography.Text type="secondary">与单位原申报不同之处以红（原）绿（现）标出</Typography.Text>
        </Space>
      )}
      {draft.isPending ? (
        <Spin className="page-spin" />
      ) : all.length === 0 ? (
        <Empty description={plan.period.status === 'consolidating' ? '尚未汇总，请点击“生成汇总稿”' : '汇总稿暂无事项'} />
      ) : (
        <DraftGroups
          draft={draft.data!}
          render={(item) => (
            <DraftItemRow
              item={item}
              select={
                editable
                  ? { checked: selected.includes(item.id), onChange: (on) => setSelected(on ? [...selected, item.id] : selected.filter((x) => x !== item.id)) }
                  : undefined
              }
              extra={
                editable && (
                  <Space size={4}>
                    <Button size="small" icon={<EditOutlined />} onClick={() => setModal({ kind: 'edit', item })}>
                      修改
                    </Button>
                    {item.carriedTaskId === null && (
                      <Button size="small" icon={<ScissorOutlined />} onClick={() => setModal({ kind: 'split', item })}>
                        拆分
                      </Button>
                    )}
                  </Space>
                )
              }
            />
          )}
        />
      )}
      {modal?.kind === 'add' && <ItemModal planId={id} onClose={() => setModal(null)} />}
      {modal?.kind === 'edit' && <ItemModal planId={id} item={modal.item} onClose={() => setModal(null)} />}
      {modal?.kind === 'split' && <SplitModal planId={id} item={modal.item} onClose={() => setModal(null)} />}
      {modal?.kind === 'merge' && <ItemModal planId={id} merge={modal.items} onClose={() => (setModal(null), setSelected([]))} />}
    </>
  );
}

function DraftGroups({ draft, render }: { draft: PlanDraft; render: (item: DraftItem) => ReactNode }) {
  return (
    <div className="plan-draft">
      {draft.groups.map((g) => (
        <div key={g.leaderId ?? 'none'} style={{ marginBottom: 16 }}>
          <div className="plan-group-title">
            {g.leaderName}
            {g.leaderPosition && (
              <Typography.Text type="secondary" style={{ fontWeight: 400, marginLeft: 8 }}>
                {g.leaderPosition}
              </Typography.Text>
            )}
          </div>
          {g.categories.map((c) => (
            <div key={c.categoryId ?? 'none'}>
              <div className="plan-category-title">{c.categoryName}</div>
              {c.items.map((item) => (
                <div key={item.id}>{render(item)}</div>
              ))}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

function DraftItemRow({ item, select, extra }: { item: DraftItem; select?: { checked: boolean; onChange: (on: boolean) => void }; extra?: ReactNode }) {
  const changes = item.sources.flatMap((s) => s.changes.map((c) => ({ ...c, unitName: s.unitName })));
  return (
    <div className="closing-item plan-item" data-item={item.title}>
      <div className="sheet-head">
        <Space size={8} wrap>
          {select && <Checkbox checked={select.checked} onChange={(e) => select.onChange(e.target.checked)} aria-label={`选择 ${item.title}`} />}
          <Typography.Text strong>{item.title}</Typography.Text>
          <Tag color={item.origin === 'leader_assigned' ? 'red' : item.origin === 'carried_over' ? 'purple' : 'blue'}>{ORIGIN_LABELS[item.origin]}</Tag>
          {item.carriedTaskId && item.origin !== 'carried_over' && <Tag color="purple">挂单</Tag>}
          {item.sources.some((s) => s.late) && <Tag color="orange">逾期申报</Tag>}
          {changes.length > 0 && <Tag color="gold">已修改 {changes.length} 处</Tag>}
        </Space>
        {extra}
      </div>
      <div className="sheet-times">
        责任单位 {item.leadUnitName}
        {item.cooperatingUnitNames.length > 0 && ` · 配合 ${item.cooperatingUnitNames.join('、')}`} · 完成时限 {item.deadline}
        {item.milestones.length > 0 && ` · 节点 ${item.milestones.map((m) => `${m.name}（${m.dueDate}）`).join('；')}`}
      </div>
      {item.standard && <div className="sheet-times">标准：{item.standard}</div>}
      {changes.length > 0 && (
        <div className="plan-diff">
          <Typography.Text type="warning">与{[...new Set(changes.map((c) => c.unitName))].join('、')}原申报相比：</Typography.Text>
          {changes.map((c) => (
            <div key={`${c.unitName}-${c.field}`}>
              <Typography.Text type="secondary">{c.label}：</Typography.Text>
              {c.from && <span className="plan-diff-from">{c.from}</span>} → <span className="plan-diff-to">{c.to || '（空）'}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

function ItemModal({ planId, item, merge, onClose }: { planId: number; item?: DraftItem; merge?: DraftItem[]; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const base = item ?? merge?.[0];
  return (
    <FormModal<PlanFieldValues>
      title={merge ? `合并 ${merge.length} 项` : item ? `修改：${item.title}` : '增加领导交办事项'}
      okText={merge ? '合并' : '保存'}
      width={760}
      initialValues={
        base
          ? {
              ...toFields(base),
              cooperatingUnitIds: merge
                ? [...new Set(merge.flatMap((i) => [i.leadUnitId, ...i.cooperatingUnitIds]))].filter((u) => u !== base.leadUnitId)
                : base.cooperatingUnitIds,
            }
          : { milestones: [] }
      }
      onClose={onClose}
      onSubmit={async (values) => {
        const content = toContent(values);
        if (merge) await call(api.POST('/api/v1/plan-items/merge', { body: { ...content, itemIds: merge.map((i) => i.id), reason: values.reason?.trim() } }));
        else if (item)
          await call(
            api.PATCH('/api/v1/plan-items/{id}', {
              params: { path: { id: item.id } },
              body: { ...content, version: item.version, reason: values.reason?.trim() },
            }),
          );
        // The item form requires the lead unit.
        else await call(api.POST('/api/v1/plans/{id}/items', { params: { path: { id: planId } }, body: { ...content, leadUnitId: content.leadUnitId! } }));
        void message.success(merge ? '已合并' : item ? '已修改' : '已增加');
        await queryClient.invalidateQueries({ queryKey: planKey(planId) });
      }}
    >
      {merge && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`合并：${merge.map((i) => i.title).join('；')}。保留第一项的位置，其余单位默认转为配合单位。`}
        />
      )}
      <PlanFields leadUnit reason={item || merge ? (merge ? '合并原因' : '修改原因') : undefined} />
    </FormModal>
  );
}

function SplitModal({ planId, item, onClose }: { planId: number; item: DraftItem; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return (
    <FormModal<{ parts: { title: string }[]; reason: string }>
      title={`拆分：${item.title}`}
      okText="拆分"
      initialValues={{ parts: [{ title: item.title }, { title: '' }] }}
      onClose={onClose}
      onSubmit={async ({ parts, reason }) => {
        await call(
          api.POST('/api/v1/plan-items/{id}/split', {
            params: { path: { id: item.id } },
            body: { parts: parts.map((p) => ({ title: p.title.trim() })), reason: reason.trim() },
          }),
        );
        void message.success(`已拆分为 ${parts.length} 项`);
        await queryClient.invalidateQueries({ queryKey: planKey(planId) });
      }}
    >
      <Typography.Paragraph type="secondary">每一项沿用原项的单位、时限和标准，拆分后可分别修改。</Typography.Paragraph>
      <Form.List name="parts">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" style={{ display: 'flex' }}>
                <Form.Item
                  name={[f.name, 'title']}
                  label={`第 ${i + 1} 项`}
                  rules={[{ required: true, whitespace: true, message: '请填写工作任务' }]}
                  style={{ width: 440 }}
                >
                  <Input maxLength={200} />
                </Form.Item>
                {fields.length > 2 && (
                  <Button style={{ marginTop: 30 }} onClick={() => remove(f.name)}>
                    删除
                  </Button>
                )}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '' })} style={{ marginBottom: 16 }}>
              再拆一项
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="reason" label="拆分原因" rules={[{ required: true, whitespace: true, message: '请填写拆分原因' }]}>
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

// ---- 会议研究: a decision for every item, then issue with a document number.

function MeetingTab({ plan }: { plan: PlanDetail }) {
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
        await call(api.POST('/api/v1/plans/{id}/issue', { params: { path: { id: plan.period.id } }, body: { documentNumber: documentNumber.trim() } }));
        void message.success('已印发，通过的事项已生成并交办');
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

// ---- After issuing: the document, and each unit's 预安表.

function IssuedTab({ plan, unitId }: { plan: PlanDetail; unitId?: number }) {
  const me = useCurrentUser();
  const id = plan.period.id;
  const wholePlan = plan.items !== null;
  const draft = useQuery({
    queryKey: [...planKey(id), 'draft'],
    queryFn: () => call(api.GET('/api/v1/plans/{id}/draft', { params: { path: { id } } })),
    enabled: wholePlan,
  });
  const involved = new Map<number, string>();
  for (const i of (draft.data?.groups ?? []).flatMap((g) => g.categories.flatMap((c) => c.items))) {
    if (i.taskId !== null) involved.set(i.leadUnitId, i.leadUnitName);
  }
  const [chosen, setChosen] = useState<number | undefined>(unitId ?? (wholePlan ? undefined : me.unit?.id));
  const sheetUnit = chosen ?? [...involved.keys()][0];
  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <a href={apiUrl('/api/v1/plans/{id}/document', { id })} download>
          <Button type="primary" icon={<FileWordOutlined />}>
            下载计划文件（Word）
          </Button>
        </a>
        {wholePlan && (
          <Select
            style={{ width: 220 }}
            placeholder="选择单位查看预安表"
            value={sheetUnit}
            onChange={setChosen}
            options={[...involved].map(([value, label]) => ({ value, label }))}
            aria-label="单位"
          />
        )}
      </Space>
      {sheetUnit ? <SheetTable planId={id} unitId={sheetUnit} /> : <Empty description="请选择单位" />}
    </>
  );
}

function SheetTable({ planId, unitId }: { planId: number; unitId: number }) {
  const sheet = useQuery({
    queryKey: [...planKey(planId), 'sheet', unitId],
    queryFn: () => call(api.GET('/api/v1/plans/{id}/units/{unitId}/sheet', { params: { path: { id: planId, unitId } } })),
  });
  if (sheet.isError) return <Alert type="error" showIcon title={errorMessage(sheet.error)} />;
  return (
    <Card
      size="small"
      title={sheet.data ? `${sheet.data.unit.name} · ${monthText(sheet.data.period.period)}预安表` : '预安表'}
      extra={
        <a href={apiUrl('/api/v1/plans/{id}/units/{unitId}/sheet.xlsx', { id: planId, unitId })} download>
          <DownloadOutlined /> 下载Excel
        </a>
      }
    >
      <Table
        size="small"
        rowKey="itemId"
        loading={sheet.isPending}
        pagination={false}
        dataSource={sheet.data?.items ?? []}
        locale={{ emptyText: '本单位本期没有事项' }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 60 },
          {
            title: '工作任务',
            dataIndex: 'title',
            render: (t: string, i) => (
              <Space size={4} wrap>
                <Link to={`/tasks/${i.taskId}`}>{t}</Link>
                {i.carriedOver && <Tag color="purple">挂单</Tag>}
              </Space>
            ),
          },
          { title: '牵头/配合', dataIndex: 'role', width: 90, render: (r: string) => (r === 'lead' ? <Tag color="blue">牵头</Tag> : <Tag>配合</Tag>) },
          { title: '关键节点', key: 'milestones', render: (_, i) => i.milestones.map((m) => `${m.name}（${m.dueDate}）`).join('；') || '—' },
          { title: '完成时限', dataIndex: 'deadline', width: 110 },
          { title: '责任领导', dataIndex: 'leadLeaderName', width: 90 },
          { title: '状态', dataIndex: 'status', width: 90, render: (_, i) => <StatusTag status={i.status} /> },
        ]}
      />
    </Card>
  );
}
