import { CalendarOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Result, Space, Spin, Statistic, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, isApiError, call } from '../api';
import { errorMessage, useShowError } from '../components/feedback';
import { FormModal } from '../components/FormModal';
import { PageHeader } from '../components/PageHeader';
import { PLANS_KEY, planKey, proposalKey, type PlanDetail } from '../plans';
import { hasRole, useCurrentUser } from '../session';
import { formatTime } from '../time';
import { MissingReasons, PLAN_KINDS, PlanSteps, ScheduleFields, scheduleBody } from './PlansPage';
import { ProposalsTab } from './plan/ProposalsTab';
import { DraftTab } from './plan/DraftTab';
import { MeetingTab } from './plan/MeetingTab';
import { IssuedTab } from './plan/IssuedTab';

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
        parents={[{ title: PLAN_KINDS[p.kind].label, to: PLAN_KINDS[p.kind].path }]}
        tags={<Tag color={issued ? 'success' : 'processing'}>{p.statusLabel}</Tag>}
        subTitle={issued ? `${p.documentNumber} · ${formatTime(p.issuedAt!).slice(0, 10)} 印发` : `单位申报截止 ${p.proposeBy} · 会议研究 ${p.meetingOn}`}
        extra={
          office && (
            <Space>
              {!issued && <ScheduleButton plan={d} />}
              <AdvanceButton plan={d} />
            </Space>
          )
        }
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
      {office && p.kind === 'monthly' && <MissingReasons />}
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

// The office moves the step dates until the plan is issued; units still proposing are told of a new proposal date.
function ScheduleButton({ plan }: { plan: PlanDetail }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const p = plan.period;
  return (
    <>
      <Button icon={<CalendarOutlined />} onClick={() => setOpen(true)}>
        修改时限
      </Button>
      {open && (
        <FormModal<{ proposeBy: Dayjs; reviewBy: Dayjs; consolidateBy: Dayjs; meetingOn: Dayjs; reason?: string }>
          title="修改各环节时限"
          okText="保存"
          width={720}
          initialValues={{ proposeBy: dayjs(p.proposeBy), reviewBy: dayjs(p.reviewBy), consolidateBy: dayjs(p.consolidateBy), meetingOn: dayjs(p.meetingOn) }}
          onClose={() => setOpen(false)}
          onSubmit={async ({ reason, ...dates }) => {
            await call(
              api.PATCH('/api/v1/plans/{id}/schedule', {
                params: { path: { id: p.id } },
                body: { ...scheduleBody(dates), version: p.version, reason: reason?.trim() },
              }),
            );
            void message.success('已修改各环节时限');
            await queryClient.invalidateQueries({ queryKey: PLANS_KEY });
          }}
        >
          <ScheduleFields required />
          <Form.Item name="reason" label="修改原因">
            <Input.TextArea rows={2} maxLength={500} placeholder="如：因节假日顺延" />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
