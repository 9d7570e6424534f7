import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Empty, Form, Popconfirm, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../api';
import { useShowError } from '../components/feedback';
import { FormModal } from '../components/FormModal';
import { PageHeader } from '../components/PageHeader';
import { StatusTag } from '../components/TaskTags';
import { monthText, PLAN_STEPS, PLANS_KEY, stepIndex, type CarryOverRow, type PlanPeriod } from '../plans';
import { hasRole, useCurrentUser, useServerNow } from '../session';

// The step bar of a plan: 单位申报 → 分管领导审核 → 督查室汇总 → 会议研究 → 已印发, each with its deadline.
export function PlanSteps({ period, size = 'small' }: { period: PlanPeriod; size?: 'small' | 'default' }) {
  const current = stepIndex(period.status);
  return (
    <Steps
      className="plan-steps"
      size={size}
      current={current}
      status={period.status === 'issued' ? 'finish' : 'process'}
      items={PLAN_STEPS.map((s) => ({ title: s.label, content: s.deadline(period) ?? '' }))}
    />
  );
}

// The monthly plan (月度预安) and the weekly 10+N (周交办) run the same steps; these are their differences on screen.
export const PLAN_KINDS = {
  monthly: {
    label: '月度预安',
    path: '/plans',
    subTitle: '自下而上预、自上而下安：单位申报 → 分管领导审核 → 督查室汇总 → 会议研究 → 印发交办',
    create: '新建月度计划',
  },
  weekly: {
    label: '周交办 10+N',
    path: '/weekly-plans',
    subTitle: '每周 10 项常规重点工作加 N 项新增工作：单位申报 → 分管领导审核 → 督查室汇总 → 周例会研究 → 交办认领',
    create: '新建周计划',
  },
} as const;
export type PlanKind = keyof typeof PLAN_KINDS;

export default function PlansPage() {
  return <PlanList kind="monthly" />;
}

export function PlanList({ kind }: { kind: PlanKind }) {
  const text = PLAN_KINDS[kind];
  const me = useCurrentUser();
  const office = hasRole(me, 'office');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState<number | null>(null);
  const plans = useQuery({ queryKey: PLANS_KEY, queryFn: () => call(api.GET('/api/v1/plans')).then((r) => r.items) });
  const listed = (plans.data ?? []).filter((p) => p.kind === kind);

  async function advance(p: PlanPeriod) {
    setBusy(p.id);
    try {
      const after = await call(api.POST('/api/v1/plans/{id}/advance', { params: { path: { id: p.id } } }));
      void message.success(`已进入“${after.statusLabel}”`);
      await queryClient.invalidateQueries({ queryKey: PLANS_KEY });
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <PageHeader
        title={text.label}
        section="督查督办"
        subTitle={text.subTitle}
        extra={
          office && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {text.create}
            </Button>
          )
        }
      />
      {plans.isPending ? (
        <Spin size="large" className="page-spin" />
      ) : listed.length === 0 ? (
        <Card variant="borderless">
          <Empty description={office ? `还没有计划，请点击右上角“${text.create}”` : '还没有计划'} />
        </Card>
      ) : (
        listed.map((p) => (
          <Card
            key={p.id}
            variant="borderless"
            style={{ marginBottom: 16 }}
            className="plan-card"
            title={
              <Space size={8}>
                <Link to={`${text.path}/${p.id}`}>{p.title}</Link>
                <Tag color={p.status === 'issued' ? 'success' : 'processing'}>{p.statusLabel}</Tag>
                {p.documentNumber && <Typography.Text type="secondary">{p.documentNumber}</Typography.Text>}
              </Space>
            }
            extra={
              <Space>
                {office && p.status !== 'issued' && p.status !== 'meeting' && (
                  <Popconfirm
                    title={`确定进入“${PLAN_STEPS[stepIndex(p.status) + 1]!.label}”吗？`}
                    description={
                      p.status === 'collecting'
                        ? '进入后由分管领导审核各单位申报。'
                        : p.status === 'reviewing'
                          ? '进入后不再接受申报，由督查室汇总。'
                          : '进入后按会议研究逐项决定。'
                    }
                    okText="进入下一步"
                    cancelText="取消"
                    onConfirm={() => advance(p)}
                  >
                    <Button loading={busy === p.id}>进入下一步</Button>
                  </Popconfirm>
                )}
                <Button type="primary" ghost icon={<RightOutlined />} iconPlacement="end" onClick={() => navigate(`${text.path}/${p.id}`)}>
                  进入
                </Button>
              </Space>
            }
          >
            <PlanSteps period={p} />
          </Card>
        ))
      )}
      {office && kind === 'monthly' && <MissingReasons />}
      {creating && (
        <CreatePlanModal
          kind={kind}
          existing={listed.map((p) => p.period)}
          onClose={() => setCreating(false)}
          onDone={(p) => navigate(`${text.path}/${p.id}`)}
        />
      )}
    </>
  );
}

type ScheduleValues = Partial<Record<(typeof SCHEDULE_STEPS)[number], Dayjs | null>>;
const SCHEDULE_STEPS = ['proposeBy', 'reviewBy', 'consolidateBy', 'meetingOn'] as const;
const SCHEDULE_LABELS = { proposeBy: '单位申报截止日', reviewBy: '分管领导审核截止日', consolidateBy: '督查室汇总截止日', meetingOn: '会议研究日' };

