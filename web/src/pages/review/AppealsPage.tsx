import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Pagination,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { APPEAL_STATUS_LABELS, APPEAL_STATUSES, type AppealStatus } from '@shared/labels';
import { api, call, type Schemas } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { usePhone } from '../../phone';
import { hasRole, useCurrentUser } from '../../session';
import { formatTime } from '../../time';

type Appeal = Schemas['Appeal'];

const STATUS_COLOURS: Record<AppealStatus, string> = { open: 'orange', upheld: 'green', dismissed: 'default' };
const points = (v: number) => (v > 0 ? `+${v}` : String(v));

export default function AppealsPage() {
  const me = useCurrentUser();
  const decider = hasRole(me, 'office', 'assessment');
  const [params, setParams] = useSearchParams();
  const status = APPEAL_STATUSES.find((s) => s === params.get('status'));
  const period = /^\d{4}-\d{2}$/.test(params.get('period') ?? '') ? params.get('period')! : undefined;
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const [deciding, setDeciding] = useState<Appeal | null>(null);
  const phone = usePhone();

  function update(patch: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  }

  const query = { status, period, page, pageSize };
  const list = useQuery({
    queryKey: ['appeals', query],
    queryFn: () => call(api.GET('/api/v1/appeals', { params: { query } })),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<Appeal> = [
    { title: '月份', dataIndex: 'period', width: 90, render: (p: string) => <Link to={`/reviews?period=${p}`}>{p}</Link> },
    ...(decider ? [{ title: '单位', dataIndex: 'unitName', width: 140 }] : []),
    {
      title: '申诉对象',
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <Typography.Text type="secondary">{a.objectLabel}</Typography.Text>
          {a.taskId ? <Link to={`/tasks/${a.taskId}`}>{a.subject}</Link> : a.subject}
        </Space>
      ),
    },
    {
      title: '理由与依据',
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <span>{a.reason}</span>
          <Typography.Text type="secondary">依据：{a.evidence}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '提出 / 截止',
      width: 150,
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <span>{formatTime(a.filedAt)}</span>
          <Typography.Text type="secondary">截止 {a.deadline}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (s: AppealStatus) => <StatusTag status={s} />,
    },
    {
      title: '处理意见',
      render: (_, a) =>
        a.status === 'open' ? (
          decider ? (
            <a onClick={() => setDeciding(a)} data-testid={`decide-${a.id}`}>
              处理
            </a>
          ) : (
            <Typography.Text type="secondary">待督查室处理</Typography.Text>
          )
        ) : (
          <Space direction="vertical" size={0}>
            <span>{a.decisionReason}</span>
            {a.correction && <Typography.Text type="success">更正 {points(a.correction.points)} 分</Typography.Text>}
            {a.decidedAt && <Typography.Text type="secondary">{formatTime(a.decidedAt)}</Typography.Text>}
          </Space>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="申诉"
        section="考核评价"
        subTitle={
          decider
            ? '各单位对已发布月点评的申诉；处理须写明理由，申诉成立的记录更正，显示在原得分旁，不修改已发布的得分'
            : '月点评发布后规定工作日内，可在月点评得分明细中对本单位的扣分事项提出申诉'
        }
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder="状态"
              style={{ width: 130 }}
              value={status}
              onChange={(v?: AppealStatus) => update({ status: v, page: undefined })}
              options={APPEAL_STATUSES.map((s) => ({ value: s, label: APPEAL_STATUS_LABELS[s] }))}
            />
            <DatePicker
              picker="month"
              format="YYYY年MM月"
              placeholder="月份"
              value={period ? dayjs(`${period}-01`) : null}
              onChange={(d) => update({ period: d ? d.format('YYYY-MM') : undefined, page: undefined })}
            />
          </Space>
        }
      />
      {list.isError && <Alert type="warning" showIcon message={(list.error as Error).message} style={{ marginBottom: 16 }} />}
      {phone ? (
        // On a unit's phone: one card per appeal, its state at a glance.
        <Space direction="vertical" style={{ width: '100%' }}>
          {(list.data?.items ?? []).map((a) => (
            <Card key={a.id} size="small" title={`${a.period} · ${a.objectLabel}`} extra={<StatusTag status={a.status} />}>
              <Space direction="vertical" size={2}>
                {a.taskId ? <Link to={`/tasks/${a.taskId}`}>{a.subject}</Link> : a.subject}
                <span>理由：{a.reason}</span>
                <Typography.Text type="secondary">依据：{a.evidence}</Typography.Text>
                <Typography.Text type="secondary">
                  提出 {formatTime(a.filedAt)} · 截止 {a.deadline}
                </Typography.Text>
                {a.decisionReason && <span>处理意见：{a.decisionReason}</span>}
                {a.correction && <Typography.Text type="success">更正 {points(a.correction.points)} 分</Typography.Text>}
              </Space>
            </Card>
          ))}
          <Pagination
            simple
            current={page}
            pageSize={pageSize}
            total={list.data?.total ?? 0}
            showTotal={(t) => `共 ${t} 条`}
            onChange={(p) => update({ page: String(p) })}
          />
        </Space>
      ) : (
        <Table<Appeal>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, size) => update({ page: String(p), pageSize: String(size) }),
          }}
        />
      )}
      <DecideDialog appeal={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}

const StatusTag = ({ status }: { status: AppealStatus }) => <Tag color={STATUS_COLOURS[status]}>{APPEAL_STATUS_LABELS[status]}</Tag>;

function DecideDialog({ appeal, onClose }: { appeal: Appeal | null; onClose: () => void }) {
  const { message } = App.useApp();
  const phone = usePhone();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ decision: 'uphold' | 'dismiss'; points?: number; reason: string }>();
  const decision = Form.useWatch('decision', form);
  return (
    <Modal
      open={appeal !== null}
      title="处理申诉"
      okText="确定"
      cancelText="取消"
      width={phone ? '100%' : 600}
      destroyOnHidden
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then(async (v) => {
          try {
            const body = v.decision === 'uphold' ? { decision: v.decision, reason: v.reason, points: v.points } : { decision: v.decision, reason: v.reason };
            await call(api.POST('/api/v1/appeals/{id}/decide', { params: { path: { id: appeal!.id } }, body }));
            void message.success(v.decision === 'uphold' ? '申诉成立，已记录更正' : '已处理：申诉不成立');
            onClose();
            await Promise.all([queryClient.invalidateQueries({ queryKey: ['appeals'] }), queryClient.invalidateQueries({ queryKey: ['reviews'] })]);
          } catch (e) {
            void message.error((e as Error).message);
          }
        })
      }
    >
      {appeal && (
        <>
          <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
            <Descriptions.Item label="单位">
              {appeal.unitName}（{appeal.period}）
            </Descriptions.Item>
            <Descriptions.Item label={appeal.objectLabel}>{appeal.subject}</Descriptions.Item>
            <Descriptions.Item label="申诉理由">{appeal.reason}</Descriptions.Item>
            <Descriptions.Item label="依据">{appeal.evidence}</Descriptions.Item>
          </Descriptions>
          <Form form={form} layout="vertical" initialValues={{ decision: 'uphold', points: appeal.suggestedPoints ?? 0 }}>
            <Form.Item name="decision" label="处理结果">
              <Radio.Group
                options={[
                  { value: 'uphold', label: '申诉成立' },
                  { value: 'dismiss', label: '申诉不成立' },
                ]}
              />
            </Form.Item>
            {decision !== 'dismiss' && (
              <Form.Item name="points" label="更正分值（加到发布得分上；默认冲回被申诉的扣分）" rules={[{ required: true, message: '请填写更正分值' }]}>
                <InputNumber step={0.1} precision={2} style={{ width: 160 }} />
              </Form.Item>
            )}
            <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写处理理由' }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
