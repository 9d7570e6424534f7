import {
  ApartmentOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  EditOutlined,
  ExclamationCircleOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FileWordOutlined,
  FormOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Popconfirm,
  Progress,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Timeline,
  Typography,
  type DescriptionsProps,
  type StepsProps,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, isApiError, call } from '../api';
import { errorMessage, useShowError } from '../components/feedback';
import { TaskFiles } from '../components/TaskFiles';
import { FormModal } from '../components/FormModal';
import { PageHeader } from '../components/PageHeader';
import { ClosingRequestModal } from '../components/ClosingRequestModal';
import { CarryOverCard, CarryOverTag } from '../components/CarryOver';
import { ReportModal } from '../components/ReportModal';
import { SheetKindTag } from '../components/SheetKindTag';
import { DueDatesCard, SignSheetButton, UrgeTaskButton, useSignsFor } from '../components/TaskChasing';
import { SHEET_KIND_HEX } from '../chasing';
import { ColourTag, DeadlineCountdown, StatusTag } from '../components/TaskTags';
import {
  ACTION_LABELS,
  COLOUR_HEX,
  eventLabel,
  LEVEL_LABELS,
  OPEN_STATUSES,
  SOURCE_LABELS,
  STATUS_LABELS,
  type SheetKind,
  type TaskAction,
  type TaskStatus,
} from '../labels';
import {
  cadenceText,
  daysBetween,
  leaderOptions,
  taskKey,
  TASKS_KEY,
  useLeaders,
  useServerToday,
  useTask,
  type ClosingRequestItem,
  type TaskDetail,
  type TaskEvent,
  type TaskReport,
} from '../tasks';
import { formatTime } from '../time';

const historyKey = (id: number) => ['task', id, 'history'];

export default function TaskPage() {
  const id = Number(useParams().id);
  const task = useTask(id);
  const history = useQuery({
    queryKey: historyKey(id),
    queryFn: () => call(api.GET('/api/v1/tasks/{id}/history', { params: { path: { id } } })).then((r) => r.items),
    enabled: Number.isInteger(id) && id > 0,
  });
  const today = useServerToday();

  if (!Number.isInteger(id) || id <= 0 || isApiError(task.error, 404)) {
    return (
      <Result
        status="404"
        title="事项不存在"
        subTitle="该事项不存在，或不在您的查看范围内。"
        extra={
          <Link to="/tasks">
            <Button type="primary">返回工作台账</Button>
          </Link>
        }
      />
    );
  }
  if (task.isError)
    return <Result status="error" title="无法加载事项" subTitle={errorMessage(task.error)} extra={<Button onClick={() => void task.refetch()}>重试</Button>} />;
  if (!task.data) return <Spin size="large" className="page-spin" />;
  const t = task.data;
  const events = history.data ?? [];

  return (
    <>
      <PageHeader
        title={t.title}
        crumb="事项详情"
        section="督查督办"
        parents={[{ title: '工作台账', to: '/tasks' }]}
        tags={
          <Space size={6}>
            <ColourTag colour={t.colour} />
            <StatusTag status={t.status} />
            {t.level === 'major' && <Tag color="red">重大</Tag>}
            {t.closedLate && <Tag color="orange">逾期销号</Tag>}
            <CarryOverTag taskId={t.id} />
          </Space>
        }
        subTitle={
          <>
            事项编号 #{t.id} · {SOURCE_LABELS[t.source]}
            {t.categoryName ? ` · ${t.categoryName}` : ''} · 所属月份 {t.period.replace('-', '年')}月
            {t.parentId !== null && (
              <>
                {' · '}
                <Link to={`/tasks/${t.parentId}`}>查看上级事项</Link>
              </>
            )}
          </>
        }
        extra={<TaskActions task={t} />}
      />

      {t.status === 'suspended' && t.suspendedFrom && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`事项已暂缓（暂缓前为“${STATUS_LABELS[t.suspendedFrom]}”），暂缓期间不亮灯、不催办。`}
        />
      )}

      <Summary task={t} today={today} />

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <ThreeDefinitions task={t} />
          <MilestoneCard task={t} today={today} />
          <ReportsCard task={t} events={events} />
          <ChildrenCard task={t} today={today} />
        </Col>
        <Col xs={24} xl={8}>
          <ClosingCard task={t} />
          <CarryOverCard task={t} />
          <DueDatesCard task={t} />
          <SheetsCard task={t} />
          <HistoryCard events={events} loading={history.isPending} />
        </Col>
      </Row>
    </>
  );
}