// The four step dates as pickers; `required` when editing, optional (server default) when opening a plan.
export function ScheduleFields({ required = false }: { required?: boolean }) {
  return (
    <Space wrap size={16}>
      {SCHEDULE_STEPS.map((step) => (
        <Form.Item key={step} name={step} label={SCHEDULE_LABELS[step]} rules={required ? [{ required: true, message: `请选择${SCHEDULE_LABELS[step]}` }] : []}>
          <DatePicker style={{ width: 160 }} placeholder={required ? '请选择' : '按惯例推算'} />
        </Form.Item>
      ))}
    </Space>
  );
}

// Only the dates chosen, as the API takes them.
export const scheduleBody = (v: ScheduleValues) =>
  Object.fromEntries(SCHEDULE_STEPS.flatMap((step) => (v[step] ? [[step, v[step].format('YYYY-MM-DD')]] : []))) as Partial<
    Record<(typeof SCHEDULE_STEPS)[number], string>
  >;

// A week as the plans name it: its ISO year and number, 2026-W15.
const isoWeek = (d: Dayjs) => `${d.isoWeekYear()}-W${String(d.isoWeek()).padStart(2, '0')}`;

function CreatePlanModal({ kind, existing, onClose, onDone }: { kind: PlanKind; existing: string[]; onClose: () => void; onDone: (p: PlanPeriod) => void }) {
  const now = useServerNow();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const monthly = kind === 'monthly';
  const periodOf = (d: Dayjs) => (monthly ? d.format('YYYY-MM') : isoWeek(d));
  return (
    <FormModal<{ when: Dayjs } & ScheduleValues>
      title={PLAN_KINDS[kind].create}
      okText="建立"
      width={720}
      initialValues={{ when: monthly ? dayjs(now).add(1, 'month').startOf('month') : dayjs(now).add(1, 'week').startOf('isoWeek') }}
      onClose={onClose}
      onSubmit={async ({ when, ...dates }) => {
        const p = await call(api.POST('/api/v1/plans', { body: { kind, period: periodOf(when), ...scheduleBody(dates) } }));
        await queryClient.invalidateQueries({ queryKey: PLANS_KEY });
        void message.success(`已建立${p.title}，已通知各单位申报`);
        onDone(p);
      }}
    >
      {monthly ? (
        <Form.Item
          name="when"
          label="计划月份"
          rules={[{ required: true, message: '请选择月份' }]}
          extra="建立后自动通知各单位申报，挂单转入本月的事项预填为其牵头单位的申报草稿。"
        >
          <DatePicker picker="month" format="YYYY年M月" style={{ width: 200 }} disabledDate={(d) => existing.includes(periodOf(d))} />
        </Form.Item>
      ) : (
        <Form.Item name="when" label="交办周" rules={[{ required: true, message: '请选择周' }]} extra="建立后自动通知各单位申报本周的重点工作。">
          <DatePicker
            picker="week"
            format={(d) => `${d.isoWeekYear()}年第${d.isoWeek()}周（${d.startOf('isoWeek').format('M月D日')}起）`}
            style={{ width: 260 }}
            disabledDate={(d) => existing.includes(periodOf(d))}
          />
        </Form.Item>
      )}
      <Typography.Paragraph type="secondary">
        {monthly
          ? '各环节时限可不填：按惯例为上月25日申报、27日审核、28日汇总、月末会议研究；惯例申报日已过的，从今天起顺延（申报至少留3天）。建立后仍可修改。'
          : '各环节时限可不填：按惯例为上周四申报，上周五审核、汇总并召开周例会研究；惯例申报日已过的，从今天起顺延。建立后仍可修改。'}
      </Typography.Paragraph>
      <ScheduleFields />
    </FormModal>
  );
}

// 缺挂单原因: tasks carried into a new month whose lead unit has not yet said why.
export function MissingReasons() {
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const list = useQuery({
    queryKey: ['carry-overs', 'missing', page],
    queryFn: () => call(api.GET('/api/v1/carry-overs', { params: { query: { missingReason: 'true', ...page } } })),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;
  return (
    <Card title={`缺挂单原因（${total}）`} variant="borderless" style={{ marginBottom: 16 }} loading={list.isPending}>
      <Table<CarryOverRow>
        size="small"
        rowKey="id"
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total,
          hideOnSinglePage: true,
          showTotal: (t) => `共 ${t} 项`,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '挂单事项均已说明原因' }}
        columns={[
          { title: '事项', key: 'title', render: (_, r) => <Link to={`/tasks/${r.taskId}`}>{r.task.title}</Link> },
          { title: '牵头单位', key: 'unit', width: 160, render: (_, r) => r.task.leadUnitName },
          { title: '挂单', key: 'months', width: 200, render: (_, r) => `${monthText(r.fromPeriod)} → ${monthText(r.toPeriod)}` },
          { title: '完成时限', key: 'deadline', width: 120, render: (_, r) => r.task.deadline },
          { title: '状态', key: 'status', width: 100, render: (_, r) => <StatusTag status={r.task.status} /> },
        ]}
      />
    </Card>
  );
}
