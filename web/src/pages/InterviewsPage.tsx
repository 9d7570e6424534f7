import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, isApiError, call } from '../api';
import { ErrorAlert } from '../components/feedback';
import { PageHeader } from '../components/PageHeader';
import { AdjustTag, InterviewStatusTag } from '../components/InterviewTags';
import { ColourLight } from '../components/TaskTags';
import { UnitTreeSelect } from '../components/UnitTreeSelect';
import { INTERVIEWS_KEY, type Interview, type InterviewFlag, type InterviewSuggestion } from '../interviews';
import { INTERVIEW_LEVEL_LABELS, INTERVIEW_STATUS_LABELS, INTERVIEW_STATUSES, STATUS_LABELS, type InterviewLevel, type InterviewStatus } from '../labels';
import { hasRole, useCurrentUser } from '../session';
import { TASKS_KEY } from '../tasks';
import { formatTime } from '../time';

export default function InterviewsPage() {
  const me = useCurrentUser();
  const canPropose = hasRole(me, 'office', 'assessment');
  const [params, setParams] = useSearchParams();
  const [proposing, setProposing] = useState(false);
  const status = INTERVIEW_STATUSES.find((s) => s === params.get('status'));
  const unitId = Number(params.get('unitId')) || undefined;

  function update(patch: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  }

  const query = { status, unitId };
  const list = useQuery({
    queryKey: [...INTERVIEWS_KEY, 'list', query],
    queryFn: () => call(api.GET('/api/v1/interviews', { params: { query } })).then((r) => r.items),
    placeholderData: keepPreviousData,
  });
  const flags = useQuery({
    queryKey: [...INTERVIEWS_KEY, 'flags'],
    queryFn: () => call(api.GET('/api/v1/interviews/flags')).then((r) => r.items),
  });
  // Above the list (narrower screens) the card shows only when someone is flagged.
  const wide = Grid.useBreakpoint().xxl ?? false;
  const showFlags = wide || (flags.data?.length ?? 0) > 0;

  const columns: TableColumnsType<Interview> = [
    { title: '单位', dataIndex: 'unitName', width: 120, render: (n: string, i) => <Link to={`/interviews/${i.id}`}>{n}</Link> },
    {
      title: '被约谈人',
      dataIndex: 'intervieweeName',
      width: 170,
      render: (n: string, i) => (
        <Space size={6} wrap>
          <span>{n}</span>
          {i.flagged && <AdjustTag />}
        </Space>
      ),
    },
    {
      title: '级别',
      dataIndex: 'level',
      width: 124,
      render: (l: InterviewLevel) => <Tag color={l === 'admonishment' ? 'red' : l === 'main_leader' ? 'volcano' : 'geekblue'}>{INTERVIEW_LEVEL_LABELS[l]}</Tag>,
    },
    { title: '事由', dataIndex: 'reason', ellipsis: { showTitle: true }, render: (r: string) => r },
    {
      title: '提出人 / 时间',
      key: 'proposed',
      width: 140,
      render: (_, i) => (
        <div>
          <div>{i.proposedByName}</div>
          <Typography.Text type="secondary" className="nowrap-time" style={{ fontSize: 12 }}>
            {formatTime(i.proposedAt).slice(0, 16)}
          </Typography.Text>
        </div>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 84, render: (s: InterviewStatus) => <InterviewStatusTag status={s} /> },
    { title: '约谈日期', dataIndex: 'heldOn', width: 104, render: (d: string | null) => d ?? '—' },
    { title: '操作', key: 'open', width: 64, render: (_, i) => <Link to={`/interviews/${i.id}`}>查看</Link> },
  ];

  const tabItems = [{ key: 'all', label: '全部' }, ...INTERVIEW_STATUSES.map((s) => ({ key: s, label: INTERVIEW_STATUS_LABELS[s] }))];

  return (
    <>
      <PageHeader
        title="约谈管理"
        section="督查督办"
        subTitle="督办后进展仍缓慢的，由组织部部长约谈单位主要负责人；仍不明显的，由主要领导约谈；一年内两次被约谈的，建议调整岗位"
        extra={
          canPropose && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>
              提出约谈建议
            </Button>
          )
        }
      />
      <Row gutter={16}>
        {/* Beside the list on a wide screen, above it otherwise: the flagged heads are what the leaders look for first. */}
        <Col xs={{ span: 24, order: 2 }} xxl={{ span: 17, order: 1 }}>
          <Card variant="borderless" style={{ marginBottom: 16 }}>
            <div className="interview-toolbar">
              <Tabs activeKey={status ?? 'all'} items={tabItems} onChange={(k) => update({ status: k === 'all' ? undefined : k })} />
              <Space>
                <Typography.Text type="secondary">单位</Typography.Text>
                <UnitTreeSelect
                  placeholder="全部单位"
                  style={{ width: 220 }}
                  value={unitId ?? null}
                  onChange={(v) => update({ unitId: v ? String(v) : undefined })}
                />
              </Space>
            </div>
            <Table<Interview>
              rowKey="id"
              size="middle"
              loading={list.isFetching}
              dataSource={list.data}
              columns={columns}
              scroll={{ x: 1000 }}
              pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 次` }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={list.isError ? list.error.message : '没有符合条件的约谈'} /> }}
            />
          </Card>
        </Col>
        {showFlags && (
          <Col xs={{ span: 24, order: 1 }} xxl={{ span: 7, order: 2 }}>
            <FlagsCard flags={flags.data ?? []} loading={flags.isPending} />
          </Col>
        )}
      </Row>
      {proposing && <ProposeDrawer onClose={() => setProposing(false)} />}
    </>
  );
}

function FlagsCard({ flags, loading }: { flags: InterviewFlag[]; loading: boolean }) {
  return (
    <Card title={`建议调整岗位（${flags.length}）`} variant="borderless" loading={loading} style={{ marginBottom: 16 }} className="flags-card">
      {flags.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有一年内两次被约谈的单位主要负责人" />
      ) : (
        <div className="flag-list">
          {flags.map((f) => (
            <div key={f.personId} className="flag-item">
              <div className="flag-head">
                <Space size={6}>
                  <Typography.Text strong>{f.name}</Typography.Text>
                  {f.title && <Typography.Text type="secondary">{f.title}</Typography.Text>}
                </Space>
                {f.stillHead ? <Tag color="red">待调整</Tag> : <Tag color="success">已调整</Tag>}
              </div>
              <ul className="flag-interviews">
                {f.interviews.map((i) => (
                  <li key={i.id}>
                    <Link to={`/interviews/${i.id}`}>
                      {i.heldOn} {i.unitName} · {INTERVIEW_LEVEL_LABELS[i.level]}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

interface ProposeFields {
  unitId: number;
  // 诫勉谈话 is opened by the months-overdue ladder, never proposed.
  level: Exclude<InterviewLevel, 'admonishment'>;
  taskIds: number[];
  reason: string;
}

function ProposeDrawer({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<ProposeFields>();
  const unitId = Form.useWatch('unitId', form) as number | null | undefined;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const suggestion = useQuery({
    queryKey: [...INTERVIEWS_KEY, 'suggest', unitId],
    queryFn: () => call(api.GET('/api/v1/interviews/suggest', { params: { query: { unitId: unitId! } } })),
    enabled: !!unitId,
  });
  // The unit's tasks, for "slow despite supervision"; the server takes only those the unit leads.
  const tasks = useQuery({
    queryKey: [...TASKS_KEY, 'ledger', { unitId, pageSize: 200, sort: 'deadline' }],
    queryFn: () => call(api.GET('/api/v1/tasks', { params: { query: { unitId: unitId ?? undefined, pageSize: 200, sort: 'deadline' } } })),
    enabled: !!unitId,
  });
  const led = (tasks.data?.items ?? []).filter((t) => t.leadUnitId === unitId);

  // A new unit brings its suggested level; the office may still choose the other.
  const s = suggestion.data;
  const suggestedUnit = s?.unitId;
  const suggestedLevel = s?.suggestedLevel;
  useEffect(() => {
    if (suggestedUnit !== undefined && suggestedUnit === unitId) form.setFieldValue('level', suggestedLevel);
  }, [form, unitId, suggestedUnit, suggestedLevel]);

  async function submit(v: ProposeFields) {
    setSaving(true);
    setError(null);
    try {
      const created = await call(
        api.POST('/api/v1/interviews', { body: { unitId: v.unitId, level: v.level, taskIds: v.taskIds ?? [], reason: v.reason.trim() } }),
      );
      void message.success(`已提出约谈建议，等待县领导审批`);
      await queryClient.invalidateQueries({ queryKey: INTERVIEWS_KEY });
      onClose();
      navigate(`/interviews/${created.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Drawer
      open
      title="提出约谈建议"
      size={600}
      onClose={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            提交建议
          </Button>
        </Space>
      }
    >
      {error !== null && <ErrorAlert error={error} />}
      <Form<ProposeFields> form={form} layout="vertical" onFinish={submit} autoComplete="off" initialValues={{ taskIds: [] }}>
        <Form.Item name="unitId" label="约谈单位" rules={[{ required: true, message: '请选择单位' }]}>
          <UnitTreeSelect placeholder="请选择进展缓慢的单位" onChange={() => form.setFieldValue('taskIds', [])} />
        </Form.Item>
        {unitId && suggestion.isError && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={isApiError(suggestion.error) ? suggestion.error.message : '无法取得该单位的约谈建议'}
          />
        )}
        {unitId && s && s.unitId === unitId && <SuggestionHint s={s} />}
        <Form.Item name="level" label="约谈级别" rules={[{ required: true, message: '请选择约谈级别' }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'organisation_head', label: INTERVIEW_LEVEL_LABELS.organisation_head },
              { value: 'main_leader', label: INTERVIEW_LEVEL_LABELS.main_leader },
            ]}
          />
        </Form.Item>
        <Form.Item name="taskIds" label="进展缓慢的事项" extra="该单位牵头的督办事项，可多选">
          <Select
            mode="multiple"
            allowClear
            disabled={!unitId}
            loading={tasks.isFetching}
            placeholder={unitId ? '选择事项' : '请先选择单位'}
            optionFilterProp="title"
            notFoundContent={unitId ? '该单位没有牵头的事项' : null}
            options={led.map((t) => ({
              value: t.id,
              title: t.title,
              label: (
                <span className="task-option">
                  <ColourLight colour={t.colour} compact />
                  <span className="task-option-title">{t.title}</span>
                  <Typography.Text type="secondary" className="task-option-meta">
                    {STATUS_LABELS[t.status]} · {t.deadline}
                  </Typography.Text>
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item name="reason" label="约谈事由" rules={[{ required: true, whitespace: true, message: '请填写约谈事由' }]}>
          <Input.TextArea rows={5} maxLength={2000} showCount placeholder="如：经催办、预警，老旧小区改造等 2 项重点工作仍进展缓慢，超期 10 天以上" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function SuggestionHint({ s }: { s: InterviewSuggestion }) {
  const last = s.lastInterview;
  const text =
    s.suggestedLevel === 'main_leader' && last
      ? `已于 ${last.heldOn} 被约谈（${INTERVIEW_LEVEL_LABELS[last.level]}），约谈后成效仍不明显的，建议由主要领导约谈。`
      : last
        ? `上次约谈为 ${last.heldOn}，已超过一年，建议由组织部部长约谈。`
        : '此前未被约谈，建议由组织部部长约谈。';
  return (
    <Alert
      type={s.flagged ? 'error' : s.suggestedLevel === 'main_leader' ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      title={`被约谈人：${s.headName}（${s.unitName}主要负责人）`}
      description={
        <>
          {text}
          {s.flagged && <div>该同志一年内已两次被约谈，按规定建议对其岗位进行调整。</div>}
        </>
      }
    />
  );
}