// ---- Header figures

function Summary({ task: t, today }: { task: TaskDetail; today: string }) {
  const next = t.milestones.find((m) => !m.doneDate);
  const last = t.reports[0];
  return (
    <Card variant="borderless" style={{ marginBottom: 16 }}>
      <Row gutter={[24, 16]} className="task-summary">
        <Col xs={24} sm={12} lg={6}>
          <div className="summary-label">完成进度</div>
          <Progress percent={t.percent} strokeColor={t.colour === 'red' ? COLOUR_HEX.red : undefined} status={t.status === 'closed' ? 'success' : 'normal'} />
          <div className="summary-note">{t.children.length ? `由 ${t.children.length} 个子事项平均得出` : '以最近一次进度反馈为准'}</div>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <div className="summary-label">完成时限</div>
          <div className="summary-value">{t.deadline}</div>
          <div className="summary-note">
            <DeadlineCountdown deadline={t.deadline} status={t.status} today={today} closedOn={t.closedOn} />
            {!OPEN_STATUSES.includes(t.status) && t.status !== 'closed' && `开始于 ${t.startDate}`}
          </div>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <div className="summary-label">下一关键节点</div>
          <div className="summary-value summary-ellipsis">{next ? next.name : t.milestones.length ? '全部完成' : '未设置'}</div>
          <div className="summary-note">
            {next ? (
              <>
                {next.dueDate}{' '}
                {next.dueDate < today ? (
                  <Typography.Text type="danger">已滞后 {daysBetween(next.dueDate, today)} 天</Typography.Text>
                ) : (
                  `还有 ${daysBetween(today, next.dueDate)} 天`
                )}
              </>
            ) : (
              `共 ${t.milestones.length} 个节点`
            )}
          </div>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <div className="summary-label">最近反馈</div>
          <div className="summary-value">{last ? formatTime(last.reportedAt).slice(0, 16) : '暂无'}</div>
          <div className="summary-note">{cadenceText(t.reportCadence)}</div>
        </Col>
      </Row>
    </Card>
  );
}

// ---- 三定

function ThreeDefinitions({ task: t }: { task: TaskDetail }) {
  const basic: DescriptionsProps['items'] = [
    { key: 'source', label: '来源', children: SOURCE_LABELS[t.source] },
    { key: 'category', label: '类别', children: t.categoryName ?? '—' },
    { key: 'level', label: '等级', children: t.level === 'major' ? <Tag color="red">重大</Tag> : LEVEL_LABELS[t.level] },
    { key: 'tags', label: '标签', children: t.tags.length ? t.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—' },
    { key: 'description', label: '具体内容', span: 2, children: <Multiline text={t.description} /> },
  ];
  const owner: DescriptionsProps['items'] = [
    { key: 'leader', label: '责任领导', children: t.leadLeaderName ?? '—' },
    { key: 'unit', label: '牵头单位', children: t.leadUnitName },
    {
      key: 'person',
      label: '责任人',
      span: 2,
      children: t.responsibleName ? (
        <Space size="middle">
          <span>{t.responsibleName}</span>
          {t.responsiblePhone && <Typography.Text copyable={{ tooltips: ['复制电话', '已复制'] }}>{t.responsiblePhone}</Typography.Text>}
        </Space>
      ) : (
        '—'
      ),
    },
    {
      key: 'cooperators',
      label: '配合单位',
      span: 2,
      children: t.cooperators.length ? (
        <ul className="cooperator-list">
          {t.cooperators.map((c) => (
            <li key={c.unitId}>
              <Typography.Text strong>{c.unitName}</Typography.Text>
              {c.part && <span className="cooperator-part">分工：{c.part}</span>}
            </li>
          ))}
        </ul>
      ) : (
        '无'
      ),
    },
  ];
  const schedule: DescriptionsProps['items'] = [
    { key: 'start', label: '开始日期', children: t.startDate },
    { key: 'deadline', label: '完成时限', children: t.deadline },
    { key: 'cadence', label: '报送频次', children: cadenceText(t.reportCadence) },
    {
      key: 'milestones',
      label: '关键节点',
      children: t.milestones.length ? `${t.milestones.filter((m) => m.doneDate).length} / ${t.milestones.length} 已完成` : '未设置',
    },
  ];
  const quality: DescriptionsProps['items'] = [
    { key: 'standard', label: '工作标准', span: 2, children: <Multiline text={t.standard} /> },
    { key: 'evidence', label: '销号佐证', span: 2, children: t.evidenceRequired ? '申请销号时须提供佐证材料' : '不强制要求' },
  ];
  const desc = (title: string, items: DescriptionsProps['items']) => (
    <Descriptions title={title} bordered size="small" column={{ xs: 1, md: 2 }} items={items} styles={{ label: { width: 110 } }} style={{ marginBottom: 20 }} />
  );
  return (
    <Card title="事项内容与三定" variant="borderless" style={{ marginBottom: 16 }}>
      {desc('基本信息', basic)}
      {desc('定责任', owner)}
      {desc('定进度', schedule)}
      {desc('定质量', quality)}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={t.indicators}
        locale={{ emptyText: '未设置量化指标' }}
        columns={[
          { title: '量化指标', dataIndex: 'name' },
          { title: '目标值', key: 'target', width: 140, render: (_, i) => `${i.target} ${i.unitOfMeasure}` },
          {
            title: '实际完成',
            key: 'actual',
            width: 140,
            render: (_, i) => (i.actual === null ? <Typography.Text type="secondary">未填报</Typography.Text> : `${i.actual} ${i.unitOfMeasure}`),
          },
          {
            title: '完成率',
            key: 'rate',
            width: 180,
            render: (_, i) =>
              i.actual === null || i.target === 0 ? (
                '—'
              ) : (
                <Progress percent={Math.round((i.actual / i.target) * 100)} size="small" status={i.actual >= i.target ? 'success' : 'normal'} />
              ),
          },
        ]}
      />
    </Card>
  );
}

function Multiline({ text }: { text: string }) {
  return text ? <div className="multiline">{text}</div> : <Typography.Text type="secondary">未填写</Typography.Text>;
}

// ---- 关键节点

function MilestoneCard({ task: t, today }: { task: TaskDetail; today: string }) {
  if (t.milestones.length === 0) return null;
  const firstOpen = t.milestones.findIndex((m) => !m.doneDate);
  const items: StepsProps['items'] = t.milestones.map((m, i) => {
    const late = !m.doneDate && m.dueDate < today;
    return {
      title: m.name,
      status: m.doneDate ? 'finish' : late ? 'error' : i === firstOpen ? 'process' : 'wait',
      content: (
        <div className="milestone-content">
          <div>计划 {m.dueDate}</div>
          {m.doneDate ? (
            <Typography.Text type="success">
              {m.doneDate} 完成{m.evidence ? `：${m.evidence}` : ''}
            </Typography.Text>
          ) : late ? (
            <Typography.Text type="danger">已滞后 {daysBetween(m.dueDate, today)} 天</Typography.Text>
          ) : (
            <Typography.Text type="secondary">未完成</Typography.Text>
          )}
        </div>
      ),
    };
  });
  return (
    <Card title="关键节点" variant="borderless" style={{ marginBottom: 16 }}>
      <Steps size="small" orientation={t.milestones.length > 4 ? 'vertical' : 'horizontal'} items={items} />
    </Card>
  );
}

// ---- 进度反馈

function ReportsCard({ task: t, events }: { task: TaskDetail; events: TaskEvent[] }) {
  // The report row carries the account id; the matching history entry carries the name.
  const reporter = (r: TaskReport) => events.find((e) => e.kind === 'report' && e.actorId === r.reportedBy && e.at === r.reportedAt)?.actorName;
  const milestoneName = (id: number) => t.milestones.find((m) => m.id === id)?.name ?? `节点 #${id}`;
  const indicator = (id: number) => t.indicators.find((i) => i.id === id);
  return (
    <Card title={`进度反馈（${t.reports.length}）`} variant="borderless" style={{ marginBottom: 16 }}>
      {t.reports.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.canReport ? '还没有进度反馈，请点击右上角“反馈进度”' : '还没有进度反馈'} />
      ) : (
        <div className="report-list">
          {t.reports.map((r) => (
            <div key={r.id} className="report-item">
              <div className="report-head">
                <Space size="middle" wrap>
                  <Typography.Text strong>{formatTime(r.reportedAt).slice(0, 16)}</Typography.Text>
                  <span>{reporter(r) ?? '牵头单位'}</span>
                  {r.percent !== null && <Tag color="blue">完成 {r.percent}%</Tag>}
                </Space>
              </div>
              <div className="multiline">{r.text}</div>
              {r.problems && <ReportLine label="存在问题" text={r.problems} />}
              {r.coordination && <ReportLine label="需协调事项" text={r.coordination} />}
              {r.milestonesDone.length > 0 && (
                <ReportLine
                  label="节点完成"
                  text={r.milestonesDone.map((m) => `${milestoneName(m.milestoneId)}（${m.doneDate}${m.evidence ? `，${m.evidence}` : ''}）`).join('；')}
                />
              )}
              {r.indicatorActuals.length > 0 && (
                <ReportLine
                  label="指标完成"
                  text={r.indicatorActuals
                    .map((a) => {
                      const i = indicator(a.indicatorId);
                      return i ? `${i.name} ${a.actual}${i.unitOfMeasure}（目标 ${i.target}${i.unitOfMeasure}）` : `${a.actual}`;
                    })
                    .join('；')}
                />
              )}
              {r.attachments.length > 0 && <TaskFiles taskId={t.id} files={r.attachments} />}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

function ReportLine({ label, text }: { label: string; text: string }) {
  return (
    <div className="report-line">
      <Typography.Text type="secondary">{label}：</Typography.Text>
      <span className="multiline">{text}</span>
    </div>
  );
}

// ---- 子事项

function ChildrenCard({ task: t, today }: { task: TaskDetail; today: string }) {
  const navigate = useNavigate();
  if (t.children.length === 0 && !t.canDecompose) return null;
  return (
    <Card
      title={`子事项（${t.children.length}）`}
      variant="borderless"
      style={{ marginBottom: 16 }}
      extra={
        t.canDecompose && (
          <Button size="small" icon={<ApartmentOutlined />} onClick={() => navigate(`/tasks/${t.id}/decompose`)}>
            分解
          </Button>
        )
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={t.children}
        locale={{ emptyText: '尚未分解子事项' }}
        columns={[
          { title: '子事项', dataIndex: 'title', render: (title: string, c) => <Link to={`/tasks/${c.id}`}>{title}</Link> },
          { title: '牵头单位', dataIndex: 'leadUnitName', width: 140 },
          {
            title: '完成时限',
            dataIndex: 'deadline',
            width: 130,
            render: (d: string, c) => (
              <div>
                <div>{d}</div>
                <DeadlineCountdown deadline={d} status={c.status} today={today} />
              </div>
            ),
          },
          { title: '进度', dataIndex: 'percent', width: 150, render: (p: number, c) => <Progress percent={c.status === 'closed' ? 100 : p} size="small" /> },
          { title: '状态', dataIndex: 'status', width: 100, render: (s: TaskStatus) => <StatusTag status={s} /> },
        ]}
      />
    </Card>
  );
}

// ---- 销号申请 (三部联审)

const closingKey = (id: number) => ['task', id, 'closing-requests'];
const CLOSING_STATUS: Record<ClosingRequestItem['status'], { label: string; color: string }> = {
  pending: { label: '联审中', color: 'processing' },
  approved: { label: '已同意销号', color: 'success' },
  rejected: { label: '退回整改', color: 'error' },
};

function ClosingCard({ task: t }: { task: TaskDetail }) {
  const requests = useQuery({
    queryKey: closingKey(t.id),
    queryFn: () => call(api.GET('/api/v1/tasks/{id}/closing-requests', { params: { path: { id: t.id } } })).then((r) => r.items),
    // Only tasks that reached the closing stage can have requests.
    enabled: ['closing_requested', 'returned', 'closed'].includes(t.status),
  });
  const items = requests.data ?? [];
  if (items.length === 0) return null;
  return (
    <Card title="销号记录" variant="borderless" style={{ marginBottom: 16 }}>
      <div className="sheet-list">
        {[...items].reverse().map((r) => (
          <div key={r.id} className="closing-item">
            <div className="sheet-head">
              <Space size={8}>
                <Link to={`/closing-requests/${r.id}`}>{formatTime(r.filedAt).slice(0, 16)}</Link>
                <span>{r.filedByName}</span>
              </Space>
              <Tag color={CLOSING_STATUS[r.status].color} style={{ marginInlineEnd: 0 }}>
                {CLOSING_STATUS[r.status].label}
              </Tag>
            </div>
            <div className="sheet-times">
              完成日期 {r.finishedOn}
              {r.late && (
                <Tag color="orange" style={{ marginInlineStart: 8 }}>
                  逾期完成
                </Tag>
              )}
            </div>
            <Space size={[6, 6]} wrap style={{ marginTop: 6 }}>
              {r.offices.map((o) => (
                <Tag key={o.id} color={o.decision === 'approve' ? 'success' : o.decision === 'reject' ? 'error' : 'default'}>
                  {o.name}：{o.decision === 'approve' ? '同意' : o.decision === 'reject' ? '不同意' : '待审核'}
                </Tag>
              ))}
            </Space>
          </div>
        ))}
      </div>
    </Card>
  );
}

// ---- 交办单 and 历程

function SheetsCard({ task: t }: { task: TaskDetail }) {
  const signsFor = useSignsFor(t);
  return (
    <Card title={`督办单据（${t.sheets.length}）`} variant="borderless" style={{ marginBottom: 16 }} extra={<UrgeTaskButton task={t} />}>
      {t.sheets.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="交办后自动生成工作交办单" />
      ) : (
        <div className="sheet-list">
          {[...t.sheets].reverse().map((s) => (
            <div key={s.id} className="sheet-item" data-kind={s.kind} style={{ borderLeftColor: SHEET_KIND_HEX[s.kind as SheetKind] }}>
              <div className="sheet-head">
                <Space size={8}>
                  <FileTextOutlined style={{ color: SHEET_KIND_HEX[s.kind as SheetKind] ?? '#c8102e' }} />
                  <SheetKindTag kind={s.kind} />
                  <span className="sheet-number">{s.number}</span>
                </Space>
                {s.kind === 'assignment' && (
                  <a href={`/api/v1/tasks/${t.id}/sheets/${s.id}/docx`} download>
                    <FileWordOutlined /> 下载Word
                  </a>
                )}
                {s.kind !== 'assignment' && !s.signedAt && signsFor && <SignSheetButton task={t} sheet={s} />}
              </div>
              <div className="sheet-times">
                {s.content.due && <div>所催时限：{s.content.due}</div>}
                {s.content.note && <div className="sheet-reason">催办说明：{s.content.note}</div>}
                <div>下发：{formatTime(s.issuedAt)}</div>
                {s.signedAt && <div>签收：{formatTime(s.signedAt)}</div>}
                {s.declinedAt && (
                  <div>
                    <Typography.Text type="danger">退回：{formatTime(s.declinedAt)}</Typography.Text>
                    {s.declineReason && <div className="sheet-reason">原因：{s.declineReason}</div>}
                  </div>
                )}
                {!s.signedAt && !s.declinedAt && <Tag color="warning">待签收</Tag>}
              </div>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

const EVENT_COLORS: Record<string, string> = {
  created: 'gray',
  decomposed: 'gray',
  edited: 'gray',
  assign: 'blue',
  sign: 'cyan',
  report: 'blue',
  close: 'green',
  decline: 'red',
  return: 'red',
  cancel: 'red',
  suspend: 'orange',
};

function HistoryCard({ events, loading }: { events: TaskEvent[]; loading: boolean }) {
  return (
    <Card title="事项历程" variant="borderless" loading={loading} style={{ marginBottom: 16 }}>
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
      ) : (
        <Timeline
          items={[...events].reverse().map((e) => ({
            key: e.id,
            color: EVENT_COLORS[e.kind] ?? 'blue',
            icon: e.kind === 'close' ? <CheckCircleOutlined /> : undefined,
            content: (
              <div className="history-item">
                <div>
                  <Typography.Text strong>{eventLabel(e.kind)}</Typography.Text>
                  <span className="history-actor">{e.actorName}</span>
                </div>
                <div className="history-time">{formatTime(e.at)}</div>
                {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus && (
                  <div className="history-status">
                    {STATUS_LABELS[e.fromStatus]} → {STATUS_LABELS[e.toStatus]}
                  </div>
                )}
                {e.note && <div className="history-note">{e.note}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

// ---- Actions: only what the server offers in `actions`, plus 编辑 / 分解 / 反馈进度 by its flags.

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

function TaskActions({ task: t }: { task: TaskDetail }) {
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
    await Promise.all([queryClient.invalidateQueries({ queryKey: historyKey(t.id) }), queryClient.invalidateQueries({ queryKey: TASKS_KEY })]);
  }

  async function run(action: TaskAction, body: { reason?: string; approverLeaderId?: number } = {}) {
    const detail = await call(api.POST('/api/v1/tasks/{id}/{action}', { params: { path: { id: t.id, action } }, body }));
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
            await queryClient.invalidateQueries({ queryKey: closingKey(t.id) });
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
        onDone(
          await call(
            api.POST('/api/v1/tasks/{id}/{action}', {
              params: { path: { id: task.id, action } },
              body: { reason: reason.trim(), ...(approverLeaderId ? { approverLeaderId } : {}) },
            }),
          ),
        )
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
